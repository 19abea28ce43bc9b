// The field table and what is derived from it: every resolved optimizer field has an entry, defaults and
// rules agree with validation, paths in the sweep syntax read and write the scenario (with precise
// reasons when they name nothing), sweepable fields are exactly the numeric ones that apply, and every
// update rule renders with KaTeX without a line that outgrows the optimizer's card.

import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { validateScenario } from '../../src/engine/scenario/validate';
import { resolveOptimizer } from '../../src/engine/scenario/defaults';
import { OPTIMIZER_PRESET_NAMES, optimizerFromPreset } from '../../src/engine/scenario/optimizerPresets';
import { OPTIMIZER_FIELDS } from '../../src/engine/scenario/table/optimizer';
import { locateField, readPath, writePath } from '../../src/engine/scenario/paths';
import { sweepableFields } from '../../src/engine/scenario/sweepable';
import { updateRuleTex } from '../../src/engine/scenario/updateRule';
import type { OptimizerSpec, ResolvedOptimizer, Scenario } from '../../src/engine/scenario/types';

function preset(key: string): Scenario {
  const found = SCENARIO_PRESETS.find((p) => p.key === key);
  if (!found) throw new Error(`no preset ${key}`);
  return structuredClone(found.scenario);
}

function errorsOf(s: Scenario): string[] {
  const result = validateScenario(s);
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('the optimizer table', () => {
  it('lists every field of ResolvedOptimizer once, in the order of the normalised spec', () => {
    const resolved = resolveOptimizer({ id: 'x', preconditioner: 'gram', color: '#000000' });
    const keys = OPTIMIZER_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(Object.keys(resolved).sort());
    // The normalised spec writes its keys in table order whatever the input's order.
    const written = Object.fromEntries(
      [...keys].reverse().map((k) => [k, (resolved as unknown as Record<string, unknown>)[k]]),
    );
    const s = preset('local-minimum');
    s.optimizers = [written as unknown as OptimizerSpec];
    const result = validateScenario(s);
    expect(result.ok && Object.keys(result.scenario.optimizers[0])).toEqual(keys);
  });

  it('every default is a value validation accepts (a spec filled with its defaults is valid)', () => {
    for (const name of OPTIMIZER_PRESET_NAMES) {
      const s = preset('sine-mlp');
      const { color: _color, ...filled } = resolveOptimizer(optimizerFromPreset(name));
      s.optimizers = [filled as OptimizerSpec];
      expect(errorsOf(s), name).toEqual([]);
    }
  });

  it('the rule of each number field is what validation enforces', () => {
    for (const f of OPTIMIZER_FIELDS) {
      if (f.type !== 'number') continue;
      const s = preset('local-minimum');
      const bad = f.rule.lo !== undefined ? f.rule.lo - 1 : f.rule.hi !== undefined ? f.rule.hi + 1 : Number.NaN;
      (s.optimizers[0] as unknown as Record<string, unknown>)[f.key] = bad;
      expect(errorsOf(s).join(), f.key).toMatch(new RegExp(`^optimizers\\[0\\]\\.${f.key}: must be`));
    }
  });

  it('momentum resolves to none where it does not apply (Adam, L-BFGS), whatever is written', () => {
    expect(resolveOptimizer({ id: 'a', preconditioner: 'adam', momentum: 'nesterov' }).momentum).toBe('none');
    expect(resolveOptimizer({ id: 'g', preconditioner: 'gram', momentum: 'nesterov' }).momentum).toBe('nesterov');
  });
});

describe('paths in the sweep syntax', () => {
  it('read the value in force: as written, else the default', () => {
    const s = preset('local-minimum');
    expect(readPath(s, 'optimizers.nhgd.alpha')).toEqual({ ok: true, value: 0.5 });
    expect(readPath(s, 'optimizers.nhgd.beta')).toEqual({ ok: true, value: 0.9 });
    expect(readPath(s, 'optimizers.nhgd.solver.eps')).toEqual({ ok: true, value: 1e-6 });
    expect(readPath(s, 'optimizers.nhgd.transport')).toEqual({ ok: true, value: 'projected-difference' });
    expect(readPath(s, 'init.theta0.0')).toEqual({ ok: true, value: 1.6 });
    expect(readPath(s, 'model.params.a')).toEqual({ ok: true, value: 3 });
    const mlp = preset('sine-mlp');
    expect(readPath(mlp, 'model.layers.1')).toEqual({ ok: true, value: 20 });
    expect(readPath(mlp, 'problem.quadrature.m')).toEqual({ ok: true, value: 200 });
    expect(readPath(mlp, 'init.scale')).toEqual({ ok: true, value: 1 });
  });

  it('give a precise reason for a path that names nothing here', () => {
    const s = preset('sine-mlp');
    const error = (path: string) => {
      const r = readPath(s, path);
      return r.ok ? 'ok' : r.error;
    };
    expect(error('optimizers.nhb.alpha')).toBe(
      "optimizers.nhb.alpha: no optimizer has the id 'nhb' (ids: gd, adam, ngd, natural-heavy-ball)",
    );
    expect(error('optimizers.ngd.gamma')).toMatch(
      /^optimizers\.ngd\.gamma: optimizers have no field 'gamma' \(fields: id, label/,
    );
    expect(error('optimizers.ngd.solver.rcond')).toBe(
      "optimizers.ngd.solver.rcond: applies only when solver.kind is 'pinv' or 'lstsq' (it is 'cholesky')",
    );
    expect(error('optimizers.ngd.solver')).toBe(
      "'optimizers.ngd.solver' is an object: name one of its fields (kind, eps)",
    );
    expect(error('optimizers.ngd.alpha.x')).toBe("optimizers.ngd.alpha.x: optimizers.ngd.alpha has no field 'x'");
    expect(error('model.layers.3')).toBe('model.layers.3: model.layers has 3 entries (indices 0 to 2)');
    expect(error('model.n')).toBe('model.n: exists only for linear and tensor models');
    expect(error('init.theta0.0')).toBe('init.theta0.0: exists only for explicit starts (init.theta0)');
    expect(error('problem.domain.1.0')).toBe('problem.domain.1.0: problem.domain has 1 entry (indices 0 to 0)');
    expect(error('model.weights')).toBe("'model.weights' names no field of a scenario");
    expect(error('optimizers..alpha')).toBe("'optimizers..alpha' is not a field path (empty segment)");
  });

  it('write values that validation then reads back, creating an omitted solver or step', () => {
    const s = preset('sine-mlp');
    for (const [path, value] of [
      ['optimizers.ngd.alpha', 0.25],
      ['optimizers.ngd.solver.eps', 1e-3],
      ['optimizers.natural-heavy-ball.step.shrink', 0.7],
      ['model.layers.1', 12],
      ['problem.quadrature.m', 64],
      ['init.seed', 5],
      ['run.iterations', 7],
      ['problem.domain.0.1', 2],
    ] as const) {
      expect(writePath(s, path, value).ok, path).toBe(true);
      expect(readPath(s, path)).toEqual({ ok: true, value });
    }
    expect(s.optimizers[2].solver).toEqual({ kind: 'cholesky', eps: 1e-3 });
    expect(errorsOf(s)).toEqual([]);
    expect(writePath(s, 'optimizers.ngd.solver.kind', 'pinv').ok).toBe(true);
    expect(s.optimizers[2].solver).toEqual({ kind: 'pinv' });
    expect(readPath(s, 'optimizers.ngd.solver.rcond')).toEqual({ ok: true, value: 1e-10 });
  });

  it('refuse a value of the wrong type and name the path validation reports at', () => {
    const s = preset('sine-mlp');
    expect(writePath(s, 'model.layers.1', 2.5)).toEqual({
      ok: false,
      error: 'model.layers.1: expects an integer, got 2.5',
    });
    expect(writePath(s, 'optimizers.ngd.momentum', 'polyak')).toEqual({
      ok: false,
      error: "optimizers.ngd.momentum: expects one of 'none', 'heavy-ball', 'nesterov', got \"polyak\"",
    });
    const located = locateField(s, 'optimizers.ngd.solver.eps');
    expect(located.ok && located.value.errorPath).toBe('optimizers[2].solver.eps');
    const layer = locateField(s, 'model.layers.1');
    expect(layer.ok && layer.value.errorPath).toBe('model.layers[1]');
  });
});

describe('sweepable fields', () => {
  it('are the numeric fields that apply, with their spacing and range', () => {
    const fields = sweepableFields(preset('sine-mlp'));
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f]));
    expect(byPath['optimizers.ngd.alpha']).toMatchObject({ scale: 'log', integer: false });
    expect(byPath['optimizers.natural-heavy-ball.beta']).toMatchObject({
      scale: 'linear',
      defaultRange: { from: 0, to: 0.99 },
    });
    expect(byPath['optimizers.ngd.solver.eps']).toMatchObject({ scale: 'log' });
    expect(byPath['model.layers.1']).toMatchObject({ integer: true });
    expect(byPath['problem.quadrature.m']).toMatchObject({ integer: true });
    // Not applying here: β without momentum, α under Armijo, the input and output widths, Adam's β₁ on GD.
    for (const absent of [
      'optimizers.ngd.beta',
      'optimizers.natural-heavy-ball.alpha',
      'model.layers.0',
      'model.layers.2',
      'optimizers.gd.beta1',
    ]) {
      expect(byPath[absent], absent).toBeUndefined();
    }
  });

  it('every listed path reads, and a value in its default range written there is valid', () => {
    for (const p of SCENARIO_PRESETS) {
      for (const f of sweepableFields(p.scenario)) {
        const s = structuredClone(p.scenario);
        expect(readPath(s, f.path).ok, `${p.key} ${f.path}`).toBe(true);
        const { from, to } = f.defaultRange;
        const mid = f.scale === 'log' ? Math.sqrt(from * to) : (from + to) / 2;
        expect(writePath(s, f.path, f.integer ? Math.round(mid) : mid).ok).toBe(true);
        // Widths, basis sizes and ranks change p (an explicit θ₀ no longer fits); an interval's ends must stay ordered.
        if (!/^(model\.(layers|n|rank)|problem\.domain)\b/.test(f.path)) {
          expect(errorsOf(s), `${p.key} ${f.path}`).toEqual([]);
        }
      }
    }
  });
});

