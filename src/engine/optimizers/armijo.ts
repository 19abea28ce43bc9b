// The backtracking Armijo search of docs/ALGORITHMS.md §4, shared by the staged optimizers' `armijo`
// step rule and L-BFGS's `armijo` line search. Each caller keeps its own constants (records depend on
// them), so the search is parametrised by them.
import * as libm from '../math';
import type { Objective } from '../problems/objective';

export interface ArmijoConstants {
  /** ρ: trial j is α = initial·ρ^j. */
  shrink: number;
  /** Sufficient decrease: L(θ − α d) ≤ L(θ) − c α ∇Lᵀd. */
  c: number;
  /** Trials j = 0..lastTrial. */
  lastTrial: number;
  /** When no trial passes, α = initial·ρ^failureExponent. */
  failureExponent: number;
}

export class ArmijoSearch {
  /** Whether the last search found no acceptable step. */
  failed = false;
  private readonly objective: Objective;
  private readonly trial: Float64Array;

  constructor(objective: Objective) {
    this.objective = objective;
    this.trial = new Float64Array(objective.p);
  }

  /** The largest passing α along −d from θ, where slope = ∇L(θ)ᵀd and loss = L(θ). */
  search(
    theta: Float64Array,
    d: Float64Array,
    loss: number,
    slope: number,
    initial: number,
    constants: ArmijoConstants,
  ): number {
    const { trial, objective } = this;
    const p = trial.length;
    for (let j = 0; j <= constants.lastTrial; j++) {
      const alpha = initial * libm.pow(constants.shrink, j);
      for (let i = 0; i < p; i++) trial[i] = theta[i] - alpha * d[i];
      if (objective.loss(trial) <= loss - constants.c * alpha * slope) {
        this.failed = false;
        return alpha;
      }
    }
    this.failed = true;
    return initial * libm.pow(constants.shrink, constants.failureExponent);
  }
}
