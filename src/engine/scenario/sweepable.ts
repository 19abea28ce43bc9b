// The fields a sweep may vary in a given scenario: every numeric field of the table with a sweep hint
// that applies here, with its path in the sweep syntax (docs/SCENARIO.md "Sweeps"), its label, how it is
// spaced, and the range a sweep starts from.

import type { Scenario } from './types';
import { resolveOptimizer } from './defaults';
import { OPTIMIZER_FIELDS } from './table/optimizer';
import { appliesIn, type ScalarSpec, type SweepScale } from './table/spec';
import { SCENARIO_GROUPS, locateField } from './paths';

export interface SweepableField {
  path: string;
  label: string;
  scale: SweepScale;
  integer: boolean;
  defaultRange: { from: number; to: number };
}

function entry(path: string, label: string, spec: ScalarSpec<never, never>): SweepableField[] {
  if (spec.type !== 'number' || spec.sweep === undefined) return [];
  const { scale, from, to } = spec.sweep;
  return [{ path, label, scale, integer: spec.rule.integer === true, defaultRange: { from, to } }];
}

export function sweepableFields(s: Scenario): SweepableField[] {
  const out: SweepableField[] = [];
  for (const o of s.optimizers) {
    const resolved = resolveOptimizer(o);
    const name = resolved.label;
    for (const f of OPTIMIZER_FIELDS) {
      if (!appliesIn(f, resolved)) continue;
      const base = `optimizers.${o.id}.${f.key}`;
      if (f.type !== 'variant') {
        out.push(...entry(base, `${name}: ${f.label}`, f as ScalarSpec<never, never>));
        continue;
      }
      const tag = String((resolved as unknown as Record<string, Record<string, unknown>>)[f.key][f.tag.key]);
      for (const sub of f.variants[tag] ?? []) {
        if (appliesIn(sub, resolved))
          out.push(...entry(`${base}.${sub.key}`, `${name}: ${sub.label}`, sub as ScalarSpec<never, never>));
      }
    }
  }
  for (const group of SCENARIO_GROUPS) {
    if (!group.exists(s)) continue;
    for (const spec of group.fields) {
      for (const path of expand(s, `${group.at}.${spec.key}`.split('.'))) {
        const located = locateField(s, path);
        if (located.ok && located.value.applies)
          out.push(...entry(path, labelOf(path, spec.label), located.value.spec));
      }
    }
  }
  return out;
}

/** Concrete paths of a pattern: each '#' replaced by every index of the array it stands in. */
function expand(s: Scenario, pattern: string[]): string[] {
  let paths: { segments: string[]; node: unknown }[] = [{ segments: [], node: s }];
  for (const segment of pattern) {
    const next: typeof paths = [];
    for (const { segments, node } of paths) {
      if (segment === '#') {
        if (Array.isArray(node))
          node.forEach((item, i) => next.push({ segments: [...segments, String(i)], node: item }));
      } else if (node !== null && typeof node === 'object') {
        next.push({ segments: [...segments, segment], node: (node as Record<string, unknown>)[segment] });
      }
    }
    paths = next;
  }
  return paths.map((p) => p.segments.join('.'));
}

/** "width (model.layers.1)": a label that tells the entries of an array apart. */
function labelOf(path: string, label: string): string {
  return /\.\d+(\.|$)/.test(path) ? `${label} (${path})` : label;
}
