// The contour lines of a landscape grid at its levels, traced in the run worker (d3-contour's marching
// squares) with the view that carries the grid (workers/views.ts), so that the page only maps the rings to
// the screen: tracing the function-space chart's 81 × 81 grid at 16 levels was the largest part of its
// draw on the main thread. Rings are packed in typed arrays (a cheap copy to the page).

import { contours } from 'd3';
import type { ContourRings, GridValues } from '../src/engine/views/types';

/** The grid's values with non-finite entries replaced by the largest finite one (blow-ups read as high). */
export function finiteGridValues(grid: Pick<GridValues, 'values'>): number[] {
  let max = -Infinity;
  for (const v of grid.values) if (Number.isFinite(v) && v > max) max = v;
  const fallback = Number.isFinite(max) ? max : 0;
  return Array.from(grid.values, (v) => (Number.isFinite(v) ? v : fallback));
}

/**
 * Every ring of every level, in d3-contour's coordinates (sample i at i + ½): ring r of level i has the
 * points ringStart[r] … ringStart[r + 1] − 1, and level i the rings levelStart[i] … levelStart[i + 1] − 1.
 */
export function contourRings(grid: GridValues): ContourRings {
  const { nx, ny, levels } = grid;
  const polygons =
    levels.length > 0 && nx > 1 && ny > 1
      ? contours()
          .size([nx, ny])
          .thresholds([...levels])(finiteGridValues(grid))
      : [];
  let ringCount = 0;
  let pointCount = 0;
  for (const polygon of polygons)
    for (const rings of polygon.coordinates)
      for (const ring of rings) {
        ringCount++;
        pointCount += ring.length;
      }
  const levelStart = new Int32Array(polygons.length + 1);
  const ringStart = new Int32Array(ringCount + 1);
  const points = new Float64Array(2 * pointCount);
  let r = 0;
  let p = 0;
  polygons.forEach((polygon, i) => {
    levelStart[i] = r;
    for (const rings of polygon.coordinates)
      for (const ring of rings) {
        ringStart[r++] = p;
        for (const [x, y] of ring) {
          points[2 * p] = x;
          points[2 * p + 1] = y;
          p++;
        }
      }
  });
  levelStart[polygons.length] = r;
  ringStart[ringCount] = p;
  return { levelStart, ringStart, points };
}

/** The view with its grid's contour rings (a view without a grid as it is). */
export function withContourRings<V extends object>(view: V): V {
  const grid = 'grid' in view ? (view.grid as GridValues | null) : null;
  if (grid && grid.rings === undefined) grid.rings = contourRings(grid);
  return view;
}
