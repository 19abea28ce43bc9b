import type { Objective } from '../problems/objective';
import type { ResolvedOptimizer } from '../scenario/types';
import { AdamOptimizer } from './adam';
import { LbfgsOptimizer } from './lbfgs';
import { UpdateEngine, type EngineSettings } from './natural';
import type { Optimizer } from './types';

export type { Optimizer, StepReport, StepStop } from './types';
export { isStop } from './types';

export function createOptimizer(
  objective: Objective,
  options: ResolvedOptimizer,
  theta0: Float64Array,
  settings: EngineSettings = {},
): Optimizer {
  switch (options.preconditioner) {
    case 'adam':
      return new AdamOptimizer(objective, options, theta0);
    case 'lbfgs':
      return new LbfgsOptimizer(objective, options, theta0);
    default:
      return new UpdateEngine(objective, options, theta0, settings);
  }
}
