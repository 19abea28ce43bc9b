// Cube root: port of fdlibm's s_cbrt.c (bit-level 5-bit estimate, rational step to 23 bits, one Newton
// step to 53 bits; error < 0.667 ulp).

import { highWord, lowWord, withHighWord, withLowWord } from './bits';

const B1 = 715094163; // (682 − 0.03306235651)·2^20
const B2 = 696219795; // (664 − 0.03306235651)·2^20
const C = 5.42857142857142815906e-1; // 19/35     0x3FE15F15 F15F15F1
const D = -7.0530612244897961105e-1; // −864/1225 0xBFE691DE 2532C834
const E = 1.41428571428571436819; // 99/70     0x3FF6A0EA 0EA0EA0F
const F = 1.6071428571428572063; // 45/28     0x3FF9B6DB 6DB6DB6E
const G = 3.57142857142857150787e-1; // 5/14      0x3FD6DB6D B6DB6DB7

/** ∛x (odd: ∛(−x) = −∛x). */
export function cbrt(x: number): number {
  let hx = highWord(x);
  const sign = hx & 0x80000000;
  hx ^= sign;
  if (hx >= 0x7ff00000) return x + x; // NaN, ±∞
  if ((hx | lowWord(x)) === 0) return x; // ±0
  x = withHighWord(x, hx); // |x|

  // rough cube root to 5 bits
  let t: number;
  if (hx < 0x00100000) {
    // subnormal
    t = 1.8014398509481984e16 * x; // 2^54 · x
    t = withHighWord(t, ((highWord(t) / 3) | 0) + B2);
  } else {
    t = withHighWord(0, ((hx / 3) | 0) + B1);
  }

  // to 23 bits
  let r = (t * t) / x;
  let s = C + r * t;
  t *= G + F / (s + E + D / s);

  // chopped to 20 bits and made larger than ∛x
  t = withLowWord(t, 0);
  t = withHighWord(t, highWord(t) + 1);

  // one Newton step to 53 bits
  s = t * t; // exact
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r); // r − s is exact
  t = t + t * r;

  return sign !== 0 ? -t : t;
}
