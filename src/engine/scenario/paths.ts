// Field paths in the sweep syntax of docs/SCENARIO.md "Sweeps": dotted, optimizers addressed by id
// ("optimizers.nhb.alpha", "optimizers.ngd.solver.eps"), arrays by index ("model.layers.1"). A path is
// located through the field table, so a path that names no field of this scenario gets a precise reason.

import type { Scenario } from './types';
import { describe } from './fields';
import { resolveOptimizer } from './defaults';
import { OPTIMIZER_FIELDS, optimizerField, type OptimizerField } from './table/optimizer';
import { PROBLEM_GROUPS } from './table/problem';
import { MODEL_GROUPS } from './table/model';
import { RUN_GROUPS } from './table/run';
import { appliesIn, defaultOf, type ScalarSpec } from './table/spec';
import type { FieldGroup, ScenarioScalar } from './table/scenarioSpec';

export type PathResult<T> = { ok: true; value: T } | { ok: false; error: string };
type Holder = Record<string, unknown>;

/** Every group of non-optimizer fields. */
export const SCENARIO_GROUPS: readonly FieldGroup[] = [...PROBLEM_GROUPS, ...MODEL_GROUPS, ...RUN_GROUPS];

/** A field of a scenario found by its path. */
export interface LocatedField {
  path: string;
  /** The table's entry (optimizer entries read the resolved optimizer, others a FieldAt). */
  spec: ScalarSpec<never, never>;
  /** The value in force: as written, else the default (undefined when the field has none). */
  value: unknown;
  /** Whether the field means something in this scenario (see the table's `applies`). */
  applies: boolean;
  /** Where validation reports this field's errors ("optimizers[1].solver.eps", "model.layers[1]"). */
  errorPath: string;
  /** Writes a value (the holder is created where the table knows how, e.g. an omitted solver). */
  write(value: unknown): void;
}

function fail<T>(error: string): PathResult<T> {
  return { ok: false, error };
}

export function locateField(s: Scenario, path: string): PathResult<LocatedField> {
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) return fail(`'${path}' is not a field path (empty segment)`);
  return segments[0] === 'optimizers'
    ? locateOptimizerField(s, path, segments)
    : locateScenarioField(s, path, segments);
}

/** The value in force at `path` (written, else the default). */
export function readPath(s: Scenario, path: string): PathResult<unknown> {
  const located = locateField(s, path);
  return located.ok ? { ok: true, value: located.value.value } : located;
}

/** Writes `value` at `path` in `s` (in place), after checking its type against the table. */
export function writePath(s: Scenario, path: string, value: unknown): PathResult<Scenario> {
  const located = locateField(s, path);
  if (!located.ok) return located;
  const problem = typeProblem(located.value.spec, value);
  if (problem !== null) return fail(`${path}: ${problem}, got ${describe(value)}`);
  located.value.write(value);
  return { ok: true, value: s };
}

