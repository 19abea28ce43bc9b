// One colour per method (from preconditioner and momentum, never the id or position; contrast on white;
// dashes for repeats), the teaching notes of the presets, and the views a link's query asks for.
import { describe, expect, it } from 'vitest';
import { METHODS, METHOD_COLORS, methodOf } from '../../src/style/methodColors';
import { optimizerColor, optimizerDash } from '../../src/style/colors';
import { lossFunction, viewProblemOf } from '../../src/engine/views/problem';
import { OPTIMIZER_PRESET_NAMES, optimizerFromPreset } from '../../src/engine/scenario/optimizerPresets';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { PLOT_IDS, teachingOf } from '../../src/engine/scenario/presetTeaching';
import { viewModeFromSearch } from '../../src/ui/presentation/viewMode';

/** WCAG relative luminance and contrast ratio against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05);
}

describe('one colour per method', () => {
  it('each named optimizer preset maps to its own method', () => {
    expect(OPTIMIZER_PRESET_NAMES.map((name) => methodOf(optimizerFromPreset(name)))).toEqual(OPTIMIZER_PRESET_NAMES);
  });

  it('the method follows the preconditioner and momentum, not the id', () => {
    expect(methodOf({ preconditioner: 'gram', momentum: 'heavy-ball' })).toBe('natural-heavy-ball');
    expect(methodOf({ preconditioner: 'identity', momentum: 'nesterov' })).toBe('nesterov');
    expect(methodOf({ preconditioner: 'loss-hessian' })).toBe('nhgd');
    const renamed = { ...optimizerFromPreset('ngd', 'my-method'), label: 'anything' };
    expect(optimizerColor(renamed)).toBe(METHOD_COLORS.ngd);
    expect(optimizerColor({ ...renamed, color: '#123456' })).toBe('#123456');
  });

  it('ten distinct colours, each with at least 3:1 contrast on white (WCAG 1.4.11)', () => {
    const colors = METHODS.map((m) => METHOD_COLORS[m]);
    expect(new Set(colors).size).toBe(10);
    for (const color of colors) expect(contrastOnWhite(color), color).toBeGreaterThanOrEqual(3);
  });

  it('a second optimizer of one method gets a dash pattern, the first stays solid', () => {
    const race = [
      optimizerFromPreset('gd', 'gd-small'),
      optimizerFromPreset('ngd'),
      { ...optimizerFromPreset('gd', 'gd-large'), alpha: 0.5 },
    ];
    expect(race.map((o) => optimizerColor(o))).toEqual([METHOD_COLORS.gd, METHOD_COLORS.ngd, METHOD_COLORS.gd]);
    expect(optimizerDash(race, 0)).toBeUndefined();
    expect(optimizerDash(race, 1)).toBeUndefined();
    expect(optimizerDash(race, 2)).toMatch(/^\d/);
  });
});

describe('teaching notes of the presets', () => {
  it('every preset has 2–3 known focus plots; the story steps have a lesson', () => {
    for (const preset of SCENARIO_PRESETS) {
      expect(preset.teaching).toBe(teachingOf(preset.key));
      expect(preset.teaching.focus.length).toBeGreaterThanOrEqual(2);
      expect(preset.teaching.focus.length).toBeLessThanOrEqual(3);
      for (const id of preset.teaching.focus) expect(PLOT_IDS).toContain(id);
      if (preset.group === 'paper') expect(preset.teaching.lesson.length, preset.key).toBeGreaterThan(20);
    }
  });

  it('step 7 marks the local minimum on a linear L(θ) axis', () => {
    const teaching = teachingOf('local-minimum');
    expect(teaching.focus[0]).toBe('parameters');
    expect(teaching.parameterScale).toBe('linear');
    expect(teaching.annotations.some((a) => a.kind === 'point' && Math.abs(a.x - 0.667) < 1e-3)).toBe(true);
  });

  it('points marked on a one-parameter L(θ) plot sit on the curve: y = L(x) by the engine', () => {
    let checked = 0;
    for (const preset of SCENARIO_PRESETS) {
      const problem = viewProblemOf(preset.scenario);
      if (problem.p !== 1) continue;
      const loss = lossFunction(problem.objective);
      for (const a of preset.teaching.annotations) {
        if (a.plot !== 'parameters' || a.kind !== 'point') continue;
        expect(Math.abs(loss(Float64Array.of(a.x)) - a.y), `${preset.key}: ${a.label}`).toBeLessThan(1e-9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });
});

describe('views of a link', () => {
  it('reads ?present and ?embed=…', () => {
    expect(viewModeFromSearch('')).toEqual({ mode: 'app', embedPlots: [] });
    expect(viewModeFromSearch('?present')).toEqual({ mode: 'present', embedPlots: [] });
    expect(viewModeFromSearch('?embed=loss,approximation')).toEqual({
      mode: 'embed',
      embedPlots: ['loss', 'approximation'],
    });
    expect(viewModeFromSearch('?embed=nonsense')).toEqual({ mode: 'embed', embedPlots: ['loss'] });
  });
});
