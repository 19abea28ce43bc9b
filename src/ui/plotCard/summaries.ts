// The plots' text alternatives, recomputed together once a second by one timer (not one per card), and
// written only when a text changed: a card re-renders at most once a second, and only for a new text.

import { create } from 'zustand';
import { PLOT_IDS, type PlotId } from '../../engine/scenario/presetTeaching';
import { useRuns } from '../../state/runs';
import { currentTrackNotes } from '../trackNotes';
import { plotSummary } from './plotSummaries';
import { whenIdle } from '../whenIdle';

const SUMMARY_INTERVAL_MS = 1000;

export const useSummaries = create<Record<PlotId, string>>()(() => computeSummaries());

function computeSummaries(): Record<PlotId, string> {
  const runs = useRuns.getState();
  const notes = currentTrackNotes();
  const out = {} as Record<PlotId, string>;
  for (const id of PLOT_IDS) out[id] = plotSummary(id, runs, notes);
  return out;
}

/** Keep the summaries up to date. Returns a disposer. */
export function watchSummaries(): () => void {
  const update = () => {
    const next = computeSummaries();
    const current = useSummaries.getState();
    if (PLOT_IDS.some((id) => next[id] !== current[id])) useSummaries.setState(next, true);
  };
  const timer = setInterval(() => whenIdle(update, SUMMARY_INTERVAL_MS / 2), SUMMARY_INTERVAL_MS);
  return () => clearInterval(timer);
}
