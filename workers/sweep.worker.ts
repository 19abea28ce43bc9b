// A sweep worker: runs cells of one sweep (src/engine/sweep) for the browser's pool (src/sweepPool.ts).
// The pool hands out one cell at a time, so fast workers take more cells and Cancel terminates the
// workers without waiting for a cell to end.

import * as Comlink from 'comlink';
import { runCell, type CellResult } from '../src/engine/sweep/measure';
import type { Sweep } from '../src/engine/sweep/types';

let current: Sweep | null = null;

const api = {
  load(sweep: Sweep): void {
    current = sweep;
  },
  run(cell: number): CellResult {
    if (current === null) throw new Error('sweep worker: run() before load()');
    return runCell(current, cell);
  },
};

export type SweepWorkerApi = typeof api;

Comlink.expose(api);
