// Adam (Kingma & Ba 2015) with bias correction, on the same loss — the practitioners' baseline.
import * as libm from '../math';
import { matTVec } from '../linalg';
import type { Objective } from '../problems/objective';
import type { ResolvedOptimizer } from '../scenario/types';
import { divergedReason, type Optimizer, type StepReport, type StepStop } from './types';

export class AdamOptimizer implements Optimizer {
  readonly theta: Float64Array;
  private readonly objective: Objective;
  private readonly options: ResolvedOptimizer;
  private readonly ev;
  private readonly gradient: Float64Array;
  private readonly firstMoment: Float64Array;
  private readonly secondMoment: Float64Array;

  constructor(objective: Objective, options: ResolvedOptimizer, theta0: Float64Array) {
    this.objective = objective;
    this.options = options;
    this.theta = Float64Array.from(theta0);
    this.ev = objective.createEvaluation();
    this.gradient = new Float64Array(objective.p);
    this.firstMoment = new Float64Array(objective.p);
    this.secondMoment = new Float64Array(objective.p);
  }

  step(k: number): StepReport | StepStop {
    const { objective, options, ev, theta, gradient, firstMoment, secondMoment } = this;
    objective.resample?.(k);
    objective.evaluate(theta, ev, true);
    if (!Number.isFinite(ev.loss)) return { stop: divergedReason(k, ev.loss), loss: ev.loss };
    matTVec(ev.Jz, objective.nZ, objective.p, ev.gz, gradient);

    const { alpha, beta1, beta2, adamEps } = options;
    const t = k + 1;
    const correction1 = 1 - libm.pow(beta1, t);
    const correction2 = 1 - libm.pow(beta2, t);
    let dirNormSq = 0;
    let stepNormSq = 0;
    let gradNormSq = 0;
    let descent = 0;
    for (let j = 0; j < theta.length; j++) {
      const g = gradient[j];
      firstMoment[j] = beta1 * firstMoment[j] + (1 - beta1) * g;
      secondMoment[j] = beta2 * secondMoment[j] + (1 - beta2) * g * g;
      const direction = firstMoment[j] / correction1 / (Math.sqrt(secondMoment[j] / correction2) + adamEps);
      const delta = -alpha * direction;
      theta[j] += delta;
      dirNormSq += direction * direction;
      stepNormSq += delta * delta;
      gradNormSq += g * g;
      descent -= g * delta;
    }
    const denominator = Math.sqrt(stepNormSq * gradNormSq);
    return {
      loss: ev.loss,
      alpha,
      dirNorm: Math.sqrt(dirNormSq),
      cond: NaN,
      cosine: denominator > 0 ? descent / denominator : NaN,
      newtonFallback: false,
      armijoFailed: false,
      restarted: false,
    };
  }
}
