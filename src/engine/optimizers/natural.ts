// The one update engine for the preconditioned methods of ALGORITHMS.md §3–4: gradient descent, NGD,
// NHGD (energy natural gradient for PDE losses), Newton — each plain, heavy-ball or Nesterov, with
// parameter or projected (function-space) momentum, look-ahead, restart, fixed or Armijo steps and the
// cholesky / pinv / lstsq solvers.
import * as libm from '../math';
import { choleskyInPlace, conditionNumber, dot, gram, gramDense, matTVec, matVec, solveCholeskyTikhonov } from '../linalg';
import type { Evaluation, LossHessian, Objective } from '../problems/objective';
import type { ResolvedOptimizer } from '../scenario/types';
import { allFinite, solveFactorised, solveSymmetric, type SolverSettings } from './solve';
import { divergedReason, type Optimizer, type StepReport, type StepStop } from './types';

/** cond(S) costs an eigendecomposition: every iteration up to this p, every COND_STRIDE-th above it. */
const COND_FULL_P = 64;
const COND_STRIDE = 10;

export interface EngineSettings {
  /** Record cond(S_k) (an eigendecomposition); benchmarks of the bare step turn it off. */
  conditionNumbers?: boolean;
}

export class UpdateEngine implements Optimizer {
  readonly theta: Float64Array;
  private readonly conditionNumbers: boolean;
  private readonly options: ResolvedOptimizer;
  private readonly objective: Objective;
  private readonly p: number;
  private readonly nV: number;
  private readonly nZ: number;

  private readonly ev: Evaluation; // at θ_k
  private readonly evLook: Evaluation; // at the look-ahead point y_k
  private readonly evPrev: Evaluation; // at θ_{k−1} (v and Jv used by the projected transports)
  private hasPrevious = false; // false at k = 0 and after a restart: m_k = 0
  private previousLoss = NaN;

  private readonly thetaPrev: Float64Array;
  private readonly stepPrev: Float64Array; // p_{k−1} = θ_k − θ_{k−1}
  private readonly gradient: Float64Array;
  private readonly direction: Float64Array;
  private readonly plainDirection: Float64Array;
  private readonly momentumVector: Float64Array;
  private readonly lookahead: Float64Array;
  private readonly trial: Float64Array;
  private readonly rhs: Float64Array;
  private readonly S: Float64Array; // preconditioner matrix at θ_k
  private readonly Sy: Float64Array; // preconditioner matrix at y_k (tangent-y)
  private readonly G: Float64Array; // Gram matrix for the transports when S is not G
  private readonly secondOrder: Float64Array; // Σ a_i ∇²z_i (Newton)
  private readonly functionVector: Float64Array; // h in V (transports)
  private newtonFallbackMatrix: Float64Array | null = null;
  private lstsqB: Float64Array | null = null;
  private lstsqR: Float64Array | null = null;

  constructor(objective: Objective, options: ResolvedOptimizer, theta0: Float64Array, settings: EngineSettings = {}) {
    this.objective = objective;
    this.options = options;
    this.conditionNumbers = settings.conditionNumbers ?? true;
    const p = (this.p = objective.p);
    this.nV = objective.nV;
    this.nZ = objective.nZ;
    this.theta = Float64Array.from(theta0);
    this.ev = objective.createEvaluation();
    this.evLook = objective.createEvaluation();
    this.evPrev = objective.createEvaluation();
    this.thetaPrev = new Float64Array(p);
    this.stepPrev = new Float64Array(p);
    this.gradient = new Float64Array(p);
    this.direction = new Float64Array(p);
    this.plainDirection = new Float64Array(p);
    this.momentumVector = new Float64Array(p);
    this.lookahead = new Float64Array(p);
    this.trial = new Float64Array(p);
    this.rhs = new Float64Array(p);
    const needsMatrix = options.preconditioner !== 'identity';
    this.S = new Float64Array(needsMatrix ? p * p : 0);
    this.Sy = new Float64Array(needsMatrix && options.momentum === 'nesterov' && options.lookahead === 'tangent-y' ? p * p : 0);
    const projected = options.momentum !== 'none' && options.transport !== 'parameter';
    this.G = new Float64Array(projected && options.preconditioner !== 'gram' ? p * p : 0);
    this.secondOrder = new Float64Array(options.preconditioner === 'newton' ? p * p : 0);
    this.functionVector = new Float64Array(this.nV);
  }

