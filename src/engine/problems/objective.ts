// The discretised problem an optimizer sees (docs/ALGORITHMS.md §1–2, §5).
//
// Two vectors live in function space:
//  - v, the function-space vector the metric M_V acts on: point values (sampled l2, cross-entropy, PDE),
//    coefficients (exact spaces), or the stacked [v; v′] for h1 (so M_V = diag(w, w) gives the H1 Gram);
//  - z, the loss vector the loss 𝓛 acts on: z = v except for PDE losses, where z = R(v) at the points.
// Matrices are row-major: Jv[i * p + j] = ∂v_i/∂θ_j.

import type { PointSet } from '../models/model';

export type LossHessian =
  | { kind: 'diag'; d: Float64Array } // H_z = diag(d), d > 0
  | { kind: 'dense'; H: Float64Array }; // nZ × nZ SPD (exact spaces with K)

/** Buffers for one evaluation at one θ. When zIsV, z/Jz alias v/Jv. */
export interface Evaluation {
  v: Float64Array; // nV
  Jv: Float64Array; // nV × p (filled only when a Jacobian was asked for)
  z: Float64Array; // nZ
  Jz: Float64Array; // nZ × p
  gz: Float64Array; // ∂𝓛/∂z, nZ
  loss: number;
}

export interface ErrorValue {
  abs: number; // ‖v_θ − v*‖_V
  rel: number; // abs / ‖v*‖_V
}

export interface Objective {
  readonly p: number;
  readonly nV: number;
  /** Diagonal of M_V (length nV), or null for the identity (exact spaces). */
  readonly metric: Float64Array | null;
  readonly nZ: number;
  /** True when the loss vector is the function-space vector itself (every loss but PDE residuals). */
  readonly zIsV: boolean;
  /** Newton's second-order term is exact (false: finite differences of the Jacobian). */
  readonly exactHessianTerm: boolean;

  createEvaluation(): Evaluation;
  /** Fill v, z, loss and gz at θ; with `jacobian` also Jv and Jz. Non-finite values are left as they are. */
  evaluate(theta: Float64Array, ev: Evaluation, jacobian: boolean): void;
  /** L(θ) alone (line searches, restarts). */
  loss(theta: Float64Array): number;
  /** H_z at the loss vector z (may return an internal buffer; valid until the next call). */
  lossHessian(z: Float64Array): LossHessian;
  /** out (p × p) ← Σ_i a_i ∇²_θ z_i. */
  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void;
  /** Distance to the exact solution or best approximation, when computable; null otherwise. */
  error(theta: Float64Array): ErrorValue | null;
  /** Stochastic quadrature: draw the points of iteration k (seeded). Absent when points are fixed. */
  resample?(k: number): void;
  /** Loss on a fixed evaluation grid (present when resample is). */
  evalLoss?(theta: Float64Array): number;
}

/** The fields of an objective that are not methods: fixed at construction. */
export type ObjectiveShape = Pick<Objective, 'p' | 'nV' | 'nZ' | 'metric' | 'zIsV' | 'exactHessianTerm'>;

/** The shape of an objective, copied once from the one given. */
export abstract class ShapedObjective implements ObjectiveShape {
  readonly p: number;
  readonly nV: number;
  readonly nZ: number;
  readonly metric: Float64Array | null;
  readonly zIsV: boolean;
  readonly exactHessianTerm: boolean;

  constructor(shape: ObjectiveShape) {
    this.p = shape.p;
    this.nV = shape.nV;
    this.nZ = shape.nZ;
    this.metric = shape.metric;
    this.zIsV = shape.zIsV;
    this.exactHessianTerm = shape.exactHessianTerm;
  }
}

/** Objectives on a point set that can be replaced by another of the same size (resampling). */
export interface Rebindable extends Objective {
  bind(points: PointSet): void;
}
