// The common part of the Objective implementations (objective.ts; docs/ALGORITHMS.md §1, §2, §5): a
// model, the vector maps θ ↦ v (function-space vector) and θ ↦ z (loss vector), and a loss on z.
// Subclasses fill v and z; this class adds the loss, L(θ) alone, H_z, and the error against a reference v*.
//
// Every buffer is allocated at construction (or at rebinding to new points); evaluate() allocates nothing.
// hessianContraction: the model's own for z = v; for h1 and PDE losses central finite differences of
// θ ↦ J_zᵀa (FiniteDifferenceContraction below), exactHessianTerm = false.

import { matTVec, solveLstsq } from '../linalg';
import {
  createFiniteDifferenceWork,
  hessianByFiniteDifferences,
  type FiniteDifferenceWork,
} from '../models/finiteDifferences';
import type { PointSet } from '../models/model';
import {
  ShapedObjective,
  type ErrorValue,
  type Evaluation,
  type LossHessian,
  type Objective,
  type ObjectiveShape,
} from './objective';
import type { VectorLoss } from './losses';

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
export function copyWeights(points: PointSet, into: Float64Array): void {
  if (points.m !== into.length) throw new Error('internal: the number of points changed');
  into.set(points.w);
}

/** Common parts: buffers, loss(θ), lossHessian, error against a reference vector v*. */
export abstract class VectorObjective extends ShapedObjective implements Objective {
  protected readonly vectorLoss: VectorLoss;
  /** v* (length nV) for error(): exact solution or best approximation; null when unknown. */
  protected reference: Float64Array | null = null;
  private referenceNorm = NaN;
  private scratchEvaluation: Evaluation | null = null;

  constructor(shape: ObjectiveShape, vectorLoss: VectorLoss) {
    super(shape);
    this.vectorLoss = vectorLoss;
  }

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
export class FiniteDifferenceContraction {
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
