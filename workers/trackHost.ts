// A track worker's host: it steps its share of a race (a Run restricted to some track keys) in short
// slices up to the step target the coordinator (the run worker, workers/trackPool.ts) grants, and posts
// the new records as columnar batches about once per animation frame, the first right after the first
// iteration. Between slices it answers the coordinator (new target, halt, budget, a new scenario).
// It also runs the sweep cells the pool hands it, one at a time, in slices of their own that alternate with
// the race's, so that neither waits for the other to finish.

import { Run } from '../src/engine/run';
import type { IterationRecord } from '../src/engine/records';
import { CellRun, invalidCell, type CellResult } from '../src/engine/sweep/measure';
import type { Sweep } from '../src/engine/sweep/types';
import { summariseCell } from '../src/engine/views/sweepMap';
import { batchBuffers, packRecords } from './batches';
import type { FromTrackWorker, ToTrackWorker, TrackShare } from './trackProtocol';

/** Longest stretch of stepping between two yields to the event loop (as the run worker). */
const SLICE_MS = 8;
/** Records are posted about once per animation frame. */
const POST_INTERVAL_MS = 16;

const now = (): number => performance.now();

export type PostToCoordinator = (message: FromTrackWorker, transfer: ArrayBuffer[]) => void;

export class TrackHost {
  private run: Run | null = null;
  private generation = -1;
  private steps = 0;
  private target = 0;
  private lastPost = 0;
  private scheduled = false;
  private readonly pending = new Map<string, IterationRecord[]>();
  /** The sweep whose cells are handed out now, and the cell in progress (built at its first slice). */
  private sweep: { id: number; sweep: Sweep } | null = null;
  private cell: { sweepId: number; cell: number; run: CellRun | null } | null = null;
  /** Whose slice is next when both a race and a cell have work. */
  private raceTurn = true;
  private readonly post: PostToCoordinator;
  /** Run `tick` in a new task, after the messages already queued. */
  private readonly yieldThen: (tick: () => void) => void;

  constructor(post: PostToCoordinator) {
    this.post = post;
    if (typeof setImmediate === 'function') {
      // Node: a port drains its whole queue (a self-posted message included) before the parent's messages.
      this.yieldThen = (tick) => setImmediate(tick);
    } else {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => this.tick();
      this.yieldThen = () => channel.port2.postMessage(null);
    }
  }

  receive(message: ToTrackWorker): void {
    if (message.type === 'sweep') {
      this.sweep = { id: message.sweepId, sweep: message.sweep };
      this.cell = null;
      return;
    }
    if (message.type === 'cell') {
      if (this.sweep?.id !== message.sweepId) return;
      this.cell = { sweepId: message.sweepId, cell: message.cell, run: null };
      this.schedule();
      return;
    }
    if (message.type === 'sweepCancel') {
      if (this.sweep?.id === message.sweepId) {
        this.sweep = null;
        this.cell = null;
      }
      return;
    }
    if (message.type === 'start') {
      this.reset(message.generation);
      this.post({ type: 'ack', generation: message.generation }, []);
      try {
        this.run = new Run(message.scenario, { trackKeys: message.keys });
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        this.post({ type: 'failed', generation: message.generation, message: text }, []);
        return;
      }
      this.run.iterations = message.iterations;
      this.target = message.target;
      this.schedule();
      return;
    }
    if (message.type === 'cancel') {
      this.reset(message.generation);
      this.post({ type: 'ack', generation: message.generation }, []);
      return;
    }
    if (message.generation !== this.generation || !this.run) return;
    if (message.type === 'target') {
      this.target = message.target;
      this.schedule();
    } else if (message.type === 'halt') {
      this.target = this.steps;
      this.flush(true);
    } else {
      this.run.iterations = message.iterations;
      // The coordinator learns at once whether the tracks are finished under the new budget.
      this.flush(false);
      this.schedule();
    }
  }

  private reset(generation: number): void {
    this.generation = generation;
    this.run = null;
    this.pending.clear();
    this.steps = 0;
    this.target = 0;
    this.lastPost = 0;
  }

  private wantsToStep(): boolean {
    return this.run !== null && !this.run.done && this.steps < this.target;
  }

  private schedule(): void {
    if (this.scheduled || (!this.wantsToStep() && this.cell === null)) return;
    this.scheduled = true;
    this.yieldThen(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    const raceWork = this.wantsToStep();
    if (raceWork && (this.raceTurn || this.cell === null)) this.stepRace();
    else if (this.cell !== null) this.stepCell();
    if (raceWork && this.cell !== null) this.raceTurn = !this.raceTurn;
    this.schedule();
  }

  /** One slice of the sweep's cell; a finished cell is posted with its summary. */
  private stepCell(): void {
    const job = this.cell;
    const sweep = this.sweep;
    if (job === null || sweep === null) return;
    const sliceStart = now();
    let result: CellResult;
    try {
      job.run ??= new CellRun(sweep.sweep, job.cell);
      while (!job.run.done && now() - sliceStart < SLICE_MS) job.run.step();
      if (!job.run.done) return;
      result = job.run.result();
    } catch (error) {
      result = invalidCell(sweep.sweep, job.cell, error instanceof Error ? error.message : String(error));
    }
    this.cell = null;
    const finished = { result, summary: summariseCell(sweep.sweep, result) };
    this.post({ type: 'cell', sweepId: job.sweepId, finished }, []);
  }

  /** One slice of the race's share (up to the target). */
  private stepRace(): void {
    const run = this.run;
    if (!run) return;
    const sliceStart = now();
    let stepped = false;
    while (this.wantsToStep() && now() - sliceStart < SLICE_MS) {
      for (const { key, record } of run.step()) {
        let list = this.pending.get(key);
        if (!list) this.pending.set(key, (list = []));
        list.push(record);
      }
      this.steps++;
      stepped = true;
      // The first iteration is posted at once: the first plot should not wait for a whole slice.
      if (this.steps === 1) break;
    }
    const idle = !this.wantsToStep();
    if (stepped && (idle || this.steps === 1 || now() - this.lastPost >= POST_INTERVAL_MS)) this.flush(false);
  }

  /** Post the pending records and the share's status (also when nothing is new). */
  private flush(halted: boolean): void {
    const run = this.run;
    if (!run) return;
    const p = run.p;
    const tracks: TrackShare[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const info of run.tracks) {
      const records = this.pending.get(info.key) ?? [];
      const status = run.status(info.key);
      // θ is recorded for a prefix of the iterations: a batch packs θ only when all its records have it.
      let withTheta = 0;
      while (withTheta < records.length && records[withTheta].theta !== undefined) withTheta++;
      const parts =
        withTheta > 0 && withTheta < records.length
          ? [records.slice(0, withTheta), records.slice(withTheta)]
          : [records];
      const batches = parts.map((part) => packRecords(info.key, part, p));
      for (const batch of batches) transfer.push(...batchBuffers(batch));
      const theta = Float64Array.from(status.theta);
      transfer.push(theta.buffer);
      tracks.push({
        key: info.key,
        batches,
        done: status.done,
        ...(status.stopReason === undefined ? {} : { stopReason: status.stopReason }),
        theta,
      });
    }
    this.pending.clear();
    this.lastPost = now();
    const message: FromTrackWorker = {
      type: 'batch',
      generation: this.generation,
      steps: this.steps,
      tracks,
      done: run.done,
      halted,
    };
    this.post(message, transfer);
  }
}
