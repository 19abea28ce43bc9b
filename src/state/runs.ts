// The runs store: records streamed from the worker, per track key, in growable columnar typed arrays.
// Appending mutates the columns and the records array in place (they only grow; readers never look past
// `count`) and replaces the track's wrapper object, so a component selecting one track re-renders when that track changed and no
// other subscriber (the control panels) does.

import { create } from 'zustand';
import { optimizerColor, optimizerDash } from '../style/colors';
import type { OptimizerSpec } from '../engine/scenario/types';
import { blankRecord, unpackFlags, type IterationRecord } from '../engine/records';
import {
  RECORD_COLUMNS,
  type Batch,
  type FieldErrorLike,
  type OfflineMessage,
  type RecordColumn,
  type StartResult,
  type TrackBatch,
} from '../../workers/protocol';

export interface TrackSeries {
  key: string;
  optimizerId: string;
  seedIndex: number;
  label: string;
  color: string;
  /** stroke-dasharray of a second (third…) optimizer of the same method in the race; absent: solid. */
  dash?: string;
  /** Records received; entries of the columns past `count` are unused capacity. */
  count: number;
  columns: Record<RecordColumn, Float64Array>;
  flags: Uint8Array;
  /**
   * The same records as objects, for the charts (append-only, grown in place; θ_k are views into the
   * transferred batch buffers, so nothing is copied).
   */
  records: IterationRecord[];
  p: number;
  done: boolean;
  stopReason?: string;
}

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'invalid' | 'crashed';

export interface RunsState {
  /** The start() these records belong to. */
  generation: number;
  status: RunStatus;
  p: number;
  iterations: number;
  parameterNames: string[];
  /** Track keys in scenario order. */
  keys: string[];
  tracks: Record<string, TrackSeries>;
  /** Increases with every appended batch. */
  version: number;
  /** Why the worker refused the scenario (status 'invalid'). */
  startErrors: FieldErrorLike[];
  /** Worker restarts because it did not answer in time (shown as a notice). */
  respawns: number;
  /** Why the worker carrying the run crashed (status 'crashed'); the next start clears it. */
  crashReason: string | null;
  /** The offline stage the run computes first (a reduced-order model's decoder training), while it runs. */
  offline: { done: number; total: number } | null;
}

export interface RunsActions {
  /** A new start request: forget the records, ignore batches of older generations. */
  begin(generation: number): void;
  /** The worker started the run of a scenario with these optimizers (their labels and colours style the tracks). */
  started(result: StartResult, playing: boolean, optimizers: readonly OptimizerSpec[]): void;
  appendBatch(batch: Batch): void;
  /**
   * A batch from the worker, published with the others of the same animation frame: the worker posts
   * about 60 batches a second, and each publication re-renders the store's subscribers (status line,
   * cards, scrubber), so on a slow main thread they are applied together, once per frame.
   */
  queueBatch(batch: Batch): void;
  setStatus(status: RunStatus): void;
  setIterations(iterations: number): void;
  noteRespawn(): void;
  /** The worker crashed: the run stopped (the scenario and its edits are kept). */
  crashed(reason: string): void;
  /** Labels or colours of the scenario's optimizers changed (no new run). */
  restyle(optimizers: readonly OptimizerSpec[]): void;
  /** Progress of the offline stage (cleared when it is done; a failure to build the run after it is shown). */
  offlineProgress(message: OfflineMessage): void;
}

const INITIAL_CAPACITY = 128;

function emptyColumns(capacity: number): Record<RecordColumn, Float64Array> {
  const columns = {} as Record<RecordColumn, Float64Array>;
  for (const name of RECORD_COLUMNS) columns[name] = new Float64Array(capacity).fill(NaN);
  return columns;
}

function capacityOf(track: TrackSeries): number {
  return track.columns.k.length;
}

/** A track with room for at least `needed` records (doubling; the old values are copied). */
function withCapacity(track: TrackSeries, needed: number): TrackSeries {
  const capacity = capacityOf(track);
  if (needed <= capacity) return track;
  let next = capacity;
  while (next < needed) next *= 2;
  const columns = emptyColumns(next);
  for (const name of RECORD_COLUMNS) columns[name].set(track.columns[name].subarray(0, track.count));
  const flags = new Uint8Array(next);
  flags.set(track.flags.subarray(0, track.count));
  return { ...track, columns, flags };
}

