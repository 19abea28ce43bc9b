// Bounds a scenario must respect, and the parameter count they are checked against. Bounds keep a
// shared link from asking the page for more memory or time than a browser tab has.

import type { LossSpec, ModelSpec, Target } from './types';
import { datasetInputDim } from '../problems/datasets';
import { parameterCount } from '../models/count';

export const SCENARIO_VERSION = 1;
/** p × p doubles per Gram matrix: 2000 parameters need 32 MB each. */
export const MAX_PARAMETERS = 2000;
export const MAX_ITERATIONS = 100_000;
export const MAX_SEEDS = 64;
export const MIN_OPTIMIZERS = 1;
export const MAX_OPTIMIZERS = 12;
export const MAX_ID_LENGTH = 40;
export const MAX_LABEL_LENGTH = 80;
export const MAX_COLOR_LENGTH = 64;
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_EXPRESSION_LENGTH = 1000;
export const MIN_QUADRATURE_POINTS = 2;
export const MAX_QUADRATURE_POINTS = 20_000;
export const MIN_DATASET_SIZE = 2;
export const MAX_DATASET_SIZE = 20_000;
export const MAX_BASIS_SIZE = 200;
export const MIN_MLP_LAYERS = 2;
export const MAX_MLP_LAYERS = 6;
export const MAX_LBFGS_HISTORY = 100;
/** Rows of a toy's B (= its parameter count); Q has rows × 2 × rows entries. */
export const MAX_TOY_PARAMETERS = 20;
/** Dimension of the exact space of the toys (docs/ALGORITHMS.md §7). */
export const EXACT_SPACE_DIMENSION = 2;
/** Validation stops listing errors after this many (a junk array could otherwise yield millions). */
export const MAX_REPORTED_ERRORS = 50;

/** Extra trainable parameters a PDE ansatz appends after the network's (docs/ALGORITHMS.md §5: nonlinear adds c, a). */
export function ansatzExtraParameters(loss: LossSpec): number {
  return loss.kind === 'pde' && loss.equation === 'nonlinear' ? 2 : 0;
}

/** Number of network inputs: the dataset's feature count, else the domain's dimension (1 exact). */
export function inputDimension(space: 'exact' | 'sampled', domainDims: number, target: Target | undefined): number {
  if (space === 'exact') return 1;
  if (target?.kind === 'dataset') return datasetInputDim(target.name);
  return domainDims;
}

/** Length of θ: the model's parameters plus those a PDE ansatz appends (the order of `init.theta0`). */
export function scenarioParameterCount(model: ModelSpec, loss: LossSpec, inputDim: number): number {
  return parameterCount(model, inputDim) + ansatzExtraParameters(loss);
}

/** Memory of one p × p Float64 matrix, in words ("80 GB"). */
export function gramMemory(p: number): string {
  const bytes = p * p * 8;
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${formatAmount(bytes / size)} ${unit}`;
  }
  return `${bytes} bytes`;
}

function formatAmount(x: number): string {
  if (x >= 1e6) return x.toExponential(1);
  return x >= 10 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}
