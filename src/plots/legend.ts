// The charts' legends: a wrapping row of line samples (or markers) and labels, laid out from cached text
// widths (canvas metrics, never a forced layout); an unchanged legend is not touched.

import { symbol, symbolCircle, symbolSquare, symbolStar } from 'd3';
import { INK } from './colorMaps';
import { FONT_FAMILY, LINE_WIDTH, TICK_FONT_SIZE, changed, type Sel } from './scaffold';
import { coordinate } from './paths';

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
  for (const d of items)
    signature += `\u0000${d.key}\u0001${d.label}\u0001${d.color}\u0001${d.dash ?? ''}\u0001${d.band ? 1 : 0}\u0001${d.marker ?? ''}`;
  const height = items.length === 0 ? 0 : legendHeights.get(node as Element);
  const fresh = changed(node, signature);
  if (node && height !== undefined && !fresh && node.childElementCount === items.length) return height;

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
      entry
        .append('rect')
        .attr('class', 'legend-band')
        .attr('x', 0)
        .attr('y', -6)
        .attr('width', sample)
        .attr('height', 12);
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
    if (
      !changed(entry, `${d.label}\u0001${d.color}\u0001${d.dash ?? ''}\u0001${d.band ? 1 : 0}\u0001${d.marker ?? ''}`)
    )
      return;
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
    (kind === 'star'
      ? symbol(symbolStar, area)
      : kind === 'square'
        ? symbol(symbolSquare, area)
        : symbol(symbolCircle, area))() ?? ''
  );
}
