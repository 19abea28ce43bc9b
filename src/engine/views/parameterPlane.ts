// Parameter-space view (docs/DESIGN.md "Plots" 3): L over the parameters around the trajectories.
//   p = 1  L(θ) on a θ-range covering every iterate (+ margin), iterates at (θ_k, L(θ_k)).
//   p = 2  L on a grid over the bounding box of all iterates (+20 %), for contours.
//   p > 2  the plane θ_0 + a·d₁ + b·d₂ through the first track's start, spanned by the two principal
//          directions of the iterates' displacements θ_k − θ_0 (all tracks, subsampled); L on a grid of
//          that plane, every iterate projected orthogonally onto it.

import type { ParameterCurveView, ParameterGridView, ParameterPlaneView, PlaneTrajectory } from './types';
import { coverRange, extent, linspace, type Range } from './geometry';
import { perTrackBudget, thinIndices } from './thin';
import { affordableEvaluations, gridResolution } from './budget';
import { landscapeLevels } from './levels';
import { completeDirection, orientDirection, principalDirections, weightedDot } from './pca';
import { lossFunction, type ViewProblem } from './problem';

export interface ParameterPlaneOptions {
  /** Names of the parameters (axis labels for p ≤ 2); default θ₀, θ₁, … */
  parameterNames?: readonly string[];
  /** At most this many iterates (over all tracks) enter the PCA; default 48. */
  pcaRows?: number;
}

/** Default samples of the p = 1 curve. */
export const CURVE_SAMPLES = 301;
/** Default grid resolution for p = 2 (L is usually cheap there). */
export const PLANE_RESOLUTION_P2 = 60;

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

function subscript(j: number): string {
  return String(j).replace(/[0-9]/g, (c) => SUBSCRIPT_DIGITS[Number(c)]);
}

function parameterLabel(options: ParameterPlaneOptions | undefined, j: number): string {
  return options?.parameterNames?.[j] ?? `θ${subscript(j)}`;
}

function percent(fraction: number): string {
  return `${Math.round(100 * fraction)} %`;
}

export function parameterPlaneView(
  problem: ViewProblem,
  trajectories: readonly (readonly Float64Array[])[],
  resolution?: number,
  options?: ParameterPlaneOptions,
): ParameterPlaneView {
  const p = problem.p;
  const request: PlaneRequest = { problem, trajectories, options };
  if (p === 1) {
    // The curve's samples and the iterates' losses share the budget.
    const samples = resolution ?? Math.min(CURVE_SAMPLES, Math.max(41, affordableEvaluations(problem, 0.5)));
    return curveView(request, samples);
  }
  if (p === 2) return coordinateGridView(request, resolution ?? gridResolution(problem, 12, PLANE_RESOLUTION_P2));
  return principalPlaneView(request, resolution ?? gridResolution(problem, 6));
}

/** What every view of the parameter space is drawn for (its size along an axis aside). */
interface PlaneRequest {
  problem: ViewProblem;
  trajectories: readonly (readonly Float64Array[])[];
  options: ParameterPlaneOptions | undefined;
}

function allIndices(n: number): Int32Array {
  const k = new Int32Array(n);
  for (let i = 0; i < n; i++) k[i] = i;
  return k;
}

function curveView({ problem, trajectories, options }: PlaneRequest, samples: number): ParameterCurveView {
  const lossOf = lossFunction(problem.objective);
  let range: Range | null = null;
  for (const track of trajectories) for (const theta of track) range = extent([theta[0]], range) ?? range;
  const [lo, hi] = coverRange(range ?? [-1, 1]);
  const theta = linspace(lo, hi, Math.max(2, samples));
  const loss = new Float64Array(theta.length);
  const point = new Float64Array(1);
  for (let i = 0; i < theta.length; i++) {
    point[0] = theta[i];
    loss[i] = lossOf(point);
  }
  const projected: PlaneTrajectory[] = trajectories.map((track) => {
    const x = new Float64Array(track.length);
    const y = new Float64Array(track.length);
    for (let k = 0; k < track.length; k++) {
      x[k] = track[k][0];
      y[k] = lossOf(track[k]);
    }
    return { k: allIndices(track.length), x, y };
  });
  return { kind: 'curve', xLabel: parameterLabel(options, 0), yLabel: 'L(θ)', theta, loss, trajectories: projected };
}

/** L at θ(a, b) for every node of the grid xs × ys (row j = ys[j]). */
function lossGrid(
  xs: Float64Array,
  ys: Float64Array,
  lossOf: (theta: Float64Array) => number,
  theta: Float64Array,
  place: (a: number, b: number, theta: Float64Array) => void,
): Float64Array {
  const nx = xs.length;
  const values = new Float64Array(nx * ys.length);
  for (let j = 0; j < ys.length; j++) {
    for (let i = 0; i < nx; i++) {
      place(xs[i], ys[j], theta);
      const value = lossOf(theta);
      values[j * nx + i] = Number.isFinite(value) ? value : NaN;
    }
  }
  return values;
}

