// The model's fields (docs/SCENARIO.md "model"). Structured parts (a toy's B and Q, an expression's
// formula and parameter names) are read by validateModel.ts.

import { ACTIVATIONS, BASIS_KINDS, MLP_OUTPUTS, MODEL_KINDS, TENSOR_FORMATS, TOY_NAMES, type ModelSpec, type Scenario } from '../types';
import { MAX_BASIS_SIZE, MAX_PARAMETERS } from '../limits';
import { CURVE_DEFAULTS } from '../../models/toy';
import type { EnumSpec } from './spec';
import type { FieldAt, FieldGroup, ScenarioScalar } from './scenarioSpec';

export const MODEL_KIND: EnumSpec<FieldAt, Scenario, ModelSpec['kind']> = {
  type: 'enum', key: 'kind', label: 'Model', required: true, values: MODEL_KINDS,
  valueLabels: {
    toy: 'toy manifold (exact space)', linear: 'linear basis', mlp: 'neural network (MLP)', tensor: 'low-rank tensor (2D)',
    expression: 'formula with parameters',
  },
  help: 'The manifold of functions v(θ) the optimizers move on.',
};

export const TOY_NAME: ScenarioScalar = {
  type: 'enum', key: 'name', label: 'Toy', required: true, values: TOY_NAMES,
  valueLabels: { linear: 'linear c = Bᵀθ', kernel: 'kernel (linear, K ≠ I)', quadratic: 'quadratic (curved)', curve: 'curve (local minima)' },
  help: 'One of the paper’s toy manifolds in the exact space (docs/ALGORITHMS.md §7).',
};

const isCurve = ({ s }: { s: Scenario }): boolean => s.model.kind === 'toy' && s.model.name === 'curve';

export const CURVE_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'number', key: 'phi_deg', label: 'φ (degrees)', rule: {}, default: CURVE_DEFAULTS.phi_deg, applies: isCurve,
    help: 'Direction of the curve’s chord b = (cos φ, sin φ).', sweep: { scale: 'linear', from: 0, to: 90 },
  },
  {
    type: 'number', key: 'a', label: 'a', rule: {}, default: CURVE_DEFAULTS.a, applies: isCurve,
    help: 'Curvature of c(θ) = s(θ b + a θ² b⊥).', sweep: { scale: 'linear', from: 0, to: 5 },
  },
  {
    type: 'number', key: 's', label: 's', rule: {}, default: CURVE_DEFAULTS.s, applies: isCurve,
    help: 'Scale of c(θ) = s(θ b + a θ² b⊥).', sweep: { scale: 'log', from: 0.01, to: 1 },
  },
];

const BASIS: ScenarioScalar = {
  type: 'enum', key: 'basis', label: 'Basis', required: true, values: BASIS_KINDS,
  help: 'The functions the coefficients multiply.',
};

const BASIS_SIZE: ScenarioScalar = {
  type: 'number', key: 'n', label: 'n', rule: { required: true, integer: true, lo: 1, hi: MAX_BASIS_SIZE },
  help: 'How many basis functions (per factor for a tensor).', sweep: { scale: 'linear', from: 2, to: 30 },
};

export const LINEAR_FIELDS: readonly ScenarioScalar[] = [BASIS, BASIS_SIZE];

export const TENSOR_FIELDS: readonly ScenarioScalar[] = [
  { type: 'enum', key: 'format', label: 'Format', required: true, values: TENSOR_FORMATS, help: 'The tensor format (canonical polyadic).' },
  {
    type: 'number', key: 'rank', label: 'rank', rule: { required: true, integer: true, lo: 1, hi: MAX_PARAMETERS },
    help: 'How many rank-one terms f_r(x) g_r(y).', sweep: { scale: 'linear', from: 1, to: 10 },
  },
  BASIS,
  BASIS_SIZE,
];

export const LAYER_WIDTH: ScenarioScalar = {
  type: 'number', key: '#', label: 'width', rule: { required: true, integer: true, lo: 1 },
  // The first width is the input dimension and the last the output's 1: only hidden widths are free.
  applies: ({ s, index }) => s.model.kind === 'mlp' && index[0] > 0 && index[0] < s.model.layers.length - 1,
  help: 'Neurons in this layer.', sweep: { scale: 'log', from: 2, to: 64 },
};

export const ACTIVATION: ScenarioScalar = {
  type: 'enum', key: 'activation', label: 'Activation', required: true, values: ACTIVATIONS,
  help: 'The nonlinearity of the hidden layers.',
};

export const MLP_OUTPUT: ScenarioScalar = {
  type: 'enum', key: 'output', label: 'Output', values: MLP_OUTPUTS, default: 'identity',
  help: 'The output layer’s function: identity, or a sigmoid for probabilities (cross-entropy).',
};

const kind = (k: Scenario['model']['kind']) => (s: Scenario): boolean => s.model.kind === k;

export const MODEL_GROUPS: readonly FieldGroup[] = [
  { at: 'model', exists: () => true, existsWhere: 'every scenario', fields: [MODEL_KIND] },
  { at: 'model', exists: kind('toy'), existsWhere: 'toy models', fields: [TOY_NAME] },
  { at: 'model.params', exists: kind('toy'), existsWhere: 'toy models', fields: CURVE_FIELDS },
  { at: 'model', exists: kind('linear'), existsWhere: 'linear and tensor models', fields: LINEAR_FIELDS },
  { at: 'model', exists: kind('tensor'), existsWhere: 'linear and tensor models', fields: TENSOR_FIELDS },
  { at: 'model.layers', exists: kind('mlp'), existsWhere: 'mlp models', fields: [LAYER_WIDTH] },
  { at: 'model', exists: kind('mlp'), existsWhere: 'mlp models', fields: [ACTIVATION, MLP_OUTPUT] },
];
