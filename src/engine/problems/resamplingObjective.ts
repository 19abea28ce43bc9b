// Stochastic quadrature (docs/ALGORITHMS.md §2): the objective is rebound to new points at every
// iteration; evalLoss and error are measured on a fixed grid so that they compare across iterations.

import type { PointSet } from '../models/model';
import {
  ShapedObjective,
  type ErrorValue,
  type Evaluation,
  type LossHessian,
  type Objective,
  type Rebindable,
} from './objective';

/**
 * Stochastic NGD: the points of iteration k are drawn by `pointsAt(k)` and the objective is rebound to
 * them (model and target recomputed; buffer sizes unchanged). evalLoss and error use a second objective
 * fixed on an evaluation grid, so that they are comparable from one iteration to the next.
 */
export class ResamplingObjective extends ShapedObjective implements Objective {
  private readonly current: Rebindable;
  private readonly fixed: Objective;
  private readonly pointsAt: (k: number) => PointSet;
  private iteration: number;
  private onRebind: ((points: PointSet) => void) | null;

  constructor(
    current: Rebindable,
    fixed: Objective,
    pointsAt: (k: number) => PointSet,
    initialIteration: number,
    onRebind: ((points: PointSet) => void) | null = null,
  ) {
    super(current);
    this.current = current;
    this.fixed = fixed;
    this.pointsAt = pointsAt;
    this.iteration = initialIteration;
    this.onRebind = onRebind;
  }

  resample(k: number): void {
    if (k === this.iteration) return; // already on these points
    this.iteration = k;
    const points = this.pointsAt(k);
    this.current.bind(points);
    this.onRebind?.(points);
  }

  evalLoss(theta: Float64Array): number {
    return this.fixed.loss(theta);
  }

  createEvaluation(): Evaluation {
    return this.current.createEvaluation();
  }

  evaluate(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    this.current.evaluate(theta, ev, jacobian);
  }

  loss(theta: Float64Array): number {
    return this.current.loss(theta);
  }

  lossHessian(z: Float64Array): LossHessian {
    return this.current.lossHessian(z);
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    this.current.hessianContraction(theta, a, out);
  }

  error(theta: Float64Array): ErrorValue | null {
    return this.fixed.error(theta);
  }
}
