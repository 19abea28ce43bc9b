// Offline data of the KdV reduced-order model: a periodic grid on [−π, π) and soliton snapshots on it,
// with amplitudes and positions drawn from a seeded generator (the same seed gives the same snapshots
// on every platform).

import { Rng } from '../random';
import { sampleSoliton, type Soliton } from './kdv';

/** A uniform periodic grid: x_i = −π + i·h, h = 2π/n; the trapezoid rule weights every point by h. */
export interface PeriodicGrid {
  n: number;
  x: Float64Array;
  /** Quadrature weight h of every point. */
  weight: number;
}

export function periodicGrid(n: number): PeriodicGrid {
  const h = (2 * Math.PI) / n;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = -Math.PI + i * h;
  return { n, x, weight: h };
}

export interface SnapshotFamily {
  /** Amplitude range [lo, hi] (peak height above the background). */
  amplitude: [number, number];
  /** Position range [lo, hi] of the peak. */
  position: [number, number];
}

export interface SnapshotSet {
  grid: PeriodicGrid;
  solitons: Soliton[];
  /** count × grid.n, row s = snapshot s at the grid points. */
  values: Float64Array;
  count: number;
}

export function generateSnapshots(
  grid: PeriodicGrid,
  family: SnapshotFamily,
  count: number,
  seed: number,
): SnapshotSet {
  const rng = new Rng(seed);
  const values = new Float64Array(count * grid.n);
  const solitons: Soliton[] = [];
  for (let s = 0; s < count; s++) {
    const amplitude = rng.uniform(family.amplitude[0], family.amplitude[1]);
    const position = rng.uniform(family.position[0], family.position[1]);
    const soliton = { amplitude, position };
    solitons.push(soliton);
    sampleSoliton(soliton, grid.x, values.subarray(s * grid.n, (s + 1) * grid.n));
  }
  return { grid, solitons, values, count };
}
