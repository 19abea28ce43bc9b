// Access to the two 32-bit words of a float64 through typed-array aliasing (exact by the spec), the
// primitive every fdlibm port below is built on. The word order follows the platform's endianness,
// detected once.

const buffer = new ArrayBuffer(8);
const f64 = new Float64Array(buffer);
const i32 = new Int32Array(buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;
const LO = littleEndian ? 0 : 1;

/** The high word (sign, exponent, top 20 mantissa bits) as a signed 32-bit integer, like fdlibm's __HI. */
export function highWord(x: number): number {
  f64[0] = x;
  return i32[HI];
}

/** The low word (bottom 32 mantissa bits) as an unsigned 32-bit integer, like fdlibm's __LO. */
export function lowWord(x: number): number {
  f64[0] = x;
  return i32[LO] >>> 0;
}

/** The double with these words (hi signed or unsigned, lo taken modulo 2^32). */
export function fromWords(hi: number, lo: number): number {
  i32[HI] = hi;
  i32[LO] = lo;
  return f64[0];
}

/** x with its high word replaced. */
export function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  i32[HI] = hi;
  return f64[0];
}

/** x with its low word replaced (0: keep only the top 21 mantissa bits). */
export function withLowWord(x: number, lo: number): number {
  f64[0] = x;
  i32[LO] = lo;
  return f64[0];
}

/** x · 2^n with one rounding (fdlibm s_scalbn.c). */
export function scalbn(x: number, n: number): number {
  f64[0] = x;
  let hx = i32[HI];
  const lx = i32[LO];
  let k = (hx & 0x7ff00000) >> 20;
  if (k === 0) {
    // 0 or subnormal
    if (((hx & 0x7fffffff) | lx) === 0) return x;
    x *= 1.8014398509481984e16; // 2^54
    f64[0] = x;
    hx = i32[HI];
    k = ((hx & 0x7ff00000) >> 20) - 54;
    if (n < -50000) return 1e-300 * x * 1e-300; // underflow
  }
  if (k === 0x7ff) return x + x; // NaN or ±∞
  k = k + n;
  if (k > 0x7fe || n > 50000) return x > 0 ? Infinity : -Infinity;
  if (k > 0) return withHighWord(x, (hx & 0x800fffff) | (k << 20));
  if (k <= -54) return x > 0 ? 0 : -0; // underflow to a signed zero
  k += 54; // subnormal result: scale into range, then one rounding multiplication
  return withHighWord(x, (hx & 0x800fffff) | (k << 20)) * 5.551115123125783e-17; // 2^-54
}
