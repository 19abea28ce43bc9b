// Coherent problem edits (pure functions on a draft scenario): the problem types the panel offers (the
// paper's exact space, a function fit, a 2D target, a PDE, xor, Mackey–Glass), each switched to with a
// model, domain, quadrature and start that fit it, and loss changes that switch the type where needed.

import type { LossSpec, PdeEquation, QuadratureSpec, Scenario } from '../types';
import { adaptInit, fitModelToProblem, toyScenarioParts } from './models';
import { fitOptimizersToProblem } from './optimizers';

/** Target formulas offered as one-click presets. */
export const TARGET_PRESETS: readonly { label: string; expr: string }[] = [
  { label: 'sin 2πx', expr: 'sin(2*pi*x)' },
  { label: 'Runge 1/(1+25x²)', expr: '1/(1+25*x^2)' },
  { label: '|x|', expr: 'abs(x)' },
  { label: 'step', expr: 'x > 0 ? 1 : 0' },
  { label: 'Gaussian bump', expr: 'exp(-20*(x-0.3)^2)' },
  { label: 'sum of modes', expr: 'sin(pi*x) + 0.5*sin(3*pi*x) + 0.25*sin(5*pi*x)' },
];

export const DEFAULT_TARGET_EXPR = 'sin(2*pi*x)';

export type SampledLossKind = 'l2' | 'h1' | 'cross-entropy' | 'pde';
export type PdeKind = PdeEquation;

export function defaultPdeLoss(equation: PdeKind): LossSpec {
  switch (equation) {
    case 'reaction-diffusion':
      return { kind: 'pde', equation, eps: 0.1 };
    case 'nonlinear':
      return { kind: 'pde', equation };
    case 'poisson':
      return { kind: 'pde', equation, f: 'pi^2*sin(pi*x)' };
  }
}

const PDE_DOMAINS: Record<PdeKind, [number, number]> = {
  'reaction-diffusion': [0, 1],
  nonlinear: [-1, 1],
  poisson: [0, 1],
};

/** Change the loss of a sampled problem, switching the problem type where the loss requires it. */
export function setLossKind(s: Scenario, kind: SampledLossKind, equation: PdeKind = 'reaction-diffusion'): void {
  if (kind === 'pde') {
    switchProblemType(s, 'pde');
    const loss = s.problem.loss;
    if (loss.kind === 'pde' && loss.equation === equation) return;
    s.problem.loss = defaultPdeLoss(equation);
    s.problem.domain = [[...PDE_DOMAINS[equation]]];
    adaptInit(s);
    return;
  }
  if (kind === 'cross-entropy') {
    switchProblemType(s, 'classification');
    return;
  }
  const type = problemTypeOf(s);
  if (type !== 'function' && (type !== 'function-2d' || kind === 'h1')) switchProblemType(s, 'function');
  s.problem.loss = { kind };
  adaptInit(s);
}

/** Change an exact space's loss between l2 and twisted, keeping its matrix K. */
export function setExactLossKind(s: Scenario, kind: 'l2' | 'twisted'): void {
  const loss = s.problem.loss;
  if (s.problem.space !== 'exact' || loss.kind === kind) return;
  const K = loss.kind === 'l2' || loss.kind === 'twisted' ? loss.K : undefined;
  const next: LossSpec = kind === 'twisted' ? { kind, omega: 2, phi_deg: 240 } : { kind };
  if (K !== undefined) next.K = K;
  s.problem.loss = next;
}

/** Set an exact space's loss matrix K, keeping the loss kind (l2 or twisted) and its other fields. */
export function setExactLossMatrix(s: Scenario, K: number[][]): void {
  const loss = s.problem.loss;
  s.problem.loss = loss.kind === 'twisted' ? { ...loss, K } : { kind: 'l2', K };
}

// ---- problem types ------------------------------------------------------------------------------------

/** What the user sees as "Problem": each maps to one coherent combination of space, target, loss, model. */
export type ProblemType = 'exact' | 'function' | 'function-2d' | 'pde' | 'classification' | 'time-series' | 'rom';

export const PROBLEM_TYPES: readonly { value: ProblemType; label: string }[] = [
  { value: 'exact', label: 'paper toy (exact space)' },
  { value: 'function', label: 'function fit u(x)' },
  { value: 'function-2d', label: '2D target u(x, y)' },
  { value: 'pde', label: 'PDE (PINN)' },
  { value: 'classification', label: 'classification (xor)' },
  { value: 'time-series', label: 'time series (Mackey–Glass)' },
  { value: 'rom', label: 'KdV state from samples (reduced-order model)' },
];

