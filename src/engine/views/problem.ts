// What the views need of a built problem (a structural subset of BuiltProblem, so tests can hand-make one)
// with the loss kind its scenario states, and the caches of models bound to plotting points.

import { buildProblem, type BuiltProblem } from '../problems/build';
import type { Model, PointSet } from '../models/model';
import type { Objective } from '../problems/objective';
import type { Scenario } from '../scenario/types';

export type ViewProblem = Pick<
  BuiltProblem,
  'objective' | 'p' | 'inputDim' | 'points' | 'bindModel' | 'referenceValues' | 'exactSpace' | 'dataset' | 'domain' | 'pde' | 'rom'
> & {
  /** The scenario's loss (problem.loss.kind): what the function-space levels show. */
  loss: Scenario['problem']['loss']['kind'];
};

/** The problem the views of `scenario` use (built anew: plot grids never touch a track's buffers). */
export function viewProblemOf(scenario: Scenario): ViewProblem {
  // Assigned onto the built problem, not spread: its `points` is a getter that follows resampling.
  return Object.assign(buildProblem(scenario), { loss: scenario.problem.loss.kind });
}

/** L(θ) as plots should show it: the fixed evaluation grid's loss when the quadrature resamples. */
export function lossFunction(objective: Objective): (theta: Float64Array) => number {
  const evalLoss = objective.evalLoss;
  if (evalLoss) return (theta) => evalLoss.call(objective, theta);
  return (theta) => objective.loss(theta);
}

interface BoundModel {
  points: PointSet;
  model: Model;
}

const boundModels = new WeakMap<object, Map<string, BoundModel>>();

/**
 * A model of `problem` bound to the points `make()` returns, cached under `key` for this problem (plot
 * grids are rebuilt only when their shape changes).
 */
export function boundModel(problem: ViewProblem, key: string, make: () => PointSet): BoundModel {
  let cache = boundModels.get(problem);
  if (!cache) {
    cache = new Map();
    boundModels.set(problem, cache);
  }
  let entry = cache.get(key);
  if (!entry) {
    const points = make();
    entry = { points, model: problem.bindModel(points) };
    cache.set(key, entry);
  }
  return entry;
}

const modelsOnPoints = new WeakMap<object, WeakMap<PointSet, Model>>();

/** A model of `problem` bound to an existing point set (cached by the point set's identity). */
export function modelOn(problem: ViewProblem, points: PointSet): Model {
  let cache = modelsOnPoints.get(problem);
  if (!cache) {
    cache = new WeakMap();
    modelsOnPoints.set(problem, cache);
  }
  let model = cache.get(points);
  if (!model) {
    model = problem.bindModel(points);
    cache.set(points, model);
  }
  return model;
}

/** Exact-space models ignore their points: a placeholder point set to bind them with. */
export const NO_POINTS: PointSet = { d: 1, m: 0, x: new Float64Array(0), w: new Float64Array(0) };
