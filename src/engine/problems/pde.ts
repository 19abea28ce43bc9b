// The 1D PDE problems of ALGORITHMS.md §5: the equation R(v) = 𝒟(v) − f, the ansatz that imposes its
// boundary conditions exactly, and its exact solution.
//
//   reaction-diffusion  R = −ε v″ + v′ − 1                       on [0, 1],  v = x(1−x)·N
//   nonlinear           R = −v″ + v³ − π² cos πx − cos³ πx        on [−1, 1], v = (1−x²)²·N + c + a(x³/3 − x)
//   poisson             R = −v″ − f,  f from an expression        on [a, b],  v = (x−a)(b−x)·N
//
// The ansatz is a DifferentiableModel wrapping the network N bound to the same points: with the factor
// β(x) (and its β′, β″) v = βN + e, v′ = β′N + βN′ + e′, v″ = β″N + 2β′N′ + βN″ + e″, and the θ-Jacobians
// follow the same product rule row by row (exact whenever N's are). The nonlinear equation's two extra
// parameters (c, a) come after the network's; e = c + a(x³/3 − x), linear in them.
//
// Exact solutions: reaction-diffusion and nonlinear in closed form. Poisson: closed form when f is the
// default π² sin(πx) (u = sin πx minus the linear interpolant of its boundary values, exact on any [a, b]);
// for any other f, u is the Green's-function integral
//   u(x) = [(b−x)∫_a^x (s−a) f(s) ds + (x−a)∫_x^b (b−s) f(s) ds] / (b−a),
// computed by composite Gauss–Legendre (512 panels × 8 nodes, rounding-level for smooth f; u″ = −f exactly).
// When f is not finite at a quadrature node or panel edge of [a, b] there is no exact solution (null).

import * as libm from '../math';
import type { DerivativeBuffers, DifferentiableModel, PointSet } from '../models/model';
import type { LossSpec, PdeEquation } from '../scenario/types';
import { gaussLegendre } from './quadrature';
import { compileTarget, type PointFunction } from './targets';

export type PdeLossSpec = Extract<LossSpec, { kind: 'pde' }>;

export const DEFAULT_REACTION_DIFFUSION_EPS = 0.1;
export const DEFAULT_POISSON_SOURCE = 'pi^2*sin(pi*x)';

/** A scalar solution with its first two derivatives. */
export interface ExactSolution {
  /** 'closed-form', or 'quadrature' (Poisson with a user f: Green's function integrated numerically). */
  readonly kind: 'closed-form' | 'quadrature';
  u(x: number): number;
  ux(x: number): number;
  uxx(x: number): number;
}

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
  residual(d: DerivativeBuffers, forcing: Float64Array, m: number, p: number, R: Float64Array, JR: Float64Array | null): void;
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

// ---- ansatz -------------------------------------------------------------------------------------

/** β, β′, β″ of the boundary factor at x. */
type BoundaryFactor = (x: number, out: Float64Array) => void;

/** Extra terms linear in trailing parameters: out[k*3 + 0..2] = (e_k, e_k′, e_k″) at x for each parameter k. */
type ExtraTerms = { count: number; basis: (x: number, out: Float64Array) => void };

export class AnsatzModel implements DifferentiableModel {
  readonly p: number;
  readonly m: number;
  readonly exactHessianTerm: boolean;
  readonly network: DifferentiableModel;
  private readonly pNet: number;
  private readonly extraCount: number;
  // β, β′, β″ at the points and the extra basis (m × extraCount × 3)
  private readonly beta: Float64Array;
  private readonly dbeta: Float64Array;
  private readonly d2beta: Float64Array;
  private readonly extra: Float64Array;
  // network buffers
  private readonly thetaNet: Float64Array;
  private readonly netValues: Float64Array;
  private readonly netJ: Float64Array;
  private readonly netDerivatives: DerivativeBuffers;
  private readonly scaledA: Float64Array;
  private readonly netHessian: Float64Array;

