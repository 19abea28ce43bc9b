// The optimizer's fields (docs/SCENARIO.md "optimizers", docs/ALGORITHMS.md §3–4), in the order of the
// normalised spec (links depend on it). `applies` reads the resolved optimizer; computed defaults read
// the spec as written. TeX fragments are assembled into the update rule by updateRule.ts.

import {
  LINE_SEARCHES,
  LOOKAHEADS,
  MOMENTA,
  PRECONDITIONERS,
  RESTARTS,
  SOLVER_KINDS,
  STEP_RULES,
  TRANSPORTS,
  type OptimizerSpec,
  type Preconditioner,
  type ResolvedOptimizer,
  type Transport,
} from '../types';
import { MAX_COLOR_LENGTH, MAX_ID_LENGTH, MAX_LABEL_LENGTH, MAX_LBFGS_HISTORY } from '../limits';
import { describe } from '../fields';
import type { EnumSpec, FieldSpec, NumberSpec, ScalarSpec, VariantSpec } from './spec';

type Optimizer = ResolvedOptimizer;
type Written = OptimizerSpec;
export type OptimizerField = FieldSpec<Optimizer, Written>;
type OptimizerNumber = NumberSpec<Optimizer, Written>;

/** Adam and L-BFGS carry their own memory: momentum options do not apply to them. */
export function hasOwnMemory(preconditioner: Preconditioner): boolean {
  return preconditioner === 'adam' || preconditioner === 'lbfgs';
}

/** A metric other than the identity, solved by a linear solver. */
function solvesMetric(o: Optimizer): boolean {
  return o.preconditioner === 'gram' || o.preconditioner === 'loss-hessian' || o.preconditioner === 'newton';
}

const withMomentum = (o: Optimizer): boolean => o.momentum !== 'none';
const isAdam = (o: Optimizer): boolean => o.preconditioner === 'adam';
const isLbfgs = (o: Optimizer): boolean => o.preconditioner === 'lbfgs';

/** Projected transports for the natural metrics; classic parameter momentum otherwise. */
export function defaultTransport(preconditioner: Preconditioner): Transport {
  return preconditioner === 'gram' || preconditioner === 'loss-hessian' ? 'projected-difference' : 'parameter';
}

export function defaultAlpha(preconditioner: Preconditioner): number {
  if (preconditioner === 'adam') return 1e-2;
  if (preconditioner === 'lbfgs') return 1;
  return 0.1;
}

const UNIT_OPEN = { lo: 0, hi: 1, hiOpen: true } as const;

const id: ScalarSpec<Optimizer, Written> = {
  type: 'string',
  key: 'id',
  label: 'Id',
  help: 'Names the optimizer in links, exports and sweep paths (optimizers.<id>.alpha).',
  required: true,
  nonEmpty: true,
  maxLength: MAX_ID_LENGTH,
  check: (value) =>
    value.includes('#') ? `must not contain '#' (ensemble tracks are keyed 'id#seed'), got ${describe(value)}` : null,
};

const preconditioner: EnumSpec<Optimizer, Written, Preconditioner> = {
  type: 'enum',
  key: 'preconditioner',
  label: 'Preconditioner',
  required: true,
  help: 'The metric S of the step S⁻¹∇L: none (gradient), the Gram matrix (NGD), the loss Hessian (NHGD), the Hessian (Newton), or Adam / L-BFGS.',
  values: PRECONDITIONERS,
  valueLabels: {
    identity: 'identity (gradient)',
    gram: 'Gram G (NGD)',
    'loss-hessian': 'loss Hessian Gᴴ (NHGD)',
    newton: 'Newton H',
    adam: 'Adam',
    lbfgs: 'L-BFGS',
  },
  tex: {
    identity: { symbol: '' },
    gram: { symbol: 'G_{@}' },
    'loss-hessian': { symbol: 'G^{H}_{@}' },
    newton: { symbol: 'H_{@}' },
    adam: {
      rule:
        'g_k &= \\nabla L(\\theta_k),\\\\ m_k &= {beta1} m_{k-1} + (1-{beta1})\\, g_k,\\\\ v_k &= {beta2} v_{k-1} + (1-{beta2})\\, g_k^{2},\\\\ ' +
        '\\theta_{k+1} &= \\theta_k - {step}\\, \\frac{\\hat m_k}{\\sqrt{\\hat v_k} + {adamEps}}',
    },
    lbfgs: {
      rule: '\\theta_{k+1} &= \\theta_k - \\alpha_k\\, B_k^{-1} \\nabla L(\\theta_k),\\\\ B_k &: \\text{from the last } {=history} \\text{ steps}',
    },
  },
};

