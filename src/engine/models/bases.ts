// One-dimensional bases on the reference interval t ∈ [−1, 1] (docs/SCENARIO.md "Parameter order"):
// legendre P_j (P_j(1) = 1), chebyshev T_j, fourier 1, sin πt, cos πt, sin 2πt, cos 2πt, …,
// hat functions on n equispaced nodes including both ends, gaussians exp(−((t − c_j)/h)²/2) on n
// equispaced centres including both ends with h their spacing. Gaussians and hats are defined in the
// domain's x, but they are invariant under the affine map x ↦ t, so they are evaluated in t.
// Derivatives are with respect to t; callers apply the chain rule (dt/dx = 2/(b − a)).

import * as libm from '../math';
import type { BasisKind, Domain } from '../scenario/types';

/** out[j] ← φ_j(t), dOut[j] ← φ_j′(t), d2Out[j] ← φ_j″(t) for j < n. */
export function basisValues(
  kind: BasisKind,
  n: number,
  t: number,
  out: Float64Array,
  dOut?: Float64Array,
  d2Out?: Float64Array,
): void {
  switch (kind) {
    case 'legendre':
      return legendre(n, t, out, dOut, d2Out);
    case 'chebyshev':
      return chebyshev(n, t, out, dOut, d2Out);
    case 'fourier':
      return fourier(n, t, out, dOut, d2Out);
    case 'hat':
      return hat(n, t, out, dOut, d2Out);
    case 'gaussian':
      return gaussian(n, t, out, dOut, d2Out);
  }
}

/** The affine map of [lo, hi] onto [−1, 1]: t = scale·x + shift. */
export function referenceMap(interval: [number, number]): { scale: number; shift: number } {
  const [lo, hi] = interval;
  const scale = 2 / (hi - lo);
  return { scale, shift: -(lo + hi) / (hi - lo) };
}

/** Basis values and x-derivatives at the points of one coordinate (m × n matrices, row-major). */
export function basisMatrix(
  kind: BasisKind,
  n: number,
  coordinates: ArrayLike<number>,
  stride: number,
  offset: number,
  count: number,
  interval: Domain[number],
  withDerivatives: boolean,
): { phi: Float64Array; dphi: Float64Array | null; d2phi: Float64Array | null } {
  const { scale, shift } = referenceMap(interval);
  const phi = new Float64Array(count * n);
  const dphi = withDerivatives ? new Float64Array(count * n) : null;
  const d2phi = withDerivatives ? new Float64Array(count * n) : null;
  const row = new Float64Array(n);
  const drow = new Float64Array(n);
  const d2row = new Float64Array(n);
  for (let i = 0; i < count; i++) {
    const t = scale * coordinates[i * stride + offset] + shift;
    basisValues(kind, n, t, row, drow, d2row);
    phi.set(row, i * n);
    if (dphi !== null && d2phi !== null) {
      for (let j = 0; j < n; j++) {
        dphi[i * n + j] = drow[j] * scale;
        d2phi[i * n + j] = d2row[j] * scale * scale;
      }
    }
  }
  return { phi, dphi, d2phi };
}

// Three-term recurrences, differentiated once and twice (stable at t = ±1, unlike closed forms):
//   legendre   j P_j = (2j−1) t P_{j−1} − (j−1) P_{j−2}
//   chebyshev    T_j = 2 t T_{j−1} − T_{j−2}
// written as P_j = (a t P_{j−1} − c P_{j−2}) / d; for chebyshev (a, c, d) = (2, 1, 1), and multiplying
// or dividing by 1 is exact, so both give the bits of their own recurrence.

function legendre(n: number, t: number, p: Float64Array, dp?: Float64Array, d2p?: Float64Array): void {
  threeTermRecurrence(true, n, t, p, dp, d2p);
}

function chebyshev(n: number, t: number, p: Float64Array, dp?: Float64Array, d2p?: Float64Array): void {
  threeTermRecurrence(false, n, t, p, dp, d2p);
}

