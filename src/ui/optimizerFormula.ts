// The update rule of an optimizer rendered with KaTeX beside it (its TeX comes from the engine's field
// table, docs/ALGORITHMS.md §3–4), and its plain-text name for screen readers.

import type { ResolvedOptimizer } from '../engine/scenario/types';
import { updateRuleTex } from '../engine/scenario/updateRule';

/** TeX lines of the update rule (the engine assembles them from the field table's fragments). */
export function optimizerFormulaLines(o: ResolvedOptimizer): string[] {
  return updateRuleTex(o);
}

/** One-line plain-text name of the method (accessible label of the formula). */
export function optimizerMethodName(o: ResolvedOptimizer): string {
  if (o.preconditioner === 'adam') return 'Adam';
  if (o.preconditioner === 'lbfgs') return 'L-BFGS';
  const metric: Record<string, string> = {
    identity: 'gradient descent',
    gram: 'natural gradient (Gram metric)',
    'loss-hessian': 'natural gradient (loss-Hessian metric)',
    newton: 'Newton',
  };
  const base = metric[o.preconditioner] ?? o.preconditioner;
  if (o.momentum === 'heavy-ball') return `${base} with heavy-ball momentum (${o.transport} transport)`;
  if (o.momentum === 'nesterov')
    return `${base} with Nesterov momentum (${o.transport} transport, look-ahead ${o.lookahead})`;
  return base;
}

/** Rendered formula lines by renderer and TeX: presets share most update rules, and a preset switch re-renders every formula. */
const renderedLines = new WeakMap<(tex: string) => string, Map<string, string>>();
const MAX_CACHED_LINES = 500;

/**
 * The update rule of `o` rendered line by line with `renderLine` (e.g. KaTeX's renderToString with fixed
 * options) and joined; each distinct TeX line is rendered once per renderer. Pass a module-level renderer
 * (the cache is keyed by its identity).
 */
export function optimizerFormulaHtml(o: ResolvedOptimizer, renderLine: (tex: string) => string): string {
  let cache = renderedLines.get(renderLine);
  if (!cache) renderedLines.set(renderLine, (cache = new Map()));
  let html = '';
  for (const tex of optimizerFormulaLines(o)) {
    let line = cache.get(tex);
    if (line === undefined) {
      line = renderLine(tex);
      if (cache.size >= MAX_CACHED_LINES) cache.clear();
      cache.set(tex, line);
    }
    html += line;
  }
  return html;
}
