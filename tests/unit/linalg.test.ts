import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import {
  choleskyInPlace,
  choleskySolveInPlace,
  conditionNumber,
  crossGram,
  dot,
  gram,
  gramDense,
  matTVec,
  matVec,
  solveCholeskyTikhonov,
  solveLstsq,
  solvePinv,
  symmetricEigen,
  symmetricEigenvalues,
  tikhonovShift,
} from '../../src/engine/linalg';

// ---------- independent reference helpers (plain loops, no shared code with the kernels) ----------

function randomMatrix(rng: Rng, rows: number, cols: number): Float64Array {
  const A = new Float64Array(rows * cols);
  for (let i = 0; i < A.length; i++) A[i] = rng.normal();
  return A;
}

function randomVector(rng: Rng, n: number, lo = -1, hi = 1): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.uniform(lo, hi);
  return v;
}

/** C = Aᵀ diag(w) B by the textbook triple loop. */
function naiveAtWB(A: Float64Array, B: Float64Array, m: number, p: number, w: Float64Array | null): Float64Array {
  const C = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += A[i * p + j] * (w ? w[i] : 1) * B[i * p + k];
      C[j * p + k] = s;
    }
  }
  return C;
}

/** C = A B (A r×s, B s×t). */
function matmul(A: Float64Array, B: Float64Array, r: number, s: number, t: number): Float64Array {
  const C = new Float64Array(r * t);
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < t; j++) {
      let acc = 0;
      for (let k = 0; k < s; k++) acc += A[i * s + k] * B[k * t + j];
      C[i * t + j] = acc;
    }
  }
  return C;
}

function transpose(A: Float64Array, r: number, c: number): Float64Array {
  const T = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) T[j * r + i] = A[i * c + j];
  return T;
}

/** A matrix with orthonormal columns (r × c, r ≥ c) by modified Gram–Schmidt, reorthogonalised. */
function randomOrthonormal(rng: Rng, r: number, c: number): Float64Array {
  const Q = randomMatrix(rng, r, c);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < c; j++) {
      for (let k = 0; k < j; k++) {
        let s = 0;
        for (let i = 0; i < r; i++) s += Q[i * c + j] * Q[i * c + k];
        for (let i = 0; i < r; i++) Q[i * c + j] -= s * Q[i * c + k];
      }
      let n = 0;
      for (let i = 0; i < r; i++) n += Q[i * c + j] ** 2;
      n = Math.sqrt(n);
      for (let i = 0; i < r; i++) Q[i * c + j] /= n;
    }
  }
  return Q;
}

/** B = U diag(σ) Vᵀ with random orthonormal U (rows × k), V (cols × k). */
function matrixWithSingularValues(rng: Rng, rows: number, cols: number, sigma: number[]): Float64Array {
  const k = sigma.length;
  const U = randomOrthonormal(rng, rows, k);
  const V = randomOrthonormal(rng, cols, k);
  const B = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += U[i * k + l] * sigma[l] * V[j * k + l];
      B[i * cols + j] = s;
    }
  }
  return B;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

