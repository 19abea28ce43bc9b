// Shared building blocks of the D3 charts: measured width, idempotent layer creation (so that effects
// may run twice under StrictMode and on every data update without re-creating the scaffold), axis
// styling readable on a projector, and log-scale tick formatting.
// Charts redraw many times a second while a run streams, so the scaffold helpers here remember what they
// last wrote to each node and skip the DOM when nothing changed (an untouched subtree costs no style,
// layout or paint), legends are laid out from cached text widths (canvas metrics, never a forced layout),
// and line paths are decimated to a few points per pixel column.

import { useEffect, useState, type RefObject } from 'react';
import { format, symbol, symbolCircle, symbolSquare, symbolStar, type Axis, type AxisDomain, type BaseType, type ScaleLogarithmic, type Selection } from 'd3';
import { INK } from './colorMaps';

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
  const parentNode = parent.node();
  const key = `${tag}.${className}`;
  const known = parentNode ? layerCache.get(parentNode)?.get(key) : undefined;
  // A remembered child still in place is the answer (no selector matching on every draw).
  // (selected through the parent, like a selector match, so that the parent's datum propagates the same way).
  if (known && known.parentNode === parentNode) return parent.select(() => known as SVGElementTagNameMap[K]);
  let found = parent.select<SVGElementTagNameMap[K]>(`:scope > ${key}`);
  if (found.empty()) found = parent.append<SVGElementTagNameMap[K]>(tag).attr('class', className);
  const node = found.node();
  if (parentNode && node) {
    let children = layerCache.get(parentNode);
    if (!children) layerCache.set(parentNode, (children = new Map()));
    children.set(key, node);
  }
  return found;
}

/** Children created by `layer`, per parent (weak: removed charts take their entries with them). */
const layerCache = new WeakMap<Element, Map<string, Element>>();

