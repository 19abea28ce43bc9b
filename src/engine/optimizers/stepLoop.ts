// The one step loop of every optimizer (docs/ALGORITHMS.md §4, §6): evaluate θ_k, stop on a non-finite
// loss or gradient, let the method plan the update, apply θ_{k+1} = θ_k + β m_k − α d_k and report the
// step's diagnostics (α, ‖d‖, cond(S), the cosine between −∇L and the step, flags).
import { matTVec } from '../linalg';
import type { Evaluation, Objective } from '../problems/objective';
import { allFinite } from './stages/finite';
import { divergedReason, type Optimizer, type StepReport, type StepStop } from './types';

/** What a method decides at θ_k; the loop resets it before each step. */
export interface StepPlan {
  alpha: number;
  /** d_k, the direction applied (its norm is reported). */
  direction: Float64Array;
  /** β and m_k of θ_{k+1} = θ_k + β m_k − α d_k; m = null means θ_{k+1} = θ_k − α d_k. */
  beta: number;
  momentum: Float64Array | null;
  cond: number;
  newtonFallback: boolean;
  armijoFailed: boolean;
  restarted: boolean;
}

export abstract class StepLoop implements Optimizer {
  readonly theta: Float64Array;
  protected readonly objective: Objective;
  protected readonly p: number;
  /** The evaluation at θ_k (with Jacobians). */
  protected readonly ev: Evaluation;
  /** ∇L(θ_k) = J_zᵀ g_z. */
  protected readonly gradient: Float64Array;
  /** θ_{k+1} − θ_k of the step just applied. */
  protected readonly delta: Float64Array;
  protected readonly plan: StepPlan;

  protected constructor(objective: Objective, theta0: Float64Array, direction: Float64Array) {
    this.objective = objective;
    this.p = objective.p;
    this.theta = Float64Array.from(theta0);
    this.ev = objective.createEvaluation();
    this.gradient = new Float64Array(objective.p);
    this.delta = new Float64Array(objective.p);
    this.plan = {
      alpha: NaN,
      direction,
      beta: 0,
      momentum: null,
      cond: NaN,
      newtonFallback: false,
      armijoFailed: false,
      restarted: false,
    };
  }

  /** Fill this.plan from this.ev and this.gradient at θ_k; a string stops the run with that reason. */
  protected abstract planStep(k: number): string | null;

  /** The quadrature points just changed (before θ_k is evaluated on them). */
  protected resampled(): void {}

  /** θ is about to move from θ_k (still in this.theta). */
  protected beforeUpdate(): void {}

  /** θ now holds θ_{k+1} and this.delta the step. */
  protected afterUpdate(): void {}

  step(k: number): StepReport | StepStop {
    const { objective, ev, theta, gradient } = this;
    if (objective.resample) {
      objective.resample(k);
      this.resampled();
    }
    objective.evaluate(theta, ev, true);
    if (!Number.isFinite(ev.loss)) return { stop: divergedReason(k, ev.loss), loss: ev.loss };
    matTVec(ev.Jz, objective.nZ, this.p, ev.gz, gradient);
    if (!allFinite(gradient)) return { stop: `gradient is not finite at k = ${k}`, loss: ev.loss };

    const plan = this.plan;
    plan.beta = 0;
    plan.momentum = null;
    plan.cond = NaN;
    plan.newtonFallback = false;
    plan.armijoFailed = false;
    plan.restarted = false;
    const stop = this.planStep(k);
    if (stop !== null) return { stop, loss: ev.loss };

    this.beforeUpdate();
    const report = this.applyPlan();
    this.afterUpdate();
    return report;
  }

  private applyPlan(): StepReport {
    const { theta, gradient, delta, p, plan } = this;
    const { alpha, beta, momentum, direction } = plan;
    let stepNormSq = 0;
    let gradNormSq = 0;
    let descent = 0;
    let dirNormSq = 0;
    for (let j = 0; j < p; j++) {
      const step = momentum === null ? -alpha * direction[j] : beta * momentum[j] - alpha * direction[j];
      delta[j] = step;
      theta[j] += step;
      stepNormSq += step * step;
      gradNormSq += gradient[j] * gradient[j];
      descent -= gradient[j] * step;
      dirNormSq += direction[j] * direction[j];
    }
    const denominator = Math.sqrt(stepNormSq * gradNormSq);
    return {
      loss: this.ev.loss,
      alpha,
      dirNorm: Math.sqrt(dirNormSq),
      cond: plan.cond,
      cosine: denominator > 0 ? descent / denominator : NaN,
      newtonFallback: plan.newtonFallback,
      armijoFailed: plan.armijoFailed,
      restarted: plan.restarted,
    };
  }
}
