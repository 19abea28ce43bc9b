// `npm run cli -- sweep <sweep.json> [--jobs N] [--shard K/N] [--out sweep.csv]` (docs/SCENARIO.md
// "Sweeps"). Cells run in this thread (--jobs 1) or on N worker threads; rows are written in cell order
// whatever order cells finish in, so the CSV is the same byte for byte for every --jobs. A progress
// line on stderr shows cells done, the rate and the time left. Exit 0 on success, 2 for a bad sweep
// file or arguments (every problem listed), 1 when a cell fails to run or the output cannot be written.
import { closeSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import {
  cellCount,
  cellCsvRows,
  parseSweep,
  runCell,
  shardCells,
  sweepCsvHeader,
  type Shard,
  type Sweep,
} from '../src/engine/sweep';
import type { WorkerReply } from './sweepWorker';

export const SWEEP_USAGE = 'npm run cli -- sweep <sweep.json> [--jobs N] [--shard K/N] [--out sweep.csv]';
const MAX_JOBS = 64;

interface SweepOptions {
  file: string;
  jobs: number;
  shard?: Shard;
  out?: string;
}

/** Arguments, or the reason they are wrong. */
function parseSweepArguments(args: string[]): SweepOptions | string {
  let file: string | undefined;
  let jobs = 1;
  let shard: Shard | undefined;
  let out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const next = args[i + 1];
    if (arg === '--jobs' || arg === '--shard' || arg === '--out') {
      if (next === undefined) return `${arg} needs a value`;
      i++;
      if (arg === '--out') out = next;
      else if (arg === '--jobs') {
        jobs = Number(next);
        if (!/^\d+$/.test(next) || jobs < 1 || jobs > MAX_JOBS)
          return `--jobs must be an integer in [1, ${MAX_JOBS}], got '${next}'`;
      } else {
        const match = /^(\d+)\/(\d+)$/.exec(next);
        const index = match ? Number(match[1]) : NaN;
        const count = match ? Number(match[2]) : NaN;
        if (!(index >= 1 && index <= count)) return `--shard must be K/N with 1 ≤ K ≤ N (e.g. 2/8), got '${next}'`;
        shard = { index, count };
      }
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (file === undefined) file = arg;
    else return `unexpected argument '${arg}'`;
  }
  if (file === undefined) return 'missing <sweep.json>';
  return { file, jobs, shard, out };
}

function loadSweep(file: string): { sweep: Sweep; notes: string[] } | { errors: string[] } {
  let json: unknown;
  let reading = true;
  try {
    const text = readFileSync(file, 'utf8');
    reading = false;
    json = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    return { errors: [reading ? `cannot read ${file} (${reason})` : `${file} is not valid JSON: ${reason}`] };
  }
  const parsed = parseSweep(json);
  return parsed.ok ? { sweep: parsed.sweep, notes: parsed.notes } : { errors: parsed.errors };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 5400) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** "cells done / total, rate, time left" on stderr: rewritten in place on a terminal, every 10 s otherwise. */
class Progress {
  private readonly started = Date.now();
  private lastShown = this.started;
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly total: number) {}

  update(done: number): void {
    const now = Date.now();
    const final = done === this.total;
    if (!final && now - this.lastShown < (this.tty ? 200 : 10_000)) return;
    this.lastShown = now;
    const elapsed = (now - this.started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const line = final
      ? `sweep: ${done}/${this.total} cells in ${formatSeconds(elapsed)} (${rate.toFixed(1)} cells/s)`
      : `sweep: ${done}/${this.total} cells, ${rate.toFixed(1)} cells/s, ${formatSeconds((this.total - done) / rate)} left`;
    process.stderr.write(this.tty ? `\r${line}\x1b[K${final ? '\n' : ''}` : `${line}\n`);
  }
}

/** Hands rows to `write` in the order of `cells`, whatever order they arrive in. */
class InOrder {
  private readonly pending = new Map<number, string>();
  private next = 0;
  done = 0;

  constructor(
    private readonly cells: number[],
    private readonly write: (rows: string) => void,
  ) {}

  add(cell: number, rows: string): void {
    this.pending.set(cell, rows);
    this.done++;
    while (this.next < this.cells.length && this.pending.has(this.cells[this.next])) {
      const cellNumber = this.cells[this.next++];
      this.write(this.pending.get(cellNumber)!);
      this.pending.delete(cellNumber);
    }
  }
}

/**
 * A worker thread running cli/sweepWorker.ts. Under tsx the worker must register tsx's loader itself
 * (Node 20 does not pass `--import` hooks to workers), hence the small bootstrap evaluated in the worker.
 */
function startWorker(sweep: Sweep): Worker {
  const workerUrl = new URL('./sweepWorker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: sweep });
}

function runOnWorkers(
  sweep: Sweep,
  cells: number[],
  jobs: number,
  onRows: (cell: number, rows: string) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let nextIndex = 0;
    let finished = 0;
    let failed = false;
    const stop = (error?: Error): void => {
      if (failed) return;
      if (error) failed = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const feed = (worker: Worker): void => {
      if (nextIndex < cells.length) worker.postMessage(cells[nextIndex++]);
    };
    for (let j = 0; j < Math.min(jobs, cells.length); j++) {
      const worker = startWorker(sweep);
      workers.push(worker);
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return stop(new Error(`cell ${reply.cell} failed: ${reply.error}`));
        onRows(reply.cell, reply.rows);
        if (++finished === cells.length) return stop();
        feed(worker);
      });
      worker.on('error', (error) => stop(error));
      // A worker that dies without an 'error' event (killed, out of memory) must not leave the sweep waiting.
      worker.on('exit', (code) => {
        if (finished < cells.length) stop(new Error(`a worker thread exited (code ${code}) before the sweep finished`));
      });
      feed(worker);
    }
    if (cells.length === 0) resolve();
  });
}

