// What a run will cost, estimated from the scenario alone before anything is allocated: the peak memory
// of the whole run and the time of its build plus one iteration of every track. Each size is bounded
// alone by limits.ts; their product (points × parameters² × optimizers × seeds) is bounded here.
//
// Budget (the browser, a slow laptop): 1 GB of memory and 2 s for the build and the first iteration.
// Calibration: the constants below are nanoseconds measured on the project's 2-core build machine while
// loaded by other jobs (load average 15–20), which stands for a slow laptop; unloaded it runs 2–4× faster
// (`npm run bench`: Gram 4 GFLOP/s in JS, 15 GFLOP/s in WASM; Cholesky 2.4 GFLOP/s; NGD step of an MLP
// with p = 301 on 1000 points 23 ms). The CLI takes `--allow-large`: no time budget, and memory up to
// LARGE_BUDGET.bytes (what cannot fit in memory is still refused).

import type { ModelSpec, OptimizerSpec, RomModelSpec, Scenario } from './types';
import { KDV_DEFAULTS } from '../rom/config';
import { romEvaluationSeconds, romOfflineCost } from '../rom/cost';
import type { FieldError } from './fields';
import { resolveOptimizer } from './defaults';
import { problemInputDim, problemParameterCount } from '../problems/build';
import { DATASET_DEFAULTS } from '../problems/datasets';
import { expressionModelSize } from '../models/expression';
import { mlpHessianOperations } from '../models/mlpHessian';
import { ExprPool, operationCount } from '../expr/dag';
import { differentiate } from '../expr/derivative';
import { parseRestricted } from '../expr/restricted';
import { formatBytes, formatSeconds } from './costFormat';

export interface CostBudget {
  bytes: number;
  /** Build + first iteration of all tracks; null: no time budget. */
  seconds: number | null;
  /** An offline stage computed once per run behind a progress bar (the reduced-order model's); null: none. */
  offlineSeconds: number | null;
}

export const BROWSER_BUDGET: CostBudget = { bytes: 1e9, seconds: 2, offlineSeconds: 180 };
export const LARGE_BUDGET: CostBudget = { bytes: 16e9, seconds: null, offlineSeconds: null };

/** ns on the reference slow laptop, per unit named after each constant. */
const NS = {
  mlpValues: 15, // per point × parameter
  mlpJacobian: 30,
  mlpDerivatives: 250, // v, v′, v″ and their Jacobians
  mlpHessianOperation: 10, // per point × multiply–add of the exact term (models/mlpHessian.ts mlpHessianOperations)
  basisValues: 2, // linear and tensor models
  basisJacobian: 4,
  basisDerivatives: 8,
  tensorHessianTerm: 0.3,
  expressionOperation: 40, // per point × operation of the compiled DAG
  gram: 0.8, // per point × parameter²
  cholesky: 0.6, // per parameter³
  eigenvalues: 3, // cond(S): per parameter³
  pinv: 14,
  lstsqRows: 2, // per row × parameter²
  lstsqCubic: 50, // per parameter³
  lossPerPoint: 10,
  toyEvaluation: 1000,
  gaussLegendre: 40, // per node² and dimension: nodes by Newton on the three-term recurrence, O(n²)
};
/** Bytes of one iteration record (a JS object of ~16 numbers). */
const RECORD_BYTES = 300;
/** Bytes per DAG node of compiled code (source, bytecode, closures). */
const CODE_BYTES_PER_NODE = 200;
/** run.ts records θ up to this p, within this many numbers for the whole run. */
const RECORDED_THETA_P = 1000;
const RECORDED_THETA_VALUES = 20_000_000;
/** Loss evaluations an Armijo or Wolfe line search typically makes in one iteration. */
const LINE_SEARCH_EVALUATIONS = 4;
/** Evaluations of a Poisson source for its reference solution (pde.ts: 512 panels × 8 nodes, twice). */
const GREEN_EVALUATIONS = 2 * 512 * 8;

