// Sweep paths (docs/SCENARIO.md "Sweeps"): dotted paths into a scenario, optimizers addressed by id and
// arrays by index ("optimizers.nhb.alpha", "model.layers.1", "optimizers.ngd.solver.eps"); "optimizers.*.alpha"
// writes every optimizer's alpha (an extension: one axis for all optimizers, compared side by side). This file is
// the whole interface the sweep engine needs (check, write, read back), so the scenario module's own
// path reader/writer can replace it in one place.
//
// A path may name a number the scenario holds, or an optional numeric field that is absent but would be
// read where it is written (an omitted beta, the eps of a default Cholesky solver). A field the scenario
// would ignore (step.initial with a fixed step, eps of a pinv solver) is refused with the reason.

import type { Scenario } from '../scenario/types';

export type SweepPathCheck = { ok: true; integer: boolean } | { ok: false; message: string };
export type SweepPathWrite = { ok: true; scenario: Scenario } | { ok: false; message: string };

type Json = Record<string, unknown>;
type Container = Json | unknown[];

/** Last path segments whose values are integers (and `model.layers.<i>`). */
const INTEGER_FIELDS = new Set(['m', 'n', 'rank', 'seeds', 'iterations', 'seed', 'history']);

/**
 * Optional numeric fields that may be absent from a scenario, by pattern (optimizer id → '*'): null when
 * the field is read in its parent as it stands, else why not.
 */
const OPTIONAL_NUMBERS = new Map<string, (parent: Json) => string | null>(Object.entries({
  'optimizers.*.alpha': () => null,
  'optimizers.*.beta': () => null,
  'optimizers.*.beta1': () => null,
  'optimizers.*.beta2': () => null,
  'optimizers.*.adamEps': () => null,
  'optimizers.*.history': () => null,
  'optimizers.*.solver.eps': (solver) => (solver.kind === 'cholesky' ? null : `the solver is '${String(solver.kind)}', which has rcond, not eps`),
  'optimizers.*.solver.rcond': (solver) => (solver.kind !== 'cholesky' ? null : "the solver is 'cholesky', which has eps, not rcond"),
  'optimizers.*.step.initial': armijoOnly,
  'optimizers.*.step.shrink': armijoOnly,
  'optimizers.*.step.c': armijoOnly,
  'problem.quadrature.seed': () => null,
  'problem.target.n': datasetOnly,
  'problem.target.noise': datasetOnly,
  'problem.target.seed': datasetOnly,
  'problem.loss.eps': (loss) => (loss.equation === 'reaction-diffusion' ? null : 'only the reaction-diffusion equation has eps'),
  'init.scale': (init) => ('seed' in init ? null : 'init is an explicit theta0 (scale applies to a seeded start)'),
  'run.seeds': () => null,
  'model.params.phi_deg': () => null,
  'model.params.a': () => null,
  'model.params.s': () => null,
}));

/** Absent objects on the way to an optional field, created with their default (what omission means). */
const DEFAULT_OBJECTS = new Map<string, (parent: Json) => Json | string>(Object.entries({
  'optimizers.*.solver': () => ({ kind: 'cholesky' }),
  'optimizers.*.step': () => "the step rule is 'fixed' (set step.rule to 'armijo' to sweep its fields)",
  'model.params': (model: Json) => (model.kind === 'toy' ? {} : `a '${String(model.kind)}' model has no params`),
}));

function armijoOnly(step: Json): string | null {
  return step.rule === 'armijo' ? null : `the step rule is '${String(step.rule)}' (set it to 'armijo' to sweep its fields)`;
}

