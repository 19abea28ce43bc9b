// The sampled h1 loss (docs/ALGORITHMS.md §2): v = z = [v; v′] (nV = 2m), metric [w; w], l2 against
// [u; u′], so that the Gram matrix is the H1 Gram. Newton's second-order term Σ a_i ∇²v_i + Σ a_{m+i} ∇²v′_i
// is exact when the model contracts the Hessians of its x-derivatives (MLPs, linear bases), else central
// differences of θ ↦ J_zᵀa (expression models).

import {
  createDerivativeBuffers,
  type DerivativeBuffers,
  type DifferentiableModel,
  type PointSet,
} from '../models/model';
import type { Evaluation } from './objective';
import type { WeightedL2Loss } from './losses';
import { bindTarget, SampledObjective, type TargetObjectiveOptions } from './sampledObjective';
import { FiniteDifferenceContraction } from './vectorObjective';

export interface H1ObjectiveOptions extends TargetObjectiveOptions<DifferentiableModel, WeightedL2Loss> {
  /** out ← u′ at the points. */
  fillTargetDerivative: (points: PointSet, out: Float64Array) => void;
}

/** v = z = [v; v′] (nV = 2m), metric [w; w], l2 against [u; u′]: the H1 loss and H1 Gram matrix. */
export class H1Objective extends SampledObjective<DifferentiableModel> {
  private readonly m: number;
  private readonly weights: Float64Array;
  private readonly target: Float64Array;
  private readonly derivativeBuffers: DerivativeBuffers;
  private finiteDifferences: FiniteDifferenceContraction | null = null;
  private readonly zeros: Float64Array;
  private readonly options: H1ObjectiveOptions;

  constructor(points: PointSet, options: H1ObjectiveOptions) {
    const m = points.m;
    const { model, weights, target, loss } = bindTarget(points, options, 2 * m);
    const exactHessianTerm = model.derivativeHessianContraction !== undefined;
    const shape = { p: model.p, nV: 2 * m, nZ: 2 * m, metric: weights, zIsV: true, exactHessianTerm };
    super(shape, loss, model, options.bindModel);
    this.m = m;
    this.weights = weights;
    this.target = target;
    this.options = options;
    this.derivativeBuffers = createDerivativeBuffers(m, this.p);
    this.bindData(points);
    this.zeros = new Float64Array(m);
  }

  protected bindData(points: PointSet): void {
    const m = this.m;
    if (points.m !== m) throw new Error('internal: the number of points changed');
    this.weights.set(points.w, 0);
    this.weights.set(points.w, m);
    this.options.fillTarget(points, this.target.subarray(0, m));
    this.options.fillTargetDerivative(points, this.target.subarray(m));
    this.setReference(this.options.bestApproximation ? this.linearBestApproximation(this.target) : null);
  }

  protected fill(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    const { m, p } = this;
    const d = this.derivativeBuffers;
    this.model.derivatives(theta, d);
    ev.v.set(d.v, 0);
    ev.v.set(d.vx, m);
    if (jacobian) {
      ev.Jv.set(d.J, 0);
      ev.Jv.set(d.Jx, m * p);
    }
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    const { m, model } = this;
    if (model.derivativeHessianContraction === undefined) {
      this.finiteDifferences ??= new FiniteDifferenceContraction(this);
      this.finiteDifferences.contract(this.p, theta, a, out);
      return;
    }
    model.derivativeHessianContraction(theta, a.subarray(0, m), a.subarray(m, 2 * m), this.zeros, out);
  }
}
