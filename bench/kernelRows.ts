// Issue 12, "NGD iteration p = 151, m = 512, as the CLI runs it (records included), vs NumPy same step, one
// thread, same run": our Run stepping one NGD optimizer (records and all, as cli/main.ts drives it) against
// bench/numpy_ngd_step.py, spawned in the same run. `npx tsx bench/kernelRows.ts` prints the rows and a
// breakdown of our step (--breakdown only the latter). Both sides time the process's CPU time by default
// (--clock wall for wall time): on a loaded machine wall time mostly measures the other processes.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conditionNumber, gram, matTVec, solveCholeskyTikhonov } from '../src/engine/linalg';
import { initialTheta } from '../src/engine/models';
import { buildProblem } from '../src/engine/problems/build';
import { Run } from '../src/engine/run';
import { formatTable, type BenchRow } from './table';
import { medianOf, sineMlpScenario } from './fixtures';

const GOAL_RATIO = 0.3;
const SIZES = [
  { width: 50, m: 512 },
  { width: 100, m: 1000 },
] as const;

let clock: 'cpu' | 'wall' = process.argv.includes('--clock') && process.argv.includes('wall') ? 'wall' : 'cpu';

/** Time only this run of this process (CPU time) or the wall clock, in ms. */
function now(): number {
  if (clock === 'wall') return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Choose the clock of the benchmarks below (bench/run.ts may call this). */
export function useClock(which: 'cpu' | 'wall'): void {
  clock = which;
}

/** Median ms per Run.step() (one NGD iteration and its record), as the CLI loops. */
export function runIterationMs(width: number, m: number, steps: number): number {
  const warmup = Math.max(10, Math.floor(steps / 10));
  const run = new Run(sineMlpScenario(width, m, warmup + steps + 1));
  for (let k = 0; k < warmup; k++) run.step();
  const times: number[] = [];
  for (let k = 0; k < steps; k++) {
    const started = now();
    run.step();
    times.push(now() - started);
  }
  return medianOf(times);
}

interface NumpyTiming {
  p: number;
  m: number;
  stepMs: number;
  stepWithEigvalshMs: number;
}
type NumpyResult =
  | { available: false; reason: string }
  | { available: true; solver: string; default: NumpyTiming[]; reuse: NumpyTiming[] | null };

/** Runs bench/numpy_ngd_step.py; "not available" when python3 or numpy is missing. */
export function numpyTimings(steps = 200): NumpyResult {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'numpy_ngd_step.py');
  const result = spawnSync('python3', [script, '--steps', String(steps), '--clock', clock], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0)
    return { available: false, reason: result.error !== undefined ? 'python3 not available' : 'numpy script failed' };
  try {
    return JSON.parse(result.stdout) as NumpyResult;
  } catch {
    return { available: false, reason: 'numpy script printed no JSON' };
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

/** The rows for bench/run.ts: ours per iteration, NumPy's step, the ratio (goal ≤ 0.3×). */
export function benchKernels(steps = 200): BenchRow[] {
  const ours = SIZES.map(({ width, m }) => runIterationMs(width, m, width > 50 ? Math.ceil(steps / 4) : steps));
  const numpy = numpyTimings(steps);
  const rows: BenchRow[] = [];
  SIZES.forEach(({ width, m }, index) => {
    const p = 3 * width + 1;
    const what = `NGD iteration p = ${p}, m = ${m}, as the CLI runs it (records included)`;
    rows.push({ what: `${what}, ours`, now: `${ms(ours[index])}/iteration (${clock} time)`, goal: '' });
    if (!numpy.available) {
      rows.push({ what: `${what} vs NumPy`, now: `NumPy not available (${numpy.reason})`, goal: `≤ ${GOAL_RATIO} ×` });
      return;
    }
    const plain = numpy.default[index];
    const reuse = numpy.reuse?.[index];
    const ratio = (numpyMs: number) => `${(ours[index] / numpyMs).toFixed(2)} ×`;
    rows.push({
      what: `${what} vs NumPy same step, one thread (no cond / with eigvalsh)`,
      now:
        `${ratio(plain.stepMs)} / ${ratio(plain.stepWithEigvalshMs)} ` +
        `(NumPy ${ms(plain.stepMs)} / ${ms(plain.stepWithEigvalshMs)})`,
      goal: `≤ ${GOAL_RATIO} ×`,
    });
    if (reuse !== undefined)
      rows.push({
        what: `${what} vs NumPy with large blocks recycled (no mmap page faults; no cond / eigvalsh)`,
        now:
          `${ratio(reuse.stepMs)} / ${ratio(reuse.stepWithEigvalshMs)} ` +
          `(NumPy ${ms(reuse.stepMs)} / ${ms(reuse.stepWithEigvalshMs)})`,
        goal: '(reference)',
      });
  });
  return rows;
}

/** Median ms of `run` after warm-up. */
function timed(run: () => void, repeats: number): number {
  for (let k = 0; k < Math.max(5, repeats / 10); k++) run();
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const started = now();
    run();
    times.push(now() - started);
  }
  return medianOf(times);
}

/** Where one iteration goes: each part of the NGD step timed alone on the same problem. */
export function stepBreakdown(width: number, m: number, repeats: number): Record<string, number> {
  const scenario = sineMlpScenario(width, m, 1);
  const problem = buildProblem(scenario);
  const objective = problem.objective;
  const p = objective.p;
  const theta = initialTheta(scenario.model, scenario.init, 0, problem.inputDim);
  const ev = objective.createEvaluation();
  const gradient = new Float64Array(p);
  const G = new Float64Array(p * p);
  const d = new Float64Array(p);
  objective.evaluate(theta, ev, true);
  matTVec(ev.Jz, objective.nZ, p, ev.gz, gradient);
  gram(ev.Jv, objective.nV, p, objective.metric, G);
  return {
    'evaluate (forward + Jacobian + loss)': timed(() => objective.evaluate(theta, ev, true), repeats),
    'values only (loss(θ) / error(θ) pass)': timed(() => objective.loss(theta), repeats),
    'gradient Jᵀg': timed(() => matTVec(ev.Jz, objective.nZ, p, ev.gz, gradient), repeats),
    gram: timed(() => gram(ev.Jv, objective.nV, p, objective.metric, G), repeats),
    'cholesky solve': timed(() => solveCholeskyTikhonov(G, p, gradient, 1e-6, d), repeats),
    'cond (exact eigenvalues)': timed(() => conditionNumber(G, p), Math.ceil(repeats / 5)),
    'Run.step (all of it)': runIterationMs(width, m, repeats),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const onlyBreakdown = process.argv.includes('--breakdown');
  for (const { width, m } of SIZES) {
    const parts = stepBreakdown(width, m, width > 50 ? 60 : 200);
    console.log(`step breakdown p = ${3 * width + 1}, m = ${m} (median ms):`);
    for (const [name, value] of Object.entries(parts)) console.log(`  ${name.padEnd(40)} ${value.toFixed(3)}`);
  }
  if (!onlyBreakdown) console.log(formatTable(benchKernels()));
}
