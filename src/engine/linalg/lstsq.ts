// Minimum-norm least squares min ‖B d − r‖ computed from B itself, never forming BᵀB (so cond(B),
// not cond(B)², limits the accuracy) — docs/ALGORITHMS.md §3, solver `lstsq`.
//
//   1. Householder QR with column pivoting of Bᵀ when rows ≤ cols; when rows > cols, first of B
//      (reducing the problem to its square factor R), then of Rᵀ — the Drmač–Veselić
//      preconditioning for Jacobi. QR runs on column-major copies so that every Householder update
//      reads contiguous memory.
//   2. The small triangular factor T (k × k, k = min(rows, cols)) carries all singular values of B.
//      Its SVD comes from one-sided (Hestenes) Jacobi, which is accurate to high relative precision.
//      The right-hand side is rotated along, so the Jacobi rotations never need to be accumulated.
//   3. Singular values σ ≤ rcond·σ_max are dropped; the rest are inverted.
// Cost: QR 2·rows·cols² plus about 4k³ per Jacobi sweep (5–10 sweeps): much slower than Cholesky
// of BᵀB, the price of never squaring cond(B).

import * as libm from '../math';
import { swapRuns } from './swap';

const EPS = Number.EPSILON;
const MAX_SWEEPS = 60;

interface Workspace {
  rows: number;
  cols: number;
  A: Float64Array; // M × N column-major QR work array
  tau: Float64Array; // Householder scalars
  perm: Int32Array; // column permutation of the pivoted QR
  norms: Float64Array; // remaining column norms² for pivoting
  X: Float64Array; // wide stage: k × k, rows of the Jacobi working matrix
  c: Float64Array; // wide stage: rotated right-hand side (length k)
  z: Float64Array; // wide stage: solution of the triangular problem (length k)
  sigma: Float64Array; // wide stage: singular values (length k)
  v: Float64Array; // length max(rows, cols)
  square: Float64Array; // tall stage: k × k triangular factor handed to the wide stage
  y: Float64Array; // tall stage: solution returned by the wide stage (length k)
}

// Keyed by (stage, rows, cols): the tall stage hands its square factor to the wide stage, which must
// not share buffers with it even when rows = cols.
const workspaces = new Map<string, Workspace>();

function workspaceFor(stage: 'tall' | 'wide', rows: number, cols: number): Workspace {
  const key = `${stage}:${rows}x${cols}`;
  let ws = workspaces.get(key);
  if (ws === undefined) {
    if (workspaces.size >= 6) workspaces.clear();
    const k = Math.min(rows, cols);
    const wide = stage === 'wide';
    ws = {
      rows,
      cols,
      A: new Float64Array(rows * cols),
      tau: new Float64Array(k),
      perm: new Int32Array(k),
      norms: new Float64Array(k),
      X: new Float64Array(wide ? k * k : 0),
      c: new Float64Array(wide ? k : 0),
      z: new Float64Array(wide ? k : 0),
      sigma: new Float64Array(wide ? k : 0),
      v: new Float64Array(Math.max(rows, cols)),
      square: new Float64Array(wide ? 0 : k * k),
      y: new Float64Array(wide ? 0 : k),
    };
    workspaces.set(key, ws);
  }
  return ws;
}

/**
 * In-place Householder QR with column pivoting of the column-major M × N matrix A (M ≥ N):
 * A P = Q R. R lands on and above the diagonal; below it, the Householder vectors v_k (v_k[k] = 1
 * implicit), with H_k = I − tau_k v_k v_kᵀ and Q = H_0 H_1 ⋯ H_{N−1}.
 */
