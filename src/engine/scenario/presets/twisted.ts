// Gallery preset "Beyond L2: a twisted loss" (docs/ALGORITHMS.md §7, the authors' TwistedLoss figure).
//
// The manifold, K and target of the local-minimum preset (curve toy, φ = 0, a = 3, s = 0.1; K = diag(4, 1);
// c_u = c(−1)), started further out at θ₀ = 2.5, under the twisted loss with ω = 2, φ = 240°. All three
// methods use the loss-Hessian metric and α = 0.1. Measured (first k with 𝓛 < 1e-2, i.e. off the plateau
// at 𝓛 ≈ 4.5e-2): NHGD k = 130, natural Heavy-Ball (β = 0.3) k = 92, natural Nesterov (β = 0.6) k = 60,
// which then reaches 𝓛 < 1e-9 at k = 89 (tests/unit/twisted.preset.test.ts holds the story, not the numbers).
// The momentum methods use different β on purpose, and the sentence says so: with β = 0.6 for both,
// natural Heavy-Ball leaves the plateau at k = 52, before natural Nesterov (k = 60).

import type { ScenarioPreset } from '../presets';
import { teachingOf } from '../presetTeaching';
import { optimizerFromPreset } from '../optimizerPresets';

export const TWISTED_LOSS_PRESET: ScenarioPreset = {
  key: 'twisted-loss',
  title: 'Beyond L2: a twisted loss',
  sentence:
    'A loss that is not quadratic (𝓛 = ½‖f(e)‖²_K, f(e) = e + ω‖e‖² R_φ e, ω = 2, φ = 240°): NHGD and natural Heavy-Ball (β = 0.3) sit on a long plateau near 𝓛 ≈ 5e-2 and leave it at k ≈ 130 and 92; natural Nesterov, run with a larger β = 0.6, leaves it at k ≈ 60 and reaches rounding level by k ≈ 90. The two momentum methods use different β: with β = 0.6 natural Heavy-Ball would leave first (k ≈ 52).',
  group: 'paper',
  teaching: teachingOf('twisted-loss'),
  scenario: {
    version: 1,
    title: 'Beyond L2: a twisted loss',
    problem: {
      space: 'exact',
      domain: [[-1, 1]],
      target: { kind: 'coefficients', c: [-0.1, 0.3] },
      loss: {
        kind: 'twisted',
        omega: 2,
        phi_deg: 240,
        K: [
          [4, 0],
          [0, 1],
        ],
      },
    },
    model: { kind: 'toy', name: 'curve', params: { phi_deg: 0, a: 3, s: 0.1 } },
    init: { theta0: [2.5] },
    optimizers: [
      { ...optimizerFromPreset('nhgd'), alpha: 0.1 },
      { ...optimizerFromPreset('natural-heavy-ball'), alpha: 0.1, beta: 0.3 },
      { ...optimizerFromPreset('natural-nesterov'), alpha: 0.1, beta: 0.6 },
    ],
    run: { iterations: 150 },
  },
};
