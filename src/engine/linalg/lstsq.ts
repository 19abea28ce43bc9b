// Minimum-norm least squares min ‖B d − r‖ computed from B itself, never forming BᵀB (so cond(B),
// not cond(B)², limits the accuracy) — docs/ALGORITHMS.md §3, solver `lstsq`.
//
//   1. Householder QR (unpivoted: the SVD below reveals the rank) of B when rows ≥ cols, of Bᵀ when
//      rows < cols. QR runs on a column-major copy so that every reflector reads contiguous memory; the
//      trailing update runs in a WebAssembly SIMD kernel (JS loop of the same rounding order elsewhere).
//   2. The square k × k triangular factor (k = min(rows, cols)) carries all singular values of B. Its
//      pseudo-inverse applied to the rotated right-hand side comes from a Golub–Kahan SVD without
//      singular vectors (bidiagonal.ts), dropping σ ≤ rcond·σ_max as NumPy's lstsq does.
// Cost: QR 2·rows·cols² − ⅔cols³, bidiagonalisation 8/3·k³, the rest O(k²).

import { squarePinvSolve } from './bidiagonal';
import { householderWasmKernel } from './wasm/householderKernel';

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

/** Below this many columns the copy into WebAssembly memory costs more than the kernel saves. */
const WASM_MIN_COLUMNS = 16;
/** Linear memory stays well inside wasm32's address space; larger matrices use the JS loop. */
const WASM_MAX_BYTES = 1 << 30;

/**
 * The reflector of column k (rows k … M−1) of the column-major A: writes v (v_k = 1 implicit) below the
 * diagonal and β on it, returns τ (0 when the column is already triangular).
 */
function columnReflector(A: Float64Array, M: number, k: number): number {
  const ck = k * M;
  const alpha = A[ck + k];
  let tail = 0;
  for (let i = k + 1; i < M; i++) tail += A[ck + i] * A[ck + i];
  if (tail === 0) return 0;
  const norm = Math.sqrt(alpha * alpha + tail);
  const beta = alpha >= 0 ? -norm : norm;
  const scale = 1 / (alpha - beta);
  for (let i = k + 1; i < M; i++) A[ck + i] *= scale;
  A[ck + k] = beta;
  return (beta - alpha) / beta;
}

/**
 * In-place Householder QR of the column-major M × N matrix A (M ≥ N): A = Q R. R lands on and above the
 * diagonal; below it, the Householder vectors v_k (v_k[k] = 1 implicit), with H_k = I − tau_k v_k v_kᵀ
 * and Q = H_0 H_1 ⋯ H_{N−1}. The trailing updates run in the WebAssembly SIMD kernel
 * (wasm/householder.wat) where available, else in the JS loop; both give the same bits.
 */
export function householderQR(A: Float64Array, M: number, N: number, tau: Float64Array): void {
  if (N >= WASM_MIN_COLUMNS && householderQRWasm(A, M, N, tau)) return;
  householderQRJs(A, M, N, tau);
}

/** The QR with the WebAssembly trailing update; false (A untouched) when the kernel is unavailable. */
export function householderQRWasm(A: Float64Array, M: number, N: number, tau: Float64Array): boolean {
  const kernel = householderWasmKernel();
  const size = M * N;
  if (kernel === null || size * 8 > WASM_MAX_BYTES) return false;
  const heap = kernel.heap(size * 8);
  if (heap === null) return false;
  heap.set(A.subarray(0, size));
  for (let k = 0; k < N; k++) {
    const t = columnReflector(heap, M, k);
    tau[k] = t;
    if (t !== 0 && k + 1 < N) kernel.reflect(0, M, N, k, t);
  }
  A.set(heap.subarray(0, size));
  return true;
}

/**
 * The JS QR. Rounding order of the trailing update (the kernel's): for column j,
 * dot = Σ_{i>k} v_i A[i][j] in two partial sums from +0 — rows k+1, k+3, … and rows k+2, k+4, … (an odd
 * last row joins the first) — added at the end; s = (A[k][j] + dot)·τ; A[k][j] −= s; A[i][j] −= s·v_i.
 * Four columns per pass share the loads of v.
 */
export function householderQRJs(A: Float64Array, M: number, N: number, tau: Float64Array): void {
  for (let k = 0; k < N; k++) {
    const t = columnReflector(A, M, k);
    tau[k] = t;
    if (t === 0) continue;
    const ck = k * M;
    const pairEnd = k + 1 + ((M - k - 1) & ~1);
    const odd = pairEnd < M;
    let j = k + 1;
    for (; j + 3 < N; j += 4) {
      const c0 = j * M;
      const c1 = c0 + M;
      const c2 = c1 + M;
      const c3 = c2 + M;
      let e0 = 0;
      let e1 = 0;
      let e2 = 0;
      let e3 = 0;
      let o0 = 0;
      let o1 = 0;
      let o2 = 0;
      let o3 = 0;
      for (let i = k + 1; i < pairEnd; i += 2) {
        const v = A[ck + i];
        const w = A[ck + i + 1];
        e0 += v * A[c0 + i];
        o0 += w * A[c0 + i + 1];
        e1 += v * A[c1 + i];
        o1 += w * A[c1 + i + 1];
        e2 += v * A[c2 + i];
        o2 += w * A[c2 + i + 1];
        e3 += v * A[c3 + i];
        o3 += w * A[c3 + i + 1];
      }
      if (odd) {
        const v = A[ck + pairEnd];
        e0 += v * A[c0 + pairEnd];
        e1 += v * A[c1 + pairEnd];
        e2 += v * A[c2 + pairEnd];
        e3 += v * A[c3 + pairEnd];
      }
      const s0 = (A[c0 + k] + (e0 + o0)) * t;
      const s1 = (A[c1 + k] + (e1 + o1)) * t;
      const s2 = (A[c2 + k] + (e2 + o2)) * t;
      const s3 = (A[c3 + k] + (e3 + o3)) * t;
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
      let even = 0;
      let oddSum = 0;
      for (let i = k + 1; i < pairEnd; i += 2) {
        even += A[ck + i] * A[cj + i];
        oddSum += A[ck + i + 1] * A[cj + i + 1];
      }
      if (odd) even += A[ck + pairEnd] * A[cj + pairEnd];
      const s = (A[cj + k] + (even + oddSum)) * t;
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
