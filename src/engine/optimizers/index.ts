// The optimizer a resolved option set names: Adam, L-BFGS, or the staged preconditioned methods
// (docs/ALGORITHMS.md §3–4).
import type { Objective } from '../problems/objective';
import type { ResolvedOptimizer } from '../scenario/types';
import { AdamOptimizer } from './adam';
import { LbfgsOptimizer } from './lbfgs';
import { StagedOptimizer, type OptimizerSettings } from './natural';
import type { Optimizer } from './types';

export type { Optimizer, StepReport, StepStop } from './types';
export type { OptimizerSettings } from './natural';
export { divergedReason, isStop } from './types';

export function createOptimizer(
  objective: Objective,
  options: ResolvedOptimizer,
  theta0: Float64Array,
  settings: OptimizerSettings = {},
): Optimizer {
  switch (options.preconditioner) {
    case 'adam':
      return new AdamOptimizer(objective, options, theta0);
    case 'lbfgs':
      return new LbfgsOptimizer(objective, options, theta0);
    default:
      return new StagedOptimizer(objective, options, theta0, settings);
  }
}
