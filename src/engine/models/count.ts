// Parameter counts and names of every model (docs/SCENARIO.md "Parameter order").

import type { ModelSpec } from '../scenario/types';
import { toyParameterCount } from './toy';
import { mlpParameterCount, mlpParameterNames } from './mlpLayout';
import { tensorParameterCount, tensorParameterNames } from './tensor';
import { ROM_DEFAULTS } from '../rom/config';

/** p for a model on inputs of dimension inputDim (the number of input variables). */
export function parameterCount(spec: ModelSpec, inputDim: number): number {
  void inputDim; // every model's p follows from its spec (mlp: layers[0] is the input dimension)
  switch (spec.kind) {
    case 'toy':
      return toyParameterCount(spec.name, spec.params);
    case 'linear':
      return spec.n;
    case 'mlp':
      return mlpParameterCount(spec.layers);
    case 'tensor':
      return tensorParameterCount(spec.rank, spec.n);
    case 'expression':
      return spec.params.length;
    case 'rom':
      return spec.modes ?? ROM_DEFAULTS.modes;
  }
}

/** Display names in parameter order, e.g. "W1[0,0]", "b1[0]", "θ0", "A0[2]", "a". */
export function parameterNames(spec: ModelSpec, inputDim: number): string[] {
  const p = parameterCount(spec, inputDim);
  switch (spec.kind) {
    case 'toy':
      return p === 1 ? ['θ'] : Array.from({ length: p }, (_, j) => `θ${j}`);
    case 'linear':
    case 'rom':
      return Array.from({ length: p }, (_, j) => `θ${j}`);
    case 'mlp':
      return mlpParameterNames(spec.layers);
    case 'tensor':
      return tensorParameterNames(spec.rank, spec.n);
    case 'expression':
      return [...spec.params];
  }
}
