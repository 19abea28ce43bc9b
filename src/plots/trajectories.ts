// Iterates drawn as paths in a 2D chart (parameter plane, function space): line, small markers, a square
// at the start and a circle at the current end; the hovered iteration ringed; pointer → nearest iterate.
// Redrawn with every worker answer: styles are written once per track, paths only when they changed.

import type { PlaneTrajectory } from '../engine/views/types';
import { INK } from './colorMaps';
import { FONT_FAMILY, LINE_WIDTH, attrIfChanged, layer, type Sel } from './scaffold';
import { markerPath, type LegendItem } from './legend';
import { linePath } from './paths';
import type { TrackStyle } from './types';

/** Legend entries of the start and current-iterate markers. */
export const MARKER_ITEMS: readonly LegendItem[] = [
  { key: '__start', label: 'start', color: '#444', marker: 'square' },
  { key: '__end', label: 'current iterate', color: '#444', marker: 'circle' },
];

/** Markers at every iterate only up to this many points per track (beyond, the line alone reads better). */
const MAX_POINT_MARKERS = 150;

interface Drawn {
  key: string;
  color: string;
  dash?: string;
  trajectory: PlaneTrajectory;
}

function drawnTracks(trajectories: readonly PlaneTrajectory[], tracks: readonly TrackStyle[]): Drawn[] {
  const out: Drawn[] = [];
  trajectories.forEach((trajectory, i) => {
    const style = tracks[i];
    if (style && trajectory.x.length > 0)
      out.push({ key: style.key, color: style.color, dash: style.dash, trajectory });
  });
  return out;
}

export function drawTrajectories(
  g: Sel<SVGGElement>,
  trajectories: readonly PlaneTrajectory[],
  tracks: readonly TrackStyle[],
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const drawn = drawnTracks(trajectories, tracks);
  const groups = g
    .selectAll<SVGGElement, Drawn>('g.trajectory')
    .data(drawn, (d) => d.key)
    .join((enter) => {
      const group = enter.append('g').attr('class', 'trajectory');
      group
        .append('path')
        .attr('class', 'line')
        .attr('fill', 'none')
        .attr('stroke-width', LINE_WIDTH)
        .attr('stroke-linejoin', 'round');
      group.append('path').attr('class', 'points').attr('stroke', 'none');
      group.append('path').attr('class', 'start').attr('d', START_MARKER).attr('fill', 'white').attr('stroke-width', 2);
      group.append('path').attr('class', 'end').attr('d', END_MARKER).attr('stroke', 'white').attr('stroke-width', 1.5);
      return group;
    });
  groups.order();
  const line = groups.select<SVGPathElement>('path.line');
  attrIfChanged(line, 'd', (d) => linePath(d.trajectory.x, d.trajectory.y, sx, sy));
  attrIfChanged(line, 'stroke', (d) => d.color);
  attrIfChanged(line, 'stroke-dasharray', (d) => d.dash ?? null);
  // All small markers of a track in one path (cheap to update at 60 fps).
  const points = groups.select<SVGPathElement>('path.points');
  attrIfChanged(points, 'd', (d) => pointMarkers(d.trajectory, sx, sy));
  attrIfChanged(points, 'fill', (d) => d.color);
  const start = groups.select<SVGPathElement>('path.start');
  attrIfChanged(start, 'transform', (d) => translate(sx(d.trajectory.x[0]), sy(d.trajectory.y[0])));
  attrIfChanged(start, 'stroke', (d) => d.color);
  const end = groups.select<SVGPathElement>('path.end');
  attrIfChanged(end, 'transform', (d) => {
    const n = d.trajectory.x.length - 1;
    return translate(sx(d.trajectory.x[n]), sy(d.trajectory.y[n]));
  });
  attrIfChanged(end, 'fill', (d) => d.color);
}

const START_MARKER = markerPath('square', 90);
const END_MARKER = markerPath('circle', 110);

function translate(x: number, y: number): string {
  return `translate(${Math.round(x * 10) / 10},${Math.round(y * 10) / 10})`;
}

