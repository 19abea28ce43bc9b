// What the plot views compute in the worker and send to the charts (plain typed arrays: transferable).

/** Values on a regular grid: values[j * nx + i] is the value at (x[i], y[j]). */
export interface GridValues {
  nx: number;
  ny: number;
  x: Float64Array; // nx, ascending
  y: Float64Array; // ny, ascending
  values: Float64Array; // nx · ny; NaN where not computable
  /** The contour levels to draw, ascending. */
  levels: number[];
  /** Their contour lines, traced by the run worker (workers/contourRings.ts); the page traces them if absent. */
  rings?: ContourRings;
}

/** Contour rings packed in typed arrays (layout: workers/contourRings.ts). */
export interface ContourRings {
  levelStart: Int32Array;
  ringStart: Int32Array;
  points: Float64Array;
}

/** One track's iterates in plot coordinates: point i is iteration k[i]. */
export interface PlaneTrajectory {
  k: Int32Array;
  x: Float64Array;
  y: Float64Array;
}

/** An open polyline (x_i, y_i). */
export interface Polyline {
  x: Float64Array;
  y: Float64Array;
}

// ---- approximation ----------------------------------------------------------------------------------

/** 1D functions over the domain (sampled 1D problems, PDEs, exact spaces as cᵀΦ(x)). */
export interface CurveApproximation {
  kind: 'curve';
  x: Float64Array;
  /** Target / exact solution at x, null when unknown. */
  target: Float64Array | null;
  targetLabel: string;
  /** v_θ at x, one per θ given. */
  curves: Float64Array[];
  /** Abscissae of the quadrature points (null for exact spaces). */
  samples: Float64Array | null;
  /** PDE residual R(v_θ) at x, one per θ (null for non-PDE problems). */
  residual: Float64Array[] | null;
  /** The target's values at `samples` (drawn as dots: what the fit sees), null when not shown. */
  observations?: Float64Array | null;
  /** A curve to compare with (reduced-order models: the linear ROM's least-squares fit), null when none. */
  reference?: { label: string; values: Float64Array } | null;
  /** The value range to show: a curve that ran away (a diverged optimizer) is clipped to it; null if empty. */
  range: ShownRange | null;
  /** Ensembles: per curve, the 10–90 % band over the optimizer's seeds (src/engine/views/ensemble.ts). */
  bands?: (CurveBand | null)[];
}

/** The pointwise 10 % and 90 % quantiles of an ensemble's curves over its `seeds` seeds. */
export interface CurveBand {
  lo: Float64Array;
  hi: Float64Array;
  seeds: number;
}

/** Where a clipped series first leaves the shown range: series `series` at its point `index`. */
export interface ClipMark {
  series: number;
  index: number;
  value: number;
  above: boolean;
}

/** The range a plot shows when some series ran far beyond the others (src/engine/views/robustRange.ts). */
export interface ShownRange {
  lo: number;
  hi: number;
  /** Per series: whether it is clipped. */
  clipped: boolean[];
  marks: ClipMark[];
}

/** 2D functions on a grid (heatmaps of target, approximation and error). */
export interface FieldApproximation {
  kind: 'field';
  /** Grid axes; `target.values`-style layout: value[j * nx + i] at (x[i], y[j]). */
  x: Float64Array;
  y: Float64Array;
  target: Float64Array | null;
  curves: Float64Array[];
  /** v_θ − u per curve (null without a target). */
  errors: Float64Array[] | null;
  /** Quadrature points (x, y interleaved), null when too many to draw. */
  samples: Float64Array | null;
}

/** Binary classification of 2D inputs: model output on a grid and the labelled data points. */
export interface ClassificationApproximation {
  kind: 'classification';
  x: Float64Array;
  y: Float64Array;
  /** Model output (value[j * nx + i] at (x[i], y[j])), one per θ; the decision boundary is 0.5. */
  curves: Float64Array[];
  /** Data inputs (x, y interleaved) and labels in {0, 1}. */
  points: Float64Array;
  labels: Float64Array;
}

/** Time-series regression (Mackey–Glass): prediction against truth over time, train then test. */
export interface SeriesApproximation {
  kind: 'series';
  /** Time of each predicted value (train samples first, then test). */
  t: Float64Array;
  truth: Float64Array;
  curves: Float64Array[];
  /** The first trainCount samples are training samples, the rest test samples. */
  trainCount: number;
}

export type ApproximationView =
  CurveApproximation | FieldApproximation | ClassificationApproximation | SeriesApproximation;

// ---- parameter space --------------------------------------------------------------------------------

/** p = 1: L(θ) over a θ-range, the iterates on it (trajectory y = L(θ_k)). */
export interface ParameterCurveView {
  kind: 'curve';
  xLabel: string;
  yLabel: string;
  theta: Float64Array;
  loss: Float64Array;
  trajectories: PlaneTrajectory[];
}