function pivotedQR(
  A: Float64Array,
  M: number,
  N: number,
  tau: Float64Array,
  perm: Int32Array,
  norms: Float64Array,
): void {
  for (let j = 0; j < N; j++) perm[j] = j;
  for (let k = 0; k < N; k++) {
    // Pivot: the remaining column of largest norm (norms recomputed, not downdated: robust, and
    // cheaper than the factorisation itself).
    let best = k;
    let bestNorm = -1;
    for (let j = k; j < N; j++) {
      const cj = j * M;
      let s = 0;
      for (let i = k; i < M; i++) s += A[cj + i] * A[cj + i];
      norms[j] = s;
      if (s > bestNorm) {
        bestNorm = s;
        best = j;
      }
    }
    if (best !== k) {
      swapRuns(A, k * M, best * M, M);
      const t = perm[k];
      perm[k] = perm[best];
      perm[best] = t;
    }

    // Householder reflector for A[k:M, k].
    const ck = k * M;
    const alpha = A[ck + k];
    let tail = 0;
    for (let i = k + 1; i < M; i++) tail += A[ck + i] * A[ck + i];
    if (tail === 0) {
      tau[k] = 0; // already triangular in this column
      continue;
    }
    const norm = Math.sqrt(alpha * alpha + tail);
    const beta = alpha >= 0 ? -norm : norm;
    tau[k] = (beta - alpha) / beta;
    const scale = 1 / (alpha - beta);
    for (let i = k + 1; i < M; i++) A[ck + i] *= scale;
    A[ck + k] = beta;

    // Apply H_k to the remaining columns.
    const t = tau[k];
    for (let j = k + 1; j < N; j++) {
      const cj = j * M;
      let s = A[cj + k];
      for (let i = k + 1; i < M; i++) s += A[ck + i] * A[cj + i];
      s *= t;
      A[cj + k] -= s;
      for (let i = k + 1; i < M; i++) A[cj + i] -= s * A[ck + i];
    }
  }
}

/** x ← H_k x for the reflector stored in column k of the QR workspace. */
function applyReflector(A: Float64Array, M: number, k: number, tau: number, x: Float64Array): void {
  if (tau === 0) return;
  const ck = k * M;
  let s = x[k];
  for (let i = k + 1; i < M; i++) s += A[ck + i] * x[i];
  s *= tau;
  x[k] -= s;
  for (let i = k + 1; i < M; i++) x[i] -= s * A[ck + i];
}

/**
 * z = T⁺ c (cut at rcond·σ_max) for the k × k matrix T whose rows are the rows of X; X and c are
 * destroyed, sigma receives the singular values. One-sided Jacobi orthogonalises the columns of
 * Y = Tᵀ (= rows of X): Y V = U Σ, so T = V Σ Uᵀ and T⁺ c = U Σ⁺ Vᵀ c, with Vᵀ c obtained by
 * rotating c alongside. Returns the rank kept.
 */
function jacobiPinvSolve(
  X: Float64Array,
  k: number,
  c: Float64Array,
  rcond: number,
  sigma: Float64Array,
  z: Float64Array,
): number {
  const tol = Math.sqrt(k) * EPS;
  const norm2 = sigma; // squared row norms during the sweeps
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    // Exact squared norms at the start of each sweep; updated by the rotation formulas within it.
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += X[j * k + l] * X[j * k + l];
      norm2[j] = s;
    }
    let rotated = false;
    for (let i = 0; i < k - 1; i++) {
      const ri = i * k;
      for (let j = i + 1; j < k; j++) {
        const alpha = norm2[i];
        const beta = norm2[j];
        if (alpha === 0 || beta === 0) continue;
        const rj = j * k;
        let gamma = 0;
        for (let l = 0; l < k; l++) gamma += X[ri + l] * X[rj + l];
        if (!(Math.abs(gamma) > tol * Math.sqrt(alpha * beta))) continue;
        rotated = true;
        // Rotation making rows i and j orthogonal: t is the smaller root of t² + 2ζt − 1 = 0.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + libm.hypot(1, zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        const sn = cs * t;
        for (let l = 0; l < k; l++) {
          const a = X[ri + l];
          const b = X[rj + l];
          X[ri + l] = cs * a - sn * b;
          X[rj + l] = sn * a + cs * b;
        }
        norm2[i] = Math.max(0, alpha - t * gamma);
        norm2[j] = beta + t * gamma;
        const ci = c[i];
        const cj = c[j];
        c[i] = cs * ci - sn * cj;
        c[j] = sn * ci + cs * cj;
      }
    }
    if (!rotated) break;
  }

  // Row j of X is now σ_j u_jᵀ, so z = Σ_j u_j c_j / σ_j = Σ_j X_j c_j / σ_j² over the kept j.
  let sigmaMax = 0;
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += X[j * k + l] * X[j * k + l];
    sigma[j] = Math.sqrt(s);
    if (sigma[j] > sigmaMax) sigmaMax = sigma[j];
  }
  const cutoff = rcond * sigmaMax;
  let rank = 0;
  z.fill(0, 0, k);
  for (let j = 0; j < k; j++) {
    const sj = sigma[j];
    if (!(sj > cutoff && sj > 0)) continue;
    rank++;
    const coef = c[j] / (sj * sj);
    const rj = j * k;
    for (let l = 0; l < k; l++) z[l] += coef * X[rj + l];
  }
  return rank;
}