/** The track after appending a batch (a new object; columns reused when they had room). */
export function appendToTrack(track: TrackSeries, batch: TrackBatch): TrackSeries {
  const end = batch.start + batch.count;
  const grown = withCapacity(track, end);
  const next: TrackSeries = grown === track ? { ...track } : grown;
  for (const name of RECORD_COLUMNS) next.columns[name].set(batch.columns[name], batch.start);
  next.flags.set(batch.flags, batch.start);
  const withTheta = batch.theta.length === batch.count * next.p;
  for (let i = 0; i < batch.count; i++) {
    const record = recordAt(batch, i);
    if (withTheta) record.theta = batch.theta.subarray(i * next.p, (i + 1) * next.p);
    next.records[batch.start + i] = record;
  }
  // The final record may have been replaced by a longer run: drop anything past the batch's end.
  if (batch.count > 0 && next.records.length > end) next.records.length = end;
  // A batch may replace the final record (the budget grew), so `count` follows the batch's end.
  if (batch.count > 0) next.count = end;
  next.done = batch.done;
  if (batch.stopReason !== undefined) next.stopReason = batch.stopReason;
  else delete next.stopReason;
  return next;
}

function recordAt(batch: TrackBatch, i: number): IterationRecord {
  const record = blankRecord(batch.columns.k[i], batch.columns.loss[i]);
  for (const name of RECORD_COLUMNS) record[name] = batch.columns[name][i];
  unpackFlags(record, batch.flags[i]);
  return record;
}

/** Colour, dash and label of the tracks of optimizer `id` (chosen in src/style/colors.ts). */
function trackStyle(
  optimizers: readonly OptimizerSpec[],
  id: string,
  fallbackLabel: string,
): { color: string; dash?: string; label: string } {
  const index = optimizers.findIndex((o) => o.id === id);
  if (index < 0) return { color: optimizerColor(undefined), label: fallbackLabel };
  return {
    color: optimizerColor(optimizers[index]),
    dash: optimizerDash(optimizers, index),
    label: optimizers[index].label ?? fallbackLabel,
  };
}

export function createTrack(
  description: { key: string; optimizerId: string; seedIndex: number; label: string },
  color: string,
  p: number,
): TrackSeries {
  return {
    ...description,
    color,
    count: 0,
    columns: emptyColumns(INITIAL_CAPACITY),
    flags: new Uint8Array(INITIAL_CAPACITY),
    records: [],
    p,
    done: false,
  };
}

/** Batches received and not yet published (queueBatch), in arrival order. */
const queued: Batch[] = [];
let flushRequested = false;
/** Publish queued batches at the latest this long after the first (animation frames stop in hidden tabs). */
const MAX_QUEUE_MS = 100;

function hasRecords(state: RunsState): boolean {
  for (const key of state.keys) if ((state.tracks[key]?.count ?? 0) > 0) return true;
  return false;
}

/** Apply batches (in order) to the store in one update. */
function appendBatches(batches: readonly Batch[]): void {
  const state = useRuns.getState();
  let tracks: Record<string, TrackSeries> | null = null;
  let status = state.status;
  for (const batch of batches) {
    if (batch.generation !== state.generation || status === 'invalid' || status === 'starting') continue;
    if (status === 'crashed') continue;
    tracks ??= { ...state.tracks };
    for (const tb of batch.tracks) {
      const track = tracks[tb.key];
      if (!track) continue;
      if (tb.count === 0 && track.done === tb.done && track.stopReason === tb.stopReason) continue;
      tracks[tb.key] = appendToTrack(track, tb);
    }
    if (batch.done) status = 'done';
    else if (status === 'done') status = batch.running ? 'running' : 'paused';
  }
  if (tracks) useRuns.setState({ tracks, status, version: state.version + 1 });
}

