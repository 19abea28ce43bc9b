// The data sets of `{"kind": "dataset"}` targets. Both are generated, never downloaded, and deterministic.
//
// xor: n points uniform in [−1, 1]², label 1 when x·y > 0 (the signs agree: the XOR pattern of the
//   quadrants), 0 otherwise; labels come from the clean points, then Gaussian noise of standard
//   deviation `noise` is added to the inputs. All points train, with weights 1/n (mean cross-entropy).
//   Random numbers: Rng(seed), per point x, y, then (when noise > 0) the two noise draws.
//
// mackey-glass: the discrete Mackey–Glass map
//   z(t+1) = (1 − b) z(t) + a z(t−τ) / (1 + z(t−τ)^10),  a = 0.2, b = 0.1, τ = 17,
//   with the constant history z(t) = 1.2 for t ≤ 0. The first 300 steps (t = 0..299) are a transient and
//   are discarded. Sample i (i = 0..n−1) at t_i = 300 + 18 + i has inputs (z(t), z(t−6), z(t−12), z(t−18))
//   and output z(t+6). The first ⌊0.8 n⌋ samples train (weights 1/n_train), the rest are the test set.
//   With noise > 0, Gaussian noise of that standard deviation (Rng(seed)) is added to the observed series
//   z(300), z(301), … before the samples are cut from it (train and test alike).

import * as libm from '../math';
import type { PointSet } from '../models/model';
import { Rng } from '../random';

export type DatasetName = 'xor' | 'mackey-glass';

export interface DatasetSplit {
  n: number;
  d: number;
  inputs: Float64Array; // n × d, row-major
  labels: Float64Array; // n
}

export interface DatasetInfo {
  name: DatasetName;
  inputDim: number;
  /** The training samples (the quadrature points of the problem). */
  train: DatasetSplit;
  /** Held-out samples (mackey-glass: the last 20 %), null when every sample trains. */
  test: DatasetSplit | null;
  /** Mackey–Glass: the observed series z(t) for t = t[0], t[0] + 1, … covering every sample. */
  series: { t: Float64Array; z: Float64Array } | null;
}

export const DATASET_DEFAULTS = { n: 200, noise: 0, seed: 1 };

export function datasetInputDim(name: DatasetName): number {
  switch (name) {
    case 'xor':
      return 2;
    case 'mackey-glass':
      return MACKEY_GLASS_LAGS.length;
  }
}

export interface DatasetSpec {
  name: DatasetName;
  n?: number;
  noise?: number;
  seed?: number;
}

export function generateDataset(spec: DatasetSpec): DatasetInfo {
  const n = spec.n ?? DATASET_DEFAULTS.n;
  const noise = spec.noise ?? DATASET_DEFAULTS.noise;
  const seed = spec.seed ?? DATASET_DEFAULTS.seed;
  if (!(Number.isInteger(n) && n >= 1)) throw new Error(`problem.target.n: must be a positive integer, got ${n}`);
  if (!(Number.isFinite(noise) && noise >= 0)) throw new Error(`problem.target.noise: must be ≥ 0, got ${noise}`);
  switch (spec.name) {
    case 'xor':
      return xorDataset(n, noise, seed);
    case 'mackey-glass':
      if (n < 2) throw new Error(`problem.target.n: mackey-glass needs at least 2 samples, got ${n}`);
      return mackeyGlassDataset(n, noise, seed);
  }
}

/** The training samples as the problem's points, weights 1/n_train. */
export function datasetPoints(info: DatasetInfo): PointSet {
  const { n, d, inputs } = info.train;
  return { d, m: n, x: inputs, w: new Float64Array(n).fill(1 / n) };
}

// ---- xor ----------------------------------------------------------------------------------------

export function xorDataset(n: number, noise: number, seed: number): DatasetInfo {
  const rng = new Rng(seed);
  const inputs = new Float64Array(2 * n);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = rng.uniform(-1, 1);
    const y = rng.uniform(-1, 1);
    labels[i] = x * y > 0 ? 1 : 0;
    inputs[2 * i] = noise > 0 ? x + noise * rng.normal() : x;
    inputs[2 * i + 1] = noise > 0 ? y + noise * rng.normal() : y;
  }
  return { name: 'xor', inputDim: 2, train: { n, d: 2, inputs, labels }, test: null, series: null };
}

// ---- mackey-glass -------------------------------------------------------------------------------

export const MACKEY_GLASS = { a: 0.2, b: 0.1, tau: 17, history: 1.2, transient: 300, horizon: 6 } as const;
/** Input lags: (z(t), z(t−6), z(t−12), z(t−18)). */
export const MACKEY_GLASS_LAGS = [0, 6, 12, 18] as const;
export const MACKEY_GLASS_TRAIN_FRACTION = 0.8;

/** z(0), z(1), …, z(length − 1) of the discrete map with z(t) = 1.2 for t ≤ 0. */
export function mackeyGlassSeries(length: number): Float64Array {
  const { a, b, tau, history } = MACKEY_GLASS;
  const z = new Float64Array(length);
  if (length > 0) z[0] = history;
  for (let t = 0; t + 1 < length; t++) {
    const delayed = t - tau >= 0 ? z[t - tau] : history;
    z[t + 1] = (1 - b) * z[t] + (a * delayed) / (1 + libm.pow(delayed, 10));
  }
  return z;
}

export function mackeyGlassDataset(n: number, noise: number, seed: number): DatasetInfo {
  const { transient, horizon } = MACKEY_GLASS;
  const maxLag = MACKEY_GLASS_LAGS[MACKEY_GLASS_LAGS.length - 1];
  const observed = maxLag + n + horizon; // z(300) … z(300 + 18 + n − 1 + 6)
  const full = mackeyGlassSeries(transient + observed);
  const z = full.slice(transient);
  if (noise > 0) {
    const rng = new Rng(seed);
    for (let k = 0; k < z.length; k++) z[k] += noise * rng.normal();
  }
  const t = new Float64Array(observed);
  for (let k = 0; k < observed; k++) t[k] = transient + k;

  const d = MACKEY_GLASS_LAGS.length;
  const inputs = new Float64Array(n * d);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = maxLag + i; // index of t_i in the observed series
    for (let l = 0; l < d; l++) inputs[i * d + l] = z[k - MACKEY_GLASS_LAGS[l]];
    labels[i] = z[k + horizon];
  }
  const nTrain = Math.max(1, Math.min(n - 1, Math.floor(MACKEY_GLASS_TRAIN_FRACTION * n)));
  return {
    name: 'mackey-glass',
    inputDim: d,
    train: { n: nTrain, d, inputs: inputs.slice(0, nTrain * d), labels: labels.slice(0, nTrain) },
    test: { n: n - nTrain, d, inputs: inputs.slice(nTrain * d), labels: labels.slice(nTrain) },
    series: { t, z },
  };
}
