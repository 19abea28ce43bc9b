// The parameter layout of a multilayer perceptron (docs/SCENARIO.md "Parameter order"): per layer ℓ,
// W_ℓ (n_ℓ × n_{ℓ−1}) row-major, then b_ℓ; the counts, names and offsets, shared by the network model
// (mlp.ts) and the reduced-order model's decoder (rom/network.ts).

import type { Activation } from '../scenario/types';
import { type LayerActivation, layerActivation } from './activations';

export type MlpOutput = 'identity' | 'sigmoid';

export function mlpParameterCount(layers: number[]): number {
  let p = 0;
  for (let l = 1; l < layers.length; l++) p += layers[l] * (layers[l - 1] + 1);
  return p;
}

export function mlpParameterNames(layers: number[]): string[] {
  const names: string[] = [];
  for (let l = 1; l < layers.length; l++) {
    for (let r = 0; r < layers[l]; r++) for (let c = 0; c < layers[l - 1]; c++) names.push(`W${l}[${r},${c}]`);
    for (let r = 0; r < layers[l]; r++) names.push(`b${l}[${r}]`);
  }
  return names;
}

export function checkMlpLayers(layers: number[], inputDim: number): string | null {
  if (!Array.isArray(layers) || layers.length < 2) return 'model.layers: needs at least an input and an output size';
  const bad = layers.findIndex((n) => !(Number.isInteger(n) && n >= 1));
  if (bad >= 0) return `model.layers[${bad}]: must be a positive integer`;
  if (layers[0] !== inputDim) return `model.layers[0]: must equal the input dimension ${inputDim}, got ${layers[0]}`;
  if (layers[layers.length - 1] !== 1) return `model.layers[${layers.length - 1}]: the output size must be 1`;
  return null;
}

/** Where W_ℓ and b_ℓ start in θ, and each layer's activation (index ℓ = 1..L; entry 0 unused). */
export function mlpLayout(
  layers: readonly number[],
  activation: Activation,
  output: MlpOutput,
): { wOffset: number[]; bOffset: number[]; activations: LayerActivation[] } {
  const wOffset = [0];
  const bOffset = [0];
  let offset = 0;
  for (let l = 1; l < layers.length; l++) {
    wOffset.push(offset);
    offset += layers[l] * layers[l - 1];
    bOffset.push(offset);
    offset += layers[l];
  }
  const hidden = layerActivation(activation);
  const activations = [hidden];
  for (let l = 1; l < layers.length; l++) activations.push(l === layers.length - 1 ? layerActivation(output) : hidden);
  return { wOffset, bOffset, activations };
}
