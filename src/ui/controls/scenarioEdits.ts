// Edits that change several parts of a scenario at once so that it stays coherent: switching the problem
// type (function fit, 2D target, PDE, xor, Mackey–Glass, the paper's exact space) brings a model, domain,
// quadrature and start that fit it; switching the model adapts the problem when it must (a toy needs the
// exact space, a tensor a 2D target); init.theta0 is kept as long as the model's p. Pure functions on a
// draft: every edit here yields a scenario that validateScenario accepts.

import type { LossSpec, ModelSpec, OptimizerSpec, QuadratureSpec, Scenario } from '../../engine/scenario/types';
import { checkExpressionModel } from '../../engine/models/expression';
import { DEFAULT_SCENARIO, SCENARIO_PRESETS } from '../../engine/scenario/presets';
import { problemParameterCount } from '../../engine/problems/build';
import { optimizerFromPreset, type OptimizerPresetName } from '../../engine/scenario/optimizerPresets';

export type ModelKind = ModelSpec['kind'];

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

/** The input dimension a network needs for the draft's problem (2 for xor, 4 for Mackey–Glass). */
export function networkInputDim(s: Scenario): number {
  const target = s.problem.target;
  if (s.problem.loss.kind === 'pde') return 1;
  if (target?.kind === 'dataset') return target.name === 'xor' ? 2 : 4;
  return Math.max(1, s.problem.domain.length);
}

/** p of the draft, or null while the draft is too broken to say. */
export function parameterCountOf(s: Scenario): number | null {
  try {
    const p = problemParameterCount(s);
    return Number.isFinite(p) ? p : null;
  } catch {
    return null;
  }
}

/** An explicit θ₀ of the wrong length is replaced by a seeded random start. */
export function adaptInit(s: Scenario): void {
  if (!('theta0' in s.init)) return;
  const p = parameterCountOf(s);
  if (p !== null && s.init.theta0.length !== p) s.init = { seed: 1, scale: 1 };
}

export function defaultModel(kind: ModelKind, s: Scenario): ModelSpec {
  switch (kind) {
    case 'toy':
      return { kind: 'toy', name: 'curve', params: { phi_deg: 0, a: 3, s: 0.1 } };
    case 'linear':
      return { kind: 'linear', basis: 'legendre', n: 8 };
    case 'mlp': {
      const xor = s.problem.target?.kind === 'dataset' && s.problem.target.name === 'xor';
      const model: ModelSpec = { kind: 'mlp', layers: [networkInputDim(s), 20, 1], activation: 'tanh' };
      if (xor) model.output = 'sigmoid';
      return model;
    }
    case 'tensor':
      return { kind: 'tensor', format: 'cp', rank: 3, basis: 'legendre', n: 6 };
    case 'expression':
      return s.problem.domain.length === 2
        ? { kind: 'expression', expr: 'a*exp(-b*((x-c)^2+(y-d)^2))', params: ['a', 'b', 'c', 'd'] }
        : { kind: 'expression', expr: 'a*exp(-b*(x-c)^2)', params: ['a', 'b', 'c'] };
  }
}

/** The problem, model and start of a toy, taken from the first preset that uses it. */
export function toyScenarioParts(name: 'linear' | 'kernel' | 'quadratic' | 'curve'): Pick<Scenario, 'problem' | 'model' | 'init'> {
  const preset = SCENARIO_PRESETS.find((p) => p.scenario.model.kind === 'toy' && p.scenario.model.name === name);
  const source = preset?.scenario ?? DEFAULT_SCENARIO;
  return structuredClone({ problem: source.problem, model: source.model, init: source.init });
}

/**
 * Switch the model kind, bringing the problem and the start along: a toy takes its exact space, a sampled
 * model leaves the exact space for a function fit (a tensor for a 2D target), and a model the problem
 * cannot use switches to a function fit it can. The result is always a valid scenario.
 */
export function switchModel(s: Scenario, kind: ModelKind): void {
  if (s.model.kind === kind) return;
  if (kind === 'toy') {
    Object.assign(s, toyScenarioParts('curve'));
    return;
  }
  const type = problemTypeOf(s);
  if (type === 'exact' || modelUnavailableReason(s, kind) !== null) {
    switchProblemType(s, kind === 'tensor' ? 'function-2d' : 'function');
  }
  s.model = defaultModel(kind, s);
  s.init = startFor(s.model);
  adaptInit(s);
}

