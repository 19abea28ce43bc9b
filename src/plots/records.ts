// Which records a chart draws: a track's records thinned by the views' one thinning rule
// (src/engine/views/thin.ts) to a fixed budget, and lookups by iteration.

import type { IterationRecord } from '../engine/records';
import { thinIndices } from '../engine/views/thin';
import type { RecordTrack } from './types';

/** Records drawn per track (a chart is a few hundred pixels wide; paths decimate further per pixel). */
export const RECORD_POINTS = 1000;

/** The indices of the records of `track` a chart draws. */
export function drawnIndices(track: Pick<RecordTrack, 'count'>): Int32Array {
  return thinIndices(track.count, RECORD_POINTS);
}

/** The records of `track` a chart draws, in order. */
export function drawnTrackRecords(track: RecordTrack): IterationRecord[] {
  return Array.from(drawnIndices(track), (i) => track.records[i]);
}

/** How many records the charts draw over all tracks. */
export function drawnRecords(tracks: readonly Pick<RecordTrack, 'count'>[]): number {
  let total = 0;
  for (const track of tracks) total += Math.min(track.count, RECORD_POINTS);
  return total;
}

/** Index of the record with iteration k among the first `count` (ordered by k), or −1. */
export function recordIndex(records: readonly IterationRecord[], count: number, k: number): number {
  if (k < count && records[k]?.k === k) return k;
  let lo = 0;
  let hi = count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = records[mid].k;
    if (value === k) return mid;
    if (value < k) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index of the element of sorted `values` nearest to `target` (−1 for an empty array). */
export function nearestSortedIndex(values: ArrayLike<number>, target: number): number {
  const n = values.length;
  if (n === 0) return -1;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= target) lo = mid;
    else hi = mid;
  }
  return Math.abs(values[lo] - target) <= Math.abs(values[hi] - target) ? lo : hi;
}
