// Minimum-norm least squares min ‖B d − r‖ computed from B itself, never forming BᵀB (so cond(B),
// not cond(B)², limits the accuracy) — docs/ALGORITHMS.md §3, solver `lstsq`.
//
//   1. Householder QR (unpivoted: the SVD below reveals the rank) of B when rows ≥ cols, of Bᵀ when
//      rows < cols. QR runs on a column-major copy so that every reflector reads contiguous memory; the
//      trailing update handles four columns per pass over the reflector (its loads are shared).
//   2. The square k × k triangular factor (k = min(rows, cols)) carries all singular values of B. Its
//      pseudo-inverse applied to the rotated right-hand side comes from a Golub–Kahan SVD without
//      singular vectors (bidiagonal.ts), dropping σ ≤ rcond·σ_max as NumPy's lstsq does.
// Cost: QR 2·rows·cols² − ⅔cols³, bidiagonalisation 8/3·k³, the rest O(k²).

import { squarePinvSolve } from './bidiagonal';

interface Workspace {
  rows: number;
  cols: number;
  A: Float64Array; // M × N column-major QR work array
  tau: Float64Array; // Householder scalars
  square: Float64Array; // k × k triangular factor (row-major) handed to squarePinvSolve
  c: Float64Array; // rotated right-hand side, length max(rows, cols)
  z: Float64Array; // solution of the square problem, length k
}

const workspaces = new Map<string, Workspace>();

function workspaceFor(rows: number, cols: number): Workspace {
  const key = `${rows}x${cols}`;
  let ws = workspaces.get(key);
  if (ws === undefined) {
    if (workspaces.size >= 6) workspaces.clear();
    const k = Math.min(rows, cols);
    ws = {
      rows,
      cols,
      A: new Float64Array(rows * cols),
      tau: new Float64Array(k),
      square: new Float64Array(k * k),
      c: new Float64Array(Math.max(rows, cols)),
      z: new Float64Array(k),
    };
    workspaces.set(key, ws);
  }
  return ws;
}

/**
 * In-place Householder QR of the column-major M × N matrix A (M ≥ N): A = Q R. R lands on and above the
 * diagonal; below it, the Householder vectors v_k (v_k[k] = 1 implicit), with H_k = I − tau_k v_k v_kᵀ
 * and Q = H_0 H_1 ⋯ H_{N−1}.
 */
function householderQR(A: Float64Array, M: number, N: number, tau: Float64Array): void {
  for (let k = 0; k < N; k++) {
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
    const t = (beta - alpha) / beta;
    tau[k] = t;
    const scale = 1 / (alpha - beta);
    for (let i = k + 1; i < M; i++) A[ck + i] *= scale;
    A[ck + k] = beta;

    // Apply H_k to the remaining columns, four per pass: one load of v_k[i] serves four columns.
    let j = k + 1;
    for (; j + 3 < N; j += 4) {
      const c0 = j * M;
      const c1 = c0 + M;
      const c2 = c1 + M;
      const c3 = c2 + M;
      let s0 = A[c0 + k];
      let s1 = A[c1 + k];
      let s2 = A[c2 + k];
      let s3 = A[c3 + k];
      for (let i = k + 1; i < M; i++) {
        const v = A[ck + i];
        s0 += v * A[c0 + i];
        s1 += v * A[c1 + i];
        s2 += v * A[c2 + i];
        s3 += v * A[c3 + i];
      }
      s0 *= t;
      s1 *= t;
      s2 *= t;
      s3 *= t;
      A[c0 + k] -= s0;
      A[c1 + k] -= s1;
      A[c2 + k] -= s2;
      A[c3 + k] -= s3;
      for (let i = k + 1; i < M; i++) {
        const v = A[ck + i];
        A[c0 + i] -= s0 * v;
        A[c1 + i] -= s1 * v;
        A[c2 + i] -= s2 * v;
        A[c3 + i] -= s3 * v;
      }
    }
    for (; j < N; j++) {
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
 * Minimum-norm least-squares solution of B out ≈ r (B rows × cols, row-major), dropping singular
 * values of B below rcond·σ_max. Works for rows ≥ cols and rows < cols. B and r are not modified.
 * rank = −1 (out NaN) when B has non-finite entries.
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
  const ws = workspaceFor(rows, cols);
  const { A, tau, square, c, z } = ws;
  if (rows >= cols) {
    // B = Q R: min ‖R d − (Qᵀr)[0:cols]‖, d = R⁺ (Qᵀr)[0:cols].
    const M = rows;
    const N = cols;
    for (let i = 0; i < M; i++) {
      const ri = i * N;
      for (let j = 0; j < N; j++) A[j * M + i] = B[ri + j];
    }
    householderQR(A, M, N, tau);
    for (let i = 0; i < M; i++) c[i] = r[i];
    for (let k = 0; k < N; k++) applyReflector(A, M, k, tau[k], c);
    for (let i = 0; i < N; i++) {
      const ri = i * N;
      for (let j = 0; j < N; j++) square[ri + j] = j >= i ? A[j * M + i] : 0;
    }
    const rank = squarePinvSolve(square, N, c, rcond, z);
    for (let j = 0; j < N; j++) out[j] = z[j];
    return { rank };
  }
  // Wide: Bᵀ = Q R, so B = Rᵀ Qᵀ and d = Q [ (Rᵀ)⁺ r ; 0 ]. Bᵀ in column-major storage is B row-major as it is.
  const M = cols;
  const N = rows;
  A.set(B.subarray(0, rows * cols));
  householderQR(A, M, N, tau);
  for (let i = 0; i < N; i++) {
    const ri = i * N;
    for (let j = 0; j < N; j++) square[ri + j] = j <= i ? A[i * M + j] : 0;
  }
  for (let j = 0; j < N; j++) c[j] = r[j];
  const rank = squarePinvSolve(square, N, c, rcond, z);
  c.fill(0);
  for (let j = 0; j < N; j++) c[j] = z[j];
  for (let k = N - 1; k >= 0; k--) applyReflector(A, M, k, tau[k], c);
  for (let j = 0; j < M; j++) out[j] = c[j];
  return { rank };
}