export function switchToy(s: Scenario, name: 'linear' | 'kernel' | 'quadratic' | 'curve'): void {
  if (s.model.kind === 'toy' && s.model.name === name) return;
  Object.assign(s, toyScenarioParts(name));
}

export type SampledLossKind = 'l2' | 'h1' | 'cross-entropy' | 'pde';
export type PdeKind = 'reaction-diffusion' | 'nonlinear' | 'poisson';

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

/** Parse "1,20,1" into layer widths; an error message for anything else. */
export function parseWidths(text: string): { ok: true; layers: number[] } | { ok: false; message: string } {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length < 2) return { ok: false, message: 'give at least an input and an output width, e.g. 1,20,1' };
  const layers: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const value = Number(parts[i]);
    if (parts[i] === '' || !Number.isInteger(value) || value < 1) {
      return { ok: false, message: `width ${i + 1} ('${parts[i]}') must be a positive whole number` };
    }
    layers.push(value);
  }
  return { ok: true, layers };
}

/** Parse "1.6, -0.5" into numbers; an error message for anything else. */
export function parseNumberList(text: string): { ok: true; values: number[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'enter at least one number' };
  const parts = trimmed.split(/[\s,;]+/).filter((part) => part !== '');
  const values: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const value = Number(parts[i]);
    if (!Number.isFinite(value)) return { ok: false, message: `entry ${i + 1} ('${parts[i]}') is not a number` };
    values.push(value);
  }
  return { ok: true, values };
}

