// exp and expm1: ports of fdlibm's e_exp.c and s_expm1.c (error < 1 ulp), so every JavaScript engine
// returns the same bits. Only + − × ÷, comparisons and word access are used.

import { fromWords, highWord, lowWord, withHighWord } from './bits';

const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF: above, exp overflows
const U_THRESHOLD = -7.4513321910194110842e2; // 0xC0874910 D52D3051: below, exp underflows to 0
const LN2_HI = 6.9314718036912381649e-1; // 0x3FE62E42 FEE00000
const LN2_LO = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2 = 1.442695040888963387; // 0x3FF71547 652B82FE
const TWO_M1000 = 9.3326361850321887899e-302; // 2^-1000
const TWO_1023 = 8.98846567431157953865e307; // 2^1023

// Remez polynomial of (x(e^x+1)/(e^x−1) − 2) on [0, 0.347]
const P1 = 1.66666666666666019037e-1; // 0x3FC55555 5555553E
const P2 = -2.77777777770155933842e-3; // 0xBF66C16C 16BEBD93
const P3 = 6.61375632143793436117e-5; // 0x3F11566A AF25DE2C
const P4 = -1.6533902205465251539e-6; // 0xBEBBBD41 C5D26BF1
const P5 = 4.13813679705723846039e-8; // 0x3E663769 72BEA4D0

/** e^x. */
export function exp(x: number): number {
  const hxSigned = highWord(x);
  const negative = hxSigned < 0;
  const hx = hxSigned & 0x7fffffff;

  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return negative ? 0 : x; // e^±∞ = ∞, 0
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }

  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2 / 2: x = k·ln2 + r, |r| ≤ ln2 / 2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      if (negative) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      k = (INV_LN2 * x + (negative ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI; // exact: k·LN2_HI has trailing zeros
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    return 1 + x;
  }

  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * TWO_1023;
    return withHighWord(y, highWord(y) + (k << 20));
  }
  return withHighWord(y, highWord(y) + ((k + 1000) << 20)) * TWO_M1000;
}

// Scaled coefficients of expm1's rational approximation on [0, 0.347]
const Q1 = -3.33333333333331316428e-2; // 0xBFA11111 111110F4
const Q2 = 1.58730158725481460165e-3; // 0x3F5A01A0 19FE5585
const Q3 = -7.93650757867487942473e-5; // 0xBF14CE19 9EAADBB7
const Q4 = 4.00821782732936239552e-6; // 0x3ED0CFCA 86E65239
const Q5 = -2.01099218183624371326e-7; // 0xBE8AFDB7 6E09C32D

// fdlibm tests the high word of |x| against these; comparing |x| with the double whose high word is the
// bound (low word 0) is the same test without touching memory (expm1 is tanh's hot path in the MLPs).
const AT_LEAST_56LN2 = fromWords(0x4043687a, 0);
const AT_LEAST_709 = fromWords(0x40862e42, 0);
const ABOVE_HALF_LN2 = fromWords(0x3fd62e43, 0); // high word > 0x3fd62e42
const BELOW_1P5_LN2 = fromWords(0x3ff0a2b2, 0);
const BELOW_2M54 = fromWords(0x3c900000, 0);

/** 2^k for k in [−1022, 1023] at index k + 1022: multiplying a normal result by it is fdlibm's exponent-field addition. */
const POW2 = new Float64Array(2046);
for (let k = -1022; k <= 1023; k++) POW2[k + 1022] = fromWords((k + 1023) << 20, 0);

/** e^x − 1, accurate near 0. */
export function expm1(x: number): number {
  const ax = x < 0 ? -x : x;
  if (!(ax < AT_LEAST_56LN2)) {
    // |x| ≥ 56 ln2, or NaN
    if (x !== x) return x;
    if (ax >= AT_LEAST_709) {
      if (x === Infinity) return x;
      if (x > O_THRESHOLD) return Infinity;
    }
    if (x < 0) return -1; // e^x < 2^-56: −1 to within rounding
  }

  let c = 0;
  let k = 0;
  if (ax >= ABOVE_HALF_LN2) {
    // |x| > ln2 / 2
    let hi: number;
    let lo: number;
    if (ax < BELOW_1P5_LN2) {
      if (x < 0) {
        hi = x + LN2_HI;
        lo = -LN2_LO;
        k = -1;
      } else {
        hi = x - LN2_HI;
        lo = LN2_LO;
        k = 1;
      }
    } else {
      k = (INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
    c = hi - x - lo;
  } else if (ax < BELOW_2M54) {
    return x;
  }

  const hfx = 0.5 * x;
  const hxs = x * hfx;
  const r1 = 1 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  let t = 3 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6 - x * t));
  if (k === 0) return x - (x * e - hxs); // c is 0
  e = x * (e - c) - c;
  e -= hxs;
  if (k === -1) return 0.5 * (x - e) - 0.5;
  if (k === 1) {
    if (x < -0.25) return -2 * (e - (x + 0.5));
    return 1 + 2 * (x - e);
  }
  if (k <= -2 || k > 56) {
    // exp(x) − 1 suffices; y·2^k is normal here (k ≥ −57), so the product is exact
    const y = 1 - (e - x);
    if (k === 1024) return y * 2 * TWO_1023 - 1;
    return y * POW2[k + 1022] - 1;
  }
  if (k < 20) {
    t = 1 - POW2[1022 - k]; // 1 − 2^-k, exact
    return (t - (e - x)) * POW2[k + 1022];
  }
  t = POW2[1022 - k]; // 2^-k
  return (x - (e + t) + 1) * POW2[k + 1022];
}
