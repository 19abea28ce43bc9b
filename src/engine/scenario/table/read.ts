// Table-driven reading of an object's fields: each field is read by its entry's type and rule, errors go
// to the FieldReader with the field's path, and the copy lists the fields present in table order (the
// normalised order of links), omitting the absent ones.

import { FieldReader, field, type JsonObject } from '../fields';
import type { FieldSpec, ScalarSpec, VariantSpec } from './spec';

export type FieldValue = number | string | boolean | JsonObject;

export function readScalar<A, D>(
  r: FieldReader,
  value: unknown,
  path: string,
  spec: ScalarSpec<A, D>,
): number | string | boolean | undefined {
  switch (spec.type) {
    case 'number':
      return r.number(value, path, spec.rule);
    case 'enum':
      return r.oneOf(value, path, spec.values, spec.required ?? false);
    case 'boolean':
      return r.boolean(value, path);
    case 'string': {
      const text = r.string(value, path, {
        required: spec.required,
        maxLength: spec.maxLength,
        nonEmpty: spec.nonEmpty,
      });
      const problem = text === undefined || spec.check === undefined ? null : spec.check(text);
      return problem === null ? text : r.fail(path, problem);
    }
  }
}

/** An optional tagged sub-object: the tag, then the fields of its variant (others are dropped). */
export function readVariant<A, D>(
  r: FieldReader,
  value: unknown,
  path: string,
  spec: VariantSpec<A, D>,
): JsonObject | undefined {
  const o = r.object(value, path, false);
  if (o === undefined) return undefined;
  const tag = r.oneOf(field(o, spec.tag.key), `${path}.${spec.tag.key}`, spec.tag.values, true);
  const fields = tag === undefined ? undefined : spec.variants[tag];
  if (tag === undefined || fields === undefined) return undefined;
  const rest = readFields(r, o, path, fields);
  return rest.ok ? { [spec.tag.key]: tag, ...rest.values } : undefined;
}

export function readField<A, D>(
  r: FieldReader,
  value: unknown,
  path: string,
  spec: FieldSpec<A, D>,
): FieldValue | undefined {
  return spec.type === 'variant' ? readVariant(r, value, path, spec) : readScalar(r, value, path, spec);
}

/** Every field of `fields` read from `o`; `ok` is false when a required one is missing or one present is invalid. */
export function readFields<A, D>(
  r: FieldReader,
  o: JsonObject,
  path: string,
  fields: readonly FieldSpec<A, D>[],
): { values: Record<string, FieldValue>; ok: boolean } {
  const values: Record<string, FieldValue> = {};
  let ok = true;
  for (const spec of fields) {
    const written = field(o, spec.key);
    const value = readField(r, written, `${path}.${spec.key}`, spec);
    if (value !== undefined) values[spec.key] = value;
    else if (written !== undefined || isRequired(spec)) ok = false;
  }
  return { values, ok };
}

function isRequired<A, D>(spec: FieldSpec<A, D>): boolean {
  switch (spec.type) {
    case 'number':
      return spec.rule.required === true;
    case 'enum':
    case 'string':
      return spec.required === true;
    default:
      return false;
  }
}
