// sinh, cosh, tanh, asinh, acosh, atanh: ports of fdlibm's e_sinh.c, e_cosh.c, s_tanh.c, s_asinh.c,
// e_acosh.c, e_atanh.c on our exp/expm1/log/log1p (errors within ~2 ulp; tanh < 1 ulp typically).

import { highWord, lowWord } from './bits';
import { exp, expm1 } from './exp';
import { log, log1p } from './log';

const LN2 = 6.93147180559945286227e-1; // 0x3FE62E42 FEFA39EF
const TWO_M55 = 2.7755575615628914e-17; // 2^-55, high word 0x3c800000

/** Hyperbolic tangent (the MLPs' activation: word tests done as comparisons of |x|, see exp.ts). */
export function tanh(x: number): number {
  const ax = x < 0 ? -x : x;
  let z: number;
  if (ax < 22) {
    if (ax < TWO_M55) return x; // |x| < 2^-55 (keeps −0)
    if (ax >= 1) {
      const t = expm1(2 * ax);
      z = 1 - 2 / (t + 2);
    } else {
      const t = expm1(-2 * ax);
      z = -t / (t + 2);
    }
  } else {
    if (x !== x) return x;
    z = 1; // |x| ≥ 22 (or ∞): tanh rounds to ±1
  }
  return x < 0 ? -z : z;
}

/** Hyperbolic sine. */
export function sinh(x: number): number {
  const jx = highWord(x);
  const ix = jx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x;
  const h = jx < 0 ? -0.5 : 0.5;
  if (ix < 0x40360000) {
    // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^-28
    const t = expm1(Math.abs(x));
    if (ix < 0x3ff00000) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  // |x| in [22, log(maxdouble)]: ½ e^|x|
  if (ix < 0x40862e42) return h * exp(Math.abs(x));
  // |x| in [log(maxdouble), overflow threshold]: ½ e^(|x|/2) · e^(|x|/2)
  if (ix < 0x408633ce || (ix === 0x408633ce && lowWord(x) <= 0x8fb9f87d)) {
    const w = exp(0.5 * Math.abs(x));
    const t = h * w;
    return t * w;
  }
  return x * 1e307 * 1e307; // overflow to ±∞
}

/** Hyperbolic cosine. */
export function cosh(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix >= 0x7ff00000) return x * x;
  if (ix < 0x3fd62e43) {
    // |x| < ½ ln2: 1 + expm1(|x|)² / (2 e^|x|)
    const t = expm1(Math.abs(x));
    const w = 1 + t;
    if (ix < 0x3c800000) return w; // cosh(tiny) = 1
    return 1 + (t * t) / (w + w);
  }
  if (ix < 0x40360000) {
    // |x| < 22: (e^|x| + e^-|x|) / 2
    const t = exp(Math.abs(x));
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * exp(Math.abs(x));
  if (ix < 0x408633ce || (ix === 0x408633ce && lowWord(x) <= 0x8fb9f87d)) {
    const w = exp(0.5 * Math.abs(x));
    const t = 0.5 * w;
    return t * w;
  }
  return Infinity;
}

/** Inverse hyperbolic sine. */
export function asinh(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x7ff00000) return x + x; // ±∞, NaN
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  let w: number;
  if (ix > 0x41b00000) {
    // |x| > 2^28
    w = log(Math.abs(x)) + LN2;
  } else if (ix > 0x40000000) {
    // 2 < |x| ≤ 2^28
    const t = Math.abs(x);
    w = log(2 * t + 1 / (Math.sqrt(x * x + 1) + t));
  } else {
    const t = x * x;
    w = log1p(Math.abs(x) + t / (1 + Math.sqrt(1 + t)));
  }
  return hx > 0 ? w : -w;
}

/** Inverse hyperbolic cosine; NaN below 1. */
export function acosh(x: number): number {
  const hx = highWord(x);
  if (hx < 0x3ff00000) return NaN; // x < 1 (or negative NaN)
  if (hx >= 0x41b00000) {
    // x > 2^28
    if (hx >= 0x7ff00000) return x + x;
    return log(x) + LN2;
  }
  if (x === 1) return 0;
  if (hx > 0x40000000) {
    // 2 < x ≤ 2^28
    const t = x * x;
    return log(2 * x - 1 / (x + Math.sqrt(t - 1)));
  }
  const t = x - 1;
  return log1p(t + Math.sqrt(2 * t + t * t));
}

/** Inverse hyperbolic tangent; ±∞ at ±1, NaN outside [−1, 1]. */
export function atanh(x: number): number {
  if (x !== x) return x;
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const ax = Math.abs(x);
  if (ax > 1) return NaN;
  if (ax === 1) return x / 0;
  if (ix < 0x3e300000) return x; // |x| < 2^-28
  let t: number;
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    t = ax + ax;
    t = 0.5 * log1p(t + (t * ax) / (1 - ax));
  } else {
    t = 0.5 * log1p((ax + ax) / (1 - ax));
  }
  return hx >= 0 ? t : -t;
}