/** Set (or remove, for null) an attribute only when its value differs: an equal write still invalidates. */
export function setAttributeIfChanged(node: Element, name: string, value: string | null): void {
  if (value === null) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/** `selection.attr(name, value)` that leaves elements already showing that value untouched. */
export function attrIfChanged<E extends Element, D, P extends BaseType, PD>(
  selection: Selection<E, D, P, PD>,
  name: string,
  value: (d: D, i: number) => string | number | null,
): Selection<E, D, P, PD> {
  return selection.each(function (d, i) {
    const v = value(d, i);
    setAttributeIfChanged(this, name, v === null ? null : String(v));
  });
}

/** What was last written to a node by the helpers below (a string signature of their arguments). */
const written = new WeakMap<Element, string>();

/**
 * True when `signature` differs from what was last recorded for node (and records it): the caller then
 * writes, otherwise the node already shows exactly this.
 */
export function changed(node: Element | null, signature: string): boolean {
  if (!node) return false;
  if (written.get(node) === signature) return false;
  written.set(node, signature);
  return true;
}

/**
 * What an axis would draw: its range, tick sizes and every tick's position and label. Two axes with the
 * same signature draw the same DOM.
 */
function axisSignature<Domain extends AxisDomain>(axis: Axis<Domain>): string {
  const scale = axis.scale() as unknown as AxisScaleLike<Domain>;
  const args = axis.tickArguments() as unknown[];
  const values: readonly Domain[] = axis.tickValues() ?? (scale.ticks ? scale.ticks(...args) : scale.domain());
  const format = axis.tickFormat() ?? (scale.tickFormat ? scale.tickFormat(...args) : (d: Domain) => String(d));
  let signature = `${scale.range().join(',')}|${axis.tickSizeInner()},${axis.tickSizeOuter()},${axis.tickPadding()},${axis.offset()}|`;
  const bandwidth = scale.bandwidth ? scale.bandwidth() : 0;
  values.forEach((v, i) => {
    signature += `${Number(scale(v)) + bandwidth / 2}:${format(v, i)};`;
  });
  return signature;
}

interface AxisScaleLike<Domain> {
  (value: Domain): number | undefined;
  domain(): Domain[];
  range(): number[];
  ticks?(...args: unknown[]): Domain[];
  tickFormat?(...args: unknown[]): (d: Domain, i: number) => string;
  bandwidth?(): number;
}

/**
 * Draw an axis into g and style it for a projector (large ticks, dark ink). Nothing is written when g
 * already shows the same ticks at the same places (most redraws of a live chart).
 */
export function drawAxis<Domain extends AxisDomain>(g: Sel<SVGGElement>, axis: Axis<Domain>): void {
  const node = g.node();
  const signature = axisSignature(axis);
  if (node && node.childElementCount > 0 && written.get(node) === signature) return;
  if (node) written.set(node, signature);
  // Later draws of an axis d3 has built move its ticks in place: the ticks of a growing domain keep their
  // labels, so only transforms change (d3 would rewrite every tick's text and attributes).
  const built = node ? axisOrientation.get(node) : undefined;
  if (node && built && built.shape === axisShape(axis) && updateAxisInPlace(node, axis, built.orientation)) return;
  g.call(axis);
  g.attr('font-size', TICK_FONT_SIZE).attr('font-family', FONT_FAMILY);
  g.selectAll('.domain').attr('stroke', INK);
  g.selectAll('.tick line').attr('stroke', INK);
  g.selectAll('.tick text').attr('fill', INK);
  if (node) {
    const orientation = orientationOf(node);
    if (orientation) axisOrientation.set(node, { orientation, shape: axisShape(axis) });
    else axisOrientation.delete(node);
  }
}

/** The tick geometry that existing ticks keep when moved in place. */
function axisShape<Domain extends AxisDomain>(axis: Axis<Domain>): string {
  return `${axis.tickSizeInner()},${axis.tickPadding()}`;
}

type Orientation = 'top' | 'right' | 'bottom' | 'left';

/** The orientation and tick geometry of axes d3 has drawn, by their <g>. */
const axisOrientation = new WeakMap<Element, { orientation: Orientation; shape: string }>();

/** Read back from d3's output: the text anchor tells left/right, the tick direction top/bottom. */
function orientationOf(node: SVGGElement): Orientation | null {
  const anchor = node.getAttribute('text-anchor');
  if (anchor === 'end') return 'left';
  if (anchor === 'start') return 'right';
  const line = node.querySelector(':scope > .tick > line');
  const y2 = line ? Number(line.getAttribute('y2')) : 0;
  if (!line || !Number.isFinite(y2) || y2 === 0) return null;
  return y2 < 0 ? 'top' : 'bottom';
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * What d3's axis would draw, written as a keyed update of the existing ticks (key: the label): new labels
 * get new ticks, gone ones are removed, the others only move. False (nothing done) for band scales.
 */
function updateAxisInPlace<Domain extends AxisDomain>(node: SVGGElement, axis: Axis<Domain>, orientation: Orientation): boolean {
  const scale = axis.scale() as unknown as AxisScaleLike<Domain>;
  if (scale.bandwidth) return false;
  const args = axis.tickArguments() as unknown[];
  const values: readonly Domain[] = axis.tickValues() ?? (scale.ticks ? scale.ticks(...args) : scale.domain());
  const format = axis.tickFormat() ?? (scale.tickFormat ? scale.tickFormat(...args) : (d: Domain) => String(d));
  const inner = axis.tickSizeInner();
  const outer = axis.tickSizeOuter();
  const offset = axis.offset();
  const k = orientation === 'top' || orientation === 'left' ? -1 : 1;
  const horizontal = orientation === 'top' || orientation === 'bottom';
  const spacing = Math.max(inner, 0) + axis.tickPadding();
  const range = scale.range();
  const range0 = Number(range[0]) + offset;
  const range1 = Number(range[range.length - 1]) + offset;

  const existing = new Map<string, SVGGElement>();
  for (const child of Array.from(node.children)) {
    if (!child.classList.contains('tick')) continue;
    const label = child.querySelector('text')?.textContent ?? '';
    // Two ticks with one label cannot both be matched: keep the first.
    if (existing.has(label)) child.remove();
    else existing.set(label, child as SVGGElement);
  }
  values.forEach((value, i) => {
    const label = format(value, i);
    const position = Number(scale(value)) + offset;
    if (!Number.isFinite(position)) return;
    const transform = horizontal ? `translate(${position},0)` : `translate(0,${position})`;
    let tick = existing.get(label);
    if (tick) existing.delete(label);
    else {
      tick = document.createElementNS(SVG_NS, 'g') as SVGGElement;
      tick.setAttribute('class', 'tick');
      tick.setAttribute('opacity', '1');
      const line = document.createElementNS(SVG_NS, 'line');
      line.setAttribute('stroke', INK);
      line.setAttribute(horizontal ? 'y2' : 'x2', String(k * inner));
      const text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('fill', INK);
      text.setAttribute(horizontal ? 'y' : 'x', String(k * spacing));
      text.setAttribute('dy', orientation === 'top' ? '0em' : orientation === 'bottom' ? '0.71em' : '0.32em');
      text.textContent = label;
      tick.append(line, text);
      node.append(tick);
    }
    setAttributeIfChanged(tick, 'transform', transform);
  });
  for (const gone of existing.values()) gone.remove();
  const domain = node.querySelector(':scope > path.domain');
  if (domain) {
    const d = horizontal
      ? outer
        ? `M${range0},${k * outer}V${offset}H${range1}V${k * outer}`
        : `M${range0},${offset}H${range1}`
      : outer
        ? `M${k * outer},${range0}H${offset}V${range1}H${k * outer}`
        : `M${offset},${range0}V${range1}`;
    setAttributeIfChanged(domain, 'd', d);
  }
  return true;
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
  const label = layer(g, 'text', className);
  if (!changed(label.node(), `${text}|${x}|${y}|${rotate}`)) return;
  label
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
  // Less than two decades: the 1-2-5 values inside (evenly spread on a log axis), else plain ticks. (The
  // log scale's own ticks list every k·10ⁿ here, and their labels overlap.)
  const steps: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo && v <= hi) steps.push(v);
    }
  }
  if (steps.length >= 2 && steps.length <= maxTicks) return { values: steps, format: (v) => compact(v) };
  const values = scale.ticks(4).filter((v) => v >= lo && v <= hi);
  const stride = Math.max(1, Math.ceil(values.length / maxTicks));
  const thinned = values.filter((_, i) => i % stride === 0);
  return { values: thinned.length > 1 ? thinned : [lo, hi], format: (v) => compact(v) };
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

