// The scenario: the one description of an experiment (../shared/SCENARIO.md).
// Field names are binding — saved links depend on them.

export type Domain = [number, number][];

export type Target =
  | { kind: 'expression'; expr: string }
  | { kind: 'coefficients'; c: number[] }
  | { kind: 'dataset'; name: 'xor' | 'mackey-glass'; n?: number; noise?: number; seed?: number };

export type PdeEquation = 'reaction-diffusion' | 'nonlinear' | 'poisson';

export type LossSpec =
  | { kind: 'l2'; K?: number[][] }
  | { kind: 'twisted'; omega?: number; phi_deg?: number; K?: number[][] } // exact spaces (ALGORITHMS §7)
  | { kind: 'h1' }
  | { kind: 'cross-entropy' }
  | { kind: 'pde'; equation: 'reaction-diffusion'; eps?: number }
  | { kind: 'pde'; equation: 'nonlinear' }
  | { kind: 'pde'; equation: 'poisson'; f?: string };

export type QuadratureKind = 'grid' | 'gauss-legendre' | 'monte-carlo';

export interface QuadratureSpec {
  kind: QuadratureKind;
  m: number;
  resample?: boolean;
  seed?: number;
}

export interface Problem {
  space: 'exact' | 'sampled';
  domain: Domain;
  target?: Target;
  loss: LossSpec;
  quadrature?: QuadratureSpec;
}

export type ToyName = 'linear' | 'kernel' | 'quadratic' | 'curve';
export interface ToyParams {
  B?: number[][];
  Q?: number[][][];
  phi_deg?: number;
  a?: number;
  s?: number;
}
export type BasisKind = 'fourier' | 'legendre' | 'chebyshev' | 'hat' | 'gaussian';
export type Activation = 'tanh' | 'sigmoid' | 'softplus' | 'sin';

export type ModelSpec =
  | { kind: 'toy'; name: ToyName; params?: ToyParams }
  | { kind: 'linear'; basis: BasisKind; n: number }
  | { kind: 'mlp'; layers: number[]; activation: Activation; output?: 'identity' | 'sigmoid' }
  | { kind: 'tensor'; format: 'cp'; rank: number; basis: BasisKind; n: number }
  | { kind: 'expression'; expr: string; params: string[] };

export type InitSpec = { theta0: number[] } | { seed: number; scale?: number };

export type Preconditioner = 'identity' | 'gram' | 'loss-hessian' | 'newton' | 'adam' | 'lbfgs';
export type Momentum = 'none' | 'heavy-ball' | 'nesterov';
export type Transport = 'parameter' | 'projected-momentum' | 'projected-difference';
export type Lookahead = 'tangent-k' | 'tangent-y';
export type Restart = 'none' | 'function';

export type StepRule =
  | { rule: 'fixed' }
  | { rule: 'armijo'; initial?: number; shrink?: number; c?: number };

export type SolverSpec =
  | { kind: 'cholesky'; eps?: number }
  | { kind: 'pinv'; rcond?: number }
  | { kind: 'lstsq'; rcond?: number };

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
  lineSearch?: 'armijo' | 'strong-wolfe';
}

export interface RunSpec {
  iterations: number;
  seeds?: number;
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
