// Multilayer perceptron v(x) = N_θ(x) with layers [n_0, …, n_L], n_L = 1 (docs/SCENARIO.md parameter order:
// per layer ℓ, W_ℓ (n_ℓ × n_{ℓ−1}) row-major, then b_ℓ). Layer ℓ computes σ(W_ℓ a + b_ℓ); the last applies
// the output function instead of σ.
//
// - values and Jacobian: points in blocks of BLOCK_POINTS; per block, a forward pass layer by layer over all
//   its points (Z_ℓ, A_ℓ = σ(Z_ℓ), S_ℓ = σ′(Z_ℓ), point-major), then one backpropagation per point. The
//   block lives in a scratch shared by every network; with tanh hidden layers it is the memory of the
//   f64x2 SIMD tanh kernel (wasm/tanh.wat, bit-identical to math/hyperbolic.ts tanh), which applies tanh to
//   a whole layer of the block in one call. Per point, the operations and their order are those of the
//   point-by-point passes below, so both give the same bits.
// - derivatives (1D input): forward mode in x carries (z, z′, z″) and (a, a′, a″) through the layers with
//   σ′, σ″, σ‴; the θ-Jacobians of v, v′, v″ are the reverse mode of that extended forward pass (exact).
// - hessianContraction: exact, by second-order backpropagation (mlpHessian.ts); the 1D network also
//   contracts the Hessians of v′ and v″ (derivativeHessianContraction, for PDE residuals and H1).

import type { Activation } from '../scenario/types';
import type { DerivativeBuffers, DifferentiableModel, Model, PointSet } from './model';
import type { LayerActivation } from './activations';
import { checkMlpLayers, mlpLayout, mlpParameterCount, type MlpOutput } from './mlpLayout';
import { type HessianChannels, MlpHessian } from './mlpHessian';
import { tanhWasmKernel, type TanhWasmKernel } from './wasm/tanhKernel';

/** Points per block of the batched passes: a block's layers stay in cache (128 × 100 × 3 doubles = 300 KB). */
const BLOCK_POINTS = 128;

/** Where the batched passes keep one block (offsets in doubles, even, so 16-byte aligned in the kernel's memory). */
interface BlockLayout {
  /** Z_ℓ, A_ℓ, S_ℓ of layer ℓ = 1..L (entry 0 unused): BLOCK_POINTS × n_ℓ, point-major. */
  z: number[];
  a: number[];
  s: number[];
  doubles: number;
}

function blockLayout(layers: number[]): BlockLayout {
  const layout: BlockLayout = { z: [0], a: [0], s: [0], doubles: 0 };
  for (let l = 1; l < layers.length; l++) {
    const size = BLOCK_POINTS * layers[l] + ((BLOCK_POINTS * layers[l]) % 2);
    layout.z.push(layout.doubles);
    layout.a.push(layout.doubles + size);
    layout.s.push(layout.doubles + 2 * size);
    layout.doubles += 3 * size;
  }
  return layout;
}

/** The block scratch without the SIMD kernel (shared: passes never interleave). */
let jsBlockScratch = new Float64Array(0);

/** Per-layer buffers (index ℓ = 0..L; entry 0 is the input). */
interface LayerBuffers {
  a: Float64Array[];
  da: Float64Array[];
  d2a: Float64Array[];
  z: Float64Array[];
  dz: Float64Array[];
  d2z: Float64Array[];
  s1: Float64Array[];
  s2: Float64Array[];
  s3: Float64Array[];
  // adjoints of a, a′, a″ and of z, z′, z″
  abar: Float64Array[];
  dabar: Float64Array[];
  d2abar: Float64Array[];
  zbar: Float64Array[];
  dzbar: Float64Array[];
  d2zbar: Float64Array[];
}

