// Sweep files, axis values, cell numbering and shards (docs/SCENARIO.md "Sweeps").
import { describe, expect, it } from 'vitest';
import { linkHash } from '../../src/engine/scenario/codec';
import { DEFAULT_SCENARIO, findPreset } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';
import {
  cellCount,
  cellValues,
  checkSweepPath,
  parseSweep,
  rangeValues,
  shardCells,
  writeSweepPath,
  type Sweep,
} from '../../src/engine/sweep';

function parsed(input: unknown): Sweep {
  const result = parseSweep(input);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.sweep;
}

function errorsOf(input: unknown): string[] {
  const result = parseSweep(input);
  if (result.ok) throw new Error('expected the sweep file to be rejected');
  return result.errors;
}

const sine = (): Scenario => structuredClone(findPreset('sine-mlp')!.scenario);
/** A sweep file over the sine MLP preset. */
const sineSweep = (axes: unknown[]): unknown => ({ version: 1, scenario: sine(), axes });

describe('axis values', () => {
  it('linear ranges include both ends and read as the decimals they are', () => {
    const { values } = rangeValues({ from: 0, to: 0.95, steps: 20, scale: 'linear' }, false);
    expect(values).toEqual([
      0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95,
    ]);
    expect(rangeValues({ from: 1, to: -1, steps: 5, scale: 'linear' }, false).values).toEqual([1, 0.5, 0, -0.5, -1]);
    expect(Object.is(rangeValues({ from: -0.3, to: 0.3, steps: 3, scale: 'linear' }, false).values[1], 0)).toBe(true);
  });

  it('log ranges are geometric: equal ratios between neighbours', () => {
    expect(rangeValues({ from: 0.01, to: 100, steps: 5, scale: 'log' }, false).values).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(rangeValues({ from: 1e-3, to: 1, steps: 4, scale: 'log' }, false).values).toEqual([0.001, 0.01, 0.1, 1]);
    const { values } = rangeValues({ from: 0.05, to: 2, steps: 9, scale: 'log' }, false);
    const ratio = Math.pow(2 / 0.05, 1 / 8);
    for (let i = 1; i < values.length; i++) expect(values[i] / values[i - 1]).toBeCloseTo(ratio, 12);
    expect(values[0]).toBe(0.05);
    expect(values[8]).toBe(2);
  });

  it('integer fields are rounded and repeated integers dropped, with a note', () => {
    const axis = rangeValues({ from: 1, to: 8, steps: 8, scale: 'log' }, true);
    const expected = [...new Set(Array.from({ length: 8 }, (_, i) => Math.round(Math.pow(8, i / 7))))];
    expect(axis.values).toEqual(expected);
    expect(axis.values).toEqual([1, 2, 3, 4, 6, 8]);
    expect(axis.note).toContain('8 steps round to 6 distinct integers');
    expect(rangeValues({ from: 10, to: 40, steps: 4, scale: 'linear' }, true)).toEqual({ values: [10, 20, 30, 40] });
  });

  it('a sweep file rounds ranges on integer paths and only those', () => {
    const sweep = parsed(
      sineSweep([
        { path: 'model.layers.1', range: { from: 2, to: 9, steps: 4, scale: 'linear' } },
        { path: 'problem.quadrature.m', range: { from: 10, to: 1000, steps: 3, scale: 'log' } },
        { path: 'optimizers.adam.alpha', range: { from: 0.001, to: 0.1, steps: 3, scale: 'log' } },
      ]),
    );
    expect(sweep.axes.map((a) => a.integer)).toEqual([true, true, false]);
    expect(sweep.axes.map((a) => a.values)).toEqual([
      [2, 4, 7, 9],
      [10, 100, 1000],
      [0.001, 0.01, 0.1],
    ]);
    expect(sweep.measure).toEqual({ iterations: sine().run.iterations });
  });
});

