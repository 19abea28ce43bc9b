// The θ history of a run is bounded by MAX_RECORDED_THETA_VALUES numbers whatever the iteration budget,
// including a budget raised during the run (UI, `--iterations`), and every track of a run agrees on
// which iterations carry θ (docs/ALGORITHMS.md §6).
import { describe, expect, it } from 'vitest';
import { MAX_RECORDED_THETA, MAX_RECORDED_THETA_VALUES, Run, recordedThetaIterations } from '../../src/engine/run';
import type { OptimizerSpec, Scenario } from '../../src/engine/scenario/types';

const curveScenario = (iterations: number): Scenario => ({
  version: 1,
  problem: {
    space: 'exact',
    domain: [[-1, 1]],
    target: { kind: 'coefficients', c: [-0.1, 0.3] },
    loss: {
      kind: 'l2',
      K: [
        [4, 0],
        [0, 1],
      ],
    },
  },
  model: { kind: 'toy', name: 'curve' },
  init: { theta0: [1.6] },
  optimizers: [
    { id: 'gd', preconditioner: 'identity', alpha: 0.05 },
    { id: 'nhgd', preconditioner: 'loss-hessian', alpha: 0.5 },
    {
      id: 'nnest',
      preconditioner: 'loss-hessian',
      momentum: 'nesterov',
      alpha: 0.3,
      beta: 0.9,
      transport: 'projected-difference',
    },
  ],
  run: { iterations },
});

const linearScenario = (n: number, optimizer: OptimizerSpec, iterations: number): Scenario => ({
  version: 1,
  problem: {
    space: 'sampled',
    domain: [[-1, 1]],
    target: { kind: 'expression', expr: 'sin(3*x)' },
    loss: { kind: 'l2' },
    quadrature: { kind: 'grid', m: 50 },
  },
  model: { kind: 'linear', basis: 'legendre', n },
  init: { theta0: new Array<number>(n).fill(0) },
  optimizers: [optimizer],
  run: { iterations },
});

/** For each track, the k of the records that carry θ. */
function thetaKs(run: Run): number[][] {
  return run.tracks.map((info) =>
    run
      .status(info.key)
      .records.filter((r) => r.theta !== undefined)
      .map((r) => r.k),
  );
}

function storedThetaValues(run: Run): number {
  let total = 0;
  for (const info of run.tracks) for (const r of run.status(info.key).records) total += r.theta?.length ?? 0;
  return total;
}

describe('θ history', () => {
  it('holds as many leading iterates as fit in the cap for all tracks together', () => {
    expect(recordedThetaIterations(200, 1)).toBe(100_000);
    expect(recordedThetaIterations(1000, 12)).toBe(Math.floor(MAX_RECORDED_THETA_VALUES / 12_000));
    expect(recordedThetaIterations(1, 3, 30)).toBe(10);
    expect(recordedThetaIterations(MAX_RECORDED_THETA + 1, 1)).toBe(0);
  });

  it('follows a budget raised during the run: θ stops at the cap, at the same k for every track', () => {
    const cap = 30; // 3 tracks × p = 1: θ_0..θ_9
    const run = new Run(curveScenario(5), { maxRecordedThetaValues: cap });
    while (!run.done) run.step();
    expect(thetaKs(run)).toEqual([0, 1, 2].map(() => [0, 1, 2, 3, 4, 5]));
    run.iterations = 40;
    while (!run.done) run.step();
    const upToNine = Array.from({ length: 10 }, (_, k) => k);
    expect(thetaKs(run)).toEqual([upToNine, upToNine, upToNine]);
    expect(storedThetaValues(run)).toBe(cap);
    for (const info of run.tracks) {
      const status = run.status(info.key);
      expect(status.records).toHaveLength(41);
      expect(status.records[9].theta![0]).not.toBe(status.records[8].theta![0]);
    }
    // Started with the large budget: the same θ history and the same numbers.
    const straight = new Run(curveScenario(40), { maxRecordedThetaValues: cap });
    while (!straight.done) straight.step();
    expect(thetaKs(straight)).toEqual(thetaKs(run));
    for (const info of run.tracks) {
      expect(straight.status(info.key).records.map((r) => r.loss)).toEqual(
        run.status(info.key).records.map((r) => r.loss),
      );
    }
  });

  it('with the real cap: a 100,000-iteration budget still records θ from the start', () => {
    const run = new Run(linearScenario(200, { id: 'ngd', preconditioner: 'gram', alpha: 0.5 }, 100_000));
    run.step();
    run.step();
    expect(run.status('ngd').records.map((r) => r.theta?.length)).toEqual([200, 200]);
  });

  it(`is never recorded per iteration above ${MAX_RECORDED_THETA} parameters; the last θ is kept`, () => {
    const scenario = linearScenario(1, { id: 'gd', preconditioner: 'identity', alpha: 0.1 }, 3);
    scenario.model = { kind: 'mlp', layers: [1, 400, 1], activation: 'tanh' }; // p = 1201
    scenario.init = { seed: 1, scale: 1 };
    const run = new Run(scenario);
    expect(run.p).toBeGreaterThan(MAX_RECORDED_THETA);
    run.step();
    run.step();
    const status = run.status('gd');
    expect(status.records).toHaveLength(2);
    expect(status.records.every((r) => r.theta === undefined)).toBe(true);
    expect(status.theta).toHaveLength(run.p);
  });
});
