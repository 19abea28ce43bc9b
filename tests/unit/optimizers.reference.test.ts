// The update engine against an independent, hand-written implementation of ALGORITHMS.md §4 on the
// exact-space toys (p ≤ 2, so every solve is an explicit 2×2 inverse).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../src/engine/run';
import type { OptimizerSpec, Scenario, ToyName } from '../../src/engine/scenario/types';

type Vec = number[];
const B = [[1, 0], [0, 0.2]];
const Q = [[[0, 0], [0.5, 0]], [[0, -0.3], [0, 0]]]; // Q[0][1][0] = 0.5, Q[1][0][1] = −0.3

/** c(θ) and J(θ) (2 × p) written out from ALGORITHMS §7, independently of src/engine/models. */
function toy(name: ToyName, theta: Vec): { c: Vec; J: number[][] } {
  if (name === 'curve') {
    const [a, s, t] = [3, 0.1, theta[0]];
    return { c: [s * t, s * a * t * t], J: [[s], [2 * s * a * t]] };
  }
  if (name === 'linear' || name === 'kernel') {
    return { c: [0, 1].map((j) => theta[0] * B[0][j] + theta[1] * B[1][j]), J: [0, 1].map((j) => [B[0][j], B[1][j]]) };
  }
  const c = [0, 1].map((j) => {
    let sum = 0;
    for (let i = 0; i < 2; i++) {
      let inner = B[i][j];
      for (let l = 0; l < 2; l++) inner += Q[i][j][l] * theta[l];
      sum += theta[i] * inner;
    }
    return sum;
  });
  const J = [0, 1].map((j) =>
    [0, 1].map((a) => {
      let d = B[a][j];
      for (let l = 0; l < 2; l++) d += Q[a][j][l] * theta[l];
      for (let i = 0; i < 2; i++) d += theta[i] * Q[i][j][a];
      return d;
    }),
  );
  return { c, J };
}

const t = (J: number[][], x: Vec): Vec => J[0].map((_, j) => J.reduce((s, row, i) => s + row[j] * x[i], 0));
const mul = (K: number[][], x: Vec): Vec => K.map((row) => row.reduce((s, kij, j) => s + kij * x[j], 0));
const gramOf = (J: number[][], K: number[][]): number[][] =>
  J[0].map((_, a) => J[0].map((_, b) => J.reduce((s, _r, i) => s + J.reduce((u, _q, l) => u + J[i][a] * K[i][l] * J[l][b], 0), 0)));

/** Solve (S + σI) x = r with σ = eps·tr(S)/p, p ∈ {1, 2}, explicitly. */
function solve(S: number[][], r: Vec, eps: number): Vec {
  const p = r.length;
  const trace = S.reduce((s, row, i) => s + row[i], 0);
  const sigma = trace > 0 ? (eps * trace) / p : eps;
  if (p === 1) return [r[0] / (S[0][0] + sigma)];
  const [a, b, c, d] = [S[0][0] + sigma, S[0][1], S[1][0], S[1][1] + sigma];
  const det = a * d - b * c;
  return [(d * r[0] - b * r[1]) / det, (-c * r[0] + a * r[1]) / det];
}

interface Reference {
  preconditioner: 'identity' | 'gram' | 'loss-hessian';
  momentum: 'none' | 'heavy-ball' | 'nesterov';
  transport: 'parameter' | 'projected-momentum' | 'projected-difference';
  lookahead: 'tangent-k' | 'tangent-y';
  alpha: number;
  beta: number;
  eps: number;
}

