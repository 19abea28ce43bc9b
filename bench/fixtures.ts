// What the benchmarks share: medians, random matrices and the sine-MLP NGD scenario they time.
import type { Rng } from '../src/engine/random';
import type { Scenario } from '../src/engine/scenario/types';

export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall-clock ms of `run` after `warmup` untimed calls. */
export function medianMs(run: () => void, warmup: number, repeats: number): number {
  for (let k = 0; k < warmup; k++) run();
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  return medianOf(times);
}

export function randomMatrix(rng: Rng, rows: number, cols: number): Float64Array {
  const A = new Float64Array(rows * cols);
  for (let i = 0; i < A.length; i++) A[i] = rng.uniform(-1, 1);
  return A;
}

/** sin(2πx) on the midpoint grid of m points, mlp [1, width, 1] tanh, NGD with Cholesky 1e-6 (bench/numpy_ngd_step.py's step). */
export function sineMlpScenario(width: number, m: number, iterations = 1): Scenario {
  return {
    version: 1,
    problem: {
      space: 'sampled',
      domain: [[-1, 1]],
      target: { kind: 'expression', expr: 'sin(2*pi*x)' },
      loss: { kind: 'l2' },
      quadrature: { kind: 'grid', m },
    },
    model: { kind: 'mlp', layers: [1, width, 1], activation: 'tanh' },
    init: { seed: 1, scale: 1 },
    optimizers: [{ id: 'ngd', preconditioner: 'gram', alpha: 0.1, solver: { kind: 'cholesky', eps: 1e-6 } }],
    run: { iterations },
  };
}