describe('update rules from the TeX fragments', () => {
  const all: ResolvedOptimizer[] = [];
  for (const preconditioner of ['identity', 'gram', 'loss-hessian', 'newton', 'adam', 'lbfgs'] as const) {
    for (const momentum of ['none', 'heavy-ball', 'nesterov'] as const) {
      for (const lookahead of ['tangent-k', 'tangent-y'] as const) {
        for (const step of [{ rule: 'fixed' }, { rule: 'armijo' }] as const) {
          for (const solver of [{ kind: 'cholesky' }, { kind: 'pinv' }] as const) {
            all.push(
              resolveOptimizer({ id: 'x', preconditioner, momentum, lookahead, step, solver, restart: 'function' }),
            );
          }
        }
      }
    }
  }

  it('every combination renders with KaTeX, no equation wider than the card allows', () => {
    for (const o of all) {
      for (const tex of updateRuleTex(o)) {
        expect(() => katex.renderToString(tex, { throwOnError: true, displayMode: true }), tex).not.toThrow();
        // One rendered line per equation: the longest equation, without TeX commands, stays short.
        const widest = Math.max(
          ...tex
            .replace(/\\begin\{aligned\}|\\end\{aligned\}/g, '')
            .split('\\\\')
            .map((line) => line.replace(/\\[a-zA-Z]+/g, 'x').replace(/[{}&\s]/g, '').length),
        );
        expect(widest, tex).toBeLessThanOrEqual(48);
      }
    }
  });

  it('says what the engine runs', () => {
    const adam = updateRuleTex(resolveOptimizer(optimizerFromPreset('adam'))).join(' ');
    expect(adam).toContain('\\beta_1 m_{k-1}');
    expect(adam).toContain('\\begin{aligned}');
    const lbfgs = updateRuleTex(resolveOptimizer({ id: 'l', preconditioner: 'lbfgs', history: 7 })).join(' ');
    expect(lbfgs).toContain('the last } 7');
    const nn = updateRuleTex(
      resolveOptimizer({ ...optimizerFromPreset('natural-nesterov'), step: { rule: 'armijo' }, restart: 'function' }),
    );
    expect(nn[0]).toContain('y_k &= \\theta_k + \\beta m_k');
    expect(nn[0]).toContain("d_k &= (G^{H}_{k} + \\sigma I)^{-1} J_k^{\\top} \\mathcal{L}'");
    expect(nn[1]).toContain('Armijo');
    expect(nn[1]).toContain('m_{k+1} = 0');
    const pinvY = updateRuleTex(
      resolveOptimizer({
        id: 'p',
        preconditioner: 'gram',
        momentum: 'nesterov',
        lookahead: 'tangent-y',
        solver: { kind: 'pinv' },
      }),
    );
    expect(pinvY[0]).toContain('d_k &= {G_{y_k}}^{+} \\nabla L(y_k)');
    // Options that do not apply leave no trace: Adam's written momentum or armijo step.
    const adamWritten = updateRuleTex(
      resolveOptimizer({ id: 'a', preconditioner: 'adam', step: { rule: 'armijo' }, restart: 'function' }),
    );
    expect(adamWritten).toHaveLength(1);
  });
});

describe('optimizer ids with dots', () => {
  it('a path names the optimizer with the longest id it starts with', () => {
    const s = preset('local-minimum');
    s.optimizers[0].id = 'a.b';
    s.optimizers[1].id = 'a';
    expect(readPath(s, 'optimizers.a.b.alpha')).toEqual({ ok: true, value: 0.5 });
    expect(readPath(s, 'optimizers.a.alpha')).toEqual({ ok: true, value: 0.3 });
  });
});