/** Two-variable target formulas offered as one-click presets (on the unit square unless said). */
export const TARGET_PRESETS_2D: readonly { label: string; expr: string }[] = [
  {
    label: "Franke's function",
    expr:
      '0.75*exp(-(9*x-2)^2/4-(9*y-2)^2/4)+0.75*exp(-(9*x+1)^2/49-(9*y+1)/10)' +
      '+0.5*exp(-(9*x-7)^2/4-(9*y-3)^2/4)-0.2*exp(-(9*x-4)^2-(9*y-7)^2)',
  },
  { label: 'Gaussian peak', expr: 'exp(-30*((x-0.4)^2+(y-0.6)^2))' },
  { label: 'sin πx · sin πy', expr: 'sin(pi*x)*sin(pi*y)' },
  { label: 'ridge', expr: 'tanh(10*(x+y-1))' },
];

export const DEFAULT_TARGET_EXPR_2D = TARGET_PRESETS_2D[0].expr;
const UNIT_SQUARE: [number, number][] = [
  [0, 1],
  [0, 1],
];
const DEFAULT_QUADRATURE_1D = { kind: 'gauss-legendre', m: 200 } as const;
const DEFAULT_QUADRATURE_2D = { kind: 'gauss-legendre', m: 400 } as const;

export const XOR_DEFAULTS = { n: 200, noise: 0.1, seed: 1 };
export const MACKEY_GLASS_DEFAULTS = { n: 500, noise: 0, seed: 1 };

/** The problem type of a scenario (what the "Problem" selector shows). */
export function problemTypeOf(s: Scenario): ProblemType {
  const problem = s.problem;
  if (problem.space === 'exact') return 'exact';
  if (problem.loss.kind === 'pde') return 'pde';
  if (problem.target?.kind === 'kdv') return 'rom';
  if (problem.target?.kind === 'dataset') return problem.target.name === 'xor' ? 'classification' : 'time-series';
  return problem.domain.length === 2 ? 'function-2d' : 'function';
}

/** Switch the problem type, bringing model, domain, quadrature, start and optimizers along (always valid). */
export function switchProblemType(s: Scenario, type: ProblemType): void {
  if (problemTypeOf(s) === type) return;
  const previous = s.problem;
  const oneD = previous.domain.length === 1 && previous.target?.kind !== 'dataset';
  const previousExpr = previous.target?.kind === 'expression' ? previous.target.expr : null;
  switch (type) {
    case 'exact':
      Object.assign(s, toyScenarioParts('curve'));
      break;
    case 'function':
      s.problem = {
        space: 'sampled',
        domain: oneD && previous.space === 'sampled' ? [[...previous.domain[0]]] : [[-1, 1]],
        target: { kind: 'expression', expr: oneD && previousExpr !== null ? previousExpr : DEFAULT_TARGET_EXPR },
        loss: { kind: 'l2' },
        quadrature: carryQuadrature(previous.quadrature, DEFAULT_QUADRATURE_1D.m),
      };
      break;
    case 'function-2d':
      s.problem = {
        space: 'sampled',
        domain: structuredClone(UNIT_SQUARE),
        target: { kind: 'expression', expr: DEFAULT_TARGET_EXPR_2D },
        loss: { kind: 'l2' },
        quadrature: carryQuadrature(previous.quadrature, DEFAULT_QUADRATURE_2D.m),
      };
      break;
    case 'pde':
      s.problem = {
        space: 'sampled',
        domain: [PDE_DOMAINS['reaction-diffusion']],
        loss: defaultPdeLoss('reaction-diffusion'),
        quadrature: carryQuadrature(previous.quadrature, DEFAULT_QUADRATURE_1D.m),
      };
      break;
    case 'classification':
      s.problem = {
        space: 'sampled',
        domain: [
          [-1, 1],
          [-1, 1],
        ],
        target: { kind: 'dataset', name: 'xor', ...XOR_DEFAULTS },
        loss: { kind: 'cross-entropy' },
      };
      break;
    case 'time-series':
      s.problem = {
        space: 'sampled',
        domain: [[0, 1.5]],
        target: { kind: 'dataset', name: 'mackey-glass', ...MACKEY_GLASS_DEFAULTS },
        loss: { kind: 'l2' },
      };
      break;
    case 'rom':
      s.problem = {
        space: 'sampled',
        domain: [[-Math.PI, Math.PI]],
        target: { kind: 'kdv', samples: 20 },
        loss: { kind: 'l2' },
      };
      s.model = { kind: 'rom', variant: 'nonlinear' };
      s.init = { fit: 'least-squares' };
      break;
  }
  fitModelToProblem(s);
  fitOptimizersToProblem(s);
  adaptInit(s);
}

/** The quadrature kept across a switch (its kind, resampling and seed), with the default size of the new type. */
function carryQuadrature(previous: QuadratureSpec | undefined, m: number): QuadratureSpec {
  if (previous === undefined) return { kind: 'gauss-legendre', m };
  const q: QuadratureSpec = { kind: previous.kind, m };
  if (previous.resample !== undefined) q.resample = previous.resample;
  if (previous.seed !== undefined) q.seed = previous.seed;
  return q;
}
