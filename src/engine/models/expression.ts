// A model given by a user formula in x (and y for 2D inputs) and named parameters, e.g.
// "a*exp(-b*(x-c)^2)" with params ["a", "b", "c"] (parameter order: the order of `params`).
// The Jacobian uses the symbolic derivatives ∂f/∂θ_j; the Hessian term the symbolic second derivatives
// ∂²f/∂θ_j∂θ_k (exact), compiled on first use. For 1D inputs the model also provides v′, v″ and their
// θ-Jacobians, again from symbolic derivatives.
//
// Derivatives are DAGs on one node pool per formula (expr/dag.ts), bounded by MAX_EXPRESSION_NODES, and
// compiled into one function per set (all of ∂f/∂θ at once, sharing subexpressions). The compiled kernels
// are cached by formula: every track of a run, and every rebuild of the same scenario, shares them.

import type { Model, DerivativeBuffers, DifferentiableModel, PointSet } from './model';
import { type ExprError, RESERVED_NAMES, parseRestricted } from '../expr/restricted';
import type { Expr } from '../expr/ast';
import { Differentiator } from '../expr/derivative';
import { ExprBudgetError, ExprPool, operationCount } from '../expr/dag';
import { compileExpr, compileExprs, type CompiledExpr, type CompiledExprs } from '../expr/codegen';
import { LruCache } from '../expr/cache';

export interface ExpressionModelSpec {
  expr: string;
  params: string[];
}

/** An error of an expression model, with the scenario path it belongs to. */
export interface ExpressionModelError extends ExprError {
  path: string; // 'model.expr' or 'model.params[i]'
}

const INPUT_NAMES = ['x', 'y'];
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

export function inputVariables(inputDim: number): string[] {
  return INPUT_NAMES.slice(0, inputDim);
}

/** Validation for scenario decoding and the UI: null when the model compiles. */
export function checkExpressionModel(spec: ExpressionModelSpec, inputDim: number): ExpressionModelError | null {
  const result = parseExpressionModel(spec, inputDim);
  return result.ok ? null : result.error;
}

type ParsedModel = { ok: true; expr: Expr; variables: string[] } | { ok: false; error: ExpressionModelError };

function parseExpressionModel(spec: ExpressionModelSpec, inputDim: number): ParsedModel {
  if (inputDim !== 1 && inputDim !== 2) {
    return {
      ok: false,
      error: { path: 'model', message: `expression models take 1 or 2 inputs, got ${inputDim}`, position: null },
    };
  }
  const inputs = inputVariables(inputDim);
  if (!Array.isArray(spec.params)) {
    return { ok: false, error: { path: 'model.params', message: 'must be a list of parameter names', position: null } };
  }
  for (let i = 0; i < spec.params.length; i++) {
    const name = spec.params[i];
    const fail = (message: string): ParsedModel => ({
      ok: false,
      error: { path: `model.params[${i}]`, message, position: null },
    });
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) return fail(`'${String(name)}' is not a valid name`);
    if (inputs.includes(name)) return fail(`'${name}' is an input variable`);
    if (INPUT_NAMES.includes(name)) return fail(`'${name}' is reserved for the inputs`);
    if (RESERVED_NAMES.has(name))
      return fail(`'${name}' is a reserved name (a constant, function or operator of the formula language)`);
    if (spec.params.indexOf(name) !== i) return fail(`'${name}' is listed twice`);
  }
  const variables = [...inputs, ...spec.params];
  const parsed = parseRestricted(spec.expr, variables);
  if (!parsed.ok) return { ok: false, error: { path: 'model.expr', ...parsed.error } };
  return { ok: true, expr: parsed.expr, variables };
}

/** The derivatives a run needs beyond f and ∂f/∂θ. */
export interface ExpressionNeeds {
  hessian: boolean; // Newton's second-order term
  xDerivatives: boolean; // h1 loss: f′, f″ and their θ-Jacobians (1D inputs)
}

/** The symbolic derivative sets of one formula, on one bounded pool. */
class Derivation {
  readonly pool = new ExprPool();
  readonly expr: Expr;
  private readonly differentiators = new Map<number, Differentiator>();

  constructor(
    expr: Expr,
    readonly d: number,
    readonly p: number,
  ) {
    this.expr = this.pool.intern(expr);
  }

  private by(index: number): Differentiator {
    let differentiator = this.differentiators.get(index);
    if (differentiator === undefined) {
      differentiator = new Differentiator(this.pool, index);
      this.differentiators.set(index, differentiator);
    }
    return differentiator;
  }

  private params(): number[] {
    return Array.from({ length: this.p }, (_, j) => this.d + j);
  }

  gradient(): Expr[] {
    return this.params().map((j) => this.by(j).of(this.expr));
  }

  /** Upper triangle, row-major (j ≤ k). */
  hessian(): Expr[] {
    const gradient = this.gradient();
    const second: Expr[] = [];
    for (let j = 0; j < this.p; j++) for (let k = j; k < this.p; k++) second.push(this.by(this.d + k).of(gradient[j]));
    return second;
  }

  /** [f, f′, f″, ∂θf…, ∂θf′…, ∂θf″…]. */
  xDerivatives(): Expr[] {
    const fx = this.by(0).of(this.expr);
    const fxx = this.by(0).of(fx);
    const params = this.params();
    return [
      this.expr,
      fx,
      fxx,
      ...params.map((j) => this.by(j).of(this.expr)),
      ...params.map((j) => this.by(j).of(fx)),
      ...params.map((j) => this.by(j).of(fxx)),
    ];
  }
}

