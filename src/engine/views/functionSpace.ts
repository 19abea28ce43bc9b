// Function-space view (DESIGN.md "Plots" 4), the paper's picture.
//   exact spaces    the coefficient plane (c₁, c₂): level sets of 𝓛(c) = ½(c − c_u)ᵀK(c − c_u) on a grid,
//                   the manifold M as the image of the model over parameters (p = 1: a curve; p = 2: the
//                   images of parameter grid lines; p > 2: grid lines of the iterates' principal plane),
//                   the trajectories c(θ_k) and the target c_u.
//   sampled spaces  the plane v_0 + a·e₁ + b·e₂ with e₁ = (u − v_0)/‖u − v_0‖ and e₂ the main direction of the
//                   iterates' v_θ − v_0 after removing their e₁ part, orthonormal in ⟨f, g⟩ = Σ w_i f_i g_i;
//                   every (subsampled) iterate's coordinates (a, b) and distance to the plane; the target
//                   at (‖u − v_0‖, 0); 𝓛 on the plane where it is a function of the values (l2 in closed
//                   form, cross-entropy pointwise).

import * as libm from '../math';
import { CROSS_ENTROPY_CLAMP } from '../problems/losses';
import { quadraturePoints } from '../problems/quadrature';
import type { Model, PointSet } from '../models/model';
import type { CoefficientPlaneView, FunctionSpaceView, GridValues, PlaneTrajectory, Polyline, SampledPlaneView } from './types';
import { VIEW_BUDGET_MS, clipPolyline, coverRange, extent, linspace, perTrackBudget, probeCost, spreadIndices, squareBox, type Range } from './geometry';
import { completeDirection, orientDirection, principalDirections, weightedDot } from './pca';
import { principalPlane } from './parameterPlane';
import { NO_POINTS, boundModel, lossFunction, modelOn, type ViewProblem } from './problem';

export interface FunctionSpaceOptions {
  /**
   * Sampled spaces: at most this many model evaluations over all tracks (iterates are subsampled);
   * default: as many as fit in budgetMs (at most 240, at least 3 per track).
   */
  maxEvaluations?: number;
  /** Sampled spaces: at most this many iterates enter the PCA of the second direction; default 48. */
  pcaRows?: number;
  /** Time budget (ms) used to choose maxEvaluations when it is not given; default VIEW_BUDGET_MS. */
  budgetMs?: number;
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

/** Grid lines drawn per parameter direction (p ≥ 2) and samples per line. */
const MANIFOLD_LINES = 13;
const LINE_SAMPLES = 241;
const CURVE_SAMPLES = 1201;

function coefficientPlane(
  problem: ViewProblem,
  trajectories: readonly (readonly Float64Array[])[],
  options: FunctionSpaceOptions | undefined,
): CoefficientPlaneView {
  const { cu, K } = problem.exactSpace!;
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
  const values = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
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
    grid: { nx: n, ny: n, x: gx, y: gy, values },
    manifold: manifoldImage(model, trajectories, boxX, boxY),
    trajectories: projected,
    target: [cu[0], cu[1]],
  };
}

/**
 * The image of the model inside the box: over a wide parameter window around the iterates, the part
 * of parameter space that maps into the box is located on a coarse sample, then resampled finely.
 */
