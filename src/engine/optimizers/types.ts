// The optimizer interface: one step from θ_k reports iteration k (a StepReport, declared with the
// record fields in ../records.ts) or why the run stops.
import type { StepReport } from '../records';

export type { StepReport } from '../records';

export interface StepStop {
  stop: string; // reason, e.g. "diverged at k = 37: L = Infinity"
  loss: number;
}

/** An optimizer owns θ and advances it: θ_k → θ_{k+1}. */
export interface Optimizer {
  readonly theta: Float64Array;
  /** One iteration from θ_k (k given for messages); on success θ becomes θ_{k+1}. */
  step(k: number): StepReport | StepStop;
}

export function isStop(r: StepReport | StepStop): r is StepStop {
  return (r as StepStop).stop !== undefined;
}

export function divergedReason(k: number, loss: number): string {
  return `diverged at k = ${k}: L = ${Number.isNaN(loss) ? 'NaN' : loss}`;
}
