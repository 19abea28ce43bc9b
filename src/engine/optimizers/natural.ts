// The preconditioned methods of docs/ALGORITHMS.md §3–4 — gradient descent, NGD, NHGD (energy natural
// gradient for PDE losses), Newton, each plain, heavy-ball or Nesterov — as a chain of stages composed
// from the resolved options: restart → metric S_k → momentum m_k → direction (solve, or Nesterov's
// look-ahead) → step size. Each stage owns its workspace, allocated once.
import type { Objective } from '../problems/objective';
import type { ConditionMode, ResolvedOptimizer } from '../scenario/types';
import { allFinite } from './stages/finite';
import { LookaheadStage } from './stages/lookahead';
import { MetricStage } from './stages/metric';
import { MomentumStage } from './stages/momentum';
import { RestartStage } from './stages/restart';
import { SolveStage } from './stages/solve';
import { StepRuleStage } from './stages/stepRule';
import { StepLoop } from './stepLoop';

export interface OptimizerSettings {
  /** Record cond(S_k) (an eigendecomposition); benchmarks of the bare step turn it off. */
  conditionNumbers?: boolean;
  /** run.condition: how cond(S_k) is recorded (default 'auto'). */
  condition?: ConditionMode;
}

export class StagedOptimizer extends StepLoop {
  private readonly restart: RestartStage;
  private readonly metric: MetricStage;
  private readonly solve: SolveStage;
  private readonly momentum: MomentumStage;
  /** Nesterov only. */
  private readonly lookahead: LookaheadStage | null;
  private readonly stepRule: StepRuleStage;
  /** S_k. */
  private readonly S: Float64Array;
  private readonly direction: Float64Array;

  constructor(
    objective: Objective,
    options: ResolvedOptimizer,
    theta0: Float64Array,
    settings: OptimizerSettings = {},
  ) {
    const direction = new Float64Array(objective.p);
    super(objective, theta0, direction);
    this.direction = direction;
    const lstsq = options.solver.kind === 'lstsq' && options.preconditioner !== 'newton';
    const condition = (settings.conditionNumbers ?? true) && !lstsq ? (settings.condition ?? 'auto') : 'off';
    this.metric = new MetricStage(objective, options.preconditioner, condition);
    this.solve = new SolveStage(objective, this.metric, options.solver);
    this.restart = new RestartStage(options.restart);
    this.momentum = new MomentumStage(objective, options);
    this.lookahead =
      options.momentum === 'nesterov'
        ? new LookaheadStage(objective, options.lookahead, this.metric, this.solve)
        : null;
    this.stepRule = new StepRuleStage(objective, options, this.solve);
    this.S = this.metric.allocate();
  }

  protected override resampled(): void {
    this.momentum.resampled();
  }

  protected override planStep(k: number): string | null {
    const { ev, theta, gradient, plan, metric, momentum, S, direction } = this;
    if (this.restart.check(ev.loss)) {
      momentum.restart();
      plan.restarted = true;
    }
    if (metric.kind !== 'identity') metric.build(ev, theta, S);
    if (!momentum.compute(ev, theta, S)) return `momentum projection failed at k = ${k}`;

    let newtonFallback: boolean | null;
    if (this.lookahead !== null) {
      newtonFallback = this.lookahead.direction(ev, theta, momentum.beta, momentum.m, S, direction);
      if (newtonFallback === null) return `look-ahead diverged at k = ${k}`;
    } else {
      newtonFallback = this.solve.precondition(ev, S, gradient, ev.gz, direction);
    }
    if (metric.kind !== 'identity') {
      // With pinv (no look-ahead) the solve has just decomposed S_k itself: its eigenvalues give cond.
      const { eigenvalues } = this.solve;
      plan.cond =
        eigenvalues !== null && this.lookahead === null && !newtonFallback
          ? metric.conditionFromSpectrum(eigenvalues)
          : metric.condition(S);
    }
    if (!allFinite(direction)) return `solve failed at k = ${k}: direction is not finite`;

    plan.alpha = this.stepRule.choose(ev, theta, S, gradient, direction);
    plan.armijoFailed = this.stepRule.failed;
    plan.newtonFallback = newtonFallback || this.stepRule.newtonFallback;
    plan.beta = momentum.beta;
    plan.momentum = momentum.m;
    return null;
  }

  protected override beforeUpdate(): void {
    this.momentum.beforeUpdate(this.theta);
  }

  protected override afterUpdate(): void {
    this.momentum.afterUpdate(this.ev, this.delta);
    this.restart.commit(this.ev.loss);
  }
}
