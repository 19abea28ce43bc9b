// The status a speaker glances at: "k = 40 · natural Nesterov 2e-12", and what went wrong or coincides.
// Refreshed four times a second (not on every batch of records).

import { useEffect, useState } from 'react';
import { useRuns } from '../../state/runs';
import { currentTrackNotes } from '../trackNotes';
import { formatNumber } from '../plotCard/plotSummaries';

const REFRESH_MS = 250;

function useTicks(intervalMs: number): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
}

export function PresentationStatus() {
  useTicks(REFRESH_MS);
  const runs = useRuns.getState();
  const notes = currentTrackNotes();
  const tracks = runs.keys.map((key) => runs.tracks[key]).filter((t) => t && t.count > 0);
  const k = tracks.reduce((max, t) => Math.max(max, t.columns.k[t.count - 1]), 0);
  const best = [...tracks].sort((a, b) => a.columns.loss[a.count - 1] - b.columns.loss[b.count - 1])[0];
  const diverged = Object.keys(notes.divergences).map((key) => runs.tracks[key]?.label ?? key);
  const coincide = notes.coincidences.map(
    (c) => `${runs.tracks[c.first]?.label} ${c.identical ? '≡' : '≈'} ${runs.tracks[c.second]?.label}`,
  );
  return (
    <p className="presentation-status" data-testid="presentation-status">
      {best ? `k = ${k} · ${best.label} ${formatNumber(best.columns.loss[best.count - 1])}` : 'starting…'}
      {coincide.length > 0 ? ` · ${coincide.join(', ')} here` : ''}
      {diverged.length > 0 ? <span className="stop-reason"> · {diverged.join(', ')} diverged</span> : null}
    </p>
  );
}