const momentum: EnumSpec<Optimizer, Written, ResolvedOptimizer['momentum']> = {
  type: 'enum',
  key: 'momentum',
  label: 'Momentum',
  applies: (o) => !hasOwnMemory(o.preconditioner),
  help: 'Adds β times the transported last step m_k: heavy-ball before the gradient, Nesterov at the look-ahead point y_k.',
  values: MOMENTA,
  valueLabels: { nesterov: 'Nesterov' },
  default: 'none',
  inapplicableValue: 'none',
  tex: {
    none: { rule: '\\theta_{k+1} &= \\theta_k - {step}\\, {direction}' },
    'heavy-ball': { rule: '\\theta_{k+1} &= \\theta_k + {beta} m_k - {step}\\, {direction}' },
    nesterov: { rule: 'y_k &= \\theta_k + {beta} m_k,\\\\ \\theta_{k+1} &= y_k - {step}\\, {direction}' },
  },
};

const alpha: OptimizerNumber = {
  type: 'number',
  key: 'alpha',
  label: 'step α',
  applies: (o) => hasOwnMemory(o.preconditioner) || o.step.rule === 'fixed',
  help: 'The step size α (Armijo backtracking starts from its own initial α instead).',
  rule: { lo: 0, loOpen: true },
  default: (o) => defaultAlpha(o.preconditioner),
  sweep: { scale: 'log', from: 1e-3, to: 1 },
  tex: { symbol: '\\alpha' },
};

const beta: OptimizerNumber = {
  type: 'number',
  key: 'beta',
  label: 'momentum β',
  applies: withMomentum,
  help: 'The weight β ∈ [0, 1) of the transported last step.',
  rule: UNIT_OPEN,
  default: 0.9,
  sweep: { scale: 'linear', from: 0, to: 0.99 },
  tex: { symbol: '\\beta' },
};

const transport: EnumSpec<Optimizer, Written, Transport> = {
  type: 'enum',
  key: 'transport',
  label: 'Transport',
  applies: withMomentum,
  help: 'How the last step is carried to θ_k: as the parameter difference, or projected on the tangent space (momentum or difference of v).',
  values: TRANSPORTS,
  default: (o) => defaultTransport(o.preconditioner),
  tex: {
    parameter: { rule: 'm_k &= \\theta_k - \\theta_{k-1}' },
    'projected-momentum': { rule: 'm_k &= G_k^{-1} J_k^{\\top} M_V J_{k-1}\\, p_{k-1}' },
    'projected-difference': { rule: 'm_k &= G_k^{-1} J_k^{\\top} M_V \\big(v(\\theta_k) - v(\\theta_{k-1})\\big)' },
  },
};

const lookahead: EnumSpec<Optimizer, Written, ResolvedOptimizer['lookahead']> = {
  type: 'enum',
  key: 'lookahead',
  label: 'Look-ahead',
  applies: (o) => o.momentum === 'nesterov' && o.preconditioner !== 'identity' && !hasOwnMemory(o.preconditioner),
  help: 'Where natural Nesterov evaluates its metric: at θ_k with the gradient at y_k (tangent-k), or all at y_k (tangent-y).',
  values: LOOKAHEADS,
  default: 'tangent-k',
  tex: {
    'tangent-k': { rule: "{solve:k}J_k^{\\top} \\mathcal{L}'\\big(v(y_k)\\big)" },
    'tangent-y': { rule: '{solve:y_k}\\nabla L(y_k)' },
  },
};

const restart: EnumSpec<Optimizer, Written, ResolvedOptimizer['restart']> = {
  type: 'enum',
  key: 'restart',
  label: 'Restart',
  applies: withMomentum,
  help: 'Drop the momentum (m = 0) whenever the loss rises.',
  values: RESTARTS,
  valueLabels: { function: 'when L rises' },
  default: 'none',
  tex: { function: { note: 'm_{k+1} = 0 \\text{ if } L \\text{ increases}' } },
};

const step: VariantSpec<Optimizer, Written> = {
  type: 'variant',
  key: 'step',
  label: 'Step rule',
  applies: (o) => !hasOwnMemory(o.preconditioner),
  help: 'A fixed step α, or Armijo backtracking from an initial α until the loss falls enough.',
  tag: {
    type: 'enum',
    key: 'rule',
    label: 'Step rule',
    help: 'A fixed step α, or Armijo backtracking.',
    required: true,
    values: STEP_RULES,
    valueLabels: { fixed: 'fixed α', armijo: 'Armijo backtracking' },
    default: 'fixed',
    tex: {
      fixed: { symbol: '{alpha}' },
      armijo: { symbol: '\\alpha_k', note: '\\alpha_k \\text{ by Armijo backtracking}' },
    },
  },
  variants: {
    fixed: [],
    armijo: [
      {
        type: 'number',
        key: 'initial',
        label: 'initial α',
        help: 'The first step tried at every iteration.',
        rule: { lo: 0, loOpen: true },
        default: 1,
        sweep: { scale: 'log', from: 0.1, to: 10 },
      },
      {
        type: 'number',
        key: 'shrink',
        label: 'shrink ρ',
        help: 'The factor ρ ∈ (0, 1) a rejected step is multiplied by.',
        rule: { lo: 0, hi: 1, loOpen: true, hiOpen: true },
        default: 0.5,
        sweep: { scale: 'linear', from: 0.1, to: 0.9 },
      },
      {
        type: 'number',
        key: 'c',
        label: 'Armijo c',
        help: 'The fraction c ∈ (0, 1) of the predicted decrease a step must achieve.',
        rule: { lo: 0, hi: 1, loOpen: true, hiOpen: true },
        default: 1e-4,
        sweep: { scale: 'log', from: 1e-5, to: 0.5 },
      },
    ],
  },
};

