// The decoder of the nonlinear reduced-order model: D: ℝⁿ → ℝ^{N−n}, from the first n POD coefficients of
// a state to the next N − n, learned offline from the snapshots' coefficients.
//
//   D(θ) = s_out · N_w((θ − μ) ⊘ σ)
//
// with μ, σ the mean and standard deviation of the training inputs (per coefficient) and s_out the
// root-mean-square of the training outputs (one scale for all of them, so that the training loss weighs
// every output coefficient as the L2 error of the state does). Weights start from Rng(seed) (uniform
// ±1/√fan_in, models/init.ts) and are trained by L-BFGS (or Adam) with the engine's optimizers: the same seed and
// options give the same weights bit for bit.

import { initialTheta } from '../models/init';
import type { Activation } from '../scenario/types';
import { VectorNetwork } from './network';
import { ScalarObjective } from './train';
import { createOptimizer, isStop, type Optimizer } from '../optimizers';
import { resolveOptimizer } from '../scenario/defaults';
import type { OptimizerSpec } from '../scenario/types';

export interface DecoderOptions {
  hidden: number[];
  activation: Activation;
  seed: number;
  iterations: number;
  optimizer: 'lbfgs' | 'adam';
}

export interface TrainingData {
  /** count × n inputs (the first n POD coefficients). */
  inputs: Float64Array;
  /** count × (N − n) targets (the remaining coefficients). */
  targets: Float64Array;
  count: number;
  n: number;
  outputs: number;
}

export interface TrainingReport {
  iterations: number;
  /** Root-mean-square training error of the outputs, in coefficient units. */
  rmsError: number;
  losses: number[];
  /** Why a step failed, when one did (the weights are then the last good ones). */
  stopReason?: string;
}

export class Decoder {
  readonly n: number;
  readonly outputs: number;
  private readonly scaledInput: Float64Array;
  private readonly networkOutput: Float64Array;
  private readonly networkJacobian: Float64Array;

  constructor(
    private readonly network: VectorNetwork,
    readonly weights: Float64Array,
    private readonly inputMean: Float64Array,
    private readonly inputScale: Float64Array,
    private readonly outputScale: number,
  ) {
    this.n = network.inputSize;
    this.outputs = network.outputSize;
    this.scaledInput = new Float64Array(this.n);
    this.networkOutput = new Float64Array(this.outputs);
    this.networkJacobian = new Float64Array(this.outputs * this.n);
  }

  private scale(theta: Float64Array): void {
    for (let k = 0; k < this.n; k++) this.scaledInput[k] = (theta[k] - this.inputMean[k]) / this.inputScale[k];
  }

  /** out (N − n) ← D(θ). */
  decode(theta: Float64Array, out: Float64Array): void {
    this.scale(theta);
    this.network.forward(this.weights, this.scaledInput, this.networkOutput);
    for (let r = 0; r < this.outputs; r++) out[r] = this.outputScale * this.networkOutput[r];
  }

  /** out ← D(θ) and J ← ∂D/∂θ ((N − n) × n, row-major): s_out · ∂N/∂x · diag(1/σ). */
  jacobian(theta: Float64Array, out: Float64Array, J: Float64Array): void {
    this.scale(theta);
    const { network, networkOutput, networkJacobian, n } = this;
    network.inputJacobian(this.weights, this.scaledInput, networkOutput, networkJacobian);
    for (let r = 0; r < this.outputs; r++) {
      out[r] = this.outputScale * networkOutput[r];
      for (let k = 0; k < n; k++) J[r * n + k] = (this.outputScale * networkJacobian[r * n + k]) / this.inputScale[k];
    }
  }
}

/**
 * The decoder's training as a stepper, so that a worker can train in slices between messages (a progress
 * bar, a cancel) and a script in one go: `step()` takes one optimizer step, `result()` builds the decoder.
 * Stepping to the end gives the same weights as runOptimizer would (train.ts): same start, same steps.
 */