function typeProblem(spec: ScalarSpec<never, never>, value: unknown): string | null {
  switch (spec.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expects a finite number';
      return spec.rule.integer && !Number.isInteger(value) ? 'expects an integer' : null;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? null
        : `expects one of ${spec.values.map((v) => `'${v}'`).join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'expects true or false';
    case 'string':
      return typeof value === 'string' ? null : 'expects a string';
  }
}

// ---- optimizers ------------------------------------------------------------------------------------

function locateOptimizerField(s: Scenario, path: string, segments: string[]): PathResult<LocatedField> {
  if (segments.length < 2) return fail(`'${path}': name an optimizer by id (optimizers.<id>.<field>)`);
  // Ids may contain dots: the longest id the path starts with is the optimizer's.
  let index = -1;
  s.optimizers.forEach((o, i) => {
    const fits = path === `optimizers.${o.id}` || path.startsWith(`optimizers.${o.id}.`);
    if (fits && (index < 0 || o.id.length > s.optimizers[index].id.length)) index = i;
  });
  const id = index < 0 ? segments[1] : s.optimizers[index].id;
  if (index < 0)
    return fail(`${path}: no optimizer has the id '${id}' (ids: ${s.optimizers.map((o) => o.id).join(', ')})`);
  const prefix = `optimizers.${id}`;
  const [key, sub, ...rest] = path === prefix ? [] : path.slice(prefix.length + 1).split('.');
  if (key === undefined)
    return fail(`'${path}' is an optimizer: name one of its fields (${fieldKeys(OPTIMIZER_FIELDS)})`);
  const f = optimizerField(key);
  if (f === undefined)
    return fail(`${path}: optimizers have no field '${key}' (fields: ${fieldKeys(OPTIMIZER_FIELDS)})`);
  if (rest.length > 0 || (f.type !== 'variant' && sub !== undefined))
    return fail(`${path}: optimizers.${id}.${key} has no field '${sub}'`);
  const o = s.optimizers[index];
  const resolved = resolveOptimizer(o);
  const written = o as unknown as Holder;
  const errorPath = `optimizers[${index}].${key}`;
  if (f.type !== 'variant') {
    const spec = f as ScalarSpec<never, never>;
    return located(
      path,
      spec,
      written[key] ?? defaultOf(f, o),
      appliesIn(f, resolved),
      errorPath,
      (v) => void (written[key] = v),
    );
  }
  const resolvedTag = String((resolved as unknown as Record<string, Holder>)[key][f.tag.key]);
  const keys = [f.tag.key, ...(f.variants[resolvedTag] ?? []).map((v) => v.key)];
  if (sub === undefined) return fail(`'${path}' is an object: name one of its fields (${keys.join(', ')})`);
  const current = (written[key] ?? {}) as Holder;
  if (sub === f.tag.key) {
    const write = (v: unknown) =>
      void (written[key] = v === resolvedTag && written[key] !== undefined ? current : { [f.tag.key]: v });
    return located(
      path,
      f.tag as ScalarSpec<never, never>,
      resolvedTag,
      appliesIn(f, resolved),
      `${errorPath}.${sub}`,
      write,
    );
  }
  const spec = f.variants[resolvedTag]?.find((v) => v.key === sub);
  if (spec === undefined) return fail(variantMiss(path, f, sub, resolvedTag));
  const write = (v: unknown) => void (written[key] = { [f.tag.key]: resolvedTag, ...current, [sub]: v });
  const value = current[sub] ?? defaultOf(spec, o);
  return located(
    path,
    spec as ScalarSpec<never, never>,
    value,
    appliesIn(f, resolved) && appliesIn(spec, resolved),
    `${errorPath}.${sub}`,
    write,
  );
}

function variantMiss(path: string, f: Extract<OptimizerField, { type: 'variant' }>, sub: string, tag: string): string {
  const owners = Object.entries(f.variants)
    .filter(([, fields]) => fields.some((v) => v.key === sub))
    .map(([name]) => `'${name}'`);
  if (owners.length === 0) return `${path}: ${f.key} has no field '${sub}'`;
  return `${path}: applies only when ${f.key}.${f.tag.key} is ${owners.join(' or ')} (it is '${tag}')`;
}

function fieldKeys(fields: readonly { key: string }[]): string {
  return fields.map((f) => f.key).join(', ');
}

function located(
  path: string,
  spec: ScalarSpec<never, never>,
  value: unknown,
  applies: boolean,
  errorPath: string,
  write: (v: unknown) => void,
): PathResult<LocatedField> {
  return { ok: true, value: { path, spec, value, applies, errorPath, write } };
}

// ---- problem, model, init, run -----------------------------------------------------------------------

function matches(pattern: string[], segments: string[]): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((p, i) => (p === '#' ? /^\d+$/.test(segments[i]) : p === segments[i]))
  );
}

function locateScenarioField(s: Scenario, path: string, segments: string[]): PathResult<LocatedField> {
  const candidates: { group: FieldGroup; spec: ScenarioScalar }[] = [];
  for (const group of SCENARIO_GROUPS) {
    for (const spec of group.fields) {
      if (matches(`${group.at}.${spec.key}`.split('.'), segments)) candidates.push({ group, spec });
    }
  }
  if (candidates.length === 0) return fail(`'${path}' names no field of a scenario`);
  const found = candidates.find((c) => c.group.exists(s));
  if (found === undefined)
    return fail(`${path}: exists only for ${[...new Set(candidates.map((c) => c.group.existsWhere))].join(' or ')}`);
  // Walk to the holder; '#' segments must index an existing entry.
  let node: unknown = s;
  const index: number[] = [];
  const last = segments.length - 1;
  for (let i = 0; i < last - 1; i++) {
    const next = step(node, segments, i, path, index);
    if (!next.ok) return next;
    node = next.value;
  }
  // The holder itself may be an omitted optional object (a toy's params): read as empty, created on write.
  const parent = node as Holder;
  const holderKey = segments[last - 1];
  if (
    !Array.isArray(parent) &&
    (parent[holderKey] === undefined || parent[holderKey] === null) &&
    !/^\d+$/.test(holderKey)
  ) {
    node = {};
  } else {
    const next = step(node, segments, last - 1, path, index);
    if (!next.ok) return next;
    node = next.value;
  }
  const key = segments[last];
  const holder = node as Holder;
  if (Array.isArray(node)) {
    const bounds = checkIndex(node, segments, segments.length - 1, path);
    if (bounds !== null) return fail(bounds);
    index.push(Number(key));
  }
  const value = holder[key] ?? defaultOf(found.spec, s);
  const applies = appliesIn(found.spec, { s, index });
  const errorPath = segments
    .map((seg, i) => (/^\d+$/.test(seg) && i > 0 ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
  const write = (v: unknown) => {
    holder[key] = v;
    if (!Array.isArray(parent) && parent[holderKey] !== holder) parent[holderKey] = holder;
  };
  return located(path, found.spec as ScalarSpec<never, never>, value, applies, errorPath, write);
}

function step(node: unknown, segments: string[], i: number, path: string, index: number[]): PathResult<unknown> {
  if (Array.isArray(node)) {
    const bounds = checkIndex(node, segments, i, path);
    if (bounds !== null) return fail(bounds);
    index.push(Number(segments[i]));
    return { ok: true, value: node[Number(segments[i])] };
  }
  const next = (node as Holder)[segments[i]];
  if (next === undefined || next === null)
    return fail(`${path}: ${segments.slice(0, i + 1).join('.')} is absent in this scenario`);
  return { ok: true, value: next };
}

function checkIndex(list: unknown[], segments: string[], i: number, path: string): string | null {
  const k = Number(segments[i]);
  if (k < list.length) return null;
  const where = segments.slice(0, i).join('.');
  return `${path}: ${where} has ${list.length} entr${list.length === 1 ? 'y' : 'ies'} (indices 0 to ${list.length - 1})`;
}
