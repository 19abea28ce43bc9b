// From a scenario to the Objective the optimizers see (objective.ts), plus what plots need around it:
// a model bound to any points, reference values, the exact-space target, the data set.
//
//   exact space    toy model, l2 loss with K (default I), target coefficients (or an expression projected
//                  on (sin 2πx, cos 2πx)); error ‖c − c_u‖ for the linear/kernel toys when Bᵀ has rank 2.
//   sampled space  points from the quadrature (or the training samples of a data set);
//                  l2 / h1 against an expression target, cross-entropy against labels (data set or expression),
//                  PDE residuals (no target; the equation fixes the domain except for poisson);
//                  error: linear models with l2/h1 → distance to the V-orthogonal projection of the target;
//                  PDE → distance to the exact solution; otherwise none.
//   kdv target     the reduced-order model of the KdV state at its sample points (rom.ts).
//   resample       quadrature.resample: new points at every iteration k (quadraturePoints(spec, domain, k));
//                  evalLoss and error are then measured on a fixed midpoint grid of the same size.

import { createModel, hasDerivatives, parameterCount } from '../models';
import type { DifferentiableModel, Model, PointSet } from '../models/model';
import type { Domain, QuadratureSpec, Scenario } from '../scenario/types';
import { datasetInputDim, datasetPoints, generateDataset, type DatasetInfo } from './datasets';
import { CrossEntropyLoss, QuadraticFormLoss, WeightedL2Loss, lossMatrix, type VectorLoss } from './losses';
import { ExactSpaceObjective } from './exactSpaceObjective';
import { H1Objective } from './h1Objective';
import type { Objective, Rebindable } from './objective';
import { PdeObjective } from './pdeObjective';
import { ResamplingObjective } from './resamplingObjective';
import { ValueObjective } from './valueObjective';
import { pdeDefinition, pdeDomain, sampleScalar, type PdeDefinition } from './pde';
import { TWISTED_DEFAULTS, TwistedLoss } from './twisted';
import { buildRomProblem } from './rom';
import { quadraturePoints } from './quadrature';
import {
  EXACT_SPACE_DIMENSION,
  coefficientTarget,
  compileTarget,
  compileTargetDerivative,
  projectOntoExactBasis,
  type PointFunction,
} from './targets';

export interface BuiltProblem {
  objective: Objective;
  p: number;
  inputDim: number;
  /** Current quadrature points (null in exact spaces); follows resampling. */
  points: PointSet | null;
  /** A model bound to arbitrary points (for plots): the ansatz-wrapped one for PDEs. */
  bindModel(points: PointSet): Model;
  /** Target / exact solution values at arbitrary points (null when there is none, e.g. exact spaces use coefficients). */
  referenceValues(points: PointSet): Float64Array | null;
  /** Exact spaces: the target coefficients c_u, K and the loss on coefficients (level sets); null otherwise. */
  exactSpace: { cu: Float64Array; K: Float64Array; loss: VectorLoss } | null;
  dataset: DatasetInfo | null;
  /** The domain the problem lives on (a PDE may fix it; exact spaces: [[−1, 1]]). */
  domain: Domain;
  /**
   * Parameters appended after the model's (the nonlinear PDE's c and a): p = parameterCount(model) + this.
   * initialTheta(spec, init, seedIndex, inputDim, extraParameters) draws them.
   */
  extraParameters: number;
  /** The PDE (exact solution, forcing) for PDE losses, else null. */
  pde: PdeDefinition | null;
  /** The problem's own start θ₀, for init.fit (rom: the linear least-squares fit to the samples). */
  start?: Float64Array;
  /** Reduced-order models: the linear ROM's least-squares fit (a reference the plots draw) and its relative error. */
  rom?: { linearFit(points: PointSet): Float64Array; linearError: number };
}

/** Used when a sampled scenario has no quadrature (validation normally supplies one). */
export const DEFAULT_QUADRATURE: QuadratureSpec = { kind: 'grid', m: 200 };

/** The number of optimisation parameters of a scenario (model parameters + problem extras). */
export function problemParameterCount(scenario: Scenario): number {
  const inputDim = problemInputDim(scenario);
  return parameterCount(scenario.model, inputDim) + problemExtraParameters(scenario);
}

export function problemExtraParameters(scenario: Scenario): number {
  const loss = scenario.problem.loss;
  return loss.kind === 'pde' && loss.equation === 'nonlinear' ? 2 : 0;
}

export function problemInputDim(scenario: Scenario): number {
  const { problem } = scenario;
  if (problem.space === 'exact') return 1;
  if (problem.loss.kind === 'pde') return 1;
  if (problem.target?.kind === 'dataset') return datasetInputDim(problem.target.name);
  return problem.domain.length;
}