  step(k: number): StepReport | StepStop {
    const { objective, options, p, ev, theta } = this;
    if (objective.resample) {
      objective.resample(k);
      // The previous iterate's function-space quantities must live on the same points as the current ones.
      if (this.hasPrevious && this.usesProjectedTransport()) objective.evaluate(this.thetaPrev, this.evPrev, true);
    }
    objective.evaluate(theta, ev, true);
    if (!Number.isFinite(ev.loss)) return { stop: divergedReason(k, ev.loss), loss: ev.loss };

    let restarted = false;
    if (options.restart === 'function' && this.hasPrevious && ev.loss > this.previousLoss) {
      this.hasPrevious = false;
      restarted = true;
    }

    matTVec(ev.Jz, this.nZ, p, ev.gz, this.gradient);
    if (!allFinite(this.gradient)) return { stop: `gradient is not finite at k = ${k}`, loss: ev.loss };

    let cond = NaN;
    if (options.preconditioner !== 'identity') {
      this.buildPreconditioner(ev, theta, this.S);
      if (this.conditionNumbers && this.usesSymmetricSolve() && (p <= COND_FULL_P || k % COND_STRIDE === 0)) {
        cond = conditionNumber(this.S, p);
      }
    }

    const beta = options.momentum === 'none' ? 0 : options.beta;
    if (beta !== 0) {
      if (!this.computeMomentum()) return { stop: `momentum projection failed at k = ${k}`, loss: ev.loss };
    } else {
      this.momentumVector.fill(0);
    }

    let newtonFallback = false;
    if (options.momentum === 'nesterov') {
      for (let j = 0; j < p; j++) this.lookahead[j] = theta[j] + beta * this.momentumVector[j];
      const solved = this.nesterovDirection();
      if (solved === null) return { stop: `look-ahead diverged at k = ${k}`, loss: ev.loss };
      newtonFallback = solved.newtonFallback;
    } else {
      const solved = this.precondition(ev, this.S, this.gradient, ev.gz, this.direction);
      newtonFallback = solved.newtonFallback;
    }
    if (!allFinite(this.direction)) return { stop: `solve failed at k = ${k}: direction is not finite`, loss: ev.loss };

    let alpha = options.alpha;
    let armijoFailed = false;
    if (options.step.rule === 'armijo') {
      let plain = this.direction;
      if (options.momentum !== 'none') {
        const solved = this.precondition(ev, this.S, this.gradient, ev.gz, this.plainDirection);
        newtonFallback ||= solved.newtonFallback;
        plain = this.plainDirection;
      }
      [alpha, armijoFailed] = this.armijo(plain, ev.loss, options.step);
    }

    // θ_{k+1} = θ_k + β m_k − α d
    const { thetaPrev, stepPrev, momentumVector, direction, gradient } = this;
    let stepNormSq = 0;
    let gradNormSq = 0;
    let descent = 0;
    let dirNormSq = 0;
    for (let j = 0; j < p; j++) {
      const delta = beta * momentumVector[j] - alpha * direction[j];
      thetaPrev[j] = theta[j];
      stepPrev[j] = delta;
      theta[j] += delta;
      stepNormSq += delta * delta;
      gradNormSq += gradient[j] * gradient[j];
      descent -= gradient[j] * delta;
      dirNormSq += direction[j] * direction[j];
    }
    if (this.usesProjectedTransport()) {
      // Keep v_k and J_k for the next projection.
      this.evPrev.v.set(ev.v);
      this.evPrev.Jv.set(ev.Jv);
    }
    this.hasPrevious = true;
    this.previousLoss = ev.loss;

    const denominator = Math.sqrt(stepNormSq * gradNormSq);
    return {
      loss: ev.loss,
      alpha,
      dirNorm: Math.sqrt(dirNormSq),
      cond,
      cosine: denominator > 0 ? descent / denominator : NaN,
      newtonFallback,
      armijoFailed,
      restarted,
    };
  }

  private usesProjectedTransport(): boolean {
    return this.options.momentum !== 'none' && this.options.transport !== 'parameter';
  }

  private usesSymmetricSolve(): boolean {
    return this.options.solver.kind !== 'lstsq' || this.options.preconditioner === 'newton';
  }

  /** S at an evaluated point: G (gram), G^H (loss-hessian) or G^H + Σ g_i ∇²z_i (newton). */
  private buildPreconditioner(at: Evaluation, theta: Float64Array, S: Float64Array): void {
    const { objective, p } = this;
    switch (this.options.preconditioner) {
      case 'gram':
        gram(at.Jv, this.nV, p, objective.metric, S);
        return;
      case 'loss-hessian':
        this.lossHessianGram(at, S);
        return;
      case 'newton': {
        this.lossHessianGram(at, S);
        objective.hessianContraction(theta, at.gz, this.secondOrder);
        for (let i = 0; i < p * p; i++) S[i] += this.secondOrder[i];
        return;
      }
      default:
        return;
    }
  }

