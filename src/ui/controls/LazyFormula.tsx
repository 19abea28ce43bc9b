// The optimizer's update rule, with KaTeX (≈ 75 KB gzipped, and its fonts) loaded after the first plot
// rather than with the page (its evaluation would compete with the first batch's draws): until it
// arrives, the method's name stands in the formula's place.

import type { ResolvedOptimizer } from '../../engine/scenario/types';
import { optimizerMethodName } from '../optimizerFormula';
import { lazyPart } from '../lazyPart';
import { afterFirstPlot } from '../afterFirstPlot';

const formula = lazyPart<{ optimizer: ResolvedOptimizer }>(
  () => afterFirstPlot().then(() => import('./Formula').then((module) => module.OptimizerFormula)),
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
