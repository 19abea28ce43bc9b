// Sampled l2 and cross-entropy (docs/ALGORITHMS.md §2): v = z = the model's values at the points,
// metric W = diag(w); the loss compares them with the target (l2) or the labels (cross-entropy).

import type { Model, PointSet } from '../models/model';
import type { Evaluation } from './objective';
import type { VectorLoss } from './losses';
import { bindTarget, SampledObjective, type TargetObjectiveOptions } from './sampledObjective';
import { copyWeights } from './vectorObjective';

export type ValueObjectiveOptions = TargetObjectiveOptions<Model, VectorLoss>;

/** z = v = the model's values at the points (sampled l2, cross-entropy). */
export class ValueObjective extends SampledObjective<Model> {
  private readonly weights: Float64Array;
  private readonly target: Float64Array;
  private readonly options: ValueObjectiveOptions;

  constructor(points: PointSet, options: ValueObjectiveOptions) {
    const m = points.m;
    const { model, weights, target, loss } = bindTarget(points, options, m);
    const shape = { p: model.p, nV: m, nZ: m, metric: weights, zIsV: true, exactHessianTerm: model.exactHessianTerm };
    super(shape, loss, model, options.bindModel);
    this.weights = weights;
    this.target = target;
    this.options = options;
    this.bindData(points);
  }

  protected bindData(points: PointSet): void {
    copyWeights(points, this.weights);
    this.options.fillTarget(points, this.target);
    this.setReference(this.options.bestApproximation ? this.linearBestApproximation(this.target) : null);
  }

  protected fill(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    if (jacobian) this.model.jacobian(theta, ev.v, ev.Jv);
    else this.model.values(theta, ev.v);
  }

  protected override valuesOnly(theta: Float64Array, v: Float64Array): void {
    this.model.values(theta, v);
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    this.model.hessianContraction(theta, a, out);
  }
}
