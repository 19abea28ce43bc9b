// Gallery presets that open with a sweep (keyed by preset key, beside the presets' own data): the
// scenario is run as usual and the Sweep panel opens with the setup below and runs it.
//  - momentum-alpha-beta: the α–β plane of Heavy-Ball against natural Heavy-Ball on the toy where the
//    parametrisation makes GD slow (as in "Why Momentum Really Works", Goh 2017);
//  - rom-kdv-samples: the relative error of the online ROM against the number of samples;
//  - sine-success: the share of 8 random starts of the sine network that reach L ≤ 1e-6 in 100
//    iterations, against α, for NGD, NHGD and natural Nesterov.

import { optimizerFromPreset } from './optimizerPresets';
import { findPreset, type ScenarioPreset } from './presets';
import type { Scenario } from './types';
import { teachingOf } from './presetTeaching';
import type { SweepSetup } from '../sweep/setup';

function base(key: string): Scenario {
  const found = findPreset(key);
  if (found === undefined) throw new Error(`presetSweeps: no preset '${key}'`);
  return structuredClone(found.scenario);
}

const momentumPlane: Scenario = {
  ...base('parametrisation-bias'),
  title: 'The α–β plane of Heavy-Ball and natural Heavy-Ball',
  optimizers: [optimizerFromPreset('heavy-ball'), optimizerFromPreset('natural-heavy-ball')],
};

const sineSuccess: Scenario = {
  ...base('sine-mlp'),
  title: 'Success over random starts against α on the sine network',
  optimizers: [optimizerFromPreset('ngd'), optimizerFromPreset('nhgd'), optimizerFromPreset('natural-nesterov')],
  run: { iterations: 100, seeds: 8 },
};

export const SWEEP_PRESETS: ScenarioPreset[] = [
  {
    key: 'momentum-alpha-beta',
    title: momentumPlane.title ?? '',
    sentence:
      'A map of the final loss over step α and momentum β: Heavy-Ball converges in a band that the badly scaled parameters narrow; natural Heavy-Ball, blind to the parametrisation, in a wide one.',
    group: 'paper',
    scenario: momentumPlane,
    teaching: teachingOf('momentum-alpha-beta'),
  },
  {
    key: 'sine-success',
    title: sineSuccess.title ?? '',
    sentence:
      'For each α, the share of 8 random starts that reach L ≤ 1e-6 within 100 iterations: natural Nesterov (β = 0.9) works with steps ten times smaller than NGD and NHGD need, and fails first as α grows, since momentum multiplies the step by about 1/(1 − β).',
    group: 'regression',
    scenario: sineSuccess,
    teaching: teachingOf('sine-success'),
  },
];

export const PRESET_SWEEPS: Readonly<Record<string, SweepSetup>> = {
  'momentum-alpha-beta': {
    axes: [
      { path: 'optimizers.*.alpha', from: 0.01, to: 2, steps: 32, scale: 'log' },
      { path: 'optimizers.*.beta', from: 0, to: 0.99, steps: 32, scale: 'linear' },
    ],
    iterations: 100,
    tolerance: 1e-8,
    measure: 'final_loss',
  },
  // The online ROM's error against the number of samples m = 1 … 128 (the authors' ROMs_error figure);
  // the decoder trains once per sweep worker.
  'rom-kdv-samples': {
    axes: [{ path: 'problem.target.samples', from: 1, to: 128, steps: 8, scale: 'log' }],
    iterations: 100,
    tolerance: 5e-3,
    measure: 'final_error',
  },
  'sine-success': {
    axes: [{ path: 'optimizers.*.alpha', from: 0.02, to: 1.5, steps: 12, scale: 'log' }],
    iterations: 100,
    tolerance: 1e-6,
    measure: 'success_rate',
  },
};