export interface CostEstimate {
  tracks: number;
  p: number;
  /** Rows of the Jacobian (points; twice the points for the h1 loss). */
  rows: number;
  bytes: number;
  /** The heaviest track's own buffers. */
  bytesPerTrack: number;
  /** Build and first iteration of every track, on the reference slow laptop. */
  seconds: number;
  /** The field to change first, and why, for each budget. */
  memoryField: string;
  timeField: string;
  /** Expression models: nodes of the derived DAG. */
  expressionNodes: number;
  /** The offline stage run once before the first iteration (reduced-order models; 0 otherwise). */
  offlineSeconds: number;
  offlineField: string;
}

export interface CostOptions {
  allowLarge?: boolean;
}

let allowLargeByDefault = false;

/** The process-wide default of CostOptions.allowLarge (the CLI sets it once for `--allow-large`). */
export function allowLargeRuns(allow: boolean): void {
  allowLargeByDefault = allow;
}

/** Field errors when the run does not fit the budget (or an expression explodes when derived); else []. */
export function checkCost(scenario: Scenario, options: CostOptions = {}): FieldError[] {
  const allowLarge = options.allowLarge ?? allowLargeByDefault;
  const budget = allowLarge ? LARGE_BUDGET : BROWSER_BUDGET;
  const estimate = estimateCost(scenario);
  if ('error' in estimate) return [estimate.error];
  const errors: FieldError[] = [];
  const where = allowLarge ? 'the memory allowed with --allow-large' : "the browser's budget";
  if (estimate.bytes > budget.bytes) {
    errors.push({
      path: estimate.memoryField,
      message: `the run would need about ${formatBytes(estimate.bytes)} of memory (${describeTracks(estimate)}), over ${where} of ${formatBytes(budget.bytes)}: ${advice(estimate.memoryField)}`,
    });
  }
  if (budget.offlineSeconds !== null && estimate.offlineSeconds > budget.offlineSeconds) {
    errors.push({
      path: estimate.offlineField,
      message: `the offline stage (snapshots, POD, decoder training) would take about ${formatSeconds(estimate.offlineSeconds)} on a slow laptop, over the browser's budget of ${formatSeconds(budget.offlineSeconds)}: lower ${estimate.offlineField} (the command line runs it with --allow-large)`,
    });
  }
  if (budget.seconds !== null && estimate.seconds > budget.seconds) {
    errors.push({
      path: estimate.timeField,
      message: `building the run and its first iteration would take about ${formatSeconds(estimate.seconds)} on a slow laptop (${describeTracks(estimate)}), over the browser's budget of ${budget.seconds} s: ${advice(estimate.timeField)} (the command line runs it with --allow-large)`,
    });
  }
  return errors;
}

function describeTracks(e: CostEstimate): string {
  const tracks = e.tracks === 1 ? '1 track' : `${e.tracks} tracks`;
  return `${tracks}, ${e.p} parameters, ${e.rows} rows`;
}

function advice(field: string): string {
  switch (field) {
    case 'run.seeds':
      return 'lower run.seeds (or the number of optimizers)';
    case 'optimizers':
      return 'run fewer optimizers';
    case 'run.iterations':
      return 'lower run.iterations';
    case 'problem.quadrature.m':
      return 'use fewer quadrature points';
    case 'problem.target.n':
      return 'use fewer samples';
    case 'problem.target.samples':
      return 'use fewer sample points';
    default:
      return 'use a smaller model or a cheaper optimizer';
  }
}

/** Sizes that drive the cost of one track. */
interface Shape {
  model: ModelSpec['kind'];
  p: number;
  m: number; // points
  rows: number; // nV: rows of the Jacobian
  resample: boolean;
  loss: Scenario['problem']['loss']['kind'];
  exact: boolean;
  expression: { value: number; gradient: number; hessian: number; xDerivatives: number; nodes: number } | null;
  targetOperations: number; // per point of an expression target (and its derivative for h1), or a Poisson source
  gaussLegendreNodes: number; // per dimension, 0 for other quadratures
  dims: number;
  rom: RomModelSpec | null;
  /** Multiply–adds per point of an MLP's exact Newton term (on v, or on v, v′, v″ for h1 and PDE losses). */
  mlpHessianOperations: number;
  /** The nonlinear PDE residual: its own curvature adds a weighted Gram matrix to Newton's term. */
  nonlinearResidual: boolean;
}

