// A spare run worker runs this small race once after loading, so that when it replaces a stuck worker the
// new run does not also pay for the first compilation of the engine's hot paths (validation, the MLP
// passes, the Gram and Cholesky WebAssembly kernels, the exact Newton term): measured on the built app,
// a cold spare answered a new start in 370–700 ms, most of it compiling.

import { Run } from '../src/engine/run';
import type { Scenario } from '../src/engine/scenario/types';
import { validateScenario } from '../src/engine/scenario/validate';

const WARM_UP_SCENARIO: Scenario = {
  version: 1,
  title: 'warm-up',
  problem: {
    space: 'sampled',
    domain: [[-1, 1]],
    target: { kind: 'expression', expr: 'sin(2*pi*x)' },
    loss: { kind: 'l2' },
    // More points than one block of the MLP passes (128), so that the blocked path is compiled too.
    quadrature: { kind: 'grid', m: 200 },
  },
  model: { kind: 'mlp', layers: [1, 8, 8, 1], activation: 'tanh' },
  init: { seed: 1 },
  optimizers: [
    { id: 'gd', preconditioner: 'identity', alpha: 0.01 },
    { id: 'ngd', preconditioner: 'gram', alpha: 0.5 },
    { id: 'nesterov', preconditioner: 'gram', alpha: 0.5, momentum: 'nesterov', beta: 0.9 },
    { id: 'newton', preconditioner: 'newton', alpha: 0.5 },
  ],
  run: { iterations: 3 },
};

/** Validate, build and step the warm-up race to its end; returns the iterations run. */
export function warmUpEngine(): number {
  const validation = validateScenario(WARM_UP_SCENARIO);
  if (!validation.ok) throw new Error(`the warm-up scenario is invalid: ${validation.errors[0]?.message}`);
  const run = new Run(validation.scenario);
  let steps = 0;
  while (!run.done) {
    run.step();
    steps++;
  }
  return steps;
}
