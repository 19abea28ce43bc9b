// What the views need of a built problem (a structural subset of BuiltProblem, so tests can hand-make one)
// with the loss kind its scenario states, and the caches of models bound to plotting points.

import { buildProblem, type BuiltProblem } from '../problems/build';
import type { Model, PointSet } from '../models/model';
import type { Objective } from '../problems/objective';
import type { Scenario } from '../scenario/types';

export type ViewProblem = Pick<
  BuiltProblem,
  | 'objective'
  | 'p'
  | 'inputDim'
  | 'points'
  | 'bindModel'
  | 'referenceValues'
  | 'exactSpace'
  | 'dataset'
  | 'domain'
  | 'pde'
  | 'rom'
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

/** A Map or a WeakMap. */
interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** cache[key], made by `make` and stored on first use. */
function cachedIn<K, V>(cache: Cache<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

const boundModels = new WeakMap<object, Map<string, BoundModel>>();

/**
 * A model of `problem` bound to the points `make()` returns, cached under `key` for this problem (plot
 * grids are rebuilt only when their shape changes).
 */
export function boundModel(problem: ViewProblem, key: string, make: () => PointSet): BoundModel {
  const cache = cachedIn(boundModels, problem, () => new Map<string, BoundModel>());
  return cachedIn(cache, key, () => {
    const points = make();
    return { points, model: problem.bindModel(points) };
  });
}

const modelsOnPoints = new WeakMap<object, WeakMap<PointSet, Model>>();

/** A model of `problem` bound to an existing point set (cached by the point set's identity). */
export function modelOn(problem: ViewProblem, points: PointSet): Model {
  const cache = cachedIn(modelsOnPoints, problem, () => new WeakMap<PointSet, Model>());
  return cachedIn(cache, points, () => problem.bindModel(points));
}

/** Exact-space models ignore their points: a placeholder point set to bind them with. */
export const NO_POINTS: PointSet = { d: 1, m: 0, x: new Float64Array(0), w: new Float64Array(0) };
