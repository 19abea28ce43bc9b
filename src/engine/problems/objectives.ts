// The Objective implementations (objective.ts; ALGORITHMS.md §1, §2, §5): a model, the vector maps
// θ ↦ v (function-space vector) and θ ↦ z (loss vector), and a loss on z.
//
//   ExactSpaceObjective  v = z = c(θ) ∈ R², metric I, 𝓛 = ½(c − c_u)ᵀK(c − c_u).
//   ValueObjective       v = z = model values at the points, metric W; l2 (target u) or cross-entropy.
//   H1Objective          v = z = [v; v′] (2m), metric [W; W], l2 with target [u; u′].
//   PdeObjective         v = ansatz values (metric W), z = R(v) at the points, 𝓛 = ½ Σ w R².
//   ResamplingObjective  draws new points at every iteration; evalLoss and error on a fixed grid.
//
// Every buffer is allocated at construction (or at rebinding to new points); evaluate() allocates nothing.
// hessianContraction: the model's own for z = v; for h1 and PDE losses central finite differences of
// θ ↦ J_zᵀa (models/finiteDifferences.ts), exactHessianTerm = false.

import { matTVec, solveLstsq } from '../linalg';
import { createFiniteDifferenceWork, hessianByFiniteDifferences, type FiniteDifferenceWork } from '../models/finiteDifferences';
import { createDerivativeBuffers, type DerivativeBuffers, type DifferentiableModel, type Model, type PointSet } from '../models/model';
import type { ErrorValue, Evaluation, LossHessian, Objective } from './objective';
import type { VectorLoss, WeightedL2Loss } from './losses';
import type { PdeDefinition } from './pde';

/** Singular values of W^{1/2}Φ below this fraction of the largest are dropped in the best approximation. */
const PROJECTION_RCOND = 1e-12;

function allocateEvaluation(nV: number, nZ: number, p: number, zIsV: boolean): Evaluation {
  const v = new Float64Array(nV);
  const Jv = new Float64Array(nV * p);
  return {
    v,
    Jv,
    z: zIsV ? v : new Float64Array(nZ),
    Jz: zIsV ? Jv : new Float64Array(nZ * p),
    gz: new Float64Array(nZ),
    loss: NaN,
  };
}

/** A point set's weights copied into `into` (the same m). */
function copyWeights(points: PointSet, into: Float64Array): void {
  if (points.m !== into.length) throw new Error('internal: the number of points changed');
  into.set(points.w);
}

/** Common parts: buffers, loss(θ), lossHessian, error against a reference vector v*. */
abstract class VectorObjective implements Objective {
  abstract readonly p: number;
  abstract readonly nV: number;
  abstract readonly nZ: number;
  abstract readonly metric: Float64Array | null;
  abstract readonly zIsV: boolean;
  abstract readonly exactHessianTerm: boolean;
  protected abstract readonly vectorLoss: VectorLoss;
  /** v* (length nV) for error(): exact solution or best approximation; null when unknown. */
  protected reference: Float64Array | null = null;
  private referenceNorm = NaN;
  private scratchEvaluation: Evaluation | null = null;

  createEvaluation(): Evaluation {
    return allocateEvaluation(this.nV, this.nZ, this.p, this.zIsV);
  }

  /** v, z (and with `jacobian` Jv, Jz) at θ. */
  protected abstract fill(theta: Float64Array, ev: Evaluation, jacobian: boolean): void;

  evaluate(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    this.fill(theta, ev, jacobian);
    ev.loss = this.vectorLoss.evaluate(ev.z, ev.gz);
  }

  protected get scratch(): Evaluation {
    this.scratchEvaluation ??= this.createEvaluation();
    return this.scratchEvaluation;
  }

  loss(theta: Float64Array): number {
    const ev = this.scratch;
    this.evaluate(theta, ev, false);
    return ev.loss;
  }

  lossHessian(z: Float64Array): LossHessian {
    return this.vectorLoss.hessian(z);
  }

  abstract hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void;

