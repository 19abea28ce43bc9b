// The polite live region of the run: "Run finished", "GD diverged at k = 12 (L = 5e120)". Screen readers
// hear changes of state, not the iteration counter.

import { useEffect, useState } from 'react';
import { useRuns } from '../state/runs';
import { useViews } from '../state/views';
import { notesOf } from './trackNotes';
import { divergenceText } from './StatusLine';
import { formatNumber } from './plotCard/plotSummaries';

function finishedMessage(): string {
  const runs = useRuns.getState();
  const best = runs.keys
    .map((key) => runs.tracks[key])
    .filter((t) => t && t.count > 0)
    .sort((a, b) => a.columns.loss[a.count - 1] - b.columns.loss[b.count - 1])[0];
  return best
    ? `Run finished. Lowest loss: ${best.label} ${formatNumber(best.columns.loss[best.count - 1])}.`
    : 'Run finished.';
}

export function RunAnnouncer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    const unsubscribeRuns = useRuns.subscribe((state, previous) => {
      if (state.status === previous.status) return;
      if (state.status === 'done') setMessage(finishedMessage());
      else if (state.status === 'invalid') setMessage('The scenario is invalid; the run did not start.');
    });
    const unsubscribeNotes = useViews.subscribe((state, previous) => {
      const now = notesOf(state).divergences;
      const before = notesOf(previous).divergences;
      const runs = useRuns.getState();
      const fresh = Object.keys(now).filter((key) => !before[key]);
      if (fresh.length > 0)
        setMessage(fresh.map((key) => `${runs.tracks[key]?.label ?? key} ${divergenceText(now[key])}.`).join(' '));
    });
    return () => {
      unsubscribeRuns();
      unsubscribeNotes();
    };
  }, []);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
      {message}
    </div>
  );
}
