// Validation of scenarios (SCENARIO.md): any JSON value in, either a normalised deep copy of a valid
// scenario or every error found, each naming its field ("optimizers[1].beta: must be in [0, 1), got 1").
// Never throws. Unknown fields are ignored and not copied (forward compatible); omitted optional fields
// stay omitted (defaults live in defaults.ts and the engine), fields that a setting makes meaningless
// (a PDE problem's target, an exact space's quadrature) are dropped.

import * as libm from '../math';
import type {
  Activation, BasisKind, Domain, InitSpec, LossSpec, Lookahead, ModelSpec, Momentum, OptimizerSpec, PdeEquation,
  Preconditioner, Problem, QuadratureKind, QuadratureSpec, Restart, RunSpec, Scenario, SolverSpec, StepRule, Target,
  ToyName, ToyParams, Transport,
} from './types';
import { checkRestricted } from '../expr/restricted';
import { checkExpressionModel } from '../models/expression';
import {
  EXACT_SPACE_DIMENSION, MAX_BASIS_SIZE, MAX_COLOR_LENGTH, MAX_DATASET_SIZE, MAX_DESCRIPTION_LENGTH,
  MAX_EXPRESSION_LENGTH, MAX_ID_LENGTH, MAX_ITERATIONS, MAX_LABEL_LENGTH, MAX_LBFGS_HISTORY, MAX_MLP_LAYERS,
  MAX_OPTIMIZERS, MAX_PARAMETERS, MAX_QUADRATURE_POINTS, MAX_SEEDS, MAX_TITLE_LENGTH, MAX_TOY_PARAMETERS,
  MIN_DATASET_SIZE, MIN_MLP_LAYERS, MIN_OPTIMIZERS, MIN_QUADRATURE_POINTS, SCENARIO_VERSION, gramMemory,
  inputDimension, scenarioParameterCount,
} from './limits';
import { FieldReader, describe, field, isObject, type FieldError, type JsonObject } from './fields';

export { formatFieldError, type FieldError } from './fields';

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] };

const SPACES = ['exact', 'sampled'] as const;
const TARGET_KINDS = ['expression', 'coefficients', 'dataset'] as const;
const DATASETS = ['xor', 'mackey-glass'] as const;
const LOSS_KINDS = ['l2', 'twisted', 'h1', 'cross-entropy', 'pde'] as const;
const EQUATIONS: readonly PdeEquation[] = ['reaction-diffusion', 'nonlinear', 'poisson'];
const QUADRATURES: readonly QuadratureKind[] = ['grid', 'gauss-legendre', 'monte-carlo'];
const MODEL_KINDS = ['toy', 'linear', 'mlp', 'tensor', 'expression'] as const;
const TOY_NAMES: readonly ToyName[] = ['linear', 'kernel', 'quadratic', 'curve'];
const BASES: readonly BasisKind[] = ['fourier', 'legendre', 'chebyshev', 'hat', 'gaussian'];
const ACTIVATIONS: readonly Activation[] = ['tanh', 'sigmoid', 'softplus', 'sin'];
const OUTPUTS = ['identity', 'sigmoid'] as const;
const PRECONDITIONERS: readonly Preconditioner[] = ['identity', 'gram', 'loss-hessian', 'newton', 'adam', 'lbfgs'];
const MOMENTA: readonly Momentum[] = ['none', 'heavy-ball', 'nesterov'];
const TRANSPORTS: readonly Transport[] = ['parameter', 'projected-momentum', 'projected-difference'];
const LOOKAHEADS: readonly Lookahead[] = ['tangent-k', 'tangent-y'];
const RESTARTS: readonly Restart[] = ['none', 'function'];
const STEP_RULES = ['fixed', 'armijo'] as const;
const SOLVERS = ['cholesky', 'pinv', 'lstsq'] as const;
const LINE_SEARCHES = ['armijo', 'strong-wolfe'] as const;

/** The exact spaces' domain (ALGORITHMS §7) and the domains the PDE equations fix (§5). */
const EXACT_DOMAIN: [number, number] = [-1, 1];
const EQUATION_DOMAIN: Partial<Record<PdeEquation, [number, number]>> = {
  'reaction-diffusion': [0, 1],
  nonlinear: [-1, 1],
};

/** Seeds are any safe integers (the Rng reduces them to 32 bits). */
const SEED_RULE = { integer: true } as const;

/** What later sections need to know about the problem (undefined when that part is invalid). */
interface ProblemFacts {
  space?: 'exact' | 'sampled';
  domainDims?: number;
  inputDim?: number;
  loss?: LossSpec;
  target?: Target;
}

