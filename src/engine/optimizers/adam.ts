// Adam (Kingma & Ba 2015, Algorithm 1) with bias correction, on the same loss — the practitioners'
// baseline (docs/ALGORITHMS.md §4): θ_{k+1} = θ_k − α m̂/(√v̂ + ε), t = k + 1.
import * as libm from '../math';
import type { Objective } from '../problems/objective';
import type { ResolvedOptimizer } from '../scenario/types';
import { StepLoop } from './stepLoop';

export class AdamOptimizer extends StepLoop {
  private readonly options: ResolvedOptimizer;
  private readonly firstMoment: Float64Array;
  private readonly secondMoment: Float64Array;
  private readonly direction: Float64Array;

  constructor(objective: Objective, options: ResolvedOptimizer, theta0: Float64Array) {
    const direction = new Float64Array(objective.p);
    super(objective, theta0, direction);
    this.direction = direction;
    this.options = options;
    this.firstMoment = new Float64Array(objective.p);
    this.secondMoment = new Float64Array(objective.p);
  }

  protected override planStep(k: number): string | null {
    const { gradient, firstMoment, secondMoment, direction, p } = this;
    const { alpha, beta1, beta2, adamEps } = this.options;
    const t = k + 1;
    const correction1 = 1 - libm.pow(beta1, t);
    const correction2 = 1 - libm.pow(beta2, t);
    for (let j = 0; j < p; j++) {
      const g = gradient[j];
      firstMoment[j] = beta1 * firstMoment[j] + (1 - beta1) * g;
      secondMoment[j] = beta2 * secondMoment[j] + (1 - beta2) * g * g;
      direction[j] = firstMoment[j] / correction1 / (Math.sqrt(secondMoment[j] / correction2) + adamEps);
    }
    this.plan.alpha = alpha;
    return null;
  }
}
