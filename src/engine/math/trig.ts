// sin, cos, tan: ports of fdlibm's k_sin.c, k_cos.c, k_tan.c (FreeBSD msun revisions) on an argument
// reduction x = n·π/2 + y (y as a double-double hi + lo): Cody–Waite with a 3-part π/2 (fdlibm
// e_rem_pio2.c) for |x| ≤ 2^19·π/2, and an exact Payne–Hanek reduction in BigInt arithmetic beyond,
// on 2/π computed at load time from Machin's formula. Errors < 1 ulp for every finite x.

import { fromWords, highWord, lowWord, withLowWord } from './bits';

// ---------------------------------------------------------------------------------------------
// π in fixed point, from Machin's formula π/4 = 4 atan(1/5) − atan(1/239), exact integer arithmetic.

const PI_BITS = 1600n;

/** atan(1/n) · 2^PI_BITS (truncated terms; the error is a few units of 2^-PI_BITS). */
function atanInverse(n: bigint): bigint {
  const n2 = n * n;
  let power = (1n << PI_BITS) / n; // 2^B / n^(2k+1)
  let sum = 0n;
  for (let k = 0n; power !== 0n; k++) {
    const term = power / (2n * k + 1n);
    sum = k % 2n === 0n ? sum + term : sum - term;
    power /= n2;
  }
  return sum;
}

/** π · 2^PI_BITS, accurate to within a few units (far below the bits used). */
const PI_FIXED = 4n * (4n * atanInverse(5n) - atanInverse(239n));

/** floor(2/π · 2^TWO_OVER_PI_SCALE): enough bits for every double (exponent ≤ 971, plus 53 + 128 + margin). */
const TWO_OVER_PI_SCALE = 1300n;
const TWO_OVER_PI = (1n << (TWO_OVER_PI_SCALE + PI_BITS + 1n)) / PI_FIXED;
/** round(π/2 · 2^128). */
const PIO2_FIXED128 = (PI_FIXED + (1n << (PI_BITS - 128n))) >> (PI_BITS - 127n);

const MASK128 = (1n << 128n) - 1n;
const HALF128 = 1n << 127n;
const TWO_M256 = fromWords(0x2ff00000, 0); // 2^-256

// ---------------------------------------------------------------------------------------------
// Argument reduction: returns n mod 4 (as 0..3) and leaves y = x − n·π/2 in reducedHi + reducedLo.

let reducedHi = 0;
let reducedLo = 0;

const INV_PIO2 = 6.36619772367581382433e-1; // 0x3FE45F30 6DC9C883
const PIO2_1 = 1.57079632673412561417; // 0x3FF921FB 54400000: first 33 bits of π/2
const PIO2_1T = 6.07710050650619224932e-11; // 0x3DD0B461 1A626331: π/2 − PIO2_1
const PIO2_2 = 6.0771005063039659766e-11; // 0x3DD0B461 1A600000: second 33 bits
const PIO2_2T = 2.02226624879595063154e-21; // 0x3BA3198A 2E037073
const PIO2_3 = 2.0222662487111664558e-21; // 0x3BA3198A 2E000000: third 33 bits
const PIO2_3T = 8.47842766036889956997e-32; // 0x397B839A 252049C1

