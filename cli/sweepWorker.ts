// A worker thread of `cli sweep --jobs N`: receives cell numbers, answers each with the cell's CSV rows.
// The sweep arrives once, as workerData. Cells are independent and deterministic, so which thread runs
// a cell never changes its rows.
import { parentPort, workerData } from 'node:worker_threads';
import { cellCsvRows, runCell, type Sweep } from '../src/engine/sweep';

export type WorkerReply = { cell: number; rows: string } | { cell: number; error: string };

const sweep = workerData as Sweep;
const port = parentPort;
if (port === null) throw new Error('sweepWorker.ts runs as a worker thread of cli/sweep.ts');

port.on('message', (cell: number) => {
  let reply: WorkerReply;
  try {
    reply = { cell, rows: cellCsvRows(runCell(sweep, cell)) };
  } catch (error) {
    reply = { cell, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
