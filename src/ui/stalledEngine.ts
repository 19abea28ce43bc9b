// A worker restart (a step that took longer than the engine's answer deadline) is routine and stays
// invisible — the client respawns the worker and the run goes on. Only when the run really stops after a
// restart (playing, not finished, and no record for a while) is the reason shown.

import { useEffect, useState } from 'react';
import { useRuns } from '../state/runs';
import { useView } from '../state/view';

/** No new record for this long after a restart, while playing, means the run stopped. */
const STALL_AFTER_MS = 6000;

export function useStalledEngine(): string | null {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const arm = () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        const runs = useRuns.getState();
        if (useView.getState().playing && (runs.status === 'running' || runs.status === 'starting')) {
          setMessage(
            `The run stopped: the engine did not answer after ${runs.respawns} restart${runs.respawns === 1 ? '' : 's'} (a step takes longer than the engine's deadline). Press Reset or reduce the problem size.`,
          );
        }
      }, STALL_AFTER_MS);
    };
    const unsubscribe = useRuns.subscribe((state, previous) => {
      if (state.respawns !== previous.respawns) arm();
      else if (state.version !== previous.version && timer !== null) {
        clearTimeout(timer);
        timer = null;
        setMessage(null);
      }
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
  return message;
}
