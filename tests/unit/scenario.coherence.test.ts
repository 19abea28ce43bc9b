// The engine's coherence rules (the edits behind the panel's problem-type, model and optimizer switches):
// from every preset, every switch must give a scenario that validateScenario accepts (the page never
// reaches a dead state), keep the problem type it promises, and a model marked unavailable must really be
// rejected by validation.

import { describe, expect, it } from 'vitest';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { validateScenario } from '../../src/engine/scenario/validate';
import type { Scenario } from '../../src/engine/scenario/types';
import {
  PROBLEM_TYPES,
  TARGET_PRESETS_2D,
  problemTypeOf,
  setLossKind,
  switchProblemType,
} from '../../src/engine/scenario/coherence/problemTypes';
import {
  defaultModel,
  modelUnavailableReason,
  setExpressionParameters,
  switchModel,
  type ModelKind,
} from '../../src/engine/scenario/coherence/models';
import { addOptimizer, setPreconditioner } from '../../src/engine/scenario/coherence/optimizers';
import { parseParameterList } from '../../src/ui/controls/parseText';
import { checkRestricted } from '../../src/engine/expr/restricted';

const MODEL_KINDS: ModelKind[] = ['toy', 'linear', 'mlp', 'tensor', 'expression', 'rom'];

function errorsOf(s: Scenario): string[] {
  const result = validateScenario(s);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('problem type switches', () => {
  it('the problem type of each preset group', () => {
    const expected: Record<string, string[]> = {
      paper: ['exact'],
      regression: ['function', 'rom'],
      pde: ['pde'],
      classification: ['classification'],
      'time-series': ['time-series'],
      '2d': ['function-2d'],
    };
    for (const preset of SCENARIO_PRESETS) expect(expected[preset.group]).toContain(problemTypeOf(preset.scenario));
  });

  it('every preset switched to every problem type is valid and has that type', () => {
    for (const preset of SCENARIO_PRESETS) {
      for (const { value: type } of PROBLEM_TYPES) {
        const s = structuredClone(preset.scenario);
        switchProblemType(s, type);
        expect(errorsOf(s), `${preset.key} → ${type}`).toEqual([]);
        expect(problemTypeOf(s)).toBe(type);
        // Optimizers survive a switch (the comparison the user set up stays).
        expect(s.optimizers.map((o) => o.id)).toEqual(preset.scenario.optimizers.map((o) => o.id));
      }
    }
  });

  it('chains of switches stay valid (type after type)', () => {
    const s = structuredClone(SCENARIO_PRESETS[0].scenario);
    const order = [
      'function',
      'function-2d',
      'classification',
      'time-series',
      'pde',
      'function-2d',
      'exact',
      'time-series',
      'function',
    ] as const;
    for (const type of order) {
      switchProblemType(s, type);
      expect(errorsOf(s), `→ ${type}`).toEqual([]);
    }
  });

  it('a PDE keeps no lstsq solver on the gram preconditioner (it has no least-squares form there)', () => {
    const s = structuredClone(SCENARIO_PRESETS.find((p) => p.key === 'sine-mlp')!.scenario);
    s.optimizers[2].solver = { kind: 'lstsq' };
    expect(s.optimizers[2].preconditioner).toBe('gram');
    switchProblemType(s, 'pde');
    expect(errorsOf(s)).toEqual([]);
    expect(s.optimizers[2].solver).toEqual({ kind: 'cholesky' });
  });

  it('classification forces a sigmoid output and 2 inputs; Mackey–Glass 4 inputs', () => {
    const s = structuredClone(SCENARIO_PRESETS.find((p) => p.key === 'sine-mlp')!.scenario);
    switchProblemType(s, 'classification');
    expect(s.model).toMatchObject({ kind: 'mlp', output: 'sigmoid' });
    expect(s.model.kind === 'mlp' && s.model.layers[0]).toBe(2);
    switchProblemType(s, 'time-series');
    expect(s.model.kind === 'mlp' && s.model.layers[0]).toBe(4);
    expect(s.model.kind === 'mlp' && s.model.output).toBeUndefined();
  });
});

describe('model switches', () => {
  it('every model kind from every problem type is valid; unavailable kinds really are invalid', () => {
    for (const { value: type } of PROBLEM_TYPES) {
      for (const kind of MODEL_KINDS) {
        const s = structuredClone(SCENARIO_PRESETS[0].scenario);
        switchProblemType(s, type);
        const reason = modelUnavailableReason(s, kind);
        if (reason !== null && s.model.kind !== kind) {
          // The reason is real: the model as such is refused by validation.
          const forced = structuredClone(s);
          forced.model = defaultModel(kind, forced);
          expect(errorsOf(forced).length, `${kind} on ${type}`).toBeGreaterThan(0);
        }
        switchModel(s, kind);
        expect(errorsOf(s), `${type} → ${kind}`).toEqual([]);
        expect(s.model.kind).toBe(kind);
        // An available sampled model keeps the problem type (the toy and the reduced-order model bring theirs).
        if (reason === null && type !== 'exact' && kind !== 'toy' && kind !== 'rom')
          expect(problemTypeOf(s)).toBe(type);
        if (kind === 'rom') expect(problemTypeOf(s)).toBe('rom');
      }
    }
  });

  it('the losses switch problem types coherently', () => {
    for (const { value: type } of PROBLEM_TYPES) {
      for (const loss of ['l2', 'h1', 'cross-entropy', 'pde'] as const) {
        const s = structuredClone(SCENARIO_PRESETS[0].scenario);
        switchProblemType(s, type);
        setLossKind(s, loss);
        expect(errorsOf(s), `${type} with ${loss}`).toEqual([]);
        expect(s.problem.loss.kind).toBe(loss);
      }
    }
    const s = structuredClone(SCENARIO_PRESETS[0].scenario);
    for (const equation of ['nonlinear', 'poisson', 'reaction-diffusion'] as const) {
      setLossKind(s, 'pde', equation);
      expect(errorsOf(s)).toEqual([]);
      expect(s.problem.loss).toMatchObject({ kind: 'pde', equation });
    }
    expect(s.problem.domain).toEqual([[0, 1]]);
  });
});

describe('expression parameters and 2D presets', () => {
  it('parses a parameter list and keeps θ₀ of the names that stay', () => {
    expect(parseParameterList(' a, b ,c ')).toEqual({ ok: true, names: ['a', 'b', 'c'] });
    expect(parseParameterList(' , ').ok).toBe(false);
    const s = structuredClone(SCENARIO_PRESETS.find((p) => p.key === 'bump-expression')!.scenario);
    expect(s.init).toEqual({ theta0: [0.5, 5, 0] });
    setExpressionParameters(s, ['c', 'a', 'b', 'd']);
    expect(s.init).toEqual({ theta0: [0, 0.5, 5, 1] });
    // The formula does not use d: still a valid model (d has a zero derivative).
    expect(errorsOf(s)).toEqual([]);
    setExpressionParameters(s, ['a', 'x']);
    expect(errorsOf(s).join()).toMatch(/model\.params\[1\]/);
  });

  it('2D target presets are valid formulas of x and y', () => {
    for (const preset of TARGET_PRESETS_2D) expect(checkRestricted(preset.expr, ['x', 'y'])).toBeNull();
  });
});

describe('optimizer edits', () => {
  it('a preconditioner switch stays valid: own memory drops momentum, identity keeps parameter transport, lstsq only where it solves', () => {
    for (const preset of SCENARIO_PRESETS) {
      for (const o of preset.scenario.optimizers) {
        for (const preconditioner of ['identity', 'gram', 'loss-hessian', 'newton', 'adam', 'lbfgs'] as const) {
          const s = structuredClone(preset.scenario);
          setPreconditioner(s, o.id, preconditioner);
          const changed = s.optimizers.find((x) => x.id === o.id)!;
          expect(changed.preconditioner).toBe(preconditioner);
          if (preconditioner === 'adam' || preconditioner === 'lbfgs') expect(changed.momentum).toBeUndefined();
          if (preconditioner === 'identity' && changed.transport !== undefined)
            expect(changed.transport).toBe('parameter');
          expect(errorsOf(s), `${preset.key} ${o.id} → ${preconditioner}`).toEqual([]);
        }
      }
    }
  });

  it('presets added twice get unique ids and labels', () => {
    const s = structuredClone(SCENARIO_PRESETS[0].scenario);
    expect(s.optimizers.some((o) => o.id.startsWith('lbfgs'))).toBe(false);
    addOptimizer(s, 'lbfgs');
    addOptimizer(s, 'lbfgs');
    expect(s.optimizers.slice(-2).map((o) => [o.id, o.label])).toEqual([
      ['lbfgs', 'L-BFGS'],
      ['lbfgs-2', 'L-BFGS 2'],
    ]);
    expect(errorsOf(s)).toEqual([]);
  });
});
