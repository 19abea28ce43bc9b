// Drawing an ensemble's 10–90 % bands (computed in the worker, src/engine/views/ensemble.ts) behind the
// curves, and the legend of an ensemble: one entry per optimizer however many seeds it runs.

import type { ScaleLinear } from 'd3';
import { groupByOptimizer } from '../engine/views/ensemble';
import type { CurveBand } from '../engine/views/types';
import { layer, type Sel } from './scaffold';
import type { LegendItem } from './legend';
import { joinBands, type BandItem } from './lossMarks';
import { polylinePath } from './paths';
import type { TrackStyle } from './types';

/**
 * One legend entry per optimizer (the first track's key, label and colour; "(n seeds)" for ensembles).
 * `bands`: a view that kept one track per optimizer says how many seeds each stands for.
 */
export function legendByOptimizer(tracks: readonly TrackStyle[], bands?: readonly (CurveBand | null)[]): LegendItem[] {
  const seeds = tracks.map((track, i) => ({ optimizerId: track.optimizerId, track, seeds: bands?.[i]?.seeds ?? 1 }));
  return groupByOptimizer(seeds).map((group) => {
    const { key, label, color, dash } = group[0].track;
    const n = group.reduce((sum, member) => sum + member.seeds, 0);
    return { key, label: n > 1 ? `${label} (${n} seeds)` : label, color, dash };
  });
}

/** Filled bands between lo and hi over xs, in each track's colour; removes them when there are none. */
export function drawBands(
  parent: Sel<SVGGElement>,
  bands: readonly (CurveBand | null)[] | undefined,
  tracks: readonly TrackStyle[],
  xs: Float64Array,
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): void {
  const items: BandItem[] = (bands ?? []).flatMap((band, i) => {
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
  joinBands(layer(parent, 'g', 'bands'), items);
}
