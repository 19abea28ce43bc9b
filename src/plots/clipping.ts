// Curves beyond the robust range of the others (a diverged optimizer, src/engine/views/robustRange.ts)
// are clamped to the plot's edge; where a curve first leaves the range a marker in its colour says so
// (a triangle pointing the way it went, and "off scale").

import { extentOf, robustRange } from '../engine/views/robustRange';
import { FONT_FAMILY } from './chart';
import type { Sel } from './chart';

export interface ClipMarker {
  key: string;
  color: string;
  /** Data coordinates of the first value beyond the range, and the side it left on. */
  x: number;
  value: number;
  above: boolean;
}

/** The y domain of curves (and a target that is never clipped), with the clipped curves; null if empty. */
export function robustDomain(
  target: Float64Array | null,
  curves: readonly Float64Array[],
): { domain: [number, number]; clipped: boolean[] } | null {
  const range = robustRange([target ? extentOf(target) : null, ...curves.map((c) => extentOf(c))], { keep: [true] });
  if (!range) return null;
  const pad = 0.06 * (range.hi - range.lo || Math.max(1, Math.abs(range.hi)));
  return { domain: [range.lo - pad, range.hi + pad], clipped: range.clipped.slice(1) };
}

/** Markers of the clipped curves at their first point beyond the domain. */
export function clippedCurves(
  xs: ArrayLike<number>,
  curves: readonly Float64Array[],
  robust: { domain: [number, number]; clipped: boolean[] } | null,
  tracks: readonly { key: string; color: string }[],
): ClipMarker[] {
  const markers: ClipMarker[] = [];
  if (!robust) return markers;
  const [lo, hi] = robust.domain;
  curves.forEach((curve, i) => {
    if (!robust.clipped[i] || !tracks[i]) return;
    for (let j = 0; j < curve.length; j++) {
      const v = curve[j];
      if (v > hi || v < lo) {
        markers.push({ key: tracks[i].key, color: tracks[i].color, x: xs[j], value: v, above: v > hi });
        return;
      }
    }
  });
  return markers;
}

/** Triangles at the edge where clipped series leave the plot, labelled "off scale". */
export function drawClipMarkers(
  g: Sel<SVGGElement>,
  markers: readonly ClipMarker[],
  sx: (x: number) => number,
  sy: (y: number) => number,
): void {
  const items = g
    .selectAll<SVGGElement, ClipMarker>('g.clip-marker')
    .data(markers, (d) => d.key)
    .join((enter) => {
      const item = enter.append('g').attr('class', 'clip-marker');
      item.append('path').attr('stroke', 'white').attr('stroke-width', 1);
      item.append('text').attr('font-size', 13).attr('font-family', FONT_FAMILY).attr('paint-order', 'stroke')
        .attr('stroke', 'white').attr('stroke-width', 3);
      return item;
    });
  items.attr('transform', (d) => `translate(${sx(d.x)},${sy(d.value)})`);
  items.select('path').attr('d', (d) => (d.above ? 'M-7,9L7,9L0,-3Z' : 'M-7,-9L7,-9L0,3Z')).attr('fill', (d) => d.color);
  items.select('text').attr('x', 10).attr('y', (d) => (d.above ? 14 : -6)).attr('fill', (d) => d.color)
    .text((d) => `off scale (${d.value.toExponential(0)})`);
}

/**
 * The largest loss to show on a log axis when some tracks grew far above the others (null: no clipping),
 * and the markers of those tracks at their first record above it.
 */
export function clippedLosses<R extends { loss: number }>(
  tracks: readonly { key: string; color: string; records: readonly R[] }[],
  xOf: (r: R) => number,
): { top: number; markers: ClipMarker[] } | null {
  const extents = tracks.map((t) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of t.records) if (Number.isFinite(r.loss) && r.loss > 0) ((lo = Math.min(lo, r.loss)), (hi = Math.max(hi, r.loss)));
    return lo <= hi ? { lo, hi } : null;
  });
  const range = robustRange(extents, { log: true });
  if (!range || !range.clipped.some(Boolean)) return null;
  const markers: ClipMarker[] = [];
  tracks.forEach((t, i) => {
    if (!range.clipped[i]) return;
    const r = t.records.find((record) => record.loss > range.hi);
    if (r) markers.push({ key: t.key, color: t.color, x: xOf(r), value: r.loss, above: true });
  });
  return { top: range.hi, markers };
}
