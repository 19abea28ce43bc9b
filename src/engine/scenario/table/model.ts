// The model's fields (docs/SCENARIO.md "model"). Structured parts (a toy's B and Q, an expression's
// formula and parameter names) are read by validateModel.ts.

import {
  ACTIVATIONS,
  BASIS_KINDS,
  MLP_OUTPUTS,
  MODEL_KINDS,
  ROM_VARIANTS,
  TENSOR_FORMATS,
  TOY_NAMES,
  type ModelSpec,
  type Scenario,
} from '../types';
import { ROM_DEFAULTS } from '../../rom/config';
import { SEED_RULE } from './problem';
import { MAX_BASIS_SIZE, MAX_PARAMETERS } from '../limits';
import { CURVE_DEFAULTS } from '../../models/toy';
import type { EnumSpec } from './spec';
import type { FieldAt, FieldGroup, ScenarioScalar } from './scenarioSpec';

export const MODEL_KIND: EnumSpec<FieldAt, Scenario, ModelSpec['kind']> = {
  type: 'enum',
  key: 'kind',
  label: 'Model',
  required: true,
  values: MODEL_KINDS,
  valueLabels: {
    toy: 'toy manifold (exact space)',
    linear: 'linear basis',
    mlp: 'neural network (MLP)',
    tensor: 'low-rank tensor (2D)',
    expression: 'formula with parameters',
    rom: 'reduced-order model (KdV)',
  },
  help: 'The manifold of functions v(θ) the optimizers move on.',
};

export const TOY_NAME: ScenarioScalar = {
  type: 'enum',
  key: 'name',
  label: 'Toy',
  required: true,
  values: TOY_NAMES,
  valueLabels: {
    linear: 'linear c = Bᵀθ',
    kernel: 'kernel (linear, K ≠ I)',
    quadratic: 'quadratic (curved)',
    curve: 'curve (local minima)',
  },
  help: 'One of the paper’s toy manifolds in the exact space (docs/ALGORITHMS.md §7).',
};

const isCurve = ({ s }: { s: Scenario }): boolean => s.model.kind === 'toy' && s.model.name === 'curve';

export const CURVE_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'number',
    key: 'phi_deg',
    label: 'φ (degrees)',
    rule: {},
    default: CURVE_DEFAULTS.phi_deg,
    applies: isCurve,
    help: 'Direction of the curve’s chord b = (cos φ, sin φ).',
    sweep: { scale: 'linear', from: 0, to: 90 },
  },
  {
    type: 'number',
    key: 'a',
    label: 'a',
    rule: {},
    default: CURVE_DEFAULTS.a,
    applies: isCurve,
    help: 'Curvature of c(θ) = s(θ b + a θ² b⊥).',
    sweep: { scale: 'linear', from: 0, to: 5 },
  },
  {
    type: 'number',
    key: 's',
    label: 's',
    rule: {},
    default: CURVE_DEFAULTS.s,
    applies: isCurve,
    help: 'Scale of c(θ) = s(θ b + a θ² b⊥).',
    sweep: { scale: 'log', from: 0.01, to: 1 },
  },
];

const BASIS: ScenarioScalar = {
  type: 'enum',
  key: 'basis',
  label: 'Basis',
  required: true,
  values: BASIS_KINDS,
  help: 'The functions the coefficients multiply.',
};

const BASIS_SIZE: ScenarioScalar = {
  type: 'number',
  key: 'n',
  label: 'n',
  rule: { required: true, integer: true, lo: 1, hi: MAX_BASIS_SIZE },
  help: 'How many basis functions (per factor for a tensor).',
  sweep: { scale: 'linear', from: 2, to: 30 },
};

export const LINEAR_FIELDS: readonly ScenarioScalar[] = [BASIS, BASIS_SIZE];

export const TENSOR_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'enum',
    key: 'format',
    label: 'Format',
    required: true,
    values: TENSOR_FORMATS,
    help: 'The tensor format (canonical polyadic).',
  },
  {
    type: 'number',
    key: 'rank',
    label: 'rank',
    rule: { required: true, integer: true, lo: 1, hi: MAX_PARAMETERS },
    help: 'How many rank-one terms f_r(x) g_r(y).',
    sweep: { scale: 'linear', from: 1, to: 10 },
  },
  BASIS,
  BASIS_SIZE,
];

export const LAYER_WIDTH: ScenarioScalar = {
  type: 'number',
  key: '#',
  label: 'width',
  rule: { required: true, integer: true, lo: 1 },
  // The first width is the input dimension and the last the output's 1: only hidden widths are free.
  applies: ({ s, index }) => s.model.kind === 'mlp' && index[0] > 0 && index[0] < s.model.layers.length - 1,
  help: 'Neurons in this layer.',
  sweep: { scale: 'log', from: 2, to: 64 },
};

export const ACTIVATION: ScenarioScalar = {
  type: 'enum',
  key: 'activation',
  label: 'Activation',
  required: true,
  values: ACTIVATIONS,
  help: 'The nonlinearity of the hidden layers.',
};