export class MlpModel implements Model {
  readonly p: number;
  readonly m: number;
  readonly exactHessianTerm: boolean = true;
  private readonly L: number;
  private readonly wOffset: number[]; // index ℓ (1..L)
  private readonly bOffset: number[];
  private readonly activations: LayerActivation[]; // index ℓ (1..L)
  protected readonly buffers: LayerBuffers;
  private readonly hessians: Record<HessianChannels, MlpHessian | null> = { 1: null, 3: null };
  private readonly block: BlockLayout;
  /** The SIMD tanh kernel when every hidden layer is tanh and it loaded; else null (JS activations). */
  private readonly tanhKernel: TanhWasmKernel | null;

  constructor(
    private readonly layers: number[],
    private readonly activation: Activation,
    private readonly output: MlpOutput,
    protected readonly points: PointSet,
  ) {
    const problem = checkMlpLayers(layers, points.d);
    if (problem !== null) throw new Error(problem);
    this.L = layers.length - 1;
    this.m = points.m;
    this.p = mlpParameterCount(layers);
    const layout = mlpLayout(layers, activation, output);
    this.wOffset = layout.wOffset;
    this.bOffset = layout.bOffset;
    this.activations = layout.activations;
    const make = () => layers.map((n) => new Float64Array(n));
    // prettier-ignore
    this.buffers = {
      a: make(), da: make(), d2a: make(), z: make(), dz: make(), d2z: make(), s1: make(), s2: make(), s3: make(),
      abar: make(), dabar: make(), d2abar: make(), zbar: make(), dzbar: make(), d2zbar: make(),
    };
    this.block = blockLayout(layers);
    this.tanhKernel = activation === 'tanh' && this.L > 1 ? tanhWasmKernel() : null;
  }

  values(theta: Float64Array, v: Float64Array): void {
    const L = this.L;
    for (let first = 0; first < this.m; first += BLOCK_POINTS) {
      const count = Math.min(BLOCK_POINTS, this.m - first);
      const heap = this.forwardBlock(theta, first, count);
      const aL = this.block.a[L];
      for (let i = 0; i < count; i++) v[first + i] = heap[aL + i];
    }
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    const { p, L } = this;
    for (let first = 0; first < this.m; first += BLOCK_POINTS) {
      const count = Math.min(BLOCK_POINTS, this.m - first);
      const heap = this.forwardBlock(theta, first, count);
      const aL = this.block.a[L];
      for (let i = 0; i < count; i++) {
        v[first + i] = heap[aL + i];
        this.backwardInBlock(theta, heap, first, i, J, (first + i) * p);
      }
    }
  }

  /** The block scratch: the SIMD kernel's memory when it is used and can hold it, else a shared JS array. */
  private blockHeap(): { heap: Float64Array; kernel: TanhWasmKernel | null } {
    const doubles = this.block.doubles;
    if (this.tanhKernel !== null) {
      const heap = this.tanhKernel.heap(doubles * 8);
      if (heap !== null) return { heap, kernel: this.tanhKernel };
    }
    if (jsBlockScratch.length < doubles) jsBlockScratch = new Float64Array(doubles);
    return { heap: jsBlockScratch, kernel: null };
  }

