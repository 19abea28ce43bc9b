// The paper's toy models in the exact space V = span(sin 2πx, cos 2πx) (docs/ALGORITHMS.md §7): the model
// vector is the coefficient vector c ∈ R², and ∇²_θ c_j is known in closed form (exact Hessian term).
//   linear, kernel: c_j = Σ_i θ_i B_ij
//   quadratic:      c_j = Σ_i θ_i (B_ij + Σ_l Q_ijl θ_l)
//   curve:          c(θ) = s (θ b + a θ² b⊥), b = (cos φ, sin φ), b⊥ = (−sin φ, cos φ)
// B may have p ≠ 2 rows (then Q is p × 2 × p); the defaults are those of §7.

import * as libm from '../math';
import type { ToyName, ToyParams } from '../scenario/types';
import type { Model } from './model';

const N = 2; // dimension of the exact space

export const DEFAULT_B: number[][] = [
  [1, 0],
  [0, 0.2],
];

/** The curve toy's parameters when omitted (docs/ALGORITHMS.md §7). */
export const CURVE_DEFAULTS = { phi_deg: 0, a: 3, s: 0.1 } as const;

/** Q[i][j][l], default Q[0][1][0] = 0.5, Q[1][0][1] = −0.3. */
export function defaultQ(p: number): number[][][] {
  const Q = Array.from({ length: p }, () => Array.from({ length: N }, () => new Array<number>(p).fill(0)));
  if (p >= 2) {
    Q[0][1][0] = 0.5;
    Q[1][0][1] = -0.3;
  }
  return Q;
}

export function toyParameterCount(name: ToyName, params: ToyParams | undefined): number {
  return name === 'curve' ? 1 : (params?.B ?? DEFAULT_B).length;
}

export function createToyModel(name: ToyName, params: ToyParams = {}): Model {
  if (name === 'curve') {
    const d = CURVE_DEFAULTS;
    return new CurveToy(params.phi_deg ?? d.phi_deg, params.a ?? d.a, params.s ?? d.s);
  }
  const B = params.B ?? DEFAULT_B;
  const p = B.length;
  checkMatrix('model.params.B', B, p, N);
  const Bflat = new Float64Array(p * N);
  for (let i = 0; i < p; i++) for (let j = 0; j < N; j++) Bflat[i * N + j] = B[i][j];
  if (name === 'quadratic') {
    const Q = params.Q ?? defaultQ(p);
    if (Q.length !== p) throw new Error(`model.params.Q: expected ${p} × ${N} × ${p}, got ${Q.length} rows`);
    Q.forEach((Qi, i) => checkMatrix(`model.params.Q[${i}]`, Qi, N, p));
    const Qflat = new Float64Array(p * N * p);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < N; j++) for (let l = 0; l < p; l++) Qflat[(i * N + j) * p + l] = Q[i][j][l];
    return new QuadraticToy(p, Bflat, Qflat);
  }
  return new QuadraticToy(p, Bflat, null);
}

function checkMatrix(path: string, A: number[][], rows: number, cols: number): void {
  if (A.length !== rows || A.some((row) => row.length !== cols || row.some((x) => !Number.isFinite(x)))) {
    throw new Error(`${path}: expected a ${rows} × ${cols} matrix of finite numbers`);
  }
}

/** c_j = Σ_i θ_i (B_ij + Σ_l Q_ijl θ_l); Q = null is the linear toy. */
class QuadraticToy implements Model {
  readonly m = N;
  readonly exactHessianTerm = true;

  constructor(
    readonly p: number,
    private readonly B: Float64Array, // p × N
    private readonly Q: Float64Array | null, // p × N × p: Q[(i N + j) p + l]
  ) {}

  values(theta: Float64Array, v: Float64Array): void {
    const { p, B, Q } = this;
    for (let j = 0; j < N; j++) {
      let c = 0;
      for (let i = 0; i < p; i++) {
        let coefficient = B[i * N + j];
        if (Q !== null) for (let l = 0; l < p; l++) coefficient += Q[(i * N + j) * p + l] * theta[l];
        c += theta[i] * coefficient;
      }
      v[j] = c;
    }
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    this.values(theta, v);
    const { p, B, Q } = this;
    // ∂c_j/∂θ_k = B_kj + Σ_l Q_kjl θ_l + Σ_i θ_i Q_ijk
    for (let j = 0; j < N; j++) {
      for (let k = 0; k < p; k++) {
        let d = B[k * N + j];
        if (Q !== null) {
          for (let l = 0; l < p; l++) d += Q[(k * N + j) * p + l] * theta[l] + theta[l] * Q[(l * N + j) * p + k];
        }
        J[j * p + k] = d;
      }
    }
  }

  hessianContraction(_theta: Float64Array, a: Float64Array, out: Float64Array): void {
    const { p, Q } = this;
    // ∂²c_j/∂θ_k∂θ_l = Q_kjl + Q_ljk
    for (let k = 0; k < p; k++) {
      for (let l = 0; l < p; l++) {
        let sum = 0;
        if (Q !== null) for (let j = 0; j < N; j++) sum += a[j] * (Q[(k * N + j) * p + l] + Q[(l * N + j) * p + k]);
        out[k * p + l] = sum;
      }
    }
  }
}

class CurveToy implements Model {
  readonly p = 1;
  readonly m = N;
  readonly exactHessianTerm = true;
  private readonly b: [number, number];
  private readonly bPerp: [number, number];

  constructor(
    phiDeg: number,
    private readonly a: number,
    private readonly s: number,
  ) {
    const phi = (phiDeg * Math.PI) / 180;
    this.b = [libm.cos(phi), libm.sin(phi)];
    this.bPerp = [-libm.sin(phi), libm.cos(phi)];
  }

  values(theta: Float64Array, v: Float64Array): void {
    const t = theta[0];
    for (let j = 0; j < N; j++) v[j] = this.s * (t * this.b[j] + this.a * t * t * this.bPerp[j]);
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    this.values(theta, v);
    const t = theta[0];
    for (let j = 0; j < N; j++) J[j] = this.s * (this.b[j] + 2 * this.a * t * this.bPerp[j]);
  }

  hessianContraction(_theta: Float64Array, a: Float64Array, out: Float64Array): void {
    out[0] = this.s * 2 * this.a * (a[0] * this.bPerp[0] + a[1] * this.bPerp[1]);
  }
}
