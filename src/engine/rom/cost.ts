// What the reduced-order model costs (scenario/cost.ts asks): its offline stage — snapshots, POD by the
// method of snapshots, decoder training — once per run, and one evaluation of the model online.
//
// Calibration (the project's loaded 2-core machine standing for a slow laptop, as in scenario/cost.ts):
// the figure's offline stage (300 snapshots on 512 points, 6-64-31 decoder, 2000 L-BFGS iterations) took
// 15.6 s of CPU: 7.8 ms per iteration for 300 samples × 2463 weights, ≈ 10.5 ns per sample × weight with
// the line search's extra evaluations; doubled here for a slow laptop.

import type { RomModelSpec } from '../scenario/types';
import { romConfigOf } from './config';
import { mlpParameterCount } from '../models/mlpLayout';

const NS = {
  snapshotPoint: 250, // five periodic images, a cosh each
  podGram: 1, // per snapshot² × grid point
  podEigen: 5, // per snapshot³
  trainingSampleWeight: 20, // per sample × weight × iteration (forward, backward, line search)
  decoderWeight: 30, // online: one decoder Jacobian per weight × input
  modePoint: 4, // online: per point × mode × parameter
};

export interface RomOfflineCost {
  seconds: number;
  bytes: number;
  /** The field that drives the cost (the one to lower). */
  field: string;
}

/** Weights of the decoder (0 for the linear variant, which has none). */
function decoderWeights(spec: RomModelSpec): number {
  const config = romConfigOf(spec);
  return config.N > config.n ? mlpParameterCount([config.n, ...config.decoder.hidden, config.N - config.n]) : 0;
}

export function romOfflineCost(spec: RomModelSpec): RomOfflineCost {
  const config = romConfigOf(spec);
  const S = config.snapshots;
  const grid = config.gridSize;
  const setup = NS.snapshotPoint * S * grid + NS.podGram * S * S * grid + NS.podEigen * S * S * S;
  const weights = decoderWeights(spec);
  const training = NS.trainingSampleWeight * S * weights * (weights > 0 ? config.decoder.iterations : 0);
  const bytes = 8 * (2 * S * grid + 2 * S * S + config.N * grid + 40 * weights);
  return { seconds: 1e-9 * (setup + training), bytes, field: training > setup ? 'model.training' : 'model.snapshots' };
}

/** Seconds of one evaluation of the model at m points (values or Jacobian; the decoder's Jacobian once). */
export function romEvaluationSeconds(spec: RomModelSpec, m: number): number {
  const config = romConfigOf(spec);
  const weights = decoderWeights(spec);
  return 1e-9 * (NS.decoderWeight * weights * config.n + NS.modePoint * m * config.N * config.n);
}
