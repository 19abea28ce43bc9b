// What crosses the worker boundary: the run worker's API and the batches of records it streams.
// Batches are columnar typed arrays, transferred (not copied) to the main thread.

import { NUMBER_FIELDS, type NumberField } from '../src/engine/records';

/** The numeric record fields, one Float64Array column each in a batch; flags travel packed in one byte. */
export const RECORD_COLUMNS = NUMBER_FIELDS;
export type RecordColumn = NumberField;

/** New records of one track. Record i of the batch is the track's record number `start + i` (= its k). */
export interface TrackBatch {
  key: string;
  start: number;
  count: number;
  columns: Record<RecordColumn, Float64Array>;
  flags: Uint8Array;
  /** count × p row-major; length 0 when θ is not recorded (p > 1000). */
  theta: Float64Array;
  done: boolean;
  stopReason?: string;
}

export interface Batch {
  /** The start() call these records belong to; the client drops batches of older generations. */
  generation: number;
  tracks: TrackBatch[];
  /** Every track is finished (budget reached or stopped). */
  done: boolean;
  /** The worker is stepping (playing, or working off a stepN). */
  running: boolean;
}

export type BatchListener = (batch: Batch) => void;

export interface TrackDescription {
  key: string;
  optimizerId: string;
  seedIndex: number;
  label: string;
}

export interface FieldErrorLike {
  path: string;
  message: string;
}

export type StartResult =
  | { ok: true; generation: number; p: number; iterations: number; tracks: TrackDescription[]; parameterNames: string[] }
  | { ok: false; generation: number; errors: FieldErrorLike[] };

/** Iterations per second; Infinity runs as fast as the engine goes. */
export type Speed = number;
