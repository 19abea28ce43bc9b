// What one optimizer step reports about iteration k (the run turns it into an IterationRecord).

export interface StepReport {
  /** L(θ_k). */
  loss: number;
  alpha: number;
  dirNorm: number;
  cond: number;
  cosine: number;
  newtonFallback: boolean;
  armijoFailed: boolean;
  restarted: boolean;
}

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