/** Operations per point of each compiled set (the cost model's measure), or why the formula is refused. */
export type ExpressionSize =
  | { ok: true; value: number; gradient: number; hessian: number; xDerivatives: number; nodes: number }
  | { ok: false; error: ExpressionModelError };

export function expressionModelSize(
  spec: ExpressionModelSpec,
  inputDim: number,
  needs: ExpressionNeeds,
): ExpressionSize {
  const parsed = parseExpressionModel(spec, inputDim);
  if (!parsed.ok) return parsed;
  const derivation = new Derivation(parsed.expr, inputDim, spec.params.length);
  try {
    const gradient = derivation.gradient();
    const hessian = needs.hessian ? derivation.hessian() : [];
    const xDerivatives = needs.xDerivatives && inputDim === 1 ? derivation.xDerivatives() : [];
    return {
      ok: true,
      value: operationCount([derivation.expr]),
      gradient: operationCount(gradient),
      hessian: operationCount(hessian),
      xDerivatives: operationCount(xDerivatives),
      nodes: derivation.pool.size,
    };
  } catch (error) {
    if (!(error instanceof ExprBudgetError)) throw error;
    const which = needs.hessian ? 'its first and second derivatives' : 'its derivatives';
    return {
      ok: false,
      error: {
        path: 'model.expr',
        message: `${which} need more than ${error.limit} expression nodes: simplify the formula${needs.hessian ? ' or use an optimizer other than Newton' : ''}`,
        position: null,
      },
    };
  }
}

/** Compiled functions of one formula, shared by every model bound to it. */
class Kernels {
  readonly value: CompiledExpr;
  readonly gradient: CompiledExprs;
  private hessianKernel: CompiledExprs | null = null;
  private xKernel: CompiledExprs | null = null;

  constructor(private readonly derivation: Derivation) {
    this.value = compileExpr(derivation.expr);
    this.gradient = compileExprs(derivation.gradient());
  }

  hessian(): CompiledExprs {
    this.hessianKernel ??= compileExprs(this.derivation.hessian());
    return this.hessianKernel;
  }

  xDerivatives(): CompiledExprs {
    this.xKernel ??= compileExprs(this.derivation.xDerivatives());
    return this.xKernel;
  }
}

const kernelCache = new LruCache<Kernels>(8);

function kernelsOf(spec: ExpressionModelSpec, parsed: Extract<ParsedModel, { ok: true }>, d: number): Kernels {
  return kernelCache.get(
    `${d}\u0000${spec.params.join(',')}\u0000${spec.expr}`,
    () => new Kernels(new Derivation(parsed.expr, d, spec.params.length)),
  );
}

export function createExpressionModel(spec: ExpressionModelSpec, points: PointSet): Model {
  const parsed = parseExpressionModel(spec, points.d);
  if (!parsed.ok) throw new Error(`${parsed.error.path}: ${parsed.error.message}`);
  const kernels = kernelsOf(spec, parsed, points.d);
  return points.d === 1
    ? new Expression1DModel(kernels, spec.params.length, points)
    : new ExpressionModel(kernels, spec.params.length, points);
}

class ExpressionModel implements Model {
  readonly m: number;
  readonly exactHessianTerm = true;
  protected readonly d: number;
  protected readonly vars: Float64Array; // inputs, then θ
  private hessianValues: Float64Array | null = null; // upper triangle, row-major (j ≤ k)

  constructor(
    protected readonly kernels: Kernels,
    readonly p: number,
    protected readonly points: PointSet,
  ) {
    this.m = points.m;
    this.d = points.d;
    this.vars = new Float64Array(this.d + p);
  }

  /** Loads θ into the variable vector (inputs are loaded per point). */
  protected loadTheta(theta: Float64Array): void {
    this.vars.set(theta.subarray(0, this.p), this.d);
  }

  protected loadPoint(i: number): void {
    const { d, vars } = this;
    const x = this.points.x;
    for (let k = 0; k < d; k++) vars[k] = x[i * d + k];
  }

  values(theta: Float64Array, v: Float64Array): void {
    const value = this.kernels.value;
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      this.loadPoint(i);
      v[i] = value(this.vars);
    }
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    const { p, vars } = this;
    const { value, gradient } = this.kernels;
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      this.loadPoint(i);
      v[i] = value(vars);
      gradient(vars, J, i * p);
    }
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    const { p, vars } = this;
    const hessian = this.kernels.hessian();
    const second = (this.hessianValues ??= new Float64Array((p * (p + 1)) / 2));
    out.fill(0, 0, p * p);
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      const ai = a[i];
      if (ai === 0) continue;
      this.loadPoint(i);
      hessian(vars, second, 0);
      let t = 0;
      for (let j = 0; j < p; j++) for (let k = j; k < p; k++) out[j * p + k] += ai * second[t++];
    }
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) out[k * p + j] = out[j * p + k];
  }
}

class Expression1DModel extends ExpressionModel implements DifferentiableModel {
  private xValues: Float64Array | null = null;

  derivatives(theta: Float64Array, out: DerivativeBuffers): void {
    const kernel = this.kernels.xDerivatives();
    const { p, vars } = this;
    const values = (this.xValues ??= new Float64Array(3 + 3 * p));
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      this.loadPoint(i);
      kernel(vars, values, 0);
      out.v[i] = values[0];
      out.vx[i] = values[1];
      out.vxx[i] = values[2];
      for (let j = 0; j < p; j++) {
        out.J[i * p + j] = values[3 + j];
        out.Jx[i * p + j] = values[3 + p + j];
        out.Jxx[i * p + j] = values[3 + 2 * p + j];
      }
    }
  }
}