/** A small disc at every iterate, as one path ('' beyond MAX_POINT_MARKERS points). */
function pointMarkers(trajectory: PlaneTrajectory, sx: (x: number) => number, sy: (y: number) => number): string {
  const { x, y } = trajectory;
  if (x.length > MAX_POINT_MARKERS) return '';
  let path = '';
  for (let i = 0; i < x.length; i++) {
    const px = sx(x[i]);
    const py = sy(y[i]);
    if (Number.isFinite(px) && Number.isFinite(py))
      path += `M${Math.round((px - 2.5) * 10) / 10},${Math.round(py * 10) / 10}a2.5,2.5 0 1,0 5,0a2.5,2.5 0 1,0 -5,0`;
  }
  return path;
}

/** Index of the last point with k[i] ≤ k (trajectories may be subsampled), or −1. */
export function pointAtOrBefore(k: Int32Array, target: number): number {
  let lo = 0;
  let hi = k.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (k[mid] <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function drawHoveredIterate(
  g: Sel<SVGGElement>,
  trajectories: readonly PlaneTrajectory[],
  tracks: readonly TrackStyle[],
  hoveredK: number | null,
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const rings: { key: string; x: number; y: number; color: string }[] = [];
  if (hoveredK !== null) {
    for (const d of drawnTracks(trajectories, tracks)) {
      const i = pointAtOrBefore(d.trajectory.k, hoveredK);
      if (i < 0) continue;
      const x = sx(d.trajectory.x[i]);
      const y = sy(d.trajectory.y[i]);
      if (Number.isFinite(x) && Number.isFinite(y)) rings.push({ key: d.key, x, y, color: d.color });
    }
  }
  layer(g, 'g', 'hovered')
    .selectAll<SVGCircleElement, (typeof rings)[number]>('circle')
    .data(rings, (d) => d.key)
    .join('circle')
    .attr('cx', (d) => d.x)
    .attr('cy', (d) => d.y)
    .attr('r', 7)
    .attr('fill', 'none')
    .attr('stroke', (d) => d.color)
    .attr('stroke-width', 3);
}

/** Where a plane plot drew its trajectories: its scales and what it drew. */
export interface PlaneScales {
  sx: (x: number) => number;
  sy: (y: number) => number;
  trajectories: readonly PlaneTrajectory[];
  tracks: readonly TrackStyle[];
}

/**
 * Mark the hovered iteration on a plane plot's hover layer (`g.plot > g.content > g.hover`): a ring on
 * every trajectory, and with `label` the text k = … in the corner.
 */
export function drawPlaneHover(
  svg: Sel<SVGSVGElement>,
  scales: PlaneScales | null,
  hoveredK: number | null,
  label: boolean,
): void {
  const hover = svg.select<SVGGElement>('g.plot > g.content > g.hover');
  if (hover.empty()) return;
  if (!scales) {
    hover.selectAll('*').remove();
    return;
  }
  drawHoveredIterate(hover, scales.trajectories, scales.tracks, hoveredK, scales.sx, scales.sy);
  hover
    .selectAll('text.hover-label')
    .data(label && hoveredK !== null ? [hoveredK] : [])
    .join('text')
    .attr('class', 'hover-label')
    .attr('x', 6)
    .attr('y', 16)
    .attr('font-size', 13)
    .attr('font-family', FONT_FAMILY)
    .attr('fill', INK)
    .attr('paint-order', 'stroke')
    .attr('stroke', 'white')
    .attr('stroke-width', 3)
    .text((k) => `k = ${k}`);
}

/** The pointer's iterate on a plane plot (the base chart's pick). */
export function pickIterate(scales: PlaneScales, px: number, py: number): number | null {
  return nearestIterate(scales.trajectories, px, py, scales.sx, scales.sy);
}

/** The iteration of the iterate nearest to the pointer (within `radius` px), or null. */
export function nearestIterate(
  trajectories: readonly PlaneTrajectory[],
  px: number,
  py: number,
  sx: (x: number) => number,
  sy: (y: number) => number,
  radius = 24,
): number | null {
  let best: number | null = null;
  let bestDistance = radius * radius;
  for (const t of trajectories) {
    for (let i = 0; i < t.x.length; i++) {
      const dx = sx(t.x[i]) - px;
      const dy = sy(t.y[i]) - py;
      const distance = dx * dx + dy * dy;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = t.k[i];
      }
    }
  }
  return best;
}
