// The update rule of an optimizer as TeX (docs/ALGORITHMS.md §3–4), assembled from the TeX fragments of the
// field table (table/optimizer.ts) for the resolved options, so that it always says what the engine runs.
// Equations form one aligned block (long rules break over lines); notes follow on a line of their own.
//
// Fragments are templates: `{name}` is the symbol of the field `name` ('{beta}' → '\beta', '{solver.eps}'
// → '\sigma'), `{=name}` its value; `{step}` is the step size with its factors, `{direction}` the
// preconditioned direction; in the preconditioner's symbol '@' is where the metric is evaluated.

import type { ResolvedOptimizer } from './types';
import { OPTIMIZER_FIELDS, type OptimizerField } from './table/optimizer';
import { appliesIn, type EnumSpec, type ScalarSpec, type TexFragment } from './table/spec';

type Optimizer = ResolvedOptimizer;
type Fragment = TexFragment & { rule?: string };
type OptimizerEnum = EnumSpec<Optimizer, never>;

function entry(key: string): OptimizerField {
  const f = OPTIMIZER_FIELDS.find((candidate) => candidate.key === key);
  if (f === undefined) throw new Error(`updateRule: no optimizer field '${key}'`);
  return f;
}

/** The field at a dotted key ('solver.eps'), looking into the variant the optimizer uses. */
function scalarAt(o: Optimizer, key: string): { spec: ScalarSpec<Optimizer, never>; value: unknown } | undefined {
  const [head, sub] = key.split('.');
  const f = OPTIMIZER_FIELDS.find((candidate) => candidate.key === head);
  if (f === undefined) return undefined;
  const value = (o as unknown as Record<string, unknown>)[head];
  if (f.type !== 'variant') return sub === undefined ? { spec: f as ScalarSpec<Optimizer, never>, value } : undefined;
  const written = value as Record<string, unknown>;
  if (sub === f.tag.key) return { spec: f.tag as ScalarSpec<Optimizer, never>, value: written[sub] };
  const spec = f.variants[String(written[f.tag.key])]?.find((s) => s.key === sub);
  return spec === undefined ? undefined : { spec: spec as ScalarSpec<Optimizer, never>, value: written[sub] };
}

/** The fragment of an enum field's current value. */
function valueFragment(o: Optimizer, key: string): Fragment {
  const at = scalarAt(o, key);
  if (at === undefined || at.spec.type !== 'enum') return {};
  return (at.spec as OptimizerEnum).tex?.[String(at.value)] ?? {};
}

function fill(template: string, o: Optimizer): string {
  return template.replace(/\{(=?)([a-zA-Z0-9.]+)\}/g, (whole, wantsValue: string, key: string) => {
    const at = scalarAt(o, key);
    if (at === undefined) return whole;
    if (wantsValue) return String(at.value);
    if (at.spec.type === 'number') return at.spec.tex?.symbol ?? whole;
    return at.spec.type === 'enum' ? fill(valueFragment(o, key).symbol ?? '', o) : whole;
  });
}

/** α, or α_k under a line search, times the factors of the fields that scale the step. */
function stepTex(o: Optimizer): string {
  const step = entry('step');
  let tex = appliesIn(step, o) ? fill(valueFragment(o, 'step.rule').symbol ?? '{alpha}', o) : fill('{alpha}', o);
  forEachApplying(o, (spec) => {
    if (spec.type === 'number' && spec.tex?.stepFactor) tex = `${spec.tex.stepFactor}\\,${tex}`;
  });
  return tex;
}

/** S⁻¹ applied to `rhs`, S evaluated at `at`, written with the solver's regularisation. */
function solve(o: Optimizer, at: string, rhs: string): string {
  const S = (valueFragment(o, 'preconditioner').symbol ?? '').replace('@', at);
  if (S === '') return rhs;
  const inverse = fill(valueFragment(o, 'solver.kind').rule ?? 'S^{-1}', o).replace('S', S);
  return `${inverse} ${rhs}`;
}

function directionTex(o: Optimizer): string {
  if (o.momentum !== 'nesterov') return solve(o, 'k', '\\nabla L(\\theta_k)');
  if (!appliesIn(entry('lookahead'), o)) return solve(o, 'y_k', '\\nabla L(y_k)');
  const rule = valueFragment(o, 'lookahead').rule ?? '';
  const match = /^\{solve:([^}]*)\}(.*)$/.exec(rule);
  return match === null ? rule : solve(o, match[1], match[2]);
}

/** Calls `visit` with every scalar field (variant fields included) that applies to `o`. */
function forEachApplying(o: Optimizer, visit: (spec: ScalarSpec<Optimizer, never>, value: unknown) => void): void {
  const record = o as unknown as Record<string, unknown>;
  for (const f of OPTIMIZER_FIELDS) {
    if (!appliesIn(f, o)) continue;
    if (f.type !== 'variant') {
      visit(f as ScalarSpec<Optimizer, never>, record[f.key]);
      continue;
    }
    const written = record[f.key] as Record<string, unknown>;
    visit(f.tag as ScalarSpec<Optimizer, never>, written[f.tag.key]);
    for (const sub of f.variants[String(written[f.tag.key])] ?? [])
      visit(sub as ScalarSpec<Optimizer, never>, written[sub.key]);
  }
}

/** TeX lines of the update rule: one aligned block of equations, then the notes (if any) on one line. */
export function updateRuleTex(o: Optimizer): string[] {
  const own = valueFragment(o, 'preconditioner').rule;
  const equations = [own ?? valueFragment(o, 'momentum').rule ?? ''];
  // With momentum, a preconditioned direction gets a line of its own, so that no line outgrows the card.
  const direction = directionTex(o);
  const named = own === undefined && o.momentum !== 'none' && (valueFragment(o, 'preconditioner').symbol ?? '') !== '';
  if (named) equations.push(`d_k &= ${direction}`);
  if (own === undefined && appliesIn(entry('transport'), o)) equations.push(valueFragment(o, 'transport').rule ?? '');
  const body = fill(equations.join(',\\\\ '), o)
    .replace('{step}', stepTex(o))
    .replace('{direction}', named ? 'd_k' : direction);
  const notes: string[] = [];
  forEachApplying(o, (spec, value) => {
    const note =
      spec.type === 'enum'
        ? (spec as OptimizerEnum).tex?.[String(value)]?.note
        : spec.type === 'number'
          ? spec.tex?.note
          : undefined;
    if (note) notes.push(fill(note, o));
  });
  const lines = [`\\begin{aligned}${body}\\end{aligned}`];
  if (notes.length > 0) lines.push(notes.join(',\\quad '));
  return lines;
}
