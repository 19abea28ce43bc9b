// The online stage: reconstruct a test state from m point samples with the reduced-order models.
//
// The samples are m distinct grid points drawn by a seeded permutation (the first m of it, so that the
// sample sets are nested as m grows); the loss is the sampled l2 loss ½ Σ_i w_i (v(x_i) − u(x_i))² with
// w_i = 2π/m (problems/objectives.ts ValueObjective), so NGD's metric is the empirical Gram JᵀWJ; its
// error() is the relative L2 error of the state on the whole grid (what the records and sweeps show; its
// norm is relative to ‖u‖, so `error` and `relError` are equal). The
// start θ₀ is the linear ROM's least-squares fit (minimum norm when m < n). Errors are relative L2 errors
// on the whole grid.

import { solveLstsq } from '../linalg';
import type { PointSet } from '../models/model';
import type { ErrorValue, Objective } from '../problems/objective';
import { WeightedL2Loss } from '../problems/losses';
import { ValueObjective } from '../problems/valueObjective';
import { Rng } from '../random';
import type { OptimizerSpec } from '../scenario/types';
import { sampleSoliton, type Soliton } from './kdv';
import type { OfflineRom } from './offline';
import { ReducedOrderModel } from './romModel';
import { runOptimizer, type StopRule } from './train';

/** The figure's test state: a soliton of peak 25 (amplitude 24 above the background) at x = −1. */
export const KDV_TEST_STATE: Soliton = { amplitude: 24, position: -1 };

/** Singular values of the sampled modes below this fraction of the largest are dropped in θ₀. */
const LEAST_SQUARES_RCOND = 1e-10;

/** The first m entries of a seeded permutation of 0..n−1, sorted. */
export function samplePointIndices(n: number, m: number, seed: number): Int32Array {
  if (!(m >= 1 && m <= n)) throw new Error(`ROM: needs 1 ≤ m ≤ ${n} sample points, got ${m}`);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = new Rng(seed);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, m).sort();
}

export interface OnlineProblem {
  /** Sample points (grid indices). */
  indices: Int32Array;
  /** The test state on the whole grid. */
  truth: Float64Array;
  objective: Objective;
  /** θ₀: the linear ROM's least-squares fit to the samples. */
  theta0: Float64Array;
  /** The nonlinear ROM on the whole grid (errors, plots). */
  fullModel: ReducedOrderModel;
  /** The linear ROM on the whole grid. */
  linearModel: ReducedOrderModel;
  /** ‖v − u‖/‖u‖ on the grid for a state v given on the grid. */
  relativeError(v: Float64Array): number;
}

export function onlineProblem(rom: OfflineRom, state: Soliton, indices: Int32Array): OnlineProblem {
  const { grid, basis, decoder } = rom;
  const { n } = rom.config;
  const m = indices.length;
  const truth = new Float64Array(grid.n);
  sampleSoliton(state, grid.x, truth);
  const points: PointSet = {
    d: 1,
    m,
    x: Float64Array.from(indices, (i) => grid.x[i]),
    w: new Float64Array(m).fill((2 * Math.PI) / m),
  };
  const indicesOf = (pts: PointSet) => Int32Array.from(pts.x, (x) => Math.round((x + Math.PI) / grid.weight) % grid.n);
  const all = Int32Array.from({ length: grid.n }, (_, i) => i);
  const fullModel = new ReducedOrderModel(basis, n, decoder, all);
  let truthSquare = 0;
  for (let i = 0; i < grid.n; i++) truthSquare += truth[i] * truth[i];
  const onGrid = new Float64Array(grid.n);
  const relativeError = (v: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < grid.n; i++) sum += (v[i] - truth[i]) * (v[i] - truth[i]);
    return Math.sqrt(sum / truthSquare);
  };
  const gridError = (theta: Float64Array): ErrorValue => {
    fullModel.values(theta, onGrid);
    // The error's norm is the grid's L2 norm relative to ‖u‖: error and relative error coincide, so the
    // sweep's final_error is the relative L2 error the figure plots.
    const rel = relativeError(onGrid);
    return { abs: rel, rel };
  };
  const objective = new RomObjective(gridError, points, {
    bindModel: (pts) => new ReducedOrderModel(basis, n, decoder, indicesOf(pts)),
    fillTarget: (pts, out) => {
      const at = indicesOf(pts);
      for (let i = 0; i < at.length; i++) out[i] = truth[at[i]];
    },
    makeLoss: (t, w) => new WeightedL2Loss(t, w),
    bestApproximation: false,
  });
  // θ₀ = argmin ‖Φ_n(x_s) θ − u(x_s)‖ (the weights are equal, so they drop out).
  const sampledLinear = new ReducedOrderModel(basis, n, null, indices);
  const B = new Float64Array(m * n);
  sampledLinear.jacobian(new Float64Array(n), new Float64Array(m), B);
  const observed = Float64Array.from(indices, (i) => truth[i]);
  const theta0 = new Float64Array(n);
  solveLstsq(B, m, n, observed, LEAST_SQUARES_RCOND, theta0);
  return {
    indices,
    truth,
    objective,
    theta0,
    fullModel,
    linearModel: new ReducedOrderModel(basis, n, null, all),
    relativeError,
  };
}

