// Shared building blocks of the D3 charts: measured width, idempotent layer creation (so that effects
// may run twice under StrictMode and on every data update without re-creating the scaffold), axis
// styling readable on a projector, and log-scale tick formatting.

import { useEffect, useState, type RefObject } from 'react';
import { format, symbol, symbolCircle, symbolSquare, symbolStar, type Axis, type AxisDomain, type ScaleLogarithmic, type Selection } from 'd3';
import { INK } from './colors';

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const TICK_FONT_SIZE = 14;
export const LABEL_FONT_SIZE = 15;
export const TITLE_FONT_SIZE = 16;
export const LINE_WIDTH = 2;

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const DEFAULT_MARGIN: Margin = { top: 30, right: 16, bottom: 48, left: 70 };

/** The content-box width of an element, tracked with a ResizeObserver (0 until measured). */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(Math.floor(element.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      const next = Math.floor(entry.contentRect.width);
      setWidth((previous) => (previous === next ? previous : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** The selections the charts work with: one element, no bound data, no parent. */
export type Sel<E extends Element = SVGElement> = Selection<E, unknown, null, undefined>;

/**
 * The single child `<tag class="className">` of parent, created on first use. Charts build their
 * scaffold through this on every draw, so draws are idempotent and order-independent.
 */
export function layer<P extends SVGElement, K extends keyof SVGElementTagNameMap>(
  parent: Sel<P>,
  tag: K,
  className: string,
): Sel<SVGElementTagNameMap[K]> {
  const existing = parent.select<SVGElementTagNameMap[K]>(`:scope > ${tag}.${className}`);
  if (!existing.empty()) return existing;
  return parent.append<SVGElementTagNameMap[K]>(tag).attr('class', className);
}

/** Draw an axis into g and style it for a projector (large ticks, dark ink). */
export function drawAxis<Domain extends AxisDomain>(g: Sel<SVGGElement>, axis: Axis<Domain>): void {
  g.call(axis);
  g.attr('font-size', TICK_FONT_SIZE).attr('font-family', FONT_FAMILY);
  g.selectAll('.domain').attr('stroke', INK);
  g.selectAll('.tick line').attr('stroke', INK);
  g.selectAll('.tick text').attr('fill', INK);
}

/** An axis label (centred text) kept in `g`. */
export function axisLabel(
  g: Sel<SVGGElement>,
  className: string,
  text: string,
  x: number,
  y: number,
  rotate = false,
): void {
  layer(g, 'text', className)
    .attr('x', rotate ? -y : x)
    .attr('y', rotate ? x : y)
    .attr('transform', rotate ? 'rotate(-90)' : null)
    .attr('text-anchor', 'middle')
    .attr('font-size', LABEL_FONT_SIZE)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(text);
}

const SUPERSCRIPTS: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10ⁿ written with Unicode superscripts (readable and exported as plain text). */
export function powerOfTen(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return '10' + String(exponent).replace(/[-0-9]/g, (c) => SUPERSCRIPTS[c] ?? c);
}

const compact = format('.2~g');

/**
 * Tick values and formatter for a log scale: whole decades when the domain spans two or more (thinned
 * to at most `maxTicks`), otherwise a few ticks in plain notation.
 */
export function logTicks(scale: ScaleLogarithmic<number, number>, maxTicks = 6): { values: number[]; format: (v: number) => string } {
  const [a, b] = scale.domain();
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  if (last - first >= 1) {
    const count = last - first + 1;
    const stride = Math.max(1, Math.ceil(count / maxTicks));
    const values: number[] = [];
    for (let e = last; e >= first; e -= stride) values.push(10 ** e);
    return { values, format: (v) => powerOfTen(Math.round(Math.log10(v))) };
  }
  const values = scale.ticks(4).filter((v) => v >= lo && v <= hi);
  return { values: values.length > 1 ? values : [lo, hi], format: (v) => compact(v) };
}

/** Index of the element of sorted `values` nearest to `target` (−1 for an empty array). */
export function nearestSortedIndex(values: ArrayLike<number>, target: number): number {
  const n = values.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= target) lo = mid;
    else hi = mid;
  }
  return Math.abs(values[lo] - target) <= Math.abs(values[hi] - target) ? lo : hi;
}

/** An SVG path through (x_i, y_i), breaking at non-finite points; empty string if nothing is drawable. */
export function polylinePath(
  count: number,
  xAt: (i: number) => number,
  yAt: (i: number) => number,
): string {
  let path = '';
  let pen = false;
  for (let i = 0; i < count; i++) {
    const x = xAt(i);
    const y = yAt(i);
    if (Number.isFinite(x) && Number.isFinite(y)) {
      path += (pen ? 'L' : 'M') + x.toFixed(1) + ',' + y.toFixed(1);
      pen = true;
    } else {
      pen = false;
    }
  }
  return path;
}

export interface LegendItem {
  key: string;
  label: string;
  color: string;
  /** stroke-dasharray of the sample line (none: solid). */
  dash?: string;
  /** Draw a filled band behind the sample line (ensembles). */
  band?: boolean;
  /** Draw a marker instead of a line. */
  marker?: 'circle' | 'star' | 'square';
}

/**
 * A one-row (wrapping) legend of line samples and labels, drawn into `g` with its top-left corner at
 * the origin of g; returns the height used.
 */
export function drawLegend(g: Sel<SVGGElement>, items: readonly LegendItem[], maxWidth: number): number {
  const sample = 22;
  const gap = 16;
  const rowHeight = 20;
  const entries = g
    .selectAll<SVGGElement, LegendItem>('g.legend-item')
    .data(items, (d) => d.key)
    .join((enter) => {
      const entry = enter.append('g').attr('class', 'legend-item');
      entry.append('rect').attr('class', 'legend-band');
      entry.append('line').attr('class', 'legend-line');
      entry.append('path').attr('class', 'legend-marker');
      entry.append('text').attr('class', 'legend-label');
      return entry;
    });
  entries
    .select('rect.legend-band')
    .attr('x', 0)
    .attr('y', -6)
    .attr('width', sample)
    .attr('height', 12)
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', (d) => (d.band ? 0.2 : 0));
  entries
    .select('line.legend-line')
    .attr('x1', 0)
    .attr('x2', sample)
    .attr('y1', 0)
    .attr('y2', 0)
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', (d) => (d.marker ? 0 : LINE_WIDTH + 0.5))
    .attr('stroke-dasharray', (d) => d.dash ?? null);
  entries
    .select('path.legend-marker')
    .attr('transform', `translate(${sample / 2},0)`)
    .attr('d', (d) => (d.marker ? markerPath(d.marker, 70) : ''))
    .attr('fill', (d) => d.color)
    .attr('stroke', 'white')
    .attr('stroke-width', 1);
  entries
    .select('text.legend-label')
    .attr('x', sample + 5)
    .attr('y', 0)
    .attr('dy', '0.35em')
    .attr('font-size', TICK_FONT_SIZE)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text((d) => d.label);
  // Lay entries out left to right, wrapping; label widths are estimated when layout is unavailable.
  let x = 0;
  let y = rowHeight / 2;
  entries.each(function (d) {
    const text = (this as SVGGElement).querySelector('text');
    let labelWidth = d.label.length * TICK_FONT_SIZE * 0.55;
    if (text && typeof text.getComputedTextLength === 'function') {
      const measured = text.getComputedTextLength();
      if (measured > 0) labelWidth = measured;
    }
    const width = sample + 5 + labelWidth;
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      y += rowHeight;
    }
    (this as SVGGElement).setAttribute('transform', `translate(${x.toFixed(1)},${y})`);
    x += width + gap;
  });
  return items.length === 0 ? 0 : y + rowHeight / 2;
}

/** Path of a centred marker of the given area (px²). */
export function markerPath(kind: 'circle' | 'star' | 'square', area: number): string {
  return (
    (kind === 'star' ? symbol(symbolStar, area) : kind === 'square' ? symbol(symbolSquare, area) : symbol(symbolCircle, area))() ??
    ''
  );
}

/** The chart title at the top left (removed when absent); returns the height it takes. */
export function drawTitle(svg: Sel<SVGSVGElement>, title: string | undefined, x: number): number {
  if (!title) {
    svg.select(':scope > text.title').remove();
    return 4;
  }
  layer(svg, 'text', 'title')
    .attr('x', x)
    .attr('y', 18)
    .attr('font-size', TITLE_FONT_SIZE)
    .attr('font-weight', 600)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(title);
  return 24;
}

/** A DOM-safe id from React's useId. */
export function safeId(prefix: string, reactId: string): string {
  return `${prefix}-${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
}

/** A clip rectangle <clipPath id> in the svg's <defs>, sized to the plot area. */
export function clipRect(svg: Sel<SVGSVGElement>, id: string, width: number, height: number): void {
  const defs = layer(svg, 'defs', 'defs');
  let clip = defs.select<SVGClipPathElement>(`clipPath#${id}`);
  if (clip.empty()) clip = defs.append('clipPath').attr('id', id);
  layer(clip, 'rect', 'clip-rect').attr('width', width).attr('height', height);
}
