// The problem's fields (docs/SCENARIO.md "problem"). Structured parts (domain intervals, the exact
// space's matrix K, formulas) are read by validateProblem.ts with these entries' rules and words.

import {
  DATASET_NAMES,
  LOSS_KINDS,
  PDE_EQUATIONS,
  QUADRATURE_KINDS,
  SPACES,
  TARGET_KINDS,
  type PdeEquation,
  type Scenario,
} from '../types';
import { MAX_DATASET_SIZE, MAX_QUADRATURE_POINTS, MIN_DATASET_SIZE, MIN_QUADRATURE_POINTS } from '../limits';
import { DATASET_DEFAULTS } from '../../problems/datasets';
import { DEFAULT_REACTION_DIFFUSION_EPS } from '../../problems/pde';
import { DEFAULT_QUADRATURE_SEED } from '../../problems/quadrature';
import { TWISTED_DEFAULTS } from '../../problems/twisted';
import { KDV_DEFAULTS } from '../../rom/config';
import type { FieldGroup, ScenarioScalar } from './scenarioSpec';

/** Seeds are any safe integers (the Rng reduces them to 32 bits). */
export const SEED_RULE = { integer: true } as const;
const SEED_SWEEP = { scale: 'linear', from: 1, to: 10 } as const;

/** The exact spaces' domain (docs/ALGORITHMS.md §7) and the domains the PDE equations fix (§5). */
export const EXACT_DOMAIN: [number, number] = [-1, 1];
export const EQUATION_DOMAIN: Partial<Record<PdeEquation, [number, number]>> = {
  'reaction-diffusion': [0, 1],
  nonlinear: [-1, 1],
};

export const SPACE: ScenarioScalar = {
  type: 'enum',
  key: 'space',
  label: 'Space',
  required: true,
  values: SPACES,
  help: 'The exact two-dimensional space of the paper’s toys, or functions sampled at quadrature points.',
};

export const LOSS_KIND: ScenarioScalar = {
  type: 'enum',
  key: 'kind',
  label: 'Loss',
  required: true,
  values: LOSS_KINDS,
  valueLabels: { l2: 'L² ½‖v − u‖²', twisted: 'twisted ½‖f(e)‖²_K (not L²)' },
  help: 'The loss: ½‖v − u‖² (l2), with the derivative (h1), cross-entropy, a PDE residual, or the exact spaces’ twisted loss.',
};

const isTwisted = ({ s }: { s: Scenario }): boolean => s.problem.loss.kind === 'twisted';

/** The twisted loss 𝓛 = ½‖f(e)‖²_K, f(e) = e + ω‖e‖² R_φ e (docs/ALGORITHMS.md §7); K is read as for l2. */
export const TWISTED_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'number',
    key: 'omega',
    label: 'ω (twist)',
    rule: { lo: 0 },
    default: TWISTED_DEFAULTS.omega,
    applies: isTwisted,
    help: 'Strength of the twist: 0 is the l2 loss, larger ω bends the level sets further from ellipses.',
    sweep: { scale: 'linear', from: 0, to: 5 },
  },
  {
    type: 'number',
    key: 'phi_deg',
    label: 'φ (degrees)',
    rule: {},
    default: TWISTED_DEFAULTS.phiDeg,
    applies: isTwisted,
    help: 'Angle of the rotation R_φ applied to the error in the twist term.',
    sweep: { scale: 'linear', from: 0, to: 360 },
  },
];

export const EQUATION: ScenarioScalar = {
  type: 'enum',
  key: 'equation',
  label: 'Equation',
  required: true,
  values: PDE_EQUATIONS,
  valueLabels: {
    'reaction-diffusion': 'reaction–diffusion −εu″ + u′ = 1',
    nonlinear: 'nonlinear −u″ + u³ = f (Neumann)',
    poisson: 'Poisson −u″ = f',
  },
  help: 'The PDE whose residual the network minimises (its boundary conditions are built into the ansatz).',
};

