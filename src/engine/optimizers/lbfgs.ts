// L-BFGS (Nocedal & Wright, Alg. 7.4–7.5) with a strong Wolfe (./strongWolfe.ts) or the shared Armijo
// line search (docs/ALGORITHMS.md §4, baselines).
import { dot } from '../linalg';
import type { Objective } from '../problems/objective';
import type { ResolvedOptimizer } from '../scenario/types';
import { ArmijoSearch, type ArmijoConstants } from './armijo';
import { StepLoop } from './stepLoop';
import { StrongWolfeSearch } from './strongWolfe';

/** L-BFGS's Armijo: halving from the initial step, 25 trials; on failure one more halving is taken. */
const LBFGS_ARMIJO: ArmijoConstants = { shrink: 0.5, c: 1e-4, lastTrial: 24, failureExponent: 25 };

export class LbfgsOptimizer extends StepLoop {
  private readonly options: ResolvedOptimizer;
  private readonly previousTheta: Float64Array;
  private readonly previousGradient: Float64Array;
  private readonly direction: Float64Array;
  private readonly alphas: Float64Array;
  // Ring buffer of the last `history` curvature pairs.
  private readonly sHistory: Float64Array[];
  private readonly yHistory: Float64Array[];
  private readonly rho: Float64Array;
  private stored = 0;
  private newest = -1;
  private hasPrevious = false;
  private readonly wolfe: StrongWolfeSearch | null;
  private readonly armijo: ArmijoSearch | null;

  constructor(objective: Objective, options: ResolvedOptimizer, theta0: Float64Array) {
    const p = objective.p;
    const direction = new Float64Array(p);
    super(objective, theta0, direction);
    this.direction = direction;
    this.options = options;
    this.previousTheta = new Float64Array(p);
    this.previousGradient = new Float64Array(p);
    const m = Math.max(1, options.history);
    this.alphas = new Float64Array(m);
    this.sHistory = Array.from({ length: m }, () => new Float64Array(p));
    this.yHistory = Array.from({ length: m }, () => new Float64Array(p));
    this.rho = new Float64Array(m);
    const strongWolfe = options.lineSearch === 'strong-wolfe';
    this.wolfe = strongWolfe ? new StrongWolfeSearch(objective) : null;
    this.armijo = strongWolfe ? null : new ArmijoSearch(objective);
  }

  protected override planStep(): string | null {
    const { ev, theta, gradient, direction, plan } = this;
    if (this.hasPrevious) this.storePair();
    this.twoLoop();
    let slope = dot(gradient, direction); // φ′(0) = −slope along −d
    if (!(slope > 0)) {
      // Not a descent direction (lost curvature information): restart from the gradient.
      this.stored = 0;
      direction.set(gradient);
      slope = dot(gradient, gradient);
    }
    const initial = this.stored > 0 ? this.options.alpha : Math.min(this.options.alpha, 1 / Math.sqrt(slope));
    if (this.wolfe !== null) {
      plan.alpha = this.wolfe.search(theta, direction, ev.loss, slope, initial);
      plan.armijoFailed = this.wolfe.failed;
    } else {
      plan.alpha = this.armijo!.search(theta, direction, ev.loss, slope, initial, LBFGS_ARMIJO);
      plan.armijoFailed = this.armijo!.failed;
    }
    return null;
  }

  protected override beforeUpdate(): void {
    this.previousTheta.set(this.theta);
    this.previousGradient.set(this.gradient);
    this.hasPrevious = true;
  }

  private storePair(): void {
    const slot = (this.newest + 1) % this.sHistory.length;
    const s = this.sHistory[slot];
    const y = this.yHistory[slot];
    for (let j = 0; j < this.p; j++) {
      s[j] = this.theta[j] - this.previousTheta[j];
      y[j] = this.gradient[j] - this.previousGradient[j];
    }
    const sy = dot(s, y);
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return; // skip pairs without positive curvature
    this.rho[slot] = 1 / sy;
    this.newest = slot;
    this.stored = Math.min(this.stored + 1, this.sHistory.length);
  }

  /** direction ← H_k ∇L (two-loop recursion with the initial scaling γ = sᵀy / yᵀy). */
  private twoLoop(): void {
    const { direction, sHistory, yHistory, rho, alphas, stored } = this;
    const size = sHistory.length;
    direction.set(this.gradient);
    for (let n = 0; n < stored; n++) {
      const i = (this.newest - n + size) % size;
      alphas[i] = rho[i] * dot(sHistory[i], direction);
      axpy(-alphas[i], yHistory[i], direction);
    }
    if (stored > 0) {
      const y = yHistory[this.newest];
      const gamma = 1 / (rho[this.newest] * dot(y, y));
      for (let j = 0; j < direction.length; j++) direction[j] *= gamma;
    }
    for (let n = stored - 1; n >= 0; n--) {
      const i = (this.newest - n + size) % size;
      const b = rho[i] * dot(yHistory[i], direction);
      axpy(alphas[i] - b, sHistory[i], direction);
    }
  }
}

function axpy(scale: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += scale * x[i];
}
