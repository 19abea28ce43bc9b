// The look-ahead stage of Nesterov (docs/ALGORITHMS.md §4): d(y_k) at y_k = θ_k + β m_k, by option
// `lookahead` — `tangent-k` S_k⁻¹ J_kᵀ g(v(y_k)), the functional gradient at y_k projected onto T_k with
// the metric at θ_k; `tangent-y` S(y_k)⁻¹ ∇L(y_k), a full natural step from y_k. With preconditioner
// identity it is always the classic ∇L(y_k).
import { matTVec } from '../../linalg';
import type { Evaluation, Objective } from '../../problems/objective';
import type { Lookahead } from '../../scenario/types';
import type { MetricStage } from './metric';
import type { SolveStage } from './solve';

export class LookaheadStage {
  private readonly objective: Objective;
  private readonly rule: Lookahead;
  private readonly metric: MetricStage;
  private readonly solve: SolveStage;
  private readonly p: number;
  private readonly y: Float64Array;
  private readonly evLook: Evaluation;
  private readonly rhs: Float64Array;
  /** S(y_k) (tangent-y). */
  private readonly Sy: Float64Array;

  constructor(objective: Objective, rule: Lookahead, metric: MetricStage, solve: SolveStage) {
    this.objective = objective;
    this.rule = rule;
    this.metric = metric;
    this.solve = solve;
    const p = (this.p = objective.p);
    this.y = new Float64Array(p);
    this.evLook = objective.createEvaluation();
    this.rhs = new Float64Array(p);
    this.Sy = rule === 'tangent-y' ? metric.allocate() : new Float64Array(0);
  }

  /**
   * d(y_k) into out, from θ_k (evaluated as `at`, metric S_k) and β m_k. Returns whether Newton fell
   * back to G^H, or null when the loss at y_k is not finite.
   */
  direction(
    at: Evaluation,
    theta: Float64Array,
    beta: number,
    m: Float64Array,
    S: Float64Array,
    out: Float64Array,
  ): boolean | null {
    const { objective, evLook, p, y, rhs } = this;
    for (let j = 0; j < p; j++) y[j] = theta[j] + beta * m[j];
    const nZ = objective.nZ;
    if (this.metric.kind === 'identity') {
      objective.evaluate(y, evLook, true);
      if (!Number.isFinite(evLook.loss)) return null;
      matTVec(evLook.Jz, nZ, p, evLook.gz, out);
      return false;
    }
    if (this.rule === 'tangent-k') {
      objective.evaluate(y, evLook, false);
      if (!Number.isFinite(evLook.loss)) return null;
      matTVec(at.Jz, nZ, p, evLook.gz, rhs);
      return this.solve.precondition(at, S, rhs, evLook.gz, out);
    }
    objective.evaluate(y, evLook, true);
    if (!Number.isFinite(evLook.loss)) return null;
    matTVec(evLook.Jz, nZ, p, evLook.gz, rhs);
    this.metric.build(evLook, y, this.Sy);
    return this.solve.precondition(evLook, this.Sy, rhs, evLook.gz, out);
  }
}
