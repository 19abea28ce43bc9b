// Canonical-polyadic (CP) tensor model on 2D inputs:
//   v(x, y) = Σ_r (Σ_i A_ri φ_i(x)) (Σ_j B_rj φ_j(y)),
// with a 1D basis per variable (bases.ts, each coordinate mapped onto [−1, 1] from its domain interval).
// Parameter order: for each rank term r, A_r0..A_r(n−1) then B_r0..B_r(n−1).
// The model is bilinear in (A_r, B_r), so ∇²_θ v has only the blocks ∂²v/∂A_ri∂B_rj = φ_i(x) φ_j(y): exact.

import type { BasisKind, Domain } from '../scenario/types';
import type { Model, PointSet } from './model';
import { basisMatrix } from './bases';

export function tensorParameterCount(rank: number, n: number): number {
  return 2 * rank * n;
}

export function tensorParameterNames(rank: number, n: number): string[] {
  const names: string[] = [];
  for (let r = 0; r < rank; r++) {
    for (let i = 0; i < n; i++) names.push(`A${r}[${i}]`);
    for (let j = 0; j < n; j++) names.push(`B${r}[${j}]`);
  }
  return names;
}

export class CpTensorModel implements Model {
  readonly p: number;
  readonly m: number;
  readonly exactHessianTerm = true;
  private readonly phiX: Float64Array; // m × n
  private readonly phiY: Float64Array; // m × n
  private readonly factorX: Float64Array; // rank: Σ_i A_ri φ_i(x) at the current point
  private readonly factorY: Float64Array;
  private readonly weightedCross: Float64Array; // n × n: Φxᵀ diag(a) Φy

  constructor(
    private readonly rank: number,
    basis: BasisKind,
    private readonly n: number,
    points: PointSet,
    domain: Domain,
  ) {
    if (points.d !== 2) throw new Error(`model: a tensor model needs 2D points, got d = ${points.d}`);
    if (domain.length < 2) throw new Error('problem.domain: a tensor model needs two intervals');
    if (!(Number.isInteger(rank) && rank >= 1)) throw new Error(`model.rank: must be a positive integer, got ${rank}`);
    if (!(Number.isInteger(n) && n >= 1)) throw new Error(`model.n: must be a positive integer, got ${n}`);
    this.m = points.m;
    this.p = tensorParameterCount(rank, n);
    this.phiX = basisMatrix(basis, n, points.x, 2, 0, points.m, domain[0], false).phi;
    this.phiY = basisMatrix(basis, n, points.x, 2, 1, points.m, domain[1], false).phi;
    this.factorX = new Float64Array(rank);
    this.factorY = new Float64Array(rank);
    this.weightedCross = new Float64Array(n * n);
  }

  /** Fills the rank factors at point i and returns v(x_i, y_i). */
  private factors(theta: Float64Array, i: number): number {
    const { n, rank, phiX, phiY, factorX, factorY } = this;
    const row = i * n;
    let v = 0;
    for (let r = 0; r < rank; r++) {
      const aOff = 2 * r * n;
      const bOff = aOff + n;
      let fx = 0,
        fy = 0;
      for (let k = 0; k < n; k++) {
        fx += theta[aOff + k] * phiX[row + k];
        fy += theta[bOff + k] * phiY[row + k];
      }
      factorX[r] = fx;
      factorY[r] = fy;
      v += fx * fy;
    }
    return v;
  }

  values(theta: Float64Array, v: Float64Array): void {
    for (let i = 0; i < this.m; i++) v[i] = this.factors(theta, i);
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    const { n, p, rank, phiX, phiY, factorX, factorY } = this;
    for (let i = 0; i < this.m; i++) {
      v[i] = this.factors(theta, i);
      const row = i * n;
      const jRow = i * p;
      for (let r = 0; r < rank; r++) {
        const aOff = jRow + 2 * r * n;
        const bOff = aOff + n;
        const fx = factorX[r],
          fy = factorY[r];
        for (let k = 0; k < n; k++) {
          J[aOff + k] = phiX[row + k] * fy; // ∂v/∂A_rk
          J[bOff + k] = fx * phiY[row + k]; // ∂v/∂B_rk
        }
      }
    }
  }

  hessianContraction(_theta: Float64Array, a: Float64Array, out: Float64Array): void {
    const { n, p, rank, phiX, phiY, weightedCross: C } = this;
    C.fill(0);
    for (let i = 0; i < this.m; i++) {
      const ai = a[i];
      if (ai === 0) continue;
      const row = i * n;
      for (let k = 0; k < n; k++) {
        const xk = ai * phiX[row + k];
        for (let l = 0; l < n; l++) C[k * n + l] += xk * phiY[row + l];
      }
    }
    out.fill(0, 0, p * p);
    for (let r = 0; r < rank; r++) {
      const aOff = 2 * r * n;
      const bOff = aOff + n;
      for (let k = 0; k < n; k++) {
        for (let l = 0; l < n; l++) {
          out[(aOff + k) * p + bOff + l] = C[k * n + l];
          out[(bOff + l) * p + aOff + k] = C[k * n + l];
        }
      }
    }
  }
}
