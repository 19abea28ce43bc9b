// What an omitted optimizer field means. Scenarios keep only what was written; the engine runs the
// ResolvedOptimizer, whose every default comes from the field table (table/optimizer.ts).

import type { OptimizerSpec, ResolvedOptimizer } from './types';
import { OPTIMIZER_FIELDS } from './table/optimizer';
import { appliesIn, defaultOf, type FieldSpec, type VariantSpec } from './table/spec';

type Written = Record<string, unknown>;

/** Every default filled in. Adam and L-BFGS always resolve to momentum 'none' (it does not apply to them). */
export function resolveOptimizer(spec: OptimizerSpec): ResolvedOptimizer {
  const written = spec as unknown as Written;
  const resolved: Written = { id: spec.id, label: spec.label ?? spec.id, preconditioner: spec.preconditioner };
  for (const f of OPTIMIZER_FIELDS) {
    if (f.type === 'string' || Object.hasOwn(resolved, f.key)) continue;
    resolved[f.key] =
      f.type === 'variant' ? resolveVariant(f, written[f.key], spec) : (written[f.key] ?? defaultOf(f, spec));
  }
  // The table lists every field of ResolvedOptimizer (a unit test checks it).
  const result = resolved as unknown as ResolvedOptimizer;
  for (const f of OPTIMIZER_FIELDS) forceInapplicable(f, result, resolved);
  if (spec.color !== undefined) result.color = spec.color;
  return result;
}

function resolveVariant(
  f: VariantSpec<ResolvedOptimizer, OptimizerSpec>,
  value: unknown,
  spec: OptimizerSpec,
): Written {
  const written = (value ?? {}) as Written;
  const tag = (written[f.tag.key] ?? defaultOf(f.tag, spec)) as string;
  const out: Written = { [f.tag.key]: tag };
  for (const sub of f.variants[tag] ?? []) {
    if (sub.type !== 'string') out[sub.key] = written[sub.key] ?? defaultOf(sub, spec);
  }
  return out;
}

function forceInapplicable(
  f: FieldSpec<ResolvedOptimizer, OptimizerSpec>,
  o: ResolvedOptimizer,
  target: Written,
): void {
  if (f.type === 'enum' && f.inapplicableValue !== undefined && !appliesIn(f, o)) target[f.key] = f.inapplicableValue;
}