export function validateScenario(input: unknown): ValidationResult {
  const reader = new FieldReader();
  let scenario: Scenario | undefined;
  try {
    scenario = readScenario(reader, input);
  } catch (error) {
    // A bug here must not take the page down: report it as an error of the scenario.
    reader.fail('scenario', `could not be checked (${error instanceof Error ? error.message : String(error)})`);
  }
  if (reader.errorCount > 0 || scenario === undefined) {
    const errors = reader.errors();
    return { ok: false, errors: errors.length > 0 ? errors : [{ path: 'scenario', message: 'is invalid' }] };
  }
  return { ok: true, scenario };
}

function readScenario(r: FieldReader, input: unknown): Scenario | undefined {
  const root = r.object(input, 'scenario');
  if (root === undefined) return undefined;

  const version = field(root, 'version');
  if (version === undefined) r.fail('version', `is required (this app reads version ${SCENARIO_VERSION})`);
  else if (typeof version !== 'number') r.fail('version', `must be the number ${SCENARIO_VERSION}, got ${describe(version)}`);
  else if (version !== SCENARIO_VERSION) {
    r.fail('version', `unsupported version ${version} (this app reads version ${SCENARIO_VERSION})`);
  }
  const title = r.string(field(root, 'title'), 'title', { maxLength: MAX_TITLE_LENGTH });
  const description = r.string(field(root, 'description'), 'description', { maxLength: MAX_DESCRIPTION_LENGTH });

  const facts: ProblemFacts = {};
  const problem = readProblem(r, field(root, 'problem'), facts);
  const model = readModel(r, field(root, 'model'), facts);

  let p: number | undefined;
  if (model !== undefined && facts.loss !== undefined && facts.inputDim !== undefined) {
    p = scenarioParameterCount(model, facts.loss, facts.inputDim);
    if (p > MAX_PARAMETERS) {
      r.fail('model', `${p} parameters exceeds the limit of ${MAX_PARAMETERS} (the Gram matrix would need ${gramMemory(p)})`);
    }
  }
  const init = readInit(r, field(root, 'init'), p);
  const optimizers = readOptimizers(r, field(root, 'optimizers'), facts);
  const run = readRun(r, field(root, 'run'), init);

  if (problem === undefined || model === undefined || init === undefined || optimizers === undefined || run === undefined) {
    return undefined;
  }
  // Key order here is the canonical order of encoded links.
  return {
    version: SCENARIO_VERSION,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    problem,
    model,
    init,
    optimizers,
    run,
  };
}

// ---- problem ------------------------------------------------------------------------------------

function readProblem(r: FieldReader, value: unknown, facts: ProblemFacts): Problem | undefined {
  const o = r.object(value, 'problem');
  if (o === undefined) return undefined;
  const space = r.oneOf(field(o, 'space'), 'problem.space', SPACES);
  facts.space = space;
  const domain = readDomain(r, field(o, 'domain'));
  if (domain !== undefined) facts.domainDims = domain.length;

  const loss = readLoss(r, field(o, 'loss'), space);
  facts.loss = loss;
  let ok = space !== undefined && domain !== undefined && loss !== undefined;

  // Target: none for PDE losses (the equation defines the problem; a stray one is dropped).
  let target: Target | undefined;
  const targetValue = field(o, 'target');
  if (loss?.kind !== 'pde') {
    if (targetValue === undefined) {
      r.fail('problem.target', 'is required (only pde losses go without a target)');
      ok = false;
    } else {
      target = readTarget(r, targetValue, space, domain);
      if (target === undefined) ok = false;
    }
  }
  facts.target = target;
  if (space !== undefined && domain !== undefined && (target !== undefined || loss?.kind === 'pde')) {
    facts.inputDim = inputDimension(space, domain.length, target);
  }

  // Quadrature: sampled spaces only; datasets bring their own points.
  let quadrature: QuadratureSpec | undefined;
  if (space === 'sampled') {
    const needed = target?.kind !== 'dataset';
    const q = field(o, 'quadrature');
    if (q === undefined && needed) {
      r.fail('problem.quadrature', 'is required in sampled spaces');
      ok = false;
    } else if (q !== undefined) {
      quadrature = readQuadrature(r, q);
      if (quadrature === undefined) ok = false;
    }
  }

  if (space !== undefined && domain !== undefined && loss !== undefined) {
    if (!checkProblemConsistency(r, space, domain, loss, target)) ok = false;
  }
  if (!ok || space === undefined || domain === undefined || loss === undefined) return undefined;
  return {
    space,
    domain,
    ...(target === undefined ? {} : { target }),
    loss,
    ...(quadrature === undefined ? {} : { quadrature }),
  };
}

