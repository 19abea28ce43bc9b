// Sweep paths (docs/SCENARIO.md "Sweeps") on top of the field table's path locator
// (../scenario/paths.ts): a sweep may write a number field that applies in the scenario. One extension:
// "optimizers.*.alpha" writes the same value into every optimizer, so each optimizer gets its own map over
// the same axis.

import { locateField, type LocatedField } from '../scenario/paths';
import type { Scenario } from '../scenario/types';

export type SweepPathCheck = { ok: true; integer: boolean } | { ok: false; message: string };
export type SweepPathWrite = { ok: true; scenario: Scenario } | { ok: false; message: string };

/** The concrete paths `path` names: one, or one per optimizer for 'optimizers.*.…'. */
function expand(scenario: Scenario, path: string): string[] {
  if (!path.startsWith('optimizers.*.')) return [path];
  const rest = path.slice('optimizers.*.'.length);
  return scenario.optimizers.map((o) => `optimizers.${o.id}.${rest}`);
}

function locateNumbers(scenario: Scenario, path: string): LocatedField[] | string {
  if (typeof path !== 'string' || path.length === 0) return 'a path is required';
  if (path === 'version' || path.startsWith('version.'))
    return 'version is the format of the scenario, not a parameter';
  const paths = expand(scenario, path);
  const found: LocatedField[] = [];
  let unused = '';
  for (const concrete of paths) {
    const located = locateField(scenario, concrete);
    // The caller names the path: messages start after it.
    if (!located.ok)
      return located.error.startsWith(`${concrete}: `) ? located.error.slice(concrete.length + 2) : located.error;
    if (located.value.spec.type !== 'number') return 'is not a number field';
    // With '*', optimizers that ignore the field (β of plain GD) are left as they are.
    if (located.value.applies) found.push(located.value);
    else
      unused ||= `is not used in this scenario (${located.value.spec.label}${paths.length > 1 ? ` of ${concrete}` : ''})`;
  }
  return found.length > 0 ? found : unused;
}

/** Whether `path` names a number of `scenario` a sweep can write, and whether it is an integer field. */
export function checkSweepPath(scenario: Scenario, path: string): SweepPathCheck {
  const located = locateNumbers(scenario, path);
  if (typeof located === 'string') return { ok: false, message: located };
  const spec = located[0].spec;
  return { ok: true, integer: spec.type === 'number' && spec.rule.integer === true };
}

/** A copy of `scenario` with `value` at `path` (the scenario is not changed). */
export function writeSweepPath(scenario: Scenario, path: string, value: number): SweepPathWrite {
  const copy = structuredClone(scenario);
  const located = locateNumbers(copy, path);
  if (typeof located === 'string') return { ok: false, message: located };
  for (const field of located) field.write(value);
  return { ok: true, scenario: copy };
}

/** The number in force at `path` (the same in every optimizer for '*'), or undefined. */
export function readSweepPath(scenario: Scenario, path: string): number | undefined {
  const located = locateNumbers(scenario, path);
  if (typeof located === 'string') return undefined;
  const first = located[0].value;
  return typeof first === 'number' && located.every((field) => field.value === first) ? first : undefined;
}