function coordinateGridView({ problem, trajectories, options }: PlaneRequest, resolution: number): ParameterGridView {
  let xRange: Range | null = null;
  let yRange: Range | null = null;
  for (const track of trajectories) {
    for (const theta of track) {
      if (Number.isFinite(theta[0]) && Number.isFinite(theta[1])) {
        xRange = extent([theta[0]], xRange) ?? xRange;
        yRange = extent([theta[1]], yRange) ?? yRange;
      }
    }
  }
  const [x0, x1] = coverRange(xRange ?? [-1, 1]);
  const [y0, y1] = coverRange(yRange ?? [-1, 1]);
  const n = Math.max(2, resolution);
  const xs = linspace(x0, x1, n);
  const ys = linspace(y0, y1, n);
  const values = lossGrid(xs, ys, lossFunction(problem.objective), new Float64Array(2), (a, b, theta) => {
    theta[0] = a;
    theta[1] = b;
  });
  const projected: PlaneTrajectory[] = trajectories.map((track) => {
    const x = new Float64Array(track.length);
    const y = new Float64Array(track.length);
    for (let k = 0; k < track.length; k++) {
      x[k] = track[k][0];
      y[k] = track[k][1];
    }
    return { k: allIndices(track.length), x, y };
  });
  return {
    kind: 'grid',
    xLabel: parameterLabel(options, 0),
    yLabel: parameterLabel(options, 1),
    grid: { nx: n, ny: n, x: xs, y: ys, values, levels: landscapeLevels(values) },
    trajectories: projected,
    explained: null,
    plane: null,
  };
}

/**
 * The plane through `origin` spanned by the two leading principal directions of θ − origin over the
 * (subsampled) iterates, with orientation fixed so the first track's last iterate has coordinates ≥ 0.
 */
export function principalPlane(
  trajectories: readonly (readonly Float64Array[])[],
  origin: Float64Array,
  maxRows: number,
): { d1: Float64Array; d2: Float64Array; explained: [number, number] } {
  const p = origin.length;
  const nonEmpty = trajectories.filter((track) => track.length > 0);
  const budget = perTrackBudget(maxRows, nonEmpty.length, 2);
  const rows: Float64Array[] = [];
  for (const track of nonEmpty) {
    for (const k of thinIndices(track.length, budget)) {
      const theta = track[k];
      const row = new Float64Array(p);
      let finite = true;
      for (let j = 0; j < p; j++) {
        row[j] = theta[j] - origin[j];
        if (!Number.isFinite(row[j])) finite = false;
      }
      if (finite) rows.push(row);
    }
  }
  const { directions, variances, total } = principalDirections(rows, p, null, 2);
  const explained: [number, number] = [
    total > 0 && variances.length > 0 ? variances[0] / total : 0,
    total > 0 && variances.length > 1 ? variances[1] / total : 0,
  ];
  while (directions.length < 2) directions.push(completeDirection(directions, p, null));
  const [d1, d2] = directions;
  // Orientation: the first track's last displacement has non-negative coordinates (stable across frames).
  const last = nonEmpty.length > 0 ? nonEmpty[0][nonEmpty[0].length - 1] : origin;
  const displacement = new Float64Array(p);
  for (let j = 0; j < p; j++) displacement[j] = last[j] - origin[j];
  orientDirection(d1, displacement, null);
  orientDirection(d2, displacement, null);
  return { d1, d2, explained };
}

function principalPlaneView({ problem, trajectories, options }: PlaneRequest, resolution: number): ParameterGridView {
  const p = problem.p;
  const first = trajectories.find((track) => track.length > 0);
  const origin = first ? Float64Array.from(first[0]) : new Float64Array(p);
  const { d1, d2, explained } = principalPlane(trajectories, origin, options?.pcaRows ?? 48);

  const displacement = new Float64Array(p);
  let xRange: Range | null = null;
  let yRange: Range | null = null;
  const projected: PlaneTrajectory[] = trajectories.map((track) => {
    const x = new Float64Array(track.length);
    const y = new Float64Array(track.length);
    for (let k = 0; k < track.length; k++) {
      const theta = track[k];
      for (let j = 0; j < p; j++) displacement[j] = theta[j] - origin[j];
      x[k] = weightedDot(displacement, d1, null, p);
      y[k] = weightedDot(displacement, d2, null, p);
    }
    xRange = extent(x, xRange) ?? xRange;
    yRange = extent(y, yRange) ?? yRange;
    return { k: allIndices(track.length), x, y };
  });

  // A single point (no motion yet) gets a window scaled to θ_0 rather than to the unit.
  const scale = Math.max(1e-3, Math.sqrt(weightedDot(origin, origin, null, p) / p));
  const [x0, x1] = spanOrFallback(xRange, scale);
  const [y0, y1] = spanOrFallback(yRange, scale);
  const n = Math.max(2, resolution);
  const xs = linspace(x0, x1, n);
  const ys = linspace(y0, y1, n);
  const values = lossGrid(xs, ys, lossFunction(problem.objective), new Float64Array(p), (a, b, theta) => {
    for (let j = 0; j < p; j++) theta[j] = origin[j] + a * d1[j] + b * d2[j];
  });
  return {
    kind: 'grid',
    xLabel: `PC1 (${percent(explained[0])})`,
    yLabel: `PC2 (${percent(explained[1])})`,
    grid: { nx: n, ny: n, x: xs, y: ys, values, levels: landscapeLevels(values) },
    trajectories: projected,
    explained,
    plane: { origin, d1, d2 },
  };
}

/** The covering range of plane coordinates; a degenerate one gets ±scale about its centre. */
function spanOrFallback(range: Range | null, scale: number): Range {
  const r = range ?? [0, 0];
  const width = r[1] - r[0];
  if (width > 1e-9 * scale) return [r[0] - 0.2 * width, r[1] + 0.2 * width];
  const centre = 0.5 * (r[0] + r[1]);
  return [centre - scale, centre + scale];
}
