// The one-soliton solutions of the Korteweg–de Vries equation u_t + 4 u u_x + u_xxx = 0 on a background
// of 1, the snapshot family of the online reduced-order-modelling experiment (the authors' KdV example).
//
// Derivation. For w_t + 6 w w_x + w_xxx = 0 the soliton is w = (c/2) sech²(½√c (x − c t)). With u = (3/2) w
// the equation becomes u_t + 4 u u_x + u_xxx = 0, so u = (3c/4) sech²(½√c (x − c t)). On a background of
// 1, u = 1 + v gives v_t + 4 v_x + 4 v v_x + v_xxx = 0, and v(x, t) = V(x − 4t, t) solves it when V solves
// the equation without background. Writing the amplitude a = 3c/4:
//
//     u(x, t) = 1 + a sech²(κ (x − x₀ − s t)),   κ = √(a/3),   s = 4 + 4a/3.
//
// Periodic wrap. The problem lives on [−π, π) with periodic points; the state is the sum of the soliton
// and its images at ±2π, ±4π. That sum is not an exact periodic solution (the cnoidal wave is), but the
// images interact only through the tails, of size a·4e^{−2κπ}: below 2e-3 of the peak for a ≥ 8 and
// below 1e-7 for the figure's a = 24. The tests measure the residual of the wrapped state directly.

import * as libm from '../math';

/** Images of the soliton summed on each side of the period. */
const PERIODIC_IMAGES = 2;
const PERIOD = 2 * Math.PI;

export interface Soliton {
  /** Peak height above the background of 1 (a > 0). */
  amplitude: number;
  /** Position of the peak at t = 0. */
  position: number;
}

/** κ = √(a/3): the inverse width of a soliton of amplitude a. */
export function solitonWavenumber(amplitude: number): number {
  return Math.sqrt(amplitude / 3);
}

/** s = 4 + 4a/3: the speed of a soliton of amplitude a on the background of 1. */
export function solitonSpeed(amplitude: number): number {
  return 4 + (4 * amplitude) / 3;
}

function sech2(z: number): number {
  const c = libm.cosh(z);
  return 1 / (c * c);
}

/** u(x, t) of the soliton on the real line (no periodic wrap). */
export function solitonOnLine(soliton: Soliton, x: number, t: number): number {
  const kappa = solitonWavenumber(soliton.amplitude);
  return 1 + soliton.amplitude * sech2(kappa * (x - soliton.position - solitonSpeed(soliton.amplitude) * t));
}

/** u(x, t) on the periodic domain [−π, π): the soliton plus its images at ±2π, ±4π. */
export function periodicSoliton(soliton: Soliton, x: number, t: number): number {
  const kappa = solitonWavenumber(soliton.amplitude);
  const centre = soliton.position + solitonSpeed(soliton.amplitude) * t;
  let sum = 0;
  for (let j = -PERIODIC_IMAGES; j <= PERIODIC_IMAGES; j++) sum += sech2(kappa * (x - centre - j * PERIOD));
  return 1 + soliton.amplitude * sum;
}

/** out[i] ← u(x_i, 0) of the periodic soliton. */
export function sampleSoliton(soliton: Soliton, x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < x.length; i++) out[i] = periodicSoliton(soliton, x[i], 0);
}
