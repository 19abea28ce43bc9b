// The step-size stage (docs/ALGORITHMS.md §4): `fixed` α, or `armijo` — the largest initial·ρ^j, j = 0..30,
// with sufficient decrease along the plain step d_k = S_k⁻¹∇L(θ_k) from θ_k (for momentum methods too:
// α is chosen on d_k and then applied to the momentum update).
import { dot } from '../../linalg';
import type { Evaluation, Objective } from '../../problems/objective';
import type { ResolvedOptimizer } from '../../scenario/types';
import { ArmijoSearch, type ArmijoConstants } from '../armijo';
import type { SolveStage } from './solve';

const ARMIJO_LAST_TRIAL = 30;

export class StepRuleStage {
  /** Whether the last Armijo search failed (α = initial·ρ^30 was taken). */
  failed = false;
  /** Whether the plain direction of the last Armijo search needed Newton's fallback. */
  newtonFallback = false;
  private readonly options: ResolvedOptimizer;
  private readonly solve: SolveStage;
  private readonly armijo: { search: ArmijoSearch; constants: ArmijoConstants; initial: number } | null;
  /** d_k = S_k⁻¹∇L(θ_k) when the applied direction is another (momentum methods). */
  private readonly plainDirection: Float64Array;

  constructor(objective: Objective, options: ResolvedOptimizer, solve: SolveStage) {
    this.options = options;
    this.solve = solve;
    const step = options.step;
    this.armijo =
      step.rule === 'armijo'
        ? {
            search: new ArmijoSearch(objective),
            constants: {
              shrink: step.shrink,
              c: step.c,
              lastTrial: ARMIJO_LAST_TRIAL,
              failureExponent: ARMIJO_LAST_TRIAL,
            },
            initial: step.initial,
          }
        : null;
    this.plainDirection = new Float64Array(step.rule === 'armijo' && options.momentum !== 'none' ? objective.p : 0);
  }

  /** α at θ_k (evaluated as `at`, metric S_k), given ∇L(θ_k) and the direction d about to be applied. */
  choose(
    at: Evaluation,
    theta: Float64Array,
    S: Float64Array,
    gradient: Float64Array,
    direction: Float64Array,
  ): number {
    this.failed = false;
    this.newtonFallback = false;
    const armijo = this.armijo;
    if (armijo === null) return this.options.alpha;
    let plain = direction;
    if (this.options.momentum !== 'none') {
      this.newtonFallback = this.solve.precondition(at, S, gradient, at.gz, this.plainDirection);
      plain = this.plainDirection;
    }
    const alpha = armijo.search.search(
      theta,
      plain,
      at.loss,
      dot(gradient, plain, gradient.length),
      armijo.initial,
      armijo.constants,
    );
    this.failed = armijo.search.failed;
    return alpha;
  }
}
