import { describe, expect, it } from 'vitest';
import { resolveOptimizer } from '../../src/engine/scenario/defaults';
import {
  OPTIMIZER_PRESET_NAMES,
  optimizerFromPreset,
  type OptimizerPresetName,
} from '../../src/engine/scenario/optimizerPresets';
import { DEFAULT_SCENARIO } from '../../src/engine/scenario/presets';
import { validateScenario } from '../../src/engine/scenario/validate';
import type { ResolvedOptimizer } from '../../src/engine/scenario/types';

describe('resolveOptimizer', () => {
  it('fills every default of a bare gradient-descent spec', () => {
    const expected: ResolvedOptimizer = {
      id: 'plain',
      label: 'plain',
      preconditioner: 'identity',
      momentum: 'none',
      alpha: 0.1,
      beta: 0.9,
      transport: 'parameter',
      lookahead: 'tangent-k',
      restart: 'none',
      step: { rule: 'fixed' },
      solver: { kind: 'cholesky', eps: 1e-6 },
      beta1: 0.9,
      beta2: 0.999,
      adamEps: 1e-8,
      history: 10,
      lineSearch: 'strong-wolfe',
    };
    expect(resolveOptimizer({ id: 'plain', preconditioner: 'identity' })).toEqual(expected);
  });

  it('transports projected differences for the natural metrics, parameters otherwise', () => {
    expect(resolveOptimizer({ id: 'a', preconditioner: 'gram' }).transport).toBe('projected-difference');
    expect(resolveOptimizer({ id: 'a', preconditioner: 'loss-hessian' }).transport).toBe('projected-difference');
    expect(resolveOptimizer({ id: 'a', preconditioner: 'identity' }).transport).toBe('parameter');
    expect(resolveOptimizer({ id: 'a', preconditioner: 'gram', transport: 'projected-momentum' }).transport).toBe(
      'projected-momentum',
    );
  });

  it('gives adam a step of 1e-2, lbfgs 1, and no outer momentum to either', () => {
    const adam = resolveOptimizer({ id: 'a', preconditioner: 'adam', momentum: 'heavy-ball' });
    expect([adam.alpha, adam.momentum]).toEqual([1e-2, 'none']);
    const lbfgs = resolveOptimizer({ id: 'l', preconditioner: 'lbfgs', momentum: 'nesterov' });
    expect([lbfgs.alpha, lbfgs.momentum, lbfgs.history, lbfgs.lineSearch]).toEqual([1, 'none', 10, 'strong-wolfe']);
  });

  it('fills armijo and solver parameters per kind, keeping given values', () => {
    const spec = { id: 's', preconditioner: 'gram' as const };
    expect(resolveOptimizer({ ...spec, step: { rule: 'armijo' } }).step).toEqual({
      rule: 'armijo',
      initial: 1,
      shrink: 0.5,
      c: 1e-4,
    });
    expect(resolveOptimizer({ ...spec, step: { rule: 'armijo', shrink: 0.8 } }).step).toEqual({
      rule: 'armijo',
      initial: 1,
      shrink: 0.8,
      c: 1e-4,
    });
    expect(resolveOptimizer({ ...spec, solver: { kind: 'pinv' } }).solver).toEqual({ kind: 'pinv', rcond: 1e-10 });
    expect(resolveOptimizer({ ...spec, solver: { kind: 'lstsq' } }).solver).toEqual({ kind: 'lstsq', rcond: 1e-5 });
    expect(resolveOptimizer({ ...spec, solver: { kind: 'cholesky', eps: 0 } }).solver).toEqual({
      kind: 'cholesky',
      eps: 0,
    });
  });

  it('keeps label and colour when given', () => {
    const r = resolveOptimizer({ id: 'n', label: 'Natural', color: '#123456', preconditioner: 'gram' });
    expect([r.label, r.color]).toEqual(['Natural', '#123456']);
    expect('color' in resolveOptimizer({ id: 'n', preconditioner: 'gram' })).toBe(false);
  });
});

describe('optimizer presets', () => {
  type Expect = Partial<ResolvedOptimizer>;
  // The table of the brief (docs/SCENARIO.md names; docs/ALGORITHMS.md §3–4 meanings).
  const table: Record<OptimizerPresetName, Expect> = {
    gd: { preconditioner: 'identity', momentum: 'none', alpha: 0.1 },
    'heavy-ball': { preconditioner: 'identity', momentum: 'heavy-ball', transport: 'parameter', alpha: 0.1, beta: 0.9 },
    nesterov: { preconditioner: 'identity', momentum: 'nesterov', transport: 'parameter', alpha: 0.1, beta: 0.9 },
    adam: { preconditioner: 'adam', alpha: 1e-2, beta1: 0.9, beta2: 0.999, adamEps: 1e-8 },
    lbfgs: { preconditioner: 'lbfgs', alpha: 1, history: 10, lineSearch: 'strong-wolfe' },
    ngd: { preconditioner: 'gram', momentum: 'none', alpha: 0.5, solver: { kind: 'cholesky', eps: 1e-6 } },
    nhgd: { preconditioner: 'loss-hessian', momentum: 'none', alpha: 0.5, solver: { kind: 'cholesky', eps: 1e-6 } },
    newton: { preconditioner: 'newton', momentum: 'none', alpha: 1 },
    'natural-heavy-ball': {
      preconditioner: 'loss-hessian',
      momentum: 'heavy-ball',
      transport: 'projected-difference',
      alpha: 0.3,
      beta: 0.9,
    },
    'natural-nesterov': {
      preconditioner: 'loss-hessian',
      momentum: 'nesterov',
      transport: 'projected-difference',
      lookahead: 'tangent-k',
      alpha: 0.3,
      beta: 0.9,
    },
  };

  it('lists exactly the ten names', () => {
    expect([...OPTIMIZER_PRESET_NAMES].sort()).toEqual(Object.keys(table).sort());
  });

  for (const name of Object.keys(table) as OptimizerPresetName[]) {
    it(`${name} resolves to the documented method`, () => {
      const spec = optimizerFromPreset(name);
      expect(spec.id).toBe(name);
      expect(resolveOptimizer(spec)).toMatchObject(table[name]);
    });
  }

  it('takes an id and returns fresh objects', () => {
    const a = optimizerFromPreset('natural-nesterov', 'nn');
    expect(a.id).toBe('nn');
    a.alpha = 7;
    a.label = 'changed';
    expect(optimizerFromPreset('natural-nesterov').alpha).toBe(0.3);
    expect(optimizerFromPreset('natural-nesterov').label).toBe('Natural Nesterov');
  });

  it('every preset is a valid optimizer of the default scenario', () => {
    const scenario = structuredClone(DEFAULT_SCENARIO);
    scenario.optimizers = OPTIMIZER_PRESET_NAMES.map((name) => optimizerFromPreset(name));
    expect(validateScenario(scenario).ok).toBe(true);
  });
});