const rcond = (fallback: number): OptimizerNumber => ({
  type: 'number',
  key: 'rcond',
  label: 'rcond',
  help: 'Singular values below rcond × the largest are dropped.',
  rule: UNIT_OPEN,
  default: fallback,
  sweep: { scale: 'log', from: 1e-14, to: 1e-2 },
});

const solver: VariantSpec<Optimizer, Written> = {
  type: 'variant',
  key: 'solver',
  label: 'Solver',
  applies: solvesMetric,
  help: 'How S⁻¹∇L is solved: Cholesky of S + εI, a pseudo-inverse from the eigendecomposition, or least squares by QR.',
  tag: {
    type: 'enum',
    key: 'kind',
    label: 'Solver',
    help: 'How S⁻¹∇L is solved.',
    required: true,
    values: SOLVER_KINDS,
    default: 'cholesky',
    valueLabels: { cholesky: 'Cholesky + Tikhonov ε', pinv: 'pseudo-inverse (eigen)', lstsq: 'least squares (QR)' },
    tex: { cholesky: { rule: '(S + {solver.eps} I)^{-1}' }, pinv: { rule: '{S}^{+}' }, lstsq: { rule: '{S}^{+}' } },
  },
  variants: {
    cholesky: [
      {
        type: 'number',
        key: 'eps',
        label: 'Tikhonov ε',
        help: 'The shift ε of S + εI that keeps the Cholesky factorisation definite.',
        rule: { lo: 0 },
        default: 1e-6,
        sweep: { scale: 'log', from: 1e-12, to: 1e-2 },
        tex: { symbol: '\\sigma' },
      },
    ],
    pinv: [rcond(1e-10)],
    lstsq: [rcond(1e-5)],
  },
};

const adamNumber = (
  key: string,
  label: string,
  help: string,
  spec: Pick<OptimizerNumber, 'rule' | 'default' | 'sweep' | 'tex'>,
): OptimizerNumber => ({
  type: 'number',
  key,
  label,
  help,
  applies: isAdam,
  ...spec,
});

export const OPTIMIZER_FIELDS: readonly OptimizerField[] = [
  id,
  {
    type: 'string',
    key: 'label',
    label: 'Name',
    help: 'The name shown in legends (the id when empty).',
    maxLength: MAX_LABEL_LENGTH,
  },
  {
    type: 'string',
    key: 'color',
    label: 'Colour',
    help: 'A CSS colour for its curves (one is picked when absent).',
    maxLength: MAX_COLOR_LENGTH,
  },
  preconditioner,
  momentum,
  alpha,
  beta,
  transport,
  lookahead,
  restart,
  step,
  solver,
  adamNumber('beta1', 'β₁', 'Decay of Adam’s first-moment average.', {
    rule: UNIT_OPEN,
    default: 0.9,
    sweep: { scale: 'linear', from: 0, to: 0.99 },
    tex: { symbol: '\\beta_1' },
  }),
  adamNumber('beta2', 'β₂', 'Decay of Adam’s second-moment average.', {
    rule: UNIT_OPEN,
    default: 0.999,
    sweep: { scale: 'linear', from: 0.9, to: 0.9999 },
    tex: { symbol: '\\beta_2' },
  }),
  adamNumber('adamEps', 'ε', 'Added to √v̂ so that Adam never divides by zero.', {
    rule: { lo: 0, loOpen: true },
    default: 1e-8,
    sweep: { scale: 'log', from: 1e-10, to: 1e-4 },
    tex: { symbol: '\\varepsilon' },
  }),
  {
    type: 'number',
    key: 'history',
    label: 'history',
    applies: isLbfgs,
    help: 'How many past steps L-BFGS keeps for its curvature model.',
    rule: { integer: true, lo: 1, hi: MAX_LBFGS_HISTORY },
    default: 10,
    sweep: { scale: 'linear', from: 1, to: 50 },
  },
  {
    type: 'enum',
    key: 'lineSearch',
    label: 'Line search',
    applies: isLbfgs,
    help: 'How L-BFGS picks its step along the quasi-Newton direction.',
    values: LINE_SEARCHES,
    valueLabels: { armijo: 'Armijo', 'strong-wolfe': 'strong Wolfe' },
    default: 'strong-wolfe',
  },
];

/** The entry of a top-level optimizer field. */
export function optimizerField(key: string): OptimizerField | undefined {
  return OPTIMIZER_FIELDS.find((f) => f.key === key);
}
