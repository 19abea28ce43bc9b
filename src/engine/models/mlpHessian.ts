// The exact second-order term of Newton for a multilayer perceptron (docs/ENGINE.md "Second-order term of
// Newton"): out = Σ_i Σ_k c_k,i ∇²_θ y_k(x_i) for the network's outputs y = v (one channel) or
// y = (v, v′, v″) (three channels, x-derivatives of a 1D network, for PDE residuals and the H1 loss).
//
// Second-order backpropagation (the whole Hessian that forward-over-reverse would give column by column),
// point by point. Each layer carries C channels: z_ℓ = W_ℓ a_{ℓ−1} + b_ℓ (b on channel 0 only) and, per
// neuron, a = φ(z) with φ = σ (C = 1) or φ(z, z′, z″) = (σ(z), σ′z′, σ″z′² + σ′z″) (C = 3). With δ = ∂y/∂z
// (first-order adjoints), the Hessian of y in the variables (Z_ℓ, θ_{>ℓ}) of level ℓ has the blocks
//   U_ℓ = ∂²y/∂Z_ℓ²  and  X_ℓ = ∂²y/∂Z_ℓ∂θ_{>ℓ},
// and going down a layer (Z_ℓ = W_ℓ φ(Z_{ℓ−1}) + b_ℓ, K = ∂Z_ℓ/∂Z_{ℓ−1}, S_ℓ = ∂Z_ℓ/∂θ_ℓ sparse):
//   H[θ_ℓ, θ_ℓ] += S_ℓᵀ U_ℓ S_ℓ,     H[θ_ℓ, θ_{>ℓ}] += S_ℓᵀ X_ℓ,
//   U_{ℓ−1} = Kᵀ U_ℓ K + blockdiag_c(Σ_k ᾱ_{c,k} ∇²φ_k(Z_c))          (ᾱ = ∂y/∂a, σ″ … σ⁗ terms),
//   X_{ℓ−1} = [Kᵀ U_ℓ S_ℓ + B_ℓ | Kᵀ X_ℓ],  B_ℓ[(c, j), W_ℓ[r, c]] = Σ_k δ_{ℓ,r,k} ∂φ_k/∂z_j(Z_c)  (bilinear W·a).
// Structural zeros are skipped: U is kept as per-neuron blocks while it is block-diagonal (always just below
// an identity output layer) and B_ℓ as its n_{ℓ−1}C × n_ℓ coefficients, so a one-hidden-layer network with
// identity output costs O(m p C²); deeper networks need the dense blocks (inherently O(m p²)).
// Only the upper triangle is accumulated, then mirrored: the result is exactly symmetric.

import type { Activation } from '../scenario/types';
import { activationDerivatives, type ActivationDerivatives } from './activationDerivatives';
import type { MlpOutput } from './mlpLayout';

export type HessianChannels = 1 | 3;

const ZERO = 0;
const BLOCKS = 1;
const DENSE = 2;
type CurvatureKind = typeof ZERO | typeof BLOCKS | typeof DENSE;

/** Derivative series σ … σ⁗ per neuron. */
const SERIES = 5;

export class MlpHessian {
  readonly p: number;
  private readonly L: number;
  private readonly C: HessianChannels;
  private readonly derivatives: ActivationDerivatives[]; // index ℓ = 1..L
  // per layer (index ℓ = 0..L), per point
  private readonly A: Float64Array[]; // a_ℓ, n_ℓ × C
  private readonly Z: Float64Array[]; // z_ℓ, n_ℓ × C
  private readonly series: Float64Array[]; // σ … σ⁗ at z_ℓ, n_ℓ × 5
  private readonly jphi: Float64Array[]; // ∂φ_k/∂z_j, n_ℓ × C × C
  private readonly abar: Float64Array[]; // ∂y/∂a_ℓ, n_ℓ × C
  private readonly zeta: Float64Array[]; // ∂y/∂z_ℓ, n_ℓ × C
  // second-order work
  private readonly blocks: Float64Array; // per-neuron curvature blocks, n × C × C
  private uDense: Float64Array; // N × N
  private uNext: Float64Array;
  private kU: Float64Array; // Kᵀ U, then its transpose
  private kUt: Float64Array;
  private dCurrent: Float64Array; // dense part of X_ℓ, N_ℓ × p_{>ℓ}
  private dNext: Float64Array;
  private betaCurrent: Float64Array; // B_{ℓ+1} coefficients, N_ℓ × n_{ℓ+1}
  private betaNext: Float64Array;
  private M: Float64Array; // U_ℓ S_ℓ (N_ℓ × |θ_ℓ|), or D_ℓ + B_{ℓ+1} (N_ℓ × p_{>ℓ})
  /** Size of the dense work (uDense … M), allocated at its first use: a one-hidden-layer network with
   *  identity output never needs it. */
  private readonly maxN: number;
  private readonly sums: Float64Array; // C × q scratch of Kᵀ products
  private readonly ownProducts: Float64Array; // (n_{ℓ−1} + 1) × C scratch of the block-diagonal case

