// The offline stage of the KdV reduced-order model: grid, snapshots, POD basis, decoder (none for the
// linear ROM, N = n).

import { DecoderTraining, type Decoder, type DecoderOptions, type TrainingReport } from './decoder';
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
  /** null for the linear ROM (N = n): no decoder. */
  decoder: Decoder | null;
  training: TrainingReport | null;
  /** Milliseconds spent training the decoder. */
  trainingTime: number;
}

const now: () => number = typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

/** How far an offline stage is: units done of the total (the setup counts one, each training step one). */
export interface OfflineProgress {
  done: number;
  total: number;
}

/**
 * The offline stage as a stepper: `advance(until)` works until the clock passes `until` (at least one
 * unit), so a worker can interleave it with messages. The setup (snapshots, POD, training data) is one
 * unit; each decoder training step is one more. Stepped to the end it gives what buildOfflineRom gives.
 */
export class OfflineStage {
  private setup: { grid: PeriodicGrid; basis: PodBasis; training: DecoderTraining | null } | null = null;
  private trainingTime = 0;

  constructor(readonly config: RomConfig) {
    const { n, N } = config;
    if (!(n >= 1 && N >= n)) throw new Error(`ROM: needs 1 ≤ n ≤ N, got n = ${n}, N = ${N}`);
  }

  get progress(): OfflineProgress {
    const iterations = this.config.N > this.config.n ? this.config.decoder.iterations : 0;
    const trained = this.setup?.training?.k ?? 0;
    const done = this.setup === null ? 0 : this.finished ? 1 + iterations : 1 + trained;
    return { done, total: 1 + iterations };
  }

  get finished(): boolean {
    return this.setup !== null && (this.setup.training === null || this.setup.training.done);
  }

  advance(until: number, onStep?: (k: number, loss: number) => void): void {
    if (this.setup === null) {
      this.setup = prepare(this.config);
      if (now() >= until) return;
    }
    const training = this.setup.training;
    if (training === null) return;
    const started = now();
    do {
      const loss = training.step();
      if (!Number.isNaN(loss)) onStep?.(training.k - 1, loss);
    } while (!training.done && now() < until);
    this.trainingTime += now() - started;
  }

  result(): OfflineRom {
    if (this.setup === null || !this.finished) throw new Error('internal: the offline stage has not finished');
    const { grid, basis, training } = this.setup;
    const trained = training?.result() ?? null;
    return {
      config: this.config,
      grid,
      basis,
      decoder: trained?.decoder ?? null,
      training: trained?.report ?? null,
      trainingTime: this.trainingTime,
    };
  }
}

/** Grid, snapshots, POD basis, and the decoder's training (not yet stepped) from the snapshots' coefficients. */
function prepare(config: RomConfig): { grid: PeriodicGrid; basis: PodBasis; training: DecoderTraining | null } {
  const { n, N } = config;
  const grid = periodicGrid(config.gridSize);
  const snapshots = generateSnapshots(grid, config.family, config.snapshots, config.snapshotSeed);
  const basis = podBasis(snapshots, N);
  if (N === n) return { grid, basis, training: null };
  const count = snapshots.count;
  const inputs = new Float64Array(count * n);
  const targets = new Float64Array(count * (N - n));
  const coefficients = new Float64Array(N);
  for (let s = 0; s < count; s++) {
    projectOnModes(basis, snapshots.values.subarray(s * grid.n, (s + 1) * grid.n), coefficients);
    inputs.set(coefficients.subarray(0, n), s * n);
    targets.set(coefficients.subarray(n, N), s * (N - n));
  }
  return { grid, basis, training: new DecoderTraining({ inputs, targets, count, n, outputs: N - n }, config.decoder) };
}

/** The whole offline stage in one go (scripts, the CLI, tests); `onStep(k, loss)` after each training step. */
export function buildOfflineRom(config: RomConfig, onStep?: (k: number, loss: number) => void): OfflineRom {
  const stage = new OfflineStage(config);
  while (!stage.finished) stage.advance(Infinity, onStep);
  return stage.result();
}