async function runCells(
  sweep: Sweep,
  cells: number[],
  jobs: number,
  onRows: (cell: number, rows: string) => void,
): Promise<void> {
  if (jobs > 1 && cells.length > 1) return runOnWorkers(sweep, cells, jobs, onRows);
  for (const cell of cells) onRows(cell, cellCsvRows(runCell(sweep, cell)));
}

export async function sweepCommand(args: string[]): Promise<number> {
  const options = parseSweepArguments(args);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\nusage: ${SWEEP_USAGE}\n`);
    return 2;
  }
  const loaded = loadSweep(options.file);
  if ('errors' in loaded) {
    const n = loaded.errors.length;
    process.stderr.write(`invalid sweep file ${options.file} (${n} error${n === 1 ? '' : 's'}):\n`);
    for (const line of loaded.errors) process.stderr.write(`  ${line}\n`);
    return 2;
  }
  const { sweep, notes } = loaded;
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  const total = cellCount(sweep);
  const cells = shardCells(total, options.shard);
  const shardText = options.shard ? `, shard ${options.shard.index}/${options.shard.count}: ${cells.length} cells` : '';
  process.stderr.write(
    `sweep: ${total} cells × ${sweep.scenario.optimizers.length} optimizers${shardText}, ${options.jobs} job${options.jobs === 1 ? '' : 's'}\n`,
  );

  // Written to '<out>.partial' and renamed at the end, so an interrupted shard leaves no CSV to merge.
  const partial = options.out === undefined ? undefined : `${options.out}.partial`;
  const fd = partial === undefined ? 1 : openSync(partial, 'w');
  const progress = new Progress(cells.length);
  const ordered = new InOrder(cells, (rows) => writeSync(fd, rows));
  try {
    writeSync(fd, sweepCsvHeader(sweep));
    await runCells(sweep, cells, options.jobs, (cell, rows) => {
      ordered.add(cell, rows);
      progress.update(ordered.done);
    });
  } catch (error) {
    process.stderr.write(`\nsweep failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    if (partial !== undefined) closeSync(fd);
  }
  if (cells.length === 0) progress.update(0);
  if (partial !== undefined && options.out !== undefined) renameSync(partial, options.out);
  return 0;
}