export function estimateCost(scenario: Scenario): CostEstimate | { error: FieldError } {
  const shape = shapeOf(scenario);
  if ('error' in shape) return shape;
  const seeds = scenario.run.seeds ?? 1;
  const tracks = seeds * scenario.optimizers.length;
  const iterations = scenario.run.iterations;
  let seconds = 0;
  let trackBytes = 0;
  let heaviestTrack = 0;
  for (const spec of scenario.optimizers) {
    const track = trackCost(shape, spec);
    seconds += seeds * (track.seconds + buildSeconds(shape));
    trackBytes += seeds * track.bytes;
    heaviestTrack = Math.max(heaviestTrack, track.bytes);
  }
  const recordBytes = tracks * (iterations + 1) * RECORD_BYTES;
  const thetaBytes =
    shape.p <= RECORDED_THETA_P ? 8 * Math.min(RECORDED_THETA_VALUES, shape.p * (iterations + 1) * tracks) : 0;
  const codeBytes = (shape.expression?.nodes ?? 0) * CODE_BYTES_PER_NODE;
  const offline = scenario.model.kind === 'rom' ? romOfflineCost(scenario.model) : null;
  const bytes = trackBytes + recordBytes + thetaBytes + codeBytes + (offline?.bytes ?? 0);
  // The field to change: the number of tracks when one track alone is cheap, else the points or the model.
  const target = scenario.problem.target;
  const pointsField =
    target?.kind === 'dataset'
      ? 'problem.target.n'
      : target?.kind === 'kdv'
        ? 'problem.target.samples'
        : 'problem.quadrature.m';
  const sizeField = !shape.exact && shape.m > 4 * shape.p ? pointsField : 'model';
  const splitField = seeds > 1 ? 'run.seeds' : scenario.optimizers.length > 1 ? 'optimizers' : sizeField;
  const memoryField =
    recordBytes + thetaBytes > trackBytes
      ? 'run.iterations'
      : heaviestTrack <= BROWSER_BUDGET.bytes / 4
        ? splitField
        : sizeField;
  const timeField = seconds / tracks <= (BROWSER_BUDGET.seconds ?? 0) / 4 ? splitField : sizeField;
  return {
    tracks,
    p: shape.p,
    rows: shape.rows,
    bytes,
    bytesPerTrack: heaviestTrack,
    seconds,
    memoryField,
    timeField,
    expressionNodes: shape.expression?.nodes ?? 0,
    offlineSeconds: offline?.seconds ?? 0,
    offlineField: offline?.field ?? 'model',
  };
}

function shapeOf(scenario: Scenario): Shape | { error: FieldError } {
  const { problem, model } = scenario;
  const p = problemParameterCount(scenario);
  const exact = problem.space === 'exact';
  let m = 2;
  if (!exact) {
    if (problem.target?.kind === 'dataset') m = problem.target.n ?? DATASET_DEFAULTS.n;
    else if (problem.target?.kind === 'kdv') m = problem.target.samples ?? KDV_DEFAULTS.samples;
    else m = problem.quadrature?.m ?? 200;
  }
  const rows = problem.loss.kind === 'h1' ? 2 * m : m;
  const newton = scenario.optimizers.some((o) => o.preconditioner === 'newton');
  let expression: Shape['expression'] = null;
  if (model.kind === 'expression') {
    const needs = { hessian: newton && problem.loss.kind !== 'h1', xDerivatives: problem.loss.kind === 'h1' };
    const size = expressionModelSize(model, problemInputDim(scenario), needs);
    if (!size.ok) return { error: { path: size.error.path, message: size.error.message } };
    expression = size;
  }
  return {
    model: model.kind,
    p,
    m,
    rows,
    resample: problem.quadrature?.resample === true,
    loss: problem.loss.kind,
    exact,
    expression,
    targetOperations: targetOperations(scenario),
    gaussLegendreNodes:
      problem.quadrature?.kind === 'gauss-legendre' ? (problem.domain.length === 2 ? Math.ceil(Math.sqrt(m)) : m) : 0,
    dims: problem.domain.length,
    rom: model.kind === 'rom' ? model : null,
    mlpHessianOperations:
      model.kind === 'mlp'
        ? mlpHessianOperations(
            [problemInputDim(scenario), ...model.layers.slice(1)],
            model.output ?? 'identity',
            problem.loss.kind === 'h1' || problem.loss.kind === 'pde' ? 3 : 1,
          )
        : 0,
    nonlinearResidual: problem.loss.kind === 'pde' && problem.loss.equation === 'nonlinear',
  };
}