/**
 * A screen coordinate to 0.1 px, as path text ("12.3", "-4", no trailing ".0"). Built from small
 * integers, whose string conversion is much cheaper than a double's (paths have thousands of them).
 */
export function coordinate(v: number): string {
  const tenths = Math.round(v * 10);
  const whole = (tenths / 10) | 0;
  const fraction = tenths - whole * 10;
  if (fraction === 0) return String(whole);
  if (fraction > 0) return whole + '.' + fraction;
  return (whole === 0 ? '-0' : String(whole)) + '.' + -fraction;
}

/**
 * An SVG path through the screen points (x_i, y_i), breaking at non-finite points; empty string if
 * nothing is drawable. Runs of consecutive points inside one pixel column are reduced to their first,
 * lowest, highest and last point (in order), which draws the same pixels: a path never carries more than
 * a few points per pixel however many records it shows.
 */
export function polylinePath(
  count: number,
  xAt: (i: number) => number,
  yAt: (i: number) => number,
): string {
  let path = '';
  let pen = false;
  // The open run: its pixel column, size, and first / lowest / highest / last point (j: index in the run).
  let column = 0;
  let size = 0;
  let firstX = 0, firstY = 0;
  let lowX = 0, lowY = 0, lowJ = 0;
  let highX = 0, highY = 0, highJ = 0;
  let lastX = 0, lastY = 0, lastJ = 0;
  const emit = (x: number, y: number) => {
    path += (pen ? 'L' : 'M') + coordinate(x) + ',' + coordinate(y);
    pen = true;
  };
  const flush = () => {
    if (size === 0) return;
    emit(firstX, firstY);
    if (size > 1) {
      const lowInside = lowJ !== 0 && lowJ !== lastJ;
      const highInside = highJ !== 0 && highJ !== lastJ;
      if (lowJ < highJ) {
        if (lowInside) emit(lowX, lowY);
        if (highInside) emit(highX, highY);
      } else {
        if (highInside) emit(highX, highY);
        if (lowInside) emit(lowX, lowY);
      }
      emit(lastX, lastY);
    }
    size = 0;
  };
  for (let i = 0; i < count; i++) {
    const x = xAt(i);
    const y = yAt(i);
    if (!(Number.isFinite(x) && Number.isFinite(y))) {
      flush();
      pen = false;
      continue;
    }
    const c = Math.floor(x);
    if (size > 0 && c === column) {
      if (y < lowY) ((lowX = x), (lowY = y), (lowJ = size));
      if (y > highY) ((highX = x), (highY = y), (highJ = size));
      lastX = x;
      lastY = y;
      lastJ = size;
      size++;
      continue;
    }
    flush();
    column = c;
    size = 1;
    firstX = lowX = highX = lastX = x;
    firstY = lowY = highY = lastY = y;
    lowJ = highJ = lastJ = 0;
  }
  flush();
  return path;
}

