// L-BFGS (Nocedal & Wright, Alg. 7.4–7.5) with a strong Wolfe (Alg. 3.5–3.6) or Armijo line search.
import { dot, matTVec } from '../linalg';
import type { Evaluation, Objective } from '../problems/objective';
import type { ResolvedOptimizer } from '../scenario/types';
import { divergedReason, type Optimizer, type StepReport, type StepStop } from './types';

const WOLFE_C1 = 1e-4;
const WOLFE_C2 = 0.9;
const MAX_LINE_SEARCH = 25;

export class LbfgsOptimizer implements Optimizer {
  readonly theta: Float64Array;
  private readonly objective: Objective;
  private readonly options: ResolvedOptimizer;
  private readonly p: number;
  private readonly ev: Evaluation;
  private readonly evTrial: Evaluation;
  private readonly gradient: Float64Array;
  private readonly trialGradient: Float64Array;
  private readonly previousTheta: Float64Array;
  private readonly previousGradient: Float64Array;
  private readonly direction: Float64Array;
  private readonly trial: Float64Array;
  private readonly alphas: Float64Array;
  // Ring buffer of the last `history` curvature pairs.
  private readonly sHistory: Float64Array[];
  private readonly yHistory: Float64Array[];
  private readonly rho: Float64Array;
  private stored = 0;
  private newest = -1;
  private hasPrevious = false;

  constructor(objective: Objective, options: ResolvedOptimizer, theta0: Float64Array) {
    this.objective = objective;
    this.options = options;
    const p = (this.p = objective.p);
    this.theta = Float64Array.from(theta0);
    this.ev = objective.createEvaluation();
    this.evTrial = objective.createEvaluation();
    this.gradient = new Float64Array(p);
    this.trialGradient = new Float64Array(p);
    this.previousTheta = new Float64Array(p);
    this.previousGradient = new Float64Array(p);
    this.direction = new Float64Array(p);
    this.trial = new Float64Array(p);
    const m = Math.max(1, options.history);
    this.alphas = new Float64Array(m);
    this.sHistory = Array.from({ length: m }, () => new Float64Array(p));
    this.yHistory = Array.from({ length: m }, () => new Float64Array(p));
    this.rho = new Float64Array(m);
  }

  step(k: number): StepReport | StepStop {
    const { objective, ev, theta, gradient, direction, p } = this;
    objective.resample?.(k);
    objective.evaluate(theta, ev, true);
    if (!Number.isFinite(ev.loss)) return { stop: divergedReason(k, ev.loss), loss: ev.loss };
    matTVec(ev.Jz, objective.nZ, p, ev.gz, gradient);

    if (this.hasPrevious) this.storePair();
    this.twoLoop();
    let slope = dot(gradient, direction); // φ′(0) = −slope along −d
    if (!(slope > 0)) {
      // Not a descent direction (lost curvature information): restart from the gradient.
      this.stored = 0;
      direction.set(gradient);
      slope = dot(gradient, gradient);
    }
    const initial = this.stored > 0 ? this.options.alpha : Math.min(this.options.alpha, 1 / Math.sqrt(slope));
    const { alpha, failed } =
      this.options.lineSearch === 'strong-wolfe'
        ? this.strongWolfe(ev.loss, slope, initial)
        : this.backtracking(ev.loss, slope, initial);

    this.previousTheta.set(theta);
    this.previousGradient.set(gradient);
    this.hasPrevious = true;
    let stepNormSq = 0;
    let gradNormSq = 0;
    let descent = 0;
    for (let j = 0; j < p; j++) {
      const delta = -alpha * direction[j];
      theta[j] += delta;
      stepNormSq += delta * delta;
      gradNormSq += gradient[j] * gradient[j];
      descent -= gradient[j] * delta;
    }
    const denominator = Math.sqrt(stepNormSq * gradNormSq);
    return {
      loss: ev.loss,
      alpha,
      dirNorm: Math.sqrt(dot(direction, direction)),
      cond: NaN,
      cosine: denominator > 0 ? descent / denominator : NaN,
      newtonFallback: false,
      armijoFailed: failed,
      restarted: false,
    };
  }

  private storePair(): void {
    const slot = (this.newest + 1) % this.sHistory.length;
    const s = this.sHistory[slot];
    const y = this.yHistory[slot];
    for (let j = 0; j < this.p; j++) {
      s[j] = this.theta[j] - this.previousTheta[j];
      y[j] = this.gradient[j] - this.previousGradient[j];
    }
    const sy = dot(s, y);
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return; // skip pairs without positive curvature
    this.rho[slot] = 1 / sy;
    this.newest = slot;
    this.stored = Math.min(this.stored + 1, this.sHistory.length);
  }

