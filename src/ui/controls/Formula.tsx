// KaTeX rendering of an optimizer's update rule (display math, one line each).

import { memo, useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';
import type { ResolvedOptimizer } from '../../engine/scenario/types';
import { optimizerFormulaHtml, optimizerMethodName } from '../optimizerFormula';

/** One module-level renderer, so optimizerFormulaHtml's cache renders each distinct line once. */
const renderLine = (tex: string): string =>
  katex.renderToString(tex, { displayMode: true, throwOnError: false, output: 'html' });

export const OptimizerFormula = memo(function OptimizerFormula({ optimizer }: { optimizer: ResolvedOptimizer }) {
  const html = useMemo(() => optimizerFormulaHtml(optimizer, renderLine), [optimizer]);
  return (
    <div
      className="optimizer-formula"
      role="math"
      aria-label={`Update rule: ${optimizerMethodName(optimizer)}`}
      data-testid="optimizer-formula"
      // KaTeX output built from our own TeX strings (no user text enters them).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
});
