// The optimizer's update rule, with KaTeX (≈ 75 KB gzipped, and its fonts) loaded on first use rather
// than with the page: until it arrives, the method's name stands in the formula's place.

import type { ResolvedOptimizer } from '../../engine/scenario/types';
import { optimizerMethodName } from '../optimizerFormula';
import { lazyPart } from '../lazyPart';

const formula = lazyPart<{ optimizer: ResolvedOptimizer }>(
  () => import('./Formula').then((module) => module.OptimizerFormula),
  'the formula',
  ({ optimizer }) => (
    <div
      className="optimizer-formula formula-loading"
      role="math"
      aria-label={`Update rule: ${optimizerMethodName(optimizer)}`}
      aria-busy="true"
      data-testid="optimizer-formula"
    >
      {optimizerMethodName(optimizer)}
    </div>
  ),
);

export const OptimizerFormula = formula.Component;
export const preloadFormula = formula.preload;
