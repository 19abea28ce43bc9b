// npm run bench — speed of the engine's hot paths as one table, each row with its goal (not part of npm
// test; no timed assertions anywhere). The browser rows (first plot, long tasks, frame rate) are
// `npm run bench:app` (bench/app.ts).
import { createOptimizer } from '../src/engine/optimizers';
import { buildProblem } from '../src/engine/problems/build';
import { initialTheta } from '../src/engine/models';
import { resolveOptimizer } from '../src/engine/scenario/defaults';
import type { Scenario } from '../src/engine/scenario/types';
import { benchGram } from './linalg';
import { benchLinalgRows } from './linalgRows';
import { benchNewtonRows } from './newtonRows';
import { benchKernels } from './kernelRows';
import { poolRows } from './poolRows';
import { formatTable, type BenchRow } from './table';
import { medianOf, sineMlpScenario } from './fixtures';

const now = () => performance.now();

/** Median ms of one NGD step (Jacobian + Gram + Cholesky solve + update), cond(S) excluded. */
function benchNgdStep(width: number, m: number, steps: number, goal: string): BenchRow {
  const scenario = sineMlpScenario(width, m);
  const problem = buildProblem(scenario);
  const theta0 = initialTheta(scenario.model, scenario.init, 0, problem.inputDim);
  const optimizer = createOptimizer(problem.objective, resolveOptimizer(scenario.optimizers[0]), theta0, {
    conditionNumbers: false,
  });
  for (let k = 0; k < 5; k++) optimizer.step(k);
  const times: number[] = [];
  for (let k = 0; k < steps; k++) {
    const started = now();
    optimizer.step(k + 5);
    times.push(now() - started);
  }
  const p = problem.p;
  const ms = medianOf(times);
  const flops = m * p * (p + 1) + (p * p * p) / 3 + 2 * p * p;
  return {
    what: `NGD step, mlp [1,${width},1] (p = ${p}), m = ${m}, cond off`,
    now: `${ms.toFixed(2)} ms (${(flops / ms / 1e6).toFixed(1)} GFLOP/s)`,
    goal,
  };
}

/** Toy-problem steps per second: natural Nesterov on the local-minima curve toy, and NGD on the linear toy. */
function benchToy(): BenchRow[] {
  const rows: BenchRow[] = [];
  const cases: [string, Scenario][] = [
    [
      'natural Nesterov, curve toy (p = 1)',
      {
        version: 1,
        problem: {
          space: 'exact',
          domain: [[-1, 1]],
          target: { kind: 'coefficients', c: [-0.1, 0.3] },
          loss: {
            kind: 'l2',
            K: [
              [4, 0],
              [0, 1],
            ],
          },
        },
        model: { kind: 'toy', name: 'curve' },
        init: { theta0: [1.6] },
        optimizers: [
          {
            id: 'x',
            preconditioner: 'loss-hessian',
            momentum: 'nesterov',
            alpha: 0.3,
            beta: 0.9,
            transport: 'projected-difference',
            lookahead: 'tangent-k',
          },
        ],
        run: { iterations: 1 },
      },
    ],
    [
      'NGD, quadratic toy (p = 2)',
      {
        version: 1,
        problem: {
          space: 'exact',
          domain: [[-1, 1]],
          target: { kind: 'coefficients', c: [1, 1] },
          loss: {
            kind: 'l2',
            K: [
              [1, 0],
              [0, 4],
            ],
          },
        },
        model: { kind: 'toy', name: 'quadratic' },
        init: { theta0: [-1, 1] },
        optimizers: [{ id: 'x', preconditioner: 'gram', alpha: 0.01 }],
        run: { iterations: 1 },
      },
    ],
  ];
  for (const [name, scenario] of cases) {
    const problem = buildProblem(scenario);
    const theta0 = initialTheta(scenario.model, scenario.init, 0, problem.inputDim);
    const optimizer = createOptimizer(problem.objective, resolveOptimizer(scenario.optimizers[0]), theta0, {
      conditionNumbers: false,
    });
    const steps = 200_000;
    for (let k = 0; k < 1000; k++) optimizer.step(k);
    const started = now();
    for (let k = 0; k < steps; k++) {
      // Restart from θ0 now and then so the iterate stays in a finite, moving regime.
      if (k % 1000 === 0) optimizer.theta.set(theta0);
      optimizer.step(k);
    }
    const seconds = (now() - started) / 1000;
    rows.push({
      what: `toy: ${name}`,
      now: `${Math.round(steps / seconds).toLocaleString('en-US')} steps/s`,
      goal: '—',
    });
  }
  return rows;
}

const rows: BenchRow[] = [
  benchNgdStep(50, 512, 200, '—'),
  benchNgdStep(100, 1000, 60, '—'),
  ...benchKernels(),
  ...benchNewtonRows(),
  ...benchLinalgRows(),
  ...benchGram(),
  ...benchToy(),
  ...(await poolRows()),
];
console.log(formatTable(rows));