function norm(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

function relErr(x: Float64Array, ref: Float64Array): number {
  const d = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) d[i] = x[i] - ref[i];
  return norm(d) / norm(ref);
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

// ------------------------------------------- Gram ---------------------------------------------

describe('gram kernels', () => {
  // Sizes cover exact multiples of the 4-wide tiles and every remainder, including p < 4.
  const sizes: [number, number][] = [
    [1, 1],
    [3, 2],
    [7, 5],
    [17, 8],
    [40, 13],
    [64, 30],
    [129, 31],
    [300, 51],
  ];

  it.each(sizes)('gram matches the triple loop (m=%i, p=%i), weighted and unweighted', (m, p) => {
    const rng = new Rng(m * 100 + p);
    const J = randomMatrix(rng, m, p);
    const w = randomVector(rng, m, 0.1, 2);
    for (const weights of [null, w]) {
      const G = new Float64Array(p * p).fill(NaN);
      gram(J, m, p, weights, G);
      const ref = naiveAtWB(J, J, m, p, weights);
      expect(maxAbsDiff(G, ref)).toBeLessThan(1e-12 * Math.max(1, maxAbs(ref)));
      // Exactly symmetric.
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) expect(G[j * p + k]).toBe(G[k * p + j]);
    }
  });

  it('gram works when called with changing sizes (scratch is re-sized)', () => {
    const rng = new Rng(3);
    for (const [m, p] of [
      [20, 9],
      [5, 3],
      [20, 9],
      [33, 12],
    ] as const) {
      const J = randomMatrix(rng, m, p);
      const G = new Float64Array(p * p);
      gram(J, m, p, null, G);
      expect(maxAbsDiff(G, naiveAtWB(J, J, m, p, null))).toBeLessThan(1e-12 * m);
    }
  });

  it.each(sizes)('crossGram matches the triple loop (m=%i, p=%i)', (m, p) => {
    const rng = new Rng(7 * m + p);
    const J1 = randomMatrix(rng, m, p);
    const J2 = randomMatrix(rng, m, p);
    const w = randomVector(rng, m, 0.1, 2);
    for (const weights of [null, w]) {
      const out = new Float64Array(p * p).fill(NaN);
      crossGram(J1, J2, m, p, weights, out);
      const ref = naiveAtWB(J1, J2, m, p, weights);
      expect(maxAbsDiff(out, ref)).toBeLessThan(1e-12 * Math.max(1, maxAbs(ref)));
    }
  });

  it('gramDense computes Jᵀ K J for a symmetric K', () => {
    const rng = new Rng(11);
    for (const [m, p] of [
      [2, 2],
      [5, 3],
      [9, 7],
    ] as const) {
      const J = randomMatrix(rng, m, p);
      const R = randomMatrix(rng, m, m);
      const K = new Float64Array(m * m);
      for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) K[i * m + j] = R[i * m + j] + R[j * m + i];
      const G = new Float64Array(p * p);
      gramDense(J, m, p, K, G);
      const ref = matmul(transpose(J, m, p), matmul(K, J, m, m, p), p, m, p);
      expect(maxAbsDiff(G, ref)).toBeLessThan(1e-12 * Math.max(1, maxAbs(ref)));
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) expect(G[j * p + k]).toBe(G[k * p + j]);
    }
  });

  it('matTVec, matVec and dot match plain loops', () => {
    const rng = new Rng(5);
    const m = 23;
    const p = 9;
    const J = randomMatrix(rng, m, p);
    const x = randomVector(rng, m);
    const w = randomVector(rng, m, 0.5, 1.5);
    const y = randomVector(rng, p);
    const out = new Float64Array(p);
    for (const weights of [undefined, null, w]) {
      matTVec(J, m, p, x, out, weights);
      for (let j = 0; j < p; j++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += J[i * p + j] * (weights ? weights[i] : 1) * x[i];
        expect(out[j]).toBeCloseTo(s, 12);
      }
    }
    const Jy = new Float64Array(m);
    matVec(J, m, p, y, Jy);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += J[i * p + j] * y[j];
      expect(Jy[i]).toBeCloseTo(s, 12);
    }
    let s = 0;
    for (let i = 0; i < m; i++) s += x[i] * w[i];
    expect(dot(x, w)).toBeCloseTo(s, 12);
    expect(dot(x, w, 3)).toBeCloseTo(x[0] * w[0] + x[1] * w[1] + x[2] * w[2], 14);
  });
});

// ------------------------------------------ solvers -------------------------------------------

