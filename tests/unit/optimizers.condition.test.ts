// run.condition: how cond(S_k) reaches the records (exact eigenvalues, the estimate, or none), and the
// pinv solve's own eigenvalues standing in for the exact path.
import { describe, expect, it } from 'vitest';
import { conditionNumber, gram } from '../../src/engine/linalg';
import { buildProblem } from '../../src/engine/problems/build';
import { runToEnd } from '../../src/engine/run';
import type { ConditionMode, Scenario } from '../../src/engine/scenario/types';

function mlp(condition: ConditionMode | undefined, solver: 'cholesky' | 'pinv', width = 30): Scenario {
  return {
    version: 1,
    problem: {
      space: 'sampled',
      domain: [[-1, 1]],
      target: { kind: 'expression', expr: 'sin(2*pi*x)' },
      loss: { kind: 'l2' },
      quadrature: { kind: 'grid', m: 200 },
    },
    model: { kind: 'mlp', layers: [1, width, 1], activation: 'tanh' },
    init: { seed: 3, scale: 1 },
    optimizers: [
      {
        id: 'ngd',
        preconditioner: 'gram',
        alpha: 0.1,
        solver: solver === 'pinv' ? { kind: 'pinv', rcond: 1e-10 } : { kind: 'cholesky', eps: 1e-6 },
      },
    ],
    run: condition === undefined ? { iterations: 6 } : { iterations: 6, condition },
  };
}

function conds(scenario: Scenario): number[] {
  const run = runToEnd(scenario);
  const records = run.status('ngd').records;
  return records.slice(0, -1).map((r) => r.cond);
}

describe('run.condition', () => {
  it('auto (the default) records cond every iteration above p = 64, close to the exact eigenvalues', () => {
    const auto = conds(mlp(undefined, 'cholesky')); // p = 91
    const exact = conds(mlp('exact', 'cholesky'));
    expect(auto.length).toBe(6);
    for (let k = 0; k < auto.length; k++) {
      expect(Number.isFinite(auto[k])).toBe(true);
      // The estimate never exceeds the exact value (Ritz values lie inside the spectrum); both may sit at the cap.
      expect(auto[k]).toBeLessThanOrEqual(exact[k] * (1 + 1e-9));
      expect(auto[k]).toBeGreaterThan(exact[k] * 0.99);
    }
    expect(conds(mlp('auto', 'cholesky'))).toEqual(auto);
  });

  it('off records none', () => {
    for (const c of conds(mlp('off', 'cholesky'))) expect(c).toBeNaN();
  });

  it('with pinv, auto takes the solve’s eigenvalues: bit-identical to conditionNumber of S_k', () => {
    const scenario = mlp('auto', 'pinv');
    const records = runToEnd(scenario).status('ngd').records;
    const { objective } = buildProblem(scenario);
    const p = objective.p;
    const ev = objective.createEvaluation();
    const S = new Float64Array(p * p);
    for (const record of records.slice(0, -1)) {
      const theta = record.theta;
      if (theta === undefined) throw new Error('records carry θ at this p');
      objective.evaluate(theta, ev, true);
      gram(ev.Jv, objective.nV, p, objective.metric, S);
      expect(record.cond).toBe(conditionNumber(S, p));
    }
  });

  it('p ≤ 64: auto is the exact path', () => {
    expect(conds(mlp('auto', 'cholesky', 15))).toEqual(conds(mlp('exact', 'cholesky', 15)));
  });
});
