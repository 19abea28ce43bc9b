// What the Sweep panel draws, computed from the cells finished so far: per optimizer, one value per cell
// of the chosen measure (the median over seeds, or the share of seeds that reached the tolerance) and
// the cell's state, plus one colour domain shared by every optimizer's map.

import type { CellResult, TrackMeasures } from '../sweep/measure';
import type { Sweep } from '../sweep/types';
import type { SweepMeasureName } from '../sweep/setup';
import { median } from './ensemble';

export const CELL_PENDING = 0;
export const CELL_OK = 1;
/** More than half of the seeds diverged. */
export const CELL_DIVERGED = 2;
/** The cell's scenario is invalid (its reason is in `reasons`). */
export const CELL_INVALID = 3;
/** The measure has no value here (tolerance never reached by the median seed, no reference for the error). */
export const CELL_NO_VALUE = 4;

export interface OptimizerMap {
  optimizerId: string;
  /** Per cell (cell number order, last axis fastest); NaN where the state is not CELL_OK. */
  values: Float64Array;
  states: Uint8Array;
}

export interface SweepMap {
  /** Values of each axis (one or two axes). */
  axes: { path: string; values: number[] }[];
  maps: OptimizerMap[];
  /** Why each invalid cell is invalid, by cell number. */
  reasons: Map<number, string>;
  /** Smallest and largest value over every map (positive values only on a log scale); null before any. */
  domain: [number, number] | null;
  scale: 'log' | 'linear';
  /** Cells finished. */
  filled: number;
}

function measureOf(row: TrackMeasures, measure: SweepMeasureName): number {
  switch (measure) {
    case 'final_loss':
      return row.finalLoss;
    case 'best_loss':
      return row.bestLoss;
    case 'final_error':
      return row.finalError;
    case 'k_to_tolerance':
      return row.kToTolerance ?? Infinity;
    case 'success_rate':
      return row.kToTolerance !== undefined && !row.diverged ? 1 : 0;
  }
}

/** The value and state of one optimizer's seeds in one cell. */
export function aggregateSeeds(
  rows: readonly TrackMeasures[],
  measure: SweepMeasureName,
): { value: number; state: number } {
  if (measure === 'success_rate') {
    const rate = rows.reduce((sum, row) => sum + measureOf(row, measure), 0) / rows.length;
    return { value: rate, state: CELL_OK };
  }
  const diverged = rows.filter((row) => row.diverged).length;
  if (diverged * 2 > rows.length) return { value: NaN, state: CELL_DIVERGED };
  const values = rows.filter((row) => !row.diverged).map((row) => measureOf(row, measure));
  if (values.some((v) => Number.isNaN(v))) return { value: NaN, state: CELL_NO_VALUE };
  const value = median(values);
  return Number.isFinite(value) ? { value, state: CELL_OK } : { value: NaN, state: CELL_NO_VALUE };
}

/** The maps of `results` (indexed by cell number; undefined: not finished yet). */
export function sweepMap(
  sweep: Sweep,
  results: readonly (CellResult | undefined)[],
  measure: SweepMeasureName,
): SweepMap {
  const cells = sweep.axes.reduce((n, axis) => n * axis.values.length, 1);
  const ids = sweep.scenario.optimizers.map((o) => o.id);
  const maps: OptimizerMap[] = ids.map((optimizerId) => ({
    optimizerId,
    values: new Float64Array(cells).fill(NaN),
    states: new Uint8Array(cells),
  }));
  const reasons = new Map<number, string>();
  const scale = measure === 'success_rate' ? 'linear' : 'log';
  let lo = Infinity;
  let hi = -Infinity;
  let filled = 0;
  for (let cell = 0; cell < cells; cell++) {
    const result = results[cell];
    if (result === undefined) continue;
    filled++;
    const valid = result.rows.filter((row): row is TrackMeasures => !('invalid' in row));
    if (valid.length < result.rows.length) {
      const first = result.rows[0];
      reasons.set(cell, 'invalid' in first ? first.invalid : '');
      for (const map of maps) map.states[cell] = CELL_INVALID;
      continue;
    }
    maps.forEach((map, i) => {
      const rows = valid.filter((row) => row.optimizer === ids[i]);
      if (rows.length === 0) return;
      const { value, state } = aggregateSeeds(rows, measure);
      map.states[cell] = state;
      map.values[cell] = value;
      if (state !== CELL_OK || (scale === 'log' && !(value > 0))) return;
      lo = Math.min(lo, value);
      hi = Math.max(hi, value);
    });
  }
  const domain: [number, number] | null = scale === 'linear' ? [0, 1] : lo <= hi ? [lo, hi] : null;
  return { axes: sweep.axes.map((a) => ({ path: a.path, values: a.values })), maps, reasons, domain, scale, filled };
}