function readDomain(r: FieldReader, value: unknown): Domain | undefined {
  const list = r.array(value, 'problem.domain');
  if (list === undefined) return undefined;
  if (list.length < 1 || list.length > 2) {
    return r.fail('problem.domain', `must list 1 or 2 intervals [lo, hi], got ${list.length}`);
  }
  const domain: Domain = [];
  let ok = true;
  list.forEach((interval, k) => {
    const path = `problem.domain[${k}]`;
    const bounds = r.numbers(interval, path, { length: 2, what: '[lo, hi]' });
    if (bounds === undefined) ok = false;
    else if (!(bounds[0] < bounds[1])) {
      r.fail(path, `must be [lo, hi] with lo < hi, got [${bounds[0]}, ${bounds[1]}]`);
      ok = false;
    } else domain.push([bounds[0], bounds[1]]);
  });
  return ok ? domain : undefined;
}

function readLoss(r: FieldReader, value: unknown, space: 'exact' | 'sampled' | undefined): LossSpec | undefined {
  const o = r.object(value, 'problem.loss');
  if (o === undefined) return undefined;
  const kind = r.oneOf(field(o, 'kind'), 'problem.loss.kind', LOSS_KINDS);
  if (kind === undefined) return undefined;
  if (space === 'exact' && kind !== 'l2' && kind !== 'twisted') {
    return r.fail('problem.loss.kind', `exact spaces take the l2 or twisted loss only, got '${kind}'`);
  }
  switch (kind) {
    case 'l2': {
      const K = field(o, 'K');
      if (K === undefined) return { kind: 'l2' };
      if (space === 'sampled') return r.fail('problem.loss.K', 'is only allowed in exact spaces (sampled spaces weigh by the quadrature)');
      const matrix = readSpdMatrix(r, K, 'problem.loss.K');
      return matrix === undefined ? undefined : { kind: 'l2', K: matrix };
    }
    case 'twisted':
      return readTwistedLoss(r, o, space);
    case 'h1':
      return { kind: 'h1' };
    case 'cross-entropy':
      return { kind: 'cross-entropy' };
    case 'pde': {
      if (space === 'exact') return undefined; // reported above
      const equation = r.oneOf(field(o, 'equation'), 'problem.loss.equation', EQUATIONS);
      if (equation === 'reaction-diffusion') {
        const eps = r.number(field(o, 'eps'), 'problem.loss.eps', { lo: 0, loOpen: true });
        if (field(o, 'eps') !== undefined && eps === undefined) return undefined;
        return eps === undefined ? { kind: 'pde', equation } : { kind: 'pde', equation, eps };
      }
      if (equation === 'nonlinear') return { kind: 'pde', equation };
      if (equation === 'poisson') {
        const fValue = field(o, 'f');
        if (fValue === undefined) return { kind: 'pde', equation };
        const f = readExpression(r, fValue, 'problem.loss.f', ['x']);
        return f === undefined ? undefined : { kind: 'pde', equation, f };
      }
      return undefined;
    }
  }
}

/** The twisted loss (ALGORITHMS §7): exact spaces only; omega ≥ 0 and phi_deg finite, K as for l2. */
function readTwistedLoss(r: FieldReader, o: JsonObject, space: 'exact' | 'sampled' | undefined): LossSpec | undefined {
  if (space === 'sampled') return r.fail('problem.loss.kind', "the twisted loss lives in exact spaces only, got space 'sampled'");
  const loss: LossSpec = { kind: 'twisted' };
  let ok = true;
  const omegaValue = field(o, 'omega');
  if (omegaValue !== undefined) {
    const omega = r.number(omegaValue, 'problem.loss.omega', { lo: 0 });
    if (omega === undefined) ok = false;
    else loss.omega = omega;
  }
  const phiValue = field(o, 'phi_deg');
  if (phiValue !== undefined) {
    const phi = r.number(phiValue, 'problem.loss.phi_deg');
    if (phi === undefined) ok = false;
    else loss.phi_deg = phi;
  }
  const KValue = field(o, 'K');
  if (KValue !== undefined) {
    const K = readSpdMatrix(r, KValue, 'problem.loss.K');
    if (K === undefined) ok = false;
    else loss.K = K;
  }
  return ok ? loss : undefined;
}

