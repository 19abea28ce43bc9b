// The gallery's sweep presets: valid scenarios, setups that check on them, short links.
import { describe, expect, it } from 'vitest';
import { linkHash } from '../../src/engine/scenario/codec';
import { validateScenario } from '../../src/engine/scenario/validate';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { PRESET_SWEEPS, SWEEP_PRESETS } from '../../src/engine/scenario/presetSweeps';
import { checkSetup, encodeSetup } from '../../src/engine/sweep/setup';
import { runCell } from '../../src/engine/sweep/measure';

describe('sweep presets', () => {
  it('each has a valid scenario, a sweep that checks on it, a key of its own and a link under 2,000 characters', () => {
    for (const preset of SWEEP_PRESETS) {
      expect(validateScenario(preset.scenario).ok, preset.key).toBe(true);
      expect(SCENARIO_PRESETS.some((p) => p.key === preset.key)).toBe(false);
      const setup = PRESET_SWEEPS[preset.key];
      const checked = checkSetup(preset.scenario, setup);
      expect(checked.ok, checked.ok ? '' : checked.errors.join('\n')).toBe(true);
      expect(`https://example.org/?sweep=${encodeSetup(setup)}${linkHash(preset.scenario)}`.length).toBeLessThan(2000);
    }
  });

  it('the α–β map separates the two optimizers: natural Heavy-Ball reaches the tolerance in far more cells', () => {
    const preset = SWEEP_PRESETS.find((p) => p.key === 'momentum-alpha-beta')!;
    const setup = PRESET_SWEEPS[preset.key];
    const checked = checkSetup(preset.scenario, setup);
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    const reached = { 'heavy-ball': 0, 'natural-heavy-ball': 0 };
    // Every α at β = 0, 0.26 and 0.51 (indices 0, 8, 16 of 32).
    for (let i = 0; i < 32; i++) {
      for (const j of [0, 8, 16]) {
        for (const row of runCell(checked.sweep, i * 32 + j).rows as {
          optimizer: keyof typeof reached;
          finalLoss: number;
          diverged: boolean;
        }[]) {
          if (!row.diverged && row.finalLoss <= setup.tolerance!) reached[row.optimizer]++;
        }
      }
    }
    expect(reached['natural-heavy-ball']).toBeGreaterThan(3 * reached['heavy-ball']);
  });

  it('the online-ROM preset of the gallery opens a sweep over m = 1, 2, 4, …, 128 samples', () => {
    const preset = SCENARIO_PRESETS.find((p) => p.key === 'rom-kdv-samples')!;
    const checked = checkSetup(preset.scenario, PRESET_SWEEPS[preset.key]);
    if (!checked.ok) throw new Error(checked.errors.join('\n'));
    expect(checked.sweep.axes.map((axis) => axis.path)).toEqual(['problem.target.samples']);
    expect(checked.sweep.axes[0].values).toEqual([1, 2, 4, 8, 16, 32, 64, 128]);
  });
});
