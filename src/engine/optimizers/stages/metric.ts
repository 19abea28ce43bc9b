// The metric stage: the matrix S of d = S⁻¹∇L at an evaluated point — nothing (identity), G (gram), G^H
// (loss-hessian) or G^H + Σ_i (g_z)_i ∇²z_i (newton) — and its condition number (docs/ALGORITHMS.md §3, §6).
import { conditionFromEigenvalues, conditionNumber, estimateConditionNumber, gram, gramDense } from '../../linalg';
import type { Evaluation, Objective } from '../../problems/objective';
import type { ConditionMode, ResolvedOptimizer } from '../../scenario/types';

export type MetricKind = ResolvedOptimizer['preconditioner'];

/** run.condition 'auto': exact eigenvalues up to this p, the Lanczos/Cholesky estimate above it. */
const EXACT_CONDITION_MAX_P = 64;

export class MetricStage {
  readonly kind: MetricKind;
  private readonly objective: Objective;
  private readonly p: number;
  /** How cond(S_k) is obtained: none, exact eigenvalues, or the estimate. */
  private readonly conditionMethod: 'none' | 'exact' | 'estimate';
  /** Σ a_i ∇²z_i (newton). */
  private readonly secondOrder: Float64Array;
  /** G^H of the last newton build, the evaluation it was built at and the S it went into (the fallback). */
  private readonly gaussNewton: Float64Array;
  private gaussNewtonAt: Evaluation | null = null;
  private gaussNewtonIn: Float64Array | null = null;

  /** condition: run.condition ('off' for lstsq and bare-step benchmarks). */
  constructor(objective: Objective, kind: MetricKind, condition: ConditionMode) {
    this.objective = objective;
    this.kind = kind;
    this.p = objective.p;
    this.conditionMethod =
      condition === 'off' || kind === 'identity'
        ? 'none'
        : condition === 'exact' || this.p <= EXACT_CONDITION_MAX_P
          ? 'exact'
          : 'estimate';
    this.secondOrder = new Float64Array(kind === 'newton' ? this.p * this.p : 0);
    this.gaussNewton = new Float64Array(kind === 'newton' ? this.p * this.p : 0);
  }

  /** A p × p buffer for S, or an empty one when the metric is the identity. */
  allocate(): Float64Array {
    return new Float64Array(this.kind === 'identity' ? 0 : this.p * this.p);
  }

  /** S at the evaluated point `at` = (θ, its evaluation). */
  build(at: Evaluation, theta: Float64Array, S: Float64Array): void {
    const { objective, p } = this;
    switch (this.kind) {
      case 'gram':
        gram(at.Jv, objective.nV, p, objective.metric, S);
        return;
      case 'loss-hessian':
        this.lossHessianGram(at, S);
        return;
      case 'newton': {
        // G^H is kept apart: an indefinite S falls back to it (newtonGaussNewton) without a second Gram.
        const { gaussNewton, secondOrder } = this;
        this.lossHessianGram(at, gaussNewton);
        this.gaussNewtonAt = at;
        this.gaussNewtonIn = S;
        objective.hessianContraction(theta, at.gz, secondOrder);
        for (let i = 0; i < p * p; i++) S[i] = gaussNewton[i] + secondOrder[i];
        return;
      }
      default:
        return;
    }
  }

  /**
   * G^H at `at` for Newton's fallback from S = the newton metric built at `at`: the one that build kept when
   * S was the last built, else computed into `scratch`.
   */
  newtonGaussNewton(at: Evaluation, S: Float64Array, scratch: Float64Array): Float64Array {
    if (this.gaussNewtonAt === at && this.gaussNewtonIn === S) return this.gaussNewton;
    this.lossHessianGram(at, scratch);
    return scratch;
  }

  /** G^H = J_zᵀ H_z J_z. */
  lossHessianGram(at: Evaluation, S: Float64Array): void {
    const H = this.objective.lossHessian(at.z);
    if (H.kind === 'diag') gram(at.Jz, this.objective.nZ, this.p, H.d, S);
    else gramDense(at.Jz, this.objective.nZ, this.p, H.H, S);
  }

  /** Whether cond(S_k) is recorded at all. */
  get recordsCondition(): boolean {
    return this.conditionMethod !== 'none';
  }

  /** cond(S_k) of the unregularised S, or NaN when not recorded. */
  condition(S: Float64Array): number {
    const { p } = this;
    switch (this.conditionMethod) {
      case 'exact':
        return conditionNumber(S, p);
      case 'estimate':
        // Gram matrices are positive semi-definite by construction; Newton's Hessian need not be.
        return estimateConditionNumber(S, p, this.kind !== 'newton');
      default:
        return NaN;
    }
  }

  /**
   * cond(S_k) from the eigenvalues of S_k that a pinv solve has just computed (same values as the exact
   * eigendecomposition: no extra cost), or NaN when not recorded.
   */
  conditionFromSpectrum(eigenvalues: Float64Array): number {
    return this.conditionMethod === 'none' ? NaN : conditionFromEigenvalues(eigenvalues, this.p);
  }
}
