// The status line of an ensemble (run.seeds > 1): one row per optimizer instead of one per seed, with how
// many seeds reached the tolerance, the median k and wall time at which they did, and how many diverged.
// The statistics are computed in the run worker (src/engine/views/ensemble.ts) and come as the views
// store's `ensemble` view, which the worker computes only while this list is shown.

import { useEffect } from 'react';
import type { OptimizerEnsemble } from '../../engine/views';
import type { TrackSeries } from '../../state/runs';
import { useViews } from '../../state/views';

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
  const result = useViews((s) => s.ensemble);
  useEffect(() => {
    useViews.getState().setVisible('ensemble', true);
    return () => useViews.getState().setVisible('ensemble', false);
  }, []);
  const view = result?.view;
  return (
    <ul className="status-list" data-testid="ensemble-status">
      {(view?.summaries ?? []).map((summary) => {
        const track = tracks.find((t) => t?.optimizerId === summary.optimizerId);
        return track ? (
          <Row key={summary.optimizerId} summary={summary} track={track} tolerance={view!.tolerance} />
        ) : null;
      })}
    </ul>
  );
}