/** A 2 × 2 symmetric positive definite matrix (the exact space's loss metric K). */
function readSpdMatrix(r: FieldReader, value: unknown, path: string): number[][] | undefined {
  const K = r.matrix(value, path, EXACT_SPACE_DIMENSION, EXACT_SPACE_DIMENSION);
  if (K === undefined) return undefined;
  const [[a, b], [c, d]] = K;
  const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
  if (Math.abs(b - c) > 1e-12 * scale) return r.fail(path, `must be symmetric, got K[0][1] = ${b} ≠ K[1][0] = ${c}`);
  // Eigenvalues of the symmetric part, for a message that says how far from definite it is.
  const mean = (a + d) / 2;
  const radius = libm.hypot((a - d) / 2, b);
  const lo = mean - radius;
  if (!(a > 0 && a * d - b * c > 0 && lo > 0)) {
    return r.fail(path, `must be positive definite, got eigenvalues ${round(lo)} and ${round(mean + radius)}`);
  }
  return K;
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

function readTarget(
  r: FieldReader,
  value: unknown,
  space: 'exact' | 'sampled' | undefined,
  domain: Domain | undefined,
): Target | undefined {
  const o = r.object(value, 'problem.target');
  if (o === undefined) return undefined;
  const kind = r.oneOf(field(o, 'kind'), 'problem.target.kind', TARGET_KINDS);
  switch (kind) {
    case undefined:
      return undefined;
    case 'expression': {
      // Exact spaces project an expression of x on their basis; sampled spaces take x (and y).
      const dims = space === 'exact' ? 1 : domain?.length;
      const variables = dims === 2 ? ['x', 'y'] : ['x'];
      const expr = dims === undefined
        ? r.string(field(o, 'expr'), 'problem.target.expr', { required: true, maxLength: MAX_EXPRESSION_LENGTH })
        : readExpression(r, field(o, 'expr'), 'problem.target.expr', variables);
      return expr === undefined ? undefined : { kind, expr };
    }
    case 'coefficients': {
      if (space === 'sampled') return r.fail('problem.target.kind', 'coefficient targets need an exact space (problem.space \'exact\')');
      const c = r.numbers(field(o, 'c'), 'problem.target.c', {
        length: EXACT_SPACE_DIMENSION, what: 'the coefficients on sin 2πx, cos 2πx',
      });
      return c === undefined ? undefined : { kind, c };
    }
    case 'dataset': {
      if (space === 'exact') return r.fail('problem.target.kind', 'datasets need a sampled space (problem.space \'sampled\')');
      const name = r.oneOf(field(o, 'name'), 'problem.target.name', DATASETS);
      const n = r.number(field(o, 'n'), 'problem.target.n', { integer: true, lo: MIN_DATASET_SIZE, hi: MAX_DATASET_SIZE });
      const noise = r.number(field(o, 'noise'), 'problem.target.noise', { lo: 0 });
      const seed = r.number(field(o, 'seed'), 'problem.target.seed', SEED_RULE);
      if (name === undefined || !allRead(o, { n, noise, seed })) return undefined;
      const target: Target = { kind, name };
      if (n !== undefined) target.n = n;
      if (noise !== undefined) target.noise = noise;
      if (seed !== undefined) target.seed = seed;
      return target;
    }
  }
}

/** True when every optional field present in `o` was read successfully. */
function allRead(o: JsonObject, values: Record<string, unknown>): boolean {
  return Object.entries(values).every(([key, v]) => v !== undefined || field(o, key) === undefined);
}

function readExpression(r: FieldReader, value: unknown, path: string, variables: string[]): string | undefined {
  const expr = r.string(value, path, { required: true, maxLength: MAX_EXPRESSION_LENGTH });
  if (expr === undefined) return undefined;
  const error = checkRestricted(expr, variables);
  if (error !== null) return r.fail(path, error.message);
  return expr;
}

function readQuadrature(r: FieldReader, value: unknown): QuadratureSpec | undefined {
  const o = r.object(value, 'problem.quadrature');
  if (o === undefined) return undefined;
  const kind = r.oneOf(field(o, 'kind'), 'problem.quadrature.kind', QUADRATURES);
  const m = r.number(field(o, 'm'), 'problem.quadrature.m', {
    required: true, integer: true, lo: MIN_QUADRATURE_POINTS, hi: MAX_QUADRATURE_POINTS,
  });
  const resample = r.boolean(field(o, 'resample'), 'problem.quadrature.resample');
  const seed = r.number(field(o, 'seed'), 'problem.quadrature.seed', SEED_RULE);
  if (kind === undefined || m === undefined || !allRead(o, { resample, seed })) return undefined;
  const q: QuadratureSpec = { kind, m };
  if (resample !== undefined) q.resample = resample;
  if (seed !== undefined) q.seed = seed;
  return q;
}

/** Checks that tie the space, domain, loss and target together. */
function checkProblemConsistency(
  r: FieldReader,
  space: 'exact' | 'sampled',
  domain: Domain,
  loss: LossSpec,
  target: Target | undefined,
): boolean {
  const errors = r.errorCount;
  if (space === 'exact') {
    if (domain.length !== 1 || domain[0][0] !== EXACT_DOMAIN[0] || domain[0][1] !== EXACT_DOMAIN[1]) {
      r.fail('problem.domain', `an exact space lives on [[${EXACT_DOMAIN[0]}, ${EXACT_DOMAIN[1]}]] (ALGORITHMS §7), got ${formatDomain(domain)}`);
    }
  }
  if (loss.kind === 'h1') {
    if (domain.length !== 1) r.fail('problem.loss.kind', `the h1 loss is 1D only, the domain has ${domain.length} dimensions`);
    if (target !== undefined && target.kind !== 'expression') {
      r.fail('problem.target.kind', `the h1 loss needs an expression target (its derivative enters the loss), got '${target.kind}'`);
    }
  }
  if (loss.kind === 'cross-entropy' && target !== undefined && !(target.kind === 'dataset' && target.name === 'xor')) {
    const got = target.kind === 'dataset' ? `the ${target.name} dataset` : `a ${target.kind} target`;
    r.fail('problem.target', `the cross-entropy loss needs the xor dataset (labels in {0, 1}), got ${got}`);
  }
  if (loss.kind === 'pde') {
    if (domain.length !== 1) r.fail('problem.domain', `pde losses are 1D: needs one interval, got ${domain.length}`);
    else {
      const fixed = EQUATION_DOMAIN[loss.equation];
      if (fixed !== undefined && (domain[0][0] !== fixed[0] || domain[0][1] !== fixed[1])) {
        r.fail('problem.domain', `the ${loss.equation} equation is posed on [[${fixed[0]}, ${fixed[1]}]], got ${formatDomain(domain)}`);
      }
    }
  }
  return r.errorCount === errors;
}

function formatDomain(domain: Domain): string {
  return `[${domain.map(([lo, hi]) => `[${lo}, ${hi}]`).join(', ')}]`;
}

// ---- model --------------------------------------------------------------------------------------

function readModel(r: FieldReader, value: unknown, facts: ProblemFacts): ModelSpec | undefined {
  const o = r.object(value, 'model');
  if (o === undefined) return undefined;
  const kind = r.oneOf(field(o, 'kind'), 'model.kind', MODEL_KINDS);
  if (kind === undefined) return undefined;
  const errors = r.errorCount;
  if (facts.space === 'exact' && kind !== 'toy') r.fail('model.kind', `an exact space needs a toy model, got '${kind}'`);
  if (facts.space === 'sampled' && kind === 'toy') r.fail('model.kind', "toy models need an exact space (problem.space 'exact')");
  if (facts.loss?.kind === 'pde' && kind !== 'mlp') {
    r.fail('model.kind', `pde losses need an mlp model (the ansatz wraps it), got '${kind}'`);
  }
  if (facts.loss?.kind === 'cross-entropy' && kind !== 'mlp') {
    r.fail('model.kind', `the cross-entropy loss needs an mlp model with output 'sigmoid', got '${kind}'`);
  }
  const inputDim = facts.space === 'sampled' ? facts.inputDim : undefined;
  const inputs = inputDim === undefined ? '' : describeInputs(inputDim, facts.target);
  let model: ModelSpec | undefined;
  switch (kind) {
    case 'toy':
      model = readToy(r, o);
      break;
    case 'linear': {
      if (inputDim !== undefined && inputDim !== 1) r.fail('model.kind', `linear models take 1D inputs, got ${inputs}`);
      const basis = r.oneOf(field(o, 'basis'), 'model.basis', BASES);
      const n = r.number(field(o, 'n'), 'model.n', { required: true, integer: true, lo: 1, hi: MAX_BASIS_SIZE });
      if (basis !== undefined && n !== undefined) model = { kind, basis, n };
      break;
    }
    case 'mlp':
      model = readMlp(r, o, inputDim, inputs, facts.loss);
      break;
    case 'tensor': {
      if (inputDim !== undefined && inputDim !== 2) r.fail('model.kind', `tensor models take 2D inputs, got ${inputs}`);
      const format = r.oneOf(field(o, 'format'), 'model.format', ['cp'] as const);
      const rank = r.number(field(o, 'rank'), 'model.rank', { required: true, integer: true, lo: 1, hi: MAX_PARAMETERS });
      const basis = r.oneOf(field(o, 'basis'), 'model.basis', BASES);
      const n = r.number(field(o, 'n'), 'model.n', { required: true, integer: true, lo: 1, hi: MAX_BASIS_SIZE });
      if (format !== undefined && rank !== undefined && basis !== undefined && n !== undefined) {
        model = { kind, format, rank, basis, n };
      }
      break;
    }
    case 'expression':
      model = readExpressionModel(r, o, inputDim, inputs);
      break;
  }
  return r.errorCount === errors ? model : undefined;
}

function describeInputs(inputDim: number, target: Target | undefined): string {
  const source = target?.kind === 'dataset' ? `the ${target.name} dataset` : 'the domain';
  return `${inputDim} from ${source}`;
}

function readToy(r: FieldReader, o: JsonObject): ModelSpec | undefined {
  const name = r.oneOf(field(o, 'name'), 'model.name', TOY_NAMES);
  const paramsValue = field(o, 'params');
  if (paramsValue === undefined) return name === undefined ? undefined : { kind: 'toy', name };
  const po = r.object(paramsValue, 'model.params');
  if (po === undefined) return undefined;
  const params: ToyParams = {};
  let ok = true;
  const BValue = field(po, 'B');
  let p = EXACT_SPACE_DIMENSION;
  if (BValue !== undefined) {
    const B = r.matrix(BValue, 'model.params.B', undefined, EXACT_SPACE_DIMENSION, MAX_TOY_PARAMETERS);
    if (B === undefined) ok = false;
    else {
      params.B = B;
      p = B.length;
    }
  }
  const QValue = field(po, 'Q');
  if (QValue !== undefined) {
    const Q = ok ? readToyQ(r, QValue, p) : undefined;
    if (Q === undefined) ok = false;
    else params.Q = Q;
  }
  for (const key of ['phi_deg', 'a', 's'] as const) {
    const x = r.number(field(po, key), `model.params.${key}`);
    if (x !== undefined) params[key] = x;
    else if (field(po, key) !== undefined) ok = false;
  }
  if (name === undefined || !ok) return undefined;
  return { kind: 'toy', name, params };
}

/** Q[i][j][l]: p × 2 × p. */
function readToyQ(r: FieldReader, value: unknown, p: number): number[][][] | undefined {
  const list = r.array(value, 'model.params.Q');
  if (list === undefined) return undefined;
  if (list.length !== p) return r.fail('model.params.Q', `must be ${p} × ${EXACT_SPACE_DIMENSION} × ${p} (p = rows of B), got ${list.length} rows`);
  const Q: number[][][] = [];
  let ok = true;
  list.forEach((slice, i) => {
    const m = r.matrix(slice, `model.params.Q[${i}]`, EXACT_SPACE_DIMENSION, p);
    if (m === undefined) ok = false;
    else Q.push(m);
  });
  return ok ? Q : undefined;
}

function readMlp(
  r: FieldReader,
  o: JsonObject,
  inputDim: number | undefined,
  inputs: string,
  loss: LossSpec | undefined,
): ModelSpec | undefined {
  const list = r.array(field(o, 'layers'), 'model.layers');
  let layers: number[] | undefined;
  if (list !== undefined) {
    if (list.length < MIN_MLP_LAYERS || list.length > MAX_MLP_LAYERS) {
      r.fail('model.layers', `must list ${MIN_MLP_LAYERS} to ${MAX_MLP_LAYERS} layer sizes (input, hidden…, output), got ${list.length}`);
    } else {
      const sizes = list.map((n, l) => r.number(n, `model.layers[${l}]`, { required: true, integer: true, lo: 1 }));
      if (sizes.every((n): n is number => n !== undefined)) {
        layers = sizes;
        if (inputDim !== undefined && sizes[0] !== inputDim) {
          r.fail('model.layers[0]', `must equal the input dimension (${inputs}), got ${sizes[0]}`);
        }
        const last = sizes.length - 1;
        if (sizes[last] !== 1) r.fail(`model.layers[${last}]`, `the output size must be 1, got ${sizes[last]}`);
      }
    }
  }
  const activation = r.oneOf(field(o, 'activation'), 'model.activation', ACTIVATIONS);
  const output = r.oneOf(field(o, 'output'), 'model.output', OUTPUTS, false);
  if (loss?.kind === 'cross-entropy' && output !== 'sigmoid' && (output !== undefined || field(o, 'output') === undefined)) {
    r.fail('model.output', `the cross-entropy loss needs output 'sigmoid' (probabilities in (0, 1)), got ${describe(output ?? 'identity')}`);
  }
  if (layers === undefined || activation === undefined || (output === undefined && field(o, 'output') !== undefined)) {
    return undefined;
  }
  return output === undefined ? { kind: 'mlp', layers, activation } : { kind: 'mlp', layers, activation, output };
}

function readExpressionModel(r: FieldReader, o: JsonObject, inputDim: number | undefined, inputs: string): ModelSpec | undefined {
  const expr = r.string(field(o, 'expr'), 'model.expr', { required: true, maxLength: MAX_EXPRESSION_LENGTH });
  const list = r.array(field(o, 'params'), 'model.params');
  let params: string[] | undefined;
  if (list !== undefined) {
    if (list.length === 0) r.fail('model.params', 'must name at least one parameter');
    else if (list.length > MAX_PARAMETERS) r.fail('model.params', `must name at most ${MAX_PARAMETERS} parameters, got ${list.length}`);
    else {
      const names = list.map((name, i) => r.string(name, `model.params[${i}]`, { required: true, nonEmpty: true, maxLength: MAX_ID_LENGTH }));
      if (names.every((n): n is string => n !== undefined)) params = names;
    }
  }
  if (inputDim !== undefined && inputDim !== 1 && inputDim !== 2) {
    return r.fail('model.kind', `expression models take 1 or 2 inputs, got ${inputs}`);
  }
  if (expr === undefined || params === undefined) return undefined;
  if (inputDim !== undefined) {
    const error = checkExpressionModel({ expr, params }, inputDim);
    if (error !== null) return r.fail(error.path, error.message);
  }
  return { kind: 'expression', expr, params };
}

// ---- init, optimizers, run ----------------------------------------------------------------------

function readInit(r: FieldReader, value: unknown, p: number | undefined): InitSpec | undefined {
  const o = r.object(value, 'init');
  if (o === undefined) return undefined;
  const theta0 = field(o, 'theta0');
  if (theta0 !== undefined) {
    const what = p === undefined ? undefined : 'the parameter count';
    const list = r.numbers(theta0, 'init.theta0', { length: p, what });
    return list === undefined ? undefined : { theta0: list };
  }
  if (field(o, 'seed') === undefined) {
    return r.fail('init', 'needs theta0 (an explicit start) or seed (a seeded random start)');
  }
  const seed = r.number(field(o, 'seed'), 'init.seed', { required: true, ...SEED_RULE });
  const scale = r.number(field(o, 'scale'), 'init.scale', { lo: 0 });
  if (seed === undefined || (scale === undefined && field(o, 'scale') !== undefined)) return undefined;
  return scale === undefined ? { seed } : { seed, scale };
}

function readOptimizers(r: FieldReader, value: unknown, facts: ProblemFacts): OptimizerSpec[] | undefined {
  const list = r.array(value, 'optimizers');
  if (list === undefined) return undefined;
  if (list.length < MIN_OPTIMIZERS || list.length > MAX_OPTIMIZERS) {
    return r.fail('optimizers', `must list ${MIN_OPTIMIZERS} to ${MAX_OPTIMIZERS} optimizers, got ${list.length}`);
  }
  const specs = list.map((item, i) => readOptimizer(r, item, `optimizers[${i}]`, facts));
  // Duplicates are looked for among the ids as written, also in optimizers with other errors.
  const firstIndex = new Map<string, number>();
  let duplicates = false;
  list.forEach((item, i) => {
    const id = isObject(item) ? field(item, 'id') : undefined;
    if (typeof id !== 'string' || id === '') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, i);
    else {
      duplicates = true;
      r.fail(`optimizers[${i}].id`, `duplicates optimizers[${first}].id '${id}' (ids must be unique)`);
    }
  });
  return specs.every((s): s is OptimizerSpec => s !== undefined) && !duplicates ? specs : undefined;
}

