// Named optimizer presets (docs/SCENARIO.md): the methods the paper compares and the baselines
// practitioners use. Each returns a fresh spec, so callers may edit it.

import type { OptimizerSpec } from './types';

export type OptimizerPresetName =
  | 'gd'
  | 'heavy-ball'
  | 'nesterov'
  | 'adam'
  | 'lbfgs'
  | 'ngd'
  | 'nhgd'
  | 'newton'
  | 'natural-heavy-ball'
  | 'natural-nesterov';

type PresetFields = Omit<OptimizerSpec, 'id'>;

const PRESETS: Record<OptimizerPresetName, PresetFields> = {
  gd: { label: 'GD', preconditioner: 'identity', momentum: 'none', alpha: 0.1 },
  'heavy-ball': {
    label: 'Heavy-Ball',
    preconditioner: 'identity',
    momentum: 'heavy-ball',
    alpha: 0.1,
    beta: 0.9,
    transport: 'parameter',
  },
  nesterov: {
    label: 'Nesterov',
    preconditioner: 'identity',
    momentum: 'nesterov',
    alpha: 0.1,
    beta: 0.9,
    transport: 'parameter',
  },
  adam: { label: 'Adam', preconditioner: 'adam', alpha: 1e-2, beta1: 0.9, beta2: 0.999, adamEps: 1e-8 },
  lbfgs: { label: 'L-BFGS', preconditioner: 'lbfgs', alpha: 1, history: 10, lineSearch: 'strong-wolfe' },
  ngd: { label: 'NGD', preconditioner: 'gram', momentum: 'none', alpha: 0.5 },
  nhgd: { label: 'NHGD', preconditioner: 'loss-hessian', momentum: 'none', alpha: 0.5 },
  newton: { label: 'Newton', preconditioner: 'newton', momentum: 'none', alpha: 1 },
  'natural-heavy-ball': {
    label: 'Natural Heavy-Ball',
    preconditioner: 'loss-hessian',
    momentum: 'heavy-ball',
    alpha: 0.3,
    beta: 0.9,
    transport: 'projected-difference',
  },
  'natural-nesterov': {
    label: 'Natural Nesterov',
    preconditioner: 'loss-hessian',
    momentum: 'nesterov',
    alpha: 0.3,
    beta: 0.9,
    transport: 'projected-difference',
    lookahead: 'tangent-k',
  },
};

export const OPTIMIZER_PRESET_NAMES: OptimizerPresetName[] = [
  'gd',
  'heavy-ball',
  'nesterov',
  'adam',
  'lbfgs',
  'ngd',
  'nhgd',
  'newton',
  'natural-heavy-ball',
  'natural-nesterov',
];

export function isOptimizerPresetName(name: string): name is OptimizerPresetName {
  return Object.hasOwn(PRESETS, name);
}

/** A fresh spec of the named preset; `id` defaults to the preset name. */
export function optimizerFromPreset(name: OptimizerPresetName, id: string = name): OptimizerSpec {
  const fields = PRESETS[name];
  return { id, ...structuredClone(fields) };
}