  constructor(network: DifferentiableModel, points: PointSet, factor: BoundaryFactor, extras: ExtraTerms | null) {
    if (points.d !== 1) throw new Error(`PDE ansatz: needs 1D points, got d = ${points.d}`);
    if (network.m !== points.m) throw new Error('PDE ansatz: the network is bound to other points');
    const m = (this.m = points.m);
    this.network = network;
    this.pNet = network.p;
    this.extraCount = extras?.count ?? 0;
    this.p = this.pNet + this.extraCount;
    this.exactHessianTerm = network.exactHessianTerm; // the extras are linear: no second-order term
    this.beta = new Float64Array(m);
    this.dbeta = new Float64Array(m);
    this.d2beta = new Float64Array(m);
    this.extra = new Float64Array(m * this.extraCount * 3);
    const triple = new Float64Array(3);
    const extraTriples = new Float64Array(this.extraCount * 3);
    for (let i = 0; i < m; i++) {
      const x = points.x[i];
      factor(x, triple);
      this.beta[i] = triple[0];
      this.dbeta[i] = triple[1];
      this.d2beta[i] = triple[2];
      if (extras) {
        extras.basis(x, extraTriples);
        this.extra.set(extraTriples, i * this.extraCount * 3);
      }
    }
    const pNet = this.pNet;
    this.thetaNet = new Float64Array(pNet);
    this.netValues = new Float64Array(m);
    this.netJ = new Float64Array(m * pNet);
    this.netDerivatives = {
      v: this.netValues,
      vx: new Float64Array(m),
      vxx: new Float64Array(m),
      J: this.netJ,
      Jx: new Float64Array(m * pNet),
      Jxx: new Float64Array(m * pNet),
    };
    this.scaledA = new Float64Array(m);
    this.netHessian = new Float64Array(this.extraCount > 0 ? pNet * pNet : 0);
  }

  private splitTheta(theta: Float64Array): void {
    for (let j = 0; j < this.pNet; j++) this.thetaNet[j] = theta[j];
  }

  /** Σ_k θ_{pNet+k} e_k^{(order)} at point i. */
  private extraValue(theta: Float64Array, i: number, order: number): number {
    let sum = 0;
    const base = i * this.extraCount * 3;
    for (let k = 0; k < this.extraCount; k++) sum += theta[this.pNet + k] * this.extra[base + 3 * k + order];
    return sum;
  }

  values(theta: Float64Array, v: Float64Array): void {
    this.splitTheta(theta);
    this.network.values(this.thetaNet, this.netValues);
    for (let i = 0; i < this.m; i++) v[i] = this.beta[i] * this.netValues[i] + this.extraValue(theta, i, 0);
  }

  jacobian(theta: Float64Array, v: Float64Array, J: Float64Array): void {
    const { m, p, pNet, extraCount } = this;
    this.splitTheta(theta);
    this.network.jacobian(this.thetaNet, this.netValues, this.netJ);
    for (let i = 0; i < m; i++) {
      const b = this.beta[i];
      v[i] = b * this.netValues[i] + this.extraValue(theta, i, 0);
      const row = i * p;
      const netRow = i * pNet;
      for (let j = 0; j < pNet; j++) J[row + j] = b * this.netJ[netRow + j];
      for (let k = 0; k < extraCount; k++) J[row + pNet + k] = this.extra[(i * extraCount + k) * 3];
    }
  }

