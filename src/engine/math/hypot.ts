// √(x² + y²) without undue overflow or underflow: port of fdlibm's e_hypot.c (error < 1 ulp).
// Math.hypot is not specified to the bit, so engine code uses this one.

import { highWord, lowWord, withHighWord } from './bits';

/** √(x² + y²); +∞ if either is ±∞ (even with a NaN), else NaN if either is NaN. */
export function hypot(x: number, y: number): number {
  let a = Math.abs(x);
  let b = Math.abs(y);
  if (a === Infinity || b === Infinity) return Infinity;
  if (a !== a || b !== b) return NaN;
  if (b > a) {
    const swap = a;
    a = b;
    b = swap;
  }
  let ha = highWord(a);
  let hb = highWord(b);
  if (ha - hb > 0x3c00000) return a + b; // a/b > 2^60
  let k = 0;
  if (ha > 0x5f300000) {
    // a > 2^500: scale both by 2^-600
    ha -= 0x25800000;
    hb -= 0x25800000;
    k += 600;
    a = withHighWord(a, ha);
    b = withHighWord(b, hb);
  }
  if (hb < 0x20b00000) {
    // b < 2^-500
    if (hb <= 0x000fffff) {
      // subnormal b or 0
      if ((hb | lowWord(b)) === 0) return a;
      const t1 = 4.49423283715578976932e307; // 2^1022
      b *= t1;
      a *= t1;
      k -= 1022;
      ha = highWord(a);
      hb = highWord(b);
    } else {
      // scale both by 2^600
      ha += 0x25800000;
      hb += 0x25800000;
      k -= 600;
      a = withHighWord(a, ha);
      b = withHighWord(b, hb);
    }
  }
  // medium-size a and b
  let w = a - b;
  if (w > b) {
    const t1 = withHighWord(0, ha);
    const t2 = a - t1;
    w = Math.sqrt(t1 * t1 - (b * -b - t2 * (a + t1)));
  } else {
    a = a + a;
    const y1 = withHighWord(0, hb);
    const y2 = b - y1;
    const t1 = withHighWord(0, ha + 0x00100000);
    const t2 = a - t1;
    w = Math.sqrt(t1 * y1 - (w * -w - (t1 * y2 + t2 * b)));
  }
  if (k !== 0) return withHighWord(1, 0x3ff00000 + (k << 20)) * w;
  return w;
}
