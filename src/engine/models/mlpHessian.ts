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
//
// One hidden layer with identity output ([n_0, n, 1], the common case) has a blocked path (contractShallow):
// there the Hessian of a point is n blocks (neuron r couples only W_1[r, ·], b_1[r] and W_2[r]), so the
// points go in blocks — the block's forward pass neuron by neuron (tanh by the SIMD kernel of mlp.ts), then
// each neuron's entries summed over the block's points. Every entry receives the terms accumulatePoint
// would add, computed by the same operations in the same order (points increasing): both paths give the
// same bits (tests/unit/newton.exact.test.ts compares them).

import type { Activation } from '../scenario/types';
import {
  activationDerivatives,
  type ActivationDerivatives,
  tanhFourthDerivative,
  tanhSecondDerivative,
  tanhThirdDerivative,
} from './activationDerivatives';
import type { MlpOutput } from './mlpLayout';
import { tanhWasmKernel, type TanhWasmKernel } from './wasm/tanhKernel';

export type HessianChannels = 1 | 3;

const ZERO = 0;
const BLOCKS = 1;
const DENSE = 2;
type CurvatureKind = typeof ZERO | typeof BLOCKS | typeof DENSE;

/** Derivative series σ … σ⁗ per neuron. */
const SERIES = 5;

/** Points per block of the one-hidden-layer path: its planes (n × 64 doubles each) stay in cache. */
const SHALLOW_BLOCK_POINTS = 64;
/** The block's planes: z of the hidden neurons, then σ^(k)(z) in plane SERIES_PLANE + k (k = 0 … 4). */
const Z_PLANE = 0;
const SERIES_PLANE = 1;
const PLANES = SERIES_PLANE + SERIES;
/** The input channels (x, x′, x″) = (x, 1, 0) of a 1D network (forwardPoint's a_0 for C = 3). */
const DX = 1;
const D2X = 0;
/** A structural zero of ∂φ/∂z or of a curvature block, kept as an operand: 0·∞ = NaN, as in accumulatePoint. */
const STRUCTURAL_ZERO = 0;

/** Work of the one-hidden-layer path (MlpHessian.contractShallow), per block of points. */
interface ShallowWork {
  /** Doubles per plane (n × SHALLOW_BLOCK_POINTS, even: the kernel works on pairs); index r·count + i. */
  stride: number;
  /** The SIMD tanh kernel when the hidden layer is tanh and it loaded; its memory then holds the planes. */
  kernel: TanhWasmKernel | null;
  /** The planes without the kernel (allocated on first use). */
  planes: Float64Array;
  /** Per point of the block: 1 when one of its weights is non-zero (accumulatePoint skips the others). */
  active: Uint8Array;
  /** ζ_2 = ∂y/∂z_2 per point (C each). */
  adjoint: Float64Array;
  /** z_2′ and z_2″ per point (C = 3). */
  slope: Float64Array;
  curvature: Float64Array;
  /** σ … σ⁗ of the identity output (the same at every z). */
  outputSeries: Float64Array;
  /** One neuron's σ … σ⁗ without the kernel. */
  series: Float64Array;
}