  /** v alone at θ, into the scratch evaluation's v (error()). */
  protected valuesOnly(theta: Float64Array, v: Float64Array): void {
    this.fill(theta, this.scratch, false);
    if (v !== this.scratch.v) v.set(this.scratch.v);
  }

  protected setReference(reference: Float64Array | null): void {
    this.reference = reference;
    this.referenceNorm = reference === null ? NaN : Math.sqrt(this.weightedSquare(reference, null));
  }

  private weightedSquare(x: Float64Array, minus: Float64Array | null): number {
    const w = this.metric;
    let sum = 0;
    for (let i = 0; i < this.nV; i++) {
      const d = minus === null ? x[i] : x[i] - minus[i];
      sum += (w === null ? 1 : w[i]) * d * d;
    }
    return sum;
  }

  error(theta: Float64Array): ErrorValue | null {
    if (this.reference === null) return null;
    const v = this.scratch.v;
    this.valuesOnly(theta, v);
    const abs = Math.sqrt(this.weightedSquare(v, this.reference));
    return { abs, rel: this.referenceNorm > 0 ? abs / this.referenceNorm : NaN };
  }

  /**
   * v* = Jv c* with c* = argmin ‖M^{1/2}(Jv c − t)‖: the best approximation of the target vector t in V
   * by a model linear in θ (Jv does not depend on θ). Minimum-norm least squares from W^{1/2}Φ itself.
   */
  protected linearBestApproximation(target: Float64Array): Float64Array {
    const { nV, p } = this;
    const ev = this.createEvaluation();
    this.fill(new Float64Array(p), ev, true);
    const w = this.metric;
    const B = new Float64Array(nV * p);
    const r = new Float64Array(nV);
    for (let i = 0; i < nV; i++) {
      const s = w === null ? 1 : Math.sqrt(w[i]);
      for (let j = 0; j < p; j++) B[i * p + j] = s * ev.Jv[i * p + j];
      r[i] = s * target[i];
    }
    const c = new Float64Array(p);
    solveLstsq(B, nV, p, r, PROJECTION_RCOND, c);
    const best = new Float64Array(nV);
    for (let i = 0; i < nV; i++) {
      let sum = 0;
      for (let j = 0; j < p; j++) sum += ev.Jv[i * p + j] * c[j];
      best[i] = sum;
    }
    return best;
  }
}

/** Σ a_i ∇²_θ z_i by central differences of θ ↦ J_z(θ)ᵀa (2p Jacobian evaluations). */
class FiniteDifferenceContraction {
  private readonly evaluation: Evaluation;
  private readonly work: FiniteDifferenceWork;
  private weights: Float64Array;
  private readonly gradient: (theta: Float64Array, g: Float64Array) => void;

  constructor(objective: VectorObjective) {
    const { p, nZ } = objective;
    this.evaluation = objective.createEvaluation();
    this.work = createFiniteDifferenceWork(p);
    this.weights = new Float64Array(nZ);
    this.gradient = (theta, g) => {
      objective.evaluate(theta, this.evaluation, true);
      matTVec(this.evaluation.Jz, nZ, p, this.weights, g);
    };
  }

  contract(p: number, theta: Float64Array, a: Float64Array, out: Float64Array): void {
    this.weights = a;
    hessianByFiniteDifferences(p, theta, this.gradient, out, this.work);
  }
}

// ---- exact spaces -------------------------------------------------------------------------------

export class ExactSpaceObjective extends VectorObjective {
  readonly p: number;
  readonly nV: number;
  readonly nZ: number;
  readonly metric = null;
  readonly zIsV = true;
  readonly exactHessianTerm: boolean;
  protected readonly vectorLoss: VectorLoss;
  private readonly model: Model;

