// A cheap estimate of cond(S) = λ_max/λ_min for a symmetric S, with the record semantics of the exact
// conditionNumber (eigen.ts; docs/ALGORITHMS.md §6): λ_max from Lanczos on S, λ_min from Lanczos on S⁻¹
// applied through a Cholesky factor of S. Both run with full reorthogonalisation from a fixed start
// vector (deterministic) and stop when the residual bound of the extreme Ritz value is below
// RITZ_TOLERANCE relative to it, or after MAX_STEPS. Ritz values lie inside the spectrum, so the
// estimate never exceeds the exact condition number; on the spectra of tests/unit/linalg.condition.test.ts
// it is within 1 % of it. Cost: one Cholesky (n³/3) plus about 2·steps·n² for the Lanczos products.
//
// When S does not factor it is singular to working precision or indefinite: a matrix positive
// semi-definite by construction (a Gram matrix) then reports the cap 1/(n·ε), any other (Newton's
// Hessian) is settled by the exact eigenvalues (Infinity when clearly indefinite).

import { choleskyInPlace, choleskySolveInPlace } from './cholesky';
import { conditionNumber } from './eigen';

const EPSILON = 2.220446049250313e-16;
const MAX_STEPS = 20;
/** Residual bound of the extreme Ritz value, relative to it, at which Lanczos stops. */
const RITZ_TOLERANCE = 1e-3;

let factor = new Float64Array(0);
let basis = new Float64Array(0); // Lanczos vectors, MAX_STEPS + 1 rows of length n
let work = new Float64Array(0);
const alphas = new Float64Array(MAX_STEPS);
const betas = new Float64Array(MAX_STEPS);
const ritzVector = new Float64Array(MAX_STEPS);

function ensureScratch(n: number): void {
  if (factor.length !== n * n) factor = new Float64Array(n * n);
  if (basis.length !== (MAX_STEPS + 1) * n) basis = new Float64Array((MAX_STEPS + 1) * n);
  if (work.length !== n) work = new Float64Array(n);
}

/** out = S v for the full symmetric row-major S (rows as dot products, four per pass). */
function multiply(S: Float64Array, n: number, v: Float64Array, vAt: number, out: Float64Array): void {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < n; k++) {
      const x = v[vAt + k];
      s0 += S[r0 + k] * x;
      s1 += S[r1 + k] * x;
      s2 += S[r2 + k] * x;
      s3 += S[r3 + k] * x;
    }
    out[i] = s0;
    out[i + 1] = s1;
    out[i + 2] = s2;
    out[i + 3] = s3;
  }
  for (; i < n; i++) {
    const ri = i * n;
    let s = 0;
    for (let k = 0; k < n; k++) s += S[ri + k] * v[vAt + k];
    out[i] = s;
  }
}

/** Sturm count: how many eigenvalues of the tridiagonal (alphas, betas)[0:k] are < x. */
function countBelow(k: number, x: number): number {
  let count = 0;
  let q = 1;
  for (let j = 0; j < k; j++) {
    const b2 = j > 0 ? betas[j - 1] * betas[j - 1] : 0;
    q = alphas[j] - x - (j > 0 ? b2 / q : 0);
    if (q === 0) q = -EPSILON * (Math.abs(alphas[j]) + Math.abs(x) + 1e-300);
    if (q < 0) count++;
  }
  return count;
}