/** The sampled l2 objective whose error is the relative L2 error of the state on the whole grid. */
class RomObjective extends ValueObjective {
  constructor(
    private readonly gridError: (theta: Float64Array) => ErrorValue,
    ...args: ConstructorParameters<typeof ValueObjective>
  ) {
    super(...args);
  }

  override error(theta: Float64Array): ErrorValue {
    return this.gridError(theta);
  }
}

/** One line of the comparison: a method, its relative error and the iterations it took. */
export interface OnlineResult {
  method: string;
  relativeError: number;
  iterations: number;
  converged: boolean;
  stopReason?: string;
  /** The reconstruction on the grid. */
  state: Float64Array;
}

export interface OnlineMethod {
  key: string;
  label: string;
  /** null: no optimisation (the model at θ₀). */
  optimizer: OptimizerSpec | null;
  /** Linear ROM (no decoder) or nonlinear ROM. */
  nonlinear: boolean;
  stop: StopRule;
}

/** ‖θ_{k+1} − θ_k‖ ≤ 1e-6 (1 + ‖θ_k‖): converged; budget 1000 for the natural methods. */
const CONVERGED: StopRule = { iterations: 1000, stepTolerance: 1e-6 };
const GD_ALPHA = 0.05;

/** The methods of the authors' figure (ROMs_error.png) plus natural Nesterov. */
export const ONLINE_METHODS: OnlineMethod[] = [
  {
    key: 'linear',
    label: 'Linear n = 6',
    optimizer: null,
    nonlinear: false,
    stop: { iterations: 0, stepTolerance: 0 },
  },
  {
    key: 'no-optim',
    label: 'Nonlinear N = 37, no optimisation',
    optimizer: null,
    nonlinear: true,
    stop: { iterations: 0, stepTolerance: 0 },
  },
  {
    key: 'gd-100',
    label: 'Nonlinear, GD 100 it',
    nonlinear: true,
    stop: { iterations: 100, stepTolerance: 0 },
    optimizer: { id: 'gd-100', preconditioner: 'identity', alpha: GD_ALPHA },
  },
  {
    key: 'gd-1000',
    label: 'Nonlinear, GD 1000 it',
    nonlinear: true,
    stop: { iterations: 1000, stepTolerance: 0 },
    optimizer: { id: 'gd-1000', preconditioner: 'identity', alpha: GD_ALPHA },
  },
  {
    key: 'ngd',
    label: 'Nonlinear, NGD',
    nonlinear: true,
    stop: CONVERGED,
    optimizer: { id: 'ngd', preconditioner: 'gram', alpha: 0.5, solver: { kind: 'lstsq' } },
  },
  {
    key: 'natural-nesterov',
    label: 'Nonlinear, natural Nesterov',
    nonlinear: true,
    stop: CONVERGED,
    optimizer: {
      id: 'natural-nesterov',
      preconditioner: 'gram',
      momentum: 'nesterov',
      alpha: 0.3,
      beta: 0.9,
      transport: 'projected-difference',
      lookahead: 'tangent-k',
      solver: { kind: 'lstsq' },
    },
  },
];

export function runOnlineMethod(problem: OnlineProblem, method: OnlineMethod): OnlineResult {
  const model = method.nonlinear ? problem.fullModel : problem.linearModel;
  const state = new Float64Array(model.m);
  let theta = problem.theta0;
  let iterations = 0;
  let converged = true;
  let stopReason: string | undefined;
  if (method.optimizer !== null) {
    const run = runOptimizer(problem.objective, method.optimizer, problem.theta0, method.stop);
    ({ theta, iterations, converged, stopReason } = run);
  }
  model.values(theta, state);
  return { method: method.key, relativeError: problem.relativeError(state), iterations, converged, stopReason, state };
}
