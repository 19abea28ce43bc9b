// What crosses the worker boundary: the engine worker's API and the batches of records it streams.
// Batches are columnar typed arrays, transferred (not copied) to the main thread.

import type { IterationRecord } from '../src/engine/records';

/** The numeric fields of an IterationRecord, one Float64Array column each in a batch. */
export const RECORD_COLUMNS = [
  'k', 'loss', 'alpha', 'dirNorm', 'cond', 'cosine', 'error', 'relError', 'evalLoss', 'time',
] as const;
export type RecordColumn = (typeof RECORD_COLUMNS)[number];

/** Bits of the flags column. */
export const FLAG_NEWTON_FALLBACK = 1;
export const FLAG_ARMIJO_FAILED = 2;
export const FLAG_RESTARTED = 4;

export function recordFlags(record: IterationRecord): number {
  return (record.newtonFallback ? FLAG_NEWTON_FALLBACK : 0)
    | (record.armijoFailed ? FLAG_ARMIJO_FAILED : 0)
    | (record.restarted ? FLAG_RESTARTED : 0);
}

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
  color?: string;
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
