// The baselines of docs/ALGORITHMS.md §4 against hand formulas: Adam's first steps in closed form, and
// L-BFGS's finite termination — on an n-dimensional quadratic with exact line searches it reaches the
// minimiser in n iterations (it then generates the conjugate-gradient iterates).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import type { OptimizerSpec, Scenario, ToyName } from '../../src/engine/scenario/types';
import {
  dotOf,
  gramOf,
  times,
  toy,
  toyScenario,
  transposeTimes,
  type Mat,
  type Vec,
} from './optimizers.reference.toys';

const close = (actual: number, expected: number, relative: number) =>
  Math.abs(actual - expected) <= relative * Math.max(1e-300, Math.abs(expected));

/** θ_0..θ_N of a run with one optimizer 'x'. */
function iterates(scenario: Scenario): Vec[] {
  const status = runToEnd(scenario).status('x');
  expect(status.stopReason).toBeUndefined();
  return status.records.map((r) => Array.from(r.theta!));
}

describe('Adam = Kingma & Ba, Algorithm 1, in closed form for the first steps', () => {
  const [alpha, beta1, beta2, eps] = [0.05, 0.9, 0.999, 1e-8];
  const cases: [ToyName, Mat, Vec, Vec][] = [
    [
      'quadratic',
      [
        [1, 0],
        [0, 4],
      ],
      [0.5, 0.2],
      [0.2, 0.6],
    ],
    [
      'curve',
      [
        [4, 0],
        [0, 1],
      ],
      [-0.1, 0.3],
      [1.6],
    ],
  ];
  for (const [name, K, cu, theta0] of cases) {
    it(`${name}: θ_1 = θ_0 − α g/(|g| + ε) ≈ θ_0 − α sign(g), then the bias-corrected averages`, () => {
      const gradient = (th: Vec) =>
        transposeTimes(
          toy(name, th).J,
          times(
            K,
            toy(name, th).c.map((c, i) => c - cu[i]),
          ),
        );
      const run = runToEnd(toyScenario(name, K, cu, theta0, { id: 'x', preconditioner: 'adam', alpha }, 3)).status('x');
      const theta = run.records.map((r) => Array.from(r.theta!));
      const [g0, g1, g2] = [gradient(theta[0]), gradient(theta[1]), gradient(theta[2])];
      for (let j = 0; j < theta0.length; j++) {
        // t = 1: m̂ = g_0, v̂ = g_0².
        expect(close(theta[1][j], theta0[j] - (alpha * g0[j]) / (Math.abs(g0[j]) + eps), 1e-14)).toBe(true);
        expect(Math.abs(theta[1][j] - (theta0[j] - alpha * Math.sign(g0[j])))).toBeLessThanOrEqual(
          (alpha * eps) / Math.abs(g0[j]) + 1e-16,
        );
        // t = 2: m̂ = (1−β1)(β1 g_0 + g_1)/(1−β1²), v̂ = (1−β2)(β2 g_0² + g_1²)/(1−β2²).
        const m2 = ((1 - beta1) * (beta1 * g0[j] + g1[j])) / (1 - beta1 ** 2);
        const v2 = ((1 - beta2) * (beta2 * g0[j] ** 2 + g1[j] ** 2)) / (1 - beta2 ** 2);
        expect(close(theta[2][j], theta[1][j] - (alpha * m2) / (Math.sqrt(v2) + eps), 1e-12)).toBe(true);
        // t = 3.
        const m3 = ((1 - beta1) * (beta1 ** 2 * g0[j] + beta1 * g1[j] + g2[j])) / (1 - beta1 ** 3);
        const v3 = ((1 - beta2) * (beta2 ** 2 * g0[j] ** 2 + beta2 * g1[j] ** 2 + g2[j] ** 2)) / (1 - beta2 ** 3);
        expect(close(theta[3][j], theta[2][j] - (alpha * m3) / (Math.sqrt(v3) + eps), 1e-12)).toBe(true);
      }
      // The first direction is g/(|g| + ε) componentwise: norm √p up to ε.
      expect(close(run.records[0].dirNorm, Math.sqrt(theta0.length), 1e-7)).toBe(true);
      expect(run.records[0].alpha).toBe(alpha);
    });
  }
});

/** An n-dimensional quadratic L(θ) = ½ (θ − θ*)ᵀ A (θ − θ*) posed to the engine as a scenario. */
interface Quadratic {
  label: string;
  scenario: (optimizer: OptimizerSpec, iterations: number) => Scenario;
  A: Mat;
  minimiser: Vec;
  theta0: Vec;
}

// 2-D: the linear toy c = Bᵀθ (B = diag(1, 0.2)) with a non-diagonal K: A = B K Bᵀ, θ* = B⁻ᵀ c_u.
const K2: Mat = [
  [2, 0.5],
  [0.5, 1],
];
const linearToy: Quadratic = {
  label: 'linear toy, p = 2',
  scenario: (optimizer, iterations) => toyScenario('linear', K2, [0.3, -0.2], linearToy.theta0, optimizer, iterations),
  A: gramOf(
    [
      [1, 0],
      [0, 0.2],
    ],
    K2,
  ),
  minimiser: [0.3, -1],
  theta0: [0.4, -1.5],
};

