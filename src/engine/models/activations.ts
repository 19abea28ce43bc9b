// Activation functions with their first three derivatives (the third is needed for the θ-Jacobian of
// ∂_xx v of a network). Each applies to entries from..to−1 of a layer: a ← σ(z), s1 ← σ′(z), s2 ← σ″(z), s3 ← σ‴(z).

import { cos, exp, log1p, sin, tanh } from '../math';
import type { Activation } from '../scenario/types';

export type LayerActivation = (
  from: number,
  to: number,
  z: Float64Array,
  a: Float64Array,
  s1: Float64Array | null,
  s2: Float64Array | null,
  s3: Float64Array | null,
) => void;

export function layerActivation(kind: Activation | 'identity'): LayerActivation {
  switch (kind) {
    case 'tanh':
      return tanhLayer;
    case 'sigmoid':
      return sigmoidLayer;
    case 'softplus':
      return softplusLayer;
    case 'sin':
      return sinLayer;
    case 'identity':
      return identityLayer;
  }
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return Math.max(z, 0) + log1p(exp(-Math.abs(z)));
}

const tanhLayer: LayerActivation = (from, to, z, a, s1, s2, s3) => {
  for (let k = from; k < to; k++) {
    const t = tanh(z[k]);
    const d = 1 - t * t;
    a[k] = t;
    if (s1) s1[k] = d;
    if (s2) s2[k] = -2 * t * d;
    if (s3) s3[k] = d * (6 * t * t - 2);
  }
};

/** σ′ = s(1−s), σ″ = s(1−s)(1−2s), σ‴ = s(1−s)(1−6s+6s²). */
const sigmoidLayer: LayerActivation = (from, to, z, a, s1, s2, s3) => {
  for (let k = from; k < to; k++) {
    const s = sigmoid(z[k]);
    const d = s * (1 - s);
    a[k] = s;
    if (s1) s1[k] = d;
    if (s2) s2[k] = d * (1 - 2 * s);
    if (s3) s3[k] = d * (1 - 6 * s + 6 * s * s);
  }
};

/** softplus′ = sigmoid, so its derivatives are sigmoid's shifted by one. */
const softplusLayer: LayerActivation = (from, to, z, a, s1, s2, s3) => {
  for (let k = from; k < to; k++) {
    const s = sigmoid(z[k]);
    const d = s * (1 - s);
    a[k] = softplus(z[k]);
    if (s1) s1[k] = s;
    if (s2) s2[k] = d;
    if (s3) s3[k] = d * (1 - 2 * s);
  }
};

const sinLayer: LayerActivation = (from, to, z, a, s1, s2, s3) => {
  for (let k = from; k < to; k++) {
    const s = sin(z[k]);
    const c = cos(z[k]);
    a[k] = s;
    if (s1) s1[k] = c;
    if (s2) s2[k] = -s;
    if (s3) s3[k] = -c;
  }
};

const identityLayer: LayerActivation = (from, to, z, a, s1, s2, s3) => {
  for (let k = from; k < to; k++) {
    a[k] = z[k];
    if (s1) s1[k] = 1;
    if (s2) s2[k] = 0;
    if (s3) s3[k] = 0;
  }
};