describe('cells and shards', () => {
  const axes = [
    { path: 'a', integer: false, values: [10, 20] },
    { path: 'b', integer: false, values: [1, 2, 3] },
    { path: 'c', integer: false, values: [0.1, 0.2, 0.3, 0.4] },
  ];

  it('cells are numbered with the last axis varying fastest', () => {
    expect(cellCount({ axes })).toBe(24);
    let cell = 0;
    for (const a of axes[0].values) {
      for (const b of axes[1].values) {
        for (const c of axes[2].values) expect(cellValues({ axes }, cell++)).toEqual([a, b, c]);
      }
    }
  });

  it('shard K/N runs the cells ≡ K − 1 (mod N); the shards partition the cells', () => {
    expect(shardCells(10, { index: 1, count: 3 })).toEqual([0, 3, 6, 9]);
    expect(shardCells(10, { index: 3, count: 3 })).toEqual([2, 5, 8]);
    expect(shardCells(2, { index: 3, count: 3 })).toEqual([]);
    const all = [1, 2, 3, 4].flatMap((index) => shardCells(23, { index, count: 4 }));
    expect(all.sort((x, y) => x - y)).toEqual(shardCells(23));
  });
});

describe('sweep paths', () => {
  it('write a copy: by optimizer id, by array index, into every optimizer with *', () => {
    const base = sine();
    const before = JSON.stringify(base);
    const alpha = writeSweepPath(base, 'optimizers.ngd.alpha', 0.25);
    const layer = writeSweepPath(base, 'model.layers.1', 7);
    const all = writeSweepPath(base, 'optimizers.*.beta', 0.3);
    expect(JSON.stringify(base)).toBe(before);
    if (!alpha.ok || !layer.ok || !all.ok) throw new Error('expected writes to succeed');
    expect(alpha.scenario.optimizers.map((o) => o.alpha)).toEqual([0.1, 0.01, 0.25, 0.3]);
    expect(layer.scenario.model).toMatchObject({ layers: [1, 7, 1] });
    // β applies only to the momentum method: the others are left as they were.
    expect(all.scenario.optimizers.map((o) => o.beta)).toEqual([undefined, undefined, undefined, 0.3]);
  });

  it('an absent optional field is created with what omission means (a Cholesky solver for eps)', () => {
    const written = writeSweepPath(sine(), 'optimizers.ngd.solver.eps', 1e-3);
    expect(written.ok && written.scenario.optimizers[2].solver).toEqual({ kind: 'cholesky', eps: 1e-3 });
  });

  it('ids that contain dots are matched whole', () => {
    const base = sine();
    base.optimizers[2].id = 'ngd.v2';
    const written = writeSweepPath(base, 'optimizers.ngd.v2.alpha', 0.7);
    expect(written.ok && written.scenario.optimizers[2].alpha).toBe(0.7);
  });

  it('refuse what is not a number the scenario reads, saying why', () => {
    const base = sine();
    const message = (path: string): string => {
      const check = checkSweepPath(base, path);
      return check.ok ? 'ok' : check.message;
    };
    expect(message('optimizers.nope.alpha')).toBe(
      "no optimizer has the id 'nope' (ids: gd, adam, ngd, natural-heavy-ball)",
    );
    expect(message('model.activation')).toBe('is not a number field');
    expect(message('model.layers.5')).toContain('model.layers has 3 entries (indices 0 to 2)');
    expect(message('problem.quadrature.q')).toBe("'problem.quadrature.q' names no field of a scenario");
    expect(message('optimizers.gd.step.c')).toBe("applies only when step.rule is 'armijo' (it is 'fixed')");
    expect(message('optimizers.natural-heavy-ball.step.c')).toBe('ok');
    expect(message('init.scale')).toBe('ok');
    expect(message('version')).toContain('not a parameter');
    expect(message('optimizers.ngd')).toContain("'optimizers.ngd' is an optimizer: name one of its fields");
  });
});