export const MLP_OUTPUT: ScenarioScalar = {
  type: 'enum',
  key: 'output',
  label: 'Output',
  values: MLP_OUTPUTS,
  default: 'identity',
  help: 'The output layer’s function: identity, or a sigmoid for probabilities (cross-entropy).',
};

const isNonlinearRom = ({ s }: { s: Scenario }): boolean => s.model.kind === 'rom' && s.model.variant === 'nonlinear';

/** The KdV reduced-order model (docs/ALGORITHMS.md §5): the offline stage's sizes and seeds. */
export const ROM_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'enum',
    key: 'variant',
    label: 'ROM',
    required: true,
    values: ROM_VARIANTS,
    valueLabels: { linear: 'linear: Σ θ_i φ_i', nonlinear: 'nonlinear: + decoder D(θ) on more modes' },
    help: 'Linear: the state is a combination of the first n POD modes. Nonlinear: a decoder trained offline adds the next N − n modes.',
  },
  {
    type: 'number',
    key: 'modes',
    label: 'modes n',
    rule: { integer: true, lo: 1, hi: 16 },
    default: ROM_DEFAULTS.modes,
    help: 'POD modes the parameters θ multiply (p = n).',
    sweep: { scale: 'linear', from: 2, to: 12 },
  },
  {
    type: 'number',
    key: 'total_modes',
    label: 'all modes N',
    rule: { integer: true, lo: 2, hi: 64 },
    default: ROM_DEFAULTS.total_modes,
    applies: isNonlinearRom,
    help: 'Modes of the nonlinear ROM in all: the decoder predicts the N − n after the first n.',
    sweep: { scale: 'linear', from: 8, to: 64 },
  },
  {
    type: 'number',
    key: 'grid',
    label: 'grid points',
    rule: { integer: true, lo: 64, hi: 2048 },
    default: ROM_DEFAULTS.grid,
    help: 'Points of the periodic grid on [−π, π) that snapshots and modes live on.',
    sweep: { scale: 'log', from: 128, to: 1024 },
  },
  {
    type: 'number',
    key: 'snapshots',
    label: 'snapshots',
    rule: { integer: true, lo: 10, hi: 1000 },
    default: ROM_DEFAULTS.snapshots,
    help: 'Solitons (amplitude 8–32, anywhere on the circle) the modes and the decoder are learned from.',
    sweep: { scale: 'log', from: 50, to: 600 },
  },
  {
    type: 'number',
    key: 'snapshot_seed',
    label: 'snapshot seed',
    rule: SEED_RULE,
    default: ROM_DEFAULTS.snapshot_seed,
    help: 'Seed of the snapshots’ amplitudes and positions.',
    sweep: { scale: 'linear', from: 1, to: 10 },
  },
  {
    type: 'number',
    key: 'width',
    label: 'decoder width',
    rule: { integer: true, lo: 1, hi: 256 },
    default: ROM_DEFAULTS.width,
    applies: isNonlinearRom,
    help: 'Neurons of the decoder’s hidden tanh layer.',
    sweep: { scale: 'log', from: 8, to: 128 },
  },
  {
    type: 'number',
    key: 'training',
    label: 'training iterations',
    rule: { integer: true, lo: 1, hi: 10_000 },
    default: ROM_DEFAULTS.training,
    applies: isNonlinearRom,
    help: 'L-BFGS iterations of the decoder’s offline training (a progress bar shows them).',
    sweep: { scale: 'log', from: 100, to: 4000 },
  },
  {
    type: 'number',
    key: 'seed',
    label: 'decoder seed',
    rule: SEED_RULE,
    default: ROM_DEFAULTS.seed,
    applies: isNonlinearRom,
    help: 'Seed of the decoder’s initial weights (the same seed, the same decoder, bit for bit).',
    sweep: { scale: 'linear', from: 1, to: 10 },
  },
];

const kind =
  (k: Scenario['model']['kind']) =>
  (s: Scenario): boolean =>
    s.model.kind === k;

export const MODEL_GROUPS: readonly FieldGroup[] = [
  { at: 'model', exists: () => true, existsWhere: 'every scenario', fields: [MODEL_KIND] },
  { at: 'model', exists: kind('toy'), existsWhere: 'toy models', fields: [TOY_NAME] },
  { at: 'model.params', exists: kind('toy'), existsWhere: 'toy models', fields: CURVE_FIELDS },
  { at: 'model', exists: kind('linear'), existsWhere: 'linear and tensor models', fields: LINEAR_FIELDS },
  { at: 'model', exists: kind('tensor'), existsWhere: 'linear and tensor models', fields: TENSOR_FIELDS },
  { at: 'model.layers', exists: kind('mlp'), existsWhere: 'mlp models', fields: [LAYER_WIDTH] },
  { at: 'model', exists: kind('mlp'), existsWhere: 'mlp models', fields: [ACTIVATION, MLP_OUTPUT] },
  { at: 'model', exists: kind('rom'), existsWhere: 'rom models', fields: ROM_FIELDS },
];
