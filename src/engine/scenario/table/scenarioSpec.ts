// Entries of the scenario's non-optimizer fields. Fields live in groups: the object (or array) that holds
// them, the scenarios in which it exists, and its fields — `key` '#' stands for every index of an array.

import type { Scenario } from '../types';
import type { ScalarSpec } from './spec';

/** Where a field is: the scenario, and the indices its path's '#' segments stand for. */
export interface FieldAt {
  s: Scenario;
  index: readonly number[];
}

export type ScenarioScalar = ScalarSpec<FieldAt, Scenario>;

export interface FieldGroup {
  /** Dotted path of the holder ('problem.quadrature', 'problem.domain.#'). */
  at: string;
  /** Whether the holder exists in `s`, and in words where it does (for messages). */
  exists: (s: Scenario) => boolean;
  existsWhere: string;
  fields: readonly ScenarioScalar[];
}