  private lossHessianGram(at: Evaluation, S: Float64Array): void {
    const H = this.objective.lossHessian(at.z);
    if (H.kind === 'diag') gram(at.Jz, this.nZ, this.p, H.d, S);
    else gramDense(at.Jz, this.nZ, this.p, H.H, S);
  }

  /**
   * out ← S⁻¹ rhs with rhs = J_zᵀ g at the point `at` (g is needed by lstsq, which works from
   * B = H^{1/2} J_z, r = H^{-1/2} g instead of S).
   */
  private precondition(
    at: Evaluation,
    S: Float64Array,
    rhs: Float64Array,
    g: Float64Array,
    out: Float64Array,
  ): { newtonFallback: boolean } {
    const { options, p } = this;
    if (options.preconditioner === 'identity') {
      out.set(rhs);
      return { newtonFallback: false };
    }
    if (options.solver.kind === 'lstsq' && options.preconditioner !== 'newton') {
      this.solveLeastSquares(at, g, options.solver.rcond, out);
      return { newtonFallback: false };
    }
    if (options.preconditioner === 'newton' && options.solver.kind === 'cholesky') {
      if (solveCholeskyTikhonov(S, p, rhs, options.solver.eps, out) && allFinite(out)) return { newtonFallback: false };
      // Indefinite Hessian: never step uphill silently — take the regularised G^H direction instead.
      const GH = this.fallbackMatrix();
      this.lossHessianGram(at, GH);
      solveCholeskyTikhonov(GH, p, rhs, options.solver.eps, out);
      return { newtonFallback: true };
    }
    if (!solveSymmetric(S, p, rhs, options.solver, out)) out.fill(NaN);
    return { newtonFallback: false };
  }

  /** lstsq: min ‖B d − r‖ with S = BᵀB, Bᵀr = J_zᵀ g (ALGORITHMS §3). */
  private solveLeastSquares(at: Evaluation, g: Float64Array, rcond: number, out: Float64Array): void {
    const { p, objective } = this;
    const useGram = this.options.preconditioner === 'gram';
    const rows = useGram ? this.nV : this.nZ;
    const J = useGram ? at.Jv : at.Jz;
    const { B, r } = this.lstsqBuffers(rows);
    if (useGram) {
      scaleRows(J, rows, p, objective.metric, B, g, r, 'sqrt');
    } else {
      const H = objective.lossHessian(at.z);
      if (H.kind === 'diag') scaleRows(J, rows, p, H.d, B, g, r, 'sqrt');
      else denseHalfFactor(H, rows, p, J, g, B, r);
    }
    if (!solveFactorised(B, rows, p, r, rcond, out)) out.fill(NaN);
  }

  private fallbackMatrix(): Float64Array {
    // The transports' G buffer is free once the momentum is computed; reuse it when it exists.
    if (this.G.length === this.p * this.p) return this.G;
    this.newtonFallbackMatrix ??= new Float64Array(this.p * this.p);
    return this.newtonFallbackMatrix;
  }

  private lstsqBuffers(rows: number): { B: Float64Array; r: Float64Array } {
    if (!this.lstsqB || this.lstsqB.length !== rows * this.p) {
      this.lstsqB = new Float64Array(rows * this.p);
      this.lstsqR = new Float64Array(rows);
    }
    return { B: this.lstsqB, r: this.lstsqR! };
  }

  /** m_k per option `transport`; zero at k = 0 and after a restart. */
  private computeMomentum(): boolean {
    const { options, p, nV, theta, ev, objective, momentumVector } = this;
    if (!this.hasPrevious) {
      momentumVector.fill(0);
      return true;
    }
    if (options.transport === 'parameter') {
      for (let j = 0; j < p; j++) momentumVector[j] = theta[j] - this.thetaPrev[j];
      return true;
    }
    // h ∈ V: the previous step as a function (J_{k−1} p_{k−1}) or the difference of iterates v_k − v_{k−1}.
    const h = this.functionVector;
    if (options.transport === 'projected-momentum') {
      matVec(this.evPrev.Jv, nV, p, this.stepPrev, h);
    } else {
      for (let i = 0; i < nV; i++) h[i] = ev.v[i] - this.evPrev.v[i];
    }
    // m = G_k⁻¹ J_kᵀ M_V h, with the optimizer's solver (identity preconditioner: Cholesky, eps = 0).
    if (options.preconditioner !== 'identity' && options.solver.kind === 'lstsq') {
      const { B, r } = this.lstsqBuffers(nV);
      scaleRows(ev.Jv, nV, p, objective.metric, B, h, r, 'sqrt-times');
      return solveFactorised(B, nV, p, r, options.solver.rcond, momentumVector);
    }
    const G = options.preconditioner === 'gram' ? this.S : this.G;
    if (options.preconditioner !== 'gram') gram(ev.Jv, nV, p, objective.metric, G);
    matTVec(ev.Jv, nV, p, h, this.rhs, objective.metric);
    const solver: SolverSettings = options.preconditioner === 'identity' ? { kind: 'cholesky', eps: 0 } : options.solver;
    return solveSymmetric(G, p, this.rhs, solver, momentumVector);
  }