  constructor(
    private readonly layers: readonly number[],
    activation: Activation,
    output: MlpOutput,
    private readonly wOffset: readonly number[],
    private readonly bOffset: readonly number[],
    channels: HessianChannels,
  ) {
    const L = (this.L = layers.length - 1);
    this.C = channels;
    if (channels === 3 && layers[0] !== 1) throw new Error('internal: x-derivative channels need a 1D input');
    let p = 0;
    for (let l = 1; l <= L; l++) p += layers[l] * (layers[l - 1] + 1);
    this.p = p;
    this.derivatives = layers.map((_, l) => activationDerivatives(l === L ? output : activation));
    const C = channels;
    this.A = layers.map((n) => new Float64Array(n * C));
    this.Z = layers.map((n) => new Float64Array(n * C));
    this.series = layers.map((n) => new Float64Array(n * SERIES));
    this.jphi = layers.map((n) => new Float64Array(n * C * C));
    this.abar = layers.map((n) => new Float64Array(n * C));
    this.zeta = layers.map((n) => new Float64Array(n * C));
    const maxN = Math.max(...layers) * C;
    const maxIn = Math.max(...layers.slice(0, L));
    this.blocks = new Float64Array(maxN * C);
    this.maxN = maxN;
    const empty = new Float64Array(0);
    this.uDense = this.uNext = this.kU = this.kUt = this.dCurrent = this.dNext = this.M = empty;
    let betaSize = 0; // N_{ℓ−1} × n_ℓ
    for (let l = 2; l <= L; l++) betaSize = Math.max(betaSize, layers[l - 1] * C * layers[l]);
    this.betaCurrent = new Float64Array(betaSize);
    this.betaNext = new Float64Array(betaSize);
    this.sums = new Float64Array(C * Math.max(p, maxN));
    this.ownProducts = new Float64Array((maxIn + 1) * C);
  }

  /**
   * out (p × p) ← Σ_i Σ_k weights[k][i] ∇²_θ y_k(x_i), y = v (C = 1) or (v, v′, v″) (C = 3);
   * x: the m points (row-major, layers[0] coordinates each).
   */
  contract(theta: Float64Array, x: Float64Array, m: number, weights: readonly Float64Array[], out: Float64Array): void {
    const { p, C, L } = this;
    // a non-finite weight makes the whole term non-finite (and would defeat every structural zero)
    for (let k = 0; k < C; k++) {
      for (let i = 0; i < m; i++) {
        if (!Number.isFinite(weights[k][i])) {
          out.fill(NaN, 0, p * p);
          return;
        }
      }
    }
    out.fill(0, 0, p * p);
    const top = this.abar[L];
    for (let i = 0; i < m; i++) {
      let active = false;
      for (let k = 0; k < C; k++) {
        top[k] = weights[k][i];
        if (top[k] !== 0) active = true;
      }
      if (!active) continue;
      this.forwardPoint(theta, x, i);
      this.backwardPoint(theta);
      this.accumulatePoint(theta, out);
    }
    mirrorUpperTriangle(out, p);
  }

