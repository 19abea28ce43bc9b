// Benchmark rows of the exact second-order term of Newton (issue 12): one Newton step against one NGD
// step on the same problem, for a network fit (l2) and for PDE residuals. Run alone:
//   npx tsx bench/newtonRows.ts
import { createOptimizer, isStop } from '../src/engine/optimizers';
import { buildProblem } from '../src/engine/problems/build';
import { initialTheta } from '../src/engine/models';
import { resolveOptimizer } from '../src/engine/scenario/defaults';
import type { LossSpec, OptimizerSpec, Scenario } from '../src/engine/scenario/types';
import { formatTable, type BenchRow } from './table';
import { medianOf } from './fixtures';

const NGD: OptimizerSpec = { id: 'ngd', preconditioner: 'gram', alpha: 0.1, solver: { kind: 'cholesky', eps: 1e-6 } };
const NEWTON: OptimizerSpec = {
  id: 'newton',
  preconditioner: 'newton',
  alpha: 0.1,
  solver: { kind: 'cholesky', eps: 1e-6 },
};

function scenario(
  width: number,
  m: number,
  loss: LossSpec,
  domain: [number, number],
  optimizer: OptimizerSpec,
): Scenario {
  return {
    version: 1,
    problem: {
      space: 'sampled',
      domain: [domain],
      ...(loss.kind === 'pde' ? {} : { target: { kind: 'expression' as const, expr: 'sin(2*pi*x)' } }),
      loss,
      quadrature: { kind: 'grid', m },
    },
    model: { kind: 'mlp', layers: [1, width, 1], activation: 'tanh' },
    init: { seed: 1, scale: 1 },
    optimizers: [optimizer],
    run: { iterations: 1 },
  };
}

/**
 * Median ms of one step of each optimizer, the steps interleaved (A, B, A, B, …) so that both see the same
 * load on a shared machine; cond(S) excluded. Every step is the first step, from θ0 (θ is put back before
 * each): a run would leave the problem's basin (NGD with α = 0.1 diverges on both PDE residuals, after which
 * a "step" is only the evaluation that reports L = ∞), and a step that stops is an error here.
 */
function interleavedStepMs(scenarios: Scenario[], steps: number): number[] {
  const tracks = scenarios.map((s) => {
    const problem = buildProblem(s);
    const theta0 = initialTheta(s.model, s.init, 0, problem.inputDim, problem.extraParameters);
    const optimizer = createOptimizer(problem.objective, resolveOptimizer(s.optimizers[0]), theta0, {
      conditionNumbers: false,
    });
    return { optimizer, theta0, times: [] as number[] };
  });
  for (let k = 0; k < 3 + steps; k++) {
    for (const { optimizer, theta0, times } of tracks) {
      optimizer.theta.set(theta0);
      const started = performance.now();
      const report = optimizer.step(0);
      if (k >= 3) times.push(performance.now() - started);
      if (isStop(report)) throw new Error(`bench/newtonRows.ts: the timed step stopped (${report.stop})`);
    }
  }
  return tracks.map(({ times }) => medianOf(times));
}

/** Median ms of the second-order term alone (objective.hessianContraction at θ0 with a = g_z). */
function termMs(s: Scenario, repeats: number): number {
  const problem = buildProblem(s);
  const { objective } = problem;
  const theta = initialTheta(s.model, s.init, 0, problem.inputDim, problem.extraParameters);
  const ev = objective.createEvaluation();
  objective.evaluate(theta, ev, true);
  const out = new Float64Array(objective.p * objective.p);
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    objective.hessianContraction(theta, ev.gz, out);
    times.push(performance.now() - started);
  }
  return medianOf(times);
}

function compare(label: string, width: number, m: number, loss: LossSpec, domain: [number, number]): BenchRow[] {
  const [ngd, newton] = interleavedStepMs(
    [scenario(width, m, loss, domain, NGD), scenario(width, m, loss, domain, NEWTON)],
    31,
  );
  const term = termMs(scenario(width, m, loss, domain, NEWTON), 15);
  const p = 3 * width + 1;
  return [
    {
      what: `Newton step vs NGD step, ${label} mlp [1,${width},1] (p = ${p}), m = ${m}`,
      now: `${newton.toFixed(1)} ms vs ${ngd.toFixed(1)} ms = ${(newton / ngd).toFixed(2)} × (second-order term ${term.toFixed(2)} ms)`,
      goal: '≤ 4 × the NGD step',
    },
  ];
}

export function benchNewtonRows(): BenchRow[] {
  return [
    ...compare('l2 fit,', 100, 1000, { kind: 'l2' }, [-1, 1]),
    ...compare('poisson residual,', 100, 1000, { kind: 'pde', equation: 'poisson' }, [0, 1]),
    ...compare('nonlinear residual,', 100, 1000, { kind: 'pde', equation: 'nonlinear' }, [-1, 1]),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatTable(benchNewtonRows()));
