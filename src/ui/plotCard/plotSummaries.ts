// Text alternatives of the plots (for screen readers, and for anyone who wants the numbers): one or two
// sentences per plot from the runs store and the worker's notes on the tracks (divergence, stall,
// coincidence), e.g. "Loss after 100 iterations: natural Nesterov 2.5e-20, natural Heavy-Ball 3.1e-7,
// NHGD 6.9e-2, stalled since k = 8".

import type { PlotId } from '../../engine/scenario/presetTeaching';
import { isCappedCondition } from '../../engine/views/condCap';
import type { RunsState, TrackSeries } from '../../state/runs';
import type { TrackNotesView } from '../../engine/views/types';

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return v.toExponential(1).replace('e+', 'e');
}

function latest(track: TrackSeries, column: 'loss' | 'cond' | 'alpha'): number {
  return track.count > 0 ? track.columns[column][track.count - 1] : NaN;
}

function tracksOf(runs: RunsState): TrackSeries[] {
  return runs.keys.map((key) => runs.tracks[key]).filter((t): t is TrackSeries => t !== undefined && t.count > 0);
}

function lastK(tracks: readonly TrackSeries[]): number {
  return tracks.reduce((k, t) => Math.max(k, t.columns.k[t.count - 1]), 0);
}

/** "NHGD 6.9e-2, stalled since k = 8" / "GD diverged at k = 12 (L = 5e120)". */
function lossEntry(track: TrackSeries, notes: TrackNotesView): string {
  const divergence = notes.divergences[track.key];
  if (divergence) return `${track.label} diverged at k = ${divergence.k} (L = ${formatNumber(divergence.loss)})`;
  const stalled = notes.stalledSince[track.key] ?? null;
  return `${track.label} ${formatNumber(latest(track, 'loss'))}${stalled !== null ? `, stalled since k = ${stalled}` : ''}`;
}

function byLoss(tracks: readonly TrackSeries[]): TrackSeries[] {
  return [...tracks].sort((a, b) => {
    const la = latest(a, 'loss');
    const lb = latest(b, 'loss');
    return (Number.isFinite(la) ? la : Infinity) - (Number.isFinite(lb) ? lb : Infinity);
  });
}

export function plotSummary(id: PlotId, runs: RunsState, notes: TrackNotesView): string {
  const tracks = tracksOf(runs);
  if (tracks.length === 0)
    return runs.status === 'invalid' ? 'No plot: the scenario is invalid.' : 'No iterations yet.';
  const k = lastK(tracks);
  const ranked = byLoss(tracks);
  const coincide = notes.coincidences
    .map((c) => `${runs.tracks[c.first]?.label} ${c.identical ? '≡' : '≈'} ${runs.tracks[c.second]?.label}`)
    .join('; ');
  const coincidence = coincide ? ` Coinciding: ${coincide}.` : '';
  switch (id) {
    case 'loss':
      return `Loss after ${k} iterations: ${ranked.map((t) => lossEntry(t, notes)).join(', ')}.${coincidence}`;
    case 'approximation':
      return `Approximation of the target at k = ${k}: closest fit ${ranked[0].label} (L = ${formatNumber(latest(ranked[0], 'loss'))})${
        ranked.length > 1
          ? `, farthest ${ranked[ranked.length - 1].label} (L = ${formatNumber(latest(ranked[ranked.length - 1], 'loss'))})`
          : ''
      }.`;
    case 'parameters':
    case 'function-space': {
      const where = id === 'parameters' ? `Parameter space (p = ${runs.p})` : 'Function space';
      const ends = ranked.map((t) => {
        const theta = t.records[t.count - 1]?.theta;
        const at =
          id === 'parameters' && theta && theta.length <= 3
            ? ` at θ = (${Array.from(theta, formatNumber).join(', ')})`
            : '';
        return `${t.label}${at}, L = ${formatNumber(latest(t, 'loss'))}`;
      });
      return `${where}: paths of ${tracks.length} optimizers from the start after ${k} iterations; ${ends.join('; ')}.${coincidence}`;
    }
    case 'diagnostics': {
      const conds = tracks
        .filter((t) => Number.isFinite(latest(t, 'cond')))
        .map(
          (t) =>
            `${t.label} ${formatNumber(latest(t, 'cond'))}${isCappedCondition(latest(t, 'cond'), runs.p) ? ' (capped: singular)' : ''}`,
        );
      const alphas = tracks
        .filter((t) => Number.isFinite(latest(t, 'alpha')))
        .map((t) => `${t.label} ${formatNumber(latest(t, 'alpha'))}`);
      return `Diagnostics at k = ${k}: cond(S) ${conds.length > 0 ? conds.join(', ') : 'not computed'}; step α ${alphas.join(', ') || 'not recorded'}.`;
    }
  }
}
