// atan, atan2, asin, acos: ports of fdlibm's s_atan.c, e_atan2.c, e_asin.c, e_acos.c (errors < 1 ulp).

import { highWord, lowWord, withLowWord } from './bits';

const ATAN_HI = [
  4.63647609000806093515e-1, // atan(0.5) hi 0x3FDDAC67 0561BB4F
  7.85398163397448278999e-1, // atan(1.0) hi 0x3FE921FB 54442D18
  9.82793723247329054082e-1, // atan(1.5) hi 0x3FEF730B D281F69B
  1.570796326794896558, // atan(∞) hi 0x3FF921FB 54442D18
] as const;
const ATAN_LO = [
  2.26987774529616870924e-17, // 0x3C7A2B7F 222F65E2
  3.06161699786838301793e-17, // 0x3C81A626 33145C07
  1.39033110312309984516e-17, // 0x3C700788 7AF0CBBD
  6.12323399573676603587e-17, // 0x3C91A626 33145C07
] as const;
const AT0 = 3.33333333333329318027e-1; // 0x3FD55555 5555550D
const AT1 = -1.99999999998764832476e-1; // 0xBFC99999 9998EBC4
const AT2 = 1.42857142725034663711e-1; // 0x3FC24924 920083FF
const AT3 = -1.1111110405462355788e-1; // 0xBFBC71C6 FE231671
const AT4 = 9.09088713343650656196e-2; // 0x3FB745CD C54C206E
const AT5 = -7.69187620504482999495e-2; // 0xBFB3B0F2 AF749A6D
const AT6 = 6.66107313738753120669e-2; // 0x3FB10D66 A0D03D51
const AT7 = -5.83357013379057348645e-2; // 0xBFADDE2D 52DEFD9A
const AT8 = 4.97687799461593236017e-2; // 0x3FA97B4B 24760DEB
const AT9 = -3.6531572744216915527e-2; // 0xBFA2B444 2C6A6C2F
const AT10 = 1.62858201153657823623e-2; // 0x3F90AD3A E322DA11

/** Arctangent, in [−π/2, π/2]. */
export function atan(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  let id: number;
  if (ix >= 0x44100000) {
    // |x| ≥ 2^66 (or NaN)
    if (x !== x) return x + x;
    return hx > 0 ? ATAN_HI[3] + ATAN_LO[3] : -ATAN_HI[3] - ATAN_LO[3];
  }
  if (ix < 0x3fdc0000) {
    // |x| < 0.4375
    if (ix < 0x3e400000) return x; // |x| < 2^-27
    id = -1;
  } else {
    x = Math.abs(x);
    if (ix < 0x3ff30000) {
      // |x| < 1.1875
      if (ix < 0x3fe60000) {
        // 7/16 ≤ |x| < 11/16
        id = 0;
        x = (2 * x - 1) / (2 + x);
      } else {
        // 11/16 ≤ |x| < 19/16
        id = 1;
        x = (x - 1) / (x + 1);
      }
    } else if (ix < 0x40038000) {
      // |x| < 2.4375
      id = 2;
      x = (x - 1.5) / (1 + 1.5 * x);
    } else {
      // 2.4375 ≤ |x| < 2^66
      id = 3;
      x = -1 / x;
    }
  }
  const z = x * x;
  const w = z * z;
  // Σ AT_i z^(i+1) split into odd and even polynomials
  const s1 = z * (AT0 + w * (AT2 + w * (AT4 + w * (AT6 + w * (AT8 + w * AT10)))));
  const s2 = w * (AT1 + w * (AT3 + w * (AT5 + w * (AT7 + w * AT9))));
  if (id < 0) return x - x * (s1 + s2);
  const r = ATAN_HI[id] - (x * (s1 + s2) - ATAN_LO[id] - x);
  return hx < 0 ? -r : r;
}

const PI_O_4 = 7.85398163397448279e-1; // 0x3FE921FB 54442D18
const PI_O_2 = 1.570796326794896558; // 0x3FF921FB 54442D18
const PI = 3.141592653589793116; // 0x400921FB 54442D18
const PI_LO = 1.2246467991473531772e-16; // 0x3CA1A626 33145C07