export interface MlpHessianOptions {
  /** Use the blocked one-hidden-layer path where it applies (default true; false: point by point, for tests). */
  shallowPath?: boolean;
}

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
  /** The one-hidden-layer path with identity output, or null (point by point only). */
  private readonly shallow: ShallowWork | null;

  constructor(
    private readonly layers: readonly number[],
    activation: Activation,
    output: MlpOutput,
    private readonly wOffset: readonly number[],
    private readonly bOffset: readonly number[],
    channels: HessianChannels,
    options: MlpHessianOptions = {},
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
    this.shallow =
      L === 2 && output === 'identity' && (options.shallowPath ?? true) ? this.shallowWork(activation) : null;
  }

  private shallowWork(activation: Activation): ShallowWork {
    const { C } = this;
    const B = SHALLOW_BLOCK_POINTS;
    const size = this.layers[1] * B;
    const outputSeries = new Float64Array(SERIES);
    this.derivatives[2](0, outputSeries, 0);
    return {
      stride: size + (size % 2),
      kernel: activation === 'tanh' ? tanhWasmKernel() : null,
      planes: new Float64Array(0),
      active: new Uint8Array(B),
      adjoint: new Float64Array(B * C),
      slope: new Float64Array(B),
      curvature: new Float64Array(B),
      outputSeries,
      series: new Float64Array(SERIES),
    };
  }

  /**
   * out (p × p) ← Σ_i Σ_k weights[k][i] ∇²_θ y_k(x_i), y = v (C = 1) or (v, v′, v″) (C = 3);
   * x: the m points (row-major, layers[0] coordinates each).
   */
  contract(theta: Float64Array, x: Float64Array, m: number, weights: readonly Float64Array[], out: Float64Array): void {
    const { p, C } = this;
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
    if (this.shallow !== null) this.contractShallow(this.shallow, theta, x, m, weights, out);
    else for (let i = 0; i < m; i++) this.contractPoint(theta, x, weights, i, out);
    mirrorUpperTriangle(out, p);
  }

  /** H's upper triangle += the Hessian of point i (nothing when all its weights are zero). */
  private contractPoint(
    theta: Float64Array,
    x: Float64Array,
    weights: readonly Float64Array[],
    i: number,
    H: Float64Array,
  ): void {
    const top = this.abar[this.L];
    let active = false;
    for (let k = 0; k < this.C; k++) {
      top[k] = weights[k][i];
      if (top[k] !== 0) active = true;
    }
    if (!active) return;
    this.forwardPoint(theta, x, i);
    this.backwardPoint(theta);
    this.accumulatePoint(theta, H);
  }

  // ---- one hidden layer, identity output -------------------------------------------------------------
  //
  // For [n_0, n, 1] accumulatePoint does, per point: U_2 = 0 (identity output), so only B_2 (fillBeta) and
  // the blocks of layer 1 (curvatureBlocks, addOwnBlocks, addCrossBeta) contribute, neuron by neuron.
  // contractShallow computes those contributions with the same expressions (written out below, with the
  // structural zeros of ∂φ/∂z and of the blocks kept as operands, so that even 0·∞ = NaN agrees)
  // and adds them to the same entries in the same point order.

  /** contract()'s sum over the points for [n_0, n, 1] with identity output, block by block. */
  private contractShallow(
    work: ShallowWork,
    theta: Float64Array,
    x: Float64Array,
    m: number,
    weights: readonly Float64Array[],
    H: Float64Array,
  ): void {
    for (let first = 0; first < m; first += SHALLOW_BLOCK_POINTS) {
      const count = Math.min(SHALLOW_BLOCK_POINTS, m - first);
      if (!this.markActive(work, weights, first, count)) continue;
      const planes = this.shallowForward(work, theta, x, first, count);
      if (this.shallowOutput(work, theta, planes, weights, first, count)) {
        if (this.C === 1) this.shallowNeurons1(work, theta, x, planes, first, count, H);
        else this.shallowNeurons3(work, theta, x, planes, first, count, H);
      } else {
        // an output layer with curvature (0·∞ in its blocks): the general recursion, point by point
        for (let i = first; i < first + count; i++) this.contractPoint(theta, x, weights, i, H);
      }
    }
  }

  /** work.active for the block's points; false when none is active. */
  private markActive(work: ShallowWork, weights: readonly Float64Array[], first: number, count: number): boolean {
    let any = false;
    for (let i = 0; i < count; i++) {
      let active = 0;
      for (let k = 0; k < this.C; k++) if (weights[k][first + i] !== 0) active = 1;
      work.active[i] = active;
      if (active === 1) any = true;
    }
    return any;
  }

  /**
   * The block's hidden pre-activations (channel 0) and σ … σ⁗ into the planes, neuron-major (forwardPoint's
   * sums; tanh by the SIMD kernel where it applies, which returns the JS tanh's bits). Returns the array
   * holding the planes (the kernel's memory, re-fetched since it may have grown, or work.planes).
   */
  private shallowForward(
    work: ShallowWork,
    theta: Float64Array,
    x: Float64Array,
    first: number,
    count: number,
  ): Float64Array {
    const n0 = this.layers[0];
    const n = this.layers[1];
    const { stride, kernel } = work;
    const wOff = this.wOffset[1];
    const bOff = this.bOffset[1];
    const heap = kernel === null ? null : kernel.heap(PLANES * stride * 8);
    let planes = heap;
    if (planes === null) {
      if (work.planes.length === 0) work.planes = new Float64Array(PLANES * stride);
      planes = work.planes;
    }
    const series = work.series;
    const derivatives = this.derivatives[1];
    for (let r = 0; r < n; r++) {
      const row = wOff + r * n0;
      for (let i = 0; i < count; i++) {
        let z = theta[bOff + r];
        for (let c = 0; c < n0; c++) z += theta[row + c] * x[(first + i) * n0 + c];
        const at = r * count + i;
        if (heap !== null) {
          planes[Z_PLANE * stride + at] = z;
          continue;
        }
        derivatives(z, series, 0);
        for (let k = 0; k < SERIES; k++) planes[(SERIES_PLANE + k) * stride + at] = series[k];
      }
    }
    if (kernel !== null && heap !== null) {
      const t = SERIES_PLANE * stride;
      const d = t + stride;
      kernel.tanhLayer(Z_PLANE * stride * 8, t * 8, d * 8, n * count);
      // σ″ … σ⁗ from t and d = 1 − t² (σ‴, σ⁗ only for the x-derivative channels)
      for (let at = 0; at < n * count; at++)
        planes[d + stride + at] = tanhSecondDerivative(planes[t + at], planes[d + at]);
      if (this.C === 3) {
        for (let at = 0; at < n * count; at++) {
          const tanhValue = planes[t + at];
          const slope = planes[d + at];
          planes[d + 2 * stride + at] = tanhThirdDerivative(tanhValue, slope);
          planes[d + 3 * stride + at] = tanhFourthDerivative(tanhValue, slope);
        }
      }
    }
    return planes;
  }

  /**
   * ζ_2 of every active point of the block into work.adjoint (backwardPoint at the output). False when an
   * active point's output blocks are not all zero (curvatureBlocks(L) of the identity: 0·∞ from an
   * overflowed z_2′ or z_2″), which this path does not cover.
   */
  private shallowOutput(
    work: ShallowWork,
    theta: Float64Array,
    planes: Float64Array,
    weights: readonly Float64Array[],
    first: number,
    count: number,
  ): boolean {
    const { active, adjoint, outputSeries } = work;
    // prettier-ignore
    const s1 = outputSeries[1], s2 = outputSeries[2], s3 = outputSeries[3], s4 = outputSeries[4];
    if (this.C === 1) {
      for (let i = 0; i < count; i++) {
        if (active[i] === 0) continue;
        const g = weights[0][first + i];
        adjoint[i] = 0 + s1 * g;
        if (g * s2 !== 0) return false;
      }
      return true;
    }
    // z_2′ = Σ_r W_2[r] a_1′[r], z_2″ = Σ_r W_2[r] a_1″[r] (forwardPoint's sums, r increasing)
    const { slope, curvature, stride } = work;
    slope.fill(0, 0, count);
    curvature.fill(0, 0, count);
    const n = this.layers[1];
    const s1At = (SERIES_PLANE + 1) * stride;
    const s2At = s1At + stride;
    for (let r = 0; r < n; r++) {
      const w1 = theta[this.wOffset[1] + r];
      const zp = 0 + w1 * DX;
      const zpp = 0 + w1 * D2X;
      const w2 = theta[this.wOffset[2] + r];
      for (let i = 0; i < count; i++) {
        const hiddenSlope = planes[s1At + r * count + i];
        const hiddenCurvature = planes[s2At + r * count + i];
        slope[i] += w2 * (hiddenSlope * zp);
        curvature[i] += w2 * (hiddenCurvature * zp * zp + hiddenSlope * zpp);
      }
    }
    for (let i = 0; i < count; i++) {
      if (active[i] === 0) continue;
      // prettier-ignore
      const g0 = weights[0][first + i], g1 = weights[1][first + i], g2 = weights[2][first + i];
      const zp = slope[i];
      const zpp = curvature[i];
      // ∂φ/∂z of the output (forwardPoint), then ζ_2[j] = Σ_k ∂φ_k/∂z_j ᾱ_k (backwardPoint)
      const j3 = s2 * zp;
      const j6 = s3 * zp * zp + s2 * zpp;
      const j7 = 2 * s2 * zp;
      adjoint[i * 3] = 0 + s1 * g0 + j3 * g1 + j6 * g2;
      adjoint[i * 3 + 1] = 0 + STRUCTURAL_ZERO * g0 + s1 * g1 + j7 * g2;
      adjoint[i * 3 + 2] = 0 + STRUCTURAL_ZERO * g0 + STRUCTURAL_ZERO * g1 + s1 * g2;
      // the output's curvature block (curvatureBlocks)
      const q00 = g0 * s2 + g1 * s3 * zp + g2 * (s4 * zp * zp + s3 * zpp);
      const q01 = g1 * s2 + 2 * g2 * s3 * zp;
      if (q00 !== 0 || q01 !== 0 || g2 * s2 !== 0 || 2 * g2 * s2 !== 0) return false;
    }
    return true;
  }

  /**
   * C = 1: H += each neuron's entries over the block's active points — curvatureBlocks(1), addOwnBlocks(1)
   * and fillBeta(2) + addCrossBeta(1) of accumulatePoint, for one neuron at a time.
   */
  private shallowNeurons1(
    work: ShallowWork,
    theta: Float64Array,
    x: Float64Array,
    planes: Float64Array,
    first: number,
    count: number,
    H: Float64Array,
  ): void {
    const { p } = this;
    const n0 = this.layers[0];
    const n = this.layers[1];
    const { active, adjoint, stride } = work;
    const s1At = (SERIES_PLANE + 1) * stride;
    const s2At = s1At + stride;
    for (let r = 0; r < n; r++) {
      const rowW = this.wOffset[1] + r * n0;
      const bias = this.bOffset[1] + r;
      const up = this.wOffset[2] + r; // W_2[r]
      const w2 = theta[up];
      for (let i = 0; i < count; i++) {
        if (active[i] === 0) continue;
        const at = r * count + i;
        const s1 = planes[s1At + at];
        const s2 = planes[s2At + at];
        const zeta = adjoint[i];
        const q = (0 + w2 * zeta) * s2; // ᾱ_1[r] σ″
        const beta = 0 + zeta * s1;
        const input = (first + i) * n0;
        for (let c1 = 0; c1 < n0; c1++) {
          const a1 = x[input + c1];
          const hRow = (rowW + c1) * p;
          for (let c2 = c1; c2 < n0; c2++) H[hRow + rowW + c2] += 0 + a1 * (0 + q * x[input + c2]);
          H[hRow + bias] += 0 + a1 * q;
          H[hRow + up] += 0 + a1 * beta;
        }
        H[bias * p + bias] += q;
        H[bias * p + up] += beta;
      }
    }
  }

  /**
   * C = 3 (x-derivative channels, n_0 = 1): as shallowNeurons1, with the 3 × 3 blocks of (z, z′, z″); the
   * neuron's five entries (W_1W_1, W_1b_1, b_1b_1, W_1W_2, b_1W_2) are summed in locals over the block.
   */
  private shallowNeurons3(
    work: ShallowWork,
    theta: Float64Array,
    x: Float64Array,
    planes: Float64Array,
    first: number,
    count: number,
    H: Float64Array,
  ): void {
    const { p } = this;
    const n = this.layers[1];
    const { active, adjoint, stride } = work;
    const s1At = (SERIES_PLANE + 1) * stride;
    const s2At = s1At + stride;
    const s3At = s2At + stride;
    const s4At = s3At + stride;
    for (let r = 0; r < n; r++) {
      const w = this.wOffset[1] + r; // W_1[r, 0]
      const bias = this.bOffset[1] + r;
      const up = this.wOffset[2] + r; // W_2[r]
      const w1 = theta[w];
      const w2 = theta[up];
      const zp = 0 + w1 * DX;
      const zpp = 0 + w1 * D2X;
      let hWW = H[w * p + w];
      let hWb = H[w * p + bias];
      let hbb = H[bias * p + bias];
      let hWUp = H[w * p + up];
      let hbUp = H[bias * p + up];
      for (let i = 0; i < count; i++) {
        if (active[i] === 0) continue;
        const at = r * count + i;
        // prettier-ignore
        const s1 = planes[s1At + at], s2 = planes[s2At + at], s3 = planes[s3At + at], s4 = planes[s4At + at];
        // ∂φ/∂z (forwardPoint; row k = output channel): [s1 0 0; j3 s1 0; j6 j7 s1]
        const j3 = s2 * zp;
        const j6 = s3 * zp * zp + s2 * zpp;
        const j7 = 2 * s2 * zp;
        // prettier-ignore
        const t0 = adjoint[i * 3], t1 = adjoint[i * 3 + 1], t2 = adjoint[i * 3 + 2];
        // ᾱ_1[r] (backwardPoint), then the neuron's curvature block [q00 q01 q02; q01 q11 0; q02 0 0]
        const g0 = 0 + w2 * t0;
        const g1 = 0 + w2 * t1;
        const g2 = 0 + w2 * t2;
        const q00 = g0 * s2 + g1 * s3 * zp + g2 * (s4 * zp * zp + s3 * zpp);
        const q01 = g1 * s2 + 2 * g2 * s3 * zp;
        const q02 = g2 * s2;
        const q11 = 2 * g2 * s2;
        // addOwnBlocks: u = Q (x, 1, 0) for W_1[r, 0], Q e_0 for b_1[r]
        const x0 = x[first + i];
        const u0 = 0 + q00 * x0 + q01 * DX + q02 * D2X;
        const u1 = 0 + q01 * x0 + q11 * DX + STRUCTURAL_ZERO * D2X;
        const u2 = 0 + q02 * x0 + STRUCTURAL_ZERO * DX + STRUCTURAL_ZERO * D2X;
        hWW += 0 + x0 * u0 + DX * u1 + D2X * u2;
        hWb += 0 + x0 * q00 + DX * q01 + D2X * q02;
        hbb += q00;
        // fillBeta(2) and addCrossBeta(1): β_j = Σ_k ζ_2[k] ∂φ_k/∂z_j
        const beta0 = 0 + t0 * s1 + t1 * j3 + t2 * j6;
        const beta1 = 0 + t0 * STRUCTURAL_ZERO + t1 * s1 + t2 * j7;
        const beta2 = 0 + t0 * STRUCTURAL_ZERO + t1 * STRUCTURAL_ZERO + t2 * s1;
        hWUp += 0 + x0 * beta0 + DX * beta1 + D2X * beta2;
        hbUp += beta0;
      }
      H[w * p + w] = hWW;
      H[w * p + bias] = hWb;
      H[bias * p + bias] = hbb;
      H[w * p + up] = hWUp;
      H[bias * p + up] = hbUp;
    }
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
