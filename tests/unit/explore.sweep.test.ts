// The Sweep panel's engine side: the setup a link carries, the sweep file it gives the command line,
// the axis picker, and the maps drawn from finished cells (medians over seeds, states, shared domain).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, findPreset } from '../../src/engine/scenario/presets';
import { parseSweep } from '../../src/engine/sweep/parse';
import { runCell } from '../../src/engine/sweep/measure';
import type { TrackMeasures } from '../../src/engine/sweep/measure';
import {
  axisChoices,
  checkSetup,
  decodeSetup,
  encodeSetup,
  sweepFileOf,
  type SweepSetup,
} from '../../src/engine/sweep/setup';
import {
  CELL_DIVERGED,
  CELL_INVALID,
  CELL_NO_VALUE,
  CELL_OK,
  CELL_PENDING,
  aggregateSeeds,
  sweepMap,
  summariseCell,
} from '../../src/engine/views/sweepMap';

const SETUP: SweepSetup = {
  axes: [
    { path: 'optimizers.*.alpha', from: 0.01, to: 1, steps: 3, scale: 'log' },
    { path: 'optimizers.*.beta', from: 0, to: 0.9, steps: 4, scale: 'linear' },
  ],
  iterations: 50,
  tolerance: 1e-6,
  measure: 'final_loss',
};

function row(
  optimizer: string,
  seed: number,
  finalLoss: number,
  diverged = false,
  kToTolerance?: number,
): TrackMeasures {
  const r: TrackMeasures = { optimizer, seed, finalLoss, bestLoss: finalLoss, diverged, finalError: NaN };
  if (kToTolerance !== undefined) r.kToTolerance = kToTolerance;
  return r;
}

describe('sweep setup', () => {
  it('round-trips through the link and refuses a damaged one with reasons', () => {
    const text = encodeSetup(SETUP);
    expect(text.startsWith('1.')).toBe(true);
    expect(decodeSetup(text)).toEqual({ ok: true, setup: SETUP });
    expect(decodeSetup('2.abc').ok).toBe(false);
    const bad = decodeSetup(encodeSetup({ ...SETUP, measure: 'speed' as never, iterations: 0 }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toMatch(/sweep.iterations[\s\S]*sweep.measure/);
  });

  it('gives the sweep file of the command line, which parses to the same cells', () => {
    const file = sweepFileOf(DEFAULT_SCENARIO, SETUP);
    const parsed = parseSweep(JSON.parse(JSON.stringify(file)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.sweep.axes.map((a) => a.values)).toEqual([
      [0.01, 0.1, 1],
      [0, 0.3, 0.6, 0.9],
    ]);
    expect(parsed.sweep.measure).toEqual({ iterations: 50, tolerance: 1e-6 });
    const checked = checkSetup(DEFAULT_SCENARIO, {
      ...SETUP,
      axes: [{ ...SETUP.axes[0], path: 'optimizers.nope.alpha' }],
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.join()).toContain("no optimizer has the id 'nope'");
  });

  it('offers every sweepable field by label, and a field every optimizer has for all of them at once', () => {
    const choices = axisChoices(DEFAULT_SCENARIO);
    const alphaAll = choices.find((c) => c.path === 'optimizers.*.alpha');
    expect(alphaAll).toMatchObject({ label: 'every optimizer: step α', scale: 'log' });
    // NHGD has no β, so no "every optimizer: β".
    expect(choices.some((c) => c.path === 'optimizers.*.beta')).toBe(false);
    expect(choices.find((c) => c.path === 'optimizers.natural-heavy-ball.beta')).toMatchObject({
      scale: 'linear',
      from: 0,
      to: 0.99,
    });
    const mlp = axisChoices(findPreset('sine-mlp')!.scenario);
    expect(mlp.find((c) => c.path === 'model.layers.1')?.integer).toBe(true);
  });
});

describe('sweep maps', () => {
  it('aggregates seeds by median, marks diverged majorities and missing values', () => {
    expect(aggregateSeeds([row('a', 0, 3), row('a', 1, 1), row('a', 2, 2)], 'final_loss')).toEqual({
      value: 2,
      state: CELL_OK,
    });
    expect(aggregateSeeds([row('a', 0, NaN, true), row('a', 1, NaN, true), row('a', 2, 2)], 'final_loss').state).toBe(
      CELL_DIVERGED,
    );
    // One of three diverged: the median of the other two.
    expect(aggregateSeeds([row('a', 0, NaN, true), row('a', 1, 1), row('a', 2, 2)], 'final_loss').value).toBe(1.5);
    expect(aggregateSeeds([row('a', 0, 1, false, 4), row('a', 1, 1)], 'k_to_tolerance').state).toBe(CELL_NO_VALUE);
    expect(
      aggregateSeeds(
        [row('a', 0, 1, false, 4), row('a', 1, 1), row('a', 2, 1, true, 3), row('a', 3, 1, false, 9)],
        'success_rate',
      ).value,
    ).toBe(0.5);
  });

  it('maps finished cells, pending ones, invalid ones with their reason, and one shared domain', () => {
    const parsed = parseSweep(
      sweepFileOf(DEFAULT_SCENARIO, {
        ...SETUP,
        axes: [{ path: 'optimizers.nhgd.solver.eps', from: 1e-8, to: 1e-2, steps: 3, scale: 'log' }],
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const sweep = parsed.sweep;
    const results = [
      runCell(sweep, 0),
      undefined,
      {
        cell: 2,
        values: [1e-2],
        rows: sweep.scenario.optimizers.map((o) => ({ optimizer: o.id, invalid: 'made up' })),
      },
    ];
    const map = sweepMap(
      sweep,
      results.map((result) => (result === undefined ? undefined : summariseCell(sweep, result))),
      'final_loss',
    );
    expect(map.filled).toBe(2);
    expect(map.maps.map((m) => m.optimizerId)).toEqual(['nhgd', 'natural-heavy-ball', 'natural-nesterov']);
    expect([...map.maps[0].states]).toEqual([CELL_OK, CELL_PENDING, CELL_INVALID]);
    expect(map.reasons.get(2)).toBe('made up');
    const finals = (results[0]!.rows as TrackMeasures[]).map((r) => r.finalLoss);
    expect(map.maps.map((m) => m.values[0])).toEqual(finals);
    expect(map.domain).toEqual([Math.min(...finals.filter((x) => x > 0)), Math.max(...finals)]);
  });
});
