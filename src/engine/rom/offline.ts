// The offline stage of the KdV reduced-order model: grid, snapshots, POD basis, decoder.

import { trainDecoder, type Decoder, type DecoderOptions, type TrainingReport } from './decoder';
import { podBasis, projectOnModes, type PodBasis } from './pod';
import { generateSnapshots, periodicGrid, type PeriodicGrid, type SnapshotFamily } from './snapshots';

export interface RomConfig {
  /** Grid points on [−π, π). */
  gridSize: number;
  family: SnapshotFamily;
  snapshots: number;
  snapshotSeed: number;
  /** Modes of the linear part (n) and in all (N). */
  n: number;
  N: number;
  decoder: DecoderOptions;
}

/** The experiment of the authors' figure: n = 6, N = 37, solitons of amplitude 8–32 anywhere on the circle. */
export const KDV_ROM_CONFIG: RomConfig = {
  gridSize: 512,
  family: { amplitude: [8, 32], position: [-Math.PI, Math.PI] },
  snapshots: 300,
  snapshotSeed: 1,
  n: 6,
  N: 37,
  decoder: { hidden: [64], activation: 'tanh', seed: 7, iterations: 2000, optimizer: 'lbfgs' },
};

export interface OfflineRom {
  config: RomConfig;
  grid: PeriodicGrid;
  basis: PodBasis;
  decoder: Decoder;
  training: TrainingReport;
  /** Milliseconds spent training the decoder. */
  trainingTime: number;
}

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

export function buildOfflineRom(config: RomConfig, onStep?: (k: number, loss: number) => void): OfflineRom {
  const { n, N } = config;
  if (!(n >= 1 && N > n)) throw new Error(`ROM: needs 1 ≤ n < N, got n = ${n}, N = ${N}`);
  const grid = periodicGrid(config.gridSize);
  const snapshots = generateSnapshots(grid, config.family, config.snapshots, config.snapshotSeed);
  const basis = podBasis(snapshots, N);
  const count = snapshots.count;
  const inputs = new Float64Array(count * n);
  const targets = new Float64Array(count * (N - n));
  const coefficients = new Float64Array(N);
  for (let s = 0; s < count; s++) {
    projectOnModes(basis, snapshots.values.subarray(s * grid.n, (s + 1) * grid.n), coefficients);
    inputs.set(coefficients.subarray(0, n), s * n);
    targets.set(coefficients.subarray(n, N), s * (N - n));
  }
  const started = now();
  const { decoder, report } = trainDecoder({ inputs, targets, count, n, outputs: N - n }, config.decoder, onStep);
  return { config, grid, basis, decoder, training: report, trainingTime: now() - started };
}
