// Cholesky factorisation A = L Lᵀ of a symmetric positive definite matrix (row-major), and the
// Tikhonov-regularised solve of docs/ALGORITHMS.md §3.

/**
 * Overwrite the lower triangle of A (n × n, row-major; only the lower triangle is read) with the
 * Cholesky factor L. Row-oriented (Cholesky–Banachiewicz): every inner product runs along two rows,
 * which are contiguous in row-major storage. The strict upper triangle is left untouched.
 * Returns false (A partially overwritten) when A is not numerically positive definite.
 */
export function choleskyInPlace(A: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let j = 0;
    // Four entries of row i at a time: their dot products over k < j share the loads of L[i][k].
    for (; j + 3 < i; j += 4) {
      const r0 = j * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = A[ri + j];
      let s1 = A[ri + j + 1];
      let s2 = A[ri + j + 2];
      let s3 = A[ri + j + 3];
      for (let k = 0; k < j; k++) {
        const x = A[ri + k];
        s0 -= x * A[r0 + k];
        s1 -= x * A[r1 + k];
        s2 -= x * A[r2 + k];
        s3 -= x * A[r3 + k];
      }
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
      let s = A[ri + j];
      for (let k = 0; k < j; k++) s -= A[ri + k] * A[rj + k];
      A[ri + j] = s / A[rj + j];
    }
    let d = A[ri + i];
    for (let k = 0; k < i; k++) d -= A[ri + k] * A[ri + k];
    // `!(d > 0)` also catches NaN.
    if (!(d > 0) || !Number.isFinite(d)) return false;
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
