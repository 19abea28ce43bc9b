// Progress of the running sweep: cells done of all, a bar, the time left (from the mean time per cell so
// far), and Cancel.

import { cancelSweep } from '../../state/sweep';
import { useSweep } from '../../state/sweepStore';

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function SweepProgress() {
  const run = useSweep((s) => s.run);
  if (run === null) return null;
  const elapsed = (run.endedAt ?? run.updatedAt) - run.startedAt;
  const left = run.done > 0 ? (elapsed / run.done) * (run.total - run.done) : NaN;
  const text =
    run.status === 'running'
      ? `${run.done} / ${run.total} cells · ${Number.isFinite(left) ? `about ${formatSeconds(left)} left` : 'estimating…'}`
      : `${run.done} / ${run.total} cells · ${run.status === 'done' ? 'done' : 'cancelled'} after ${formatSeconds(elapsed)}`;
  return (
    <div
      className="sweep-progress"
      data-testid="sweep-progress"
      data-status={run.status}
      data-done={run.done}
      data-total={run.total}
    >
      <progress max={run.total} value={run.done} aria-label="Cells finished" />
      <span className="sweep-progress-text">{text}</span>
      {run.status === 'running' ? (
        <button type="button" data-testid="sweep-cancel" onClick={cancelSweep}>
          Cancel
        </button>
      ) : null}
    </div>
  );
}