function manifoldImage(
  model: Model,
  trajectories: readonly (readonly Float64Array[])[],
  boxX: Range,
  boxY: Range,
): Polyline[] {
  const p = model.p;
  const c = new Float64Array(model.m);
  const inBox = (cx: number, cy: number) => cx >= boxX[0] && cx <= boxX[1] && cy >= boxY[0] && cy <= boxY[1];

  // Parameters of the drawn (1D or 2D) family: θ(s) for p = 1, θ(a, b) for p ≥ 2.
  const first = trajectories.find((track) => track.length > 0);
  const origin = p > 2 && first ? Float64Array.from(first[0]) : new Float64Array(p);
  const plane = p > 2 ? principalPlane(trajectories, origin, 48) : null;
  const theta = new Float64Array(p);
  const place = (a: number, b: number) => {
    if (p === 1) theta[0] = a;
    else if (plane === null) {
      theta[0] = a;
      theta[1] = b;
    } else {
      for (let j = 0; j < p; j++) theta[j] = origin[j] + a * plane.d1[j] + b * plane.d2[j];
    }
  };
  // Iterates in family coordinates.
  let aRange: Range | null = null;
  let bRange: Range | null = null;
  for (const track of trajectories) {
    for (const t of track) {
      if (p === 1) aRange = extent([t[0]], aRange) ?? aRange;
      else if (plane === null) {
        aRange = extent([t[0]], aRange) ?? aRange;
        bRange = extent([t[1]], bRange) ?? bRange;
      } else {
        let a = 0;
        let b = 0;
        for (let j = 0; j < p; j++) {
          a += (t[j] - origin[j]) * plane.d1[j];
          b += (t[j] - origin[j]) * plane.d2[j];
        }
        aRange = extent([a], aRange) ?? aRange;
        bRange = extent([b], bRange) ?? bRange;
      }
    }
  }
  const wide = (range: Range | null): Range => {
    const r = range ?? [0, 0];
    const centre = 0.5 * (r[0] + r[1]);
    const half = 3 * Math.max(r[1] - r[0], 1, Math.abs(centre));
    return [centre - half, centre + half];
  };

  if (p === 1) {
    const [s0, s1] = wide(aRange);
    const coarse = linspace(s0, s1, 2001);
    let lo = -1;
    let hi = -1;
    for (let i = 0; i < coarse.length; i++) {
      place(coarse[i], 0);
      model.values(theta, c);
      if (inBox(c[0], c[1])) {
        if (lo < 0) lo = i;
        hi = i;
      }
    }
    if (lo < 0) return [];
    const s = linspace(coarse[Math.max(0, lo - 1)], coarse[Math.min(coarse.length - 1, hi + 1)], CURVE_SAMPLES);
    const x = new Float64Array(s.length);
    const y = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) {
      place(s[i], 0);
      model.values(theta, c);
      x[i] = c[0];
      y[i] = c[1];
    }
    return clipPolyline(x, y, boxX, boxY);
  }

  // p ≥ 2: the parameter rectangle whose image meets the box, from a coarse 61 × 61 sample.
  const [a0, a1] = wide(aRange);
  const [b0, b1] = wide(bRange);
  const coarseA = linspace(a0, a1, 61);
  const coarseB = linspace(b0, b1, 61);
  let hitA: Range | null = null;
  let hitB: Range | null = null;
  for (let j = 0; j < coarseB.length; j++) {
    for (let i = 0; i < coarseA.length; i++) {
      place(coarseA[i], coarseB[j]);
      model.values(theta, c);
      if (inBox(c[0], c[1])) {
        hitA = extent([coarseA[Math.max(0, i - 1)], coarseA[Math.min(60, i + 1)]], hitA);
        hitB = extent([coarseB[Math.max(0, j - 1)], coarseB[Math.min(60, j + 1)]], hitB);
      }
    }
  }
  if (hitA === null || hitB === null) return [];
  const linesA = linspace(hitA[0], hitA[1], MANIFOLD_LINES);
  const linesB = linspace(hitB[0], hitB[1], MANIFOLD_LINES);
  const alongA = linspace(hitA[0], hitA[1], LINE_SAMPLES);
  const alongB = linspace(hitB[0], hitB[1], LINE_SAMPLES);
  const polylines: Polyline[] = [];
  const trace = (fixed: number, along: Float64Array, fixedIsA: boolean) => {
    const x = new Float64Array(along.length);
    const y = new Float64Array(along.length);
    for (let i = 0; i < along.length; i++) {
      if (fixedIsA) place(fixed, along[i]);
      else place(along[i], fixed);
      model.values(theta, c);
      x[i] = c[0];
      y[i] = c[1];
    }
    polylines.push(...clipPolyline(x, y, boxX, boxY));
  };
  for (const a of linesA) trace(a, alongB, true);
  for (const b of linesB) trace(b, alongA, false);
  return polylines;
}

