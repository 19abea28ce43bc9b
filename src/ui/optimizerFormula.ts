// The update rule of an optimizer as TeX (ALGORITHMS.md §3–4), shown beside it with KaTeX. Built from the
// resolved options, so the formula always says what the engine runs.

import type { ResolvedOptimizer } from '../engine/scenario/types';

/** The matrix S of the preconditioner (null for identity; Adam and L-BFGS have their own rules). */
export function preconditionerTex(preconditioner: ResolvedOptimizer['preconditioner'], at = 'k'): string | null {
  switch (preconditioner) {
    case 'identity':
      return null;
    case 'gram':
      return `G_{${at}}`;
    case 'loss-hessian':
      return `G^{H}_{${at}}`;
    case 'newton':
      return `H_{${at}}`;
    default:
      return null;
  }
}

/** S⁻¹∇L written with the regularisation of the solver. */
function solve(S: string | null, rhs: string, solver: ResolvedOptimizer['solver']): string {
  if (S === null) return rhs;
  switch (solver.kind) {
    case 'cholesky':
      return `(${S} + \\sigma I)^{-1} ${rhs}`;
    case 'pinv':
      return `${S}^{+} ${rhs}`;
    case 'lstsq':
      return `${S}^{+} ${rhs}`;
  }
}

function stepTex(o: ResolvedOptimizer): string {
  return o.step.rule === 'armijo' ? '\\alpha_k' : '\\alpha';
}

function momentumTex(o: ResolvedOptimizer): string {
  switch (o.transport) {
    case 'parameter':
      return 'm_k = \\theta_k - \\theta_{k-1}';
    case 'projected-momentum':
      return 'm_k = G_k^{-1} J_k^{\\top} M_V J_{k-1}\\, p_{k-1}';
    case 'projected-difference':
      return 'm_k = G_k^{-1} J_k^{\\top} M_V \\big(v(\\theta_k) - v(\\theta_{k-1})\\big)';
  }
}

/** TeX lines (each one display) of the update rule. */
export function optimizerFormulaLines(o: ResolvedOptimizer): string[] {
  const a = stepTex(o);
  if (o.preconditioner === 'adam') {
    return [
      'g_k = \\nabla L(\\theta_k),\\; m_k = \\beta_1 m_{k-1} + (1-\\beta_1) g_k,\\; v_k = \\beta_2 v_{k-1} + (1-\\beta_2) g_k^{2}',
      `\\theta_{k+1} = \\theta_k - ${a}\\, \\frac{\\hat m_k}{\\sqrt{\\hat v_k} + \\varepsilon}`,
    ];
  }
  if (o.preconditioner === 'lbfgs') {
    return [`\\theta_{k+1} = \\theta_k - \\alpha_k\\, B_k^{-1} \\nabla L(\\theta_k),\\quad B_k \\text{ from the last ${o.history} steps}`];
  }
  const S = preconditionerTex(o.preconditioner);
  const lines: string[] = [];
  if (o.momentum === 'none') {
    lines.push(`\\theta_{k+1} = \\theta_k - ${a}\\, ${solve(S, '\\nabla L(\\theta_k)', o.solver)}`);
  } else if (o.momentum === 'heavy-ball') {
    lines.push(`\\theta_{k+1} = \\theta_k + \\beta m_k - ${a}\\, ${solve(S, '\\nabla L(\\theta_k)', o.solver)}`);
    lines.push(momentumTex(o));
  } else {
    let d: string;
    if (S === null) d = '\\nabla L(y_k)';
    else if (o.lookahead === 'tangent-k') d = solve(S, "J_k^{\\top} \\mathcal{L}'\\big(v(y_k)\\big)", o.solver);
    else d = solve(preconditionerTex(o.preconditioner, 'y_k'), '\\nabla L(y_k)', o.solver);
    lines.push(`y_k = \\theta_k + \\beta m_k,\\quad \\theta_{k+1} = y_k - ${a}\\, ${d}`);
    lines.push(momentumTex(o));
  }
  const notes: string[] = [];
  if (o.step.rule === 'armijo') notes.push('\\alpha_k \\text{ by Armijo backtracking}');
  if (o.restart === 'function' && o.momentum !== 'none') notes.push('m_{k+1} = 0 \\text{ if } L \\text{ increases}');
  if (notes.length > 0) lines.push(notes.join(',\\quad '));
  return lines;
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
  if (o.momentum === 'nesterov') return `${base} with Nesterov momentum (${o.transport} transport, look-ahead ${o.lookahead})`;
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