/** p ≥ 2: L on a grid of a parameter plane (p = 2: the parameters themselves; p > 2: a PCA plane). */
export interface ParameterGridView {
  kind: 'grid';
  xLabel: string;
  yLabel: string;
  grid: GridValues;
  trajectories: PlaneTrajectory[];
  /** p > 2: fraction of the iterates' spread (about θ_0) along each plane direction; null for p = 2. */
  explained: [number, number] | null;
  /** p > 2: the plane θ_0 + a·d₁ + b·d₂ (unit, orthogonal d); null for p = 2. */
  plane: { origin: Float64Array; d1: Float64Array; d2: Float64Array } | null;
}

export type ParameterPlaneView = ParameterCurveView | ParameterGridView;

// ---- function space ---------------------------------------------------------------------------------

/** Exact spaces: the coefficient plane (c₁, c₂) of the paper's figures. */
export interface CoefficientPlaneView {
  kind: 'coefficients';
  xLabel: string;
  yLabel: string;
  /** 𝓛(c) on a square box (½(c − c_u)ᵀK(c − c_u), or the twisted loss). */
  grid: GridValues;
  /** The manifold M: one polyline (p = 1) or the images of parameter grid lines (p ≥ 2), clipped to the box. */
  manifold: Polyline[];
  trajectories: PlaneTrajectory[];
  target: [number, number];
}

/** Sampled spaces: the plane through v_0 spanned by u − v_0 and the iterates' main other direction. */
export interface SampledPlaneView {
  kind: 'sampled';
  xLabel: string;
  yLabel: string;
  /** 𝓛 on the plane (square box) where computable (l2, cross-entropy), else null. */
  grid: GridValues | null;
  /** The loss the grid shows (the scenario's loss kind), null when there is no grid. */
  loss: 'l2' | 'cross-entropy' | null;
  trajectories: PlaneTrajectory[];
  /** V-distance of each trajectory point from the plane (aligned with the trajectory's points). */
  offPlane: Float64Array[];
  /** The target at (‖u − v_0‖, 0); null when the problem has no target values. */
  target: [number, number] | null;
  /** Fraction of the iterates' spread (about v_0) inside the plane. */
  explained: number;
}

export type FunctionSpaceView = CoefficientPlaneView | SampledPlaneView;

// ---- loss curves of ensembles ---------------------------------------------------------------------

/** The loss-like record fields a loss plot draws. */
export type LossField = 'loss' | 'error' | 'relError' | 'evalLoss';

/** The 10 %, 50 % and 90 % quantiles over an ensemble's seeds (NaN where no seed has a positive value). */
export interface QuantileSeries {
  q10: Float64Array;
  q50: Float64Array;
  q90: Float64Array;
}

/** One optimizer's seeds: per thinned record index, its iteration, median wall time and quantiles. */
export interface EnsembleBand {
  optimizerId: string;
  members: number;
  k: Float64Array;
  time: Float64Array;
  /** Null for a field no seed records (e.g. no exact solution). */
  fields: Record<LossField, QuantileSeries | null>;
}

export interface LossView {
  ensembles: EnsembleBand[];
  /** The top of the loss axis when some tracks grew far above the others (their marks: series = track), else null. */
  clip: { top: number; marks: ClipMark[] } | null;
}

// ---- notes on the tracks ----------------------------------------------------------------------------

/** A run that blew up: the first iteration beyond 1e8 × its initial loss, and the loss it ended with. */
export interface Divergence {
  k: number;
  loss: number;
}

/** Two tracks whose curves coincide: the later one is drawn dashed over the earlier one. */
export interface Coincidence {
  /** The earlier track (drawn solid, below). */
  first: string;
  /** The later track (drawn dashed, on top). */
  second: string;
  /** Largest relative difference over the common iterations. */
  difference: number;
  /** Identical steps (relative difference below 1e-12): "≡"; else "≈". */
  identical: boolean;
}

/** What the status line, the plots' dashes and the text alternatives say about the tracks, by track key. */
export interface TrackNotesView {
  divergences: Record<string, Divergence>;
  /** The first k from which the loss stayed at its final value (at least a few iterations). */
  stalledSince: Record<string, number>;
  coincidences: Coincidence[];
}

// ---- status of ensembles ----------------------------------------------------------------------------

/** One optimizer's seeds against a loss tolerance (the status line of an ensemble). */
export interface OptimizerEnsemble {
  optimizerId: string;
  seeds: number;
  /** Seeds with L(θ_k) ≤ tolerance at some recorded k. */
  reached: number;
  /** Median over the seeds that reached it of the first such k (NaN when none did). */
  medianK: number;
  /** Median over the same seeds of the wall time at that k. */
  medianTimeMs: number;
  /** Seeds that stopped as diverged or recorded a loss that is not finite. */
  diverged: number;
}

/** Per optimizer of an ensemble, its seeds against `tolerance` (empty when every optimizer runs one seed). */
export interface EnsembleStatusView {
  tolerance: number;
  summaries: OptimizerEnsemble[];
}