/**
 * Seconds to build one track's problem: its quadrature (Gauss–Legendre nodes cost O(n²) per dimension),
 * the model's tables, the target at the points and, for linear models, the best approximation (a lstsq).
 */
function buildSeconds(shape: Shape): number {
  const points = shape.resample ? 2 * shape.m : shape.m;
  const target = shape.targetOperations * (points + (shape.loss === 'pde' ? GREEN_EVALUATIONS : 0));
  const nodes = shape.gaussLegendreNodes;
  const bestApproximation =
    shape.model === 'linear'
      ? NS.lstsqRows * shape.rows * shape.p * shape.p + NS.lstsqCubic * shape.p * shape.p * shape.p
      : 0;
  return (
    1e-9 *
    (NS.expressionOperation * target +
      NS.basisValues * points * shape.p +
      NS.gaussLegendre * nodes * nodes * shape.dims +
      bestApproximation)
  );
}

/** Cost of evaluating the model on all points, by what is asked of it. */
function modelSeconds(model: ModelSpec['kind'], shape: Shape, what: 'values' | 'jacobian' | 'derivatives'): number {
  const mp = shape.m * shape.p;
  const e = shape.expression;
  switch (model) {
    case 'toy':
      return 1e-9 * NS.toyEvaluation;
    case 'mlp':
      return 1e-9 * mp * (what === 'values' ? NS.mlpValues : what === 'jacobian' ? NS.mlpJacobian : NS.mlpDerivatives);
    case 'linear':
    case 'tensor':
      return (
        1e-9 * mp * (what === 'values' ? NS.basisValues : what === 'jacobian' ? NS.basisJacobian : NS.basisDerivatives)
      );
    case 'expression': {
      const operations =
        e === null ? 0 : what === 'values' ? e.value : what === 'jacobian' ? e.value + e.gradient : e.xDerivatives;
      return 1e-9 * NS.expressionOperation * shape.m * operations;
    }
    case 'rom':
      return shape.rom === null ? 0 : romEvaluationSeconds(shape.rom, shape.m);
  }
}

