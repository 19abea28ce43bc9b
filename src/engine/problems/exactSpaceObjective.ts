// Exact spaces (docs/ALGORITHMS.md §1): v = z = c(θ) ∈ R², metric I, 𝓛 = ½(c − c_u)ᵀK(c − c_u).

import type { Model } from '../models/model';
import type { Evaluation } from './objective';
import type { VectorLoss } from './losses';
import { VectorObjective } from './vectorObjective';

export class ExactSpaceObjective extends VectorObjective {
  private readonly model: Model;

  /** `bestApproximation`: c* when it is known (c_u itself when the manifold is all of V), else null. */
  constructor(model: Model, loss: VectorLoss, bestApproximation: Float64Array | null) {
    const m = model.m;
    super({ p: model.p, nV: m, nZ: m, metric: null, zIsV: true, exactHessianTerm: model.exactHessianTerm }, loss);
    this.model = model;
    this.setReference(bestApproximation);
  }

  protected fill(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    if (jacobian) this.model.jacobian(theta, ev.v, ev.Jv);
    else this.model.values(theta, ev.v);
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    this.model.hessianContraction(theta, a, out);
  }
}
