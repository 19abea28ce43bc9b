// Drawing an ensemble's 10–90 % bands (computed in src/engine/views/ensemble.ts) behind the curves, and
// the legend of an ensemble: one entry per optimizer however many seeds it runs.

import type { ScaleLinear } from 'd3';
import { layer, polylinePath, type Sel } from './chart';
import type { TrackStyle } from './types';

export interface Band {
  lo: Float64Array;
  hi: Float64Array;
  seeds: number;
}

/**
 * One legend entry per optimizer (the first track's key, label and colour; "(n seeds)" for ensembles).
 * `bands`: a view that kept one track per optimizer says how many seeds each stands for.
 */
export function legendByOptimizer(
  tracks: readonly TrackStyle[],
  bands?: readonly (Band | null)[],
): { key: string; label: string; color: string }[] {
  const counts = new Map<string, number>();
  tracks.forEach((t, i) => counts.set(t.optimizerId, (counts.get(t.optimizerId) ?? 0) + (bands?.[i]?.seeds ?? 1)));
  const seen = new Set<string>();
  const items: { key: string; label: string; color: string }[] = [];
  for (const t of tracks) {
    if (seen.has(t.optimizerId)) continue;
    seen.add(t.optimizerId);
    const n = counts.get(t.optimizerId) ?? 1;
    items.push({ key: t.key, label: n > 1 ? `${t.label} (${n} seeds)` : t.label, color: t.color });
  }
  return items;
}

/** Filled bands between lo and hi over xs, in each track's colour; removes them when there are none. */
export function drawBands(
  parent: Sel<SVGGElement>,
  bands: readonly (Band | null)[] | undefined,
  tracks: readonly TrackStyle[],
  xs: Float64Array,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): void {
  const g = layer(parent, 'g', 'bands');
  const items = (bands ?? []).flatMap((band, i) => {
    if (band === null) return [];
    const n = band.lo.length;
    const upper = polylinePath(
      n,
      (j) => x(xs[j]),
      (j) => y(band.hi[j]),
    );
    const lower = polylinePath(
      n,
      (j) => x(xs[n - 1 - j]),
      (j) => y(band.lo[n - 1 - j]),
    ).replace(/^M/, 'L');
    return [{ key: tracks[i]?.key ?? String(i), d: `${upper}${lower}Z`, color: tracks[i]?.color ?? '#999' }];
  });
  g.selectAll<SVGPathElement, (typeof items)[number]>('path')
    .data(items, (d) => d.key)
    .join('path')
    .attr('d', (d) => d.d)
    .attr('fill', (d) => d.color)
    .attr('fill-opacity', 0.18)
    .attr('stroke', 'none')
    .attr('data-band', (d) => d.key);
}
