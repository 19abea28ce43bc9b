// The solve stage: d = S⁻¹ r with the optimizer's `solver` — cholesky (relative Tikhonov), pinv, or lstsq
// from B with S = BᵀB — and Newton's fallback to G^H when the regularised Hessian is indefinite
// (docs/ALGORITHMS.md §3).
import { solveCholeskyTikhonov, solvePinv } from '../../linalg';
import type { Evaluation, Objective } from '../../problems/objective';
import type { ResolvedOptimizer } from '../../scenario/types';
import { allFinite } from './finite';
import { LeastSquaresForm } from './leastSquares';
import type { MetricStage } from './metric';

export type SolverSettings = ResolvedOptimizer['solver'];

/** Solve a symmetric system with `cholesky` (relative Tikhonov) or `pinv`. Returns false when it fails. */
export function solveSymmetric(
  S: Float64Array,
  n: number,
  rhs: Float64Array,
  solver: SolverSettings,
  out: Float64Array,
  eigenvalues?: Float64Array,
): boolean {
  if (solver.kind === 'pinv') {
    solvePinv(S, n, rhs, solver.rcond, out, eigenvalues);
    return allFinite(out, n);
  }
  // lstsq is solved from B by the caller; a symmetric solve requested with lstsq settings (e.g. Newton
  // never reaches here — validation rejects it) falls back to Cholesky without regularisation.
  const eps = solver.kind === 'cholesky' ? solver.eps : 0;
  return solveCholeskyTikhonov(S, n, rhs, eps, out) && allFinite(out, n);
}

export class SolveStage {
  private readonly objective: Objective;
  private readonly metric: MetricStage;
  private readonly solver: SolverSettings;
  private readonly p: number;
  /** lstsq (gram and loss-hessian): B and r. */
  private readonly leastSquares: LeastSquaresForm | null;
  /** Newton with cholesky: G^H for the fallback when the metric's is not that of S. */
  private readonly fallback: Float64Array;
  /** pinv: the eigenvalues of the S of the last precondition() (cond(S) at no extra cost). */
  readonly eigenvalues: Float64Array | null;

  constructor(objective: Objective, metric: MetricStage, solver: SolverSettings) {
    this.objective = objective;
    this.metric = metric;
    this.solver = solver;
    const p = (this.p = objective.p);
    const fromB = solver.kind === 'lstsq' && (metric.kind === 'gram' || metric.kind === 'loss-hessian');
    this.leastSquares = fromB ? new LeastSquaresForm(metric.kind === 'gram' ? objective.nV : objective.nZ, p) : null;
    this.fallback = new Float64Array(metric.kind === 'newton' && solver.kind === 'cholesky' ? p * p : 0);
    this.eigenvalues = solver.kind === 'pinv' && metric.kind !== 'identity' ? new Float64Array(p) : null;
  }

  /** Whether cond(S) means anything for this solve (lstsq never forms S). */
  get formsMatrix(): boolean {
    return this.leastSquares === null;
  }

  /**
   * out ← S⁻¹ rhs with rhs = J_zᵀ g at the point `at` (g is needed by lstsq, which works from
   * B = H^{1/2} J_z, r = H^{-1/2} g instead of S). A failed solve leaves NaN in out. Returns whether
   * Newton fell back to G^H.
   */
  precondition(at: Evaluation, S: Float64Array, rhs: Float64Array, g: Float64Array, out: Float64Array): boolean {
    const { solver, p, metric } = this;
    if (metric.kind === 'identity') {
      out.set(rhs);
      return false;
    }
    if (this.leastSquares !== null) {
      this.fillLeastSquares(this.leastSquares, at, g);
      if (!this.leastSquares.solve(solver.kind === 'lstsq' ? solver.rcond : 0, out)) out.fill(NaN);
      return false;
    }
    if (metric.kind === 'newton' && solver.kind === 'cholesky') {
      if (solveCholeskyTikhonov(S, p, rhs, solver.eps, out) && allFinite(out)) return false;
      // Indefinite Hessian: never step uphill silently — take the regularised G^H direction instead.
      solveCholeskyTikhonov(metric.newtonGaussNewton(at, S, this.fallback), p, rhs, solver.eps, out);
      return true;
    }
    if (!solveSymmetric(S, p, rhs, solver, out, this.eigenvalues ?? undefined)) out.fill(NaN);
    return false;
  }

  /** B and r with S = BᵀB, Bᵀr = J_zᵀ g (gram: B = M_V^{1/2} J, r = M_V^{-1/2} g). */
  private fillLeastSquares(form: LeastSquaresForm, at: Evaluation, g: Float64Array): void {
    if (this.metric.kind === 'gram') form.scaleRows(at.Jv, this.objective.metric, g, 'sqrt');
    else form.fromLossHessian(this.objective.lossHessian(at.z), at.Jz, g);
  }
}
