// Coherent model edits (pure functions on a draft scenario): switching the model kind brings the problem
// and the start along (a toy needs the exact space, a tensor a 2D target), a model is fitted to a new
// problem type, and an explicit θ₀ is kept only as long as the model's p. Every edit yields a scenario
// that validateScenario accepts.

import type { ModelSpec, Scenario, ToyName } from '../types';
import { checkExpressionModel } from '../../models/expression';
import { DEFAULT_SCENARIO, SCENARIO_PRESETS } from '../presets';
import { problemParameterCount } from '../../problems/build';
import { DEFAULT_INIT_SCALE } from '../../models/init';
import { problemTypeOf, switchProblemType } from './problemTypes';

export type ModelKind = ModelSpec['kind'];

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
  if (p !== null && s.init.theta0.length !== p) s.init = startFor(s.model);
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
    case 'rom':
      return { kind: 'rom', variant: 'nonlinear' };
  }
}

/** The problem, model and start of a toy, taken from the first preset that uses it. */
export function toyScenarioParts(name: ToyName): Pick<Scenario, 'problem' | 'model' | 'init'> {
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
  if (kind === 'rom') {
    switchProblemType(s, 'rom');
    return;
  }
  const type = problemTypeOf(s);
  if (type === 'exact' || type === 'rom' || modelUnavailableReason(s, kind) !== null) {
    switchProblemType(s, kind === 'tensor' ? 'function-2d' : 'function');
  }
  s.model = defaultModel(kind, s);
  s.init = startFor(s.model);
  adaptInit(s);
}

export function switchToy(s: Scenario, name: ToyName): void {
  if (s.model.kind === 'toy' && s.model.name === name) return;
  Object.assign(s, toyScenarioParts(name));
}

/** Why a model kind cannot be used with the draft's problem, or null when it can. */
export function modelUnavailableReason(s: Scenario, kind: ModelKind): string | null {
  const type = problemTypeOf(s);
  if (type === 'rom')
    return kind === 'rom' || kind === 'toy' ? null : 'the KdV state is reconstructed by the reduced-order model';
  // From the exact space any sampled model leaves for a function fit; the toy and the reduced-order model
  // are always one switch away (they bring their problem).
  if (type === 'exact' || kind === 'toy' || kind === 'rom' || kind === 'mlp') return null;
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
    case 'rom':
      if (model.kind !== 'rom') s.model = defaultModel('rom', s);
      break;
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
      } else if (model.kind === 'toy' || model.kind === 'rom') s.model = mlpFor(model, dims, [20]);
      break;
    }
  }
  if (JSON.stringify(s.model) !== before) s.init = startFor(s.model);
}

/**
 * A sensible start for a model: seeded random; for a formula a = b = 1, others 0 (a bump of height 1); for
 * the reduced-order model the linear least-squares fit to the samples.
 */
function startFor(model: ModelSpec): Scenario['init'] {
  if (model.kind === 'rom') return { fit: 'least-squares' };
  if (model.kind === 'expression')
    return { theta0: model.params.map((name) => (name === 'a' || name === 'b' ? 1 : 0)) };
  return seededStart();
}

/** Set the formula's parameters; an explicit θ₀ keeps the value of every name that stays (new ones start at 1). */
export function setExpressionParameters(s: Scenario, names: string[]): void {
  if (s.model.kind !== 'expression') return;
  const old = s.model.params;
  s.model.params = [...names];
  if ('theta0' in s.init) {
    const theta0 = s.init.theta0;
    s.init = {
      theta0: names.map((name) => {
        const j = old.indexOf(name);
        return j >= 0 && j < theta0.length ? theta0[j] : 1;
      }),
    };
  }
}

/** The seeded random start new scenarios get (seed 1 at the default scale). */
function seededStart(): Scenario['init'] {
  return { seed: 1, scale: DEFAULT_INIT_SCALE };
}

/** Switch between a seeded random start, an explicit θ₀ (zeros, one per parameter) and, for rom models, the fitted start. */
export function setStartKind(s: Scenario, kind: 'seed' | 'explicit' | 'fit'): void {
  if (kind === ('seed' in s.init ? 'seed' : 'fit' in s.init ? 'fit' : 'explicit')) return;
  if (kind === 'fit' && s.model.kind !== 'rom') return;
  s.init =
    kind === 'seed'
      ? seededStart()
      : kind === 'fit'
        ? { fit: 'least-squares' }
        : { theta0: new Array<number>(parameterCountOf(s) ?? 1).fill(0) };
}
