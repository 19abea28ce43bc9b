// A vector objective on a point set that can be replaced by another of the same size (stochastic
// quadrature rebinds it at every iteration): the model is bound again to the new points, then the
// subclass refills its data there (weights, target, reference). Buffer sizes never change.

import type { Model, PointSet } from '../models/model';
import type { ObjectiveShape, Rebindable } from './objective';
import type { VectorLoss } from './losses';
import { VectorObjective } from './vectorObjective';

export abstract class SampledObjective<M extends Model> extends VectorObjective implements Rebindable {
  protected model: M;
  private readonly bindModel: (points: PointSet) => M;

  /** `model`: bindModel(points) for the first point set (its p gives the shape's). */
  constructor(shape: ObjectiveShape, vectorLoss: VectorLoss, model: M, bindModel: (points: PointSet) => M) {
    super(shape, vectorLoss);
    this.model = model;
    this.bindModel = bindModel;
  }

  bind(points: PointSet): void {
    this.model = this.bindModel(points);
    this.bindData(points);
  }

  /** Weights, target and reference at the points. */
  protected abstract bindData(points: PointSet): void;
}

/** A sampled objective fitted to a target at the points (l2, cross-entropy, h1). */
export interface TargetObjectiveOptions<M extends Model, L extends VectorLoss> {
  bindModel: (points: PointSet) => M;
  /** out ← the target (l2, h1) or labels (cross-entropy) at the points. */
  fillTarget: (points: PointSet, out: Float64Array) => void;
  /** Build the loss on the target and weight arrays (held by reference and refilled on rebinding). */
  makeLoss: (target: Float64Array, weights: Float64Array) => L;
  /** Track the distance to the best approximation (models linear in θ with an l2 loss). */
  bestApproximation: boolean;
}

/** The first binding of a target objective: its model, weight and target vectors of `size`, the loss on them. */
export function bindTarget<M extends Model, L extends VectorLoss>(
  points: PointSet,
  options: TargetObjectiveOptions<M, L>,
  size: number,
): { model: M; weights: Float64Array; target: Float64Array; loss: L } {
  const model = options.bindModel(points);
  const weights = new Float64Array(size);
  const target = new Float64Array(size);
  return { model, weights, target, loss: options.makeLoss(target, weights) };
}
