// Function-space view (docs/DESIGN.md "Plots" 4), the paper's picture.
//   exact spaces    the coefficient plane (c₁, c₂): level sets of 𝓛(c) on a grid (½(c − c_u)ᵀK(c − c_u), or the
//                   twisted loss of docs/ALGORITHMS.md §7),
//                   the manifold M as the image of the model over parameters (p = 1: a curve; p = 2: the
//                   images of parameter grid lines; p > 2: grid lines of the iterates' principal plane),
//                   the trajectories c(θ_k) and the target c_u.
//   sampled spaces  the plane v_0 + a·e₁ + b·e₂ with e₁ = (u − v_0)/‖u − v_0‖ and e₂ the main direction of the
//                   iterates' v_θ − v_0 after removing their e₁ part, orthonormal in ⟨f, g⟩ = Σ w_i f_i g_i;
//                   every (subsampled) iterate's coordinates (a, b) and distance to the plane; the target
//                   at (‖u − v_0‖, 0); 𝓛 on the plane where it is a function of the values (l2 in closed
//                   form, cross-entropy pointwise), as the scenario's loss kind says.

import * as libm from '../math';
import { CROSS_ENTROPY_CLAMP } from '../problems/losses';
import { quadraturePoints } from '../problems/quadrature';
import { TwistedLoss, lossOnCoefficientGrid } from '../problems/twisted';
import type { PointSet } from '../models/model';
import type { CoefficientPlaneView, FunctionSpaceView, GridValues, PlaneTrajectory, SampledPlaneView } from './types';
import { coverRange, extent, linspace, squareBox, type Range } from './geometry';
import { completeDirection, orientDirection, principalDirections, weightedDot } from './pca';
import { NO_POINTS, boundModel, modelOn, type ViewProblem } from './problem';
import { perTrackBudget, thinIndices } from './thin';
import { affordableEvaluations } from './budget';
import { landscapeLevels, quadraticLevels } from './levels';
import { manifoldImage } from './manifold';

export interface FunctionSpaceOptions {
  /**
   * Sampled spaces: at most this many model evaluations over all tracks (iterates are thinned);
   * default: as many as ¾ of the view's work allows (at most 240, at least 3 per track).
   */
  maxEvaluations?: number;
  /** Sampled spaces: at most this many iterates enter the PCA of the second direction; default 48. */
  pcaRows?: number;
  /** Grid resolution of the loss (per side); default 81 (exact), 61 (sampled l2), ≤ 41 (cross-entropy). */
  resolution?: number;
}

export function functionSpaceView(
  problem: ViewProblem,
  trajectories: readonly (readonly Float64Array[])[],
  options?: FunctionSpaceOptions,
): FunctionSpaceView {
  return problem.exactSpace !== null
    ? coefficientPlane(problem, trajectories, options)
    : sampledPlane(problem, trajectories, options);
}

// ---- exact spaces -----------------------------------------------------------------------------------

function coefficientPlane(
  problem: ViewProblem,
  trajectories: readonly (readonly Float64Array[])[],
  options: FunctionSpaceOptions | undefined,
): CoefficientPlaneView {
  const { cu, K, loss } = problem.exactSpace!;
  const { model } = boundModel(problem, 'exact', () => NO_POINTS);
  const c = new Float64Array(model.m);

  let xRange: Range | null = extent([cu[0]]);
  let yRange: Range | null = extent([cu[1]]);
  const projected: PlaneTrajectory[] = trajectories.map((track) => {
    const x = new Float64Array(track.length);
    const y = new Float64Array(track.length);
    const k = new Int32Array(track.length);
    for (let i = 0; i < track.length; i++) {
      model.values(track[i], c);
      x[i] = c[0];
      y[i] = c[1];
      k[i] = i;
    }
    xRange = extent(x, xRange) ?? xRange;
    yRange = extent(y, yRange) ?? yRange;
    return { k, x, y };
  });
  const [boxX, boxY] = squareBox(coverRange(xRange ?? [-1, 1]), coverRange(yRange ?? [-1, 1]));

  const n = Math.max(2, options?.resolution ?? 81);
  const gx = linspace(boxX[0], boxX[1], n);
  const gy = linspace(boxY[0], boxY[1], n);
  // The quadratic loss in closed form (equally spaced ellipses); any other loss (twisted) evaluated on the
  // grid with geometric levels, since its level sets are far from ellipses.
  const quadratic = !(loss instanceof TwistedLoss);
  const values = quadratic ? new Float64Array(n * n) : lossOnCoefficientGrid(loss, gx, gy);
  for (let j = 0; quadratic && j < n; j++) {
    for (let i = 0; i < n; i++) {
      const r0 = gx[i] - cu[0];
      const r1 = gy[j] - cu[1];
      values[j * n + i] = 0.5 * (r0 * (K[0] * r0 + K[1] * r1) + r1 * (K[2] * r0 + K[3] * r1));
    }
  }

  return {
    kind: 'coefficients',
    xLabel: 'c₁',
    yLabel: 'c₂',
    grid: {
      nx: n,
      ny: n,
      x: gx,
      y: gy,
      values,
      levels: quadratic ? quadraticLevels(values, 12) : landscapeLevels(values, 16),
    },
    manifold: manifoldImage(model, trajectories, boxX, boxY),
    trajectories: projected,
    target: [cu[0], cu[1]],
  };
}

