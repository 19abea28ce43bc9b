// The metric stage: the matrix S of d = S⁻¹∇L at an evaluated point — nothing (identity), G (gram), G^H
// (loss-hessian) or G^H + Σ_i (g_z)_i ∇²z_i (newton) — and its condition number (docs/ALGORITHMS.md §3, §6).
import { conditionNumber, gram, gramDense } from '../../linalg';
import type { Evaluation, Objective } from '../../problems/objective';
import type { ResolvedOptimizer } from '../../scenario/types';

export type MetricKind = ResolvedOptimizer['preconditioner'];

/** cond(S) costs an eigendecomposition: every iteration up to this p, every COND_STRIDE-th above it. */
const COND_FULL_P = 64;
const COND_STRIDE = 10;

export class MetricStage {
  readonly kind: MetricKind;
  private readonly objective: Objective;
  private readonly p: number;
  private readonly recordCondition: boolean;
  /** Σ a_i ∇²z_i (newton). */
  private readonly secondOrder: Float64Array;

  /** recordCondition: report cond(S_k) (an eigendecomposition); off for lstsq and bare-step benchmarks. */
  constructor(objective: Objective, kind: MetricKind, recordCondition: boolean) {
    this.objective = objective;
    this.kind = kind;
    this.p = objective.p;
    this.recordCondition = recordCondition && kind !== 'identity';
    this.secondOrder = new Float64Array(kind === 'newton' ? this.p * this.p : 0);
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
        this.lossHessianGram(at, S);
        objective.hessianContraction(theta, at.gz, this.secondOrder);
        for (let i = 0; i < p * p; i++) S[i] += this.secondOrder[i];
        return;
      }
      default:
        return;
    }
  }

  /** G^H = J_zᵀ H_z J_z. */
  lossHessianGram(at: Evaluation, S: Float64Array): void {
    const H = this.objective.lossHessian(at.z);
    if (H.kind === 'diag') gram(at.Jz, this.objective.nZ, this.p, H.d, S);
    else gramDense(at.Jz, this.objective.nZ, this.p, H.H, S);
  }

  /** cond(S_k) of the unregularised S at iteration k, or NaN when not recorded at this k. */
  condition(S: Float64Array, k: number): number {
    const { p } = this;
    if (!this.recordCondition || !(p <= COND_FULL_P || k % COND_STRIDE === 0)) return NaN;
    return conditionNumber(S, p);
  }
}
