// Validation of the start and the run (docs/SCENARIO.md "init", "run"), as the table says (table/run.ts).

import type { InitSpec, ModelSpec, RunSpec } from './types';
import { FieldReader, field } from './fields';
import { INIT_FIT, RUN_FIELDS, SEEDED_INIT_FIELDS } from './table/run';
import { readFields } from './table/read';

/** `model`: the model's kind when it is valid (a fitted start needs a rom model). */
export function readInit(
  r: FieldReader,
  value: unknown,
  p: number | undefined,
  model?: ModelSpec['kind'],
): InitSpec | undefined {
  const o = r.object(value, 'init');
  if (o === undefined) return undefined;
  if (field(o, 'fit') !== undefined) {
    const { values, ok } = readFields(r, o, 'init', [INIT_FIT]);
    if (!ok) return undefined;
    if (model !== undefined && model !== 'rom')
      return r.fail(
        'init.fit',
        `a fitted start needs a rom model (its linear least-squares fit), got a ${model} model`,
      );
    return values as InitSpec;
  }
  const theta0 = field(o, 'theta0');
  if (theta0 !== undefined) {
    const what = p === undefined ? undefined : 'the parameter count';
    const list = r.numbers(theta0, 'init.theta0', { length: p, what });
    return list === undefined ? undefined : { theta0: list };
  }
  if (field(o, 'seed') === undefined) {
    return r.fail(
      'init',
      model === 'rom'
        ? 'needs theta0 (an explicit start), seed (a seeded random start) or fit (the linear least-squares fit)'
        : 'needs theta0 (an explicit start) or seed (a seeded random start)',
    );
  }
  const { values, ok } = readFields(r, o, 'init', SEEDED_INIT_FIELDS);
  return ok ? (values as InitSpec) : undefined;
}

export function readRun(r: FieldReader, value: unknown, init: InitSpec | undefined): RunSpec | undefined {
  const o = r.object(value, 'run');
  if (o === undefined) return undefined;
  const { values, ok } = readFields(r, o, 'run', RUN_FIELDS);
  const seeds = values.seeds as number | undefined;
  if (seeds !== undefined && seeds > 1 && init !== undefined && !('seed' in init)) {
    r.fail(
      'run.seeds',
      `an ensemble of ${seeds} starts needs a seeded random start (init.seed), not init.${'fit' in init ? 'fit' : 'theta0'}`,
    );
    return undefined;
  }
  return ok ? (values as unknown as RunSpec) : undefined;
}