/** Extreme (largest when `largest`, else smallest) eigenvalue of the k × k tridiagonal by bisection. */
function tridiagonalExtreme(k: number, largest: boolean): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < k; j++) {
    const radius = (j > 0 ? Math.abs(betas[j - 1]) : 0) + (j < k - 1 ? Math.abs(betas[j]) : 0);
    lo = Math.min(lo, alphas[j] - radius);
    hi = Math.max(hi, alphas[j] + radius);
  }
  const target = largest ? k - 1 : 0; // eigenvalue index sought (ascending)
  for (let it = 0; it < 200; it++) {
    const mid = 0.5 * (lo + hi);
    if (!(mid > lo && mid < hi)) break;
    if (countBelow(k, mid) > target) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** |last component| of the unit eigenvector of the k × k tridiagonal for eigenvalue θ (forward recurrence). */
function lastComponent(k: number, theta: number): number {
  ritzVector[0] = 1;
  let norm2 = 1;
  for (let j = 0; j + 1 < k; j++) {
    const previous = j > 0 ? betas[j - 1] * ritzVector[j - 1] : 0;
    ritzVector[j + 1] = ((theta - alphas[j]) * ritzVector[j] - previous) / betas[j];
    norm2 += ritzVector[j + 1] * ritzVector[j + 1];
  }
  return Math.abs(ritzVector[k - 1]) / Math.sqrt(norm2);
}

/**
 * Lanczos for the largest eigenvalue of S (or of S⁻¹ through the Cholesky factor when `inverse`), from a fixed start
 * vector; also returns the smallest Ritz value (an upper bound of the smallest eigenvalue) through `bounds`.
 */
function lanczosLargest(n: number, S: Float64Array, inverse: boolean, bounds: { smallestRitz: number }): number {
  const V = basis;
  const w = work;
  // Fixed start vector: entries in [0.5, 1.5) from an integer hash (no Math.random, no libm).
  let norm2 = 0;
  for (let i = 0; i < n; i++) {
    const h = Math.imul(i + 1, 0x9e3779b1) >>> 0;
    V[i] = 0.5 + h / 4294967296;
    norm2 += V[i] * V[i];
  }
  const inv = 1 / Math.sqrt(norm2);
  for (let i = 0; i < n; i++) V[i] *= inv;

  let theta = 0;
  const maxSteps = Math.min(MAX_STEPS, n);
  let k = 0;
  for (; k < maxSteps; k++) {
    const at = k * n;
    if (inverse) {
      // w = S⁻¹ v through the Cholesky factor in `factor`.
      for (let i = 0; i < n; i++) w[i] = V[at + i];
      choleskySolveInPlace(factor, n, w);
    } else {
      multiply(S, n, V, at, w);
    }
    let alpha = 0;
    for (let i = 0; i < n; i++) alpha += w[i] * V[at + i];
    alphas[k] = alpha;
    // Full reorthogonalisation (twice is enough): w ⟂ all previous Lanczos vectors.
    for (let pass = 0; pass < 2; pass++) {
      for (let j = 0; j <= k; j++) {
        const rj = j * n;
        let c = 0;
        for (let i = 0; i < n; i++) c += w[i] * V[rj + i];
        for (let i = 0; i < n; i++) w[i] -= c * V[rj + i];
      }
    }
    let beta2 = 0;
    for (let i = 0; i < n; i++) beta2 += w[i] * w[i];
    const beta = Math.sqrt(beta2);
    betas[k] = beta;
    theta = tridiagonalExtreme(k + 1, true);
    // Invariant subspace (β ≈ 0) or the residual bound β_k |s_k| small enough: done.
    if (!(beta > EPSILON * Math.abs(theta)) || beta * lastComponent(k + 1, theta) <= RITZ_TOLERANCE * Math.abs(theta)) {
      k++;
      break;
    }
    if (k + 1 < maxSteps) {
      const next = (k + 1) * n;
      const invBeta = 1 / beta;
      for (let i = 0; i < n; i++) V[next + i] = w[i] * invBeta;
    }
  }
  bounds.smallestRitz = tridiagonalExtreme(k, false);
  return theta;
}

const ritzBounds = { smallestRitz: 0 };

/**
 * Estimated cond(S) for symmetric S (n × n row-major, not modified), with the semantics of
 * conditionNumber: NaN for non-finite entries, Infinity when S is clearly indefinite, at most 1/(n·ε).
 * `semidefinite`: S is positive semi-definite by construction (Gram matrices), so a failed Cholesky
 * means singular to working precision.
 */
export function estimateConditionNumber(S: Float64Array, n: number, semidefinite: boolean): number {
  if (n === 0) return 1;
  for (let i = 0; i < n * n; i++) if (!Number.isFinite(S[i])) return NaN;
  if (n <= 2) return conditionNumber(S, n);
  ensureScratch(n);
  const lambdaMax = lanczosLargest(n, S, false, ritzBounds);
  if (!(lambdaMax > 0)) return Infinity;
  const roundoff = n * EPSILON * lambdaMax;
  // A Ritz value is ≥ λ_min: one clearly below zero proves S indefinite.
  if (ritzBounds.smallestRitz < -roundoff) return Infinity;
  const F = factor;
  for (let i = 0; i < n * n; i++) F[i] = S[i];
  if (!choleskyInPlace(F, n)) return semidefinite ? 1 / (n * EPSILON) : conditionNumber(S, n);
  // Largest eigenvalue of S⁻¹ = 1/λ_min.
  const inverseMax = lanczosLargest(n, S, true, ritzBounds);
  const lambdaMin = inverseMax > 0 ? 1 / inverseMax : 0;
  return lambdaMax / Math.max(lambdaMin, roundoff);
}
