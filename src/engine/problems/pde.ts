// The 1D PDE problems of docs/ALGORITHMS.md §5: the equation R(v) = 𝒟(v) − f, the ansatz that imposes its
// boundary conditions exactly, and its exact solution.
//
//   reaction-diffusion  R = −ε v″ + v′ − 1                       on [0, 1],  v = x(1−x)·N
//   nonlinear           R = −v″ + v³ − π² cos πx − cos³ πx        on [−1, 1], v = (1−x²)²·N + c + a(x³/3 − x)
//   poisson             R = −v″ − f,  f from an expression        on [a, b],  v = (x−a)(b−x)·N
//
// The ansatz (pdeAnsatz.ts) wraps the network N; the nonlinear equation's two extra parameters (c, a) come
// after the network's; e = c + a(x³/3 − x), linear in them.
//
// Exact solutions: reaction-diffusion and nonlinear in closed form; Poisson's in pdeExactSolutions.ts
// (closed form for the default f = π² sin πx, else the Green's-function integral).

import * as libm from '../math';
import type { DerivativeBuffers, DifferentiableModel, PointSet } from '../models/model';
import type { LossSpec, PdeEquation } from '../scenario/types';
import { AnsatzModel } from './pdeAnsatz';
import { defaultPoissonSolution, greenSolution, type ExactSolution } from './pdeExactSolutions';
import { compileTarget, type PointFunction } from './targets';

export type PdeLossSpec = Extract<LossSpec, { kind: 'pde' }>;

export const DEFAULT_REACTION_DIFFUSION_EPS = 0.1;
export const DEFAULT_POISSON_SOURCE = 'pi^2*sin(pi*x)';

export interface PdeDefinition {
  readonly equation: PdeEquation;
  readonly domain: [number, number];
  /** Trainable parameters appended after the network's (nonlinear: c, a). */
  readonly extraParameters: number;
  readonly exact: ExactSolution | null;
  /** The right-hand side f of 𝒟(v) = f at a point. */
  forcing(x: number): number;
  /** The ansatz around a network bound to `points` (the network must provide x-derivatives). */
  ansatz(network: DifferentiableModel, points: PointSet): AnsatzModel;
  /**
   * R_i = 𝒟(v)_i − f_i from the ansatz derivatives, and (when JR is given) J_R = ∂R/∂θ (m × p).
   * `forcing` holds f at the points.
   */
  residual(
    d: DerivativeBuffers,
    forcing: Float64Array,
    m: number,
    p: number,
    R: Float64Array,
    JR: Float64Array | null,
  ): void;
  /** secondOrderWeights reads the ansatz values v (the residual is nonlinear in v). */
  readonly secondOrderNeedsValues: boolean;
  /**
   * Newton's second-order term Σ_i a_i ∇²_θ R_i = Σ_i (c0_i ∇²v_i + c1_i ∇²v′_i + c2_i ∇²v″_i) + Jᵀ diag(g) J
   * (J = ∂v/∂θ; the last term is the residual's own curvature in v): fills c0, c1, c2 and g from a (and v
   * when secondOrderNeedsValues). Returns false when g = 0 (R affine in v, v′, v″).
   */
  secondOrderWeights(
    a: Float64Array,
    v: Float64Array,
    m: number,
    c0: Float64Array,
    c1: Float64Array,
    c2: Float64Array,
    g: Float64Array,
  ): boolean;
}

/** The domain an equation fixes (reaction-diffusion, nonlinear), else the scenario's. */
export function pdeDomain(spec: PdeLossSpec, scenarioDomain: [number, number]): [number, number] {
  switch (spec.equation) {
    case 'reaction-diffusion':
      return [0, 1];
    case 'nonlinear':
      return [-1, 1];
    case 'poisson':
      return [scenarioDomain[0], scenarioDomain[1]];
  }
}