// 3-D: Legendre P_0..P_2 fitted to x² on a midpoint grid of [−1, 1]: x² = (P_0 + 2 P_2)/3 lies in the span,
// so θ* = (1/3, 0, 2/3) exactly, and A = Jᵀ W J with W = 2/m.
const M = 20;
const legendreRows: Mat = Array.from({ length: M }, (_, i) => {
  const x = -1 + ((i + 0.5) * 2) / M;
  return [1, x, (3 * x * x - 1) / 2];
});
const legendre: Quadratic = {
  label: 'Legendre fit, p = 3',
  scenario: (optimizer, iterations) => ({
    version: 1,
    problem: {
      space: 'sampled',
      domain: [[-1, 1]],
      target: { kind: 'expression', expr: 'x*x' },
      loss: { kind: 'l2' },
      quadrature: { kind: 'grid', m: M },
    },
    model: { kind: 'linear', basis: 'legendre', n: 3 },
    init: { theta0: legendre.theta0 },
    optimizers: [optimizer],
    run: { iterations },
  }),
  A: gramOf(
    legendreRows,
    legendreRows.map((_, i) => legendreRows.map((_, l) => (i === l ? 2 / M : 0))),
  ),
  minimiser: [1 / 3, 0, 2 / 3],
  theta0: [0.5, -0.2, 0.4],
};

describe('L-BFGS with exact line searches is exact in n steps on an n-dimensional quadratic', () => {
  for (const q of [linearToy, legendre]) {
    it(q.label, () => {
      const n = q.minimiser.length;
      // The first trial step overshoots (α = 1e4 from k = 1; 1/‖∇L‖ at k = 0), so the strong Wolfe search
      // brackets the minimiser and its cubic interpolation, exact on a quadratic, lands on it.
      const theta = iterates(q.scenario({ id: 'x', preconditioner: 'lbfgs', alpha: 1e4, history: n }, n));
      const error = (th: Vec) => Math.hypot(...th.map((x, j) => x - q.minimiser[j]));
      const gradient = (th: Vec) =>
        times(
          q.A,
          th.map((x, j) => x - q.minimiser[j]),
        );
      const steps = theta.slice(1).map((th, k) => th.map((x, j) => x - theta[k][j]));
      for (let k = 0; k < n; k++) {
        // Exact line search: ∇L(θ_{k+1}) ⟂ θ_{k+1} − θ_k.
        const s = steps[k];
        expect(Math.abs(dotOf(gradient(theta[k + 1]), s))).toBeLessThan(
          1e-10 * Math.hypot(...gradient(theta[k])) * Math.hypot(...s),
        );
        // Conjugate steps, as in CG.
        for (let i = 0; i < k; i++) {
          expect(Math.abs(dotOf(steps[i], times(q.A, s)))).toBeLessThan(
            1e-10 * Math.hypot(...steps[i]) * Math.hypot(...times(q.A, s)),
          );
        }
      }
      expect(error(theta[n - 1])).toBeGreaterThan(1e-3 * error(theta[0])); // not there before n steps
      expect(error(theta[n])).toBeLessThan(1e-10 * error(theta[0]));
    });
  }
});

describe("L-BFGS's 'armijo' line search is the shared backtracking search (ρ = 1/2, c = 1e-4)", () => {
  it('every step is the largest 2^-j·initial with sufficient decrease (read off the records)', () => {
    const [name, K, cu]: [ToyName, Mat, Vec] = [
      'quadratic',
      [
        [1, 0],
        [0, 4],
      ],
      [0.5, 0.2],
    ];
    const residual = (th: Vec) => toy(name, th).c.map((c, i) => c - cu[i]);
    const lossAt = (th: Vec) => 0.5 * dotOf(residual(th), times(K, residual(th)));
    const gradient = (th: Vec) => transposeTimes(toy(name, th).J, times(K, residual(th)));
    const optimizer: OptimizerSpec = { id: 'x', preconditioner: 'lbfgs', lineSearch: 'armijo', alpha: 4, history: 3 };
    const records = runToEnd(toyScenario(name, K, cu, [2, -1.5], optimizer, 8)).status('x').records;
    for (let k = 0; k < 8; k++) {
      const theta = Array.from(records[k].theta!);
      const step = Array.from(records[k + 1].theta!).map((x, j) => x - theta[j]); // −α d
      const slope = dotOf(gradient(theta), step); // −α ∇Lᵀd
      const alpha = records[k].alpha;
      // k = 0 starts from min(α, 1/‖∇L‖) along the gradient, later iterations from α = 4.
      const initial = k === 0 ? Math.min(4, 1 / Math.hypot(...gradient(theta))) : 4;
      const shrinks = Math.log2(initial / alpha);
      expect(Math.abs(shrinks - Math.round(shrinks))).toBeLessThan(1e-12);
      expect(records[k].armijoFailed).toBe(false);
      expect(lossAt(theta.map((x, j) => x + step[j]))).toBeLessThanOrEqual(records[k].loss + 1e-4 * slope);
      if (alpha < initial) {
        // The trial before, 2α, did not decrease enough.
        expect(lossAt(theta.map((x, j) => x + 2 * step[j]))).toBeGreaterThan(records[k].loss + 1e-4 * 2 * slope);
      }
    }
    expect(records.slice(1, 8).some((r) => r.alpha < 4)).toBe(true); // some search did backtrack
  });
});