// ---- sampled spaces ---------------------------------------------------------------------------------

/** The fixed points the sampled view works on: the quadrature points, or the evaluation grid when resampling. */
function viewPoints(problem: ViewProblem): PointSet | null {
  const points = problem.points;
  if (points === null) return null;
  if (!problem.objective.resample) return points;
  return boundModel(problem, 'evaluation-grid', () => quadraturePoints({ kind: 'grid', m: points.m }, problem.domain))
    .points;
}

function crossEntropyTerm(value: number, label: number): number {
  const q = Math.min(1 - CROSS_ENTROPY_CLAMP, Math.max(CROSS_ENTROPY_CLAMP, value));
  return -label * libm.log(q) - (1 - label) * libm.log(1 - q);
}

function sampledPlane(
  problem: ViewProblem,
  trajectories: readonly (readonly Float64Array[])[],
  options: FunctionSpaceOptions | undefined,
): SampledPlaneView {
  const points = viewPoints(problem);
  const nonEmptyCount = trajectories.filter((track) => track.length > 0).length;
  const first = trajectories.find((track) => track.length > 0);
  if (points === null || first === undefined) {
    return {
      kind: 'sampled',
      xLabel: 'a',
      yLabel: 'b',
      grid: null,
      loss: null,
      explained: 0,
      target: null,
      trajectories: trajectories.map(() => ({ k: new Int32Array(0), x: new Float64Array(0), y: new Float64Array(0) })),
      offPlane: trajectories.map(() => new Float64Array(0)),
    };
  }
  const model = modelOn(problem, points);
  const m = points.m;
  const w = points.w;
  const u =
    problem.dataset !== null && points === problem.points
      ? problem.dataset.train.labels
      : problem.referenceValues(points);

  const v0 = new Float64Array(m);
  model.values(first[0], v0);

  // Displacements v_θ − v_0 of the thinned iterates of every track.
  const affordable = affordableEvaluations(problem, 0.75);
  const budget = perTrackBudget(options?.maxEvaluations ?? Math.min(240, affordable), nonEmptyCount, 3);
  const sampled = trajectories.map((track) => thinIndices(track.length, budget));
  const displacements: Float64Array[][] = trajectories.map((track, t) =>
    Array.from(sampled[t], (k) => {
      const d = new Float64Array(m);
      model.values(track[k], d);
      for (let i = 0; i < m; i++) d[i] -= v0[i];
      return d;
    }),
  );

  // e₁ toward the target when there is one (and it is not v_0 itself); e₂ from the remaining spread.
  const toTarget = u !== null ? Float64Array.from(u, (ui, i) => ui - v0[i]) : null;
  const targetDistance = toTarget !== null ? Math.sqrt(weightedDot(toTarget, toTarget, w, m)) : 0;
  const pcaBudget = perTrackBudget(options?.pcaRows ?? 48, nonEmptyCount, 2);
  const pcaRows = (transform: (d: Float64Array) => Float64Array) => {
    const rows: Float64Array[] = [];
    displacements.forEach((track) => {
      for (const index of thinIndices(track.length, pcaBudget)) {
        const row = transform(track[index]);
        if (row.every(Number.isFinite)) rows.push(row);
      }
    });
    return rows;
  };
  const lastOfFirst = displacements.find((track) => track.length > 0)!;
  const reference = lastOfFirst[lastOfFirst.length - 1];

  let e1: Float64Array;
  let e2: Float64Array;
  const towardTarget = toTarget !== null && targetDistance > 1e-12 * Math.max(1, Math.sqrt(weightedDot(v0, v0, w, m)));
  if (towardTarget) {
    e1 = Float64Array.from(toTarget!, (value) => value / targetDistance);
    const removeE1 = (d: Float64Array) => {
      const along = weightedDot(d, e1, w, m);
      return Float64Array.from(d, (value, i) => value - along * e1[i]);
    };
    const { directions } = principalDirections(pcaRows(removeE1), m, w, 1);
    e2 = directions[0] ?? completeDirection([e1], m, w);
    orientDirection(e2, removeE1(reference), w);
  } else {
    const { directions } = principalDirections(
      pcaRows((d) => d),
      m,
      w,
      2,
    );
    while (directions.length < 2) directions.push(completeDirection(directions, m, w));
    [e1, e2] = directions;
    orientDirection(e1, reference, w);
    orientDirection(e2, reference, w);
  }

  // Coordinates and distances to the plane.
  let spread = 0;
  let inPlane = 0;
  let xRange: Range | null = [0, 0];
  let yRange: Range | null = [0, 0];
  const offPlane: Float64Array[] = [];
  const projected: PlaneTrajectory[] = displacements.map((track, t) => {
    const x = new Float64Array(track.length);
    const y = new Float64Array(track.length);
    const off = new Float64Array(track.length);
    track.forEach((d, i) => {
      const a = weightedDot(d, e1, w, m);
      const b = weightedDot(d, e2, w, m);
      // The residual d − a e₁ − b e₂ directly (not √(‖d‖² − a² − b²), which cancels to ~1e-9).
      let squared = 0;
      let offSquared = 0;
      for (let q = 0; q < m; q++) {
        const r = d[q] - a * e1[q] - b * e2[q];
        squared += w[q] * d[q] * d[q];
        offSquared += w[q] * r * r;
      }
      x[i] = a;
      y[i] = b;
      off[i] = Math.sqrt(offSquared);
      if (Number.isFinite(squared)) {
        spread += squared;
        inPlane += a * a + b * b;
      }
    });
    xRange = extent(x, xRange) ?? xRange;
    yRange = extent(y, yRange) ?? yRange;
    offPlane.push(off);
    return { k: Int32Array.from(sampled[t]), x, y };
  });
  let target: [number, number] | null = null;
  if (toTarget !== null) {
    target = towardTarget ? [targetDistance, 0] : [weightedDot(toTarget, e1, w, m), weightedDot(toTarget, e2, w, m)];
    xRange = extent([target[0]], xRange);
    yRange = extent([target[1]], yRange);
  }
  const [boxX, boxY] = squareBox(coverRange(xRange ?? [-1, 1]), coverRange(yRange ?? [-1, 1]));

  // The loss as the scenario states it; others (h1, PDE residuals) are not functions of these values.
  const lossKind = problem.loss === 'l2' || problem.loss === 'cross-entropy' ? problem.loss : null;
  let grid: GridValues | null = null;
  if (lossKind === 'l2' && toTarget !== null) {
    // ½‖v − u‖² for v = v_0 + a e₁ + b e₂: in-plane distance to u's projection plus u's own distance to the plane.
    const [ta, tb] = target!;
    const uOff = Math.max(0, targetDistance * targetDistance - ta * ta - tb * tb);
    const n = Math.max(2, options?.resolution ?? 61);
    const gx = linspace(boxX[0], boxX[1], n);
    const gy = linspace(boxY[0], boxY[1], n);
    const values = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++)
        values[j * n + i] = 0.5 * ((gx[i] - ta) * (gx[i] - ta) + (gy[j] - tb) * (gy[j] - tb) + uOff);
    }
    grid = { nx: n, ny: n, x: gx, y: gy, values, levels: quadraticLevels(values, 12) };
  } else if (lossKind === 'cross-entropy' && u !== null) {
    const n = Math.max(2, options?.resolution ?? Math.min(41, Math.max(12, Math.floor(Math.sqrt(4e6 / m)))));
    const gx = linspace(boxX[0], boxX[1], n);
    const gy = linspace(boxY[0], boxY[1], n);
    const values = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let sum = 0;
        for (let q = 0; q < m; q++) sum += w[q] * crossEntropyTerm(v0[q] + gx[i] * e1[q] + gy[j] * e2[q], u[q]);
        values[j * n + i] = sum;
      }
    }
    grid = { nx: n, ny: n, x: gx, y: gy, values, levels: landscapeLevels(values, 12) };
  }

  const explained = spread > 0 ? inPlane / spread : 1;
  return {
    kind: 'sampled',
    xLabel: towardTarget ? 'along u − v₀' : 'PC1 of v − v₀',
    yLabel: towardTarget ? 'main other direction' : 'PC2 of v − v₀',
    grid,
    loss: grid !== null ? lossKind : null,
    trajectories: projected,
    offPlane,
    target,
    explained,
  };
}
