// The start and the run (docs/SCENARIO.md "init", "run").

import { MAX_ITERATIONS, MAX_SEEDS } from '../limits';
import { DEFAULT_INIT_SCALE } from '../../models/init';
import { SEED_RULE } from './problem';
import { CONDITION_MODES, INIT_FITS } from '../types';
import type { FieldGroup, ScenarioScalar } from './scenarioSpec';

export const SEEDED_INIT_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'number',
    key: 'seed',
    label: 'seed',
    rule: { required: true, ...SEED_RULE },
    help: 'Seed of the random start (start i of an ensemble uses seed + i).',
    sweep: { scale: 'linear', from: 1, to: 10 },
  },
  {
    type: 'number',
    key: 'scale',
    label: 'scale',
    rule: { lo: 0 },
    default: DEFAULT_INIT_SCALE,
    help: 'Width of the uniform random start (for networks, times 1/√fan-in).',
    sweep: { scale: 'log', from: 0.1, to: 10 },
  },
];

export const INIT_FIT: ScenarioScalar = {
  type: 'enum',
  key: 'fit',
  label: 'start',
  required: true,
  values: INIT_FITS,
  valueLabels: { 'least-squares': 'linear least-squares fit to the samples' },
  help: 'θ₀ fitted to the data: for the reduced-order model, the linear ROM’s least-squares fit (minimum norm when m < n).',
};

export const THETA0_ENTRY: ScenarioScalar = {
  type: 'number',
  key: '#',
  label: 'θ₀',
  rule: { required: true },
  help: 'An entry of the explicit start θ₀.',
  sweep: { scale: 'linear', from: -2, to: 2 },
};

export const RUN_FIELDS: readonly ScenarioScalar[] = [
  {
    type: 'number',
    key: 'iterations',
    label: 'Iterations',
    rule: { required: true, integer: true, lo: 1, hi: MAX_ITERATIONS },
    help: 'How many iterations each optimizer runs.',
    sweep: { scale: 'log', from: 10, to: 1000 },
  },
  {
    type: 'number',
    key: 'seeds',
    label: 'Seeds',
    rule: { integer: true, lo: 1, hi: MAX_SEEDS },
    default: 1,
    applies: ({ s }) => 'seed' in s.init, // an ensemble needs random starts
    help: 'How many random starts (an ensemble) each optimizer runs from.',
    sweep: { scale: 'linear', from: 1, to: 16 },
  },
  {
    type: 'enum',
    key: 'condition',
    label: 'cond(S)',
    values: CONDITION_MODES,
    valueLabels: {
      auto: 'exact up to p = 64, estimated above',
      exact: 'exact eigenvalues every iteration',
      off: 'not recorded',
    },
    default: 'auto',
    help: 'How cond(S_k) is recorded: exact eigenvalues (costly for large p), a Lanczos/Cholesky estimate, or not at all.',
  },
];

export const RUN_GROUPS: readonly FieldGroup[] = [
  {
    at: 'init',
    exists: (s) => 'seed' in s.init,
    existsWhere: 'seeded random starts (init.seed)',
    fields: SEEDED_INIT_FIELDS,
  },
  {
    at: 'init.theta0',
    exists: (s) => 'theta0' in s.init,
    existsWhere: 'explicit starts (init.theta0)',
    fields: [THETA0_ENTRY],
  },
  { at: 'init', exists: (s) => 'fit' in s.init, existsWhere: 'fitted starts (init.fit)', fields: [INIT_FIT] },
  { at: 'run', exists: () => true, existsWhere: 'every scenario', fields: RUN_FIELDS },
];
