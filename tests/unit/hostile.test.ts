// The reproducers of issue 11 ("hostile scenarios cost nothing"), each now refused quickly with its
// message, or run. Decoding guards (bombs, nesting, float range, checksums) are in codec.test.ts; the
// generated hostile inputs in hostile.property.test.ts.
import { describe, expect, it } from 'vitest';
import { Run } from '../../src/engine/run';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';
import { formatFieldError, validateScenario } from '../../src/engine/scenario/validate';
import { checkCost, estimateCost } from '../../src/engine/scenario/cost';
import { trackOutcome } from '../../src/engine/outcome';

const preset = (key: string): Scenario => structuredClone(SCENARIO_PRESETS.find((p) => p.key === key)!.scenario);
const tower = (name: string, levels: number): string => Array.from({ length: levels }, () => name).join('^');

function errorsOf(s: Scenario): string[] {
  const result = validateScenario(s);
  return result.ok ? [] : result.errors.map(formatFieldError);
}

/** Validates, builds and runs `iterations` steps; returns the elapsed seconds. */
function runs(s: Scenario, iterations: number): number {
  const started = performance.now();
  expect(errorsOf(s)).toEqual([]);
  const run = new Run(s);
  for (let k = 0; k < iterations; k++) run.step();
  for (const info of run.tracks)
    expect(run.status(info.key).records.length + (run.status(info.key).stopReason ? 1 : 0)).toBeGreaterThan(0);
  return (performance.now() - started) / 1000;
}

function withModel(expr: string, params: string[], optimizers: Scenario['optimizers']): Scenario {
  const s = preset('bump-expression');
  s.model = { kind: 'expression', expr, params };
  s.init = { theta0: params.map(() => 0.9) };
  s.optimizers = optimizers;
  return s;
}

const NEWTON: Scenario['optimizers'] = [{ id: 'newton', preconditioner: 'newton', alpha: 0.5 }];

describe('short formulas that exploded now run, or are refused by the node budget', { timeout: 60_000 }, () => {
  it('a^a^…^a (199 levels) with Newton: one iteration (was 5.1 GB and a crash)', () => {
    expect(runs(withModel(tower('a', 199), ['a'], NEWTON), 1)).toBeLessThan(20);
  });

  it('sin(sin(…)) 150 deep with Newton: three iterations (was ~50 s)', () => {
    expect(runs(withModel(`${'sin('.repeat(150)}a*x${')'.repeat(150)}`, ['a'], NEWTON), 3)).toBeLessThan(20);
  });

  it('an h1 target x^x^… 333 deep builds once for all tracks (was 16.8 s)', () => {
    const s = preset('runge-legendre');
    s.problem.loss = { kind: 'h1' };
    s.problem.target = { kind: 'expression', expr: `0.5+${tower('x', 333)}` };
    s.problem.domain = [[0.5, 1]];
    expect(runs(s, 1)).toBeLessThan(20);
  });

  it('a product of 60 factors with Newton exceeds the node budget: refused with the field and the way out', () => {
    const params = Array.from({ length: 60 }, (_, i) => `a${i}`);
    const s = withModel(params.map((a) => `(${a}+x)`).join('*'), params, NEWTON);
    expect(errorsOf(s)).toEqual([
      'model.expr: its first and second derivatives need more than 20000 expression nodes: simplify the formula or use an optimizer other than Newton',
    ]);
    s.optimizers = [{ id: 'gd', preconditioner: 'identity' }];
    expect(errorsOf(s)).toEqual([]); // without the Hessian it fits
  });
});

describe('accepted, then thrown: now refused at validation', () => {
  const exact = (expr: string) => {
    const s = preset('orthonormal-gd');
    s.problem.target = { kind: 'expression', expr };
    return errorsOf(s);
  };

  it('non-finite constants and exact-space targets', () => {
    expect(exact('0/0')).toEqual(["problem.target.expr: '0 / 0' is not a number (NaN)"]);
    expect(exact('1/0')).toEqual(["problem.target.expr: '1 / 0' is ∞, beyond the float range"]);
    expect(exact('sqrt(-1)')).toEqual(["problem.target.expr: 'sqrt(-1)' is not a number (NaN)"]);
    expect(exact('-1e308*10')).toEqual(["problem.target.expr: '-1e+308 * 10' is −∞, beyond the float range"]);
    expect(exact('10^400')).toEqual(["problem.target.expr: '10 ^ 400' is ∞, beyond the float range"]);
    expect(exact('x + 1e309')).toEqual(["problem.target.expr: '1e309' is ∞, beyond the float range at position 4"]);
    expect(exact('log(-x)')).toEqual([
      expect.stringMatching(
        /^problem\.target\.expr: is not finite on \[−1, 1\], where it is projected: NaN at x = 0\.\d+$/,
      ),
    ]);
    expect(exact('sin(2*pi*x)')).toEqual([]);
  });

  it('sampled targets and Poisson sources must be finite at the quadrature points', () => {
    const s = preset('runge-legendre');
    s.problem.target = { kind: 'expression', expr: 'log(x)' };
    expect(errorsOf(s)).toEqual([
      expect.stringMatching(/^problem\.target\.expr: is not finite at a quadrature point: NaN at x = -0\.\d+$/),
    ]);
    const p = preset('poisson');
    p.problem.loss = { kind: 'pde', equation: 'poisson', f: '1/(x-0.5)^2 - 1/(x-0.5)^2' };
    expect(errorsOf(p)).toEqual([]); // finite wherever evaluated (no point at 0.5)
  });

  it('parameters named like constants, functions or operators are refused', () => {
    for (const name of ['NaN', 'Infinity', 'pi', 'e', 'PI', 'true', 'sin', 'mod', 'y']) {
      expect(errorsOf(withModel(`a*x + ${name === 'sin' ? 'a' : name}`, ['a', name], NEWTON))[0], name).toMatch(
        /^model\.params\[1\]: '.+' is (a reserved name|reserved for the inputs)/,
      );
    }
  });
});

