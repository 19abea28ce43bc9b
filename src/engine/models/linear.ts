// Linear model v = Φθ on a 1D basis (bases.ts), with Φ, Φ′, Φ″ precomputed at the bound points.
// Its Hessian term is exactly 0.

import type { BasisKind, Domain } from '../scenario/types';
import type { DerivativeBuffers, DifferentiableModel, PointSet } from './model';
import { basisMatrix } from './bases';

export { basisValues, referenceMap } from './bases';

export class LinearModel implements DifferentiableModel {
  readonly p: number;
  readonly m: number;
  readonly exactHessianTerm = true;
  private readonly phi: Float64Array;
  private readonly dphi: Float64Array;
  private readonly d2phi: Float64Array;

  constructor(basis: BasisKind, n: number, points: PointSet, domain: Domain) {
    if (points.d !== 1) throw new Error(`model: a linear model needs 1D points, got d = ${points.d}`);
    if (!(Number.isInteger(n) && n >= 1)) throw new Error(`model.n: must be a positive integer, got ${n}`);
    this.p = n;
    this.m = points.m;
    const { phi, dphi, d2phi } = basisMatrix(basis, n, points.x, 1, 0, points.m, domain[0], true);
    this.phi = phi;
    this.dphi = dphi as Float64Array;
    this.d2phi = d2phi as Float64Array;
  }

  values(theta: Float64Array, v: Float64Array): void {
    multiply(this.phi, this.m, this.p, theta, v);
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    this.values(theta, v);
    J.set(this.phi);
  }

  hessianContraction(_theta: Float64Array, _a: Float64Array, out: Float64Array): void {
    out.fill(0, 0, this.p * this.p);
  }

  /** v, v′, v″ are linear in θ: zero. */
  derivativeHessianContraction(
    _theta: Float64Array,
    _c0: Float64Array,
    _c1: Float64Array,
    _c2: Float64Array,
    out: Float64Array,
  ): void {
    out.fill(0, 0, this.p * this.p);
  }

  derivatives(theta: Float64Array, out: DerivativeBuffers): void {
    multiply(this.phi, this.m, this.p, theta, out.v);
    multiply(this.dphi, this.m, this.p, theta, out.vx);
    multiply(this.d2phi, this.m, this.p, theta, out.vxx);
    out.J.set(this.phi);
    out.Jx.set(this.dphi);
    out.Jxx.set(this.d2phi);
  }
}

/** y ← A x for A (rows × cols, row-major). */
function multiply(A: Float64Array, rows: number, cols: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    const offset = i * cols;
    for (let j = 0; j < cols; j++) sum += A[offset + j] * x[j];
    y[i] = sum;
  }
}