function referenceRun(name: ToyName, K: number[][], cu: Vec, theta0: Vec, o: Reference, iterations: number): number[] {
  const I = [[1, 0], [0, 1]];
  const lossAt = (th: Vec) => {
    const r = toy(name, th).c.map((ci, i) => ci - cu[i]);
    return 0.5 * r.reduce((s, ri, i) => s + ri * mul(K, r)[i], 0);
  };
  const gz = (th: Vec) => mul(K, toy(name, th).c.map((ci, i) => ci - cu[i]));
  const metric = (J: number[][]) => (o.preconditioner === 'gram' ? gramOf(J, I) : gramOf(J, K));
  let theta = theta0.slice();
  let prev = theta0.slice();
  let stepPrev = theta0.map(() => 0);
  const losses: number[] = [];
  for (let k = 0; k < iterations; k++) {
    losses.push(lossAt(theta));
    const { c, J } = toy(name, theta);
    const grad = t(J, gz(theta));
    let m = theta.map(() => 0);
    if (o.momentum !== 'none' && k > 0) {
      if (o.transport === 'parameter') m = theta.map((x, j) => x - prev[j]);
      else {
        const { c: cPrev, J: JPrev } = toy(name, prev);
        const h = o.transport === 'projected-difference' ? c.map((x, i) => x - cPrev[i]) : JPrev.map((row) => row.reduce((s, x, j) => s + x * stepPrev[j], 0));
        m = solve(gramOf(J, I), t(J, h), o.preconditioner === 'identity' ? 0 : o.eps);
      }
    }
    let d: Vec;
    const precondition = (S: number[][], r: Vec) => (o.preconditioner === 'identity' ? r : solve(S, r, o.eps));
    if (o.momentum === 'nesterov') {
      const y = theta.map((x, j) => x + o.beta * m[j]);
      if (o.preconditioner === 'identity') d = t(toy(name, y).J, gz(y));
      else if (o.lookahead === 'tangent-k') d = precondition(metric(J), t(J, gz(y)));
      else d = precondition(metric(toy(name, y).J), t(toy(name, y).J, gz(y)));
    } else d = precondition(metric(J), grad);
    const beta = o.momentum === 'none' ? 0 : o.beta;
    const next = theta.map((x, j) => x + beta * m[j] - o.alpha * d[j]);
    prev = theta;
    stepPrev = next.map((x, j) => x - theta[j]);
    theta = next;
  }
  losses.push(lossAt(theta));
  return losses;
}

function scenarioFor(name: ToyName, K: number[][], cu: Vec, theta0: Vec, o: Reference, iterations: number): Scenario {
  const optimizer: OptimizerSpec = {
    id: 'x',
    preconditioner: o.preconditioner,
    momentum: o.momentum,
    transport: o.transport,
    lookahead: o.lookahead,
    alpha: o.alpha,
    beta: o.beta,
    solver: { kind: 'cholesky', eps: o.eps },
  };
  return {
    version: 1,
    problem: { space: 'exact', domain: [[-1, 1]], target: { kind: 'coefficients', c: cu }, loss: { kind: 'l2', K } },
    model: { kind: 'toy', name },
    init: { theta0 },
    optimizers: [optimizer],
    run: { iterations },
  };
}

// [toy, K, c_u, θ0, step scale]: steps small enough that no variant diverges (a diverging run amplifies
// rounding, and then two correct implementations part ways — ALGORITHMS.md, introduction).
const cases: [ToyName, number[][], Vec, Vec, number][] = [
  ['curve', [[4, 0], [0, 1]], [-0.1, 0.3], [1.6], 1],
  ['quadratic', [[1, 0], [0, 4]], [0.5, 0.2], [0.2, 0.6], 0.4],
  ['kernel', [[1, 0], [0, 4]], [1, 1], [-1, 1], 1],
];
const variants: Reference[] = [];
for (const preconditioner of ['identity', 'gram', 'loss-hessian'] as const)
  for (const momentum of ['none', 'heavy-ball', 'nesterov'] as const)
    for (const transport of ['parameter', 'projected-momentum', 'projected-difference'] as const)
      for (const lookahead of ['tangent-k', 'tangent-y'] as const) {
        if (momentum === 'none' && (transport !== 'parameter' || lookahead !== 'tangent-k')) continue;
        if (momentum === 'heavy-ball' && lookahead !== 'tangent-k') continue;
        const alpha = preconditioner === 'identity' ? 0.05 : 0.3;
        variants.push({ preconditioner, momentum, transport, lookahead, alpha, beta: 0.8, eps: 1e-6 });
      }

describe('update engine = hand-written ALGORITHMS §4 on the toys', () => {
  for (const [name, K, cu, theta0, stepScale] of cases) {
    for (const variant of variants) {
      const o = { ...variant, alpha: variant.alpha * stepScale };
      it(`${name}: ${o.preconditioner} ${o.momentum} ${o.transport} ${o.lookahead}`, () => {
        const iterations = 25;
        const expected = referenceRun(name, K, cu, theta0, o, iterations);
        const run = runToEnd(scenarioFor(name, K, cu, theta0, o, iterations));
        const status = run.status('x');
        expect(status.stopReason).toBeUndefined();
        expect(Math.max(...expected)).toBeLessThan(10 * expected[0]);
        const losses = status.records.map((r) => r.loss);
        expect(losses).toHaveLength(iterations + 1);
        for (let k = 0; k <= iterations; k++) {
          expect(Math.abs(losses[k] - expected[k])).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(expected[k])));
        }
      });
    }
  }
});
