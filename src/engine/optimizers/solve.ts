// Solving S d = r with the optimizer's solver settings (ALGORITHMS.md §3).
import { solveCholeskyTikhonov, solvePinv, solveLstsq } from '../linalg';
import type { ResolvedOptimizer } from '../scenario/types';

export type SolverSettings = ResolvedOptimizer['solver'];

/** Solve a symmetric system with `cholesky` (relative Tikhonov) or `pinv`. Returns false when it fails. */
export function solveSymmetric(
  S: Float64Array,
  n: number,
  rhs: Float64Array,
  solver: SolverSettings,
  out: Float64Array,
): boolean {
  if (solver.kind === 'pinv') {
    solvePinv(S, n, rhs, solver.rcond, out);
    return allFinite(out, n);
  }
  // lstsq is handled by the caller from B; a symmetric solve requested with lstsq settings (e.g. Newton
  // never reaches here — validation rejects it) falls back to Cholesky without regularisation.
  const eps = solver.kind === 'cholesky' ? solver.eps : 0;
  return solveCholeskyTikhonov(S, n, rhs, eps, out) && allFinite(out, n);
}

/** Minimum-norm least squares min ‖B d − r‖ (B rows × cols); false on non-finite output. */
export function solveFactorised(
  B: Float64Array,
  rows: number,
  cols: number,
  r: Float64Array,
  rcond: number,
  out: Float64Array,
): boolean {
  solveLstsq(B, rows, cols, r, rcond, out);
  return allFinite(out, cols);
}

export function allFinite(x: Float64Array, n: number = x.length): boolean {
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) return false;
  return true;
}
