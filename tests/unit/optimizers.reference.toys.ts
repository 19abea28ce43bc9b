// Hand-written algebra for the reference tests of the optimizers: the exact-space toys of
// docs/ALGORITHMS.md §7 (c(θ), J(θ), ∇²c_j) and explicit 1×1 / 2×2 solves, written out independently of
// src/engine (plain arrays, closed forms).
import type { OptimizerSpec, Scenario, ToyName } from '../../src/engine/scenario/types';

export type Vec = number[];
export type Mat = number[][];

const B = [
  [1, 0],
  [0, 0.2],
];
const Q = [
  [
    [0, 0],
    [0.5, 0],
  ],
  [
    [0, -0.3],
    [0, 0],
  ],
]; // Q[0][1][0] = 0.5, Q[1][0][1] = −0.3
const CURVE = { a: 3, s: 0.1 };

/** c(θ) and J(θ) (2 × p) of a toy with its default parameters. */
export function toy(name: ToyName, theta: Vec): { c: Vec; J: Mat } {
  if (name === 'curve') {
    const { a, s } = CURVE;
    const t = theta[0];
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

/** Σ_j a_j ∇²c_j (p × p): the second-order term of Newton's H. */
export function curvature(name: ToyName, a: Vec): Mat {
  if (name === 'curve') return [[2 * CURVE.s * CURVE.a * a[1]]];
  if (name === 'linear' || name === 'kernel')
    return [
      [0, 0],
      [0, 0],
    ];
  // ∂²c_j/∂θ_k∂θ_l = Q[k][j][l] + Q[l][j][k]
  return [0, 1].map((k) => [0, 1].map((l) => a.reduce((s, aj, j) => s + aj * (Q[k][j][l] + Q[l][j][k]), 0)));
}

/** Jᵀ x. */
export const transposeTimes = (J: Mat, x: Vec): Vec =>
  J[0].map((_, j) => J.reduce((s, row, i) => s + row[j] * x[i], 0));
/** K x. */
export const times = (K: Mat, x: Vec): Vec => K.map((row) => row.reduce((s, kij, j) => s + kij * x[j], 0));
/** Jᵀ K J. */
export const gramOf = (J: Mat, K: Mat): Mat =>
  J[0].map((_, a) =>
    J[0].map((_, b) => J.reduce((s, _r, i) => s + J.reduce((u, _q, l) => u + J[i][a] * K[i][l] * J[l][b], 0), 0)),
  );
export const dotOf = (a: Vec, b: Vec): number => a.reduce((s, x, i) => s + x * b[i], 0);
export const plus = (A: Mat, C: Mat): Mat => A.map((row, i) => row.map((x, j) => x + C[i][j]));

/** (S + σI)⁻¹ r with σ = eps·tr(S)/p (σ = eps when tr S ≤ 0); null when S + σI is not positive definite. */
export function tikhonovSolve(S: Mat, r: Vec, eps: number): Vec | null {
  const p = r.length;
  const trace = S.reduce((s, row, i) => s + row[i], 0);
  const sigma = trace > 0 ? (eps * trace) / p : eps;
  if (p === 1) {
    const a = S[0][0] + sigma;
    return a > 0 ? [r[0] / a] : null;
  }
  const [a, b, c, d] = [S[0][0] + sigma, S[0][1], S[1][0], S[1][1] + sigma];
  const det = a * d - b * c;
  if (!(a > 0 && det > 0)) return null;
  return [(d * r[0] - b * r[1]) / det, (-c * r[0] + a * r[1]) / det];
}

/** Eigenpairs of a symmetric 1×1 or 2×2 matrix in closed form, unit eigenvectors. */
export function symmetricEigen(S: Mat): { values: Vec; vectors: Vec[] } {
  if (S.length === 1) return { values: [S[0][0]], vectors: [[1]] };
  const [a, b, d] = [S[0][0], S[0][1], S[1][1]];
  if (b === 0)
    return {
      values: [a, d],
      vectors: [
        [1, 0],
        [0, 1],
      ],
    };
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  const values = [mean - radius, mean + radius];
  const vectors = values.map((lambda) => {
    // (b, λ − a) and (λ − d, b) both solve (S − λI)v = 0; take the longer for accuracy.
    const u = [b, lambda - a];
    const w = [lambda - d, b];
    const v = Math.hypot(u[0], u[1]) >= Math.hypot(w[0], w[1]) ? u : w;
    const n = Math.hypot(v[0], v[1]);
    return [v[0] / n, v[1] / n];
  });
  return { values, vectors };
}

/** S⁺ r keeping the eigenvalues λ > rcond·λ_max (negative ones dropped). */
export function pinvSolve(S: Mat, r: Vec, rcond: number): Vec {
  const { values, vectors } = symmetricEigen(S);
  const cutoff = Math.max(0, rcond * Math.max(...values));
  const out = r.map(() => 0);
  values.forEach((lambda, i) => {
    if (!(lambda > cutoff)) return;
    const coefficient = dotOf(vectors[i], r) / lambda;
    for (let j = 0; j < out.length; j++) out[j] += coefficient * vectors[i][j];
  });
  return out;
}

/** A toy in an exact space with loss ½ (c − c_u)ᵀ K (c − c_u), run by one optimizer. */
export function toyScenario(
  name: ToyName,
  K: Mat,
  cu: Vec,
  theta0: Vec,
  optimizer: OptimizerSpec,
  iterations: number,
): Scenario {
  return {
    version: 1,
    problem: { space: 'exact', domain: [[-1, 1]], target: { kind: 'coefficients', c: cu }, loss: { kind: 'l2', K } },
    model: { kind: 'toy', name },
    init: { theta0 },
    optimizers: [optimizer],
    run: { iterations },
  };
}