function trackCost(shape: Shape, spec: OptimizerSpec): { seconds: number; bytes: number } {
  const o = resolveOptimizer(spec);
  const modelKind = shape.model;
  const { p, rows } = shape;
  const needsDerivatives = shape.loss === 'h1' || shape.loss === 'pde';
  const jacobian =
    modelSeconds(modelKind, shape, needsDerivatives ? 'derivatives' : 'jacobian') + 1e-9 * NS.lossPerPoint * rows;
  const values = modelSeconds(modelKind, shape, 'values') + 1e-9 * NS.lossPerPoint * rows;
  const p2 = p * p;
  const p3 = p2 * p;
  let seconds = jacobian + 1e-9 * rows * p; // evaluation and Jᵀg
  let evaluations = 1;
  let matrices = 0;
  let lstsqRows = 0;
  if (o.preconditioner === 'adam') {
    evaluations = 2;
  } else if (o.preconditioner === 'lbfgs') {
    evaluations = 3;
    seconds += LINE_SEARCH_EVALUATIONS * jacobian + 1e-9 * 4 * o.history * p;
  } else {
    evaluations = 4; // θ_k, look-ahead, previous, the objective's scratch
    const solve =
      o.solver.kind === 'cholesky'
        ? NS.cholesky * p3
        : o.solver.kind === 'pinv'
          ? NS.pinv * p3
          : NS.lstsqRows * rows * p2 + NS.lstsqCubic * p3;
    if (o.solver.kind === 'lstsq') lstsqRows = rows;
    if (o.preconditioner !== 'identity') {
      matrices += 3; // S and the solver's work
      const builds = o.momentum === 'nesterov' && o.lookahead === 'tangent-y' ? 2 : 1;
      let build = NS.gram * rows * p2;
      if (o.preconditioner === 'newton') {
        matrices += 2; // the second-order term and the fallback
        build += 1e9 * hessianTermSeconds(modelKind, shape, needsDerivatives);
      }
      seconds += builds * (1e-9 * (build + solve)) + 1e-9 * NS.eigenvalues * p3;
      if (builds === 2) matrices += 1;
    }
    if (o.momentum !== 'none' && o.transport !== 'parameter') {
      matrices += 1;
      seconds += 1e-9 * (NS.gram * rows * p2 + NS.cholesky * p3) + (shape.resample ? jacobian : 0);
    }
    if (o.momentum === 'nesterov') seconds += o.lookahead === 'tangent-y' ? jacobian : values;
    if (o.step.rule === 'armijo')
      seconds += LINE_SEARCH_EVALUATIONS * values + (o.momentum === 'none' ? 0 : 1e-9 * solve);
  }
  // Jacobians (twice the rows when z ≠ v: pde), model buffers (v, v′, v″ Jacobians), the resampling twin.
  const jacobianRows = shape.loss === 'pde' ? 2 * rows : rows;
  const modelBuffers = needsDerivatives ? 3 * shape.m * p : shape.m * p;
  let bytes = 8 * ((evaluations + 1) * jacobianRows * p + modelBuffers + matrices * p2 + 2 * lstsqRows * p);
  if (shape.resample) bytes += 8 * (jacobianRows * p + modelBuffers);
  return { seconds, bytes };
}

function hessianTermSeconds(modelKind: ModelSpec['kind'], shape: Shape, needsDerivatives: boolean): number {
  const { m, p } = shape;
  // the nonlinear residual's own curvature Jᵀ diag(6va) J: one weighted Gram matrix
  const curvature = shape.nonlinearResidual ? 1e-9 * NS.gram * m * p * p : 0;
  switch (modelKind) {
    case 'mlp': // exact (second-order backpropagation), also on v′ and v″
      return curvature + 1e-9 * NS.mlpHessianOperation * m * shape.mlpHessianOperations;
    case 'linear': // zero, also on v′ and v″
      return curvature;
    default:
      break;
  }
  if (needsDerivatives) return 2 * p * modelSeconds(modelKind, shape, 'derivatives'); // finite differences of J_zᵀa
  switch (modelKind) {
    case 'tensor':
      return 1e-9 * NS.tensorHessianTerm * m * p * p;
    case 'expression':
      return 1e-9 * NS.expressionOperation * m * (shape.expression?.hessian ?? 0);
    default:
      return 0;
  }
}

/** Operations per point of an expression target (with its x-derivative for h1) or of a Poisson source. */
function targetOperations(scenario: Scenario): number {
  const { problem } = scenario;
  const loss = problem.loss;
  const source =
    loss.kind === 'pde' && loss.equation === 'poisson'
      ? loss.f
      : problem.target?.kind === 'expression'
        ? problem.target.expr
        : undefined;
  if (source === undefined) return 0;
  const variables = problem.space === 'sampled' && problem.domain.length === 2 ? ['x', 'y'] : ['x'];
  const parsed = parseRestricted(source, variables);
  if (!parsed.ok) return 0;
  const pool = new ExprPool();
  const expr = pool.intern(parsed.expr);
  const value = operationCount([expr]);
  return loss.kind === 'h1' ? value + operationCount([differentiate(expr, 0, pool)]) : value;
}
