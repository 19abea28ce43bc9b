// What the Sweep panel draws, computed from the cells finished so far: per optimizer, one value per cell
// of the chosen measure (the median over seeds, or the share of seeds that reached the tolerance) and
// the cell's state, plus one colour domain shared by every optimizer's map. The seeds of a cell are
// reduced where the cell ran (the sweep worker: summariseCell, for every measure at once); the page only
// places the summaries (sweepMap) when cells arrive or the measure changes.

import type { CellResult, TrackMeasures } from '../sweep/measure';
import type { Sweep } from '../sweep/types';
import { SWEEP_MEASURES, type SweepMeasureName } from '../sweep/setup';
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

/** One finished cell reduced for the maps: per measure, each optimizer's value and state (scenario order). */
export interface CellSummary {
  cell: number;
  /** Why the cell's scenario is invalid, or null. */
  invalid: string | null;
  values: Record<SweepMeasureName, Float64Array>;
  states: Record<SweepMeasureName, Uint8Array>;
}

/** A cell as a sweep worker hands it back: its measures (the CSV's rows) and their summary for the maps. */
export interface FinishedCell {
  result: CellResult;
  summary: CellSummary;
}

/** Reduce one cell's tracks (optimizer × seed) to one value and state per optimizer, for every measure. */
export function summariseCell(sweep: Sweep, result: CellResult): CellSummary {
  const ids = sweep.scenario.optimizers.map((o) => o.id);
  const values = {} as Record<SweepMeasureName, Float64Array>;
  const states = {} as Record<SweepMeasureName, Uint8Array>;
  for (const measure of SWEEP_MEASURES) {
    values[measure] = new Float64Array(ids.length).fill(NaN);
    states[measure] = new Uint8Array(ids.length);
  }
  const valid = result.rows.filter((row): row is TrackMeasures => !('invalid' in row));
  if (valid.length < result.rows.length) {
    const first = result.rows[0];
    for (const measure of SWEEP_MEASURES) states[measure].fill(CELL_INVALID);
    return { cell: result.cell, invalid: 'invalid' in first ? first.invalid : '', values, states };
  }
  ids.forEach((id, i) => {
    const rows = valid.filter((row) => row.optimizer === id);
    if (rows.length === 0) return;
    for (const measure of SWEEP_MEASURES) {
      const { value, state } = aggregateSeeds(rows, measure);
      values[measure][i] = value;
      states[measure][i] = state;
    }
  });
  return { cell: result.cell, invalid: null, values, states };
}

/** The maps of the summaries of finished cells (indexed by cell number; undefined: not finished yet). */
export function sweepMap(
  sweep: Sweep,
  summaries: readonly (CellSummary | undefined)[],
  measure: SweepMeasureName,
): SweepMap {
  const cells = sweep.axes.reduce((n, axis) => n * axis.values.length, 1);
  const maps: OptimizerMap[] = sweep.scenario.optimizers.map((o) => ({
    optimizerId: o.id,
    values: new Float64Array(cells).fill(NaN),
    states: new Uint8Array(cells),
  }));
  const reasons = new Map<number, string>();
  const scale = measure === 'success_rate' ? 'linear' : 'log';
  let lo = Infinity;
  let hi = -Infinity;
  let filled = 0;
  for (let cell = 0; cell < cells; cell++) {
    const summary = summaries[cell];
    if (summary === undefined) continue;
    filled++;
    if (summary.invalid !== null) reasons.set(cell, summary.invalid);
    const values = summary.values[measure];
    const states = summary.states[measure];
    maps.forEach((map, i) => {
      const value = values[i];
      map.states[cell] = states[i];
      map.values[cell] = value;
      if (states[i] !== CELL_OK || (scale === 'log' && !(value > 0))) return;
      lo = Math.min(lo, value);
      hi = Math.max(hi, value);
    });
  }
  const domain: [number, number] | null = scale === 'linear' ? [0, 1] : lo <= hi ? [lo, hi] : null;
  return { axes: sweep.axes.map((a) => ({ path: a.path, values: a.values })), maps, reasons, domain, scale, filled };
}