  /** d(y_k) for Nesterov, into this.direction. null when the look-ahead point is not finite. */
  private nesterovDirection(): { newtonFallback: boolean } | null {
    const { options, objective, evLook, ev, p } = this;
    const y = this.lookahead;
    if (options.preconditioner === 'identity') {
      objective.evaluate(y, evLook, true);
      if (!Number.isFinite(evLook.loss)) return null;
      matTVec(evLook.Jz, this.nZ, p, evLook.gz, this.direction);
      return { newtonFallback: false };
    }
    if (options.lookahead === 'tangent-k') {
      // Functional gradient at y projected on T_k with the metric at θ_k.
      objective.evaluate(y, evLook, false);
      if (!Number.isFinite(evLook.loss)) return null;
      matTVec(ev.Jz, this.nZ, p, evLook.gz, this.rhs);
      return this.precondition(ev, this.S, this.rhs, evLook.gz, this.direction);
    }
    // tangent-y: a full natural step from y.
    objective.evaluate(y, evLook, true);
    if (!Number.isFinite(evLook.loss)) return null;
    matTVec(evLook.Jz, this.nZ, p, evLook.gz, this.rhs);
    this.buildPreconditioner(evLook, y, this.Sy);
    return this.precondition(evLook, this.Sy, this.rhs, evLook.gz, this.direction);
  }

  /** Largest α = initial·ρ^j with L(θ − α d) ≤ L(θ) − c α ∇Lᵀd; j = 0..30 (ALGORITHMS §4). */
  private armijo(
    d: Float64Array,
    loss: number,
    rule: { initial: number; shrink: number; c: number },
  ): [number, boolean] {
    const { p, theta, trial, gradient, objective } = this;
    const slope = dot(gradient, d, p);
    let alpha = rule.initial;
    for (let attempt = 0; attempt <= 30; attempt++) {
      alpha = rule.initial * libm.pow(rule.shrink, attempt);
      for (let j = 0; j < p; j++) trial[j] = theta[j] - alpha * d[j];
      const trialLoss = objective.loss(trial);
      if (trialLoss <= loss - rule.c * alpha * slope) return [alpha, false];
    }
    return [alpha, true];
  }
}

/**
 * B = diag(s) J and r = diag(s)⁻¹ g ('sqrt': s = √w) or r = diag(s) g ('sqrt-times'), with w = null
 * meaning the identity.
 */
function scaleRows(
  J: Float64Array,
  rows: number,
  p: number,
  w: Float64Array | null,
  B: Float64Array,
  g: Float64Array,
  r: Float64Array,
  mode: 'sqrt' | 'sqrt-times',
): void {
  for (let i = 0; i < rows; i++) {
    const s = w ? Math.sqrt(w[i]) : 1;
    const row = i * p;
    for (let j = 0; j < p; j++) B[row + j] = s * J[row + j];
    r[i] = mode === 'sqrt' ? g[i] / s : g[i] * s;
  }
}

/** Dense H = L Lᵀ (small, exact spaces): B = Lᵀ J, r = L⁻¹ g. */
function denseHalfFactor(
  H: Extract<LossHessian, { kind: 'dense' }>,
  n: number,
  p: number,
  J: Float64Array,
  g: Float64Array,
  B: Float64Array,
  r: Float64Array,
): void {
  const L = Float64Array.from(H.H);
  if (!choleskyInPlace(L, n)) {
    B.fill(NaN);
    return;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let l = i; l < n; l++) sum += L[l * n + i] * J[l * p + j]; // (Lᵀ)_{il} = L_{li}
      B[i * p + j] = sum;
    }
    let acc = g[i];
    for (let l = 0; l < i; l++) acc -= L[i * n + l] * r[l];
    r[i] = acc / L[i * n + i];
  }
}