  /** z, a, σ … σ⁗ and ∂φ/∂z of every layer at point i. */
  private forwardPoint(theta: Float64Array, x: Float64Array, i: number): void {
    const { layers, C, L } = this;
    const a0 = this.A[0];
    const n0 = layers[0];
    if (C === 1) {
      for (let c = 0; c < n0; c++) a0[c] = x[i * n0 + c];
    } else {
      a0[0] = x[i]; // (x, x′, x″) = (x, 1, 0)
      a0[1] = 1;
      a0[2] = 0;
    }
    for (let l = 1; l <= L; l++) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      const wOff = this.wOffset[l];
      const bOff = this.bOffset[l];
      // prettier-ignore
      const aIn = this.A[l - 1], z = this.Z[l], a = this.A[l], s = this.series[l], J = this.jphi[l];
      const derivatives = this.derivatives[l];
      for (let r = 0; r < nOut; r++) {
        const row = wOff + r * nIn;
        for (let k = 0; k < C; k++) {
          let sum = k === 0 ? theta[bOff + r] : 0;
          for (let c = 0; c < nIn; c++) sum += theta[row + c] * aIn[c * C + k];
          z[r * C + k] = sum;
        }
        derivatives(z[r * C], s, r * SERIES);
        // prettier-ignore
        const s0 = s[r * SERIES], s1 = s[r * SERIES + 1], s2 = s[r * SERIES + 2], s3 = s[r * SERIES + 3];
        if (C === 1) {
          a[r] = s0;
          J[r] = s1;
        } else {
          const zp = z[r * 3 + 1];
          const zpp = z[r * 3 + 2];
          a[r * 3] = s0;
          a[r * 3 + 1] = s1 * zp;
          a[r * 3 + 2] = s2 * zp * zp + s1 * zpp;
          const o = r * 9; // row k = output channel, column j = input channel
          J[o] = s1;
          J[o + 1] = 0;
          J[o + 2] = 0;
          J[o + 3] = s2 * zp;
          J[o + 4] = s1;
          J[o + 5] = 0;
          J[o + 6] = s3 * zp * zp + s2 * zpp;
          J[o + 7] = 2 * s2 * zp;
          J[o + 8] = s1;
        }
      }
    }
  }

  /** ζ_ℓ = ∂y/∂z_ℓ and ᾱ_{ℓ−1} = ∂y/∂a_{ℓ−1} from the seed ᾱ_L (the weights of the point). */
  private backwardPoint(theta: Float64Array): void {
    const { layers, C } = this;
    for (let l = this.L; l >= 1; l--) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      // prettier-ignore
      const ab = this.abar[l], zt = this.zeta[l], J = this.jphi[l];
      for (let r = 0; r < nOut; r++) {
        for (let j = 0; j < C; j++) {
          let sum = 0;
          for (let k = 0; k < C; k++) sum += J[r * C * C + k * C + j] * ab[r * C + k];
          zt[r * C + j] = sum;
        }
      }
      if (l === 1) break;
      const below = this.abar[l - 1];
      const wOff = this.wOffset[l];
      for (let c = 0; c < nIn; c++) {
        for (let k = 0; k < C; k++) {
          let sum = 0;
          for (let r = 0; r < nOut; r++) sum += theta[wOff + r * nIn + c] * zt[r * C + k];
          below[c * C + k] = sum;
        }
      }
    }
  }

  /** blocks ← Σ_k ᾱ_k ∇²φ_k per neuron of layer ℓ (C × C); false when they all vanish. */
  private curvatureBlocks(l: number): boolean {
    const { C } = this;
    const n = this.layers[l];
    // prettier-ignore
    const ab = this.abar[l], s = this.series[l], z = this.Z[l], Q = this.blocks;
    let nonzero = false;
    for (let c = 0; c < n; c++) {
      // prettier-ignore
      const s2 = s[c * SERIES + 2], s3 = s[c * SERIES + 3], s4 = s[c * SERIES + 4];
      if (C === 1) {
        Q[c] = ab[c] * s2;
        if (Q[c] !== 0) nonzero = true;
        continue;
      }
      // prettier-ignore
      const g0 = ab[c * 3], g1 = ab[c * 3 + 1], g2 = ab[c * 3 + 2], zp = z[c * 3 + 1], zpp = z[c * 3 + 2];
      // a = σ(z), a′ = σ′(z) z′, a″ = σ″(z) z′² + σ′(z) z″, differentiated twice in (z, z′, z″)
      const q00 = g0 * s2 + g1 * s3 * zp + g2 * (s4 * zp * zp + s3 * zpp);
      const q01 = g1 * s2 + 2 * g2 * s3 * zp;
      const q02 = g2 * s2;
      const q11 = 2 * g2 * s2;
      const o = c * 9;
      Q[o] = q00;
      Q[o + 1] = q01;
      Q[o + 2] = q02;
      Q[o + 3] = q01;
      Q[o + 4] = q11;
      Q[o + 5] = 0;
      Q[o + 6] = q02;
      Q[o + 7] = 0;
      Q[o + 8] = 0;
      if (q00 !== 0 || q01 !== 0 || q02 !== 0 || q11 !== 0) nonzero = true;
    }
    return nonzero;
  }

  /** Allocates the dense work on its first use. */
  private ensureDense(): void {
    if (this.M.length > 0) return;
    const { maxN, p } = this;
    this.uDense = new Float64Array(maxN * maxN);
    this.uNext = new Float64Array(maxN * maxN);
    this.kU = new Float64Array(maxN * maxN);
    this.kUt = new Float64Array(maxN * maxN);
    this.dCurrent = new Float64Array(maxN * p);
    this.dNext = new Float64Array(maxN * p);
    this.M = new Float64Array(maxN * p);
  }

  /** H's upper triangle += this point's Hessian (the seed in ᾱ_L). */
  private accumulatePoint(theta: Float64Array, H: Float64Array): void {
    const { layers, C, p, L } = this;
    let uKind: CurvatureKind = this.curvatureBlocks(L) ? BLOCKS : ZERO;
    let dActive = false;
    let betaActive = false;
    for (let l = L; l >= 1; l--) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      const own = nOut * (nIn + 1);
      const N = nOut * C;
      const NIn = nIn * C;
      if (uKind === BLOCKS) {
        this.addOwnBlocks(l, H);
      } else if (uKind === DENSE) {
        this.multiplyS(l, this.uDense, N, this.M, own, 0); // U_ℓ S_ℓ
        this.addOwnFromM(l, H);
      }
      if (dActive) this.addCrossDense(l, H);
      if (betaActive) this.addCrossBeta(l, H);
      if (l === 1) break;

      // X_{ℓ−1} = [Kᵀ U_ℓ S_ℓ + B_ℓ | Kᵀ X_ℓ]; its dense part D_{ℓ−1} = [(Kᵀ U_ℓ) S_ℓ | Kᵀ (D_ℓ + B_{ℓ+1})]
      const q = p - this.wOffset[l]; // columns θ_{≥ℓ} of D_{ℓ−1}
      const rest = q - own; // columns θ_{>ℓ}
      const curved = uKind !== ZERO;
      if (curved || dActive || betaActive) this.ensureDense();
      const M = this.M;
      if (curved) {
        if (uKind === BLOCKS) this.densifyBlocks(l);
        this.transposedJacobianProduct(theta, l, this.uDense, N, this.kU, N, 0); // Kᵀ U_ℓ: NIn × N
      }
      if (curved || dActive || betaActive) {
        const D = this.dNext;
        if (curved) this.multiplyS(l, this.kU, NIn, D, q, 0);
        else for (let row = 0; row < NIn; row++) D.fill(0, row * q, row * q + own);
        if (dActive || betaActive) {
          // M ← D_ℓ + B_{ℓ+1} (N × rest), then D_{ℓ−1}[:, θ_{>ℓ}] = Kᵀ M
          if (dActive) M.set(this.dCurrent.subarray(0, N * rest));
          else M.fill(0, 0, N * rest);
          if (betaActive) {
            const nUp = layers[l + 1];
            const beta = this.betaCurrent;
            for (let row = 0; row < N; row++) {
              const c = (row / C) | 0;
              for (let r = 0; r < nUp; r++) M[row * rest + r * nOut + c] += beta[row * nUp + r];
            }
          }
          this.transposedJacobianProduct(theta, l, M, rest, D, q, own);
        } else {
          for (let row = 0; row < NIn; row++) D.fill(0, row * q + own, row * q + q);
        }
        [this.dCurrent, this.dNext] = [this.dNext, this.dCurrent];
        dActive = true;
      } else {
        dActive = false;
      }
      this.fillBeta(l);
      betaActive = true;

      // U_{ℓ−1} = Kᵀ U_ℓ K + the curvature blocks of layer ℓ−1
      if (!curved) {
        uKind = this.curvatureBlocks(l - 1) ? BLOCKS : ZERO;
        continue;
      }
      for (let row = 0; row < NIn; row++)
        for (let col = 0; col < N; col++) this.kUt[col * NIn + row] = this.kU[row * N + col];
      this.transposedJacobianProduct(theta, l, this.kUt, NIn, this.uNext, NIn, 0); // Kᵀ (Kᵀ U)ᵀ = Kᵀ U K
      [this.uDense, this.uNext] = [this.uNext, this.uDense];
      this.curvatureBlocks(l - 1);
      const U = this.uDense;
      for (let c = 0; c < nIn; c++) {
        for (let k = 0; k < C; k++) {
          for (let j = 0; j < C; j++) U[(c * C + k) * NIn + c * C + j] += this.blocks[c * C * C + k * C + j];
        }
      }
      uKind = DENSE;
    }
  }

  /**
   * dst[(c, j), offset + t] ← (Kᵀ src)[(c, j), t] = Σ_k ∂φ_k/∂z_j(Z_{ℓ−1,c}) Σ_r W_ℓ[r, c] src[(r, k), t]
   * for t < q (src row stride q, dst row stride dstStride).
   */
  private transposedJacobianProduct(
    theta: Float64Array,
    l: number,
    src: Float64Array,
    q: number,
    dst: Float64Array,
    dstStride: number,
    offset: number,
  ): void {
    const { layers, C, sums } = this;
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const wOff = this.wOffset[l];
    const J = this.jphi[l - 1];
    for (let c = 0; c < nIn; c++) {
      sums.fill(0, 0, C * q);
      for (let r = 0; r < nOut; r++) {
        const w = theta[wOff + r * nIn + c];
        for (let k = 0; k < C; k++) {
          const from = (r * C + k) * q;
          const to = k * q;
          for (let t = 0; t < q; t++) sums[to + t] += w * src[from + t];
        }
      }
      for (let j = 0; j < C; j++) {
        const to = (c * C + j) * dstStride + offset;
        for (let t = 0; t < q; t++) {
          let sum = 0;
          for (let k = 0; k < C; k++) sum += J[c * C * C + k * C + j] * sums[k * q + t];
          dst[to + t] = sum;
        }
      }
    }
  }

  /**
   * dst[ρ, offset + ·] ← (src S_ℓ)[ρ, ·] for the rows ρ < rows of src (row stride N_ℓ): column W_ℓ[r, c] is
   * Σ_k src[ρ, (r, k)] a_{ℓ−1}[c, k], column b_ℓ[r] is src[ρ, (r, 0)] (θ_ℓ-local order, dst row stride dstStride).
   */
  private multiplyS(
    l: number,
    src: Float64Array,
    rows: number,
    dst: Float64Array,
    dstStride: number,
    offset: number,
  ): void {
    const { layers, C } = this;
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const N = nOut * C;
    const aIn = this.A[l - 1];
    const biasAt = nOut * nIn;
    for (let row = 0; row < rows; row++) {
      const to = row * dstStride + offset;
      const from = row * N;
      for (let r = 0; r < nOut; r++) {
        for (let c = 0; c < nIn; c++) {
          let sum = 0;
          for (let k = 0; k < C; k++) sum += src[from + r * C + k] * aIn[c * C + k];
          dst[to + r * nIn + c] = sum;
        }
        dst[to + biasAt + r] = src[from + r * C];
      }
    }
  }

  /** β_ℓ[(c, j), r] = Σ_k ζ_{ℓ,r,k} ∂φ_k/∂z_j(Z_{ℓ−1,c}): the coefficients of B_ℓ, into betaCurrent. */
  private fillBeta(l: number): void {
    const { layers, C } = this;
    const nIn = layers[l - 1];
    const nOut = layers[l];
    // prettier-ignore
    const zt = this.zeta[l], J = this.jphi[l - 1], beta = this.betaNext;
    for (let c = 0; c < nIn; c++) {
      for (let j = 0; j < C; j++) {
        const row = (c * C + j) * nOut;
        for (let r = 0; r < nOut; r++) {
          let sum = 0;
          for (let k = 0; k < C; k++) sum += zt[r * C + k] * J[c * C * C + k * C + j];
          beta[row + r] = sum;
        }
      }
    }
    [this.betaCurrent, this.betaNext] = [this.betaNext, this.betaCurrent];
  }

  /** uDense (N_ℓ × N_ℓ) ← the block-diagonal U_ℓ held in blocks. */
  private densifyBlocks(l: number): void {
    const { C } = this;
    const n = this.layers[l];
    const N = n * C;
    const U = this.uDense;
    U.fill(0, 0, N * N);
    for (let c = 0; c < n; c++) {
      for (let k = 0; k < C; k++) {
        for (let j = 0; j < C; j++) U[(c * C + k) * N + c * C + j] = this.blocks[c * C * C + k * C + j];
      }
    }
  }

  /** H[θ_ℓ, θ_ℓ] += S_ℓᵀ U_ℓ S_ℓ for block-diagonal U_ℓ: neuron r couples only its own W_ℓ[r, ·] and b_ℓ[r]. */
  private addOwnBlocks(l: number, H: Float64Array): void {
    const { layers, C, p, blocks } = this;
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const aIn = this.A[l - 1];
    const u = this.ownProducts; // u[c] = Q s_c: s_c = a_{ℓ−1}[c, ·] for W_ℓ[r, c], c = nIn for b_ℓ[r] (s = e_0)
    const biasAt = nIn * C;
    for (let r = 0; r < nOut; r++) {
      const Q = r * C * C;
      for (let c = 0; c < nIn; c++) {
        for (let k = 0; k < C; k++) {
          let sum = 0;
          for (let j = 0; j < C; j++) sum += blocks[Q + k * C + j] * aIn[c * C + j];
          u[c * C + k] = sum;
        }
      }
      for (let k = 0; k < C; k++) u[biasAt + k] = blocks[Q + k * C];
      const rowW = this.wOffset[l] + r * nIn;
      const bias = this.bOffset[l] + r;
      for (let c1 = 0; c1 < nIn; c1++) {
        const hRow = (rowW + c1) * p;
        for (let c2 = c1; c2 <= nIn; c2++) {
          let sum = 0;
          for (let k = 0; k < C; k++) sum += aIn[c1 * C + k] * u[c2 * C + k];
          H[hRow + (c2 === nIn ? bias : rowW + c2)] += sum;
        }
      }
      H[bias * p + bias] += u[biasAt];
    }
  }

  /** H[θ_ℓ, θ_ℓ] (upper triangle) += S_ℓᵀ (U_ℓ S_ℓ), U_ℓ S_ℓ in M (N_ℓ × |θ_ℓ|). */
  private addOwnFromM(l: number, H: Float64Array): void {
    const { layers, C, p, M } = this;
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const own = nOut * (nIn + 1);
    const base = this.wOffset[l];
    const aIn = this.A[l - 1];
    for (let r = 0; r < nOut; r++) {
      for (let c = 0; c <= nIn; c++) {
        const local = c === nIn ? nOut * nIn + r : r * nIn + c;
        const hRow = (base + local) * p + base;
        for (let t = local; t < own; t++) {
          let sum = 0;
          if (c === nIn) sum = M[r * C * own + t];
          else for (let k = 0; k < C; k++) sum += aIn[c * C + k] * M[(r * C + k) * own + t];
          H[hRow + t] += sum;
        }
      }
    }
  }

  /** H[θ_ℓ, θ_{>ℓ}] += S_ℓᵀ D_ℓ (the dense part of X_ℓ). */
  private addCrossDense(l: number, H: Float64Array): void {
    const { layers, C, p } = this;
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const above = this.wOffset[l + 1];
    const q = p - above;
    const aIn = this.A[l - 1];
    const D = this.dCurrent;
    for (let r = 0; r < nOut; r++) {
      for (let c = 0; c <= nIn; c++) {
        const g = c === nIn ? this.bOffset[l] + r : this.wOffset[l] + r * nIn + c;
        const hRow = g * p + above;
        for (let t = 0; t < q; t++) {
          let sum = 0;
          if (c === nIn) sum = D[r * C * q + t];
          else for (let k = 0; k < C; k++) sum += aIn[c * C + k] * D[(r * C + k) * q + t];
          H[hRow + t] += sum;
        }
      }
    }
  }

  /** H[θ_ℓ, W_{ℓ+1}] += S_ℓᵀ B_{ℓ+1}: W_ℓ[c, c′] and b_ℓ[c] meet W_{ℓ+1}[r, c] only. */
  private addCrossBeta(l: number, H: Float64Array): void {
    const { layers, C, p } = this;
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const nUp = layers[l + 1];
    const upOff = this.wOffset[l + 1];
    const aIn = this.A[l - 1];
    const beta = this.betaCurrent;
    for (let c = 0; c < nOut; c++) {
      for (let cIn = 0; cIn <= nIn; cIn++) {
        const g = cIn === nIn ? this.bOffset[l] + c : this.wOffset[l] + c * nIn + cIn;
        for (let r = 0; r < nUp; r++) {
          let sum = 0;
          if (cIn === nIn) sum = beta[c * C * nUp + r];
          else for (let k = 0; k < C; k++) sum += aIn[cIn * C + k] * beta[(c * C + k) * nUp + r];
          H[g * p + upOff + r * nOut + c] += sum;
        }
      }
    }
  }
}

