// The momentum stage (docs/ALGORITHMS.md §4): m_k by option `transport` — `parameter` θ_k − θ_{k−1};
// `projected-momentum` G_k⁻¹ J_kᵀ M_V J_{k−1} p_{k−1}, the previous step as a function projected onto T_k;
// `projected-difference` G_k⁻¹ J_kᵀ M_V (v(θ_k) − v(θ_{k−1})). m = 0 at k = 0, after a restart, and
// without momentum (β = 0).
import { gram, matTVec, matVec } from '../../linalg';
import type { Evaluation, Objective } from '../../problems/objective';
import type { ResolvedOptimizer } from '../../scenario/types';
import { LeastSquaresForm } from './leastSquares';
import { solveSymmetric, type SolverSettings } from './solve';

/** The projections' G-solve with preconditioner identity: plain Cholesky (docs/ALGORITHMS.md §3). */
const IDENTITY_PROJECTION: SolverSettings = { kind: 'cholesky', eps: 0 };

export class MomentumStage {
  /** β of θ_{k+1} = θ_k + β m_k − α d_k (0 without momentum). */
  readonly beta: number;
  /** m_k. */
  readonly m: Float64Array;
  private readonly objective: Objective;
  private readonly options: ResolvedOptimizer;
  private readonly p: number;
  private readonly projected: boolean;
  /** False at k = 0 and after a restart: m_k = 0. */
  private hasPrevious = false;
  private readonly thetaPrev: Float64Array; // θ_{k−1}
  private readonly stepPrev: Float64Array; // p_{k−1} = θ_k − θ_{k−1}
  /** v and J_v at θ_{k−1} (projected transports). */
  private readonly evPrev: Evaluation | null;
  /** h ∈ V, the function projected onto T_k. */
  private readonly h: Float64Array;
  private readonly rhs: Float64Array;
  /** G_k when S is not G (projected transports). */
  private readonly G: Float64Array;
  private readonly leastSquares: LeastSquaresForm | null;

  constructor(objective: Objective, options: ResolvedOptimizer) {
    this.objective = objective;
    this.options = options;
    const p = (this.p = objective.p);
    this.beta = options.momentum === 'none' ? 0 : options.beta;
    this.m = new Float64Array(p);
    this.projected = options.momentum !== 'none' && options.transport !== 'parameter';
    this.thetaPrev = new Float64Array(p);
    this.stepPrev = new Float64Array(p);
    this.evPrev = this.projected ? objective.createEvaluation() : null;
    this.h = new Float64Array(this.projected ? objective.nV : 0);
    this.rhs = new Float64Array(p);
    const lstsq = this.projected && options.preconditioner !== 'identity' && options.solver.kind === 'lstsq';
    this.G = new Float64Array(this.projected && !lstsq && options.preconditioner !== 'gram' ? p * p : 0);
    this.leastSquares = lstsq ? new LeastSquaresForm(objective.nV, p) : null;
  }

  /** The points changed: θ_{k−1}'s function-space quantities must live on the same points as θ_k's. */
  resampled(): void {
    if (this.beta !== 0 && this.hasPrevious && this.evPrev !== null)
      this.objective.evaluate(this.thetaPrev, this.evPrev, true);
  }

  restart(): void {
    this.hasPrevious = false;
  }

  /** m_k at θ_k (evaluated as `at`); S is S_k, reused as G_k when the metric is gram. False when the projection fails. */
  compute(at: Evaluation, theta: Float64Array, S: Float64Array): boolean {
    const { options, p, m } = this;
    if (this.beta === 0) return true; // m stays 0
    if (!this.hasPrevious) {
      m.fill(0);
      return true;
    }
    if (!this.projected) {
      for (let j = 0; j < p; j++) m[j] = theta[j] - this.thetaPrev[j];
      return true;
    }
    const { objective, h } = this;
    const nV = objective.nV;
    const previous = this.evPrev!;
    // h: the previous step as a function (J_{k−1} p_{k−1}) or the difference of iterates v_k − v_{k−1}.
    if (options.transport === 'projected-momentum') {
      matVec(previous.Jv, nV, p, this.stepPrev, h);
    } else {
      for (let i = 0; i < nV; i++) h[i] = at.v[i] - previous.v[i];
    }
    // m = G_k⁻¹ J_kᵀ M_V h, with the optimizer's solver (lstsq: min ‖M_V^{1/2}(J_k m − h)‖).
    if (this.leastSquares !== null) {
      this.leastSquares.scaleRows(at.Jv, objective.metric, h, 'sqrt-times');
      return this.leastSquares.solve(options.solver.kind === 'lstsq' ? options.solver.rcond : 0, m);
    }
    const G = options.preconditioner === 'gram' ? S : this.G;
    if (options.preconditioner !== 'gram') gram(at.Jv, nV, p, objective.metric, G);
    matTVec(at.Jv, nV, p, h, this.rhs, objective.metric);
    return solveSymmetric(
      G,
      p,
      this.rhs,
      options.preconditioner === 'identity' ? IDENTITY_PROJECTION : options.solver,
      m,
    );
  }

  /** θ is about to move from θ_k. */
  beforeUpdate(theta: Float64Array): void {
    if (this.beta === 0) return;
    // Element loops: .set() costs more than the copy on toy-sized vectors.
    const previous = this.thetaPrev;
    for (let j = 0; j < this.p; j++) previous[j] = theta[j];
  }

  /** The step p_k = θ_{k+1} − θ_k was applied from θ_k (evaluated as `at`). */
  afterUpdate(at: Evaluation, step: Float64Array): void {
    this.hasPrevious = true;
    if (this.beta === 0) return;
    const stepPrev = this.stepPrev;
    for (let j = 0; j < this.p; j++) stepPrev[j] = step[j];
    if (this.evPrev !== null) {
      // Keep v_k and J_k for the next projection.
      this.evPrev.v.set(at.v);
      this.evPrev.Jv.set(at.Jv);
    }
  }
}