function readOptimizer(r: FieldReader, value: unknown, path: string, facts: ProblemFacts): OptimizerSpec | undefined {
  const o = r.object(value, path);
  if (o === undefined) return undefined;
  const errors = r.errorCount;
  const id = r.string(field(o, 'id'), `${path}.id`, { required: true, nonEmpty: true, maxLength: MAX_ID_LENGTH });
  if (id?.includes('#')) r.fail(`${path}.id`, `must not contain '#' (ensemble tracks are keyed 'id#seed'), got ${describe(id)}`);
  const label = r.string(field(o, 'label'), `${path}.label`, { maxLength: MAX_LABEL_LENGTH });
  const color = r.string(field(o, 'color'), `${path}.color`, { maxLength: MAX_COLOR_LENGTH });
  const preconditioner = r.oneOf(field(o, 'preconditioner'), `${path}.preconditioner`, PRECONDITIONERS);
  // Momentum options mean nothing to adam and lbfgs: still checked for type, never an error of meaning.
  const momentum = r.oneOf(field(o, 'momentum'), `${path}.momentum`, MOMENTA, false);
  const alpha = r.number(field(o, 'alpha'), `${path}.alpha`, { lo: 0, loOpen: true });
  const beta = r.number(field(o, 'beta'), `${path}.beta`, { lo: 0, hi: 1, hiOpen: true });
  const transport = r.oneOf(field(o, 'transport'), `${path}.transport`, TRANSPORTS, false);
  const lookahead = r.oneOf(field(o, 'lookahead'), `${path}.lookahead`, LOOKAHEADS, false);
  const restart = r.oneOf(field(o, 'restart'), `${path}.restart`, RESTARTS, false);
  const step = readStep(r, field(o, 'step'), `${path}.step`);
  const solver = readSolver(r, field(o, 'solver'), `${path}.solver`);
  const beta1 = r.number(field(o, 'beta1'), `${path}.beta1`, { lo: 0, hi: 1, hiOpen: true });
  const beta2 = r.number(field(o, 'beta2'), `${path}.beta2`, { lo: 0, hi: 1, hiOpen: true });
  const adamEps = r.number(field(o, 'adamEps'), `${path}.adamEps`, { lo: 0, loOpen: true });
  const history = r.number(field(o, 'history'), `${path}.history`, { integer: true, lo: 1, hi: MAX_LBFGS_HISTORY });
  const lineSearch = r.oneOf(field(o, 'lineSearch'), `${path}.lineSearch`, LINE_SEARCHES, false);

  if (solver?.kind === 'lstsq' && (preconditioner === 'identity' || preconditioner === 'newton')) {
    r.fail(`${path}.solver.kind`, `'lstsq' solves only the gram and loss-hessian preconditioners (ALGORITHMS §3), not '${preconditioner}'`);
  }
  if (solver?.kind === 'lstsq' && preconditioner === 'gram' && facts.loss?.kind === 'pde') {
    r.fail(
      `${path}.solver.kind`,
      "'lstsq' with preconditioner 'gram' has no least-squares form for a pde loss (ALGORITHMS §3): use 'cholesky' or 'pinv', or preconditioner 'loss-hessian'",
    );
  }
  if (r.errorCount !== errors || id === undefined || preconditioner === undefined) return undefined;
  const spec: OptimizerSpec = {
    id,
    ...(label === undefined ? {} : { label }),
    ...(color === undefined ? {} : { color }),
    preconditioner,
  };
  if (momentum !== undefined) spec.momentum = momentum;
  if (alpha !== undefined) spec.alpha = alpha;
  if (beta !== undefined) spec.beta = beta;
  if (transport !== undefined) spec.transport = transport;
  if (lookahead !== undefined) spec.lookahead = lookahead;
  if (restart !== undefined) spec.restart = restart;
  if (step !== undefined) spec.step = step;
  if (solver !== undefined) spec.solver = solver;
  if (beta1 !== undefined) spec.beta1 = beta1;
  if (beta2 !== undefined) spec.beta2 = beta2;
  if (adamEps !== undefined) spec.adamEps = adamEps;
  if (history !== undefined) spec.history = history;
  if (lineSearch !== undefined) spec.lineSearch = lineSearch;
  return spec;
}

