// The scenario: the one description of an experiment (docs/SCENARIO.md).
// Field names are binding — saved links depend on them. Each option's values are listed once, here; the
// field table (table/*.ts) says what they mean.

export type Domain = [number, number][];

export const SPACES = ['exact', 'sampled'] as const;
export const TARGET_KINDS = ['expression', 'coefficients', 'dataset', 'kdv'] as const;
export const DATASET_NAMES = ['xor', 'mackey-glass'] as const;
export const LOSS_KINDS = ['l2', 'h1', 'cross-entropy', 'pde', 'twisted'] as const;
export const MODEL_KINDS = ['toy', 'linear', 'mlp', 'tensor', 'expression', 'rom'] as const;
export const ROM_VARIANTS = ['linear', 'nonlinear'] as const;
export const INIT_FITS = ['least-squares'] as const;
export const MLP_OUTPUTS = ['identity', 'sigmoid'] as const;
export const TENSOR_FORMATS = ['cp'] as const;

export type Target =
  | { kind: 'expression'; expr: string }
  | { kind: 'coefficients'; c: number[] }
  | { kind: 'dataset'; name: (typeof DATASET_NAMES)[number]; n?: number; noise?: number; seed?: number }
  // A KdV soliton on a background of 1, observed at `samples` grid points drawn from `seed` (rom models).
  | { kind: 'kdv'; amplitude?: number; position?: number; samples?: number; seed?: number };

export const PDE_EQUATIONS = ['reaction-diffusion', 'nonlinear', 'poisson'] as const;
export type PdeEquation = (typeof PDE_EQUATIONS)[number];

export type LossSpec =
  | { kind: 'l2'; K?: number[][] }
  | { kind: 'twisted'; omega?: number; phi_deg?: number; K?: number[][] } // exact spaces (docs/ALGORITHMS.md §7)
  | { kind: 'h1' }
  | { kind: 'cross-entropy' }
  | { kind: 'pde'; equation: 'reaction-diffusion'; eps?: number }
  | { kind: 'pde'; equation: 'nonlinear' }
  | { kind: 'pde'; equation: 'poisson'; f?: string };

export const QUADRATURE_KINDS = ['grid', 'gauss-legendre', 'monte-carlo'] as const;
export type QuadratureKind = (typeof QUADRATURE_KINDS)[number];

export interface QuadratureSpec {
  kind: QuadratureKind;
  m: number;
  resample?: boolean;
  seed?: number;
}

export interface Problem {
  space: (typeof SPACES)[number];
  domain: Domain;
  target?: Target;
  loss: LossSpec;
  quadrature?: QuadratureSpec;
}

export const TOY_NAMES = ['linear', 'kernel', 'quadratic', 'curve'] as const;
export type ToyName = (typeof TOY_NAMES)[number];
export interface ToyParams {
  B?: number[][];
  Q?: number[][][];
  phi_deg?: number;
  a?: number;
  s?: number;
}
export const BASIS_KINDS = ['fourier', 'legendre', 'chebyshev', 'hat', 'gaussian'] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];
export const ACTIVATIONS = ['tanh', 'sigmoid', 'softplus', 'sin'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export type ModelSpec =
  | { kind: 'toy'; name: ToyName; params?: ToyParams }
  | { kind: 'linear'; basis: BasisKind; n: number }
  | { kind: 'mlp'; layers: number[]; activation: Activation; output?: (typeof MLP_OUTPUTS)[number] }
  | { kind: 'tensor'; format: 'cp'; rank: number; basis: BasisKind; n: number }
  | { kind: 'expression'; expr: string; params: string[] }
  | RomModelSpec;

/** The KdV reduced-order model (docs/ALGORITHMS.md §5, docs/SCENARIO.md "model"): θ are its first n POD coefficients. */
export interface RomModelSpec {
  kind: 'rom';
  variant: (typeof ROM_VARIANTS)[number];
  modes?: number;
  total_modes?: number;
  grid?: number;
  snapshots?: number;
  snapshot_seed?: number;
  width?: number;
  training?: number;
  seed?: number;
}

/** θ₀ explicit, seeded random, or fitted (rom models: the linear ROM's least-squares fit to the samples). */
export type InitSpec = { theta0: number[] } | { seed: number; scale?: number } | { fit: (typeof INIT_FITS)[number] };

export const PRECONDITIONERS = ['identity', 'gram', 'loss-hessian', 'newton', 'adam', 'lbfgs'] as const;
export type Preconditioner = (typeof PRECONDITIONERS)[number];
export const MOMENTA = ['none', 'heavy-ball', 'nesterov'] as const;
export type Momentum = (typeof MOMENTA)[number];
export const TRANSPORTS = ['parameter', 'projected-momentum', 'projected-difference'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const LOOKAHEADS = ['tangent-k', 'tangent-y'] as const;
export type Lookahead = (typeof LOOKAHEADS)[number];
export const RESTARTS = ['none', 'function'] as const;
export type Restart = (typeof RESTARTS)[number];
export const STEP_RULES = ['fixed', 'armijo'] as const;
export const SOLVER_KINDS = ['cholesky', 'pinv', 'lstsq'] as const;
export const LINE_SEARCHES = ['armijo', 'strong-wolfe'] as const;
export type LineSearch = (typeof LINE_SEARCHES)[number];

export type StepRule = { rule: 'fixed' } | { rule: 'armijo'; initial?: number; shrink?: number; c?: number };

export type SolverSpec =
  { kind: 'cholesky'; eps?: number } | { kind: 'pinv'; rcond?: number } | { kind: 'lstsq'; rcond?: number };

export interface OptimizerSpec {
  id: string;
  label?: string;
  color?: string; // optional display colour (CSS colour); UI picks one when absent
  preconditioner: Preconditioner;
  momentum?: Momentum;
  alpha?: number;
  beta?: number;
  transport?: Transport;
  lookahead?: Lookahead;
  restart?: Restart;
  step?: StepRule;
  solver?: SolverSpec;
  // adam
  beta1?: number;
  beta2?: number;
  adamEps?: number;
  // lbfgs
  history?: number;
  lineSearch?: LineSearch;
}

/** When cond(S_k) is recorded: exact eigenvalues up to p = 64 and an estimate above (auto), always exact, or never. */
export const CONDITION_MODES = ['auto', 'exact', 'off'] as const;
export type ConditionMode = (typeof CONDITION_MODES)[number];

export interface RunSpec {
  iterations: number;
  seeds?: number;
  condition?: ConditionMode;
}

export interface Scenario {
  version: 1;
  title?: string;
  description?: string;
  problem: Problem;
  model: ModelSpec;
  init: InitSpec;
  optimizers: OptimizerSpec[];
  run: RunSpec;
}

/** An optimizer spec with every default filled in (what the engine runs). */
export interface ResolvedOptimizer {
  id: string;
  label: string;
  color?: string;
  preconditioner: Preconditioner;
  momentum: Momentum;
  alpha: number;
  beta: number;
  transport: Transport;
  lookahead: Lookahead;
  restart: Restart;
  step: { rule: 'fixed' } | { rule: 'armijo'; initial: number; shrink: number; c: number };
  solver: { kind: 'cholesky'; eps: number } | { kind: 'pinv'; rcond: number } | { kind: 'lstsq'; rcond: number };
  beta1: number;
  beta2: number;
  adamEps: number;
  history: number;
  lineSearch: 'armijo' | 'strong-wolfe';
}
