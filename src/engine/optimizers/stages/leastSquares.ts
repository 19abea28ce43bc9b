// The least-squares form of a metric solve (docs/ALGORITHMS.md §3): S = BᵀB and S⁻¹Bᵀr as
// min ‖B d − r‖, so that cond(S) is never squared. One instance per use, its workspace allocated once.
import { choleskyInPlace, solveLstsq } from '../../linalg';
import type { LossHessian } from '../../problems/objective';
import { allFinite } from './finite';

export class LeastSquaresForm {
  private readonly rows: number;
  private readonly p: number;
  private readonly B: Float64Array;
  private readonly r: Float64Array;
  private factor: Float64Array | null = null;

  constructor(rows: number, p: number) {
    this.rows = rows;
    this.p = p;
    this.B = new Float64Array(rows * p);
    this.r = new Float64Array(rows);
  }

  /**
   * B = diag(s) J and r = diag(s)⁻¹ g ('sqrt': s = √w) or r = diag(s) g ('sqrt-times'), with w = null
   * meaning the identity.
   */
  scaleRows(J: Float64Array, w: Float64Array | null, g: Float64Array, mode: 'sqrt' | 'sqrt-times'): void {
    const { rows, p, B, r } = this;
    for (let i = 0; i < rows; i++) {
      const s = w ? Math.sqrt(w[i]) : 1;
      const row = i * p;
      for (let j = 0; j < p; j++) B[row + j] = s * J[row + j];
      r[i] = mode === 'sqrt' ? g[i] / s : g[i] * s;
    }
  }

  /** B = H^{1/2} J and r = H^{-1/2} g for the loss Hessian H (diagonal, or dense H = L Lᵀ: B = LᵀJ, r = L⁻¹g). */
  fromLossHessian(H: LossHessian, J: Float64Array, g: Float64Array): void {
    if (H.kind === 'diag') {
      this.scaleRows(J, H.d, g, 'sqrt');
      return;
    }
    const { rows: n, p, B, r } = this;
    if (this.factor?.length !== H.H.length) this.factor = new Float64Array(H.H.length);
    const L = this.factor;
    L.set(H.H);
    if (!choleskyInPlace(L, n)) {
      B.fill(NaN);
      return;
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        let sum = 0;
        for (let l = i; l < n; l++) sum += L[l * n + i] * J[l * p + j]; // (Lᵀ)_{il} = L_{li}
        B[i * p + j] = sum;
      }
      let acc = g[i];
      for (let l = 0; l < i; l++) acc -= L[i * n + l] * r[l];
      r[i] = acc / L[i * n + i];
    }
  }

  /** out ← the minimum-norm min ‖B out − r‖, dropping singular values below rcond·σ_max; false when not finite. */
  solve(rcond: number, out: Float64Array): boolean {
    solveLstsq(this.B, this.rows, this.p, this.r, rcond, out);
    return allFinite(out, this.p);
  }
}
