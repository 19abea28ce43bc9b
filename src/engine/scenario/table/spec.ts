// What the field table says about one scenario field: its type, the values it allows, its default, its
// label and one-line help, when it means something, how a sweep may vary it, and what it writes into the
// update rule's TeX. Validation, defaults, the control panel, the update rule and the sweepable list
// are all derived from these entries (see the tables beside this file).

import type { NumberRule } from '../fields';

export type SweepScale = 'linear' | 'log';

/** How a sweep varies a numeric field, and the range it offers first. */
export interface SweepHint {
  scale: SweepScale;
  from: number;
  to: number;
}

/**
 * A field's share of the update rule's TeX. `symbol` names its value ('\\beta'); `stepFactor` multiplies
 * the step term where the field applies; `note` is a side remark shown below the rule where it applies.
 */
export interface TexFragment {
  symbol?: string;
  stepFactor?: string;
  note?: string;
}

/**
 * A field of an object. `A` is what `applies` reads (e.g. the resolved optimizer); `D` in the specs below
 * is what a computed default reads (e.g. the optimizer as written).
 */
interface FieldBase<A> {
  key: string;
  label: string;
  help: string;
  /** Whether the field means something here (the panel shows it, sweeps offer it); always when absent. */
  applies?: (context: A) => boolean;
}

export interface NumberSpec<A = never, D = never> extends FieldBase<A> {
  type: 'number';
  rule: NumberRule;
  default?: number | ((context: D) => number);
  /** Absent: a sweep does not vary it. */
  sweep?: SweepHint;
  tex?: TexFragment;
}

export interface EnumSpec<A = never, D = never, T extends string = string> extends FieldBase<A> {
  type: 'enum';
  values: readonly T[];
  /** How menus name a value where the value itself does not say it. */
  valueLabels?: Partial<Record<T, string>>;
  required?: boolean;
  default?: T | ((context: D) => T);
  /** The value it resolves to where it does not apply (Adam's momentum is 'none' whatever is written). */
  inapplicableValue?: T;
  /** TeX of each value. */
  tex?: Partial<Record<T, TexFragment & { rule?: string }>>;
}

// The unused second parameter keeps every ScalarSpec generic over the same (applies, default) pair.
export interface StringSpec<A = never, _D = never> extends FieldBase<A> {
  type: 'string';
  maxLength: number;
  required?: boolean;
  nonEmpty?: boolean;
  /** A further check of a string that was read; a message when it fails. */
  check?: (value: string) => string | null;
}

export interface BooleanSpec<A = never, _D = never> extends FieldBase<A> {
  type: 'boolean';
  default?: boolean;
}

export type ScalarSpec<A = never, D = never> = NumberSpec<A, D> | EnumSpec<A, D> | StringSpec<A, D> | BooleanSpec<A, D>;

/** A sub-object whose fields depend on a tag (step.rule, solver.kind): `variants[tag]` lists them. */
export interface VariantSpec<A = never, D = never> extends FieldBase<A> {
  type: 'variant';
  tag: EnumSpec<A, D>;
  variants: Readonly<Record<string, readonly ScalarSpec<A, D>[]>>;
}

export type FieldSpec<A = never, D = never> = ScalarSpec<A, D> | VariantSpec<A, D>;

/** A field's default in `context` (undefined when it has none). */
export function defaultOf<A, D>(spec: ScalarSpec<A, D>, context: D): number | string | boolean | undefined {
  if (spec.type === 'string') return undefined;
  const d = spec.default;
  return typeof d === 'function' ? d(context) : d;
}

export function appliesIn<A, D>(spec: FieldSpec<A, D>, context: A): boolean {
  return spec.applies === undefined || spec.applies(context);
}
