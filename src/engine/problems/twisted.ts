// The twisted loss of docs/ALGORITHMS.md §7, the paper's "not L2" toy in exact spaces:
//
//   𝓛(c) = ½ f(e)ᵀ K f(e),   e = c_u − c,   f(e) = e + ω‖e‖² R_φ e   (R_φ the rotation by φ in the plane).
//
// f(0) = 0, so c_u is still the minimiser, but away from it the loss is far from quadratic. With
// Df(e) = I + ω‖e‖² R + 2ω (R e) eᵀ and ∂²f_i/∂e_j∂e_k = 2ω (R_ij e_k + R_ik e_j + δ_jk (R e)_i):
//
//   g_c = −Df(e)ᵀ K f(e),
//   H_c = Df(e)ᵀ K Df(e) + Σ_i a_i ∇²f_i(e),   a = K f(e)
//       = DfᵀK Df + 2ω [ (Rᵀa) eᵀ + e (Rᵀa)ᵀ + (aᵀR e) I ].
//
// (∂e/∂c = −I: the gradient changes sign, the Hessian does not.) H_c is the exact Hessian, so it can be
// indefinite far from the target (for φ near 180° the loss has a concave ring); a Cholesky-based NHGD
// then stops with a failed solve, as on any indefinite metric.

import * as libm from '../math';
import type { LossHessian } from './objective';
import type { VectorLoss } from './losses';

/** The loss's parameters (scenario fields `omega`, `phi_deg`; K as for l2). */
export interface TwistedLossParameters {
  omega: number;
  phiDeg: number;
}

export const TWISTED_DEFAULTS: TwistedLossParameters = { omega: 1, phiDeg: 0 };

const N = 2; // the exact space's dimension: R_φ rotates the coefficient plane

export class TwistedLoss implements VectorLoss {
  readonly n = N;
  readonly target: Float64Array;
  /** K (2 × 2, row-major, SPD). */
  readonly K: Float64Array;
  readonly omega: number;
  private readonly cosPhi: number;
  private readonly sinPhi: number;
  // scratch (no allocation per evaluation)
  private readonly e = new Float64Array(N);
  private readonly Re = new Float64Array(N);
  private readonly f = new Float64Array(N);
  private readonly Kf = new Float64Array(N);
  private readonly Df = new Float64Array(N * N);
  private readonly Rta = new Float64Array(N);
  private readonly hessianMatrix = new Float64Array(N * N);
  private readonly hessianValue: LossHessian;

  constructor(target: Float64Array, K: Float64Array, parameters: TwistedLossParameters) {
    if (target.length !== N) throw new Error(`twisted loss: the target must have ${N} coefficients`);
    if (K.length !== N * N) throw new Error(`twisted loss: K must be ${N} × ${N}`);
    this.target = target;
    this.K = K;
    this.omega = parameters.omega;
    const phi = (parameters.phiDeg * Math.PI) / 180;
    this.cosPhi = libm.cos(phi);
    this.sinPhi = libm.sin(phi);
    this.hessianValue = { kind: 'dense', H: this.hessianMatrix };
  }

  /** e, R e, f(e), K f(e) and Df(e) at c (into the scratch buffers); returns ‖e‖². */
  private prepare(c: Float64Array): number {
    const { e, Re, f, Kf, Df, K, omega, cosPhi, sinPhi } = this;
    e[0] = this.target[0] - c[0];
    e[1] = this.target[1] - c[1];
    const r2 = e[0] * e[0] + e[1] * e[1];
    Re[0] = cosPhi * e[0] - sinPhi * e[1];
    Re[1] = sinPhi * e[0] + cosPhi * e[1];
    const scale = omega * r2;
    f[0] = e[0] + scale * Re[0];
    f[1] = e[1] + scale * Re[1];
    Kf[0] = K[0] * f[0] + K[1] * f[1];
    Kf[1] = K[2] * f[0] + K[3] * f[1];
    // Df = I + ω‖e‖² R + 2ω (R e) eᵀ
    Df[0] = 1 + scale * cosPhi + 2 * omega * Re[0] * e[0];
    Df[1] = -scale * sinPhi + 2 * omega * Re[0] * e[1];
    Df[2] = scale * sinPhi + 2 * omega * Re[1] * e[0];
    Df[3] = 1 + scale * cosPhi + 2 * omega * Re[1] * e[1];
    return r2;
  }

  evaluate(z: Float64Array, g: Float64Array | null): number {
    this.prepare(z);
    const { f, Kf, Df } = this;
    if (g !== null) {
      // g = −Dfᵀ K f
      g[0] = -(Df[0] * Kf[0] + Df[2] * Kf[1]);
      g[1] = -(Df[1] * Kf[0] + Df[3] * Kf[1]);
    }
    return 0.5 * (f[0] * Kf[0] + f[1] * Kf[1]);
  }

  hessian(z: Float64Array): LossHessian {
    this.prepare(z);
    const { e, Re, Kf: a, Df, K, Rta, omega, cosPhi, sinPhi, hessianMatrix: H } = this;
    // Rᵀa and aᵀR e
    Rta[0] = cosPhi * a[0] + sinPhi * a[1];
    Rta[1] = -sinPhi * a[0] + cosPhi * a[1];
    const aRe = a[0] * Re[0] + a[1] * Re[1];
    // the upper triangle, mirrored, so that H is exactly symmetric (Cholesky reads one triangle)
    for (let j = 0; j < N; j++) {
      for (let k = j; k < N; k++) {
        // (DfᵀK Df)_jk = Σ_il Df_ij K_il Df_lk
        let gaussNewton = 0;
        for (let i = 0; i < N; i++)
          for (let l = 0; l < N; l++) gaussNewton += Df[i * N + j] * K[i * N + l] * Df[l * N + k];
        const curvature = 2 * omega * (Rta[j] * e[k] + e[j] * Rta[k] + (j === k ? aRe : 0));
        H[j * N + k] = H[k * N + j] = gaussNewton + curvature;
      }
    }
    return this.hessianValue;
  }
}

/**
 * 𝓛 on the grid of coefficient-plane points (gx[i], gy[j]), row by row: values[j·nx + i]. Works for any
 * loss on the two coefficients (the function-space view draws its level sets from it).
 */
export function lossOnCoefficientGrid(loss: VectorLoss, gx: Float64Array, gy: Float64Array): Float64Array {
  if (loss.n !== N) throw new Error(`lossOnCoefficientGrid: the loss must act on ${N} coefficients, got ${loss.n}`);
  const nx = gx.length;
  const values = new Float64Array(nx * gy.length);
  const c = new Float64Array(N);
  for (let j = 0; j < gy.length; j++) {
    c[1] = gy[j];
    for (let i = 0; i < nx; i++) {
      c[0] = gx[i];
      values[j * nx + i] = loss.evaluate(c, null);
    }
  }
  return values;
}
