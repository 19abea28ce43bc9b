// Cholesky factorisation A = L Lᵀ of a symmetric positive definite matrix (row-major), and the
// Tikhonov-regularised solve of docs/ALGORITHMS.md §3.

import { choleskyWasmKernel } from './wasm/choleskyKernel';

/** Below this n the copy into WebAssembly memory costs more than the kernel saves. */
const WASM_MIN_N = 24;
/** Linear memory stays well inside wasm32's address space; larger matrices use the JS loop. */
const WASM_MAX_BYTES = 1 << 30;

/**
 * Overwrite the lower triangle of A (n × n, row-major; only the lower triangle is read) with the
 * Cholesky factor L. Row-oriented (Cholesky–Banachiewicz): every inner product runs along two rows,
 * which are contiguous in row-major storage. The strict upper triangle is left untouched.
 * Returns false (A partially overwritten) when A is not numerically positive definite.
 *
 * Rounding order (the same in the WebAssembly SIMD kernel wasm/cholesky.wat and the JS loop, so both
 * give the same bits): Σ_{k<j} L[i][k]·L[j][k] is summed in two partial sums from +0 — even k and odd k
 * (an odd last k joins the even sum) — added at the end and subtracted from A[i][j]; within a block of
 * four entries the terms k = j … j+2 follow one by one.
 */
export function choleskyInPlace(A: Float64Array, n: number): boolean {
  if (n >= WASM_MIN_N) {
    const result = choleskyWasm(A, n);
    if (result !== null) return result;
  }
  return choleskyJs(A, n);
}

/** The WebAssembly SIMD kernel; null when it is unavailable (or memory cannot grow). */
export function choleskyWasm(A: Float64Array, n: number): boolean | null {
  const kernel = choleskyWasmKernel();
  const bytes = n * n * 8;
  if (kernel === null || bytes > WASM_MAX_BYTES) return null;
  const heap = kernel.heap(bytes);
  if (heap === null) return null;
  heap.set(A.subarray(0, n * n));
  const ok = kernel.cholesky(0, n) === 1;
  // Copy back the lower triangle (L, or what was computed before a failure).
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) A[ri + j] = heap[ri + j];
  }
  return ok;
}

/** Σ_{k<count} x[xAt + k]·y[yAt + k] in the kernel's order: even and odd k apart, then added. */
function pairedDot(A: Float64Array, xAt: number, yAt: number, count: number): number {
  let even = 0;
  let odd = 0;
  let k = 0;
  for (; k + 1 < count; k += 2) {
    even += A[xAt + k] * A[yAt + k];
    odd += A[xAt + k + 1] * A[yAt + k + 1];
  }
  if (k < count) even += A[xAt + k] * A[yAt + k];
  return even + odd;
}

/** The JS loop: the same roundings in the same order as the WebAssembly kernel. */
export function choleskyJs(A: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let j = 0;
    // Four entries of row i at a time: their dot products over k < j share the loads of L[i][k].
    for (; j + 3 < i; j += 4) {
      const r0 = j * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let e0 = 0;
      let e1 = 0;
      let e2 = 0;
      let e3 = 0;
      let o0 = 0;
      let o1 = 0;
      let o2 = 0;
      let o3 = 0;
      let k = 0;
      for (; k + 1 < j; k += 2) {
        const x = A[ri + k];
        const y = A[ri + k + 1];
        e0 += x * A[r0 + k];
        o0 += y * A[r0 + k + 1];
        e1 += x * A[r1 + k];
        o1 += y * A[r1 + k + 1];
        e2 += x * A[r2 + k];
        o2 += y * A[r2 + k + 1];
        e3 += x * A[r3 + k];
        o3 += y * A[r3 + k + 1];
      }
      if (k < j) {
        const x = A[ri + k];
        e0 += x * A[r0 + k];
        e1 += x * A[r1 + k];
        e2 += x * A[r2 + k];
        e3 += x * A[r3 + k];
      }
      let s0 = A[ri + j] - (e0 + o0);
      let s1 = A[ri + j + 1] - (e1 + o1);
      let s2 = A[ri + j + 2] - (e2 + o2);
      let s3 = A[ri + j + 3] - (e3 + o3);
      // The small triangle inside the block, in order.
      const l0 = s0 / A[r0 + j];
      A[ri + j] = l0;
      s1 -= l0 * A[r1 + j];
      s2 -= l0 * A[r2 + j];
      s3 -= l0 * A[r3 + j];
      const l1 = s1 / A[r1 + j + 1];
      A[ri + j + 1] = l1;
      s2 -= l1 * A[r2 + j + 1];
      s3 -= l1 * A[r3 + j + 1];
      const l2 = s2 / A[r2 + j + 2];
      A[ri + j + 2] = l2;
      s3 -= l2 * A[r3 + j + 2];
      A[ri + j + 3] = s3 / A[r3 + j + 3];
    }
    for (; j < i; j++) {
      const rj = j * n;
      A[ri + j] = (A[ri + j] - pairedDot(A, ri, rj, j)) / A[rj + j];
    }
    const d = A[ri + i] - pairedDot(A, ri, ri, i);
    // `!(d > 0)` also catches NaN.
    if (!(d > 0) || !(d < Infinity)) return false;
    A[ri + i] = Math.sqrt(d);
  }
  return true;
}

/** b ← A⁻¹ b given the Cholesky factor L of A in the lower triangle of `L` (forward then back substitution). */
export function choleskySolveInPlace(L: Float64Array, n: number, b: Float64Array): void {
  // L y = b
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[ri + k] * b[k];
    b[i] = s / L[ri + i];
  }
  // Lᵀ x = y, column-oriented so that L is still read along rows.
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const xi = b[i] / L[ri + i];
    b[i] = xi;
    for (let k = 0; k < i; k++) b[k] -= L[ri + k] * xi;
  }
}

let factorScratch = new Float64Array(0);
let rhsScratch = new Float64Array(0);

/**
 * Solve (S + σ I) out = rhs with σ = eps·tr(S)/n (σ = eps when tr S ≤ 0). S is not modified: the
 * factorisation happens in a module scratch buffer reused across calls. Returns false when the
 * regularised matrix is not positive definite; `out` is then left untouched. rhs and out may alias.
 */
export function solveCholeskyTikhonov(
  S: Float64Array,
  n: number,
  rhs: Float64Array,
  eps: number,
  out: Float64Array,
): boolean {
  if (factorScratch.length !== n * n) factorScratch = new Float64Array(n * n);
  if (rhsScratch.length !== n) rhsScratch = new Float64Array(n);
  const F = factorScratch;
  // Element loops, not subarray(): a view allocates, which dominates tiny (toy-sized) solves.
  for (let i = 0; i < n * n; i++) F[i] = S[i];
  const sigma = tikhonovShift(S, n, eps);
  for (let i = 0; i < n; i++) F[i * n + i] += sigma;
  if (!choleskyInPlace(F, n)) return false;
  const x = rhsScratch;
  for (let i = 0; i < n; i++) x[i] = rhs[i];
  choleskySolveInPlace(F, n, x);
  for (let i = 0; i < n; i++) out[i] = x[i];
  return true;
}

/** The σ that solveCholeskyTikhonov adds to the diagonal (exported for diagnostics and tests). */
export function tikhonovShift(S: Float64Array, n: number, eps: number): number {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += S[i * n + i];
  return trace > 0 ? (eps * trace) / n : eps;
}
