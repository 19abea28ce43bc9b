// Contours of a worker-computed grid (GridValues) at the levels the worker chose, traced by the worker too
// (its `rings`), mapped to screen through the chart's scales. d3-contour places sample i at contour
// coordinate i + ½, hence the −½ in the transform. Most redraws (hover, a new trajectory point, a worker
// answer for an unchanged plane) show the same grid: each <g> remembers the grid values, thresholds and
// screen mapping it shows and rewrites nothing then.

import type { ContourRings, GridValues } from '../engine/views/types';
import { contourRings } from '../../workers/contourRings';
import type { Sel } from './scaffold';
import { coordinate } from './paths';

export interface ContourStyle {
  /** Fill of the region above threshold i of n (null: lines only). */
  fill: ((i: number, n: number) => string) | null;
  stroke: string;
  strokeWidth: number;
  strokeOpacity: number;
}

/** The rings of level i as one SVG path (each ring closed), mapped from contour to screen coordinates. */
function levelPath(rings: ContourRings, i: number, toX: (px: number) => number, toY: (py: number) => number): string {
  const { levelStart, ringStart, points } = rings;
  let path = '';
  for (let r = levelStart[i]; r < levelStart[i + 1]; r++) {
    const end = ringStart[r + 1];
    for (let q = ringStart[r]; q < end; q++)
      path +=
        (q === ringStart[r] ? 'M' : 'L') + coordinate(toX(points[2 * q])) + ',' + coordinate(toY(points[2 * q + 1]));
    if (end > ringStart[r]) path += 'Z';
  }
  return path;
}

interface Drawn {
  values: Float64Array;
  rings: ContourRings;
  thresholds: string;
  screen: string;
  paths: string[];
  style: string;
}

/** What each contour <g> shows (weak: a removed chart forgets it). */
const drawnContours = new WeakMap<Element, Drawn>();

/** Same length and entries (NaN equal to NaN). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/**
 * Where the grid lands on screen: the images of its corners and centre (the charts' scales are linear,
 * so these fix the mapping).
 */
function screenSignature(grid: GridValues, sx: (x: number) => number, sy: (y: number) => number): string {
  const { nx, ny, x, y } = grid;
  const xm = (x[0] + x[nx - 1]) / 2;
  const ym = (y[0] + y[ny - 1]) / 2;
  return `${nx},${ny},${x[0]},${x[nx - 1]},${y[0]},${y[ny - 1]}|${sx(x[0])},${sx(xm)},${sx(x[nx - 1])},${sy(y[0])},${sy(ym)},${sy(y[ny - 1])}`;
}

export function drawContours(
  g: Sel<SVGGElement>,
  grid: GridValues,
  sx: (x: number) => number,
  sy: (y: number) => number,
  style: ContourStyle,
): void {
  const node = g.node();
  const { nx, ny, x, y } = grid;
  const thresholds = grid.levels;
  const levels = thresholds.join(',');
  const screen = screenSignature(grid, sx, sy);
  const previous = node ? drawnContours.get(node) : undefined;
  const sameGrid = previous !== undefined && previous.thresholds === levels && sameValues(previous.values, grid.values);
  // The worker traced the rings with the grid (workers/contourRings.ts); only the mapping is done here.
  const rings = sameGrid ? previous.rings : (grid.rings ?? contourRings(grid));
  const n = rings.levelStart.length - 1;
  let paths: string[];
  if (sameGrid && previous.screen === screen) paths = previous.paths;
  else {
    const hx = nx > 1 ? (x[nx - 1] - x[0]) / (nx - 1) : 1;
    const hy = ny > 1 ? (y[ny - 1] - y[0]) / (ny - 1) : 1;
    const x0 = x[0];
    const y0 = y[0];
    paths = Array.from({ length: n }, (_, i) =>
      levelPath(
        rings,
        i,
        (px) => sx(x0 + (px - 0.5) * hx),
        (py) => sy(y0 + (py - 0.5) * hy),
      ),
    );
  }
  const fills = Array.from({ length: n }, (_, i) => (style.fill ? style.fill(i, n) : 'none'));
  const styleSignature = `${style.stroke}|${style.strokeWidth}|${style.strokeOpacity}|${fills.join(',')}`;
  // The grid arrives as a new array with every view; keep our own copy to compare the next one with.
  if (node) {
    const values = sameGrid ? previous.values : Float64Array.from(grid.values);
    drawnContours.set(node, { values, rings, thresholds: levels, screen, paths, style: styleSignature });
  }
  // Nothing to write when the same paths are already drawn in the same style.
  const unchanged = previous !== undefined && previous.paths === paths && previous.style === styleSignature;
  if (unchanged && node?.childElementCount === n) return;
  g.selectAll<SVGPathElement, string>('path')
    .data(paths)
    .join('path')
    .attr('d', (d) => d)
    .attr('fill', (_, i) => fills[i])
    .attr('stroke', style.stroke)
    .attr('stroke-width', style.strokeWidth)
    .attr('stroke-opacity', style.strokeOpacity)
    .attr('stroke-linejoin', 'round');
}
