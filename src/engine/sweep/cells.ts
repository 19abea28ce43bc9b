// Cells of a sweep: numbered 0, 1, … with the LAST axis varying fastest (docs/SCENARIO.md "Sweeps"),
// the cells a shard K/N runs (number ≡ K − 1 mod N), and the scenario of one cell.

import { formatFieldError, validateScenario } from '../scenario/validate';
import type { Scenario } from '../scenario/types';
import { readSweepPath, writeSweepPath } from './paths';
import type { Sweep } from './types';

export interface Shard {
  /** 1 ≤ index ≤ count */
  index: number;
  count: number;
}

export function cellCount(sweep: Pick<Sweep, 'axes'>): number {
  return sweep.axes.reduce((n, axis) => n * axis.values.length, 1);
}

/** The value of each axis in `cell` (last axis fastest). */
export function cellValues(sweep: Pick<Sweep, 'axes'>, cell: number): number[] {
  const values = new Array<number>(sweep.axes.length);
  let rest = cell;
  for (let a = sweep.axes.length - 1; a >= 0; a--) {
    const axis = sweep.axes[a].values;
    values[a] = axis[rest % axis.length];
    rest = Math.floor(rest / axis.length);
  }
  return values;
}

/** The cells one shard runs, in order; every cell when `shard` is undefined. */
export function shardCells(total: number, shard?: Shard): number[] {
  const first = shard === undefined ? 0 : shard.index - 1;
  const step = shard === undefined ? 1 : shard.count;
  const cells: number[] = [];
  for (let cell = first; cell < total; cell += step) cells.push(cell);
  return cells;
}

export type CellScenario = { ok: true; scenario: Scenario } | { ok: false; message: string };

/**
 * The base scenario with run.iterations = measure.iterations and each axis value written at its path,
 * validated (so opening it in the app reproduces the cell's numbers). Invalid: every reason, joined by '; '.
 */
export function cellScenario(sweep: Sweep, cell: number): CellScenario {
  const values = cellValues(sweep, cell);
  let scenario: Scenario = { ...sweep.scenario, run: { ...sweep.scenario.run, iterations: sweep.measure.iterations } };
  for (let a = 0; a < sweep.axes.length; a++) {
    const written = writeSweepPath(scenario, sweep.axes[a].path, values[a]);
    if (!written.ok) return { ok: false, message: `${sweep.axes[a].path}: ${written.message}` };
    scenario = written.scenario;
  }
  const validation = validateScenario(scenario);
  if (!validation.ok) return { ok: false, message: validation.errors.map(formatFieldError).join('; ') };
  for (let a = 0; a < sweep.axes.length; a++) {
    const path = sweep.axes[a].path;
    if (readSweepPath(validation.scenario, path) !== values[a]) {
      return { ok: false, message: `${path}: not used by this scenario (it drops the field)` };
    }
  }
  return { ok: true, scenario: validation.scenario };
}
