// SHA-256 of each track's records in the CLI's JSON form, with the wall-time column removed (the only
// field that is not a function of the scenario).
import { createHash } from 'node:crypto';
import { resultToJson, type TrackResult } from '../../src/engine/export';
import { runToEnd } from '../../src/engine/run';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import type { OptimizerSpec, Scenario } from '../../src/engine/scenario/types';
import { validateScenario } from '../../src/engine/scenario/validate';

export function scenarioFingerprints(scenario: Scenario): Record<string, string> {
  const run = runToEnd(scenario);
  const tracks: TrackResult[] = run.tracks.map((info) => {
    const status = run.status(info.key);
    return { ...info, records: status.records, stopReason: status.stopReason, theta: status.theta };
  });
  const json = resultToJson(scenario, tracks);
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(json.optimizers)) {
    const { time: _time, ...rest } = entry;
    out[key] = createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 24);
  }
  return out;
}

export function presetFingerprints(): Record<string, Record<string, string>> {
  const all: Record<string, Record<string, string>> = {};
  for (const preset of SCENARIO_PRESETS) all[preset.key] = scenarioFingerprints(preset.scenario);
  return all;
}

/** Every combination of the staged optimizers' options, one optimizer per scenario, on two toys. */
export function optionMatrixFingerprints(): Record<string, string> {
  const bases = SCENARIO_PRESETS.filter((p) => p.key === 'local-minimum' || p.key === 'kernel-nhgd');
  const out: Record<string, string> = {};
  for (const base of bases) {
    for (const optimizer of optionMatrix()) {
      const scenario: Scenario = {
        ...structuredClone(base.scenario),
        optimizers: [{ ...optimizer, id: 'opt' }],
        run: { iterations: 30 },
      };
      const validation = validateScenario(scenario);
      out[`${base.key}/${optimizer.id}`] = validation.ok
        ? scenarioFingerprints(scenario).opt
        : `invalid: ${validation.errors.map((e) => e.path).join('; ')}`;
    }
  }
  return out;
}

function optionMatrix(): OptimizerSpec[] {
  const list: OptimizerSpec[] = [];
  const preconditioners = ['identity', 'gram', 'loss-hessian', 'newton'] as const;
  const steps: OptimizerSpec['step'][] = [{ rule: 'fixed' }, { rule: 'armijo' }];
  const solvers: OptimizerSpec['solver'][] = [{ kind: 'cholesky' }, { kind: 'pinv' }, { kind: 'lstsq' }];
  for (const preconditioner of preconditioners) {
    for (const momentum of ['none', 'heavy-ball', 'nesterov'] as const) {
      const transports =
        momentum === 'none'
          ? (['parameter'] as const)
          : (['parameter', 'projected-momentum', 'projected-difference'] as const);
      const lookaheads = momentum === 'nesterov' ? (['tangent-k', 'tangent-y'] as const) : (['tangent-k'] as const);
      for (const transport of transports) {
        for (const lookahead of lookaheads) {
          for (const step of steps) {
            for (const restart of ['none', 'function'] as const) {
              for (const solver of solvers) {
                if (preconditioner === 'identity' && solver?.kind !== 'cholesky') continue;
                const id = [preconditioner, momentum, transport, lookahead, step?.rule, restart, solver?.kind].join(
                  '.',
                );
                list.push({
                  id,
                  preconditioner,
                  momentum,
                  transport,
                  lookahead,
                  step,
                  restart,
                  solver,
                  alpha: 0.3,
                  beta: 0.8,
                });
              }
            }
          }
        }
      }
    }
  }
  list.push({ id: 'adam', preconditioner: 'adam', alpha: 0.05 });
  list.push({ id: 'lbfgs.wolfe', preconditioner: 'lbfgs' });
  list.push({ id: 'lbfgs.armijo', preconditioner: 'lbfgs', lineSearch: 'armijo', history: 3 });
  return list;
}
