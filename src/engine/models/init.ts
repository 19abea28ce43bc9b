// Initial parameters (docs/SCENARIO.md "init"): an explicit theta0, or a seeded random start.
// mlp: the weights and biases of layer ℓ uniform(±scale/√fan_in) with fan_in = n_{ℓ−1} (PyTorch's default),
// drawn in parameter order; every other model: uniform(−scale, scale) in parameter order.
// Start i of an ensemble uses Rng(seed + i).

import type { InitSpec, ModelSpec } from '../scenario/types';
import { Rng } from '../random';
import { parameterCount } from './count';

/** Scale of a seeded random start when `init.scale` is omitted. */
export const DEFAULT_INIT_SCALE = 1;

/**
 * θ_0 for `spec` (p = parameterCount(spec, inputDim)). theta0 given: a copy (seedIndex ignored; its length is
 * the caller's to validate, since problems may append parameters to the model's). `extraParameters` more
 * values uniform(−scale, scale) are drawn after the model's — for problem-level parameters appended to θ
 * (the nonlinear PDE ansatz's c and a) — so that the model's own draws do not depend on them.
 */
export function initialTheta(
  spec: ModelSpec,
  init: InitSpec,
  seedIndex: number,
  inputDim: number,
  extraParameters = 0,
): Float64Array {
  if ('theta0' in init) return Float64Array.from(init.theta0);
  if ('fit' in init) throw new Error('internal: a fitted start comes from the problem (BuiltProblem.start)');
  const scale = init.scale ?? DEFAULT_INIT_SCALE;
  const rng = new Rng(init.seed + seedIndex);
  const p = parameterCount(spec, inputDim);
  const theta = new Float64Array(p + extraParameters);
  if (spec.kind === 'mlp') {
    const layers = spec.layers;
    let offset = 0;
    for (let l = 1; l < layers.length; l++) {
      const bound = scale / Math.sqrt(layers[l - 1]);
      const count = layers[l] * (layers[l - 1] + 1); // W_ℓ then b_ℓ
      for (let k = 0; k < count; k++) theta[offset + k] = rng.uniform(-bound, bound);
      offset += count;
    }
  } else {
    for (let j = 0; j < p; j++) theta[j] = rng.uniform(-scale, scale);
  }
  for (let j = p; j < p + extraParameters; j++) theta[j] = rng.uniform(-scale, scale);
  return theta;
}
