// Rows of the issue-12 table for the dense linear algebra (wired into `npm run bench` by bench/run.ts):
// lstsq 602 × 301, pinv solve n = 301, cond(S) (estimate and exact eigenvalues) as a share of the NGD
// step on the bench's MLPs, and the Cholesky factorisation rate at n = 301. Best of several medians is
// not taken here: each row is one median after warm-up (the machine may be loaded; repeat the bench).
import { choleskyInPlace } from '../src/engine/linalg/cholesky';
import { conditionNumber, solvePinv } from '../src/engine/linalg/eigen';
import { estimateConditionNumber } from '../src/engine/linalg/conditionEstimate';
import { gram } from '../src/engine/linalg/gram';
import { solveLstsq } from '../src/engine/linalg/lstsq';
import { initialTheta } from '../src/engine/models';
import { createOptimizer } from '../src/engine/optimizers';
import { buildProblem } from '../src/engine/problems/build';
import { Rng } from '../src/engine/random';
import { resolveOptimizer } from '../src/engine/scenario/defaults';
import { formatTable, type BenchRow } from './table';
import { medianMs, randomMatrix, sineMlpScenario } from './fixtures';

/** The NGD step (cond excluded, as bench/run.ts times it) and the Gram matrix S at the iterate reached. */
function ngdStepAndMetric(width: number, m: number, steps: number): { stepMs: number; S: Float64Array; p: number } {
  const scenario = sineMlpScenario(width, m);
  const problem = buildProblem(scenario);
  const theta0 = initialTheta(scenario.model, scenario.init, 0, problem.inputDim);
  const optimizer = createOptimizer(problem.objective, resolveOptimizer(scenario.optimizers[0]), theta0, {
    conditionNumbers: false,
  });
  for (let k = 0; k < 5; k++) optimizer.step(k);
  const times: number[] = [];
  for (let k = 0; k < steps; k++) {
    const started = performance.now();
    optimizer.step(k + 5);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const { objective } = problem;
  const p = objective.p;
  const ev = objective.createEvaluation();
  objective.evaluate(optimizer.theta, ev, true);
  const S = new Float64Array(p * p);
  gram(ev.Jv, objective.nV, p, objective.metric, S);
  return { stepMs: times[Math.floor(times.length / 2)], S, p };
}

export function benchLinalgRows(): BenchRow[] {
  const rows: BenchRow[] = [];
  const rng = new Rng(2026);
  const n = 301;
  const B = randomMatrix(rng, 2 * n, n);
  const r = randomMatrix(rng, 1, 2 * n);
  const out = new Float64Array(n);
  const lstsq = medianMs(() => solveLstsq(B, 2 * n, n, r, 1e-5, out), 2, 7);
  rows.push({ what: `lstsq ${2 * n} × ${n} (QR + Golub–Kahan SVD)`, now: `${lstsq.toFixed(1)} ms`, goal: '≤ 40 ms' });

  const S = new Float64Array(n * n);
  gram(B, 2 * n, n, null, S);
  const rhs = randomMatrix(rng, 1, n);
  const pinv = medianMs(() => solvePinv(S, n, rhs, 1e-10, out), 2, 7);
  rows.push({ what: `pinv solve n = ${n}`, now: `${pinv.toFixed(1)} ms`, goal: '≤ 30 ms' });

  const F = new Float64Array(n * n);
  const chol = medianMs(
    () => {
      F.set(S);
      choleskyInPlace(F, n);
    },
    5,
    15,
  );
  rows.push({
    what: `Cholesky factorisation n = ${n}`,
    now: `${((n * n * n) / 3 / chol / 1e6).toFixed(2)} GFLOP/s (${chol.toFixed(2)} ms)`,
    goal: '≥ 2 × 2.6–3.1 GFLOP/s',
  });

  for (const [width, m, steps] of [
    [100, 1000, 30],
    [50, 512, 100],
  ] as const) {
    const { stepMs, S: G, p } = ngdStepAndMetric(width, m, steps);
    const estimate = medianMs(() => estimateConditionNumber(G, p, true), 3, 15);
    const value = estimateConditionNumber(G, p, true);
    const exact = medianMs(() => conditionNumber(G, p), 2, 5);
    const share = (ms: number) =>
      `${ms.toFixed(2)} ms = ${((100 * ms) / stepMs).toFixed(0)} % of the ${stepMs.toFixed(1)} ms step`;
    rows.push({
      what: `cond(S) estimate, NGD p = ${p}, m = ${m} (cond ${value.toExponential(1)})`,
      now: share(estimate),
      goal: 'every iteration, ≤ 10 % of the step',
    });
    if (p === n) {
      // Worst case: a well-conditioned S (full Cholesky, slowly converging Lanczos on a flat spectrum).
      const flat = medianMs(() => estimateConditionNumber(S, n, true), 2, 7);
      rows.push({
        what: `cond(S) estimate, random Gram n = ${n} (cond ${conditionNumber(S, n).toFixed(0)})`,
        now: share(flat),
        goal: 'worst case of the estimate',
      });
    }
    rows.push({
      what: `cond(S) exact eigenvalues, NGD p = ${p}, m = ${m}`,
      now: share(exact),
      goal: '(option run.condition = "exact")',
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(formatTable(benchLinalgRows()));
