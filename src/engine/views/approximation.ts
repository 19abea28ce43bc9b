// Approximation view (docs/DESIGN.md "Plots" 1): the target and v_θ of each given θ on a plotting grid.
//   exact spaces     cᵀΦ(x), Φ = (sin 2πx, cos 2πx) on [−1, 1], target c_uᵀΦ(x);
//   1D sampled, PDE  values on ~300 points of the domain, quadrature abscissae, PDE residual R(v_θ);
//   KdV (rom)        as 1D sampled, with the observed values at the samples and the linear ROM's fit;
//   2D sampled       values on a 60 × 60 grid (heatmaps);
//   xor              model output on a 60 × 60 grid of [−1.5, 1.5]², data points and labels;
//   mackey-glass     predictions on the train then test samples against the true z(t + 6).

import { MACKEY_GLASS } from '../problems/datasets';
import { exactBasis } from '../problems/targets';
import {
  createDerivativeBuffers,
  hasDerivatives,
  type DerivativeBuffers,
  type Model,
  type PointSet,
} from '../models/model';
import type {
  ApproximationView,
  ClassificationApproximation,
  CurveApproximation,
  FieldApproximation,
  SeriesApproximation,
} from './types';
import { gridPoints, linePoints, linspace } from './geometry';
import { NO_POINTS, boundModel, type ViewProblem } from './problem';
import { curveRange } from './clipping';

/** Default plotting resolution: points of a 1D curve, points per side of a 2D grid. */
export const CURVE_POINTS = 301;
export const FIELD_POINTS_PER_SIDE = 60;
/** The xor decision regions are drawn over this square. */
export const XOR_WINDOW: [number, number] = [-1.5, 1.5];
/** Quadrature points beyond this count are not sent (nothing readable to draw). */
const MAX_SAMPLE_MARKS = 2000;

export function approximationView(
  problem: ViewProblem,
  thetas: readonly Float64Array[],
  perDim?: number,
): ApproximationView {
  if (problem.exactSpace !== null) return exactSpaceCurves(problem, thetas, perDim ?? CURVE_POINTS);
  const dataset = problem.dataset;
  if (dataset !== null) {
    return dataset.name === 'xor'
      ? classification(problem, thetas, perDim ?? FIELD_POINTS_PER_SIDE)
      : series(problem, thetas);
  }
  if (problem.inputDim === 2) return field(problem, thetas, perDim ?? FIELD_POINTS_PER_SIDE);
  return sampledCurves(problem, thetas, perDim ?? CURVE_POINTS);
}

function modelValues(model: Model, theta: Float64Array): Float64Array {
  const v = new Float64Array(model.m);
  model.values(theta, v);
  return v;
}

function exactSpaceCurves(problem: ViewProblem, thetas: readonly Float64Array[], n: number): CurveApproximation {
  const exact = problem.exactSpace!;
  const [lo, hi] = problem.domain[0];
  const x = linspace(lo, hi, n);
  // Φ at the plotting points, once: phi[2i], phi[2i+1].
  const phi = new Float64Array(2 * n);
  const row = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    exactBasis(x[i], row);
    phi[2 * i] = row[0];
    phi[2 * i + 1] = row[1];
  }
  const combine = (c: ArrayLike<number>) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = c[0] * phi[2 * i] + c[1] * phi[2 * i + 1];
    return out;
  };
  const { model } = boundModel(problem, 'exact', () => NO_POINTS);
  const target = combine(exact.cu);
  const curves = thetas.map((theta) => combine(modelValues(model, theta)));
  return {
    kind: 'curve',
    x,
    target,
    targetLabel: 'target u',
    curves,
    samples: null,
    residual: null,
    range: curveRange(target, curves),
  };
}

function sampledCurves(problem: ViewProblem, thetas: readonly Float64Array[], n: number): CurveApproximation {
  const [lo, hi] = problem.domain[0];
  const { points, model } = boundModel(problem, `curve:${n}`, () => linePoints(lo, hi, n));
  const quadrature = problem.points;
  const samples =
    quadrature !== null && quadrature.d === 1 && quadrature.m <= MAX_SAMPLE_MARKS
      ? Float64Array.from(quadrature.x)
      : null;
  const pde = problem.pde;
  const target = problem.referenceValues(points);
  const curves = thetas.map((theta) => modelValues(model, theta));
  const curve: CurveApproximation = {
    kind: 'curve',
    x: Float64Array.from(points.x),
    target,
    targetLabel: pde !== null ? 'exact solution' : 'target u',
    curves,
    samples,
    residual:
      pde !== null && hasDerivatives(model) ? thetas.map((theta) => pdeResidual(problem, model, points, theta)) : null,
    range: curveRange(target, curves),
  };
  const rom = problem.rom;
  if (rom !== undefined && quadrature !== null) {
    // Reduced-order models: the samples the fit sees, and the linear ROM's least-squares fit to compare.
    curve.targetLabel = 'ground truth u';
    curve.observations = problem.referenceValues(quadrature);
    curve.reference = {
      label: `linear ROM, least squares (${(100 * rom.linearError).toFixed(1)} % error)`,
      values: rom.linearFit(points),
    };
  }
  return curve;
}