/** polylinePath through (sx(xs[i]), sy(ys[i])) for the first `count` entries of two (typed) arrays. */
export function linePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: (x: number) => number,
  sy: (y: number) => number,
  count = Math.min(xs.length, ys.length),
): string {
  return polylinePath(count, (i) => sx(xs[i]), (i) => sy(ys[i]));
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

/** Width in px of `text` at the legend's font: canvas metrics (no layout), cached per label. */
const textWidths = new Map<string, number>();
let measuringContext: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;

export function legendTextWidth(text: string, fontSize = TICK_FONT_SIZE): number {
  const key = `${fontSize}|${text}`;
  const known = textWidths.get(key);
  if (known !== undefined) return known;
  if (measuringContext === undefined) {
    measuringContext =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1).getContext('2d')
        : typeof document !== 'undefined'
          ? document.createElement('canvas').getContext('2d')
          : null;
  }
  let width = text.length * fontSize * 0.55;
  if (measuringContext) {
    measuringContext.font = `${fontSize}px ${FONT_FAMILY}`;
    const measured = measuringContext.measureText(text).width;
    if (measured > 0) width = measured;
  }
  if (textWidths.size > 2000) textWidths.clear();
  textWidths.set(key, width);
  return width;
}

/** Legend heights by legend <g>, for the draws that find the legend unchanged. */
const legendHeights = new WeakMap<Element, number>();

/**
 * A one-row (wrapping) legend of line samples and labels, drawn into `g` with its top-left corner at
 * the origin of g; returns the height used. Entries are joined by key; an unchanged legend (same items,
 * same width) is not touched at all.
 */
