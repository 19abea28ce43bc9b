// The strong Wolfe line search of Nocedal & Wright (Alg. 3.5–3.6, cubic interpolation in the zoom),
// L-BFGS's default: along −d from θ, φ(α) = L(θ − α d), φ′(α) = −∇L(θ − α d)ᵀ d.
import { dot, matTVec } from '../linalg';
import type { Evaluation, Objective } from '../problems/objective';

const WOLFE_C1 = 1e-4;
const WOLFE_C2 = 0.9;
const MAX_TRIALS = 25;

export class StrongWolfeSearch {
  /** Whether the last search ended without a point satisfying both conditions. */
  failed = false;
  private readonly objective: Objective;
  private readonly evTrial: Evaluation;
  private readonly trial: Float64Array;
  private readonly trialGradient: Float64Array;
  private theta: Float64Array = new Float64Array(0);
  private direction: Float64Array = new Float64Array(0);
  /** φ and φ′ at the last α evaluated. */
  private value = NaN;
  private slope = NaN;

  constructor(objective: Objective) {
    this.objective = objective;
    this.evTrial = objective.createEvaluation();
    this.trial = new Float64Array(objective.p);
    this.trialGradient = new Float64Array(objective.p);
  }

  /** α along −d from θ, where loss = L(θ) and slope = ∇L(θ)ᵀd > 0. */
  search(theta: Float64Array, d: Float64Array, loss: number, slope: number, initial: number): number {
    this.theta = theta;
    this.direction = d;
    const phi0 = loss;
    const dphi0 = -slope;
    let previousAlpha = 0;
    let previousValue = phi0;
    let previousSlope = dphi0;
    let alpha = initial;
    for (let n = 0; n < MAX_TRIALS; n++) {
      this.phi(alpha);
      const { value, slope: dphi } = this;
      if (!Number.isFinite(value) || value > phi0 + WOLFE_C1 * alpha * dphi0 || (n > 0 && value >= previousValue)) {
        return this.zoom(previousAlpha, previousValue, previousSlope, alpha, value, dphi, phi0, dphi0);
      }
      if (Math.abs(dphi) <= -WOLFE_C2 * dphi0) return this.found(alpha);
      if (dphi >= 0) return this.zoom(alpha, value, dphi, previousAlpha, previousValue, previousSlope, phi0, dphi0);
      previousAlpha = alpha;
      previousValue = value;
      previousSlope = dphi;
      alpha *= 2;
    }
    this.failed = true;
    return previousAlpha > 0 ? previousAlpha : alpha;
  }

  private found(alpha: number): number {
    this.failed = false;
    return alpha;
  }

  /** this.value = φ(α), this.slope = φ′(α). */
  private phi(alpha: number): void {
    const { theta, direction, trial, objective, evTrial, trialGradient } = this;
    const p = trial.length;
    for (let j = 0; j < p; j++) trial[j] = theta[j] - alpha * direction[j];
    objective.evaluate(trial, evTrial, true);
    this.value = evTrial.loss;
    if (!Number.isFinite(evTrial.loss)) {
      this.slope = NaN;
      return;
    }
    matTVec(evTrial.Jz, objective.nZ, p, evTrial.gz, trialGradient);
    this.slope = -dot(trialGradient, direction);
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
  ): number {
    for (let n = 0; n < MAX_TRIALS; n++) {
      const alpha = interpolate(lo, loValue, loSlope, hi, hiValue, hiSlope);
      this.phi(alpha);
      const { value, slope } = this;
      if (!Number.isFinite(value) || value > phi0 + WOLFE_C1 * alpha * dphi0 || value >= loValue) {
        hi = alpha;
        hiValue = value;
        hiSlope = slope;
      } else {
        if (Math.abs(slope) <= -WOLFE_C2 * dphi0) return this.found(alpha);
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
    this.failed = true;
    return lo;
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
