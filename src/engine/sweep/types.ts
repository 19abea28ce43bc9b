// A sweep (docs/SCENARIO.md "Sweeps"): a base scenario, up to three axes, and what to measure per cell.
import type { Scenario } from '../scenario/types';

export const SWEEP_VERSION = 1;
export const MAX_AXES = 3;
/** Values per axis (a 64 × 64 map is the largest the browser draws). */
export const MAX_AXIS_VALUES = 64;

export type AxisScale = 'linear' | 'log';

export interface AxisRange {
  from: number;
  to: number;
  steps: number;
  scale: AxisScale;
}

/** An axis as written in the sweep file: explicit values or a range. */
export type AxisSpec = { path: string; values: number[] } | { path: string; range: AxisRange };

export interface SweepMeasure {
  /** Iterations each cell runs (written into the cell's run.iterations). */
  iterations: number;
  /** k_to_tolerance is the first k with L(θ_k) ≤ tolerance; omitted: never computed (column empty). */
  tolerance?: number;
}

/** A checked sweep: the base scenario, each axis with its values resolved, the measure. */
export interface Sweep {
  scenario: Scenario;
  axes: SweepAxis[];
  measure: SweepMeasure;
}

export interface SweepAxis {
  path: string;
  /** Whether the field holds integers (range values are rounded). */
  integer: boolean;
  values: number[];
}