/** A unique optimizer id for a new copy of a named preset ("ngd", "ngd-2", …). */
export function uniqueOptimizerId(existing: readonly OptimizerSpec[], base: string): string {
  const taken = new Set(existing.map((o) => o.id));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export function addOptimizer(s: Scenario, name: OptimizerPresetName): void {
  const id = uniqueOptimizerId(s.optimizers, name);
  const spec = optimizerFromPreset(name, id);
  if (id !== name && spec.label) spec.label = `${spec.label} ${id.slice(name.length + 1)}`;
  s.optimizers.push(spec);
}

// ---- problem types ------------------------------------------------------------------------------------

/** What the user sees as "Problem": each maps to one coherent combination of space, target, loss, model. */
export type ProblemType = 'exact' | 'function' | 'function-2d' | 'pde' | 'classification' | 'time-series';

export const PROBLEM_TYPES: readonly { value: ProblemType; label: string }[] = [
  { value: 'exact', label: 'paper toy (exact space)' },
  { value: 'function', label: 'function fit u(x)' },
  { value: 'function-2d', label: '2D target u(x, y)' },
  { value: 'pde', label: 'PDE (PINN)' },
  { value: 'classification', label: 'classification (xor)' },
  { value: 'time-series', label: 'time series (Mackey–Glass)' },
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
const UNIT_SQUARE: [number, number][] = [[0, 1], [0, 1]];
const DEFAULT_QUADRATURE_1D = { kind: 'gauss-legendre', m: 200 } as const;
const DEFAULT_QUADRATURE_2D = { kind: 'gauss-legendre', m: 400 } as const;

export const XOR_DEFAULTS = { n: 200, noise: 0.1, seed: 1 };
export const MACKEY_GLASS_DEFAULTS = { n: 500, noise: 0, seed: 1 };

/** The problem type of a scenario (what the "Problem" selector shows). */
export function problemTypeOf(s: Scenario): ProblemType {
  const problem = s.problem;
  if (problem.space === 'exact') return 'exact';
  if (problem.loss.kind === 'pde') return 'pde';
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
        domain: [[-1, 1], [-1, 1]],
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

/** Why a model kind cannot be used with the draft's problem, or null when it can. */
export function modelUnavailableReason(s: Scenario, kind: ModelKind): string | null {
  const type = problemTypeOf(s);
  // From the exact space any sampled model leaves for a function fit, and the toy is always one switch away.
  if (type === 'exact' || kind === 'toy' || kind === 'mlp') return null;
  switch (type) {
    case 'pde':
      return 'PDE problems wrap a network in the boundary ansatz: MLP only';
    case 'classification':
      return 'the cross-entropy loss needs an MLP with a sigmoid output';
    case 'time-series':
      return 'Mackey–Glass samples have 4 inputs: MLP only';
    case 'function':
      if (kind === 'tensor') return 'tensor models need a 2D target';
      return null;
    case 'function-2d':
      if (kind === 'linear') return 'linear bases are 1D: use the tensor model for a 2D target';
      return null;
  }
}

/** Hidden widths of an MLP spec (those of a 1-20-1 network for other models). */
function hiddenWidths(model: ModelSpec, fallback: number[]): number[] {
  return model.kind === 'mlp' && model.layers.length > 2 ? model.layers.slice(1, -1) : fallback;
}

function mlpFor(model: ModelSpec, inputs: number, hidden: number[], output?: 'sigmoid'): ModelSpec {
  const activation = model.kind === 'mlp' ? model.activation : 'tanh';
  const next: ModelSpec = { kind: 'mlp', layers: [inputs, ...hiddenWidths(model, hidden), 1], activation };
  if (output) next.output = output;
  return next;
}

/** Make the model fit the problem type (input width, output, kind); a changed structure gets a fresh start. */
export function fitModelToProblem(s: Scenario): void {
  const type = problemTypeOf(s);
  const model = s.model;
  const before = JSON.stringify(model);
  switch (type) {
    case 'exact':
      if (model.kind !== 'toy') Object.assign(s, toyScenarioParts('curve'));
      return;
    case 'pde':
      s.model = mlpFor(model, 1, [20]);
      break;
    case 'classification':
      s.model = mlpFor(model, 2, [8], 'sigmoid');
      break;
    case 'time-series':
      s.model = mlpFor(model, 4, [10]);
      break;
    case 'function':
    case 'function-2d': {
      const dims = type === 'function' ? 1 : 2;
      if (model.kind === 'mlp') s.model = mlpFor(model, dims, [20]);
      else if (model.kind === 'expression') {
        if (checkExpressionModel(model, dims) !== null) s.model = defaultModel('expression', s);
      } else if (model.kind === 'linear' && dims === 2) {
        s.model = { kind: 'tensor', format: 'cp', rank: 3, basis: model.basis, n: Math.min(model.n, 8) };
      } else if (model.kind === 'tensor' && dims === 1) {
        s.model = { kind: 'linear', basis: model.basis, n: model.n };
      } else if (model.kind === 'toy') s.model = mlpFor(model, dims, [20]);
      break;
    }
  }
  if (JSON.stringify(s.model) !== before) s.init = startFor(s.model);
}

/** A sensible start for a model: seeded random, or for a formula a = b = 1, others 0 (a bump of height 1). */
function startFor(model: ModelSpec): Scenario['init'] {
  if (model.kind === 'expression') return { theta0: model.params.map((name) => (name === 'a' || name === 'b' ? 1 : 0)) };
  return { seed: 1, scale: 1 };
}

/** Optimizer options a problem rules out are replaced by the nearest allowed ones (lstsq + gram has no PDE form). */
export function fitOptimizersToProblem(s: Scenario): void {
  if (s.problem.loss.kind !== 'pde') return;
  for (const o of s.optimizers) {
    if (o.preconditioner === 'gram' && o.solver?.kind === 'lstsq') o.solver = { kind: 'cholesky' };
  }
}

// ---- the expression model's parameter list ------------------------------------------------------------

/** Parse "a, b, c" into parameter names; a message when the list is empty. Names are checked by validation. */
export function parseParameterList(text: string): { ok: true; names: string[] } | { ok: false; message: string } {
  const names = text.split(/[\s,;]+/).filter((name) => name !== '');
  if (names.length === 0) return { ok: false, message: 'name at least one parameter, e.g. a, b, c' };
  return { ok: true, names };
}

/** Set the formula's parameters; an explicit θ₀ keeps the value of every name that stays (new ones start at 1). */
export function setExpressionParameters(s: Scenario, names: string[]): void {
  if (s.model.kind !== 'expression') return;
  const old = s.model.params;
  s.model.params = [...names];
  if ('theta0' in s.init) {
    const theta0 = s.init.theta0;
    s.init = { theta0: names.map((name) => {
      const j = old.indexOf(name);
      return j >= 0 && j < theta0.length ? theta0[j] : 1;
    }) };
  }
}
