// The ansatz of a 1D PDE problem (docs/ALGORITHMS.md §5): a DifferentiableModel wrapping the network N
// bound to the same points so that the boundary conditions hold exactly. With the factor β(x) (and its
// β′, β″) v = βN + e, v′ = β′N + βN′ + e′, v″ = β″N + 2β′N′ + βN″ + e″, and the θ-Jacobians follow the
// same product rule row by row (exact whenever N's are). Extra terms e, linear in trailing parameters
// (the nonlinear equation's c and a), come after the network's parameters.

import type { DerivativeBuffers, DifferentiableModel, PointSet } from '../models/model';

/** β, β′, β″ of the boundary factor at x. */
export type BoundaryFactor = (x: number, out: Float64Array) => void;

/** Extra terms linear in trailing parameters: out[k*3 + 0..2] = (e_k, e_k′, e_k″) at x for each parameter k. */
export type ExtraTerms = { count: number; basis: (x: number, out: Float64Array) => void };

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
  /** Present when the network's is (then exact too); the extras are linear: zero rows and columns. */
  readonly derivativeHessianContraction?: (
    theta: Float64Array,
    c0: Float64Array,
    c1: Float64Array,
    c2: Float64Array,
    out: Float64Array,
  ) => void;

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
    if (network.derivativeHessianContraction !== undefined) {
      const contract = network.derivativeHessianContraction.bind(network);
      const n0 = new Float64Array(m);
      const n1 = new Float64Array(m);
      const n2 = new Float64Array(m);
      this.derivativeHessianContraction = (theta, c0, c1, c2, out) => {
        // v = βN + e, v′ = β′N + βN′ + e′, v″ = β″N + 2β′N′ + βN″ + e″: collect the weights of ∇²N, ∇²N′, ∇²N″
        for (let i = 0; i < m; i++) {
          const b = this.beta[i];
          const b1 = this.dbeta[i];
          n0[i] = c0[i] * b + c1[i] * b1 + c2[i] * this.d2beta[i];
          n1[i] = c1[i] * b + 2 * c2[i] * b1;
          n2[i] = c2[i] * b;
        }
        this.splitTheta(theta);
        if (this.extraCount === 0) {
          contract(this.thetaNet, n0, n1, n2, out);
          return;
        }
        contract(this.thetaNet, n0, n1, n2, this.netHessian);
        this.embedNetworkHessian(out);
      };
    }
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
    const { m } = this;
    this.splitTheta(theta);
    for (let i = 0; i < m; i++) this.scaledA[i] = a[i] * this.beta[i];
    if (this.extraCount === 0) {
      this.network.hessianContraction(this.thetaNet, this.scaledA, out);
      return;
    }
    this.network.hessianContraction(this.thetaNet, this.scaledA, this.netHessian);
    this.embedNetworkHessian(out);
  }

  /** out (p × p) ← the network block netHessian, zero rows and columns for the extras. */
  private embedNetworkHessian(out: Float64Array): void {
    const { p, pNet } = this;
    out.fill(0, 0, p * p);
    for (let j = 0; j < pNet; j++) {
      for (let k = 0; k < pNet; k++) out[j * p + k] = this.netHessian[j * pNet + k];
    }
  }
}
