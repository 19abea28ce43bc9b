// What crosses between the run worker (the coordinator) and its track workers (workers/trackHost.ts):
// the coordinator hands each track worker a share of the race's tracks and a step target; the track
// worker steps its share in short slices up to the target and posts the new records as columnar batches.
// The same workers run a sweep's cells (one at a time each, handed out by the pool), interleaved with the
// race's slices, so that a sweep and a race share the pool instead of each spawning its own workers.

import type { Scenario } from '../src/engine/scenario/types';
import type { TrackBatch } from './protocol';
import type { Sweep } from '../src/engine/sweep/types';
import type { FinishedCell } from '../src/engine/views/sweepMap';

export type ToTrackWorker =
  /** Build the tracks `keys` of `scenario` (answered with an ack before the build) and step to `target`. */
  | { type: 'start'; generation: number; scenario: Scenario; keys: string[]; iterations: number; target: number }
  /** Step until `target` Run.step() calls were made (Infinity: until every track is finished). */
  | { type: 'target'; generation: number; target: number }
  /** Stop stepping now and post everything, with the steps made (`halted`): the coordinator then aligns the tracks. */
  | { type: 'halt'; generation: number }
  /** A new iteration budget (a finished track may go on). */
  | { type: 'iterations'; generation: number; iterations: number }
  /** Forget the run (answered with an ack). */
  | { type: 'cancel'; generation: number }
  /** The sweep the next cells belong to. */
  | { type: 'sweep'; sweepId: number; sweep: Sweep }
  /** Run one cell of the loaded sweep (answered with a 'cell' message when done). */
  | { type: 'cell'; sweepId: number; cell: number }
  /** Drop the sweep's cell in progress. */
  | { type: 'sweepCancel'; sweepId: number };

/** One track's new records (up to two batches: θ is recorded for a prefix of the iterations) and its θ. */
export interface TrackShare {
  key: string;
  batches: TrackBatch[];
  done: boolean;
  stopReason?: string;
  /** θ of the track's last record (always, whatever p). */
  theta: Float64Array;
}

export type FromTrackWorker =
  | { type: 'ack'; generation: number }
  | {
      type: 'batch';
      generation: number;
      /** Run.step() calls made so far. */
      steps: number;
      tracks: TrackShare[];
      /** Every track of the share is finished. */
      done: boolean;
      /** The answer to a halt. */
      halted: boolean;
    }
  /** The share could not be built (the scenario passed validation, but building it threw). */
  | { type: 'failed'; generation: number; message: string }
  /** A finished cell of sweep `sweepId`: its measures and their summary for the maps. */
  | { type: 'cell'; sweepId: number; finished: FinishedCell };
