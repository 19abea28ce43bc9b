// The restart stage (docs/ALGORITHMS.md §4): with `function`, the momentum is reset when
// L(θ_k) > L(θ_{k−1}) — the adaptive restart of O'Donoghue and Candès. θ_k itself is kept.
import type { Restart } from '../../scenario/types';

export class RestartStage {
  private readonly rule: Restart;
  /** L(θ_{k−1}); NaN before the first step, so k = 0 never restarts. */
  private previousLoss = NaN;

  constructor(rule: Restart) {
    this.rule = rule;
  }

  /** Whether the momentum restarts at θ_k. */
  check(loss: number): boolean {
    return this.rule === 'function' && loss > this.previousLoss;
  }

  /** The step from θ_k was taken. */
  commit(loss: number): void {
    this.previousLoss = loss;
  }
}