interface ResidualWork {
  buffers: DerivativeBuffers;
  forcing: Float64Array;
  R: Float64Array;
}

const residualWork = new WeakMap<Model, ResidualWork>();

/** R(v_θ) at the points the (ansatz) model is bound to. */
function pdeResidual(problem: ViewProblem, model: Model, points: PointSet, theta: Float64Array): Float64Array {
  const pde = problem.pde!;
  if (!hasDerivatives(model)) throw new Error('internal: PDE residual needs x-derivatives');
  const { m, p } = model;
  let work = residualWork.get(model);
  if (!work) {
    const forcing = new Float64Array(m);
    for (let i = 0; i < m; i++) forcing[i] = pde.forcing(points.x[i]);
    work = {
      buffers: createDerivativeBuffers(m, p),
      forcing,
      R: new Float64Array(m),
    };
    residualWork.set(model, work);
  }
  model.derivatives(theta, work.buffers);
  pde.residual(work.buffers, work.forcing, m, p, work.R, null);
  return Float64Array.from(work.R);
}

function field(problem: ViewProblem, thetas: readonly Float64Array[], perSide: number): FieldApproximation {
  const [[x0, x1], [y0, y1]] = problem.domain;
  const x = linspace(x0, x1, perSide);
  const y = linspace(y0, y1, perSide);
  const { points, model } = boundModel(problem, `field:${perSide}`, () => gridPoints(x, y));
  const quadrature = problem.points;
  const target = problem.referenceValues(points);
  const curves = thetas.map((theta) => modelValues(model, theta));
  return {
    kind: 'field',
    x,
    y,
    target,
    curves,
    errors: target === null ? null : curves.map((v) => Float64Array.from(v, (value, i) => value - target[i])),
    samples:
      quadrature !== null && quadrature.d === 2 && quadrature.m <= MAX_SAMPLE_MARKS
        ? Float64Array.from(quadrature.x)
        : null,
  };
}

function classification(
  problem: ViewProblem,
  thetas: readonly Float64Array[],
  perSide: number,
): ClassificationApproximation {
  const dataset = problem.dataset!;
  const x = linspace(XOR_WINDOW[0], XOR_WINDOW[1], perSide);
  const y = linspace(XOR_WINDOW[0], XOR_WINDOW[1], perSide);
  const { model } = boundModel(problem, `classification:${perSide}`, () => gridPoints(x, y));
  return {
    kind: 'classification',
    x,
    y,
    curves: thetas.map((theta) => modelValues(model, theta)),
    points: Float64Array.from(dataset.train.inputs),
    labels: Float64Array.from(dataset.train.labels),
  };
}

function series(problem: ViewProblem, thetas: readonly Float64Array[]): SeriesApproximation {
  const dataset = problem.dataset!;
  const train = dataset.train;
  const test = dataset.test;
  const n = train.n + (test?.n ?? 0);
  const d = train.d;
  const { model } = boundModel(problem, 'series', () => {
    const inputs = new Float64Array(n * d);
    inputs.set(train.inputs);
    if (test) inputs.set(test.inputs, train.n * d);
    return { d, m: n, x: inputs, w: new Float64Array(n).fill(1 / n) };
  });
  const truth = new Float64Array(n);
  truth.set(train.labels);
  if (test) truth.set(test.labels, train.n);
  // Sample i predicts z(t_i + horizon); t_i is the time of its first input z(t_i), i.e. series.t[maxLag + i].
  const t = new Float64Array(n);
  const times = dataset.series?.t;
  const maxLag = times ? times.length - n - MACKEY_GLASS.horizon : 0;
  for (let i = 0; i < n; i++) t[i] = (times ? times[maxLag + i] : i) + MACKEY_GLASS.horizon;
  return {
    kind: 'series',
    t,
    truth,
    curves: thetas.map((theta) => modelValues(model, theta)),
    trainCount: train.n,
  };
}