describe('Cholesky, pinv and lstsq', () => {
  it.each([1, 3, 13, 50])('choleskyInPlace gives L with L Lᵀ = A and solves A x = b (n=%i)', (n) => {
    const rng = new Rng(21 + n);
    const B = randomMatrix(rng, 2 * n + 3, n);
    const A = naiveAtWB(B, B, 2 * n + 3, n, null);
    const L = A.slice();
    expect(choleskyInPlace(L, n)).toBe(true);
    const Lfull = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) Lfull[i * n + j] = L[i * n + j];
    expect(maxAbsDiff(matmul(Lfull, transpose(Lfull, n, n), n, n, n), A)).toBeLessThan(1e-12 * maxAbs(A));
    const xTrue = randomVector(rng, n);
    const b = new Float64Array(n);
    matVec(A, n, n, xTrue, b);
    choleskySolveInPlace(L, n, b);
    expect(relErr(b, xTrue)).toBeLessThan(1e-11);
  });

  it('choleskyInPlace rejects indefinite and NaN matrices', () => {
    expect(choleskyInPlace(new Float64Array([1, 2, 2, 1]), 2)).toBe(false);
    expect(choleskyInPlace(new Float64Array([0, 0, 0, 0]), 2)).toBe(false);
    expect(choleskyInPlace(new Float64Array([NaN, 0, 0, 1]), 2)).toBe(false);
  });

  it('solveCholeskyTikhonov solves (S + eps·tr(S)/n I) x = rhs and leaves S untouched', () => {
    const rng = new Rng(22);
    const n = 6;
    const B = randomMatrix(rng, 10, n);
    const S = naiveAtWB(B, B, 10, n, null);
    const S0 = S.slice();
    const rhs = randomVector(rng, n);
    const eps = 0.3;
    let trace = 0;
    for (let i = 0; i < n; i++) trace += S[i * n + i];
    const sigma = (eps * trace) / n;
    expect(tikhonovShift(S, n, eps)).toBeCloseTo(sigma, 14);
    const x = new Float64Array(n);
    expect(solveCholeskyTikhonov(S, n, rhs, eps, x)).toBe(true);
    expect(S).toEqual(S0);
    // Residual of the shifted system, checked with an independent product.
    const Sx = new Float64Array(n);
    matVec(S, n, n, x, Sx);
    for (let i = 0; i < n; i++) expect(Sx[i] + sigma * x[i]).toBeCloseTo(rhs[i], 12);
    // σ = eps when the trace is not positive: (0 + eps I) x = rhs → x = rhs / eps.
    const Z = new Float64Array(n * n);
    expect(solveCholeskyTikhonov(Z, n, rhs, 0.5, x)).toBe(true);
    for (let i = 0; i < n; i++) expect(x[i]).toBeCloseTo(rhs[i] / 0.5, 14);
    // Failure is reported and leaves out untouched.
    const indefinite = new Float64Array([1, 0, 0, -1]);
    const out = new Float64Array([7, 7]);
    expect(solveCholeskyTikhonov(indefinite, 2, new Float64Array([1, 1]), 0, out)).toBe(false);
    expect(Array.from(out)).toEqual([7, 7]);
  });

  it('cholesky, pinv and lstsq agree on a well-conditioned problem S = BᵀB, rhs = Bᵀr', () => {
    const rng = new Rng(23);
    const rows = 40;
    const n = 12;
    const B = randomMatrix(rng, rows, n);
    const r = randomVector(rng, rows);
    const S = naiveAtWB(B, B, rows, n, null);
    const rhs = new Float64Array(n);
    matTVec(B, rows, n, r, rhs);
    const xChol = new Float64Array(n);
    const xPinv = new Float64Array(n);
    const xLsq = new Float64Array(n);
    expect(solveCholeskyTikhonov(S, n, rhs, 0, xChol)).toBe(true);
    solvePinv(S, n, rhs, 1e-10, xPinv);
    const { rank } = solveLstsq(B, rows, n, r, 1e-5, xLsq);
    expect(rank).toBe(n);
    expect(relErr(xPinv, xChol)).toBeLessThan(1e-12);
    expect(relErr(xLsq, xChol)).toBeLessThan(1e-12);
    // And they solve the normal equations (independent check).
    const Sx = new Float64Array(n);
    matVec(S, n, n, xLsq, Sx);
    expect(relErr(Sx, rhs)).toBeLessThan(1e-12);
  });

  it('lstsq stays accurate where Cholesky of BᵀB loses most digits (cond(G) ≈ 1e12)', () => {
    const rng = new Rng(24);
    const rows = 60;
    const n = 10;
    const sigma = Array.from({ length: n }, (_, i) => 10 ** (-6 * (i / (n - 1)))); // 1 … 1e-6
    const B = matrixWithSingularValues(rng, rows, n, sigma);
    const xTrue = randomVector(rng, n);
    const r = new Float64Array(rows);
    matVec(B, rows, n, xTrue, r); // consistent: B xTrue = r
    const xLsq = new Float64Array(n);
    expect(solveLstsq(B, rows, n, r, 0, xLsq).rank).toBe(n);
    const errLsq = relErr(xLsq, xTrue);
    expect(errLsq).toBeLessThan(1e-8);

    const G = naiveAtWB(B, B, rows, n, null);
    expect(conditionNumber(G, n)).toBeGreaterThan(1e11);
    const rhs = new Float64Array(n);
    matTVec(B, rows, n, r, rhs);
    const xChol = new Float64Array(n).fill(NaN);
    const ok = solveCholeskyTikhonov(G, n, rhs, 0, xChol);
    if (ok) expect(relErr(xChol, xTrue)).toBeGreaterThan(1e3 * errLsq);
  });

  it('lstsq returns the minimum-norm solution for rank-deficient B (same as pinv of BᵀB)', () => {
    const rng = new Rng(25);
    const rows = 30;
    const n = 8;
    const B = matrixWithSingularValues(rng, rows, n, [3, 2, 1.5, 1, 0.5]); // rank 5
    const r = randomVector(rng, rows);
    const S = naiveAtWB(B, B, rows, n, null);
    const rhs = new Float64Array(n);
    matTVec(B, rows, n, r, rhs);
    const xPinv = new Float64Array(n);
    solvePinv(S, n, rhs, 1e-10, xPinv);
    const xLsq = new Float64Array(n);
    const { rank } = solveLstsq(B, rows, n, r, 1e-5, xLsq);
    expect(rank).toBe(5);
    expect(relErr(xLsq, xPinv)).toBeLessThan(1e-9);
    // Independent check: the normal equations Bᵀ(r − B x) = 0 hold (x is a least-squares solution;
    // agreement with pinv above makes it the minimum-norm one).
    const Bx = new Float64Array(rows);
    matVec(B, rows, n, xLsq, Bx);
    const res = new Float64Array(rows);
    for (let i = 0; i < rows; i++) res[i] = r[i] - Bx[i];
    const Btres = new Float64Array(n);
    matTVec(B, rows, n, res, Btres);
    expect(maxAbs(Btres)).toBeLessThan(1e-12);
  });

  it('lstsq matches Cholesky on a larger well-conditioned problem (200 × 60)', () => {
    const rng = new Rng(28);
    const rows = 200;
    const n = 60;
    const B = randomMatrix(rng, rows, n);
    const r = randomVector(rng, rows);
    const S = naiveAtWB(B, B, rows, n, null);
    const rhs = new Float64Array(n);
    matTVec(B, rows, n, r, rhs);
    const xChol = new Float64Array(n);
    expect(solveCholeskyTikhonov(S, n, rhs, 0, xChol)).toBe(true);
    const xLsq = new Float64Array(n);
    expect(solveLstsq(B, rows, n, r, 1e-5, xLsq).rank).toBe(n);
    expect(relErr(xLsq, xChol)).toBeLessThan(1e-11);
  });

  it('lstsq solves square systems, nonsingular and singular', () => {
    const rng = new Rng(29);
    const n = 9;
    const B = randomMatrix(rng, n, n);
    const xTrue = randomVector(rng, n);
    const r = new Float64Array(n);
    matVec(B, n, n, xTrue, r);
    const x = new Float64Array(n);
    expect(solveLstsq(B, n, n, r, 1e-12, x).rank).toBe(n);
    expect(relErr(x, xTrue)).toBeLessThan(1e-11);
    // Singular square B (rank 4): same as pinv of BᵀB.
    const Bs = matrixWithSingularValues(rng, n, n, [2, 1, 0.7, 0.3]);
    const rs = randomVector(rng, n);
    const S = naiveAtWB(Bs, Bs, n, n, null);
    const rhs = new Float64Array(n);
    matTVec(Bs, n, n, rs, rhs);
    const xPinv = new Float64Array(n);
    solvePinv(S, n, rhs, 1e-10, xPinv);
    expect(solveLstsq(Bs, n, n, rs, 1e-5, x).rank).toBe(4);
    expect(relErr(x, xPinv)).toBeLessThan(1e-9);
  });

  it('lstsq handles rows < cols (underdetermined): exact fit with minimum norm', () => {
    const rng = new Rng(26);
    const rows = 7;
    const cols = 15;
    const B = randomMatrix(rng, rows, cols);
    const r = randomVector(rng, rows);
    const x = new Float64Array(cols);
    expect(solveLstsq(B, rows, cols, r, 1e-12, x).rank).toBe(rows);
    // Exact fit.
    const Bx = new Float64Array(rows);
    matVec(B, rows, cols, x, Bx);
    expect(maxAbsDiff(Bx, r)).toBeLessThan(1e-12);
    // Minimum norm solution is Bᵀ (B Bᵀ)⁻¹ r.
    const BBt = naiveAtWB(transpose(B, rows, cols), transpose(B, rows, cols), cols, rows, null);
    const y = r.slice();
    expect(solveCholeskyTikhonov(BBt, rows, r, 0, y)).toBe(true);
    const xRef = new Float64Array(cols);
    matTVec(B, rows, cols, y, xRef);
    expect(relErr(x, xRef)).toBeLessThan(1e-11);
    // Also agrees with pinv of the singular BᵀB.
    const S = naiveAtWB(B, B, rows, cols, null);
    const rhs = new Float64Array(cols);
    matTVec(B, rows, cols, r, rhs);
    const xPinv = new Float64Array(cols);
    solvePinv(S, cols, rhs, 1e-10, xPinv);
    expect(relErr(x, xPinv)).toBeLessThan(1e-9);
  });

  it('lstsq handles a rank-deficient underdetermined B and the rcond cut', () => {
    const rng = new Rng(27);
    const rows = 6;
    const cols = 10;
    // Singular values 1, 0.5, 1e-7 (rank 3 numerically, rank 2 with rcond 1e-5).
    const B = matrixWithSingularValues(rng, rows, cols, [1, 0.5, 1e-7]);
    const r = randomVector(rng, rows);
    const S = naiveAtWB(B, B, rows, cols, null);
    const rhs = new Float64Array(cols);
    matTVec(B, rows, cols, r, rhs);
    const xLsq = new Float64Array(cols);
    expect(solveLstsq(B, rows, cols, r, 1e-5, xLsq).rank).toBe(2);
    const xPinv = new Float64Array(cols);
    solvePinv(S, cols, rhs, 1e-10, xPinv); // λ cut 1e-10 ↔ σ cut 1e-5
    expect(relErr(xLsq, xPinv)).toBeLessThan(1e-8);
  });
});