  /** `bestApproximation`: c* when it is known (c_u itself when the manifold is all of V), else null. */
  constructor(model: Model, loss: VectorLoss, bestApproximation: Float64Array | null) {
    super();
    this.model = model;
    this.vectorLoss = loss;
    this.p = model.p;
    this.nV = this.nZ = model.m;
    this.exactHessianTerm = model.exactHessianTerm;
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

// ---- sampled spaces -----------------------------------------------------------------------------

/** Objectives on a point set that can be replaced by another of the same size (resampling). */
export interface Rebindable extends Objective {
  bind(points: PointSet): void;
}

export interface ValueObjectiveOptions {
  bindModel: (points: PointSet) => Model;
  /** out ← the target (l2) or labels (cross-entropy) at the points. */
  fillTarget: (points: PointSet, out: Float64Array) => void;
  /** Build the loss on the target and weight arrays (held by reference and refilled on rebinding). */
  makeLoss: (target: Float64Array, weights: Float64Array) => VectorLoss;
  /** Track the distance to the best approximation (models linear in θ with an l2 loss). */
  bestApproximation: boolean;
}

/** z = v = the model's values at the points (sampled l2, cross-entropy). */
export class ValueObjective extends VectorObjective implements Rebindable {
  readonly p: number;
  readonly nV: number;
  readonly nZ: number;
  readonly metric: Float64Array;
  readonly zIsV = true;
  readonly exactHessianTerm: boolean;
  protected readonly vectorLoss: VectorLoss;
  private readonly target: Float64Array;
  private readonly options: ValueObjectiveOptions;
  private model: Model;

  constructor(points: PointSet, options: ValueObjectiveOptions) {
    super();
    this.options = options;
    this.model = options.bindModel(points);
    this.p = this.model.p;
    this.nV = this.nZ = points.m;
    this.exactHessianTerm = this.model.exactHessianTerm;
    this.metric = new Float64Array(points.m);
    this.target = new Float64Array(points.m);
    this.vectorLoss = options.makeLoss(this.target, this.metric);
    this.bindData(points);
  }

  bind(points: PointSet): void {
    this.model = this.options.bindModel(points);
    this.bindData(points);
  }

  private bindData(points: PointSet): void {
    if (points.m !== this.nV) throw new Error('internal: the number of points changed');
    copyWeights(points, this.metric);
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

export interface H1ObjectiveOptions {
  bindModel: (points: PointSet) => DifferentiableModel;
  fillTarget: (points: PointSet, out: Float64Array) => void;
  fillTargetDerivative: (points: PointSet, out: Float64Array) => void;
  makeLoss: (target: Float64Array, weights: Float64Array) => WeightedL2Loss;
  bestApproximation: boolean;
}

/** v = z = [v; v′] (nV = 2m), metric [w; w], l2 against [u; u′]: the H1 loss and H1 Gram matrix. */
export class H1Objective extends VectorObjective implements Rebindable {
  readonly p: number;
  readonly nV: number;
  readonly nZ: number;
  readonly metric: Float64Array;
  readonly zIsV = true;
  readonly exactHessianTerm = false;
  protected readonly vectorLoss: VectorLoss;
  private readonly m: number;
  private readonly target: Float64Array;
  private readonly derivativeBuffers: DerivativeBuffers;
  private readonly contraction: FiniteDifferenceContraction;
  private readonly options: H1ObjectiveOptions;
  private model: DifferentiableModel;

  constructor(points: PointSet, options: H1ObjectiveOptions) {
    super();
    this.options = options;
    this.model = options.bindModel(points);
    const m = (this.m = points.m);
    this.p = this.model.p;
    this.nV = this.nZ = 2 * m;
    this.metric = new Float64Array(2 * m);
    this.target = new Float64Array(2 * m);
    this.vectorLoss = options.makeLoss(this.target, this.metric);
    this.derivativeBuffers = createDerivativeBuffers(m, this.p);
    this.bindData(points);
    this.contraction = new FiniteDifferenceContraction(this);
  }

  bind(points: PointSet): void {
    this.model = this.options.bindModel(points);
    this.bindData(points);
  }

  private bindData(points: PointSet): void {
    const m = this.m;
    if (points.m !== m) throw new Error('internal: the number of points changed');
    this.metric.set(points.w, 0);
    this.metric.set(points.w, m);
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
    this.contraction.contract(this.p, theta, a, out);
  }
}

export interface PdeObjectiveOptions {
  definition: PdeDefinition;
  bindNetwork: (points: PointSet) => DifferentiableModel;
}

/** v = ansatz values (metric W), z = R(v) at the points, 𝓛 = ½ Σ w R², g_z = wR, H_z = W. */
export class PdeObjective extends VectorObjective implements Rebindable {
  readonly p: number;
  readonly nV: number;
  readonly nZ: number;
  readonly metric: Float64Array;
  readonly zIsV = false;
  readonly exactHessianTerm = false;
  protected readonly vectorLoss: VectorLoss;
  private readonly m: number;
  private readonly forcing: Float64Array;
  private readonly derivativeBuffers: DerivativeBuffers;
  private readonly contraction: FiniteDifferenceContraction;
  private readonly options: PdeObjectiveOptions;
  private ansatzModel: DifferentiableModel;

  constructor(points: PointSet, options: PdeObjectiveOptions, makeLoss: (zero: Float64Array, w: Float64Array) => VectorLoss) {
    super();
    this.options = options;
    this.ansatzModel = options.definition.ansatz(options.bindNetwork(points), points);
    const m = (this.m = points.m);
    this.p = this.ansatzModel.p;
    this.nV = this.nZ = m;
    this.metric = new Float64Array(m);
    this.forcing = new Float64Array(m);
    this.vectorLoss = makeLoss(new Float64Array(m), this.metric);
    this.derivativeBuffers = createDerivativeBuffers(m, this.p);
    this.bindData(points);
    this.contraction = new FiniteDifferenceContraction(this);
  }

  /** The ansatz-wrapped model on the current points. */
  get model(): DifferentiableModel {
    return this.ansatzModel;
  }

  bind(points: PointSet): void {
    this.ansatzModel = this.options.definition.ansatz(this.options.bindNetwork(points), points);
    this.bindData(points);
  }

  private bindData(points: PointSet): void {
    const { definition } = this.options;
    if (points.m !== this.m) throw new Error('internal: the number of points changed');
    copyWeights(points, this.metric);
    for (let i = 0; i < this.m; i++) this.forcing[i] = definition.forcing(points.x[i * points.d]);
    const exact = definition.exact;
    if (exact === null) {
      this.setReference(null);
    } else {
      const u = new Float64Array(this.m);
      for (let i = 0; i < this.m; i++) u[i] = exact.u(points.x[i * points.d]);
      this.setReference(u);
    }
  }

  protected fill(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    const d = this.derivativeBuffers;
    this.ansatzModel.derivatives(theta, d);
    ev.v.set(d.v);
    if (jacobian) ev.Jv.set(d.J);
    this.options.definition.residual(d, this.forcing, this.m, this.p, ev.z, jacobian ? ev.Jz : null);
  }

  protected override valuesOnly(theta: Float64Array, v: Float64Array): void {
    this.ansatzModel.values(theta, v);
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    this.contraction.contract(this.p, theta, a, out);
  }
}

// ---- stochastic quadrature ----------------------------------------------------------------------

/**
 * Stochastic NGD: the points of iteration k are drawn by `pointsAt(k)` and the objective is rebound to
 * them (model and target recomputed; buffer sizes unchanged). evalLoss and error use a second objective
 * fixed on an evaluation grid, so that they are comparable from one iteration to the next.
 */
export class ResamplingObjective implements Objective {
  readonly p: number;
  readonly nV: number;
  readonly nZ: number;
  readonly metric: Float64Array | null;
  readonly zIsV: boolean;
  readonly exactHessianTerm: boolean;
  private readonly current: Rebindable;
  private readonly fixed: Objective;
  private readonly pointsAt: (k: number) => PointSet;
  private iteration: number;
  private onRebind: ((points: PointSet) => void) | null;

  constructor(current: Rebindable, fixed: Objective, pointsAt: (k: number) => PointSet, initialIteration: number, onRebind: ((points: PointSet) => void) | null = null) {
    this.current = current;
    this.fixed = fixed;
    this.pointsAt = pointsAt;
    this.iteration = initialIteration;
    this.onRebind = onRebind;
    this.p = current.p;
    this.nV = current.nV;
    this.nZ = current.nZ;
    this.metric = current.metric;
    this.zIsV = current.zIsV;
    this.exactHessianTerm = current.exactHessianTerm;
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
