// Small geometric helpers of the views: ranges with margins, square boxes, plotting grids, subsampling.

import type { PointSet } from '../models/model';
import type { Polyline } from './types';

/** [lo, hi] as a mutable pair. */
export type Range = [number, number];

/** n equispaced values from lo to hi, both included. */
export function linspace(lo: number, hi: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = 0.5 * (lo + hi);
    return out;
  }
  const h = (hi - lo) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = lo + i * h;
  out[n - 1] = hi;
  return out;
}

/** The finite extent of values, or null when none is finite. */
export function extent(values: ArrayLike<number>, into: Range | null = null): Range | null {
  let lo = into ? into[0] : Infinity;
  let hi = into ? into[1] : -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** [lo, hi] widened by `margin` × its width on each side; a (near-)empty range gets ±fallback around its centre. */
export function padRange(range: Range, margin: number, fallbackHalfWidth: number): Range {
  const [lo, hi] = range;
  const width = hi - lo;
  const centre = 0.5 * (lo + hi);
  const scale = Math.max(Math.abs(lo), Math.abs(hi), 1e-300);
  if (!(width > 1e-9 * scale)) return [centre - fallbackHalfWidth, centre + fallbackHalfWidth];
  return [lo - margin * width, hi + margin * width];
}

/**
 * A range covering [lo, hi] with `margin` × its width added on each side; a (near-)degenerate range
 * (a single iterate) gets ±10 % of its magnitude (at least ±0.1) instead.
 */
export function coverRange(range: Range, margin = 0.2): Range {
  const [lo, hi] = range;
  const scale = Math.max(Math.abs(lo), Math.abs(hi), 1);
  return padRange(range, margin, 0.1 * scale);
}

/** Widen the shorter of two ranges about its centre so that both have the same width (equal-aspect plots). */
export function squareBox(xRange: Range, yRange: Range): [Range, Range] {
  const wx = xRange[1] - xRange[0];
  const wy = yRange[1] - yRange[0];
  const w = Math.max(wx, wy);
  const cx = 0.5 * (xRange[0] + xRange[1]);
  const cy = 0.5 * (yRange[0] + yRange[1]);
  return [
    [cx - 0.5 * w, cx + 0.5 * w],
    [cy - 0.5 * w, cy + 0.5 * w],
  ];
}

/** 1D plotting points on [lo, hi] (ends included), unit weights. */
export function linePoints(lo: number, hi: number, n: number): PointSet {
  return { d: 1, m: n, x: linspace(lo, hi, n), w: new Float64Array(n).fill((hi - lo) / n) };
}

/** 2D plotting points of the grid x × y, point j·nx + i at (x[i], y[j]). */
export function gridPoints(x: Float64Array, y: Float64Array): PointSet {
  const nx = x.length;
  const ny = y.length;
  const m = nx * ny;
  const coordinates = new Float64Array(2 * m);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const index = j * nx + i;
      coordinates[2 * index] = x[i];
      coordinates[2 * index + 1] = y[j];
    }
  }
  const cell = (nx > 1 ? x[nx - 1] - x[0] : 1) * (ny > 1 ? y[ny - 1] - y[0] : 1);
  return { d: 2, m, x: coordinates, w: new Float64Array(m).fill(cell / m) };
}

/**
 * The parts of the polyline inside the box [x0, x1] × [y0, y1], each run extended by one point on each
 * side so that the drawn line reaches the box edge (charts clip to their plot area).
 */
export function clipPolyline(x: Float64Array, y: Float64Array, xRange: Range, yRange: Range): Polyline[] {
  const n = x.length;
  const inside = (i: number) => x[i] >= xRange[0] && x[i] <= xRange[1] && y[i] >= yRange[0] && y[i] <= yRange[1];
  const runs: Polyline[] = [];
  let i = 0;
  while (i < n) {
    if (!inside(i)) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < n && inside(end + 1)) end++;
    const from = Math.max(0, i - 1);
    const to = Math.min(n - 1, end + 1);
    const px = x.slice(from, to + 1);
    const py = y.slice(from, to + 1);
    let finite = true;
    for (let k = 0; k < px.length; k++) if (!Number.isFinite(px[k]) || !Number.isFinite(py[k])) finite = false;
    if (finite && px.length >= 2) runs.push({ x: px, y: py });
    i = end + 1;
  }
  return runs;
}