  /** direction ← H_k ∇L (two-loop recursion with the initial scaling γ = sᵀy / yᵀy). */
  private twoLoop(): void {
    const { direction, sHistory, yHistory, rho, alphas, stored } = this;
    const size = sHistory.length;
    direction.set(this.gradient);
    for (let n = 0; n < stored; n++) {
      const i = (this.newest - n + size) % size;
      alphas[i] = rho[i] * dot(sHistory[i], direction);
      axpy(-alphas[i], yHistory[i], direction);
    }
    if (stored > 0) {
      const y = yHistory[this.newest];
      const gamma = 1 / (rho[this.newest] * dot(y, y));
      for (let j = 0; j < direction.length; j++) direction[j] *= gamma;
    }
    for (let n = stored - 1; n >= 0; n--) {
      const i = (this.newest - n + size) % size;
      const b = rho[i] * dot(yHistory[i], direction);
      axpy(alphas[i] - b, sHistory[i], direction);
    }
  }

  /** φ(α) = L(θ − α d) and φ′(α) = −∇L(θ − α d)ᵀ d. */
  private phi(alpha: number, withSlope: boolean): { value: number; slope: number } {
    const { theta, direction, trial, objective, evTrial, trialGradient, p } = this;
    for (let j = 0; j < p; j++) trial[j] = theta[j] - alpha * direction[j];
    if (!withSlope) return { value: objective.loss(trial), slope: NaN };
    objective.evaluate(trial, evTrial, true);
    if (!Number.isFinite(evTrial.loss)) return { value: evTrial.loss, slope: NaN };
    matTVec(evTrial.Jz, objective.nZ, p, evTrial.gz, trialGradient);
    return { value: evTrial.loss, slope: -dot(trialGradient, direction) };
  }

  private backtracking(loss: number, slope: number, initial: number): { alpha: number; failed: boolean } {
    let alpha = initial;
    for (let n = 0; n < MAX_LINE_SEARCH; n++) {
      const { value } = this.phi(alpha, false);
      if (value <= loss - WOLFE_C1 * alpha * slope) return { alpha, failed: false };
      alpha *= 0.5;
    }
    return { alpha, failed: true };
  }

  private strongWolfe(loss: number, slope: number, initial: number): { alpha: number; failed: boolean } {
    const phi0 = loss;
    const dphi0 = -slope;
    let previousAlpha = 0;
    let previousValue = phi0;
    let previousSlope = dphi0;
    let alpha = initial;
    for (let n = 0; n < MAX_LINE_SEARCH; n++) {
      const { value, slope: dphi } = this.phi(alpha, true);
      if (!Number.isFinite(value) || value > phi0 + WOLFE_C1 * alpha * dphi0 || (n > 0 && value >= previousValue)) {
        return this.zoom(previousAlpha, previousValue, previousSlope, alpha, value, dphi, phi0, dphi0);
      }
      if (Math.abs(dphi) <= -WOLFE_C2 * dphi0) return { alpha, failed: false };
      if (dphi >= 0) return this.zoom(alpha, value, dphi, previousAlpha, previousValue, previousSlope, phi0, dphi0);
      previousAlpha = alpha;
      previousValue = value;
      previousSlope = dphi;
      alpha *= 2;
    }
    return { alpha: previousAlpha > 0 ? previousAlpha : alpha, failed: true };
  }

  private zoom(
    lo: number,
    loValue: number,
    loSlope: number,
    hi: number,
    hiValue: number,
    hiSlope: number,
    phi0: number,
    dphi0: number,
  ): { alpha: number; failed: boolean } {
    for (let n = 0; n < MAX_LINE_SEARCH; n++) {
      const alpha = interpolate(lo, loValue, loSlope, hi, hiValue, hiSlope);
      const { value, slope } = this.phi(alpha, true);
      if (!Number.isFinite(value) || value > phi0 + WOLFE_C1 * alpha * dphi0 || value >= loValue) {
        hi = alpha;
        hiValue = value;
        hiSlope = slope;
      } else {
        if (Math.abs(slope) <= -WOLFE_C2 * dphi0) return { alpha, failed: false };
        if (slope * (hi - lo) >= 0) {
          hi = lo;
          hiValue = loValue;
          hiSlope = loSlope;
        }
        lo = alpha;
        loValue = value;
        loSlope = slope;
      }
      if (Math.abs(hi - lo) < 1e-16 * Math.max(1, Math.abs(lo))) break;
    }
    // Best point found satisfies sufficient decrease (lo always does, or is 0 = no move).
    return { alpha: lo, failed: true };
  }
}

/** Minimiser of the cubic through (a, fa, da), (b, fb, db), safeguarded into the inner 80 % of [a, b]. */
function interpolate(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  const margin = 0.1 * (high - low);
  if (Number.isFinite(fb) && Number.isFinite(db)) {
    const d1 = da + db - (3 * (fa - fb)) / (a - b);
    const radicand = d1 * d1 - da * db;
    if (radicand >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(radicand);
      const candidate = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
      if (Number.isFinite(candidate) && candidate > low + margin && candidate < high - margin) return candidate;
    }
  }
  return 0.5 * (a + b);
}

function axpy(scale: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += scale * x[i];
}
