// The status line of an ensemble (run.seeds > 1): one row per optimizer instead of one per seed, with how
// many seeds reached the tolerance, the median k and wall time at which they did, and how many diverged.
// The statistics come from src/engine/views/ensemble.ts.

import { ensembleSummaries, type OptimizerEnsemble } from '../../engine/views/ensemble';
import type { TrackSeries } from '../../state/runs';
import { useTolerance } from '../../state/tolerance';

/** Whether some optimizer runs more than one seed. */
export function hasEnsemble(tracks: readonly (TrackSeries | undefined)[]): boolean {
  return tracks.some((t) => t !== undefined && t.seedIndex > 0);
}

function formatTolerance(x: number): string {
  return x === 0 ? '0' : x.toExponential(0);
}

function Row({ summary, track, tolerance }: { summary: OptimizerEnsemble; track: TrackSeries; tolerance: number }) {
  const reached = summary.reached > 0;
  return (
    <li
      className="status-item"
      data-testid={`ensemble-${summary.optimizerId}`}
      data-seeds={summary.seeds}
      data-reached={summary.reached}
      data-diverged={summary.diverged}
    >
      <span className="swatch" style={{ background: track.color }} aria-hidden="true" />
      <span className="status-label">{track.label}</span>
      <span className="status-numbers">
        {summary.reached}/{summary.seeds} seeds reached L ≤ {formatTolerance(tolerance)}
        {reached ? ` · median k = ${summary.medianK}, ${summary.medianTimeMs.toFixed(0)} ms` : ''}
        {summary.diverged > 0 ? ` · ${summary.diverged} diverged` : ''}
      </span>
    </li>
  );
}

export function EnsembleStatus({ tracks }: { tracks: readonly (TrackSeries | undefined)[] }) {
  const tolerance = useTolerance((s) => s.tolerance);
  const present = tracks.filter((t): t is TrackSeries => t !== undefined);
  // Recomputed with every render: tracks are new objects whenever records arrive (a pass over the records).
  const summaries = ensembleSummaries(
    present.map((t) => {
      const seed = {
        optimizerId: t.optimizerId,
        count: t.count,
        k: t.columns.k,
        loss: t.columns.loss,
        time: t.columns.time,
      };
      return t.stopReason === undefined ? seed : { ...seed, stopReason: t.stopReason };
    }),
    tolerance,
  );
  return (
    <ul className="status-list" data-testid="ensemble-status">
      {summaries.map((summary) => {
        const track = present.find((t) => t.optimizerId === summary.optimizerId);
        return track ? <Row key={summary.optimizerId} summary={summary} track={track} tolerance={tolerance} /> : null;
      })}
    </ul>
  );
}
