// The progress bar of a run's offline stage (a reduced-order model's decoder training in the worker): the
// run starts when it is full. Nothing while no offline stage runs.

import { useRuns } from '../state/runs';

export function OfflineProgress() {
  const offline = useRuns((s) => s.offline);
  if (offline === null) return null;
  const fraction = offline.total > 0 ? offline.done / offline.total : 0;
  return (
    <span
      className="offline-progress"
      data-testid="offline-progress"
      data-done={offline.done}
      data-total={offline.total}
    >
      <label>
        training the decoder offline ({offline.done} / {offline.total})
        <progress max={offline.total} value={offline.done} aria-label="offline training progress" />
      </label>
      <span className="note">{Math.round(100 * fraction)} %</span>
    </span>
  );
}
