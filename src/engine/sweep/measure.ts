// Running one cell and measuring each track (optimizer × seed): final and best loss, the first k with
// L(θ_k) ≤ tolerance, whether it diverged, and the final error where the problem has a reference.

import { Run } from '../run';
import type { IterationRecord } from '../records';
import { cellScenario, cellValues } from './cells';
import type { Sweep } from './types';

export interface TrackMeasures {
  optimizer: string;
  seed: number;
  /** Loss of the last record; NaN when the track has no record (it stopped at k = 0). */
  finalLoss: number;
  bestLoss: number;
  /** First k with L(θ_k) ≤ tolerance; undefined when never reached or no tolerance is set. */
  kToTolerance?: number;
  /** The track stopped with a "diverged" reason, or a recorded loss is not finite. */
  diverged: boolean;
  /** Error of the last record; NaN where the problem has no reference. */
  finalError: number;
}

export interface InvalidRow {
  optimizer: string;
  invalid: string;
}

export interface CellResult {
  cell: number;
  /** The value of each axis in this cell. */
  values: number[];
  /** One entry per track, in the run's order (optimizer in scenario order, then seed); or, for an invalid cell, one per optimizer. */
  rows: TrackMeasures[] | InvalidRow[];
}

export function measureTrack(
  records: readonly IterationRecord[],
  stopReason: string | undefined,
  tolerance: number | undefined,
): Omit<TrackMeasures, 'optimizer' | 'seed'> {
  let bestLoss = NaN;
  let kToTolerance: number | undefined;
  let finite = true;
  for (const record of records) {
    const loss = record.loss;
    if (!Number.isFinite(loss)) finite = false;
    else if (!(loss >= bestLoss)) bestLoss = loss;
    if (kToTolerance === undefined && tolerance !== undefined && loss <= tolerance) kToTolerance = record.k;
  }
  const last = records[records.length - 1];
  const measures: Omit<TrackMeasures, 'optimizer' | 'seed'> = {
    finalLoss: last === undefined ? NaN : last.loss,
    bestLoss,
    diverged: !finite || (stopReason !== undefined && stopReason.includes('diverged')),
    finalError: last === undefined ? NaN : last.error,
  };
  if (kToTolerance !== undefined) measures.kToTolerance = kToTolerance;
  return measures;
}

/** A cell whose scenario cannot run: one row per optimizer, each saying why. */
export function invalidCell(sweep: Sweep, cell: number, message: string): CellResult {
  return {
    cell,
    values: cellValues(sweep, cell),
    rows: sweep.scenario.optimizers.map((o) => ({ optimizer: o.id, invalid: message })),
  };
}

/**
 * One cell, stepped by the caller (a worker interleaves it with other work, one Run.step() at a time);
 * runCell steps it to the end. An invalid cell is done from the start.
 */
export class CellRun {
  readonly cell: number;
  private readonly sweep: Sweep;
  private readonly run: Run | null;
  private readonly invalid: CellResult | null;

  constructor(sweep: Sweep, cell: number) {
    this.sweep = sweep;
    this.cell = cell;
    const built = cellScenario(sweep, cell);
    this.run = built.ok ? new Run(built.scenario) : null;
    this.invalid = built.ok ? null : invalidCell(sweep, cell, built.message);
  }

  get done(): boolean {
    return this.run === null || this.run.done;
  }

  /** One iteration of every track still running. */
  step(): void {
    this.run?.step();
  }

  /** The measures of every track (once done). */
  result(): CellResult {
    const run = this.run;
    if (run === null) return this.invalid!;
    const rows = run.tracks.map((track): TrackMeasures => {
      const status = run.status(track.key);
      return {
        optimizer: track.optimizerId,
        seed: track.seedIndex,
        ...measureTrack(status.records, status.stopReason, this.sweep.measure.tolerance),
      };
    });
    return { cell: this.cell, values: cellValues(this.sweep, this.cell), rows };
  }
}

export function runCell(sweep: Sweep, cell: number): CellResult {
  const cellRun = new CellRun(sweep, cell);
  while (!cellRun.done) cellRun.step();
  return cellRun.result();
}