export class DecoderTraining {
  readonly iterations: number;
  /** Steps taken (the step that failed, if one did, not counted). */
  k = 0;
  private stopReason: string | undefined;
  private readonly losses: number[] = [];
  private readonly objective: ScalarObjective;
  private readonly optimizer: Optimizer;
  private readonly previous: Float64Array;
  private readonly network: VectorNetwork;
  private readonly inputMean: Float64Array;
  private readonly inputScale: Float64Array;
  private readonly outputScale: number;
  private readonly outputs: number;

  constructor(data: TrainingData, options: DecoderOptions) {
    const { count, n, outputs } = data;
    this.iterations = options.iterations;
    this.outputs = outputs;
    this.inputMean = new Float64Array(n);
    this.inputScale = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      let sum = 0;
      for (let s = 0; s < count; s++) sum += data.inputs[s * n + k];
      const mean = sum / count;
      let square = 0;
      for (let s = 0; s < count; s++) {
        const d = data.inputs[s * n + k] - mean;
        square += d * d;
      }
      this.inputMean[k] = mean;
      this.inputScale[k] = Math.sqrt(square / count) || 1;
    }
    let outputSquare = 0;
    for (let i = 0; i < count * outputs; i++) outputSquare += data.targets[i] * data.targets[i];
    const outputScale = Math.sqrt(outputSquare / (count * outputs)) || 1;
    this.outputScale = outputScale;

    const scaledInputs = new Float64Array(count * n);
    for (let s = 0; s < count; s++) {
      for (let k = 0; k < n; k++)
        scaledInputs[s * n + k] = (data.inputs[s * n + k] - this.inputMean[k]) / this.inputScale[k];
    }
    const scaledTargets = data.targets.map((y) => y / outputScale);
    const layers = [n, ...options.hidden, outputs];
    const network = new VectorNetwork(layers, options.activation);
    this.network = network;
    const w0 = initialTheta({ kind: 'mlp', layers, activation: options.activation }, { seed: options.seed }, 0, n);
    // Mean over samples, so that the scale of the loss does not depend on their number.
    this.objective = new ScalarObjective(network.p, (w, gradient) => {
      const loss = network.squaredError(w, scaledInputs, scaledTargets, count, gradient) / count;
      if (gradient !== null) for (let j = 0; j < gradient.length; j++) gradient[j] /= count;
      return loss;
    });
    const spec: OptimizerSpec =
      options.optimizer === 'lbfgs'
        ? { id: 'decoder', preconditioner: 'lbfgs', history: 20, lineSearch: 'strong-wolfe' }
        : { id: 'decoder', preconditioner: 'adam', alpha: 1e-3 };
    this.optimizer = createOptimizer(this.objective, resolveOptimizer(spec), w0);
    this.previous = Float64Array.from(w0);
  }

  get done(): boolean {
    return this.stopReason !== undefined || this.k >= this.iterations;
  }

  /** One optimizer step; the loss it reports (NaN when the training has ended). */
  step(): number {
    if (this.done) return NaN;
    this.previous.set(this.optimizer.theta);
    const report = this.optimizer.step(this.k);
    if (isStop(report)) {
      this.stopReason = report.stop;
      return NaN;
    }
    this.losses.push(report.loss);
    this.k++;
    return report.loss;
  }

  /** The decoder with the weights reached (the last good ones when a step failed). */
  result(): { decoder: Decoder; report: TrainingReport } {
    const weights = Float64Array.from(this.stopReason === undefined ? this.optimizer.theta : this.previous);
    const finalLoss = this.objective.loss(weights);
    const decoder = new Decoder(this.network, weights, this.inputMean, this.inputScale, this.outputScale);
    const rmsError = this.outputScale * Math.sqrt((2 * finalLoss) / this.outputs);
    return { decoder, report: { iterations: this.k, rmsError, losses: this.losses, stopReason: this.stopReason } };
  }
}

/** Train a decoder on the data; `onStep(k, loss)` after every optimizer step (progress). */
export function trainDecoder(
  data: TrainingData,
  options: DecoderOptions,
  onStep?: (k: number, loss: number) => void,
): { decoder: Decoder; report: TrainingReport } {
  const training = new DecoderTraining(data, options);
  while (!training.done) {
    const loss = training.step();
    if (!Number.isNaN(loss)) onStep?.(training.k - 1, loss);
  }
  return training.result();
}
