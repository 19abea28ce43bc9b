// A fully connected network with vector input and output, y = N_w(x): layers [n_0, …, n_L], hidden
// activation σ, identity output. Parameter layout as models/mlp.ts (per layer ℓ: W_ℓ (n_ℓ × n_{ℓ−1})
// row-major, then b_ℓ), and the same activations and counts; models/mlp.ts is a scalar-output model over
// points, so the decoder of the reduced-order model has this vector-valued sibling.
//
// Two derivatives, both exact:
//  - weightGradient: Σ_s ½‖N_w(x_s) − y_s‖² and its gradient in w by backpropagation (offline training);
//  - inputJacobian: ∂N/∂x (n_L × n_0) by forward propagation of the identity (online fitting).

import type { Activation } from '../scenario/types';
import type { LayerActivation } from '../models/activations';
import { mlpLayout, mlpParameterCount } from '../models/mlpLayout';

export class VectorNetwork {
  readonly p: number;
  readonly inputSize: number;
  readonly outputSize: number;
  private readonly L: number;
  private readonly wOffset: number[];
  private readonly bOffset: number[];
  private readonly activations: LayerActivation[];
  // per-layer buffers (index ℓ = 0..L): activations, slopes σ′, adjoints, forward-mode tangents
  private readonly a: Float64Array[];
  private readonly z: Float64Array[];
  private readonly slope: Float64Array[];
  private readonly adjoint: Float64Array[];
  private readonly tangent: Float64Array[];

  constructor(
    readonly layers: readonly number[],
    activation: Activation,
  ) {
    if (layers.length < 2 || layers.some((n) => !(Number.isInteger(n) && n >= 1))) {
      throw new Error(`network: layers must be at least two positive integers, got [${layers.join(', ')}]`);
    }
    this.L = layers.length - 1;
    this.inputSize = layers[0];
    this.outputSize = layers[this.L];
    this.p = mlpParameterCount([...layers]);
    ({
      wOffset: this.wOffset,
      bOffset: this.bOffset,
      activations: this.activations,
    } = mlpLayout(layers, activation, 'identity'));
    const make = (width: (n: number) => number) => layers.map((n) => new Float64Array(width(n)));
    this.a = make((n) => n);
    this.z = make((n) => n);
    this.slope = make((n) => n);
    this.adjoint = make((n) => n);
    this.tangent = make((n) => n * this.inputSize);
  }

  /** y ← N_w(x); keeps activations and slopes for a following backward pass. */
  forward(w: Float64Array, x: Float64Array, y: Float64Array): void {
    this.forwardFrom(w, x, 0);
    y.set(this.a[this.L]);
  }

  /** The forward pass from the input x[offset .. offset + n_0); the output stays in a_L. */
  private forwardFrom(w: Float64Array, x: Float64Array, offset: number): void {
    const { a, z, slope, layers, L } = this;
    const a0 = a[0];
    for (let k = 0; k < this.inputSize; k++) a0[k] = x[offset + k];
    for (let l = 1; l <= L; l++) {
      const nIn = layers[l - 1];
      const aIn = a[l - 1];
      const zl = z[l];
      const wOff = this.wOffset[l];
      const bOff = this.bOffset[l];
      for (let r = 0; r < layers[l]; r++) {
        let sum = w[bOff + r];
        const row = wOff + r * nIn;
        for (let c = 0; c < nIn; c++) sum += w[row + c] * aIn[c];
        zl[r] = sum;
      }
      this.activations[l](0, layers[l], zl, a[l], slope[l], null, null);
    }
  }

  /**
   * Σ_s ½‖N_w(x_s) − y_s‖² over `count` samples (inputs count × n_0, targets count × n_L, row-major);
   * with `gradient`, also its gradient in w.
   */
  squaredError(
    w: Float64Array,
    inputs: Float64Array,
    targets: Float64Array,
    count: number,
    gradient: Float64Array | null,
  ): number {
    const { layers, L, a, adjoint, slope, inputSize, outputSize } = this;
    if (gradient !== null) gradient.fill(0);
    const out = a[L];
    let total = 0;
    for (let s = 0; s < count; s++) {
      this.forwardFrom(w, inputs, s * inputSize);
      const targetOffset = s * outputSize;
      const top = adjoint[L];
      for (let r = 0; r < outputSize; r++) {
        const residual = out[r] - targets[targetOffset + r];
        total += residual * residual;
        top[r] = residual; // identity output: ∂/∂z_L = residual
      }
      if (gradient === null) continue;
      for (let l = L; l >= 1; l--) {
        const nIn = layers[l - 1];
        const nOut = layers[l];
        const wOff = this.wOffset[l];
        const bOff = this.bOffset[l];
        const delta = adjoint[l];
        const aIn = a[l - 1];
        const below = adjoint[l - 1];
        if (l > 1) below.fill(0, 0, nIn);
        for (let r = 0; r < nOut; r++) {
          const dr = delta[r];
          const row = wOff + r * nIn;
          for (let c = 0; c < nIn; c++) gradient[row + c] += dr * aIn[c];
          gradient[bOff + r] += dr;
          if (l > 1) for (let c = 0; c < nIn; c++) below[c] += w[row + c] * dr;
        }
        if (l > 1) {
          const slopeBelow = slope[l - 1];
          for (let c = 0; c < nIn; c++) below[c] *= slopeBelow[c];
        }
      }
    }
    return 0.5 * total;
  }

  /** y ← N_w(x) and J ← ∂N/∂x (n_L × n_0, row-major): the tangents T_ℓ = diag(σ′) W_ℓ T_{ℓ−1}, T_0 = I. */
  inputJacobian(w: Float64Array, x: Float64Array, y: Float64Array, J: Float64Array): void {
    this.forward(w, x, y);
    const { layers, L, slope, tangent, inputSize: n0 } = this;
    const T0 = tangent[0];
    T0.fill(0);
    for (let k = 0; k < n0; k++) T0[k * n0 + k] = 1;
    for (let l = 1; l <= L; l++) {
      const nIn = layers[l - 1];
      const below = tangent[l - 1];
      const Tl = l === L ? J : tangent[l];
      const sl = slope[l];
      for (let r = 0; r < layers[l]; r++) {
        const row = this.wOffset[l] + r * nIn;
        for (let k = 0; k < n0; k++) {
          let sum = 0;
          for (let c = 0; c < nIn; c++) sum += w[row + c] * below[c * n0 + k];
          Tl[r * n0 + k] = sl[r] * sum;
        }
      }
    }
  }
}
