// SVG path text of the charts' lines (coordinates to 0.1 px, decimated to a few points per pixel column)
// and the keyed join that draws a list of lines.

import type { Sel } from './scaffold';

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
 * a few points per pixel however many records it shows. A spike keeps its full height, the first and
 * last points are kept, fewer points than pixel columns are drawn exactly, and the reduction is
 * idempotent (coordinates are snapped to 0.1 px first).
 */
export function polylinePath(count: number, xAt: (i: number) => number, yAt: (i: number) => number): string {
  let path = '';
  let pen = false;
  // The open run: its pixel column, size, and first / lowest / highest / last point (j: index in the run).
  let column = 0;
  let size = 0;
  let firstX = 0,
    firstY = 0;
  let lowX = 0,
    lowY = 0,
    lowJ = 0;
  let highX = 0,
    highY = 0,
    highJ = 0;
  let lastX = 0,
    lastY = 0,
    lastJ = 0;
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
    // Snapped to the path's 0.1 px grid before binning and comparing, so that decimating a decimated
    // path changes nothing (a point cannot change column or rank when it is written out).
    const x = Math.round(xAt(i) * 10) / 10;
    const y = Math.round(yAt(i) * 10) / 10;
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
  return polylinePath(
    count,
    (i) => sx(xs[i]),
    (i) => sy(ys[i]),
  );
}

export interface LineItem {
  key: string;
  d: string;
  color: string;
  width: number;
  dash: string | null;
  /** Stroke opacity (default 1). */
  opacity?: number;
}

export function joinLines(g: Sel<SVGGElement>, lines: readonly LineItem[]): void {
  g.selectAll<SVGPathElement, LineItem>('path')
    .data(lines, (d) => d.key)
    .join('path')
    .attr('d', (d) => d.d)
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', (d) => d.width)
    .attr('stroke-opacity', (d) => d.opacity ?? 1)
    .attr('stroke-dasharray', (d) => d.dash)
    .attr('stroke-linejoin', 'round');
}
