// The views of an ensemble (run.seeds > 1), from the statistics of src/engine/views/ensemble.ts: the
// approximation keeps per optimizer the curve of its median-loss seed with the 10–90 % band over all
// seeds (instead of one curve per seed), and the status counts per optimizer the seeds that reached the
// tolerance.

import type { RunRecords } from '../src/engine/run';
import { ensembleCurves, ensembleSummaries } from '../src/engine/views';
import type { TrackView } from './protocol';

const isEnsemble = (run: RunRecords) => run.tracks.some((t) => t.seedIndex > 0);

export function ensembleApproximation(run: RunRecords, result: TrackView<'approximation'>): TrackView<'approximation'> {
  const view = result.view;
  if (view.kind !== 'curve' || !isEnsemble(run)) return result;
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

/** Per optimizer, its seeds against `tolerance`; no summaries when every optimizer runs one seed. */
export function ensembleStatus(run: RunRecords, tolerance: number): TrackView<'ensemble'> {
  const keys = run.tracks.map((t) => t.key);
  const seeds = run.tracks.map((track) => {
    const status = run.status(track.key);
    return { optimizerId: track.optimizerId, records: status.records, stopReason: status.stopReason };
  });
  const summaries = isEnsemble(run) ? ensembleSummaries(seeds, tolerance) : [];
  return { keys, ks: seeds.map((s) => s.records.length), view: { tolerance, summaries } };
}
