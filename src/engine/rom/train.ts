// The one place where the reduced-order model drives the engine's optimizers (createOptimizer): offline
// training of the decoder and the online fits both go through runOptimizer.
//
// Training uses a scalar objective: the loss vector is the training loss itself (nZ = 1, 𝓛(z) = z,
// g_z = 1, J_z = ∇_w loss), which is all Adam and L-BFGS read (∇L = J_zᵀ g_z). No Jacobian of the
// network's outputs over the samples is ever formed.

import { createOptimizer, isStop } from '../optimizers';
import type { ErrorValue, Evaluation, LossHessian, Objective } from '../problems/objective';
import { resolveOptimizer } from '../scenario/defaults';
import type { OptimizerSpec } from '../scenario/types';

/** When an online fit counts as converged: the relative change of θ in one step. */
export interface StopRule {
  iterations: number;
  /** Stop after the first step with ‖θ_{k+1} − θ_k‖ ≤ stepTolerance·(1 + ‖θ_k‖); 0: never. */
  stepTolerance: number;
}

export interface OptimizerRun {
  theta: Float64Array;
  /** Steps taken until the stop rule held (or the budget ran out). */
  iterations: number;
  converged: boolean;
  /** L(θ_k) for k = 0..iterations−1 as reported by the steps. */
  losses: number[];
  stopReason?: string;
}

/**
 * Run `spec` on `objective` from θ₀ until the stop rule holds; `onStep(k, loss)` after every step (progress
 * bars). A failed step (non-finite loss or direction) ends the run with its reason, keeping the last θ.
 */
export function runOptimizer(
  objective: Objective,
  spec: OptimizerSpec,
  theta0: Float64Array,
  stop: StopRule,
  onStep?: (k: number, loss: number) => void,
): OptimizerRun {
  const optimizer = createOptimizer(objective, resolveOptimizer(spec), theta0);
  const previous = Float64Array.from(theta0);
  const losses: number[] = [];
  for (let k = 0; k < stop.iterations; k++) {
    previous.set(optimizer.theta);
    const report = optimizer.step(k);
    if (isStop(report)) {
      return { theta: previous, iterations: k, converged: false, losses, stopReason: report.stop };
    }
    losses.push(report.loss);
    onStep?.(k, report.loss);
    if (stop.stepTolerance > 0 && stepIsSmall(previous, optimizer.theta, stop.stepTolerance)) {
      return { theta: Float64Array.from(optimizer.theta), iterations: k + 1, converged: true, losses };
    }
  }
  return { theta: Float64Array.from(optimizer.theta), iterations: stop.iterations, converged: false, losses };
}

function stepIsSmall(before: Float64Array, after: Float64Array, tolerance: number): boolean {
  let step = 0;
  let size = 0;
  for (let j = 0; j < before.length; j++) {
    const d = after[j] - before[j];
    step += d * d;
    size += before[j] * before[j];
  }
  return Math.sqrt(step) <= tolerance * (1 + Math.sqrt(size));
}

/** A loss of p weights with its gradient, as an Objective with a one-entry loss vector. */
export class ScalarObjective implements Objective {
  readonly nV = 1;
  readonly nZ = 1;
  readonly metric = null;
  readonly zIsV = true;
  readonly exactHessianTerm = false;
  private readonly zeroHessian: LossHessian = { kind: 'diag', d: new Float64Array(1) };

  constructor(
    readonly p: number,
    /** loss(w), filling gradient when it is given. */
    private readonly lossAndGradient: (w: Float64Array, gradient: Float64Array | null) => number,
  ) {}

  createEvaluation(): Evaluation {
    const v = new Float64Array(1);
    const Jv = new Float64Array(this.p);
    return { v, Jv, z: v, Jz: Jv, gz: Float64Array.of(1), loss: NaN };
  }

  evaluate(theta: Float64Array, ev: Evaluation, jacobian: boolean): void {
    const loss = this.lossAndGradient(theta, jacobian ? ev.Jz : null);
    ev.v[0] = loss;
    ev.gz[0] = 1;
    ev.loss = loss;
  }

  loss(theta: Float64Array): number {
    return this.lossAndGradient(theta, null);
  }

  /** Not a metric: only Adam and L-BFGS (which never read it) are meant to run on this objective. */
  lossHessian(): LossHessian {
    return this.zeroHessian;
  }

  hessianContraction(): void {
    throw new Error('ScalarObjective: no second-order terms (train with adam or lbfgs)');
  }

  error(): ErrorValue | null {
    return null;
  }
}