export function pdeDefinition(spec: PdeLossSpec, scenarioDomain: [number, number]): PdeDefinition {
  switch (spec.equation) {
    case 'reaction-diffusion':
      return new ReactionDiffusion(spec.eps ?? DEFAULT_REACTION_DIFFUSION_EPS);
    case 'nonlinear':
      return new NonlinearNeumann();
    case 'poisson':
      return new Poisson(spec.f ?? DEFAULT_POISSON_SOURCE, pdeDomain(spec, scenarioDomain));
  }
}

// ---- equations ----------------------------------------------------------------------------------

class ReactionDiffusion implements PdeDefinition {
  readonly equation = 'reaction-diffusion' as const;
  readonly domain: [number, number] = [0, 1];
  readonly extraParameters = 0;
  readonly exact: ExactSolution;
  readonly eps: number;

  constructor(eps: number) {
    if (!(Number.isFinite(eps) && eps > 0)) throw new Error(`problem.loss.eps: must be > 0, got ${eps}`);
    this.eps = eps;
    // u = x − (e^{(x−1)/ε} − e^{−1/ε}) / (1 − e^{−1/ε})
    const tail = libm.exp(-1 / eps);
    const denominator = -libm.expm1(-1 / eps);
    this.exact = {
      kind: 'closed-form',
      u: (x) => x - (libm.exp((x - 1) / eps) - tail) / denominator,
      ux: (x) => 1 - libm.exp((x - 1) / eps) / (eps * denominator),
      uxx: (x) => -libm.exp((x - 1) / eps) / (eps * eps * denominator),
    };
  }

  forcing(): number {
    return 1;
  }

  ansatz(network: DifferentiableModel, points: PointSet): AnsatzModel {
    return new AnsatzModel(
      network,
      points,
      (x, out) => {
        out[0] = x * (1 - x);
        out[1] = 1 - 2 * x;
        out[2] = -2;
      },
      null,
    );
  }

  residual(
    d: DerivativeBuffers,
    f: Float64Array,
    m: number,
    p: number,
    R: Float64Array,
    JR: Float64Array | null,
  ): void {
    const eps = this.eps;
    for (let i = 0; i < m; i++) {
      R[i] = -eps * d.vxx[i] + d.vx[i] - f[i];
      if (JR === null) continue;
      const row = i * p;
      for (let j = 0; j < p; j++) JR[row + j] = -eps * d.Jxx[row + j] + d.Jx[row + j];
    }
  }

  readonly secondOrderNeedsValues = false;

  /** ∇²R = −ε ∇²v″ + ∇²v′. */
  secondOrderWeights(
    a: Float64Array,
    _v: Float64Array,
    m: number,
    c0: Float64Array,
    c1: Float64Array,
    c2: Float64Array,
  ): boolean {
    for (let i = 0; i < m; i++) {
      c0[i] = 0;
      c1[i] = a[i];
      c2[i] = -this.eps * a[i];
    }
    return false;
  }
}

class NonlinearNeumann implements PdeDefinition {
  readonly equation = 'nonlinear' as const;
  readonly domain: [number, number] = [-1, 1];
  readonly extraParameters = 2;
  readonly exact: ExactSolution = {
    kind: 'closed-form',
    u: (x) => libm.cos(Math.PI * x),
    ux: (x) => -Math.PI * libm.sin(Math.PI * x),
    uxx: (x) => -Math.PI * Math.PI * libm.cos(Math.PI * x),
  };

  forcing(x: number): number {
    const c = libm.cos(Math.PI * x);
    return Math.PI * Math.PI * c + c * c * c;
  }

  ansatz(network: DifferentiableModel, points: PointSet): AnsatzModel {
    return new AnsatzModel(
      network,
      points,
      (x, out) => {
        const s = 1 - x * x; // β = (1−x)²(1+x)² = s²
        out[0] = s * s;
        out[1] = -4 * x * s;
        out[2] = 12 * x * x - 4;
      },
      {
        count: 2,
        basis: (x, out) => {
          out[0] = 1; // c
          out[1] = 0;
          out[2] = 0;
          out[3] = (x * x * x) / 3 - x; // a
          out[4] = x * x - 1;
          out[5] = 2 * x;
        },
      },
    );
  }

