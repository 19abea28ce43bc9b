// A sweep worker: runs cells of one sweep (src/engine/sweep) for the browser's pool (src/sweepPool.ts).
// The pool hands out one cell at a time, so fast workers take more cells and Cancel terminates the
// workers without waiting for a cell to end. Each cell comes back with its summary for the maps (the seeds
// reduced per optimizer and measure, src/engine/views/sweepMap.ts), so the page only places values.

import * as Comlink from 'comlink';
import { runCell } from '../src/engine/sweep/measure';
import type { Sweep } from '../src/engine/sweep/types';
import { summariseCell, type FinishedCell } from '../src/engine/views/sweepMap';

let current: Sweep | null = null;

const api = {
  load(sweep: Sweep): void {
    current = sweep;
  },
  run(cell: number): FinishedCell {
    if (current === null) throw new Error('sweep worker: run() before load()');
    const result = runCell(current, cell);
    return { result, summary: summariseCell(current, result) };
  },
};

export type SweepWorkerApi = typeof api;

Comlink.expose(api);
