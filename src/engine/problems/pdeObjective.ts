// PDE residual losses (docs/ALGORITHMS.md §5): v = the ansatz values at the points (metric W),
// z = R(v) at the points, 𝓛 = ½ Σ w R², g_z = wR, H_z = W. Newton's second-order term by finite differences.

import {
  createDerivativeBuffers,
  type DerivativeBuffers,
  type DifferentiableModel,
  type PointSet,
} from '../models/model';
import type { Evaluation } from './objective';
import type { VectorLoss } from './losses';
import { sampleScalar, type PdeDefinition } from './pde';
import { SampledObjective } from './sampledObjective';
import { copyWeights, FiniteDifferenceContraction } from './vectorObjective';

export interface PdeObjectiveOptions {
  definition: PdeDefinition;
  bindNetwork: (points: PointSet) => DifferentiableModel;
}

/** v = ansatz values (metric W), z = R(v) at the points, 𝓛 = ½ Σ w R², g_z = wR, H_z = W. */
export class PdeObjective extends SampledObjective<DifferentiableModel> {
  private readonly m: number;
  private readonly weights: Float64Array;
  private readonly forcing: Float64Array;
  private readonly derivativeBuffers: DerivativeBuffers;
  private readonly contraction: FiniteDifferenceContraction;
  private readonly definition: PdeDefinition;

  constructor(
    points: PointSet,
    options: PdeObjectiveOptions,
    makeLoss: (zero: Float64Array, w: Float64Array) => VectorLoss,
  ) {
    const { definition, bindNetwork } = options;
    const bindAnsatz = (pts: PointSet) => definition.ansatz(bindNetwork(pts), pts);
    const model = bindAnsatz(points);
    const m = points.m;
    const weights = new Float64Array(m);
    const shape = { p: model.p, nV: m, nZ: m, metric: weights, zIsV: false, exactHessianTerm: false };
    super(shape, makeLoss(new Float64Array(m), weights), model, bindAnsatz);
    this.m = m;
    this.weights = weights;
    this.definition = definition;
    this.forcing = new Float64Array(m);
    this.derivativeBuffers = createDerivativeBuffers(m, this.p);
    this.bindData(points);
    this.contraction = new FiniteDifferenceContraction(this);
  }

  protected bindData(points: PointSet): void {
    const { definition } = this;
    copyWeights(points, this.weights);
    sampleScalar((x) => definition.forcing(x), points, this.forcing);
    const exact = definition.exact;
    if (exact === null) {
      this.setReference(null);
    } else {
      const u = new Float64Array(this.m);
      sampleScalar(exact.u, points, u);
      this.setReference(u);
    }
  }

  protected fill(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    const d = this.derivativeBuffers;
    this.model.derivatives(theta, d);
    ev.v.set(d.v);
    if (jacobian) ev.Jv.set(d.J);
    this.definition.residual(d, this.forcing, this.m, this.p, ev.z, jacobian ? ev.Jz : null);
  }

  protected override valuesOnly(theta: Float64Array, v: Float64Array): void {
    this.model.values(theta, v);
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    this.contraction.contract(this.p, theta, a, out);
  }
}