/** The scenario must be valid; throws an Error with a precise message otherwise. */
export function buildProblem(scenario: Scenario): BuiltProblem {
  const { problem } = scenario;
  if (problem.target?.kind === 'kdv') return buildRomProblem(scenario);
  if (problem.space === 'exact') return buildExactSpace(scenario);
  if (problem.loss.kind === 'pde') return buildPde(scenario);
  return buildSampled(scenario);
}

// ---- exact spaces -------------------------------------------------------------------------------

function buildExactSpace(scenario: Scenario): BuiltProblem {
  const { problem, model: spec } = scenario;
  if (spec.kind !== 'toy') throw new Error(`model.kind: an exact space needs a toy model, got '${spec.kind}'`);
  const lossSpec = problem.loss;
  if (lossSpec.kind !== 'l2' && lossSpec.kind !== 'twisted') {
    throw new Error(`problem.loss.kind: an exact space takes the l2 or twisted loss, got '${lossSpec.kind}'`);
  }
  const target = problem.target;
  let cu: Float64Array;
  if (target?.kind === 'coefficients') cu = coefficientTarget(target.c);
  else if (target?.kind === 'expression') cu = projectOntoExactBasis(compileTarget(target.expr, 1));
  else throw new Error('problem.target: an exact space needs coefficients (or an expression to project)');
  const K = lossMatrix(lossSpec.K, EXACT_SPACE_DIMENSION);
  const domain: Domain = [[-1, 1]];
  const model = createModel(spec, null, domain);
  const reachable = (spec.name === 'linear' || spec.name === 'kernel') && spansExactSpace(model);
  const loss: VectorLoss =
    lossSpec.kind === 'twisted'
      ? new TwistedLoss(cu, K, {
          omega: lossSpec.omega ?? TWISTED_DEFAULTS.omega,
          phiDeg: lossSpec.phi_deg ?? TWISTED_DEFAULTS.phiDeg,
        })
      : new QuadraticFormLoss(cu, K);
  const objective = new ExactSpaceObjective(model, loss, reachable ? cu : null);
  return {
    objective,
    p: model.p,
    inputDim: 1,
    points: null,
    bindModel: () => createModel(spec, null, domain),
    referenceValues: () => null,
    exactSpace: { cu, K, loss },
    dataset: null,
    domain,
    extraParameters: 0,
    pde: null,
  };
}

/**
 * c = Bᵀθ reaches every c ∈ R² iff rank B = 2, i.e. det(BᵀB) > 0 (relative to its scale). B is read from the
 * model's Jacobian (rows of J are the columns of B), which also covers the default B.
 */
function spansExactSpace(model: Model): boolean {
  const p = model.p;
  const v = new Float64Array(model.m);
  const J = new Float64Array(model.m * p);
  model.jacobian(new Float64Array(p), v, J);
  let g00 = 0;
  let g01 = 0;
  let g11 = 0;
  for (let j = 0; j < p; j++) {
    g00 += J[j] * J[j];
    g01 += J[j] * J[p + j];
    g11 += J[p + j] * J[p + j];
  }
  const det = g00 * g11 - g01 * g01;
  return det > 1e-14 * (g00 + g11) * (g00 + g11);
}

// ---- sampled spaces: l2, h1, cross-entropy ------------------------------------------------------

function quadratureOf(scenario: Scenario): QuadratureSpec {
  return scenario.problem.quadrature ?? DEFAULT_QUADRATURE;
}

/** The fixed evaluation grid of a resampled problem: a midpoint grid with the same number of points. */
function evaluationGrid(quadrature: QuadratureSpec, domain: Domain): PointSet {
  return quadraturePoints({ kind: 'grid', m: quadrature.m }, domain);
}

/** Objective on fixed points, or resampled ones with a twin on the evaluation grid. */
function withQuadrature(
  quadrature: QuadratureSpec,
  domain: Domain,
  make: (points: PointSet) => Rebindable,
): { objective: Objective; currentPoints: () => PointSet } {
  let current = quadraturePoints(quadrature, domain, 0);
  const objective = make(current);
  if (!quadrature.resample) return { objective, currentPoints: () => current };
  const resampling = new ResamplingObjective(
    objective,
    make(evaluationGrid(quadrature, domain)),
    (k) => quadraturePoints(quadrature, domain, k),
    0,
    (points) => {
      current = points;
    },
  );
  return { objective: resampling, currentPoints: () => current };
}

function requireDerivatives(model: Model, why: string): DifferentiableModel {
  if (!hasDerivatives(model))
    throw new Error(`model: ${why} needs a model with x-derivatives (mlp or linear on 1D inputs)`);
  return model;
}

