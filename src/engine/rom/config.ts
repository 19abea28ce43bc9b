// From the scenario's rom model and kdv target (docs/SCENARIO.md) to the offline stage's configuration,
// with the defaults of the authors' experiment, and the key the offline stage is cached under.

import type { RomModelSpec, Target } from '../scenario/types';
import type { Soliton } from './kdv';
import type { RomConfig } from './offline';

/** The rom model's defaults: n = 6 and N = 37 modes of 300 snapshots on 512 points, a 6-64-31 decoder. */
export const ROM_DEFAULTS = {
  modes: 6,
  total_modes: 37,
  grid: 512,
  snapshots: 300,
  snapshot_seed: 1,
  width: 64,
  training: 2000,
  seed: 7,
} as const;

/** The kdv target's defaults: the figure's test state (peak 25 at x = −1) seen at 20 points. */
export const KDV_DEFAULTS = { amplitude: 24, position: -1, samples: 20, seed: 3 } as const;

/** The snapshot family's amplitudes (peak height above the background) and positions. */
export const SNAPSHOT_AMPLITUDES: [number, number] = [8, 32];

export type KdvTarget = Extract<Target, { kind: 'kdv' }>;

export function romConfigOf(spec: RomModelSpec): RomConfig {
  const n = spec.modes ?? ROM_DEFAULTS.modes;
  return {
    gridSize: spec.grid ?? ROM_DEFAULTS.grid,
    family: { amplitude: SNAPSHOT_AMPLITUDES, position: [-Math.PI, Math.PI] },
    snapshots: spec.snapshots ?? ROM_DEFAULTS.snapshots,
    snapshotSeed: spec.snapshot_seed ?? ROM_DEFAULTS.snapshot_seed,
    n,
    // The linear variant has no decoder: N = n.
    N: spec.variant === 'linear' ? n : (spec.total_modes ?? ROM_DEFAULTS.total_modes),
    decoder: {
      hidden: [spec.width ?? ROM_DEFAULTS.width],
      activation: 'tanh',
      seed: spec.seed ?? ROM_DEFAULTS.seed,
      iterations: spec.training ?? ROM_DEFAULTS.training,
      optimizer: 'lbfgs',
    },
  };
}

/** The offline stage's cache key: everything it depends on (the linear variant ignores the decoder). */
export function romConfigKey(config: RomConfig): string {
  return JSON.stringify(config.N > config.n ? config : { ...config, decoder: null });
}

export function kdvTestState(target: KdvTarget): Soliton {
  return { amplitude: target.amplitude ?? KDV_DEFAULTS.amplitude, position: target.position ?? KDV_DEFAULTS.position };
}
