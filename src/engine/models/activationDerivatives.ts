// An activation's value and first four derivatives at one point: the exact second-order term of Newton
// on the x-derivatives of a network (mlpHessian.ts) differentiates σ‴ once more (σ⁗). Same formulas and
// libm functions as activations.ts, so the values agree with the network's forward pass.

import { cos, sin, tanh } from '../math';
import type { Activation } from '../scenario/types';
import { sigmoid, softplus } from './activations';

/** out[0..4] ← σ(z), σ′(z), σ″(z), σ‴(z), σ⁗(z). */
export type ActivationDerivatives = (z: number, out: Float64Array, offset: number) => void;

export function activationDerivatives(kind: Activation | 'identity'): ActivationDerivatives {
  switch (kind) {
    case 'tanh':
      return tanhDerivatives;
    case 'sigmoid':
      return sigmoidDerivatives;
    case 'softplus':
      return softplusDerivatives;
    case 'sin':
      return sinDerivatives;
    case 'identity':
      return identityDerivatives;
  }
}

/** With t = tanh z, d = 1 − t²: σ′ = d, σ″ = −2td, σ‴ = d(6t² − 2), σ⁗ = 8td(2 − 3t²). */
const tanhDerivatives: ActivationDerivatives = (z, out, o) => {
  const t = tanh(z);
  const d = 1 - t * t;
  out[o] = t;
  out[o + 1] = d;
  out[o + 2] = tanhSecondDerivative(t, d);
  out[o + 3] = tanhThirdDerivative(t, d);
  out[o + 4] = tanhFourthDerivative(t, d);
};

// tanh's σ″, σ‴, σ⁗ from t = tanh z and d = 1 − t², shared with the blocked path of mlpHessian.ts (which
// gets t and d from the SIMD tanh kernel): one formula, so both give the same bits.
export function tanhSecondDerivative(t: number, d: number): number {
  return -2 * t * d;
}

export function tanhThirdDerivative(t: number, d: number): number {
  return d * (6 * t * t - 2);
}

export function tanhFourthDerivative(t: number, d: number): number {
  return 8 * t * d * (2 - 3 * t * t);
}

/** With s = sigmoid z, d = s(1 − s): σ‴ = d(1 − 6s + 6s²), σ⁗ = d(1 − 14s + 36s² − 24s³). */
const sigmoidDerivatives: ActivationDerivatives = (z, out, o) => {
  const s = sigmoid(z);
  const d = s * (1 - s);
  out[o] = s;
  out[o + 1] = d;
  out[o + 2] = d * (1 - 2 * s);
  out[o + 3] = d * (1 - 6 * s + 6 * s * s);
  out[o + 4] = d * (1 - 14 * s + 36 * s * s - 24 * s * s * s);
};

/** softplus′ = sigmoid: the derivatives are sigmoid's shifted by one. */
const softplusDerivatives: ActivationDerivatives = (z, out, o) => {
  const s = sigmoid(z);
  const d = s * (1 - s);
  out[o] = softplus(z);
  out[o + 1] = s;
  out[o + 2] = d;
  out[o + 3] = d * (1 - 2 * s);
  out[o + 4] = d * (1 - 6 * s + 6 * s * s);
};

const sinDerivatives: ActivationDerivatives = (z, out, o) => {
  const s = sin(z);
  const c = cos(z);
  out[o] = s;
  out[o + 1] = c;
  out[o + 2] = -s;
  out[o + 3] = -c;
  out[o + 4] = s;
};

const identityDerivatives: ActivationDerivatives = (z, out, o) => {
  out[o] = z;
  out[o + 1] = 1;
  out[o + 2] = 0;
  out[o + 3] = 0;
  out[o + 4] = 0;
};