export const DIFFUSION_EPS: ScenarioScalar = {
  type: 'number',
  key: 'eps',
  label: 'ε (diffusion)',
  rule: { lo: 0, loOpen: true },
  default: DEFAULT_REACTION_DIFFUSION_EPS,
  help: 'smaller ε: a thinner boundary layer, a stiffer problem',
  sweep: { scale: 'log', from: 1e-3, to: 1 },
};

export const TARGET_KIND: ScenarioScalar = {
  type: 'enum',
  key: 'kind',
  label: 'Target given by',
  required: true,
  values: TARGET_KINDS,
  valueLabels: {
    coefficients: 'coefficients c (sin 2πx, cos 2πx)',
    expression: 'formula',
    dataset: 'data set',
    kdv: 'KdV soliton at sample points',
  },
  help: 'The target u: a formula, coefficients in the exact space, a data set, or a KdV state seen at sample points.',
};

export const DATASET_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'enum',
    key: 'name',
    label: 'Data set',
    required: true,
    values: DATASET_NAMES,
    help: 'xor: points of [−1, 1]² labelled by the sign of x·y; Mackey–Glass: a chaotic time series.',
  },
  {
    type: 'number',
    key: 'n',
    label: 'samples n',
    rule: { integer: true, lo: MIN_DATASET_SIZE, hi: MAX_DATASET_SIZE },
    default: DATASET_DEFAULTS.n,
    help: 'How many samples are drawn.',
    sweep: { scale: 'log', from: 50, to: 5000 },
  },
  {
    type: 'number',
    key: 'noise',
    label: 'noise σ',
    rule: { lo: 0 },
    default: DATASET_DEFAULTS.noise,
    help: 'Standard deviation of the Gaussian noise added to the samples.',
    sweep: { scale: 'linear', from: 0, to: 0.5 },
  },
  {
    type: 'number',
    key: 'seed',
    label: 'seed',
    rule: SEED_RULE,
    default: DATASET_DEFAULTS.seed,
    help: 'Seed of the random samples (the same seed, the same data).',
    sweep: SEED_SWEEP,
  },
];

/** The KdV problem's domain: the periodic interval [−π, π) of the snapshots. */
export const KDV_DOMAIN: [number, number] = [-Math.PI, Math.PI];

/** The KdV test state u = 1 + a sech²(√(a/3)(x − x₀)) observed at m grid points (rom models). */
export const KDV_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'number',
    key: 'amplitude',
    label: 'amplitude a',
    rule: { lo: 0, loOpen: true, hi: 100 },
    default: KDV_DEFAULTS.amplitude,
    help: 'Peak height of the soliton above the background of 1 (the snapshots span 8–32).',
    sweep: { scale: 'linear', from: 8, to: 32 },
  },
  {
    type: 'number',
    key: 'position',
    label: 'position x₀',
    rule: {},
    default: KDV_DEFAULTS.position,
    help: 'Where the peak is (periodic on [−π, π)).',
    sweep: { scale: 'linear', from: -3, to: 3 },
  },
  {
    type: 'number',
    key: 'samples',
    label: 'samples m',
    rule: { integer: true, lo: 1, hi: 2048 },
    default: KDV_DEFAULTS.samples,
    help: 'Grid points the state is observed at (the first m of a seeded permutation: nested as m grows).',
    sweep: { scale: 'log', from: 1, to: 128 },
  },
  {
    type: 'number',
    key: 'seed',
    label: 'seed',
    rule: SEED_RULE,
    default: KDV_DEFAULTS.seed,
    help: 'Seed of the sample points.',
    sweep: SEED_SWEEP,
  },
];

export const COEFFICIENT: ScenarioScalar = {
  type: 'number',
  key: '#',
  label: 'c',
  rule: {},
  help: 'Coefficient of the target on sin 2πx, cos 2πx.',
  sweep: { scale: 'linear', from: -1, to: 1 },
};

