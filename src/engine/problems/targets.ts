// Targets u of sampled and exact spaces (docs/ALGORITHMS.md §1, §7).
//  - expression targets: a restricted expression in x (1D) or x, y (2D), evaluated at points; its
//    x-derivative u′ (h1 loss) is the symbolic derivative of the same expression;
//  - coefficient targets: c_u in the exact space V = span(sin 2πx, cos 2πx) on [−1, 1];
//  - an expression target in an exact space is projected on that orthonormal basis.

import * as libm from '../math';
import { compileDerivative, compileRestricted, type CompiledExpr, type CompileResult } from '../expr/restricted';
import type { PointSet } from '../models/model';
import { gaussLegendre } from './quadrature';

/** The variables of an expression on d-dimensional points. */
export function targetVariables(d: number): string[] {
  if (d === 1) return ['x'];
  if (d === 2) return ['x', 'y'];
  throw new Error(`expression targets take 1 or 2 variables, not ${d}`);
}

function unwrap(result: CompileResult, field: string): CompiledExpr {
  if (!result.ok) throw new Error(`${field}: ${result.error.message}`);
  return result.fn;
}

/** A scalar function of the point coordinates, evaluated on whole point sets. */
export class PointFunction {
  private readonly fn: CompiledExpr;
  private readonly scratch: Float64Array;
  readonly d: number;

  constructor(fn: CompiledExpr, d: number) {
    this.fn = fn;
    this.d = d;
    this.scratch = new Float64Array(d);
  }

  /** out[i] ← f(x_i). */
  values(points: PointSet, out: Float64Array): void {
    if (points.d !== this.d) throw new Error(`target: expected ${this.d}D points, got ${points.d}D`);
    const { fn, scratch, d } = this;
    const x = points.x;
    for (let i = 0; i < points.m; i++) {
      for (let k = 0; k < d; k++) scratch[k] = x[i * d + k];
      out[i] = fn(scratch);
    }
  }

  at(...coordinates: number[]): number {
    for (let k = 0; k < this.d; k++) this.scratch[k] = coordinates[k];
    return this.fn(this.scratch);
  }
}

/** u from a restricted expression on d-dimensional points; throws `${field}: message at position n`. */
export function compileTarget(expr: string, d: number, field = 'problem.target.expr'): PointFunction {
  return new PointFunction(unwrap(compileRestricted(expr, targetVariables(d)), field), d);
}

/** u′ = ∂u/∂x of a 1D expression (symbolic). */
export function compileTargetDerivative(expr: string, field = 'problem.target.expr'): PointFunction {
  return new PointFunction(unwrap(compileDerivative(expr, ['x'], 'x'), field), 1);
}

/** The values of a function at the points, as a new array. */
export function sampleTarget(fn: PointFunction, points: PointSet): Float64Array {
  const out = new Float64Array(points.m);
  fn.values(points, out);
  return out;
}

// ---- exact spaces -------------------------------------------------------------------------------

/** The exact spaces' domain and dimension (docs/ALGORITHMS.md §7). */
export const EXACT_SPACE_DOMAIN: [number, number] = [-1, 1];
export const EXACT_SPACE_DIMENSION = 2;

/** out ← Φ(x) = (sin 2πx, cos 2πx), orthonormal in L2(−1, 1). */
export function exactBasis(x: number, out: Float64Array): void {
  out[0] = libm.sin(2 * Math.PI * x);
  out[1] = libm.cos(2 * Math.PI * x);
}

/** cᵀΦ(x) at each point (plots of exact-space functions). */
export function exactSpaceValues(c: ArrayLike<number>, points: PointSet, out: Float64Array): void {
  const phi = new Float64Array(EXACT_SPACE_DIMENSION);
  for (let i = 0; i < points.m; i++) {
    exactBasis(points.x[i * points.d], phi);
    out[i] = c[0] * phi[0] + c[1] * phi[1];
  }
}

/** c_u from explicit coefficients. */
export function coefficientTarget(c: number[]): Float64Array {
  if (c.length !== EXACT_SPACE_DIMENSION || !c.every(Number.isFinite)) {
    throw new Error(`problem.target.c: must be ${EXACT_SPACE_DIMENSION} finite numbers`);
  }
  return Float64Array.from(c);
}

/** Panels × nodes of the composite Gauss–Legendre rule that projects expressions on the exact basis. */
const PROJECTION_PANELS = 64;
const PROJECTION_NODES = 16;

/** Nodes and weights of the composite rule of projectOntoExactBasis, panel by panel. */
function projectionRule(): { x: Float64Array; w: Float64Array } {
  const rule = gaussLegendre(PROJECTION_NODES);
  const [lo, hi] = EXACT_SPACE_DOMAIN;
  const width = (hi - lo) / PROJECTION_PANELS;
  const x = new Float64Array(PROJECTION_PANELS * PROJECTION_NODES);
  const w = new Float64Array(PROJECTION_PANELS * PROJECTION_NODES);
  for (let panel = 0; panel < PROJECTION_PANELS; panel++) {
    const centre = lo + (panel + 0.5) * width;
    for (let q = 0; q < PROJECTION_NODES; q++) {
      x[panel * PROJECTION_NODES + q] = centre + 0.5 * width * rule.nodes[q];
      w[panel * PROJECTION_NODES + q] = 0.5 * width * rule.weights[q];
    }
  }
  return { x, w };
}

/** The points where an exact space's expression target is evaluated (validation checks it is finite there). */
export function exactProjectionPoints(): PointSet {
  const { x, w } = projectionRule();
  return { d: 1, m: x.length, x, w };
}

/** c_u,j = ∫_{−1}^{1} u Φ_j dx (L2 projection on the orthonormal basis), by composite Gauss–Legendre. */
export function projectOntoExactBasis(u: PointFunction): Float64Array {
  const { x, w } = projectionRule();
  const c = new Float64Array(EXACT_SPACE_DIMENSION);
  const phi = new Float64Array(EXACT_SPACE_DIMENSION);
  for (let i = 0; i < x.length; i++) {
    const ux = u.at(x[i]);
    exactBasis(x[i], phi);
    for (let j = 0; j < EXACT_SPACE_DIMENSION; j++) c[j] += w[i] * ux * phi[j];
  }
  if (!c.every(Number.isFinite)) throw new Error('problem.target.expr: not finite on [−1, 1]');
  return c;
}

/** The first point where fn is not finite, as "x = …" (or "(x, y) = (…)"), or null. */
export function firstNonFinitePoint(fn: PointFunction, points: PointSet): string | null {
  const values = sampleTarget(fn, points);
  for (let i = 0; i < points.m; i++) {
    if (Number.isFinite(values[i])) continue;
    const at = Array.from(points.x.subarray(i * points.d, (i + 1) * points.d), (v) => Number(v.toPrecision(6)));
    const where = at.length === 1 ? `x = ${at[0]}` : `(x, y) = (${at.join(', ')})`;
    return `${values[i]} at ${where}`;
  }
  return null;
}