  derivatives(theta: Float64Array, out: DerivativeBuffers): void {
    const { m, p, pNet, extraCount } = this;
    this.splitTheta(theta);
    const net = this.netDerivatives;
    this.network.derivatives(this.thetaNet, net);
    for (let i = 0; i < m; i++) {
      const b = this.beta[i];
      const b1 = this.dbeta[i];
      const b2 = this.d2beta[i];
      const N = net.v[i];
      const N1 = net.vx[i];
      const N2 = net.vxx[i];
      out.v[i] = b * N + this.extraValue(theta, i, 0);
      out.vx[i] = b1 * N + b * N1 + this.extraValue(theta, i, 1);
      out.vxx[i] = b2 * N + 2 * b1 * N1 + b * N2 + this.extraValue(theta, i, 2);
      const row = i * p;
      const netRow = i * pNet;
      for (let j = 0; j < pNet; j++) {
        const dN = net.J[netRow + j];
        const dN1 = net.Jx[netRow + j];
        const dN2 = net.Jxx[netRow + j];
        out.J[row + j] = b * dN;
        out.Jx[row + j] = b1 * dN + b * dN1;
        out.Jxx[row + j] = b2 * dN + 2 * b1 * dN1 + b * dN2;
      }
      for (let k = 0; k < extraCount; k++) {
        const e = (i * extraCount + k) * 3;
        out.J[row + pNet + k] = this.extra[e];
        out.Jx[row + pNet + k] = this.extra[e + 1];
        out.Jxx[row + pNet + k] = this.extra[e + 2];
      }
    }
  }

  /** Σ a_i ∇²_θ v_i = Σ (a_i β_i) ∇²_θ N_i on the network block; the extras are linear (zero rows/columns). */
  hessianContraction(theta: Float64Array, a: Float64Array, out: Float64Array): void {
    const { m, p, pNet } = this;
    this.splitTheta(theta);
    for (let i = 0; i < m; i++) this.scaledA[i] = a[i] * this.beta[i];
    if (this.extraCount === 0) {
      this.network.hessianContraction(this.thetaNet, this.scaledA, out);
      return;
    }
    this.network.hessianContraction(this.thetaNet, this.scaledA, this.netHessian);
    out.fill(0, 0, p * p);
    for (let j = 0; j < pNet; j++) {
      for (let k = 0; k < pNet; k++) out[j * p + k] = this.netHessian[j * pNet + k];
    }
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
    return new AnsatzModel(network, points, (x, out) => {
      out[0] = x * (1 - x);
      out[1] = 1 - 2 * x;
      out[2] = -2;
    }, null);
  }

  residual(d: DerivativeBuffers, f: Float64Array, m: number, p: number, R: Float64Array, JR: Float64Array | null): void {
    const eps = this.eps;
    for (let i = 0; i < m; i++) {
      R[i] = -eps * d.vxx[i] + d.vx[i] - f[i];
      if (JR === null) continue;
      const row = i * p;
      for (let j = 0; j < p; j++) JR[row + j] = -eps * d.Jxx[row + j] + d.Jx[row + j];
    }
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

  residual(d: DerivativeBuffers, f: Float64Array, m: number, p: number, R: Float64Array, JR: Float64Array | null): void {
    for (let i = 0; i < m; i++) {
      const v = d.v[i];
      R[i] = -d.vxx[i] + v * v * v - f[i];
      if (JR === null) continue;
      const row = i * p;
      const cubic = 3 * v * v;
      for (let j = 0; j < p; j++) JR[row + j] = -d.Jxx[row + j] + cubic * d.J[row + j];
    }
  }
}

const GREEN_PANELS = 512;
const GREEN_NODES = 8;

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
    return new AnsatzModel(network, points, (x, out) => {
      out[0] = (x - a) * (b - x);
      out[1] = a + b - 2 * x;
      out[2] = -2;
    }, null);
  }

  residual(d: DerivativeBuffers, f: Float64Array, m: number, p: number, R: Float64Array, JR: Float64Array | null): void {
    for (let i = 0; i < m; i++) {
      R[i] = -d.vxx[i] - f[i];
      if (JR === null) continue;
      const row = i * p;
      for (let j = 0; j < p; j++) JR[row + j] = -d.Jxx[row + j];
    }
  }
}

function isDefaultSource(f: string): boolean {
  return f.replace(/\s+/g, '') === DEFAULT_POISSON_SOURCE;
}