/** x finite with |x| > π/4. */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3π/4: n = ±1
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        reducedHi = z - PIO2_1T;
        reducedLo = z - reducedHi - PIO2_1T;
      } else {
        // near π/2: 33 + 33 + 53 bits of π/2
        z -= PIO2_2;
        reducedHi = z - PIO2_2T;
        reducedLo = z - reducedHi - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      reducedHi = z + PIO2_1T;
      reducedLo = z - reducedHi + PIO2_1T;
    } else {
      z += PIO2_2;
      reducedHi = z + PIO2_2T;
      reducedLo = z - reducedHi + PIO2_2T;
    }
    return 3;
  }
  if (ix <= 0x413921fb) {
    // |x| ≤ 2^19·π/2: Cody–Waite, with a second and third step when cancellation is large
    const t0 = Math.abs(x);
    const n = (t0 * INV_PIO2 + 0.5) | 0;
    const fn = n;
    let r = t0 - fn * PIO2_1;
    let w = fn * PIO2_1T; // first round good to 85 bits
    const j = ix >> 20;
    let y0 = r - w;
    let i = j - ((highWord(y0) >> 20) & 0x7ff);
    if (i > 16) {
      // second iteration, good to 118 bits
      let t = r;
      w = fn * PIO2_2;
      r = t - w;
      w = fn * PIO2_2T - (t - r - w);
      y0 = r - w;
      i = j - ((highWord(y0) >> 20) & 0x7ff);
      if (i > 49) {
        // third iteration, 151 bits: covers every double in range
        t = r;
        w = fn * PIO2_3;
        r = t - w;
        w = fn * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
    const y1 = r - y0 - w;
    if (hx < 0) {
      reducedHi = -y0;
      reducedLo = -y1;
      return -n & 3;
    }
    reducedHi = y0;
    reducedLo = y1;
    return n & 3;
  }
  return remPio2Large(x);
}

/** Payne–Hanek: x·(2/π) with exact big-integer arithmetic, for |x| > 2^19·π/2 (finite). */
function remPio2Large(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  // |x| = m · 2^e with m a 53-bit integer
  const m = (BigInt((ix & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const e = BigInt((ix >> 20) - 1075);
  // x·2/π ≈ m·TWO_OVER_PI · 2^(e − scale); keep 2 integer bits (n mod 4) and 128 fraction bits
  const shift = TWO_OVER_PI_SCALE - e - 128n;
  const q = ((m * TWO_OVER_PI) >> shift) & ((1n << 130n) - 1n);
  let n = Number(q >> 128n);
  let f = q & MASK128;
  if (f >= HALF128) {
    // round to the nearest multiple of π/2: fraction in [−1/2, 1/2)
    f -= 1n << 128n;
    n += 1;
  }
  const y = f * PIO2_FIXED128; // (x − n·π/2) · 2^256
  const hi = Number(y); // rounded to nearest
  const lo = Number(y - BigInt(hi));
  if (hx < 0) {
    reducedHi = -hi * TWO_M256;
    reducedLo = -lo * TWO_M256;
    return -n & 3;
  }
  reducedHi = hi * TWO_M256;
  reducedLo = lo * TWO_M256;
  return n & 3;
}

// ---------------------------------------------------------------------------------------------
// Kernels on [−π/4, π/4], argument as x + y (|y| ≤ ulp(x)/2).

const S1 = -1.66666666666666324348e-1; // 0xBFC55555 55555549
const S2 = 8.33333333332248946124e-3; // 0x3F811111 1110F8A6
const S3 = -1.98412698298579493134e-4; // 0xBF2A01A0 19C161D5
const S4 = 2.75573137070700676789e-6; // 0x3EC71DE3 57B1FE7D
const S5 = -2.50507602534068634195e-8; // 0xBE5AE5E6 8A2B9CEB
const S6 = 1.58969099521155010221e-10; // 0x3DE5D93A 5ACFD57C

/** sin(x + y); y = 0 when `hasTail` is false. */
function kernelSin(x: number, y: number, hasTail: boolean): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (!hasTail) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 4.16666666666666019037e-2; // 0x3FA55555 5555554C
const C2 = -1.38888888888741095749e-3; // 0xBF56C16C 16C15177
const C3 = 2.48015872894767294178e-5; // 0x3EFA01A0 19CB1590
const C4 = -2.75573143513906633035e-7; // 0xBE927E4F 809C52AD
const C5 = 2.0875723212981748279e-9; // 0x3E21EE9E BDB4B1C4
const C6 = -1.13596475577881948265e-11; // 0xBDA8FAE9 BE8838D4

/** cos(x + y). */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1 - hz;
  return w + (1 - w - hz + (z * r - x * y));
}

const T = [
  3.33333333333334091986e-1, // 0x3FD55555 55555563
  1.33333333333201242699e-1, // 0x3FC11111 1110FE7A
  5.39682539762260521377e-2, // 0x3FABA1BA 1BB341FE
  2.18694882948595424599e-2, // 0x3F9664F4 8406D637
  8.86323982359930005737e-3, // 0x3F8226E3 E96E8493
  3.59207910759131235356e-3, // 0x3F6D6D22 C9560328
  1.45620945432529025516e-3, // 0x3F57DBC8 FEE08315
  5.88041240820264096874e-4, // 0x3F4344D8 F2F26501
  2.46463134818469906812e-4, // 0x3F3026F7 1A8D1068
  7.817944429395570923e-5, // 0x3F147E88 A03792A6
  7.14072491382608190305e-5, // 0x3F12B80F 32F0A7E9
  -1.85586374855275456654e-5, // 0xBEF375CB DB605373
  2.59073051863633712884e-5, // 0x3EFB2A70 74BF7AD4
] as const;
const PIO4 = 7.85398163397448278999e-1; // 0x3FE921FB 54442D18
const PIO4_LO = 3.06161699786838301793e-17; // 0x3C81A626 33145C07

/** tan(x + y) when odd is false, −1/tan(x + y) when odd is true (fdlibm k_tan.c, 2004 revision). */
function kernelTan(x: number, y: number, odd: boolean): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const iy = odd ? -1 : 1;
  if (ix < 0x3e300000) {
    // |x| < 2^-28
    if (!odd) return x;
    if (x === 0 && y === 0) return 1 / Math.abs(x);
    // −1/(x + y) carefully
    const w = x + y;
    const z = withLowWord(w, 0);
    const v = y - (z - x);
    const a = -1 / w;
    const t = withLowWord(a, 0);
    const s = 1 + t * z;
    return t + a * (s + t * v);
  }
  const big = ix >= 0x3fe59428; // |x| ≥ 0.6744: tan(π/4 − x) is more accurate
  if (big) {
    if (hx < 0) {
      x = -x;
      y = -y;
    }
    const z = PIO4 - x;
    const w = PIO4_LO - y;
    x = z + w;
    y = 0;
  }
  const z = x * x;
  let w = z * z;
  // x^5 (T1 + x^4 T3 + … + x^20 T11) + x^5 (x^2 (T2 + x^4 T4 + … + x^22 T12))
  let r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] + w * T[11]))));
  let v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] + w * T[12])))));
  const s = z * x;
  r = y + z * (s * (r + v) + y);
  r += T[0] * s;
  w = x + r;
  if (big) {
    v = iy;
    return (1 - ((hx >> 30) & 2)) * (v - 2 * (x - ((w * w) / (w + v) - r)));
  }
  if (!odd) return w;
  // −1/(x + r) accurately
  const zz = withLowWord(w, 0);
  v = r - (zz - x); // zz + v = r + x
  const a = -1 / w;
  const t = withLowWord(a, 0);
  const ss = 1 + t * zz;
  return t + a * (ss + t * v);
}

