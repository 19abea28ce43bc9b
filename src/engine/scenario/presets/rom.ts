// Gallery presets of the online reduced-order-modelling experiment (docs/ALGORITHMS.md §5, the authors'
// KdV figures ROMs_reconstruction_*.png, ROMs_error.png, ROMs_iters.png).
//
// The non-iterative methods of the figure are shown as follows: the nonlinear ROM without optimisation is
// every track at k = 0 (all start from θ₀, the linear least-squares fit, through the decoder); the linear
// ROM's least-squares fit is a reference curve of the approximation plot (with its relative error in the
// legend). They sit in the gallery's regression group (reconstructing a function from samples; the paper
// group holds the toy lessons, each with its sketch). GD for 100 and for 1000 iterations is one GD track read at k = 100 and at the end (the sweep
// runs both budgets as an axis).

import type { ScenarioPreset } from '../presets';
import { teachingOf } from '../presetTeaching';
import type { OptimizerSpec, Scenario } from '../types';
import { optimizerFromPreset } from '../optimizerPresets';

/** The methods of the comparison: GD, NGD and natural Nesterov on the nonlinear ROM (least squares for the Gram systems). */
export const ROM_OPTIMIZERS: OptimizerSpec[] = [
  { ...optimizerFromPreset('gd'), alpha: 0.05 },
  { ...optimizerFromPreset('ngd'), alpha: 0.5, solver: { kind: 'lstsq' } },
  {
    ...optimizerFromPreset('natural-nesterov'),
    alpha: 0.3,
    beta: 0.9,
    transport: 'projected-difference',
    lookahead: 'tangent-k',
    solver: { kind: 'lstsq' },
  },
];

export const ROM_SCENARIO: Scenario = {
  version: 1,
  title: 'Online ROM: a KdV soliton from 20 samples',
  description:
    'The KdV state u = 1 + 24 sech²(2√2 (x + 1)) on [−π, π) seen at 20 grid points, reconstructed by the nonlinear ROM (6 POD modes and a decoder to 37) from the linear least-squares fit.',
  problem: {
    space: 'sampled',
    domain: [[-Math.PI, Math.PI]],
    target: { kind: 'kdv', amplitude: 24, position: -1, samples: 20, seed: 3 },
    loss: { kind: 'l2' },
  },
  model: {
    kind: 'rom',
    variant: 'nonlinear',
    modes: 6,
    total_modes: 37,
    grid: 512,
    snapshots: 300,
    width: 64,
    training: 2000,
    seed: 7,
  },
  init: { fit: 'least-squares' },
  optimizers: ROM_OPTIMIZERS,
  run: { iterations: 1000 },
};

export const ROM_PRESETS: ScenarioPreset[] = [
  {
    key: 'rom-kdv-20',
    title: 'Online ROM: a KdV soliton from 20 samples',
    sentence:
      'A KdV soliton seen at 20 points (marked), rebuilt by a reduced-order model learned offline (the decoder trains first, with a progress bar): the linear ROM (grey reference) stays near 40 % error, the nonlinear ROM at k = 0 (no optimisation) too, and NGD and natural Nesterov bring it to the decoder’s floor of about 3 % in about ten iterations, where GD needs hundreds.',
    group: 'regression',
    scenario: ROM_SCENARIO,
    teaching: teachingOf('rom-kdv-20'),
  },
  {
    key: 'rom-kdv-samples',
    title: 'Online ROM: error against the number of samples',
    sentence:
      'The same reconstruction from 128 samples, the end of the sweep over m = 1 … 128 that `npm run cli -- sweep examples/sweep-rom-samples.json` runs: with enough samples every method reaches the decoder’s floor, with few none does.',
    group: 'regression',
    teaching: teachingOf('rom-kdv-samples'),
    scenario: {
      ...ROM_SCENARIO,
      title: 'Online ROM: error against the number of samples',
      problem: { ...ROM_SCENARIO.problem, target: { kind: 'kdv', amplitude: 24, position: -1, samples: 128, seed: 3 } },
    },
  },
];