function datasetOnly(target: Json): string | null {
  return target.kind === 'dataset' ? null : `the target is '${String(target.kind)}', not a dataset`;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Located {
  parent: Container;
  key: string | number;
  integer: boolean;
}

/**
 * Walks from `start` (reached by `prefix`) along `segments`. With `create`, absent default objects are
 * added on the way (the caller must own the copy). Returns where the number lives, or why it is not sweepable.
 */
function walk(start: Container, prefix: string[], segments: string[], create: boolean): Located | string {
  if (segments.some((s) => s === '')) return 'is not a path (empty segment)';
  if (prefix.length + segments.length < 2) return `names no numeric field (a path has at least two parts, e.g. 'run.iterations')`;
  let container: Container = start;
  const pattern = [...prefix];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    let key: string | number = segment;
    if (Array.isArray(container)) {
      key = Number(segment);
      if (!/^\d+$/.test(segment) || key >= container.length) {
        return `'${segment}' is not an index of ${pattern.join('.')} (0 to ${container.length - 1})`;
      }
      pattern.push('#');
    } else pattern.push(segment);
    const where = pattern.join('.');
    const value = Array.isArray(container) ? container[key as number] : Object.hasOwn(container, segment) ? container[segment] : undefined;
    if (i === segments.length - 1) {
      if (typeof value === 'number') break;
      if (value !== undefined) return `is not a number (it holds ${describeValue(value)})`;
      const rule = Array.isArray(container) ? undefined : OPTIONAL_NUMBERS.get(where);
      if (rule === undefined) return 'is not a numeric field of this scenario';
      const reason = rule(container as Json);
      if (reason !== null) return `is not used: ${reason}`;
      break;
    }
    if (value === undefined && !Array.isArray(container)) {
      const make = DEFAULT_OBJECTS.get(where);
      if (make === undefined) return `is not a field of this scenario ('${where}' does not exist)`;
      const made = make(container);
      if (typeof made === 'string') return `is not used: ${made}`;
      if (create) container[segment] = made;
      container = made;
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      return `goes through ${where}, which is not an object or a list (it holds ${describeValue(value)})`;
    }
    container = value as Container;
  }
  const leaf = segments[segments.length - 1];
  const integer = INTEGER_FIELDS.has(leaf) || pattern.join('.') === 'model.layers.#';
  return { parent: container, key: Array.isArray(container) ? Number(leaf) : leaf, integer };
}

/**
 * Every place `path` names: one, or one per optimizer for 'optimizers.*.…' (which writes the same value
 * into every optimizer, so that each optimizer gets its own map over the same axis).
 */
function locate(root: Json, path: string, create: boolean): Located[] | string {
  if (typeof path !== 'string' || path.length === 0) return 'a path is required';
  if (path === 'version' || path.startsWith('version.')) return 'version is the format of the scenario, not a parameter';
  if (!path.startsWith('optimizers.')) {
    const located = walk(root, [], path.split('.'), create);
    return typeof located === 'string' ? located : [located];
  }
  const optimizers = root.optimizers as Json[];
  const ids = optimizers.map((o) => String(o.id));
  const after = path.slice('optimizers.'.length);
  let chosen: number[];
  let rest: string;
  if (after.startsWith('*.')) {
    chosen = ids.map((_, i) => i);
    rest = after.slice(2);
  } else {
    // Ids may hold dots: the longest id the path starts with wins.
    let best = -1;
    ids.forEach((id, i) => {
      if (after.startsWith(`${id}.`) && (best < 0 || id.length > ids[best].length)) best = i;
    });
    if (best < 0) {
      if (ids.includes(after)) return `names the optimizer '${after}', not one of its numbers (e.g. optimizers.${after}.alpha)`;
      return `no optimizer has id '${after.split('.')[0]}' (ids: ${ids.join(', ')})`;
    }
    chosen = [best];
    rest = after.slice(ids[best].length + 1);
  }
  const found: Located[] = [];
  for (const i of chosen) {
    const located = walk(optimizers[i], ['optimizers', '*'], rest.split('.'), create);
    if (typeof located === 'string') return chosen.length > 1 ? `${located} (optimizer '${ids[i]}')` : located;
    found.push(located);
  }
  return found;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

/** Whether `path` names a number of `scenario` a sweep can write, and whether it is an integer field. */
export function checkSweepPath(scenario: Scenario, path: string): SweepPathCheck {
  const located = locate(scenario as unknown as Json, path, false);
  return typeof located === 'string' ? { ok: false, message: located } : { ok: true, integer: located[0].integer };
}

/** A copy of `scenario` with `value` at `path` (the scenario is not changed). */
export function writeSweepPath(scenario: Scenario, path: string, value: number): SweepPathWrite {
  const copy = structuredClone(scenario) as unknown as Json;
  const located = locate(copy, path, true);
  if (typeof located === 'string') return { ok: false, message: located };
  for (const { parent, key } of located) {
    if (Array.isArray(parent)) parent[key as number] = value;
    else parent[key as string] = value;
  }
  return { ok: true, scenario: copy as unknown as Scenario };
}

function valueAt({ parent, key }: Located): unknown {
  return Array.isArray(parent) ? parent[key as number] : parent[key as string];
}

/** The number at `path` (the same in every optimizer for '*'), or undefined when the scenario holds none there. */
export function readSweepPath(scenario: Scenario, path: string): number | undefined {
  const located = locate(scenario as unknown as Json, path, false);
  if (typeof located === 'string') return undefined;
  const first = valueAt(located[0]);
  return typeof first === 'number' && located.every((place) => valueAt(place) === first) ? first : undefined;
}
