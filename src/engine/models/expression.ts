// A model given by a user formula in x (and y for 2D inputs) and named parameters, e.g.
// "a*exp(-b*(x-c)^2)" with params ["a", "b", "c"] (parameter order: the order of `params`).
// The Jacobian uses the symbolic derivatives ∂f/∂θ_j, compiled once at bind; the Hessian term uses the
// symbolic second derivatives ∂²f/∂θ_j∂θ_k (exact), compiled on first use. For 1D inputs the model also
// provides v′, v″ and their θ-Jacobians, again from symbolic derivatives.

import type { Model, DerivativeBuffers, DifferentiableModel, PointSet } from './model';
import { type ExprError, parseRestricted } from '../expr/restricted';
import { type Expr, CONSTANTS, FUNCTION_ARITY } from '../expr/ast';
import { differentiate } from '../expr/derivative';
import { compileExpr, type CompiledExpr } from '../expr/codegen';

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
    return { ok: false, error: { path: 'model', message: `expression models take 1 or 2 inputs, got ${inputDim}`, position: null } };
  }
  const inputs = inputVariables(inputDim);
  if (!Array.isArray(spec.params)) {
    return { ok: false, error: { path: 'model.params', message: 'must be a list of parameter names', position: null } };
  }
  for (let i = 0; i < spec.params.length; i++) {
    const name = spec.params[i];
    const fail = (message: string): ParsedModel => ({ ok: false, error: { path: `model.params[${i}]`, message, position: null } });
    if (typeof name !== 'string' || !IDENTIFIER.test(name)) return fail(`'${String(name)}' is not a valid name`);
    if (inputs.includes(name)) return fail(`'${name}' is an input variable`);
    if (Object.hasOwn(CONSTANTS, name) || Object.hasOwn(FUNCTION_ARITY, name)) return fail(`'${name}' is a reserved name`);
    if (spec.params.indexOf(name) !== i) return fail(`'${name}' is listed twice`);
  }
  const variables = [...inputs, ...spec.params];
  const parsed = parseRestricted(spec.expr, variables);
  if (!parsed.ok) return { ok: false, error: { path: 'model.expr', ...parsed.error } };
  return { ok: true, expr: parsed.expr, variables };
}

export function createExpressionModel(spec: ExpressionModelSpec, points: PointSet): Model {
  const parsed = parseExpressionModel(spec, points.d);
  if (!parsed.ok) throw new Error(`${parsed.error.path}: ${parsed.error.message}`);
  return points.d === 1 ? new Expression1DModel(parsed.expr, spec.params.length, points) : new ExpressionModel(parsed.expr, spec.params.length, points);
}

class ExpressionModel implements Model {
  readonly m: number;
  readonly exactHessianTerm = true;
  protected readonly d: number;
  protected readonly vars: Float64Array; // inputs, then θ
  protected readonly value: CompiledExpr;
  private readonly gradient: CompiledExpr[];
  private readonly gradientExprs: Expr[];
  private hessian: CompiledExpr[] | null = null; // upper triangle, row-major (j ≤ k)

  constructor(
    protected readonly expr: Expr,
    readonly p: number,
    protected readonly points: PointSet,
  ) {
    this.m = points.m;
    this.d = points.d;
    this.vars = new Float64Array(this.d + p);
    this.value = compileExpr(expr);
    this.gradientExprs = Array.from({ length: p }, (_, j) => differentiate(expr, this.d + j));
    this.gradient = this.gradientExprs.map(compileExpr);
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
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      this.loadPoint(i);
      v[i] = this.value(this.vars);
    }
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    const { p, vars, gradient } = this;
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      this.loadPoint(i);
      v[i] = this.value(vars);
      for (let j = 0; j < p; j++) J[i * p + j] = gradient[j](vars);
    }
  }

  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    const { p, vars } = this;
    this.hessian ??= this.compileHessian();
    const hessian = this.hessian;
    out.fill(0, 0, p * p);
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      const ai = a[i];
      if (ai === 0) continue;
      this.loadPoint(i);
      let t = 0;
      for (let j = 0; j < p; j++) for (let k = j; k < p; k++) out[j * p + k] += ai * hessian[t++](vars);
    }
    for (let j = 0; j < p; j++) for (let k = j + 1; k < p; k++) out[k * p + j] = out[j * p + k];
  }

  private compileHessian(): CompiledExpr[] {
    const second: CompiledExpr[] = [];
    for (let j = 0; j < this.p; j++) {
      for (let k = j; k < this.p; k++) second.push(compileExpr(differentiate(this.gradientExprs[j], this.d + k)));
    }
    return second;
  }
}

/** f′, f″ in x and ∂/∂θ_j of f, f′, f″, compiled on first use. */
interface XDerivatives {
  fx: CompiledExpr;
  fxx: CompiledExpr;
  gradient: CompiledExpr[];
  gradientX: CompiledExpr[];
  gradientXX: CompiledExpr[];
}

class Expression1DModel extends ExpressionModel implements DifferentiableModel {
  private xDerivatives: XDerivatives | null = null;

  derivatives(theta: Float64Array, out: DerivativeBuffers): void {
    const compiled = (this.xDerivatives ??= this.compileXDerivatives());
    const { p, vars } = this;
    this.loadTheta(theta);
    for (let i = 0; i < this.m; i++) {
      this.loadPoint(i);
      out.v[i] = this.value(vars);
      out.vx[i] = compiled.fx(vars);
      out.vxx[i] = compiled.fxx(vars);
      for (let j = 0; j < p; j++) {
        out.J[i * p + j] = compiled.gradient[j](vars);
        out.Jx[i * p + j] = compiled.gradientX[j](vars);
        out.Jxx[i * p + j] = compiled.gradientXX[j](vars);
      }
    }
  }

  private compileXDerivatives(): XDerivatives {
    const fx = differentiate(this.expr, 0);
    const fxx = differentiate(fx, 0);
    const params = Array.from({ length: this.p }, (_, j) => this.d + j);
    return {
      fx: compileExpr(fx),
      fxx: compileExpr(fxx),
      gradient: params.map((j) => compileExpr(differentiate(this.expr, j))),
      gradientX: params.map((j) => compileExpr(differentiate(fx, j))),
      gradientXX: params.map((j) => compileExpr(differentiate(fxx, j))),
    };
  }
}