// ---- sampled spaces ---------------------------------------------------------------------------------

/** The fixed points the sampled view works on: the quadrature points, or the evaluation grid when resampling. */
function viewPoints(problem: ViewProblem): PointSet | null {
  const points = problem.points;
  if (points === null) return null;
  if (!problem.objective.resample) return points;
  return boundModel(problem, 'evaluation-grid', () => quadraturePoints({ kind: 'grid', m: points.m }, problem.domain)).points;
}

type ValueLoss = 'l2' | 'cross-entropy';

/**
 * Which value loss the objective computes, recognised by comparing L(θ_0) with both formulas at v_0
 * (null when neither matches: h1, PDE residuals, or targets other than the values given).
 */
function recogniseLoss(
  problem: ViewProblem,
  theta0: Float64Array,
  v0: Float64Array,
  u: Float64Array,
  w: Float64Array,
): ValueLoss | null {
  if (problem.pde !== null || problem.objective.nV !== v0.length) return null;
  const loss = lossFunction(problem.objective)(theta0);
  if (!Number.isFinite(loss)) return null;
  const close = (value: number) => Math.abs(value - loss) <= 1e-9 * Math.max(Math.abs(loss), Math.abs(value)) + 1e-300;
  if (close(l2Loss(v0, u, w))) return 'l2';
  if (close(crossEntropy(v0, u, w))) return 'cross-entropy';
  return null;
}

function l2Loss(v: Float64Array, u: Float64Array, w: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) {
    const r = v[i] - u[i];
    sum += w[i] * r * r;
  }
  return 0.5 * sum;
}

function crossEntropy(v: Float64Array, u: Float64Array, w: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += w[i] * crossEntropyTerm(v[i], u[i]);
  return sum;
}

function crossEntropyTerm(value: number, label: number): number {
  const q = Math.min(1 - CROSS_ENTROPY_CLAMP, Math.max(CROSS_ENTROPY_CLAMP, value));
  return -label * libm.log(q) - (1 - label) * libm.log(1 - q);
}

function percent(fraction: number): string {
  return `${Math.round(100 * fraction)} %`;
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
      kind: 'sampled', xLabel: 'a', yLabel: 'b', grid: null, loss: null, explained: 0, target: null,
      trajectories: trajectories.map(() => ({ k: new Int32Array(0), x: new Float64Array(0), y: new Float64Array(0) })),
      offPlane: trajectories.map(() => new Float64Array(0)),
    };
  }
  const model = modelOn(problem, points);
  const m = points.m;
  const w = points.w;
  const u =
    problem.dataset !== null && points === problem.points ? problem.dataset.train.labels : problem.referenceValues(points);

  const v0 = new Float64Array(m);
  model.values(first[0], v0);

  // Displacements v_θ − v_0 of the subsampled iterates of every track.
  const evaluationCost = probeCost(() => model.values(first[0], v0));
  const affordable = Math.floor((0.75 * (options?.budgetMs ?? VIEW_BUDGET_MS)) / evaluationCost);
  const budget = perTrackBudget(options?.maxEvaluations ?? Math.min(240, affordable), nonEmptyCount, 3);
  const sampled = trajectories.map((track) => spreadIndices(track.length, budget));
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
      for (const index of spreadIndices(track.length, pcaBudget)) {
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
    const { directions } = principalDirections(pcaRows((d) => d), m, w, 2);
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

  const lossKind = u !== null ? recogniseLoss(problem, first[0], v0, u, w) : null;
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
      for (let i = 0; i < n; i++) values[j * n + i] = 0.5 * ((gx[i] - ta) * (gx[i] - ta) + (gy[j] - tb) * (gy[j] - tb) + uOff);
    }
    grid = { nx: n, ny: n, x: gx, y: gy, values };
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
    grid = { nx: n, ny: n, x: gx, y: gy, values };
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