describe('the product of sizes is bounded', () => {
  it('p = 1,998, 20,000 points, 12 optimizers × 64 seeds: refused with the estimate and the field to change', () => {
    const s = preset('bump-expression');
    s.problem.quadrature = { kind: 'grid', m: 20_000 };
    s.model = { kind: 'mlp', layers: [1, 665, 1, 1], activation: 'tanh' };
    s.init = { seed: 1 };
    s.optimizers = Array.from({ length: 12 }, (_, i) => ({ id: `ngd${i}`, preconditioner: 'gram' as const }));
    s.run = { iterations: 100, seeds: 64 };
    const started = performance.now();
    const errors = errorsOf(s);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(errors[0]).toMatch(
      /^problem\.quadrature\.m: the run would need about [\d.]+ TB of memory \(768 tracks, 1998 parameters, 20000 rows\), over the browser's budget of 1 GB: use fewer quadrature points$/,
    );
    expect(errors[1]).toMatch(
      /^problem\.quadrature\.m: building the run and its first iteration would take about [\d.]+ h on a slow laptop/,
    );
  });

  it('names run.seeds when every track is cheap but there are many', () => {
    const s = preset('sine-mlp');
    s.problem.quadrature = { kind: 'grid', m: 2000 };
    s.init = { seed: 1 };
    s.run = { iterations: 10, seeds: 64 };
    s.optimizers = s.optimizers.map((o) => ({ ...o, preconditioner: 'gram' as const }));
    expect(checkCost(s).map((e) => e.path)).toContain('run.seeds');
    expect(checkCost(s, { allowLarge: true })).toEqual([]);
  });

  it('names run.iterations when the records dominate', () => {
    const s = preset('local-minimum');
    s.run = { iterations: 100_000, seeds: 1 };
    s.optimizers = Array.from({ length: 12 }, (_, i) => ({ id: `g${i}`, preconditioner: 'identity' as const }));
    const estimate = estimateCost(s);
    expect('error' in estimate ? null : estimate.memoryField).toBe('run.iterations');
  });

  it('every preset fits the browser budget with room to spare', () => {
    for (const p of SCENARIO_PRESETS) {
      const estimate = estimateCost(p.scenario);
      if ('error' in estimate) throw new Error(estimate.error.message);
      expect(estimate.bytes, p.key).toBeLessThan(1e8);
      expect(estimate.seconds, p.key).toBeLessThan(0.5);
    }
  });
});

describe('status that tells the truth', () => {
  it('classifies finished, diverged and stopped tracks', () => {
    expect(trackOutcome({ done: true })).toEqual({ kind: 'finished' });
    expect(trackOutcome({ done: false })).toEqual({ kind: 'running' });
    expect(trackOutcome({ done: true, stopReason: 'diverged at k = 12: L = NaN' })).toEqual({
      kind: 'diverged',
      k: 12,
      reason: 'diverged at k = 12: L = NaN',
    });
    expect(trackOutcome({ done: true, stopReason: 'gradient is not finite at k = 3' }).kind).toBe('diverged');
    expect(trackOutcome({ done: true, stopReason: 'momentum projection failed at k = 4' })).toEqual({
      kind: 'stopped',
      k: 4,
      reason: 'momentum projection failed at k = 4',
    });
  });

  it('a run with a huge step diverges and says so', () => {
    const s = preset('bump-mlp');
    s.optimizers = [{ id: 'wild', preconditioner: 'identity', alpha: 1e6 }];
    s.run = { iterations: 50 };
    const run = new Run(s);
    while (!run.done) run.step();
    const outcome = trackOutcome(run.status('wild'));
    expect(outcome.kind).toBe('diverged');
  });
});