/** −u″ = π² sin πx, u(a) = u(b) = 0: u = sin πx − [sin(πa)(b−x) + sin(πb)(x−a)]/(b−a). */
function defaultPoissonSolution(a: number, b: number): ExactSolution {
  const pi = Math.PI;
  const sa = libm.sin(pi * a);
  const sb = libm.sin(pi * b);
  const slope = (sb - sa) / (b - a);
  return {
    kind: 'closed-form',
    u: (x) => libm.sin(pi * x) - (sa * (b - x) + sb * (x - a)) / (b - a),
    ux: (x) => pi * libm.cos(pi * x) - slope,
    uxx: (x) => -pi * pi * libm.sin(pi * x),
  };
}

/**
 * −u″ = f, u(a) = u(b) = 0 by the Green's function: with I₁(x) = ∫_a^x (s−a) f ds and I₂(x) = ∫_x^b (b−s) f ds,
 * u = [(b−x) I₁ + (x−a) I₂]/(b−a), u′ = (I₂ − I₁)/(b−a), u″ = −f. I₁, I₂ are tabulated at the panel ends and
 * completed inside a panel by a Gauss–Legendre rule on the partial interval. Null when f is not finite.
 */
export function greenSolution(f: (x: number) => number, a: number, b: number): ExactSolution | null {
  const { nodes, weights } = gaussLegendre(GREEN_NODES);
  const width = (b - a) / GREEN_PANELS;
  const edge = (k: number) => (k === GREEN_PANELS ? b : a + k * width);
  /** ∫_lo^hi kernel(s) f(s) ds. */
  const integrate = (lo: number, hi: number, kernel: (s: number) => number): number => {
    const half = 0.5 * (hi - lo);
    const mid = 0.5 * (hi + lo);
    let sum = 0;
    for (let q = 0; q < GREEN_NODES; q++) {
      const s = mid + half * nodes[q];
      sum += weights[q] * kernel(s) * f(s);
    }
    return half * sum;
  };
  const left = (s: number) => s - a;
  const right = (s: number) => b - s;
  const I1 = new Float64Array(GREEN_PANELS + 1); // I₁ at panel edges
  const I2 = new Float64Array(GREEN_PANELS + 1); // I₂ at panel edges
  for (let k = 0; k < GREEN_PANELS; k++) I1[k + 1] = I1[k] + integrate(edge(k), edge(k + 1), left);
  for (let k = GREEN_PANELS - 1; k >= 0; k--) I2[k] = I2[k + 1] + integrate(edge(k), edge(k + 1), right);
  if (!I1.every(Number.isFinite) || !I2.every(Number.isFinite)) return null;
  // f must also be finite at the panel edges (catches e.g. 1/x on an interval whose edges include 0;
  // a singularity between nodes and edges can still slip through: the reference is then meaningless).
  for (let k = 0; k <= GREEN_PANELS; k++) if (!Number.isFinite(f(edge(k)))) return null;

  const integrals = (x: number): [number, number] => {
    const k = Math.min(GREEN_PANELS - 1, Math.max(0, Math.floor((x - a) / width)));
    return [I1[k] + integrate(edge(k), x, left), I2[k + 1] + integrate(x, edge(k + 1), right)];
  };
  return {
    kind: 'quadrature',
    u: (x) => {
      const [i1, i2] = integrals(x);
      return ((b - x) * i1 + (x - a) * i2) / (b - a);
    },
    ux: (x) => {
      const [i1, i2] = integrals(x);
      return (i2 - i1) / (b - a);
    },
    uxx: (x) => -f(x),
  };
}

/** out[i] ← g(x_i) for a scalar function of 1D points. */
export function sampleScalar(g: (x: number) => number, points: PointSet, out: Float64Array): void {
  for (let i = 0; i < points.m; i++) out[i] = g(points.x[i * points.d]);
}
