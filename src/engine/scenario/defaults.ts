// Defaults of optimizer fields (what an omitted field means). Scenarios keep only what was written;
// the engine runs the ResolvedOptimizer, so every default lives here and nowhere else.

import type { OptimizerSpec, Preconditioner, ResolvedOptimizer, Transport } from './types';

export const OPTIMIZER_DEFAULTS = {
  alpha: 0.1,
  adamAlpha: 1e-2,
  lbfgsAlpha: 1,
  beta: 0.9,
  lookahead: 'tangent-k',
  restart: 'none',
  armijo: { initial: 1, shrink: 0.5, c: 1e-4 },
  cholesky: { eps: 1e-6 },
  pinv: { rcond: 1e-10 },
  lstsq: { rcond: 1e-5 },
  beta1: 0.9,
  beta2: 0.999,
  adamEps: 1e-8,
  history: 10,
  lineSearch: 'strong-wolfe',
} as const;

/** Scale of a seeded random start when `init.scale` is omitted. */
export const DEFAULT_INIT_SCALE = 1;

/** Adam and L-BFGS carry their own memory: momentum options do not apply to them. */
export function hasOwnMemory(preconditioner: Preconditioner): boolean {
  return preconditioner === 'adam' || preconditioner === 'lbfgs';
}

/** Projected transports for the natural metrics; classic parameter momentum otherwise. */
export function defaultTransport(preconditioner: Preconditioner): Transport {
  return preconditioner === 'gram' || preconditioner === 'loss-hessian' ? 'projected-difference' : 'parameter';
}

export function defaultAlpha(preconditioner: Preconditioner): number {
  if (preconditioner === 'adam') return OPTIMIZER_DEFAULTS.adamAlpha;
  if (preconditioner === 'lbfgs') return OPTIMIZER_DEFAULTS.lbfgsAlpha;
  return OPTIMIZER_DEFAULTS.alpha;
}

/** Every default filled in. Adam and L-BFGS always resolve to momentum 'none'. */
export function resolveOptimizer(spec: OptimizerSpec): ResolvedOptimizer {
  const d = OPTIMIZER_DEFAULTS;
  const ownMemory = hasOwnMemory(spec.preconditioner);
  const resolved: ResolvedOptimizer = {
    id: spec.id,
    label: spec.label ?? spec.id,
    preconditioner: spec.preconditioner,
    momentum: ownMemory ? 'none' : (spec.momentum ?? 'none'),
    alpha: spec.alpha ?? defaultAlpha(spec.preconditioner),
    beta: spec.beta ?? d.beta,
    transport: spec.transport ?? defaultTransport(spec.preconditioner),
    lookahead: spec.lookahead ?? d.lookahead,
    restart: spec.restart ?? d.restart,
    step: resolveStep(spec.step),
    solver: resolveSolver(spec.solver),
    beta1: spec.beta1 ?? d.beta1,
    beta2: spec.beta2 ?? d.beta2,
    adamEps: spec.adamEps ?? d.adamEps,
    history: spec.history ?? d.history,
    lineSearch: spec.lineSearch ?? d.lineSearch,
  };
  if (spec.color !== undefined) resolved.color = spec.color;
  return resolved;
}

function resolveStep(step: OptimizerSpec['step']): ResolvedOptimizer['step'] {
  if (step === undefined || step.rule === 'fixed') return { rule: 'fixed' };
  const a = OPTIMIZER_DEFAULTS.armijo;
  return { rule: 'armijo', initial: step.initial ?? a.initial, shrink: step.shrink ?? a.shrink, c: step.c ?? a.c };
}

function resolveSolver(solver: OptimizerSpec['solver']): ResolvedOptimizer['solver'] {
  switch (solver?.kind) {
    case undefined:
      return { kind: 'cholesky', eps: OPTIMIZER_DEFAULTS.cholesky.eps };
    case 'cholesky':
      return { kind: 'cholesky', eps: solver.eps ?? OPTIMIZER_DEFAULTS.cholesky.eps };
    case 'pinv':
      return { kind: 'pinv', rcond: solver.rcond ?? OPTIMIZER_DEFAULTS.pinv.rcond };
    case 'lstsq':
      return { kind: 'lstsq', rcond: solver.rcond ?? OPTIMIZER_DEFAULTS.lstsq.rcond };
  }
}
