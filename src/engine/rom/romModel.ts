// The reduced-order models as engine Models (models/model.ts) on a subset of the grid's points:
//
//   linear      v(θ) = Σ_{i≤n} θ_i φ_i
//   nonlinear   v(θ) = Σ_{i≤n} θ_i φ_i + Σ_{n<j≤N} D(θ)_j φ_j
//
// with J = Φ_n + Φ_{n+1..N} ∂D/∂θ (exact, chain rule through the decoder). Σ a_i ∇²_θ v_i is taken by
// central differences of θ ↦ Jᵀa (exactHessianTerm = false).

import {
  createFiniteDifferenceWork,
  hessianByFiniteDifferences,
  type FiniteDifferenceWork,
} from '../models/finiteDifferences';
import type { Model } from '../models/model';
import type { Decoder } from './decoder';
import type { PodBasis } from './pod';

export class ReducedOrderModel implements Model {
  readonly p: number;
  readonly m: number;
  readonly exactHessianTerm = false;
  /** The N used modes at the bound points: N × m, row j = φ_j at the points. */
  private readonly modeValues: Float64Array;
  private readonly modeCount: number;
  private readonly decoded: Float64Array;
  private readonly decoderJacobian: Float64Array;
  private readonly fdWork: FiniteDifferenceWork;
  private readonly fdValues: Float64Array;
  private readonly fdJacobian: Float64Array;
  private fdWeights: Float64Array | null = null;

  /**
   * `points`: grid indices (the samples), or abscissae anywhere in [−π, π] (plots: the modes interpolated
   * linearly, periodically, between grid points); `decoder` null: the linear ROM.
   */
  constructor(
    basis: PodBasis,
    readonly n: number,
    private readonly decoder: Decoder | null,
    points: Int32Array | Float64Array,
  ) {
    this.p = n;
    this.m = points.length;
    this.modeCount = decoder === null ? n : n + decoder.outputs;
    if (this.modeCount > basis.count)
      throw new Error(`ROM: needs ${this.modeCount} modes, the basis has ${basis.count}`);
    if (decoder !== null && decoder.n !== n) throw new Error(`ROM: the decoder takes ${decoder.n} inputs, not ${n}`);
    this.modeValues = new Float64Array(this.modeCount * this.m);
    for (let j = 0; j < this.modeCount; j++) {
      const row = basis.modes.subarray(j * basis.n, (j + 1) * basis.n);
      for (let i = 0; i < this.m; i++) {
        this.modeValues[j * this.m + i] =
          points instanceof Int32Array ? row[points[i]] : periodicInterpolation(row, basis.weight, points[i]);
      }
    }
    const rest = this.modeCount - n;
    this.decoded = new Float64Array(rest);
    this.decoderJacobian = new Float64Array(rest * n);
    this.fdWork = createFiniteDifferenceWork(n);
    this.fdValues = new Float64Array(this.m);
    this.fdJacobian = new Float64Array(this.m * n);
  }

  /** The coefficients of v(θ) in the N modes: θ, then D(θ). */
  coefficients(theta: Float64Array, out: Float64Array): void {
    out.set(theta.subarray(0, this.n));
    if (this.decoder !== null) {
      this.decoder.decode(theta, this.decoded);
      out.set(this.decoded, this.n);
    }
  }

  values(theta: Float64Array, v: Float64Array): void {
    if (this.decoder !== null) this.decoder.decode(theta, this.decoded);
    const { m, n, modeValues, modeCount, decoded } = this;
    v.fill(0, 0, m);
    for (let j = 0; j < modeCount; j++) {
      const c = j < n ? theta[j] : decoded[j - n];
      const row = j * m;
      for (let i = 0; i < m; i++) v[i] += c * modeValues[row + i];
    }
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    const { m, n, modeValues, modeCount, decoded, decoderJacobian } = this;
    if (this.decoder !== null) this.decoder.jacobian(theta, decoded, decoderJacobian);
    v.fill(0, 0, m);
    for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) J[i * n + k] = modeValues[k * m + i];
    for (let j = 0; j < modeCount; j++) {
      const row = j * m;
      const c = j < n ? theta[j] : decoded[j - n];
      for (let i = 0; i < m; i++) v[i] += c * modeValues[row + i];
      if (j < n) continue;
      const dRow = (j - n) * n;
      for (let i = 0; i < m; i++) {
        const phi = modeValues[row + i];
        for (let k = 0; k < n; k++) J[i * n + k] += phi * decoderJacobian[dRow + k];
      }
    }
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    if (this.decoder === null) {
      out.fill(0, 0, this.p * this.p);
      return;
    }
    this.fdWeights = a;
    hessianByFiniteDifferences(this.p, theta, this.weightedGradient, out, this.fdWork);
    this.fdWeights = null;
  }

  private readonly weightedGradient = (theta: Float64Array, g: Float64Array): void => {
    const { m, n, fdValues, fdJacobian } = this;
    const a = this.fdWeights as Float64Array;
    this.jacobian(theta, fdValues, fdJacobian);
    g.fill(0, 0, n);
    for (let i = 0; i < m; i++) for (let k = 0; k < n; k++) g[k] += a[i] * fdJacobian[i * n + k];
  };
}

/** f at x from its values at the periodic grid x_i = −π + i·h (linear between neighbours). */
function periodicInterpolation(values: Float64Array, h: number, x: number): number {
  const n = values.length;
  const t = (x + Math.PI) / h;
  const cell = Math.floor(t);
  const fraction = t - cell;
  const i0 = ((cell % n) + n) % n;
  const i1 = (i0 + 1) % n;
  return (1 - fraction) * values[i0] + fraction * values[i1];
}
