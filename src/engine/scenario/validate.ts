// Validation of scenarios (docs/SCENARIO.md): any JSON value in, either a normalised deep copy of a valid
// scenario or every error found, each naming its field ("optimizers[1].beta: must be in [0, 1), got 1").
// Never throws. Unknown fields are ignored and not copied (forward compatible); omitted optional fields
// stay omitted (defaults live in the field table, table/*.ts), fields that a setting makes meaningless
// (a PDE problem's target, an exact space's quadrature) are dropped.

import type { Scenario } from './types';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_PARAMETERS,
  MAX_TITLE_LENGTH,
  SCENARIO_VERSION,
  gramMemory,
  scenarioParameterCount,
} from './limits';
import { FieldReader, describe, field, type FieldError } from './fields';
import { readModel } from './validateModel';
import { readOptimizers } from './validateOptimizers';
import { readProblem, type ProblemFacts } from './validateProblem';
import { readInit, readRun } from './validateRun';
import { checkRunnable, type CostOptions } from './runnable';

export { formatFieldError, type FieldError } from './fields';

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] };

export function validateScenario(input: unknown, options?: CostOptions): ValidationResult {
  const reader = new FieldReader();
  let scenario: Scenario | undefined;
  try {
    scenario = readScenario(reader, input);
  } catch (error) {
    // A bug here must not take the page down: report it as an error of the scenario.
    reader.fail('scenario', `could not be checked (${error instanceof Error ? error.message : String(error)})`);
  }
  if (reader.errorCount > 0 || scenario === undefined) {
    const errors = reader.errors();
    return { ok: false, errors: errors.length > 0 ? errors : [{ path: 'scenario', message: 'is invalid' }] };
  }
  const runnable = checkRunnable(scenario, options); // targets finite, derivatives bounded, cost within budget
  return runnable.length > 0 ? { ok: false, errors: runnable } : { ok: true, scenario };
}

function readScenario(r: FieldReader, input: unknown): Scenario | undefined {
  const root = r.object(input, 'scenario');
  if (root === undefined) return undefined;

  const version = field(root, 'version');
  if (version === undefined) r.fail('version', `is required (this app reads version ${SCENARIO_VERSION})`);
  else if (typeof version !== 'number')
    r.fail('version', `must be the number ${SCENARIO_VERSION}, got ${describe(version)}`);
  else if (version !== SCENARIO_VERSION) {
    r.fail('version', `unsupported version ${version} (this app reads version ${SCENARIO_VERSION})`);
  }
  const title = r.string(field(root, 'title'), 'title', { maxLength: MAX_TITLE_LENGTH });
  const description = r.string(field(root, 'description'), 'description', { maxLength: MAX_DESCRIPTION_LENGTH });

  const facts: ProblemFacts = {};
  const problem = readProblem(r, field(root, 'problem'), facts);
  const model = readModel(r, field(root, 'model'), facts);

  let p: number | undefined;
  if (model !== undefined && facts.loss !== undefined && facts.inputDim !== undefined) {
    p = scenarioParameterCount(model, facts.loss, facts.inputDim);
    if (p > MAX_PARAMETERS) {
      r.fail(
        'model',
        `${p} parameters exceeds the limit of ${MAX_PARAMETERS} (the Gram matrix would need ${gramMemory(p)})`,
      );
    }
  }
  const init = readInit(r, field(root, 'init'), p, model?.kind);
  const optimizers = readOptimizers(r, field(root, 'optimizers'), facts.loss);
  const run = readRun(r, field(root, 'run'), init);

  if (
    problem === undefined ||
    model === undefined ||
    init === undefined ||
    optimizers === undefined ||
    run === undefined
  ) {
    return undefined;
  }
  // Key order here is the canonical order of encoded links.
  return {
    version: SCENARIO_VERSION,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    problem,
    model,
    init,
    optimizers,
    run,
  };
}
