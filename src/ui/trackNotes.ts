// What the plots and the status line say about the tracks beyond their records: the dash pattern of each
// (a second optimizer of one method; the later of two coinciding curves, drawn dashed over the solid
// one), which tracks coincide ("Newton ≡ NGD here") and which diverged. Recomputed from the runs store
// at most twice a second, on the main thread (a pass over the records; no optimisation).

import { create } from 'zustand';
import { coincidences, type Coincidence } from '../engine/views/coincidence';
import { divergenceOf, type Divergence } from '../engine/views/divergence';
import { optimizerStyles } from '../style/methodColors';
import { useRuns, type RunsState } from '../state/runs';
import { useScenario } from '../state/scenario';
import { whenIdle } from './whenIdle';

/** Dash of the later of two coinciding curves (over the solid earlier one). */
export const COINCIDENT_DASH = '9,6';
const INTERVAL_MS = 500;

export interface TrackNotes {
  /** stroke-dasharray per track key (absent: solid). */
  dashes: Record<string, string>;
  coincidences: Coincidence[];
  divergences: Record<string, Divergence>;
}

export const useTrackNotes = create<TrackNotes>()(() => ({ dashes: {}, coincidences: [], divergences: {} }));

export function computeTrackNotes(runs: RunsState, optimizers: Parameters<typeof optimizerStyles>[0]): TrackNotes {
  const styles = optimizerStyles(optimizers);
  const dashes: Record<string, string> = {};
  const divergences: Record<string, Divergence> = {};
  const series = [];
  for (const key of runs.keys) {
    const track = runs.tracks[key];
    if (!track) continue;
    const dash = styles[track.optimizerId]?.dash;
    if (dash) dashes[key] = dash;
    const divergence = divergenceOf(track.columns.k, track.columns.loss, track.count, track.stopReason);
    if (divergence) divergences[key] = divergence;
    series.push({ key, count: track.count, loss: track.columns.loss, theta: (i: number) => track.records[i]?.theta });
  }
  const found = coincidences(series);
  for (const c of found) if (!dashes[c.second]) dashes[c.second] = COINCIDENT_DASH;
  return { dashes, coincidences: found, divergences };
}

function same(a: TrackNotes, b: TrackNotes): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Keep useTrackNotes in step with the runs (throttled). Returns an unsubscriber. */
export function watchTrackNotes(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const update = () => {
    timer = null;
    const next = computeTrackNotes(useRuns.getState(), useScenario.getState().valid.optimizers);
    if (!same(next, useTrackNotes.getState())) useTrackNotes.setState(next, true);
  };
  const schedule = () => {
    if (timer === null) timer = setTimeout(() => whenIdle(update, INTERVAL_MS), INTERVAL_MS);
  };
  update();
  const unsubscribeRuns = useRuns.subscribe((state, previous) => {
    if (state.generation !== previous.generation || state.keys !== previous.keys) update();
    else if (state.version !== previous.version) schedule();
  });
  const unsubscribeScenario = useScenario.subscribe((state, previous) => {
    if (state.valid !== previous.valid) schedule();
  });
  return () => {
    unsubscribeRuns();
    unsubscribeScenario();
    if (timer !== null) clearTimeout(timer);
  };
}
