// PDE residual losses (docs/ALGORITHMS.md §5): v = the ansatz values at the points (metric W),
// z = R(v) at the points, 𝓛 = ½ Σ w R², g_z = wR, H_z = W. Newton's second-order term Σ a_i ∇²R_i is exact
// when the network contracts the Hessians of its x-derivatives (MLPs, linear bases): the equation turns a
// into weights of ∇²v, ∇²v′, ∇²v″ plus, for the nonlinear residual, its own curvature Jᵀ diag(6va) J;
// otherwise (expression networks) central differences of θ ↦ J_zᵀa.

import {
  createDerivativeBuffers,
  type DerivativeBuffers,
  type DifferentiableModel,
  type PointSet,
} from '../models/model';
import { gram } from '../linalg';
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
  private finiteDifferences: FiniteDifferenceContraction | null = null;
  private readonly definition: PdeDefinition;
  // weights of ∇²v, ∇²v′, ∇²v″ and of the residual's curvature term; its Gram matrix (nonlinear only)
  private readonly secondOrderWeights: [Float64Array, Float64Array, Float64Array, Float64Array];
  private curvatureGram: Float64Array | null = null;
  /** The θ at which derivativeBuffers' v and J were last filled (valid: they are still at it). */
  private readonly derivativesAt: Float64Array;
  private derivativesValid = false;

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
    const exactHessianTerm = model.derivativeHessianContraction !== undefined;
    const shape = { p: model.p, nV: m, nZ: m, metric: weights, zIsV: false, exactHessianTerm };
    super(shape, makeLoss(new Float64Array(m), weights), model, bindAnsatz);
    this.m = m;
    this.weights = weights;
    this.definition = definition;
    this.forcing = new Float64Array(m);
    this.derivativeBuffers = createDerivativeBuffers(m, this.p);
    this.bindData(points);
    this.secondOrderWeights = [new Float64Array(m), new Float64Array(m), new Float64Array(m), new Float64Array(m)];
    this.derivativesAt = new Float64Array(this.p);
  }

  protected bindData(points: PointSet): void {
    const { definition } = this;
    this.derivativesValid = false;
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
    this.derivativesAt.set(theta.subarray(0, this.p));
    this.derivativesValid = true;
    ev.v.set(d.v);
    if (jacobian) ev.Jv.set(d.J);
    this.definition.residual(d, this.forcing, this.m, this.p, ev.z, jacobian ? ev.Jz : null);
  }

  protected override valuesOnly(theta: Float64Array, v: Float64Array): void {
    this.model.values(theta, v);
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    const { m, p, model, definition } = this;
    if (model.derivativeHessianContraction === undefined) {
      this.finiteDifferences ??= new FiniteDifferenceContraction(this);
      this.finiteDifferences.contract(p, theta, a, out);
      return;
    }
    const d = this.derivativeBuffers;
    if (definition.secondOrderNeedsValues && !this.derivativesFilledAt(theta)) {
      model.jacobian(theta, d.v, d.J);
      this.derivativesAt.set(theta.subarray(0, p));
      this.derivativesValid = true;
    }
    const [c0, c1, c2, g] = this.secondOrderWeights;
    const curved = definition.secondOrderWeights(a, d.v, m, c0, c1, c2, g);
    model.derivativeHessianContraction(theta, c0, c1, c2, out);
    if (!curved) return;
    const G = (this.curvatureGram ??= new Float64Array(p * p));
    gram(d.J, m, p, g, G);
    for (let k = 0; k < p * p; k++) out[k] += G[k];
  }

  /** v and J in derivativeBuffers are at θ (Newton evaluates θ just before asking for the term). */
  private derivativesFilledAt(theta: Float64Array): boolean {
    if (!this.derivativesValid) return false;
    for (let j = 0; j < this.p; j++) if (!Object.is(this.derivativesAt[j], theta[j])) return false;
    return true;
  }
}
