// A pool of sweep workers (workers/sweep.worker.ts): one per core minus one for the page, at least one.
// Cells are handed out one at a time in cell order, each result is reported as soon as it arrives, and
// cancel() terminates every worker at once (a long cell is not waited for).

import * as Comlink from 'comlink';
import type { SweepWorkerApi } from '../workers/sweep.worker';
import type { Sweep } from './engine/sweep/types';
import { summariseCell, type FinishedCell } from './engine/views/sweepMap';

export type SweepWorkerFactory = () => Worker;

export function createSweepWorker(): Worker {
  return new Worker(new URL('../workers/sweep.worker.ts', import.meta.url), { type: 'module', name: 'sweep' });
}

export function defaultPoolSize(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}

export interface PoolRun {
  /** Resolves when every cell was reported ('done') or the run was cancelled. */
  finished: Promise<'done' | 'cancelled'>;
  cancel(): void;
}

/** A cell whose worker failed: every optimizer's row says why (it shows like an invalid cell). */
function failedCell(sweep: Sweep, cell: number, error: unknown): FinishedCell {
  const message = `the worker failed: ${error instanceof Error ? error.message : String(error)}`;
  const result = {
    cell,
    values: [],
    rows: sweep.scenario.optimizers.map((o) => ({ optimizer: o.id, invalid: message })),
  };
  return { result, summary: summariseCell(sweep, result) };
}

export function runSweepOnPool(
  sweep: Sweep,
  cells: readonly number[],
  onCell: (finished: FinishedCell) => void,
  createWorker: SweepWorkerFactory = createSweepWorker,
  size: number = defaultPoolSize(),
): PoolRun {
  const workers: Worker[] = [];
  let next = 0;
  let cancelled = false;
  let resolveCancel: (value: 'cancelled') => void = () => {};
  const cancelledPromise = new Promise<'cancelled'>((resolve) => (resolveCancel = resolve));

  const drain = async (remote: Comlink.Remote<SweepWorkerApi>) => {
    let loadError: unknown = null;
    try {
      await remote.load(sweep);
    } catch (error) {
      loadError = error;
    }
    while (!cancelled && next < cells.length) {
      const cell = cells[next++];
      let result: FinishedCell;
      try {
        if (loadError !== null) throw loadError;
        result = await remote.run(cell);
      } catch (error) {
        if (cancelled) return;
        result = failedCell(sweep, cell, error);
      }
      if (cancelled) return;
      onCell(result);
    }
  };

  const lanes: Promise<void>[] = [];
  for (let i = 0; i < Math.min(size, cells.length); i++) {
    const worker = createWorker();
    workers.push(worker);
    lanes.push(drain(Comlink.wrap<SweepWorkerApi>(worker)));
  }
  const terminate = () => workers.forEach((w) => w.terminate());
  const allDone = Promise.all(lanes).then(() => {
    terminate();
    return 'done' as const;
  });
  return {
    finished: Promise.race([allDone, cancelledPromise]),
    cancel() {
      if (cancelled) return;
      cancelled = true;
      terminate();
      resolveCancel('cancelled');
    },
  };
}
