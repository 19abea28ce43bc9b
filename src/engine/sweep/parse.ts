// Reading a sweep file (docs/SCENARIO.md "Sweeps"): any JSON value in, a checked Sweep out, or every
// problem found, each naming its place ("axes[1].range.steps: must be an integer in [2, 64], got 100").
// Unknown keys are errors here (a misspelt "axis" must not silently sweep nothing). Never throws.

import { scenarioFromLink } from '../scenario/codec';
import { FieldReader, describe, field, formatFieldError, type JsonObject } from '../scenario/fields';
import { MAX_ITERATIONS } from '../scenario/limits';
import type { Scenario } from '../scenario/types';
import { validateScenario } from '../scenario/validate';
import { rangeValues } from './axes';
import { checkSweepPath } from './paths';
import {
  MAX_AXES,
  MAX_AXIS_VALUES,
  SWEEP_VERSION,
  type AxisScale,
  type Sweep,
  type SweepAxis,
  type SweepMeasure,
} from './types';

export type SweepParse = { ok: true; sweep: Sweep; notes: string[] } | { ok: false; errors: string[] };

const ROOT_KEYS = ['version', 'scenario', 'link', 'axes', 'measure'];
const AXIS_KEYS = ['path', 'values', 'range'];
const RANGE_KEYS = ['from', 'to', 'steps', 'scale'];
const MEASURE_KEYS = ['iterations', 'tolerance'];
const SCALES: readonly AxisScale[] = ['linear', 'log'];

function checkKeys(r: FieldReader, o: JsonObject, path: string, allowed: string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key))
      r.fail(path === '' ? key : `${path}.${key}`, `unknown field (expected ${allowed.join(', ')})`);
  }
}

export function parseSweep(input: unknown): SweepParse {
  const r = new FieldReader();
  const notes: string[] = [];
  const extraErrors: string[] = [];
  const root = r.object(input, 'sweep');
  let sweep: Sweep | undefined;
  if (root !== undefined) {
    checkKeys(r, root, '', ROOT_KEYS);
    const version = field(root, 'version');
    if (version !== SWEEP_VERSION) {
      r.fail(
        'version',
        version === undefined
          ? `is required (this app reads version ${SWEEP_VERSION})`
          : `must be ${SWEEP_VERSION}, got ${describe(version)}`,
      );
    }
    const scenario = readBaseScenario(r, root, extraErrors);
    const axes = readAxes(r, field(root, 'axes'), scenario, notes);
    const measure = readMeasure(r, field(root, 'measure'), scenario);
    if (scenario !== undefined && axes !== undefined && measure !== undefined) sweep = { scenario, axes, measure };
  }
  const errors = [...r.errors().map(formatFieldError), ...extraErrors];
  if (errors.length > 0 || sweep === undefined)
    return { ok: false, errors: errors.length > 0 ? errors : ['sweep: is invalid'] };
  return { ok: true, sweep, notes };
}

/** The scenario, inline or from a link; its own errors are prefixed with where it came from. */
function readBaseScenario(r: FieldReader, root: JsonObject, errors: string[]): Scenario | undefined {
  const inline = field(root, 'scenario');
  const link = field(root, 'link');
  if (inline !== undefined && link !== undefined) return r.fail('scenario', 'give either scenario or link, not both');
  if (inline === undefined && link === undefined)
    return r.fail('scenario', 'is required (or a link: "https://…/#s=…")');
  if (inline !== undefined) {
    const validation = validateScenario(inline);
    if (validation.ok) return validation.scenario;
    for (const e of validation.errors) errors.push(`scenario.${formatFieldError(e)}`);
    return undefined;
  }
  const text = r.string(link, 'link', { nonEmpty: true });
  if (text === undefined) return undefined;
  const decoded = scenarioFromLink(text);
  if (decoded.ok) return decoded.scenario;
  for (const e of decoded.errors) errors.push(`link: ${e}`);
  return undefined;
}

function readAxes(
  r: FieldReader,
  value: unknown,
  scenario: Scenario | undefined,
  notes: string[],
): SweepAxis[] | undefined {
  const list = r.array(value, 'axes');
  if (list === undefined) return undefined;
  // Too many axes is reported, and each axis is still checked so that every problem is listed at once.
  const countOk = list.length >= 1 && list.length <= MAX_AXES;
  if (!countOk) r.fail('axes', `must list 1 to ${MAX_AXES} axes, got ${list.length}`);
  const axes: SweepAxis[] = [];
  const seen = new Map<string, number>();
  list.forEach((entry, i) => {
    const axis = readAxis(r, entry, `axes[${i}]`, scenario, notes);
    if (axis === undefined) return;
    const earlier = seen.get(axis.path);
    if (earlier !== undefined) r.fail(`axes[${i}].path`, `'${axis.path}' is already swept by axes[${earlier}]`);
    else seen.set(axis.path, i);
    axes.push(axis);
  });
  return countOk && axes.length === list.length ? axes : undefined;
}