function readStep(r: FieldReader, value: unknown, path: string): StepRule | undefined {
  const o = r.object(value, path, false);
  if (o === undefined) return undefined;
  const rule = r.oneOf(field(o, 'rule'), `${path}.rule`, STEP_RULES);
  if (rule !== 'armijo') return rule === 'fixed' ? { rule } : undefined;
  const initial = r.number(field(o, 'initial'), `${path}.initial`, { lo: 0, loOpen: true });
  const shrink = r.number(field(o, 'shrink'), `${path}.shrink`, { lo: 0, hi: 1, loOpen: true, hiOpen: true });
  const c = r.number(field(o, 'c'), `${path}.c`, { lo: 0, hi: 1, loOpen: true, hiOpen: true });
  if (!allRead(o, { initial, shrink, c })) return undefined;
  const step: StepRule = { rule };
  if (initial !== undefined) step.initial = initial;
  if (shrink !== undefined) step.shrink = shrink;
  if (c !== undefined) step.c = c;
  return step;
}

function readSolver(r: FieldReader, value: unknown, path: string): SolverSpec | undefined {
  const o = r.object(value, path, false);
  if (o === undefined) return undefined;
  const kind = r.oneOf(field(o, 'kind'), `${path}.kind`, SOLVERS);
  if (kind === 'cholesky') {
    const eps = r.number(field(o, 'eps'), `${path}.eps`, { lo: 0 });
    if (!allRead(o, { eps })) return undefined;
    return eps === undefined ? { kind } : { kind, eps };
  }
  if (kind === 'pinv' || kind === 'lstsq') {
    const rcond = r.number(field(o, 'rcond'), `${path}.rcond`, { lo: 0, hi: 1, hiOpen: true });
    if (!allRead(o, { rcond })) return undefined;
    return rcond === undefined ? { kind } : { kind, rcond };
  }
  return undefined;
}

function readRun(r: FieldReader, value: unknown, init: InitSpec | undefined): RunSpec | undefined {
  const o = r.object(value, 'run');
  if (o === undefined) return undefined;
  const iterations = r.number(field(o, 'iterations'), 'run.iterations', { required: true, integer: true, lo: 1, hi: MAX_ITERATIONS });
  const seeds = r.number(field(o, 'seeds'), 'run.seeds', { integer: true, lo: 1, hi: MAX_SEEDS });
  if (seeds !== undefined && seeds > 1 && init !== undefined && 'theta0' in init) {
    r.fail('run.seeds', `an ensemble of ${seeds} starts needs a seeded random start (init.seed), not init.theta0`);
    return undefined;
  }
  if (iterations === undefined || !allRead(o, { seeds })) return undefined;
  return seeds === undefined ? { iterations } : { iterations, seeds };
}