/**
 * Minimum-norm least squares for a wide or square B (rows ≤ cols, row-major): Bᵀ P = Q R, so
 * B = P Rᵀ Qᵀ and d = Q [ (Rᵀ)⁺ Pᵀ r ; 0 ]. Bᵀ in column-major storage is B row-major as it is.
 */
function solveWide(
  B: Float64Array,
  rows: number,
  cols: number,
  r: Float64Array,
  rcond: number,
  out: Float64Array,
): number {
  const ws = workspaceFor('wide', rows, cols);
  const { A, tau, perm, norms, X, c, z, sigma, v } = ws;
  const M = cols;
  const N = rows;
  A.set(B.subarray(0, rows * cols));
  pivotedQR(A, M, N, tau, perm, norms);
  // Jacobi rows = rows of T = Rᵀ = columns of R.
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) X[i * N + j] = j <= i ? A[i * M + j] : 0;
  }
  for (let j = 0; j < N; j++) c[j] = r[perm[j]];
  const rank = jacobiPinvSolve(X, N, c, rcond, sigma, z);
  v.fill(0);
  v.set(z.subarray(0, N));
  for (let k = N - 1; k >= 0; k--) applyReflector(A, M, k, tau[k], v);
  for (let j = 0; j < M; j++) out[j] = v[j];
  return rank;
}

/**
 * Minimum-norm least-squares solution of B out ≈ r (B rows × cols, row-major), dropping singular
 * values of B below rcond·σ_max. Works for rows ≥ cols and rows < cols. B and r are not modified.
 */
export function solveLstsq(
  B: Float64Array,
  rows: number,
  cols: number,
  r: Float64Array,
  rcond: number,
  out: Float64Array,
): { rank: number } {
  if (rows === 0 || cols === 0) {
    out.fill(0, 0, cols);
    return { rank: 0 };
  }
  if (rows < cols) return { rank: solveWide(B, rows, cols, r, rcond, out) };

  // Tall: B P = Q R, min ‖R Pᵀd − (Qᵀr)[0:cols]‖. The square R is then handed to solveWide, whose
  // second pivoted QR (of Rᵀ) is the Drmač–Veselić preconditioner: Jacobi converges in fewer sweeps.
  const ws = workspaceFor('tall', rows, cols);
  const { A, tau, perm, norms, v, square, y } = ws;
  const M = rows;
  const N = cols;
  for (let i = 0; i < M; i++) {
    const ri = i * N;
    for (let j = 0; j < N; j++) A[j * M + i] = B[ri + j];
  }
  pivotedQR(A, M, N, tau, perm, norms);
  v.set(r.subarray(0, M));
  for (let k = 0; k < N; k++) applyReflector(A, M, k, tau[k], v);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) square[i * N + j] = j >= i ? A[j * M + i] : 0;
  }
  const rank = solveWide(square, N, N, v, rcond, y);
  for (let j = 0; j < N; j++) out[perm[j]] = y[j];
  return { rank };
}
