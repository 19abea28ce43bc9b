// An ensemble's approximation view (run.seeds > 1): per optimizer the curve of its median-loss seed with
// the 10–90 % band over all seeds (src/engine/views/ensemble.ts), instead of one curve per seed.

import type { Run } from '../src/engine/run';
import { ensembleCurves } from '../src/engine/views/ensemble';
import type { ApproximationView } from '../src/engine/views/types';
import type { TrackView } from './views';

export function ensembleApproximation(run: Run, result: TrackView<ApproximationView>): TrackView<ApproximationView> {
  const view = result.view;
  if (view.kind !== 'curve' || !run.tracks.some((t) => t.seedIndex > 0)) return result;
  const losses = run.tracks.map((track, i) => {
    const records = run.status(track.key).records;
    return records.length === 0 ? NaN : records[Math.min(result.ks[i], records.length - 1)].loss;
  });
  const reduced = ensembleCurves(
    result.keys,
    run.tracks.map((t) => t.optimizerId),
    losses,
    view.curves,
  );
  const residual = view.residual;
  return {
    keys: reduced.keys,
    ks: reduced.members.map((i) => result.ks[i]),
    view: {
      ...view,
      curves: reduced.curves,
      residual: residual === null ? null : reduced.members.map((i) => residual[i]),
      bands: reduced.bands,
    },
  };
}
