// When the worker carrying the run crashes (an uncaught exception, out of memory), the run is gone: say so,
// say why, and offer to start it again. The scenario and every edit are kept (they live in the scenario
// store, not in the worker).

import { useRuns } from '../state/runs';
import { play } from '../state/runner';

export function RunStopped() {
  const reason = useRuns((s) => (s.status === 'crashed' ? s.crashReason : null));
  if (reason === null) return null;
  return (
    <div className="field-error run-stopped" role="alert" data-testid="run-crashed">
      The run stopped: the worker crashed ({reason}). Your scenario and edits are kept.{' '}
      <button type="button" data-testid="restart-run" onClick={play}>
        Restart the run
      </button>
    </div>
  );
}
