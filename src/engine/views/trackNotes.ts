// What is said about the tracks beyond their records, computed in the worker with the other views: which
// diverged ("diverged at k = 12 (L = 5e120)"), which stalled ("stalled since k = 8"), and which coincide
// ("Newton ≡ NGD here"; the later one is drawn dashed over the earlier).

import type { IterationRecord } from '../records';
import { coincidences } from './coincidence';
import { divergenceOf } from './divergence';
import type { TrackNotesView } from './types';

/** A loss that changed by less than this (relative) from k on is "stalled since k"… */
const STALL_TOLERANCE = 1e-9;
/** …if it has been so for at least this many iterations. */
const STALL_MIN_ITERATIONS = 5;

export interface NotedTrack {
  key: string;
  records: readonly IterationRecord[];
  stopReason?: string;
}

/** The first k from which the loss stayed within STALL_TOLERANCE of its positive final value, or null. */
export function stalledSince(ks: ArrayLike<number>, losses: ArrayLike<number>, count: number): number | null {
  if (count < STALL_MIN_ITERATIONS + 1) return null;
  const final = losses[count - 1];
  let i = count - 1;
  while (i > 0 && Math.abs(losses[i - 1] - final) <= STALL_TOLERANCE * Math.abs(final)) i--;
  const k = ks[i];
  return final > 0 && ks[count - 1] - k >= STALL_MIN_ITERATIONS && i > 0 ? k : null;
}

export function trackNotesView(tracks: readonly NotedTrack[]): TrackNotesView {
  const notes: TrackNotesView = { divergences: {}, stalledSince: {}, coincidences: [] };
  const series = tracks.map(({ key, records, stopReason }) => {
    const ks = Float64Array.from(records, (r) => r.k);
    const losses = Float64Array.from(records, (r) => r.loss);
    const divergence = divergenceOf(ks, losses, records.length, stopReason);
    if (divergence) notes.divergences[key] = divergence;
    const stalled = stalledSince(ks, losses, records.length);
    if (stalled !== null) notes.stalledSince[key] = stalled;
    return { key, count: records.length, loss: losses, theta: (i: number) => records[i]?.theta };
  });
  notes.coincidences = coincidences(series);
  return notes;
}