// ---------------------------------------------------------------------------------------------

/** Sine. */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ≤ π/4
    if (ix < 0x3e500000) return x; // |x| < 2^-26: sin x = x to within rounding
    return kernelSin(x, 0, false);
  }
  if (ix >= 0x7ff00000) return NaN;
  switch (remPio2(x)) {
    case 0:
      return kernelSin(reducedHi, reducedLo, true);
    case 1:
      return kernelCos(reducedHi, reducedLo);
    case 2:
      return -kernelSin(reducedHi, reducedLo, true);
    default:
      return -kernelCos(reducedHi, reducedLo);
  }
}

/** Cosine. */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e46a09e) return 1; // |x| < 2^-27·√2
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  switch (remPio2(x)) {
    case 0:
      return kernelCos(reducedHi, reducedLo);
    case 1:
      return -kernelSin(reducedHi, reducedLo, true);
    case 2:
      return -kernelCos(reducedHi, reducedLo);
    default:
      return kernelSin(reducedHi, reducedLo, true);
  }
}

/** Tangent. */
export function tan(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e400000) return x; // |x| < 2^-27
    return kernelTan(x, 0, false);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x);
  return kernelTan(reducedHi, reducedLo, (n & 1) === 1);
}

/** n mod 4 and y = x − n·π/2 (hi, lo) for tests: exposes the reduction. */
export function reducePio2(x: number): { quadrant: number; hi: number; lo: number } {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return { quadrant: 0, hi: x, lo: 0 };
  const quadrant = remPio2(x);
  return { quadrant, hi: reducedHi, lo: reducedLo };
}
