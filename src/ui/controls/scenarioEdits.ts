// Edits that change several parts of a scenario at once so that it stays coherent: switching the model
// (a toy needs the exact space, a network a sampled one), switching the loss (a PDE has no target and
// fixes its domain), keeping init.theta0 as long as the model's p. Pure functions on a draft.

import type { LossSpec, ModelSpec, OptimizerSpec, Scenario } from '../../engine/scenario/types';
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

function sampledProblem(s: Scenario): Scenario['problem'] {
  if (s.problem.space === 'sampled') return s.problem;
  const expr = s.problem.target?.kind === 'expression' ? s.problem.target.expr : DEFAULT_TARGET_EXPR;
  return {
    space: 'sampled',
    domain: [[-1, 1]],
    target: { kind: 'expression', expr },
    loss: { kind: 'l2' },
    quadrature: { kind: 'gauss-legendre', m: 200 },
  };
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

/** Switch the model kind, bringing the problem and the start along. */
export function switchModel(s: Scenario, kind: ModelKind): void {
  if (s.model.kind === kind) return;
  if (kind === 'toy') {
    Object.assign(s, toyScenarioParts('curve'));
    return;
  }
  s.problem = sampledProblem(s);
  if (s.problem.loss.kind === 'pde' && kind !== 'mlp') setLossKind(s, 'l2');
  s.model = defaultModel(kind, s);
  s.init = kind === 'expression' && s.model.kind === 'expression'
    ? { theta0: s.model.params.map((name) => (name === 'a' || name === 'b' ? 1 : 0)) }
    : { seed: 1, scale: 1 };
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

/** Change the loss of a sampled problem, fixing target, domain and model where the loss requires it. */
export function setLossKind(s: Scenario, kind: SampledLossKind, equation: PdeKind = 'reaction-diffusion'): void {
  const problem = s.problem;
  if (kind === 'pde') {
    problem.loss = defaultPdeLoss(equation);
    delete problem.target;
    problem.domain = [PDE_DOMAINS[equation]];
    if (s.model.kind !== 'mlp' || s.model.layers[0] !== 1) {
      s.model = { kind: 'mlp', layers: [1, 20, 1], activation: 'tanh' };
      s.init = { seed: 1, scale: 1 };
    }
    problem.quadrature ??= { kind: 'gauss-legendre', m: 200 };
    adaptInit(s);
    return;
  }
  if (kind === 'cross-entropy') {
    problem.loss = { kind: 'cross-entropy' };
    problem.target = { kind: 'dataset', name: 'xor', n: 200, noise: 0.1, seed: 1 };
    problem.domain = [[-1, 1], [-1, 1]];
    delete problem.quadrature;
    s.model = { kind: 'mlp', layers: [2, 8, 1], activation: 'tanh', output: 'sigmoid' };
    s.init = { seed: 1, scale: 1 };
    return;
  }
  const hadTarget = problem.target?.kind === 'expression';
  problem.loss = { kind };
  if (!hadTarget) {
    problem.target = { kind: 'expression', expr: DEFAULT_TARGET_EXPR };
    problem.domain = [problem.domain[0] ?? [-1, 1]];
    problem.quadrature ??= { kind: 'gauss-legendre', m: 200 };
    if (s.model.kind === 'mlp') {
      s.model = { kind: 'mlp', layers: [1, ...s.model.layers.slice(1)], activation: s.model.activation };
    }
  }
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