export function drawLegend(g: Sel<SVGGElement>, items: readonly LegendItem[], maxWidth: number): number {
  const sample = 22;
  const gap = 16;
  const rowHeight = 20;
  const node = g.node();
  let signature = `${maxWidth}`;
  for (const d of items) signature += `\u0000${d.key}\u0001${d.label}\u0001${d.color}\u0001${d.dash ?? ''}\u0001${d.band ? 1 : 0}\u0001${d.marker ?? ''}`;
  const height = items.length === 0 ? 0 : legendHeights.get(node as Element);
  if (node && height !== undefined && !changed(node, signature) && node.childElementCount === items.length) return height;
  if (node) written.set(node, signature);

  // Lay entries out left to right, wrapping, from cached label widths.
  const offsets: string[] = [];
  let x = 0;
  let y = rowHeight / 2;
  for (const d of items) {
    const width = sample + 5 + legendTextWidth(d.label);
    if (x > 0 && x + width > maxWidth) {
      x = 0;
      y += rowHeight;
    }
    offsets.push(`translate(${coordinate(x)},${y})`);
    x += width + gap;
  }

  const entries = g
    .selectAll<SVGGElement, LegendItem>('g.legend-item')
    .data(items, (d) => d.key)
    .join((enter) => {
      const entry = enter.append('g').attr('class', 'legend-item');
      entry.append('rect').attr('class', 'legend-band').attr('x', 0).attr('y', -6).attr('width', sample).attr('height', 12);
      entry.append('line').attr('class', 'legend-line').attr('x1', 0).attr('x2', sample).attr('y1', 0).attr('y2', 0);
      entry
        .append('path')
        .attr('class', 'legend-marker')
        .attr('transform', `translate(${sample / 2},0)`)
        .attr('stroke', 'white')
        .attr('stroke-width', 1);
      entry
        .append('text')
        .attr('class', 'legend-label')
        .attr('x', sample + 5)
        .attr('y', 0)
        .attr('dy', '0.35em')
        .attr('font-size', TICK_FONT_SIZE)
        .attr('font-family', FONT_FAMILY)
        .attr('fill', INK);
      return entry;
    });
  entries.order();
  entries.each(function (d, i) {
    const entry = this as SVGGElement;
    entry.setAttribute('transform', offsets[i]);
    if (!changed(entry, `${d.label}\u0001${d.color}\u0001${d.dash ?? ''}\u0001${d.band ? 1 : 0}\u0001${d.marker ?? ''}`)) return;
    const [band, line, marker, text] = entry.children;
    band.setAttribute('fill', d.color);
    band.setAttribute('fill-opacity', d.band ? '0.2' : '0');
    line.setAttribute('stroke', d.color);
    line.setAttribute('stroke-width', String(d.marker ? 0 : LINE_WIDTH + 0.5));
    if (d.dash) line.setAttribute('stroke-dasharray', d.dash);
    else line.removeAttribute('stroke-dasharray');
    marker.setAttribute('d', d.marker ? markerPath(d.marker, 70) : '');
    marker.setAttribute('fill', d.color);
    if (text.textContent !== d.label) text.textContent = d.label;
  });
  const used = items.length === 0 ? 0 : y + rowHeight / 2;
  if (node) legendHeights.set(node, used);
  return used;
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
  const text = layer(svg, 'text', 'title');
  if (!changed(text.node(), `${title}|${x}`)) return 24;
  text
    .attr('x', x)
    .attr('y', 18)
    .attr('font-size', TITLE_FONT_SIZE)
    .attr('font-weight', 600)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .text(title);
  return 24;
}

/** The transparent pointer-catching rectangle over a plot area (not exported); written only when resized. */
export function overlayRect(parent: Sel<SVGGElement>, width: number, height: number): Sel<SVGRectElement> {
  const overlay = layer(parent, 'rect', 'overlay');
  if (changed(overlay.node(), `${width}|${height}`)) {
    overlay.attr('data-export', 'skip').attr('width', width).attr('height', height).attr('fill', 'transparent');
  }
  return overlay;
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
  const rect = layer(clip, 'rect', 'clip-rect');
  // Re-writing a clip rectangle invalidates the paint of everything clipped by it: only on a change.
  if (changed(rect.node(), `${width}|${height}`)) rect.attr('width', width).attr('height', height);
}
