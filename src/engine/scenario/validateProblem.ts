// Validation of the problem (docs/SCENARIO.md "problem"): space, domain, loss, target and quadrature,
// their fields read as the table says (table/problem.ts), then the rules that tie them together.

import * as libm from '../math';
import type { Domain, LossSpec, PdeEquation, Problem, QuadratureSpec, Target } from './types';
import { checkRestricted } from '../expr/restricted';
import { EXACT_SPACE_DIMENSION, MAX_EXPRESSION_LENGTH, inputDimension } from './limits';
import { FieldReader, field } from './fields';
import {
  DATASET_FIELDS,
  DIFFUSION_EPS,
  EQUATION,
  EQUATION_DOMAIN,
  EXACT_DOMAIN,
  LOSS_KIND,
  QUADRATURE_FIELDS,
  SPACE,
  TARGET_KIND,
  TWISTED_FIELDS,
  KDV_DOMAIN,
  KDV_FIELDS,
} from './table/problem';
import { readFields, readScalar } from './table/read';

/** What later sections need to know about the problem (undefined when that part is invalid). */
export interface ProblemFacts {
  space?: 'exact' | 'sampled';
  domainDims?: number;
  inputDim?: number;
  loss?: LossSpec;
  target?: Target;
}

export function readProblem(r: FieldReader, value: unknown, facts: ProblemFacts): Problem | undefined {
  const o = r.object(value, 'problem');
  if (o === undefined) return undefined;
  const space = readScalar(r, field(o, 'space'), 'problem.space', SPACE) as Problem['space'] | undefined;
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
  // The KdV target brings its sample points (grid points of the rom model): a quadrature is dropped.
  if (space === 'sampled' && target?.kind !== 'kdv') {
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
  const kind = readScalar(r, field(o, 'kind'), 'problem.loss.kind', LOSS_KIND) as LossSpec['kind'] | undefined;
  if (kind === undefined) return undefined;
  if (space === 'exact' && kind !== 'l2' && kind !== 'twisted') {
    return r.fail('problem.loss.kind', `exact spaces take the l2 or twisted loss only, got '${kind}'`);
  }
  switch (kind) {
    case 'l2': {
      const K = field(o, 'K');
      if (K === undefined) return { kind: 'l2' };
      if (space === 'sampled')
        return r.fail('problem.loss.K', 'is only allowed in exact spaces (sampled spaces weigh by the quadrature)');
      const matrix = readSpdMatrix(r, K, 'problem.loss.K');
      return matrix === undefined ? undefined : { kind: 'l2', K: matrix };
    }
    case 'twisted': {
      if (space === 'sampled')
        return r.fail(
          'problem.loss.kind',
          "the twisted loss lives in exact spaces only (problem.space 'exact'), got 'sampled'",
        );
      const { values, ok } = readFields(r, o, 'problem.loss', TWISTED_FIELDS);
      const KValue = field(o, 'K');
      const K = KValue === undefined ? undefined : readSpdMatrix(r, KValue, 'problem.loss.K');
      if (!ok || (KValue !== undefined && K === undefined)) return undefined;
      return { kind: 'twisted', ...values, ...(K === undefined ? {} : { K }) };
    }
    case 'h1':
      return { kind: 'h1' };
    case 'cross-entropy':
      return { kind: 'cross-entropy' };
    case 'pde': {
      if (space === 'exact') return undefined; // reported above
      const equation = readScalar(r, field(o, 'equation'), 'problem.loss.equation', EQUATION) as
        PdeEquation | undefined;
      if (equation === 'reaction-diffusion') {
        const eps = readScalar(r, field(o, 'eps'), 'problem.loss.eps', DIFFUSION_EPS) as number | undefined;
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
  const kind = readScalar(r, field(o, 'kind'), 'problem.target.kind', TARGET_KIND) as Target['kind'] | undefined;
  switch (kind) {
    case undefined:
      return undefined;
    case 'expression': {
      // Exact spaces project an expression of x on their basis; sampled spaces take x (and y).
      const dims = space === 'exact' ? 1 : domain?.length;
      const variables = dims === 2 ? ['x', 'y'] : ['x'];
      const expr =
        dims === undefined
          ? r.string(field(o, 'expr'), 'problem.target.expr', { required: true, maxLength: MAX_EXPRESSION_LENGTH })
          : readExpression(r, field(o, 'expr'), 'problem.target.expr', variables);
      return expr === undefined ? undefined : { kind, expr };
    }
    case 'coefficients': {
      if (space === 'sampled')
        return r.fail('problem.target.kind', "coefficient targets need an exact space (problem.space 'exact')");
      const c = r.numbers(field(o, 'c'), 'problem.target.c', {
        length: EXACT_SPACE_DIMENSION,
        what: 'the coefficients on sin 2πx, cos 2πx',
      });
      return c === undefined ? undefined : { kind, c };
    }
    case 'kdv': {
      if (space === 'exact')
        return r.fail('problem.target.kind', "the KdV state needs a sampled space (problem.space 'sampled')");
      const { values, ok } = readFields(r, o, 'problem.target', KDV_FIELDS);
      return ok ? ({ kind, ...values } as Target) : undefined;
    }
    case 'dataset': {
      if (space === 'exact')
        return r.fail('problem.target.kind', "datasets need a sampled space (problem.space 'sampled')");
      const { values, ok } = readFields(r, o, 'problem.target', DATASET_FIELDS);
      return ok ? ({ kind, ...values } as Target) : undefined;
    }
  }
}

export function readExpression(r: FieldReader, value: unknown, path: string, variables: string[]): string | undefined {
  const expr = r.string(value, path, { required: true, maxLength: MAX_EXPRESSION_LENGTH });
  if (expr === undefined) return undefined;
  const error = checkRestricted(expr, variables);
  if (error !== null) return r.fail(path, error.message);
  return expr;
}

function readQuadrature(r: FieldReader, value: unknown): QuadratureSpec | undefined {
  const o = r.object(value, 'problem.quadrature');
  if (o === undefined) return undefined;
  const { values, ok } = readFields(r, o, 'problem.quadrature', QUADRATURE_FIELDS);
  return ok ? (values as unknown as QuadratureSpec) : undefined;
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
      r.fail(
        'problem.domain',
        `an exact space lives on [[${EXACT_DOMAIN[0]}, ${EXACT_DOMAIN[1]}]] (ALGORITHMS §7), got ${formatDomain(domain)}`,
      );
    }
  }
  if (target?.kind === 'kdv') {
    if (loss.kind !== 'l2')
      r.fail('problem.loss.kind', `the KdV state is fitted with the l2 loss at its samples, got '${loss.kind}'`);
    if (domain.length !== 1 || domain[0][0] !== KDV_DOMAIN[0] || domain[0][1] !== KDV_DOMAIN[1]) {
      r.fail(
        'problem.domain',
        `the KdV state lives on [−π, π): [[${KDV_DOMAIN[0]}, ${KDV_DOMAIN[1]}]], got ${formatDomain(domain)}`,
      );
    }
  }
  if (loss.kind === 'h1') {
    if (domain.length !== 1)
      r.fail('problem.loss.kind', `the h1 loss is 1D only, the domain has ${domain.length} dimensions`);
    if (target !== undefined && target.kind !== 'expression') {
      r.fail(
        'problem.target.kind',
        `the h1 loss needs an expression target (its derivative enters the loss), got '${target.kind}'`,
      );
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
        r.fail(
          'problem.domain',
          `the ${loss.equation} equation is posed on [[${fixed[0]}, ${fixed[1]}]], got ${formatDomain(domain)}`,
        );
      }
    }
  }
  return r.errorCount === errors;
}

function formatDomain(domain: Domain): string {
  return `[${domain.map(([lo, hi]) => `[${lo}, ${hi}]`).join(', ')}]`;
}