/** The angle of (x, y) in (−π, π]. */
export function atan2(y: number, x: number): number {
  if (x !== x || y !== y) return x + y;
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const lx = lowWord(x);
  const hy = highWord(y);
  const iy = hy & 0x7fffffff;
  const ly = lowWord(y);
  if (x === 1) return atan(y);
  const m = ((hy >> 31) & 1) | ((hx >> 30) & 2); // 2·sign(x) + sign(y)

  if ((iy | ly) === 0) {
    // y = ±0
    switch (m) {
      case 0:
      case 1:
        return y; // atan(±0, +anything) = ±0
      case 2:
        return PI; // atan(+0, −anything) = π
      default:
        return -PI;
    }
  }
  if ((ix | lx) === 0) return hy < 0 ? -PI_O_2 : PI_O_2; // x = ±0
  if (ix === 0x7ff00000) {
    // x = ±∞
    if (iy === 0x7ff00000) {
      switch (m) {
        case 0:
          return PI_O_4;
        case 1:
          return -PI_O_4;
        case 2:
          return 3 * PI_O_4;
        default:
          return -3 * PI_O_4;
      }
    }
    switch (m) {
      case 0:
        return 0;
      case 1:
        return -0;
      case 2:
        return PI;
      default:
        return -PI;
    }
  }
  if (iy === 0x7ff00000) return hy < 0 ? -PI_O_2 : PI_O_2; // y = ±∞

  const k = (iy - ix) >> 20;
  let z: number;
  if (k > 60)
    z = PI_O_2 + 0.5 * PI_LO; // |y/x| > 2^60
  else if (hx < 0 && k < -60)
    z = 0; // |y|/x < −2^60
  else z = atan(Math.abs(y / x));
  switch (m) {
    case 0:
      return z; // atan(+, +)
    case 1:
      return -z; // atan(−, +)
    case 2:
      return PI - (z - PI_LO); // atan(+, −)
    default:
      return z - PI_LO - PI; // atan(−, −)
  }
}

const PIO2_HI = 1.570796326794896558; // 0x3FF921FB 54442D18
const PIO2_LO = 6.12323399573676603587e-17; // 0x3C91A626 33145C07
const PIO4_HI = 7.85398163397448278999e-1; // 0x3FE921FB 54442D18
// Rational approximation of (asin(x) − x)/x³ in x²
const PS0 = 1.66666666666666657415e-1; // 0x3FC55555 55555555
const PS1 = -3.25565818622400915405e-1; // 0xBFD4D612 03EB6F7D
const PS2 = 2.01212532134862925881e-1; // 0x3FC9C155 0E884455
const PS3 = -4.00555345006794114027e-2; // 0xBFA48228 B5688F3B
const PS4 = 7.91534994289814532176e-4; // 0x3F49EFE0 7501B288
const PS5 = 3.4793310759602116757e-5; // 0x3F023DE1 0DFDF709
const QS1 = -2.40339491173441421878; // 0xC0033A27 1C8A2D4B
const QS2 = 2.02094576023350569471; // 0x40002AE5 9C598AC8
const QS3 = -6.8828397160545329303e-1; // 0xBFE6066C 1B8D0159
const QS4 = 7.70381505559019352791e-2; // 0x3FB3B8C5 B12E9282

function ratioP(t: number): number {
  return t * (PS0 + t * (PS1 + t * (PS2 + t * (PS3 + t * (PS4 + t * PS5)))));
}

function ratioQ(t: number): number {
  return 1 + t * (QS1 + t * (QS2 + t * (QS3 + t * QS4)));
}

/** Arcsine, in [−π/2, π/2]; NaN outside [−1, 1]. */
export function asin(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    // |x| ≥ 1
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return x * PIO2_HI + x * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix < 0x3e400000) return x; // |x| < 2^-27
    const t = x * x;
    return x + x * (ratioP(t) / ratioQ(t));
  }
  // 0.5 ≤ |x| < 1
  const w0 = 1 - Math.abs(x);
  let t = w0 * 0.5;
  let p = ratioP(t);
  let q = ratioQ(t);
  const s = Math.sqrt(t);
  if (ix >= 0x3fef3333) {
    // |x| > 0.975
    const w = p / q;
    t = PIO2_HI - (2 * (s + s * w) - PIO2_LO);
  } else {
    const w = withLowWord(s, 0);
    const c = (t - w * w) / (s + w);
    const r = p / q;
    p = 2 * s * r - (PIO2_LO - 2 * c);
    q = PIO4_HI - 2 * w;
    t = PIO4_HI - (p - q);
  }
  return hx > 0 ? t : -t;
}

/** Arccosine, in [0, π]; NaN outside [−1, 1]. */
export function acos(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix >= 0x3ff00000) {
    if (((ix - 0x3ff00000) | lowWord(x)) === 0) return hx > 0 ? 0 : PI + 2 * PIO2_LO;
    return NaN;
  }
  if (ix < 0x3fe00000) {
    // |x| < 0.5
    if (ix <= 0x3c600000) return PIO2_HI + PIO2_LO; // |x| < 2^-57
    const z = x * x;
    const r = ratioP(z) / ratioQ(z);
    return PIO2_HI - (x - (PIO2_LO - x * r));
  }
  if (hx < 0) {
    // x < −0.5
    const z = (1 + x) * 0.5;
    const s = Math.sqrt(z);
    const r = ratioP(z) / ratioQ(z);
    const w = r * s - PIO2_LO;
    return PI - 2 * (s + w);
  }
  // x > 0.5
  const z = (1 - x) * 0.5;
  const s = Math.sqrt(z);
  const df = withLowWord(s, 0);
  const c = (z - df * df) / (s + df);
  const r = ratioP(z) / ratioQ(z);
  const w = r * s + c;
  return 2 * (df + w);
}