export const QUADRATURE_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'enum',
    key: 'kind',
    label: 'Points',
    required: true,
    values: QUADRATURE_KINDS,
    valueLabels: { grid: 'midpoint grid', 'gauss-legendre': 'Gauss–Legendre', 'monte-carlo': 'Monte Carlo (random)' },
    help: 'Where the loss is sampled: a midpoint grid, Gauss–Legendre nodes, or random points.',
  },
  {
    type: 'number',
    key: 'm',
    label: 'points m',
    rule: { required: true, integer: true, lo: MIN_QUADRATURE_POINTS, hi: MAX_QUADRATURE_POINTS },
    help: 'How many quadrature points (in 2D, the nearest square on a tensor grid).',
    sweep: { scale: 'log', from: 20, to: 2000 },
  },
  {
    type: 'boolean',
    key: 'resample',
    label: 'new points every iteration (stochastic)',
    default: false,
    applies: ({ s }) => s.problem.quadrature?.kind === 'monte-carlo',
    help: 'Draw new Monte Carlo points at every iteration (a stochastic method).',
  },
  {
    type: 'number',
    key: 'seed',
    label: 'seed',
    rule: SEED_RULE,
    default: DEFAULT_QUADRATURE_SEED,
    sweep: SEED_SWEEP,
    applies: ({ s }) => s.problem.quadrature?.kind === 'monte-carlo',
    help: 'Seed of the Monte Carlo points.',
  },
];

/** Domains the problem fixes cannot be edited (exact spaces, the reaction–diffusion and nonlinear equations). */
function domainIsFree(s: Scenario): boolean {
  const loss = s.problem.loss;
  const target = s.problem.target?.kind;
  return (
    s.problem.space === 'sampled' &&
    !(loss.kind === 'pde' && EQUATION_DOMAIN[loss.equation] !== undefined) &&
    target !== 'dataset' &&
    target !== 'kdv'
  );
}

const DOMAIN_BOUND = (key: '0' | '1', label: string): ScenarioScalar => ({
  type: 'number',
  key,
  label,
  rule: {},
  applies: ({ s }) => domainIsFree(s),
  sweep: { scale: 'linear', from: -2, to: 2 },
  help: `The ${label === 'from' ? 'lower' : 'upper'} end of the interval of this input.`,
});

export const PROBLEM_GROUPS: readonly FieldGroup[] = [
  { at: 'problem', exists: () => true, existsWhere: 'every scenario', fields: [SPACE] },
  {
    at: 'problem.domain.#',
    exists: () => true,
    existsWhere: 'every scenario',
    fields: [DOMAIN_BOUND('0', 'from'), DOMAIN_BOUND('1', 'to')],
  },
  { at: 'problem.loss', exists: () => true, existsWhere: 'every scenario', fields: [LOSS_KIND] },
  { at: 'problem.loss', exists: (s) => s.problem.loss.kind === 'pde', existsWhere: 'pde losses', fields: [EQUATION] },
  {
    at: 'problem.loss',
    exists: (s) => s.problem.loss.kind === 'pde' && s.problem.loss.equation === 'reaction-diffusion',
    existsWhere: 'the reaction-diffusion equation',
    fields: [DIFFUSION_EPS],
  },
  {
    at: 'problem.loss',
    exists: (s) => s.problem.loss.kind === 'twisted',
    existsWhere: 'twisted losses',
    fields: TWISTED_FIELDS,
  },
  {
    at: 'problem.target',
    exists: (s) => s.problem.target !== undefined,
    existsWhere: 'problems with a target',
    fields: [TARGET_KIND],
  },
  {
    at: 'problem.target',
    exists: (s) => s.problem.target?.kind === 'dataset',
    existsWhere: 'dataset targets',
    fields: DATASET_FIELDS,
  },
  {
    at: 'problem.target',
    exists: (s) => s.problem.target?.kind === 'kdv',
    existsWhere: 'kdv targets',
    fields: KDV_FIELDS,
  },
  {
    at: 'problem.target.c',
    exists: (s) => s.problem.target?.kind === 'coefficients',
    existsWhere: 'coefficient targets',
    fields: [COEFFICIENT],
  },
  {
    at: 'problem.quadrature',
    exists: (s) => s.problem.quadrature !== undefined,
    existsWhere: 'sampled problems with a quadrature',
    fields: QUADRATURE_FIELDS,
  },
];
