// A model (approximation manifold) bound to a set of evaluation points.
// Matrices are row-major Float64Arrays: J[i * p + j] = ∂v_i/∂θ_j.

export interface Model {
  /** Number of parameters. */
  readonly p: number;
  /** Length of the model vector: number of points (sampled spaces) or of coefficients (exact spaces). */
  readonly m: number;
  /** v ← A(θ). */
  values(theta: Float64Array, v: Float64Array): void;
  /** v ← A(θ) and J ← ∂v/∂θ (m × p, row-major). */
  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void;
  /**
   * out (p × p, row-major, symmetric) ← Σ_i a_i ∇²_θ v_i, the second-order term of Newton's Hessian.
   * `exactHessianTerm` says whether this is exact or a finite-difference approximation.
   */
  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void;
  readonly exactHessianTerm: boolean;
}

/** x-derivatives of a 1D model and their θ-Jacobians (PDE residuals, H1 loss). */
export interface DerivativeBuffers {
  v: Float64Array; // m
  vx: Float64Array; // m
  vxx: Float64Array; // m
  J: Float64Array; // m × p
  Jx: Float64Array; // m × p
  Jxx: Float64Array; // m × p
}

export function createDerivativeBuffers(m: number, p: number): DerivativeBuffers {
  return {
    v: new Float64Array(m),
    vx: new Float64Array(m),
    vxx: new Float64Array(m),
    J: new Float64Array(m * p),
    Jx: new Float64Array(m * p),
    Jxx: new Float64Array(m * p),
  };
}

export interface DifferentiableModel extends Model {
  /** Fill v, v′, v″ and their θ-Jacobians at the bound points (1D inputs only). */
  derivatives(theta: Float64Array, out: DerivativeBuffers): void;
  /**
   * out (p × p, symmetric) ← Σ_i (c0_i ∇²_θ v_i + c1_i ∇²_θ v′_i + c2_i ∇²_θ v″_i), exact (the second-order
   * term of Newton for PDE residuals and the H1 loss). Absent: those objectives fall back to finite differences.
   */
  readonly derivativeHessianContraction?: (
    theta: Float64Array,
    c0: Float64Array,
    c1: Float64Array,
    c2: Float64Array,
    out: Float64Array,
  ) => void;
}

export function hasDerivatives(model: Model): model is DifferentiableModel {
  return typeof (model as DifferentiableModel).derivatives === 'function';
}

/**
 * Points for sampled spaces: m points in d dimensions, row-major (points[i * d + k]).
 * Exact-space models ignore points.
 */
export interface PointSet {
  d: number;
  m: number;
  x: Float64Array;
  w: Float64Array; // quadrature weights
}
