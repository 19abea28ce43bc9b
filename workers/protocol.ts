// What crosses the worker boundary: the run worker's API, the batches of records it streams (columnar
// typed arrays, transferred, not copied) and the views it pushes (structured-cloned).

import { NUMBER_FIELDS, type NumberField } from '../src/engine/records';
import type {
  ApproximationView,
  EnsembleStatusView,
  FunctionSpaceView,
  LossView,
  ParameterPlaneView,
  TrackNotesView,
} from '../src/engine/views';

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
  | {
      ok: true;
      generation: number;
      p: number;
      iterations: number;
      tracks: TrackDescription[];
      parameterNames: string[];
    }
  | { ok: false; generation: number; errors: FieldErrorLike[] };

/** Iterations per second; Infinity runs as fast as the engine goes. */
export type Speed = number;

// ---- views ------------------------------------------------------------------------------------------

/** The views the worker computes for the plots (src/engine/views). */
export interface ViewsByKind {
  approximation: ApproximationView;
  parameterPlane: ParameterPlaneView;
  functionSpace: FunctionSpaceView;
  loss: LossView;
  /** Divergences, stalls and coinciding tracks (the status line, dashes and text alternatives; always wanted). */
  trackNotes: TrackNotesView;
  /** Ensembles: per optimizer, its seeds against the request's tolerance (the status line). */
  ensemble: EnsembleStatusView;
}

export type ViewKind = keyof ViewsByKind;

/** A view with the track keys its per-track arrays follow and the iteration each track is shown at. */
export interface TrackView<K extends ViewKind> {
  keys: string[];
  /** Per track: the iteration whose θ the view shows (approximation), or the number of records (others). */
  ks: number[];
  view: ViewsByKind[K];
}

export type ViewUpdate = { [K in ViewKind]: { kind: K; view: TrackView<K> } }[ViewKind];

/** What the plots want: the views of visible plots, the approximation at the hovered iteration. */
export interface ViewRequest {
  hoveredK: number | null;
  /** The loss tolerance the ensemble status counts by. */
  tolerance: number;
  wanted: ViewKind[];
}

export interface ViewMessage {
  /** The start() this view belongs to. */
  generation: number;
  update: ViewUpdate;
}

export type ViewListener = (message: ViewMessage) => void;

// ---- offline stage ----------------------------------------------------------------------------------

/** Progress of the offline stage a run computes before its first iteration (a reduced-order model's decoder training). */
export interface OfflineMessage {
  generation: number;
  /** Units done of the total (setup one, each training step one); done = total: finished. */
  done: number;
  total: number;
  /** The run could not be built after the stage (its reason). */
  failure?: string;
}

export type OfflineListener = (message: OfflineMessage) => void;
