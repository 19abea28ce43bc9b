// One line per optimizer: its colour, name, iteration, current loss and — visibly — why it stopped. A
// diverged optimizer is red ("diverged at k = 12 (L = 5e120)"), never a green "finished"; coinciding
// curves are named ("Newton ≡ NGD here"). Worker restarts stay invisible unless the run really stopped;
// a crashed worker is reported with the reason (RunStopped).

import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useRuns, type TrackSeries } from '../state/runs';
import type { Divergence } from '../engine/views/types';
import { useTrackNotes } from './trackNotes';
import { formatNumber } from './plotCard/plotSummaries';
import { useStalledEngine } from './stalledEngine';
import { RunStopped } from './RunStopped';
import { OfflineProgress } from './OfflineProgress';
import { EnsembleStatus, hasEnsemble } from './ensemble/EnsembleStatus';

function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  return loss === 0 ? '0' : loss.toExponential(2);
}

export function divergenceText(d: Divergence): string {
  return `diverged at k = ${d.k} (L = ${formatNumber(d.loss)})`;
}

const TrackStatus = memo(function TrackStatus({
  track,
  diverged,
}: {
  track: TrackSeries;
  diverged: string | undefined;
}) {
  const last = track.count - 1;
  const k = last >= 0 ? track.columns.k[last] : null;
  const loss = last >= 0 ? track.columns.loss[last] : NaN;
  const state = diverged ? 'diverged' : track.stopReason ? 'stopped' : track.done ? 'done' : 'running';
  return (
    <li
      className={`status-item status-state-${state}`}
      data-testid={`status-${track.key}`}
      data-count={track.count}
      data-state={state}
    >
      <span className="swatch" style={{ background: track.color }} aria-hidden="true" />
      <span className="status-label">{track.label}</span>
      <span className="status-numbers">{k === null ? 'starting…' : `k = ${k}, L = ${formatLoss(loss)}`}</span>
      {diverged || track.stopReason ? (
        <span className="stop-reason" data-testid={`stop-${track.key}`}>
          ⚠ {diverged ?? track.stopReason}
        </span>
      ) : track.done ? (
        <span className="status-done">finished</span>
      ) : null}
    </li>
  );
});

function Coincidences() {
  const found = useTrackNotes((notes) =>
    notes.coincidences.map((c) => `${c.first}\u0000${c.second}\u0000${c.identical ? 1 : 0}\u0000${c.difference}`),
  );
  const labels = useRuns(
    useShallow((s) =>
      found.map((entry) =>
        entry
          .split('\u0000', 2)
          .map((key) => s.tracks[key]?.label ?? key)
          .join('\u0000'),
      ),
    ),
  );
  if (found.length === 0) return null;
  return (
    <span className="status-coincidence" data-testid="coincidence">
      {found.map((entry, i) => {
        const [, second, identical, difference] = entry.split('\u0000');
        const [first, later] = labels[i].split('\u0000');
        const within = formatNumber(Number(difference));
        return (
          <span
            key={second}
            title={
              identical === '1'
                ? 'identical steps (relative difference below 1e-12)'
                : `relative difference ≤ ${within}`
            }
          >
            {first} {identical === '1' ? '≡' : '≈'} {later} here
            {identical === '1' ? '' : ` (within ${within})`}
          </span>
        );
      })}
    </span>
  );
}

export function StatusLine() {
  const tracks = useRuns(useShallow((s) => s.keys.map((key) => s.tracks[key])));
  const status = useRuns((s) => s.status);
  const startErrors = useRuns((s) => s.startErrors);
  const respawns = useRuns((s) => s.respawns);
  const divergences = useTrackNotes((notes) =>
    Object.fromEntries(Object.entries(notes.divergences).map(([key, d]) => [key, divergenceText(d)])),
  );
  const stalled = useStalledEngine();
  const records = tracks.reduce((sum, t) => sum + (t?.count ?? 0), 0);
  const diverged = Object.keys(divergences).length;
  const shownStatus =
    status === 'done' && diverged > 0
      ? `finished — ${diverged} diverged`
      : status === 'starting'
        ? 'starting…'
        : status;
  return (
    <section
      className="status-line"
      aria-label="Run status"
      data-testid="status-line"
      data-status={status}
      data-records={records}
      data-respawns={respawns}
    >
      <span
        className={`run-status run-status-${status}${diverged > 0 ? ' run-status-diverged' : ''}`}
        data-testid="run-status"
      >
        {shownStatus}
      </span>
      <OfflineProgress />
      {hasEnsemble(tracks) ? (
        <EnsembleStatus tracks={tracks} />
      ) : (
        <ul className="status-list">
          {tracks.map((track) =>
            track ? <TrackStatus key={track.key} track={track} diverged={divergences[track.key]} /> : null,
          )}
        </ul>
      )}
      <Coincidences />
      <RunStopped />
      {startErrors.length > 0 ? (
        <div className="field-error" role="alert">
          The engine refused the scenario:{' '}
          {startErrors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ')}
        </div>
      ) : null}
      {stalled ? (
        <div className="field-error" role="alert" data-testid="engine-stalled">
          {stalled}
        </div>
      ) : null}
    </section>
  );
}