describe('sweep files', () => {
  const axis = { path: 'optimizers.nhgd.alpha', values: [0.1, 0.2] };

  it('a scenario or a link, and the measure', () => {
    const inline = parsed({
      version: 1,
      scenario: DEFAULT_SCENARIO,
      axes: [axis],
      measure: { iterations: 50, tolerance: 1e-6 },
    });
    const linked = parsed({
      version: 1,
      link: `https://example.org/app/${linkHash(DEFAULT_SCENARIO)}`,
      axes: [axis],
      measure: { iterations: 50, tolerance: 1e-6 },
    });
    expect(linked).toEqual(inline);
    expect(inline.measure).toEqual({ iterations: 50, tolerance: 1e-6 });
  });

  it('lists every problem at once, each at its place', () => {
    const errors = errorsOf({
      version: 1,
      scenario: DEFAULT_SCENARIO,
      axis: [],
      axes: [
        { path: 'optimizers.nhb.alpha', values: [0.1] },
        { path: 'problem.nothing', values: [1] },
        { path: 'optimizers.nhgd.alpha', values: [] },
        { path: 'optimizers.nhgd.beta', range: { from: 0, to: 1, steps: 65, scale: 'linear' } },
      ],
      measure: { iterations: 0 },
    });
    expect(errors).toEqual([
      'axis: unknown field (expected version, scenario, link, axes, measure)',
      'axes: must list 1 to 3 axes, got 4',
      "axes[0].path: 'optimizers.nhb.alpha': no optimizer has the id 'nhb' (ids: nhgd, natural-heavy-ball, natural-nesterov)",
      "axes[1].path: 'problem.nothing': 'problem.nothing' names no field of a scenario",
      'axes[2].values: is empty (an axis needs at least one value)',
      "axes[3].path: 'optimizers.nhgd.beta': is not used in this scenario (momentum β)",
      'axes[3].range.steps: must be an integer in [2, 64], got 65',
      'measure.iterations: must be an integer in [1, 100000], got 0',
    ]);
  });

  it('rejects bad ranges and values precisely', () => {
    const errors = errorsOf(
      sineSweep([
        { path: 'optimizers.gd.alpha', range: { from: 0, to: 1, steps: 5, scale: 'log' } },
        { path: 'model.layers.1', values: [4, 4.5, 4] },
        { path: 'optimizers.gd.alpha', values: [0.1], range: { from: 1, to: 2, steps: 2 } },
      ]),
    );
    expect(errors).toEqual([
      'axes[0].range: a log scale needs from > 0 and to > 0, got from 0 and to 1',
      'axes[1].values[1]: must be an integer (this field holds integers), got 4.5',
      'axes[1].values[2]: repeats 4 (already at [0])',
      'axes[2]: needs either values (a list) or range {from, to, steps, scale}, not both or neither',
    ]);
    expect(errorsOf(sineSweep([axis, { path: 'model.activation', values: ['sin'] }]))).toEqual([
      "axes[0].path: 'optimizers.nhgd.alpha': no optimizer has the id 'nhgd' (ids: gd, adam, ngd, natural-heavy-ball)",
      "axes[1].path: 'model.activation': is not a number field",
      'axes[1].values[0]: must be a number, got "sin"',
    ]);
  });

  it("reports the base scenario's own errors under scenario. or link:", () => {
    const bad = structuredClone(DEFAULT_SCENARIO) as unknown as { run: { iterations: number } };
    bad.run.iterations = -1;
    expect(errorsOf({ version: 1, scenario: bad, axes: [axis] })).toEqual([
      'scenario.run.iterations: must be an integer in [1, 100000], got -1',
    ]);
    expect(errorsOf({ version: 1, link: 'https://example.org/#s=1.AAAA', axes: [axis] })[0]).toMatch(
      /^link: link payload/,
    );
    expect(errorsOf({ version: 2, axes: [axis] })).toEqual([
      'version: must be 1, got 2',
      'scenario: is required (or a link: "https://…/#s=…")',
    ]);
  });
});