function threeTermRecurrence(
  legendreCoefficients: boolean,
  n: number,
  t: number,
  p: Float64Array,
  dp?: Float64Array,
  d2p?: Float64Array,
): void {
  let p0 = 1,
    p1 = t,
    dp0 = 0,
    dp1 = 1,
    d2p0 = 0,
    d2p1 = 0;
  for (let j = 0; j < n; j++) {
    let value: number, d: number, d2: number;
    if (j === 0) [value, d, d2] = [1, 0, 0];
    else if (j === 1) [value, d, d2] = [t, 1, 0];
    else {
      const k = j - 1;
      const a = legendreCoefficients ? 2 * k + 1 : 2;
      const c = legendreCoefficients ? k : 1;
      const divisor = legendreCoefficients ? j : 1;
      value = (a * t * p1 - c * p0) / divisor;
      d = (a * (p1 + t * dp1) - c * dp0) / divisor;
      d2 = (a * (2 * dp1 + t * d2p1) - c * d2p0) / divisor;
      [p0, p1, dp0, dp1, d2p0, d2p1] = [p1, value, dp1, d, d2p1, d2];
    }
    p[j] = value;
    if (dp) dp[j] = d;
    if (d2p) d2p[j] = d2;
  }
}

/** φ_0 = 1, φ_0′ = φ_0″ = 0. */
function constantFirst(p: Float64Array, dp?: Float64Array, d2p?: Float64Array): void {
  p[0] = 1;
  if (dp) dp[0] = 0;
  if (d2p) d2p[0] = 0;
}

function fourier(n: number, t: number, p: Float64Array, dp?: Float64Array, d2p?: Float64Array): void {
  for (let j = 0; j < n; j++) {
    if (j === 0) {
      constantFirst(p, dp, d2p);
      continue;
    }
    const k = (j + 1) >> 1; // frequency: j = 2k−1 → sin(kπt), j = 2k → cos(kπt)
    const w = k * Math.PI;
    const s = libm.sin(w * t);
    const c = libm.cos(w * t);
    if (j % 2 === 1) {
      p[j] = s;
      if (dp) dp[j] = w * c;
      if (d2p) d2p[j] = -w * w * s;
    } else {
      p[j] = c;
      if (dp) dp[j] = -w * s;
      if (d2p) d2p[j] = -w * w * c;
    }
  }
}

/** Node spacing of the equispaced nodes −1 = t_0 < … < t_{n−1} = 1 (a single node sits at 0, spacing 2). */
function nodeSpacing(n: number): number {
  return n > 1 ? 2 / (n - 1) : 2;
}

function node(n: number, j: number): number {
  return n > 1 ? -1 + j * nodeSpacing(n) : 0;
}

function hat(n: number, t: number, p: Float64Array, dp?: Float64Array, d2p?: Float64Array): void {
  const h = nodeSpacing(n);
  for (let j = 0; j < n; j++) {
    if (n === 1) {
      constantFirst(p, dp, d2p);
      continue;
    }
    const u = (t - node(n, j)) / h;
    p[j] = Math.abs(u) < 1 ? 1 - Math.abs(u) : 0;
    if (dp) {
      // At a kink, the right derivative (the left one at t = 1), so that the slopes still sum to 0.
      if (t < 1) dp[j] = u >= -1 && u < 0 ? 1 / h : u >= 0 && u < 1 ? -1 / h : 0;
      else dp[j] = u > -1 && u <= 0 ? 1 / h : u > 0 && u <= 1 ? -1 / h : 0;
    }
    if (d2p) d2p[j] = 0;
  }
}

function gaussian(n: number, t: number, p: Float64Array, dp?: Float64Array, d2p?: Float64Array): void {
  const h = nodeSpacing(n);
  for (let j = 0; j < n; j++) {
    const u = (t - node(n, j)) / h;
    const g = libm.exp(-0.5 * u * u);
    p[j] = g;
    if (dp) dp[j] = (-u / h) * g;
    if (d2p) d2p[j] = ((u * u - 1) / (h * h)) * g;
  }
}
