// One line per optimizer: its colour, name, iteration, current loss and — visibly — why it stopped.

import { memo } from 'react';
import { useRuns, type TrackSeries } from '../state/runs';
import { useShallow } from 'zustand/react/shallow';
import { RunStopped } from './RunStopped';
import { OfflineProgress } from './OfflineProgress';

function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  return loss === 0 ? '0' : loss.toExponential(2);
}

const TrackStatus = memo(function TrackStatus({ track }: { track: TrackSeries }) {
  const last = track.count - 1;
  const k = last >= 0 ? track.columns.k[last] : null;
  const loss = last >= 0 ? track.columns.loss[last] : NaN;
  const state = track.stopReason ? 'stopped' : track.done ? 'done' : 'running';
  return (
    <li className={`status-item status-state-${state}`} data-testid={`status-${track.key}`} data-count={track.count} data-state={state}>
      <span className="swatch" style={{ background: track.color }} aria-hidden="true" />
      <span className="status-label">{track.label}</span>
      <span className="status-numbers">
        {k === null ? 'starting…' : `k = ${k}, L = ${formatLoss(loss)}`}
      </span>
      {track.stopReason ? (
        <span className="stop-reason" role="status" data-testid={`stop-${track.key}`}>
          ⚠ {track.stopReason}
        </span>
      ) : track.done ? (
        <span className="status-done">finished</span>
      ) : null}
    </li>
  );
});

export function StatusLine() {
  const tracks = useRuns(useShallow((s) => s.keys.map((key) => s.tracks[key])));
  const status = useRuns((s) => s.status);
  const startErrors = useRuns((s) => s.startErrors);
  const respawns = useRuns((s) => s.respawns);
  const records = tracks.reduce((sum, t) => sum + (t?.count ?? 0), 0);
  return (
    <section className="status-line" aria-label="Run status" data-testid="status-line" data-status={status} data-records={records}>
      <span className={`run-status run-status-${status}`} data-testid="run-status">
        {status === 'starting' ? 'starting…' : status}
      </span>
      <OfflineProgress />
      <ul className="status-list">
        {tracks.map((track) => (track ? <TrackStatus key={track.key} track={track} /> : null))}
      </ul>
      <RunStopped />
      {startErrors.length > 0 ? (
        <div className="field-error" role="alert">
          The engine refused the scenario: {startErrors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}
        </div>
      ) : null}
      {respawns > 0 ? (
        <span className="note" title="The engine did not answer within 100 ms and was restarted.">
          engine restarted {respawns}×
        </span>
      ) : null}
    </section>
  );
}