function readAxis(
  r: FieldReader,
  value: unknown,
  at: string,
  scenario: Scenario | undefined,
  notes: string[],
): SweepAxis | undefined {
  const o = r.object(value, at);
  if (o === undefined) return undefined;
  checkKeys(r, o, at, AXIS_KEYS);
  const path = r.string(field(o, 'path'), `${at}.path`, { required: true, nonEmpty: true });
  let integer = false;
  let pathOk = path !== undefined;
  if (path !== undefined && scenario !== undefined) {
    const check = checkSweepPath(scenario, path);
    if (check.ok) integer = check.integer;
    else {
      r.fail(`${at}.path`, `'${path}': ${check.message}`);
      pathOk = false;
    }
  }
  const valuesField = field(o, 'values');
  const rangeField = field(o, 'range');
  if ((valuesField === undefined) === (rangeField === undefined)) {
    return r.fail(at, 'needs either values (a list) or range {from, to, steps, scale}, not both or neither');
  }
  const values =
    valuesField !== undefined
      ? readValues(r, valuesField, `${at}.values`, integer)
      : readRange(r, rangeField, `${at}.range`, integer, (note) => notes.push(`${at} (${path}): ${note}`));
  if (!pathOk || values === undefined || path === undefined) return undefined;
  return { path, integer, values };
}

function readValues(r: FieldReader, value: unknown, at: string, integer: boolean): number[] | undefined {
  const values = r.numbers(value, at);
  if (values === undefined) return undefined;
  if (values.length === 0) return r.fail(at, 'is empty (an axis needs at least one value)');
  if (values.length > MAX_AXIS_VALUES) return r.fail(at, `has ${values.length} values, at most ${MAX_AXIS_VALUES}`);
  const before = r.errorCount;
  values.forEach((x, i) => {
    if (integer && !Number.isInteger(x))
      r.fail(`${at}[${i}]`, `must be an integer (this field holds integers), got ${x}`);
    const first = values.indexOf(x);
    if (first < i) r.fail(`${at}[${i}]`, `repeats ${x} (already at [${first}])`);
  });
  return r.errorCount === before ? values : undefined;
}

function readRange(
  r: FieldReader,
  value: unknown,
  at: string,
  integer: boolean,
  note: (text: string) => void,
): number[] | undefined {
  const o = r.object(value, at);
  if (o === undefined) return undefined;
  checkKeys(r, o, at, RANGE_KEYS);
  const from = r.number(field(o, 'from'), `${at}.from`, { required: true });
  const to = r.number(field(o, 'to'), `${at}.to`, { required: true });
  const steps = r.number(field(o, 'steps'), `${at}.steps`, {
    required: true,
    integer: true,
    lo: 2,
    hi: MAX_AXIS_VALUES,
  });
  const scale = field(o, 'scale') === undefined ? 'linear' : r.oneOf(field(o, 'scale'), `${at}.scale`, SCALES);
  if (from === undefined || to === undefined || steps === undefined || scale === undefined) return undefined;
  if (from === to) return r.fail(at, `from and to are both ${from} (for a single value write "values": [${from}])`);
  if (scale === 'log' && !(from > 0 && to > 0)) {
    return r.fail(at, `a log scale needs from > 0 and to > 0, got from ${from} and to ${to}`);
  }
  if (integer && Math.round(from) === Math.round(to)) {
    return r.fail(
      at,
      `from ${from} and to ${to} round to the same integer ${Math.round(from)} (this field holds integers)`,
    );
  }
  const axis = rangeValues({ from, to, steps, scale }, integer);
  if (axis.note !== undefined) note(axis.note);
  return axis.values;
}

function readMeasure(r: FieldReader, value: unknown, scenario: Scenario | undefined): SweepMeasure | undefined {
  let o: JsonObject = {};
  if (value !== undefined) {
    const read = r.object(value, 'measure');
    if (read === undefined) return undefined;
    o = read;
  }
  checkKeys(r, o, 'measure', MEASURE_KEYS);
  const iterations = r.number(field(o, 'iterations'), 'measure.iterations', {
    integer: true,
    lo: 1,
    hi: MAX_ITERATIONS,
  });
  const tolerance = r.number(field(o, 'tolerance'), 'measure.tolerance', { lo: 0 });
  if (field(o, 'iterations') !== undefined && iterations === undefined) return undefined;
  if (field(o, 'tolerance') !== undefined && tolerance === undefined) return undefined;
  const resolved = iterations ?? scenario?.run.iterations;
  if (resolved === undefined) return undefined;
  return tolerance === undefined ? { iterations: resolved } : { iterations: resolved, tolerance };
}