/** Publish every queued batch now (also what an export or a test calls to see the latest records). */
export function flushQueuedBatches(): void {
  flushRequested = false;
  if (queued.length === 0) return;
  const batches = queued.splice(0, queued.length);
  appendBatches(batches);
}

const flushChannel = typeof MessageChannel !== 'undefined' ? new MessageChannel() : null;
if (flushChannel) flushChannel.port1.onmessage = flushQueuedBatches;

/**
 * Publish the queue after the next frame is drawn (in a task of its own, like the chart draws of
 * src/plots/frameScheduler.ts), or after MAX_QUEUE_MS when no frame comes.
 */
function requestFlush(): void {
  if (flushRequested) return;
  flushRequested = true;
  const flush = () => {
    if (!flushRequested) return;
    if (flushChannel) flushChannel.port2.postMessage(null);
    else flushQueuedBatches();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(flush);
  setTimeout(flush, MAX_QUEUE_MS);
}

export const useRuns = create<RunsState & RunsActions>()((set, get) => ({
  generation: 0,
  status: 'idle',
  p: 0,
  iterations: 0,
  parameterNames: [],
  keys: [],
  tracks: {},
  version: 0,
  startErrors: [],
  respawns: 0,
  crashReason: null,
  offline: null,

  begin(generation) {
    set({
      generation,
      status: 'starting',
      keys: [],
      tracks: {},
      version: get().version + 1,
      startErrors: [],
      crashReason: null,
      offline: null,
    });
  },

  started(result, playing, optimizers) {
    if (result.generation !== get().generation) return;
    if (!result.ok) {
      set({ status: 'invalid', startErrors: result.errors, keys: [], tracks: {} });
      return;
    }
    const tracks: Record<string, TrackSeries> = {};
    for (const t of result.tracks)
      tracks[t.key] = { ...createTrack(t, '', result.p), ...trackStyle(optimizers, t.optimizerId, t.label) };
    set({
      status: playing ? 'running' : 'paused',
      p: result.p,
      iterations: result.iterations,
      parameterNames: result.parameterNames,
      keys: result.tracks.map((t) => t.key),
      tracks,
      version: get().version + 1,
      startErrors: [],
    });
  },

  appendBatch(batch) {
    appendBatches([batch]);
  },

  queueBatch(batch) {
    queued.push(batch);
    // The first records of a run (the first plot), the last ones and a pause are published at once.
    const urgent = batch.done || !batch.running || !hasRecords(get());
    if (urgent) flushQueuedBatches();
    else requestFlush();
  },

  setStatus(status) {
    const current = get().status;
    if (current !== 'invalid' && current !== 'crashed') set({ status });
  },

  setIterations(iterations) {
    set({ iterations });
  },

  noteRespawn() {
    set({ respawns: get().respawns + 1 });
  },

  crashed(reason) {
    set({ status: 'crashed', crashReason: reason, version: get().version + 1 });
  },

  offlineProgress(message) {
    if (message.generation !== get().generation) return;
    if (message.failure !== undefined) {
      set({ status: 'invalid', startErrors: [{ path: '', message: message.failure }], offline: null });
      return;
    }
    set({ offline: message.done >= message.total ? null : { done: message.done, total: message.total } });
  },

  restyle(optimizers) {
    const state = get();
    const tracks = { ...state.tracks };
    let changed = false;
    for (const key of state.keys) {
      const track = tracks[key];
      const { color, dash, label } = trackStyle(optimizers, track.optimizerId, track.label);
      if (color !== track.color || dash !== track.dash || label !== track.label) {
        tracks[key] = { ...track, color, dash, label };
        changed = true;
      }
    }
    if (changed) set({ tracks, version: state.version + 1 });
  },
}));

/** Total number of records across tracks (tests, status line). */
export function totalRecords(state: RunsState): number {
  let total = 0;
  for (const key of state.keys) total += state.tracks[key]?.count ?? 0;
  return total;
}

/** Largest iteration index received across tracks (−1 when none). */
export function lastIteration(state: RunsState): number {
  let last = -1;
  for (const key of state.keys) {
    const track = state.tracks[key];
    if (track && track.count > 0) last = Math.max(last, track.columns.k[track.count - 1]);
  }
  return last;
}
