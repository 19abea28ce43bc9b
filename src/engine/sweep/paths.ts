// Sweep paths (docs/SCENARIO.md "Sweeps"): dotted paths into a scenario, optimizers addressed by id and
// arrays by index ("optimizers.nhb.alpha", "model.layers.1", "optimizers.ngd.solver.eps"). This file is
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
 * Walks `root` along `path`. With `create`, absent default objects are added on the way (root must then be
 * a copy the caller owns). Returns where the number lives, or why the path is not sweepable.
 */
function locate(root: Json, path: string, create: boolean): Located | string {
  const segments = path.split('.');
  if (segments.some((s) => s === '')) return 'is not a path (empty segment)';
  if (segments.length < 2) return `names no numeric field (a path has at least two parts, e.g. 'run.iterations')`;
  let container: Container = root;
  const pattern: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    let key: string | number;
    if (i === 1 && pattern[0] === 'optimizers') {
      const optimizers = container as unknown[];
      const index = optimizers.findIndex((o) => isJson(o) && o.id === segment);
      if (index < 0) {
        const ids = optimizers.map((o) => (isJson(o) ? String(o.id) : '?')).join(', ');
        return `no optimizer has id '${segment}' (ids: ${ids})`;
      }
      key = index;
      pattern.push('*');
    } else if (Array.isArray(container)) {
      const index = Number(segment);
      if (!/^\d+$/.test(segment) || index >= container.length) {
        return `'${segment}' is not an index of ${pattern.join('.')} (0 to ${container.length - 1})`;
      }
      key = index;
      pattern.push('#');
    } else {
      key = segment;
      pattern.push(segment);
    }
    const where = pattern.join('.');
    const value = Array.isArray(container) ? container[key as number] : Object.hasOwn(container, key) ? container[key as string] : undefined;
    if (last) {
      if (typeof value === 'number') break;
      if (value !== undefined) return `is not a number (it holds ${describeValue(value)})`;
      if (Array.isArray(container)) return `is not a field of ${pattern.slice(0, -1).join('.')}`;
      const rule = OPTIONAL_NUMBERS.get(where);
      if (rule === undefined) return `is not a numeric field of this scenario`;
      const reason = rule(container);
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
  const integer = INTEGER_FIELDS.has(leaf) || (segments.length === 3 && segments[0] === 'model' && segments[1] === 'layers');
  const lastKey = Array.isArray(container) ? Number(leaf) : leaf;
  return { parent: container, key: lastKey, integer };
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}

function checkRoot(path: string): string | null {
  if (typeof path !== 'string' || path.length === 0) return 'a path is required';
  if (path === 'version' || path.startsWith('version.')) return 'version is the format of the scenario, not a parameter';
  return null;
}

/** Whether `path` names a number of `scenario` a sweep can write, and whether it is an integer field. */
export function checkSweepPath(scenario: Scenario, path: string): SweepPathCheck {
  const rootProblem = checkRoot(path);
  if (rootProblem !== null) return { ok: false, message: rootProblem };
  const located = locate(scenario as unknown as Json, path, false);
  return typeof located === 'string' ? { ok: false, message: located } : { ok: true, integer: located.integer };
}

/** A copy of `scenario` with `value` at `path` (the scenario is not changed). */
export function writeSweepPath(scenario: Scenario, path: string, value: number): SweepPathWrite {
  const rootProblem = checkRoot(path);
  if (rootProblem !== null) return { ok: false, message: rootProblem };
  const copy = structuredClone(scenario) as unknown as Json;
  const located = locate(copy, path, true);
  if (typeof located === 'string') return { ok: false, message: located };
  if (Array.isArray(located.parent)) located.parent[located.key as number] = value;
  else located.parent[located.key as string] = value;
  return { ok: true, scenario: copy as unknown as Scenario };
}

/** The number at `path`, or undefined when the scenario holds none there. */
export function readSweepPath(scenario: Scenario, path: string): number | undefined {
  const located = locate(scenario as unknown as Json, path, false);
  if (typeof located === 'string') return undefined;
  const value = Array.isArray(located.parent) ? located.parent[located.key as number] : located.parent[located.key as string];
  return typeof value === 'number' ? value : undefined;
}