  residual(
    d: DerivativeBuffers,
    f: Float64Array,
    m: number,
    p: number,
    R: Float64Array,
    JR: Float64Array | null,
  ): void {
    for (let i = 0; i < m; i++) {
      const v = d.v[i];
      R[i] = -d.vxx[i] + v * v * v - f[i];
      if (JR === null) continue;
      const row = i * p;
      const cubic = 3 * v * v;
      for (let j = 0; j < p; j++) JR[row + j] = -d.Jxx[row + j] + cubic * d.J[row + j];
    }
  }

  readonly secondOrderNeedsValues = true;

  /** ∇²R = −∇²v″ + 3v² ∇²v + 6v ∇v ∇vᵀ. */
  secondOrderWeights(
    a: Float64Array,
    v: Float64Array,
    m: number,
    c0: Float64Array,
    c1: Float64Array,
    c2: Float64Array,
    g: Float64Array,
  ): boolean {
    for (let i = 0; i < m; i++) {
      c0[i] = 3 * v[i] * v[i] * a[i];
      c1[i] = 0;
      c2[i] = -a[i];
      g[i] = 6 * v[i] * a[i];
    }
    return true;
  }
}

class Poisson implements PdeDefinition {
  readonly equation = 'poisson' as const;
  readonly domain: [number, number];
  readonly extraParameters = 0;
  readonly exact: ExactSolution | null;
  private readonly source: PointFunction;

  constructor(f: string, domain: [number, number]) {
    const [a, b] = domain;
    if (!(a < b)) throw new Error(`problem.domain: poisson needs a < b, got [${a}, ${b}]`);
    this.domain = domain;
    this.source = compileTarget(f, 1, 'problem.loss.f');
    this.exact = isDefaultSource(f) ? defaultPoissonSolution(a, b) : greenSolution((x) => this.source.at(x), a, b);
  }

  forcing(x: number): number {
    return this.source.at(x);
  }

  ansatz(network: DifferentiableModel, points: PointSet): AnsatzModel {
    const [a, b] = this.domain;
    return new AnsatzModel(
      network,
      points,
      (x, out) => {
        out[0] = (x - a) * (b - x);
        out[1] = a + b - 2 * x;
        out[2] = -2;
      },
      null,
    );
  }

  residual(
    d: DerivativeBuffers,
    f: Float64Array,
    m: number,
    p: number,
    R: Float64Array,
    JR: Float64Array | null,
  ): void {
    for (let i = 0; i < m; i++) {
      R[i] = -d.vxx[i] - f[i];
      if (JR === null) continue;
      const row = i * p;
      for (let j = 0; j < p; j++) JR[row + j] = -d.Jxx[row + j];
    }
  }

  readonly secondOrderNeedsValues = false;

  /** ∇²R = −∇²v″. */
  secondOrderWeights(
    a: Float64Array,
    _v: Float64Array,
    m: number,
    c0: Float64Array,
    c1: Float64Array,
    c2: Float64Array,
  ): boolean {
    for (let i = 0; i < m; i++) {
      c0[i] = 0;
      c1[i] = 0;
      c2[i] = -a[i];
    }
    return false;
  }
}

function isDefaultSource(f: string): boolean {
  return f.replace(/\s+/g, '') === DEFAULT_POISSON_SOURCE;
}

/** out[i] ← g(x_i) for a scalar function of 1D points. */
export function sampleScalar(g: (x: number) => number, points: PointSet, out: Float64Array): void {
  for (let i = 0; i < points.m; i++) out[i] = g(points.x[i * points.d]);
}
