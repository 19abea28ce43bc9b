// Contours of a worker-computed grid (GridValues) with d3-contour, mapped to screen through the chart's
// scales. d3-contour places sample i at contour coordinate i + ½, hence the −½ in the transform.

import { contours, geoPath, geoTransform, type ContourMultiPolygon, type GeoStream } from 'd3';
import type { GridValues } from '../engine/views/types';
import type { Sel } from './chart';

export interface ContourStyle {
  /** Fill of the region above threshold i of n (null: lines only). */
  fill: ((i: number, n: number) => string) | null;
  stroke: string;
  strokeWidth: number;
  strokeOpacity: number;
}

/** The grid's values with non-finite entries replaced by the largest finite one (blow-ups read as high). */
function finiteValues(grid: GridValues): number[] {
  let max = -Infinity;
  for (const v of grid.values) if (Number.isFinite(v) && v > max) max = v;
  const fallback = Number.isFinite(max) ? max : 0;
  return Array.from(grid.values, (v) => (Number.isFinite(v) ? v : fallback));
}

/**
 * Geometrically spaced levels between the smallest positive value and the 90th percentile (so that a
 * blow-up in a corner does not flatten the picture); linear levels when values are not all positive.
 */
export function landscapeThresholds(values: Float64Array, count = 14): number[] {
  const finite = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return [];
  const lo = finite[0];
  const hi = finite[Math.min(finite.length - 1, Math.floor(0.9 * (finite.length - 1)))];
  if (!(hi > lo)) return [];
  if (lo > 0) {
    const ratio = Math.log(hi / lo);
    return Array.from({ length: count }, (_, i) => lo * Math.exp((ratio * (i + 0.5)) / count));
  }
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * (i + 0.5)) / count);
}

/** Levels min + (max − min)(i/count)²: equally spaced ellipses for quadratic losses (paper style). */
export function quadraticThresholds(values: Float64Array, count = 10): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo)) return [];
  return Array.from({ length: count }, (_, i) => lo + (hi - lo) * ((i + 1) / (count + 1)) ** 2);
}

export function drawContours(
  g: Sel<SVGGElement>,
  grid: GridValues,
  thresholds: readonly number[],
  sx: (x: number) => number,
  sy: (y: number) => number,
  style: ContourStyle,
): void {
  const { nx, ny, x, y } = grid;
  const hx = nx > 1 ? (x[nx - 1] - x[0]) / (nx - 1) : 1;
  const hy = ny > 1 ? (y[ny - 1] - y[0]) / (ny - 1) : 1;
  const x0 = x[0];
  const y0 = y[0];
  const polygons: ContourMultiPolygon[] =
    thresholds.length > 0 && nx > 1 && ny > 1
      ? contours().size([nx, ny]).thresholds([...thresholds])(finiteValues(grid))
      : [];
  const projection = geoTransform({
    point(this: { stream: GeoStream }, px: number, py: number) {
      this.stream.point(sx(x0 + (px - 0.5) * hx), sy(y0 + (py - 0.5) * hy));
    },
  });
  const path = geoPath(projection);
  const n = polygons.length;
  g.selectAll<SVGPathElement, ContourMultiPolygon>('path')
    .data(polygons)
    .join('path')
    .attr('d', (d) => path(d) ?? '')
    .attr('fill', (_, i) => (style.fill ? style.fill(i, n) : 'none'))
    .attr('stroke', style.stroke)
    .attr('stroke-width', style.strokeWidth)
    .attr('stroke-opacity', style.strokeOpacity)
    .attr('stroke-linejoin', 'round');
}