  /**
   * Forward pass of points first..first+count−1, layer by layer: Z_ℓ, A_ℓ and S_ℓ = σ′(Z_ℓ) of the block
   * (see BlockLayout). Per point, the same operations in the same order as forward(). Returns the scratch.
   */
  private forwardBlock(theta: Float64Array, first: number, count: number): Float64Array {
    const { layers, L, block } = this;
    const { heap, kernel } = this.blockHeap();
    const x = this.points.x;
    for (let l = 1; l <= L; l++) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      const wOff = this.wOffset[l];
      const bOff = this.bOffset[l];
      // A_{ℓ−1}: the points themselves below the first layer.
      const input = l === 1 ? x : heap;
      const inputAt = l === 1 ? first * nIn : block.a[l - 1];
      const zAt = block.z[l];
      for (let i = 0; i < count; i++) {
        const aIn = inputAt + i * nIn;
        const zRow = zAt + i * nOut;
        for (let r = 0; r < nOut; r++) {
          let sum = theta[bOff + r];
          const row = wOff + r * nIn;
          for (let c = 0; c < nIn; c++) sum += theta[row + c] * input[aIn + c];
          heap[zRow + r] = sum;
        }
      }
      const n = count * nOut;
      if (kernel !== null && l < L) {
        kernel.tanhLayer(zAt * 8, block.a[l] * 8, block.s[l] * 8, n);
      } else {
        const z = heap.subarray(zAt, zAt + n);
        const a = heap.subarray(block.a[l], block.a[l] + n);
        const s1 = heap.subarray(block.s[l], block.s[l] + n);
        this.activations[l](0, n, z, a, s1, null, null);
      }
    }
    return heap;
  }

  /**
   * J[offset + j] ← ∂v/∂θ_j at point first + i of the block just computed by forwardBlock: backward() with
   * seed 1 reading A_ℓ and S_ℓ from the block (same operations, same order).
   */
  private backwardInBlock(
    theta: Float64Array,
    heap: Float64Array,
    first: number,
    i: number,
    target: Float64Array,
    offset: number,
  ): void {
    const { layers, L, block } = this;
    const { zbar } = this.buffers;
    const x = this.points.x;
    zbar[L][0] = 1 * heap[block.s[L] + i];
    for (let l = L; l >= 1; l--) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      const wOff = offset + this.wOffset[l];
      const bOff = offset + this.bOffset[l];
      const delta = zbar[l];
      const input = l === 1 ? x : heap;
      const aIn = l === 1 ? (first + i) * nIn : block.a[l - 1] + i * nIn;
      for (let r = 0; r < nOut; r++) {
        const dr = delta[r];
        const row = wOff + r * nIn;
        for (let c = 0; c < nIn; c++) target[row + c] = dr * input[aIn + c];
        target[bOff + r] = dr;
      }
      if (l > 1) {
        const below = zbar[l - 1];
        const slope = block.s[l - 1] + i * nIn;
        const thetaW = this.wOffset[l];
        for (let c = 0; c < nIn; c++) {
          let sum = 0;
          for (let r = 0; r < nOut; r++) sum += theta[thetaW + r * nIn + c] * delta[r];
          below[c] = sum * heap[slope + c];
        }
      }
    }
  }

  /** g ← J(θ)ᵀ a without forming J. */
  vectorJacobianProduct(theta: Float64Array, a: Float64Array, g: Float64Array): void {
    g.fill(0, 0, this.p);
    for (let i = 0; i < this.m; i++) {
      if (a[i] === 0) continue;
      this.forward(theta, i, true);
      this.backward(theta, a[i], g, 0, true);
    }
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    this.hessianWork(1).contract(theta, this.points.x, this.m, [a], out);
  }

  /** The exact second-order term's work (mlpHessian.ts), for values (1 channel) or (v, v′, v″) (3). */
  protected hessianWork(channels: HessianChannels): MlpHessian {
    let work = this.hessians[channels];
    if (work === null) {
      work = new MlpHessian(this.layers, this.activation, this.output, this.wOffset, this.bOffset, channels);
      this.hessians[channels] = work;
    }
    return work;
  }

  /** Forward pass at point i; keeps a_ℓ and (with keepSlopes) σ′(z_ℓ) for backpropagation. Returns v. */
  private forward(theta: Float64Array, i: number, keepSlopes: boolean): number {
    const { layers, L } = this;
    const { a } = this.buffers;
    const n0 = layers[0];
    const x = this.points.x;
    for (let k = 0; k < n0; k++) a[0][k] = x[i * n0 + k];
    for (let l = 1; l <= L; l++) this.forwardLayer(theta, l, keepSlopes);
    return a[L][0];
  }

  /** a_ℓ ← σ(W_ℓ a_{ℓ−1} + b_ℓ) (and σ′ with keepSlopes) in the point buffers. */
  private forwardLayer(theta: Float64Array, l: number, keepSlopes: boolean): void {
    const { a, z, s1 } = this.buffers;
    const nIn = this.layers[l - 1];
    const nOut = this.layers[l];
    const wOff = this.wOffset[l];
    const bOff = this.bOffset[l];
    const aIn = a[l - 1];
    const zl = z[l];
    for (let r = 0; r < nOut; r++) {
      let sum = theta[bOff + r];
      const row = wOff + r * nIn;
      for (let c = 0; c < nIn; c++) sum += theta[row + c] * aIn[c];
      zl[r] = sum;
    }
    this.activations[l](0, nOut, zl, a[l], keepSlopes ? s1[l] : null, null, null);
  }

  /**
   * target[offset + j] ← seed · ∂v/∂θ_j (or += with accumulate) at the point of the last forward(…, true)
   * (or forwardWithSlopes, which leaves the same a_ℓ and σ′(z_ℓ) behind).
   */
  protected backward(
    theta: Float64Array,
    seed: number,
    target: Float64Array,
    offset: number,
    accumulate: boolean,
  ): void {
    const { layers, L } = this;
    const { a, s1, zbar } = this.buffers;
    zbar[L][0] = seed * s1[L][0];
    for (let l = L; l >= 1; l--) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      const wOff = offset + this.wOffset[l];
      const bOff = offset + this.bOffset[l];
      const delta = zbar[l];
      const aIn = a[l - 1];
      if (accumulate) {
        for (let r = 0; r < nOut; r++) {
          const dr = delta[r];
          const row = wOff + r * nIn;
          for (let c = 0; c < nIn; c++) target[row + c] += dr * aIn[c];
          target[bOff + r] += dr;
        }
      } else {
        for (let r = 0; r < nOut; r++) {
          const dr = delta[r];
          const row = wOff + r * nIn;
          for (let c = 0; c < nIn; c++) target[row + c] = dr * aIn[c];
          target[bOff + r] = dr;
        }
      }
      if (l > 1) {
        const below = zbar[l - 1];
        const slope = s1[l - 1];
        const thetaW = this.wOffset[l];
        for (let c = 0; c < nIn; c++) {
          let sum = 0;
          for (let r = 0; r < nOut; r++) sum += theta[thetaW + r * nIn + c] * delta[r];
          below[c] = sum * slope[c];
        }
      }
    }
  }

  // ---- x-derivatives (1D input) ----

  /** Forward mode in x at point i: fills z, z′, z″, a, a′, a″ and σ′, σ″, σ‴ of every layer. */
  protected forwardWithSlopes(theta: Float64Array, i: number): void {
    const { layers, L } = this;
    const { a, da, d2a, z, dz, d2z, s1, s2, s3 } = this.buffers;
    a[0][0] = this.points.x[i];
    da[0][0] = 1;
    d2a[0][0] = 0;
    for (let l = 1; l <= L; l++) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      const wOff = this.wOffset[l];
      const bOff = this.bOffset[l];
      // prettier-ignore
      const aIn = a[l - 1], daIn = da[l - 1], d2aIn = d2a[l - 1];
      // prettier-ignore
      const zl = z[l], dzl = dz[l], d2zl = d2z[l];
      for (let r = 0; r < nOut; r++) {
        let sum = theta[bOff + r],
          dsum = 0,
          d2sum = 0;
        const row = wOff + r * nIn;
        for (let c = 0; c < nIn; c++) {
          const w = theta[row + c];
          sum += w * aIn[c];
          dsum += w * daIn[c];
          d2sum += w * d2aIn[c];
        }
        zl[r] = sum;
        dzl[r] = dsum;
        d2zl[r] = d2sum;
      }
      // prettier-ignore
      const sl1 = s1[l], sl2 = s2[l], sl3 = s3[l];
      this.activations[l](0, nOut, zl, a[l], sl1, sl2, sl3);
      // prettier-ignore
      const dal = da[l], d2al = d2a[l];
      for (let r = 0; r < nOut; r++) {
        // a′ = σ′ z′, a″ = σ″ z′² + σ′ z″
        dal[r] = sl1[r] * dzl[r];
        d2al[r] = sl2[r] * dzl[r] * dzl[r] + sl1[r] * d2zl[r];
      }
    }
  }

  /**
   * target[offset + j] ← ∂q/∂θ_j for q = seed·(v, v′, v″) of the last forwardWithSlopes: reverse mode
   * through a = σ(z), a′ = σ′(z) z′, a″ = σ″(z) z′² + σ′(z) z″ and z = W a + b, z′ = W a′, z″ = W a″.
   */
  protected backwardWithSlopes(
    theta: Float64Array,
    seed: [number, number, number],
    target: Float64Array,
    offset: number,
  ): void {
    const { layers, L } = this;
    const { a, da, d2a, dz, d2z, s1, s2, s3, abar, dabar, d2abar, zbar, dzbar, d2zbar } = this.buffers;
    abar[L][0] = seed[0];
    dabar[L][0] = seed[1];
    d2abar[L][0] = seed[2];
    for (let l = L; l >= 1; l--) {
      const nIn = layers[l - 1];
      const nOut = layers[l];
      // prettier-ignore
      const ab = abar[l], dab = dabar[l], d2ab = d2abar[l];
      // prettier-ignore
      const zb = zbar[l], dzb = dzbar[l], d2zb = d2zbar[l];
      // prettier-ignore
      const sl1 = s1[l], sl2 = s2[l], sl3 = s3[l], dzl = dz[l], d2zl = d2z[l];
      for (let r = 0; r < nOut; r++) {
        const zp = dzl[r];
        d2zb[r] = d2ab[r] * sl1[r];
        dzb[r] = dab[r] * sl1[r] + 2 * d2ab[r] * sl2[r] * zp;
        zb[r] = ab[r] * sl1[r] + dab[r] * sl2[r] * zp + d2ab[r] * (sl3[r] * zp * zp + sl2[r] * d2zl[r]);
      }
      const wOff = offset + this.wOffset[l];
      const bOff = offset + this.bOffset[l];
      // prettier-ignore
      const aIn = a[l - 1], daIn = da[l - 1], d2aIn = d2a[l - 1];
      for (let r = 0; r < nOut; r++) {
        const row = wOff + r * nIn;
        // prettier-ignore
        const g0 = zb[r], g1 = dzb[r], g2 = d2zb[r];
        for (let c = 0; c < nIn; c++) target[row + c] = g0 * aIn[c] + g1 * daIn[c] + g2 * d2aIn[c];
        target[bOff + r] = g0;
      }
      if (l > 1) {
        const thetaW = this.wOffset[l];
        // prettier-ignore
        const below = abar[l - 1], dbelow = dabar[l - 1], d2below = d2abar[l - 1];
        for (let c = 0; c < nIn; c++) {
          let s = 0,
            ds = 0,
            d2s = 0;
          for (let r = 0; r < nOut; r++) {
            const w = theta[thetaW + r * nIn + c];
            s += w * zb[r];
            ds += w * dzb[r];
            d2s += w * d2zb[r];
          }
          below[c] = s;
          dbelow[c] = ds;
          d2below[c] = d2s;
        }
      }
    }
  }
}

const SEED_VX: [number, number, number] = [0, 1, 0];
const SEED_VXX: [number, number, number] = [0, 0, 1];

/** A network of one input variable: also v′, v″ and their exact θ-Jacobians. */
export class Mlp1DModel extends MlpModel implements DifferentiableModel {
  derivatives(theta: Float64Array, out: DerivativeBuffers): void {
    const p = this.p;
    const { a, da, d2a } = this.buffers;
    const L = a.length - 1;
    for (let i = 0; i < this.m; i++) {
      this.forwardWithSlopes(theta, i);
      out.v[i] = a[L][0];
      out.vx[i] = da[L][0];
      out.vxx[i] = d2a[L][0];
      this.backward(theta, 1, out.J, i * p, false); // v alone: plain backpropagation
      this.backwardWithSlopes(theta, SEED_VX, out.Jx, i * p);
      this.backwardWithSlopes(theta, SEED_VXX, out.Jxx, i * p);
    }
  }

  derivativeHessianContraction(
    theta: Float64Array,
    c0: Float64Array,
    c1: Float64Array,
    c2: Float64Array,
    out: Float64Array,
  ): void {
    this.hessianWork(3).contract(theta, this.points.x, this.m, [c0, c1, c2], out);
  }
}