/** The lower triangle of the p × p matrix H ← its upper triangle, in tiles (the column writes stay in cache). */
function mirrorUpperTriangle(H: Float64Array, p: number): void {
  const TILE = 32;
  for (let j0 = 0; j0 < p; j0 += TILE) {
    const j1 = Math.min(p, j0 + TILE);
    for (let k0 = j0; k0 < p; k0 += TILE) {
      const k1 = Math.min(p, k0 + TILE);
      for (let j = j0; j < j1; j++) {
        for (let k = Math.max(k0, j + 1); k < k1; k++) H[k * p + j] = H[j * p + k];
      }
    }
  }
}

/**
 * Multiply–adds per point of MlpHessian.contract for a layout (the structural zeros of accumulatePoint,
 * assuming σ″ ≠ 0 in the hidden layers): the cost budget's measure of the exact term (scenario/cost.ts).
 */
export function mlpHessianOperations(layers: readonly number[], output: MlpOutput, channels: HessianChannels): number {
  const C = channels;
  const L = layers.length - 1;
  const wOffset = [0];
  for (let l = 1; l <= L; l++) wOffset.push(wOffset[l - 1] + layers[l] * (layers[l - 1] + 1));
  const p = wOffset[L];
  let ops = 0;
  for (let l = 1; l <= L; l++) ops += 2 * C * layers[l] * layers[l - 1] + 10 * C * C * layers[l]; // forward, backward, φ
  let u: CurvatureKind = output === 'identity' ? ZERO : BLOCKS;
  let dActive = false;
  let betaActive = false;
  for (let l = L; l >= 1; l--) {
    const nIn = layers[l - 1];
    const nOut = layers[l];
    const own = nOut * (nIn + 1);
    const q = p - wOffset[l - 1]; // θ_{≥ℓ}
    const N = nOut * C;
    if (u === BLOCKS) ops += nOut * (nIn + 1) * (nIn + 2) * C * C;
    else if (u === DENSE) ops += N * own * C + (own * own * C) / 2;
    if (dActive) ops += own * (q - own) * C;
    if (betaActive) ops += own * layers[l + 1] * C;
    if (l === 1) break;
    const NIn = nIn * C;
    const rest = q - own;
    if (u !== ZERO) ops += (nOut * nIn * C + C * C * nIn) * N + NIn * own * C; // (Kᵀ U) S
    if (dActive || betaActive) ops += N * rest + (nOut * nIn * C + C * C * nIn) * rest; // Kᵀ X
    dActive = u !== ZERO || dActive || betaActive;
    ops += nIn * nOut * C * C;
    betaActive = true;
    if (u === ZERO) {
      u = BLOCKS;
    } else {
      ops += N * NIn + (nOut * nIn * C + C * C * nIn) * NIn; // Kᵀ U K
      u = DENSE;
    }
  }
  return ops;
}