function buildSampled(scenario: Scenario): BuiltProblem {
  const { problem, model: spec } = scenario;
  const { loss, target } = problem;
  if (loss.kind === 'pde') throw new Error('internal: PDE losses are built by buildPde');
  if (loss.kind === 'twisted') throw new Error('problem.loss.kind: the twisted loss lives in exact spaces only');
  if (loss.kind === 'l2' && loss.K !== undefined)
    throw new Error('problem.loss.K: only exact spaces take a loss matrix');
  const domain = problem.domain;
  const bindModel = (points: PointSet) => createModel(spec, points, domain);
  const linear = spec.kind === 'linear';

  if (target?.kind === 'dataset') {
    const dataset = generateDataset(target);
    const points = datasetPoints(dataset);
    const labels = dataset.train.labels;
    const fillLabels = (_points: PointSet, out: Float64Array) => out.set(labels);
    let objective: Rebindable;
    if (loss.kind === 'l2') {
      objective = new ValueObjective(points, {
        bindModel,
        fillTarget: fillLabels,
        makeLoss: (t, w) => new WeightedL2Loss(t, w),
        bestApproximation: linear,
      });
    } else if (loss.kind === 'cross-entropy') {
      objective = new ValueObjective(points, {
        bindModel,
        fillTarget: fillLabels,
        makeLoss: (t, w) => new CrossEntropyLoss(t, w),
        bestApproximation: false,
      });
    } else {
      throw new Error(`problem.loss.kind: a data set takes l2 or cross-entropy, got '${loss.kind}'`);
    }
    return {
      objective,
      p: objective.p,
      inputDim: dataset.inputDim,
      points,
      bindModel,
      referenceValues: () => null,
      exactSpace: null,
      dataset,
      domain,
      extraParameters: 0,
      pde: null,
    };
  }

  if (target?.kind !== 'expression')
    throw new Error('problem.target: a sampled space needs an expression or a data set');
  const d = domain.length;
  const u = compileTarget(target.expr, d);
  const fillTarget = (points: PointSet, out: Float64Array) => u.values(points, out);
  const quadrature = quadratureOf(scenario);
  let make: (points: PointSet) => Rebindable;
  switch (loss.kind) {
    case 'l2':
      make = (points) =>
        new ValueObjective(points, {
          bindModel,
          fillTarget,
          makeLoss: (t, w) => new WeightedL2Loss(t, w),
          bestApproximation: linear,
        });
      break;
    case 'cross-entropy':
      make = (points) =>
        new ValueObjective(points, {
          bindModel,
          fillTarget,
          makeLoss: (t, w) => new CrossEntropyLoss(t, w),
          bestApproximation: false,
        });
      break;
    case 'h1': {
      if (d !== 1) throw new Error(`problem.loss: h1 needs a 1D domain, got ${d}D`);
      const ux = compileTargetDerivative(target.expr);
      make = (points) =>
        new H1Objective(points, {
          bindModel: (pts) => requireDerivatives(bindModel(pts), 'the h1 loss'),
          fillTarget,
          fillTargetDerivative: (points, out) => ux.values(points, out),
          makeLoss: (t, w) => new WeightedL2Loss(t, w),
          bestApproximation: linear,
        });
      break;
    }
  }
  const { objective, currentPoints } = withQuadrature(quadrature, domain, make);
  return {
    objective,
    p: objective.p,
    inputDim: d,
    get points() {
      return currentPoints();
    },
    bindModel,
    referenceValues: (points) => expressionValues(u, points),
    exactSpace: null,
    dataset: null,
    domain,
    extraParameters: 0,
    pde: null,
  };
}

function expressionValues(u: PointFunction, points: PointSet): Float64Array {
  const out = new Float64Array(points.m);
  u.values(points, out);
  return out;
}

// ---- PDE residual losses ------------------------------------------------------------------------

function buildPde(scenario: Scenario): BuiltProblem {
  const { problem, model: spec } = scenario;
  const loss = problem.loss;
  if (loss.kind !== 'pde') throw new Error('internal: not a PDE loss');
  if (problem.domain.length !== 1)
    throw new Error(`problem.domain: PDE problems are 1D, got ${problem.domain.length}D`);
  const interval = pdeDomain(loss, problem.domain[0]);
  const domain: Domain = [interval];
  const definition = pdeDefinition(loss, interval);
  const bindNetwork = (points: PointSet) => requireDerivatives(createModel(spec, points, domain), 'a PDE loss');
  const make = (points: PointSet) =>
    new PdeObjective(points, { definition, bindNetwork }, (zero, w) => new WeightedL2Loss(zero, w));
  const { objective, currentPoints } = withQuadrature(quadratureOf(scenario), domain, make);
  const exact = definition.exact;
  return {
    objective,
    p: objective.p,
    inputDim: 1,
    get points() {
      return currentPoints();
    },
    bindModel: (points) => definition.ansatz(bindNetwork(points), points),
    referenceValues: (points) => {
      if (exact === null) return null;
      const out = new Float64Array(points.m);
      sampleScalar(exact.u, points, out);
      return out;
    },
    exactSpace: null,
    dataset: null,
    domain,
    extraParameters: definition.extraParameters,
    pde: definition,
  };
}