// ------------------------------------------- eigen --------------------------------------------

describe('symmetricEigen', () => {
  it.each([1, 2, 5, 17, 60, 130])('reconstructs A = QΛQᵀ with orthonormal Q (n=%i)', (n) => {
    const rng = new Rng(40 + n);
    const R = randomMatrix(rng, n, n);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = R[i * n + j] + R[j * n + i];
    const A0 = A.slice();
    const values = new Float64Array(n);
    const Q = new Float64Array(n * n);
    symmetricEigen(A, n, values, Q);
    expect(A).toEqual(A0);
    for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
    const QL = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) QL[i * n + k] = Q[i * n + k] * values[k];
    const scale = Math.max(1, maxAbs(A));
    expect(maxAbsDiff(matmul(QL, transpose(Q, n, n), n, n, n), A)).toBeLessThan(1e-12 * scale);
    const QtQ = matmul(transpose(Q, n, n), Q, n, n, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(Math.abs(QtQ[i * n + j] - (i === j ? 1 : 0))).toBeLessThan(1e-13);
    // Eigenvalues alone agree with the full decomposition.
    const only = new Float64Array(n);
    symmetricEigenvalues(A, n, only);
    expect(maxAbsDiff(only, values)).toBeLessThan(1e-12 * scale);
  });

  it('finds known eigenvalues of a rotated diagonal matrix to high relative accuracy', () => {
    const rng = new Rng(50);
    const n = 8;
    const lambda = [-3, 1e-3, 0.5, 1, 2, 2, 7, 100];
    const Q = randomOrthonormal(rng, n, n);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += Q[i * n + k] * lambda[k] * Q[j * n + k];
        A[i * n + j] = s;
      }
    }
    const values = new Float64Array(n);
    symmetricEigen(A, n, values, new Float64Array(n * n));
    for (let k = 0; k < n; k++) expect(Math.abs(values[k] - lambda[k])).toBeLessThan(1e-13 * 100);
  });

  it('conditionNumber on known diagonal matrices', () => {
    expect(conditionNumber(new Float64Array([4, 0, 0, 0, 1, 0, 0, 0, 0.5]), 3)).toBeCloseTo(8, 12);
    expect(conditionNumber(new Float64Array([1, 0, 0, 1e-9]), 2)).toBeCloseTo(1e9, 0);
    // Singular to working precision: the largest resolvable condition number, 1/(n·ε).
    expect(conditionNumber(new Float64Array([1, 0, 0, 0]), 2)).toBeCloseTo(1 / (2 * 2.220446049250313e-16), -3);
    expect(conditionNumber(new Float64Array([1, 0, 0, -1e-17]), 2)).toBeCloseTo(1 / (2 * 2.220446049250313e-16), -3);
    expect(conditionNumber(new Float64Array([1, 0, 0, -2]), 2)).toBe(Infinity);
  });

  it('solvePinv drops small and negative eigenvalues', () => {
    // S = diag(4, −1, 1e-12, 2): only 4 and 2 survive rcond 1e-10.
    const S = new Float64Array(16);
    [4, -1, 1e-12, 2].forEach((v, i) => (S[i * 4 + i] = v));
    const out = new Float64Array(4);
    solvePinv(S, 4, new Float64Array([8, 5, 5, 6]), 1e-10, out);
    expect(Array.from(out).map((v) => +v.toFixed(14))).toEqual([2, 0, 0, 3]);
  });
});
