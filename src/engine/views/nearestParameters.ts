// The parameters θ whose model vector c(θ) is nearest to a point c* picked on the function-space plot of an
// exact space (the start θ₀ a click there sets): min ½‖c(θ) − c*‖² by Gauss–Newton, each step the
// minimum-norm solution of JᵀJ δ = Jᵀ(c* − c) (rank-deficient J and p ≠ m included), damped (Levenberg–
// Marquardt) until the distance decreases. For a linear model the first step is the exact solve; a curved manifold converges to the
// nearest point of the branch it starts on, so the search starts from the candidate nearest c*.

import { choleskyInPlace, choleskySolveInPlace } from '../linalg/cholesky';
import { solvePinv } from '../linalg/eigen';
import type { Model } from '../models/model';

export interface NearestOptions {
  /** Gauss–Newton iterations at most; default 200. */
  maxIterations?: number;
  /** Increases of the damping per iteration at most; default 40. */
  maxDampings?: number;
}

/** Eigenvalues of JᵀJ below this share of the largest are dropped (the steps stay on the well-posed part). */
const RCOND = 1e-12;

/** step ← (A + λI)⁻¹ rhs for symmetric positive semi-definite A and λ > 0 (`factor`: p × p scratch). */
function dampedSolve(
  A: Float64Array,
  p: number,
  lambda: number,
  rhs: Float64Array,
  step: Float64Array,
  factor: Float64Array,
): void {
  factor.set(A);
  for (let k = 0; k < p; k++) factor[k * p + k] += lambda;
  step.set(rhs);
  if (choleskyInPlace(factor, p)) choleskySolveInPlace(factor, p, step);
  else step.fill(0);
}

/** ½‖c(θ) − c*‖², with c(θ) written to `c`. */
function halfSquaredDistance(model: Model, theta: Float64Array, cStar: ArrayLike<number>, c: Float64Array): number {
  model.values(theta, c);
  let sum = 0;
  for (let j = 0; j < model.m; j++) {
    const r = c[j] - cStar[j];
    sum += r * r;
  }
  return Number.isFinite(sum) ? 0.5 * sum : Infinity;
}

/**
 * θ minimising ‖c(θ) − c*‖ (locally), from the candidate start (p entries each; at least one) whose image is
 * nearest c*; ties go to the first candidate, so pass the current θ₀ first.
 */
export function nearestParameters(
  model: Model,
  cStar: ArrayLike<number>,
  candidates: readonly Float64Array[],
  options: NearestOptions = {},
): Float64Array {
  const { p, m } = model;
  if (candidates.length === 0) throw new Error('nearestParameters: no candidate start');
  if (cStar.length !== m) throw new Error(`nearestParameters: expected ${m} coefficients, got ${cStar.length}`);
  const c = new Float64Array(m);
  let best = candidates[0];
  let bestCost = Infinity;
  for (const candidate of candidates) {
    const cost = halfSquaredDistance(model, candidate, cStar, c);
    if (cost < bestCost) [best, bestCost] = [candidate, cost];
  }

  const theta = Float64Array.from(best);
  const trial = new Float64Array(p);
  const J = new Float64Array(m * p);
  const normal = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const step = new Float64Array(p);
  let cost = halfSquaredDistance(model, theta, cStar, c);
  const maxIterations = options.maxIterations ?? 200;
  const maxDampings = options.maxDampings ?? 40;
  const factor = new Float64Array(p * p);
  let lambda = 0;
  let floor = 0;
  for (let iteration = 0; iteration < maxIterations && cost > 0; iteration++) {
    model.jacobian(theta, c, J);
    // JᵀJ and Jᵀ(c* − c).
    for (let k = 0; k < p; k++) {
      let g = 0;
      for (let j = 0; j < m; j++) g += J[j * p + k] * (cStar[j] - c[j]);
      rhs[k] = g;
      for (let l = 0; l < p; l++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += J[j * p + k] * J[j * p + l];
        normal[k * p + l] = s;
      }
    }
    let trace = 0;
    for (let k = 0; k < p; k++) trace += normal[k * p + k];
    floor = Math.max(trace, Number.MIN_VALUE) * 1e-10;
    // λ = 0 first (pure Gauss–Newton, exact for a linear model); on failure Levenberg–Marquardt damping
    // λ grows until the step, turning toward the gradient and shortening, lowers the distance.
    let improved = false;
    for (let attempt = 0; attempt <= maxDampings && !improved; attempt++) {
      if (lambda === 0) solvePinv(normal, p, rhs, RCOND, step);
      else dampedSolve(normal, p, lambda, rhs, step, factor);
      for (let k = 0; k < p; k++) trial[k] = theta[k] + step[k];
      const trialCost = halfSquaredDistance(model, trial, cStar, c);
      if (trialCost < cost) {
        theta.set(trial);
        cost = trialCost;
        improved = true;
        lambda = lambda * 0.1 < floor ? 0 : lambda * 0.1;
      } else lambda = lambda === 0 ? floor : lambda * 10;
    }
    if (!improved) break; // no step lowers the distance: a stationary point to working precision
  }
  return theta;
}
