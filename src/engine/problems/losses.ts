// The losses 𝓛(z) of docs/ALGORITHMS.md §2 on a loss vector z: value, gradient g_z = ∂𝓛/∂z and Hessian H_z.
//
//  - WeightedL2Loss:    ½ Σ w_i (z_i − t_i)²,      g = w(z − t),     H = diag(w).
//    Sampled l2 (t = u), h1 (z = [v; v′], t = [u; u′], w = [w; w]) and PDE residuals (z = R, t = 0).
//  - QuadraticFormLoss: ½ (c − c_u)ᵀ K (c − c_u),  g = K(c − c_u),   H = K (exact spaces).
//  - CrossEntropyLoss:  Σ w_i [−u_i log v_i − (1 − u_i) log(1 − v_i)],
//                       g_i = w_i (v_i − u_i)/(v_i(1 − v_i)),  H = diag(w_i [u_i/v_i² + (1 − u_i)/(1 − v_i)²]).
//    v is clamped into [1e-15, 1 − 1e-15] before these formulas so that a saturated output (a sigmoid that
//    rounds to exactly 0 or 1) keeps the loss, g and H finite; inside the clamp they are the exact ones.
//
// Targets and weights are held by reference: a resampled objective rewrites them in place.

import * as libm from '../math';
import type { LossHessian } from './objective';

export interface VectorLoss {
  /** Length of the loss vector. */
  readonly n: number;
  /** 𝓛(z); fills g (length n) with ∂𝓛/∂z when given. */
  evaluate(z: Float64Array, g: Float64Array | null): number;
  /** H_z at z (may return an internal buffer, valid until the next call). */
  hessian(z: Float64Array): LossHessian;
}

/** A loss Σ w_i ℓ(z_i, t_i) against data t (target or labels) and weights w of the same length: H_z diagonal. */
abstract class WeightedPointLoss implements VectorLoss {
  readonly n: number;
  /** w (length n), w_i > 0; rewritten in place when the points change. */
  readonly weights: Float64Array;
  protected readonly hessianValue: LossHessian;

  /** `what`: the loss and its data, for the message; `diagonal`: the array H_z = diag(·) refers to. */
  constructor(what: string, data: Float64Array, weights: Float64Array, diagonal: Float64Array) {
    if (data.length !== weights.length) throw new Error(`${what} and weights differ in length`);
    this.n = data.length;
    this.weights = weights;
    this.hessianValue = { kind: 'diag', d: diagonal };
  }

  abstract evaluate(z: Float64Array, g: Float64Array | null): number;
  abstract hessian(z: Float64Array): LossHessian;
}

export class WeightedL2Loss extends WeightedPointLoss {
  /** t (length n); rewritten in place when the points change. */
  readonly target: Float64Array;

  constructor(target: Float64Array, weights: Float64Array) {
    super('l2 loss: target', target, weights, weights);
    this.target = target;
  }

  evaluate(z: Float64Array, g: Float64Array | null): number {
    const { n, target, weights } = this;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const r = z[i] - target[i];
      const wr = weights[i] * r;
      sum += wr * r;
      if (g !== null) g[i] = wr;
    }
    return 0.5 * sum;
  }

  hessian(_z: Float64Array): LossHessian {
    return this.hessianValue;
  }
}

export class QuadraticFormLoss implements VectorLoss {
  readonly n: number;
  readonly target: Float64Array;
  /** K (n × n, row-major, SPD). */
  readonly K: Float64Array;
  private readonly difference: Float64Array;
  private readonly hessianValue: LossHessian;

  constructor(target: Float64Array, K: Float64Array) {
    const n = target.length;
    if (K.length !== n * n) throw new Error(`l2 loss: K must be ${n} × ${n}`);
    this.n = n;
    this.target = target;
    this.K = K;
    this.difference = new Float64Array(n);
    this.hessianValue = { kind: 'dense', H: K };
  }

  evaluate(z: Float64Array, g: Float64Array | null): number {
    const { n, target, K, difference } = this;
    for (let i = 0; i < n; i++) difference[i] = z[i] - target[i];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let Kd = 0;
      for (let j = 0; j < n; j++) Kd += K[i * n + j] * difference[j];
      sum += difference[i] * Kd;
      if (g !== null) g[i] = Kd;
    }
    return 0.5 * sum;
  }

  hessian(_z: Float64Array): LossHessian {
    return this.hessianValue;
  }
}

/** Where v is clamped so that log v and log(1 − v) stay finite. */
export const CROSS_ENTROPY_CLAMP = 1e-15;

function clampProbability(v: number): number {
  if (v < CROSS_ENTROPY_CLAMP) return CROSS_ENTROPY_CLAMP;
  if (v > 1 - CROSS_ENTROPY_CLAMP) return 1 - CROSS_ENTROPY_CLAMP;
  return v; // NaN passes through
}

export class CrossEntropyLoss extends WeightedPointLoss {
  /** Labels u_i ∈ {0, 1} (any value in [0, 1] works). */
  readonly labels: Float64Array;
  private readonly diagonal: Float64Array;

  constructor(labels: Float64Array, weights: Float64Array) {
    const diagonal = new Float64Array(labels.length);
    super('cross-entropy loss: labels', labels, weights, diagonal);
    this.labels = labels;
    this.diagonal = diagonal;
  }

  evaluate(z: Float64Array, g: Float64Array | null): number {
    const { n, labels, weights } = this;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = clampProbability(z[i]);
      const u = labels[i];
      // Skip a term whose coefficient is 0 so that 0·log(…) never contributes.
      let term = 0;
      if (u !== 0) term -= u * libm.log(v);
      if (u !== 1) term -= (1 - u) * libm.log(1 - v);
      sum += weights[i] * term;
      if (g !== null) g[i] = (weights[i] * (v - u)) / (v * (1 - v));
    }
    return sum;
  }

  hessian(z: Float64Array): LossHessian {
    const { n, labels, weights, diagonal } = this;
    for (let i = 0; i < n; i++) {
      const v = clampProbability(z[i]);
      const u = labels[i];
      diagonal[i] = weights[i] * (u / (v * v) + (1 - u) / ((1 - v) * (1 - v)));
    }
    return this.hessianValue;
  }
}

/** K as a row-major Float64Array (identity when absent); checks the shape. */
export function lossMatrix(K: number[][] | undefined, n: number): Float64Array {
  const flat = new Float64Array(n * n);
  if (K === undefined) {
    for (let i = 0; i < n; i++) flat[i * n + i] = 1;
    return flat;
  }
  if (K.length !== n || K.some((row) => row.length !== n)) {
    throw new Error(`problem.loss.K: must be ${n} × ${n}`);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) flat[i * n + j] = K[i][j];
  return flat;
}
