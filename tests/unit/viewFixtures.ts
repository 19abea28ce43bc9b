// Scenarios and straight-line trajectories the view tests share.

import type { Scenario } from '../../src/engine/scenario/types';

export function scenario(problem: Scenario['problem'], model: Scenario['model']): Scenario {
  return {
    version: 1,
    problem,
    model,
    init: { seed: 1, scale: 1 },
    optimizers: [{ id: 'gd', preconditioner: 'identity' }],
    run: { iterations: 10 },
  };
}

/** steps + 1 iterates on the segment from `from` to `to`. */
export function line(from: number[], to: number[], steps: number): Float64Array[] {
  return Array.from({ length: steps + 1 }, (_, k) => Float64Array.from(from, (a, j) => a + ((to[j] - a) * k) / steps));
}
