// Models (approximation manifolds): construction from a scenario's model spec, parameter counts, names
// and initial parameters. See model.ts for the interfaces.

import type { Domain, ModelSpec } from '../scenario/types';
import type { Model, PointSet } from './model';
import { createToyModel } from './toy';
import { LinearModel } from './linear';
import { Mlp1DModel, MlpModel } from './mlp';
import { CpTensorModel } from './tensor';
import { createExpressionModel } from './expression';

export type { Model, DifferentiableModel, DerivativeBuffers, PointSet } from './model';
export { hasDerivatives } from './model';
export { parameterCount, parameterNames } from './count';
export { initialTheta } from './init';
export { basisValues, referenceMap } from './bases';
export { checkExpressionModel, type ExpressionModelError } from './expression';
export {
  hessianByFiniteDifferences,
  finiteDifferenceStep,
  createFiniteDifferenceWork,
  type FiniteDifferenceWork,
} from './finiteDifferences';
export { checkMlpLayers } from './mlpLayout';

/**
 * The model bound to `points` (sampled spaces). Exact-space toys ignore points and domain (m = 2).
 * Linear and tensor models precompute their basis matrices on the points: after the points change
 * (resampling), create the model again. Throws an Error with a precise message on a bad spec.
 */
export function createModel(spec: ModelSpec, points: PointSet | null, domain: Domain): Model {
  if (spec.kind === 'toy') return createToyModel(spec.name, spec.params);
  if (points === null) throw new Error(`model: a ${spec.kind} model needs sample points (a sampled space)`);
  switch (spec.kind) {
    case 'linear':
      return new LinearModel(spec.basis, spec.n, points, domain);
    case 'mlp': {
      // One input: the x-derivatives (h1 and PDE losses) come with the network.
      const { layers, activation, output = 'identity' } = spec;
      return points.d === 1
        ? new Mlp1DModel(layers, activation, output, points)
        : new MlpModel(layers, activation, output, points);
    }
    case 'tensor':
      if (spec.format !== 'cp') throw new Error(`model.format: unknown tensor format '${String(spec.format)}'`);
      return new CpTensorModel(spec.rank, spec.basis, spec.n, points, domain);
    case 'expression':
      return createExpressionModel(spec, points);
    case 'rom':
      throw new Error('internal: rom models need their offline stage (problems/rom.ts builds them)');
  }
}
