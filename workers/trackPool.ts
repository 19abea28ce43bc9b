// The run worker's pool of track workers (workers/trackHost.ts): a race's tracks are dealt round-robin to
// `threads` workers, which step their share up to a common step target. The target is how the run worker
// (the coordinator) keeps today's semantics: Infinity while playing at full speed, the steps the speed
// limit allows, and for a pause or a single step the tracks are first aligned (halt: every worker stops and
// reports its steps; the target becomes the largest, the others catch up) so that a step advances every
// track by exactly one iteration. The workers are spawned once and kept across runs; a worker that does not
// acknowledge a new run within ACK_TIMEOUT_MS is inside a long step and is replaced by a spare loaded in
// advance (as the page replaces a stuck run worker, src/workerClient.ts).
//
// A sweep runs on the same workers (runSweep): each of `threads` workers is handed one cell at a time, in
// cell order, and the next when it answers, so fast workers take more cells. Its cells interleave with a
// race's slices in the workers (workers/trackHost.ts). A worker replaced while it ran a cell runs it again
// on its successor; a worker that crashed on a cell reports that cell failed and goes on with the next.

import type { Scenario } from '../src/engine/scenario/types';
import type { RunMirror } from './runMirror';
import type { IterationRecord } from '../src/engine/records';
import type { FromTrackWorker, ToTrackWorker } from './trackProtocol';
import type { Sweep } from '../src/engine/sweep/types';
import type { FinishedCell } from '../src/engine/views/sweepMap';

/** A loaded track worker that has not acknowledged a new run by then is stuck in a long step. */
export const ACK_TIMEOUT_MS = 100;

/** A track worker as the pool sees it (a browser Worker, or a Node worker thread in tests). */
export interface TrackEndpoint {
  post(message: ToTrackWorker): void;
  listen(onMessage: (message: FromTrackWorker) => void, onError: (reason: string) => void): void;
  terminate(): void;
}

export type TrackEndpointFactory = () => TrackEndpoint;

export interface TrackPoolOptions {
  /** How long a loaded worker may take to acknowledge a new run (default ACK_TIMEOUT_MS). */
  ackTimeoutMs?: number;
  /** Keep a loaded spare worker (default true). */
  spare?: boolean;
}

export function browserTrackEndpoint(): TrackEndpoint {
  const worker = new Worker(new URL('./track.worker.ts', import.meta.url), { type: 'module', name: 'track' });
  return {
    post: (message) => worker.postMessage(message),
    listen(onMessage, onError) {
      worker.onmessage = (event: MessageEvent<FromTrackWorker>) => onMessage(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        onError(event.message || 'a track worker stopped (out of memory or an internal error)');
      };
    },
    terminate: () => worker.terminate(),
  };
}

export interface TrackPoolEvents {
  /** New records of a track arrived (already in the mirror). */
  onRecords(key: string, records: IterationRecord[]): void;
  /** Any message of the current run was handled (the coordinator takes its next turn). */
  onChange(): void;
  /** A worker could not build its share. */
  onFailure(message: string): void;
  /** A worker crashed while it stepped a race. */
  onCrash(reason: string): void;
}

/** The sweep in progress: its cells still to hand out and, per worker, the cell it runs. */
interface SweepJob {
  id: number;
  sweep: Sweep;
  cells: readonly number[];
  next: number;
  /** Per worker running the sweep: the cell it runs (null: idle, the cells are all handed out). */
  running: Map<Slot, number | null>;
  onCell(finished: FinishedCell): void;
  /** A worker crashed on `cell` (the cell is reported, and the sweep goes on). */
  onCellCrash(cell: number, reason: string): void;
}

interface Slot {
  endpoint: TrackEndpoint;
  /** The worker answered at least once (its module is loaded). */
  loaded: boolean;
}

interface Lane {
  slot: Slot;
  keys: string[];
  steps: number;
  done: boolean;
  halting: boolean;
  /** Target last sent. */
  sent: number;
  ackTimer: ReturnType<typeof setTimeout> | null;
}

export class TrackPool {
  private readonly slots: Slot[] = [];
  /** A loaded worker kept in reserve (spawned once the first records arrived, so as not to slow the start). */
  private spare: Slot | null = null;
  private disposed = false;
  private lanes: Lane[] = [];
  private generation = -1;
  private mirror: RunMirror | null = null;
  private scenario: Scenario | null = null;
  private iterations = 0;
  private sweep: SweepJob | null = null;
  /** The common step target of the current run. */
  target = 0;
  private readonly factory: TrackEndpointFactory;
  private readonly events: TrackPoolEvents;
  private readonly options: TrackPoolOptions;

  constructor(factory: TrackEndpointFactory, events: TrackPoolEvents, options: TrackPoolOptions = {}) {
    this.factory = factory;
    this.events = events;
    this.options = options;
  }

  /** Deal the tracks of `mirror` to `threads` workers and start them towards `target`. */
  start(generation: number, scenario: Scenario, mirror: RunMirror, threads: number, target: number): void {
    this.cancel(generation);
    this.mirror = mirror;
    this.scenario = scenario;
    this.iterations = scenario.run.iterations;
    this.target = target;
    const count = Math.max(1, Math.min(threads, mirror.tracks.length));
    while (this.slots.length < count) this.slots.push(this.spawn());
    const keys: string[][] = Array.from({ length: count }, () => []);
    mirror.tracks.forEach((track, i) => keys[i % count].push(track.key));
    this.lanes = keys.map((laneKeys, i) => ({
      slot: this.slots[i],
      keys: laneKeys,
      steps: 0,
      done: false,
      halting: false,
      sent: target,
      ackTimer: null,
    }));
    for (const lane of this.lanes) this.startLane(lane);
  }

  /** Forget the current run (every worker stops stepping it). */
  cancel(generation: number): void {
    for (const lane of this.lanes) if (lane.ackTimer !== null) clearTimeout(lane.ackTimer);
    if (this.lanes.length > 0) for (const slot of this.slots) slot.endpoint.post({ type: 'cancel', generation });
    this.generation = generation;
    this.lanes = [];
    this.mirror = null;
    this.scenario = null;
  }

  setTarget(target: number): void {
    this.target = target;
    if (this.halting) return;
    for (const lane of this.lanes) {
      if (lane.sent === target) continue;
      lane.sent = target;
      lane.slot.endpoint.post({ type: 'target', generation: this.generation, target });
    }
  }

  /** Stop every worker and align the tracks (the target becomes the largest step count reached). */
  halt(): void {
    for (const lane of this.lanes) {
      lane.halting = true;
      lane.slot.endpoint.post({ type: 'halt', generation: this.generation });
    }
  }

  setIterations(iterations: number): void {
    this.iterations = iterations;
    for (const lane of this.lanes)
      lane.slot.endpoint.post({ type: 'iterations', generation: this.generation, iterations });
  }

  get halting(): boolean {
    return this.lanes.some((lane) => lane.halting);
  }

  /** Every worker has reached the target or finished its tracks (and no halt is under way). */
  get idle(): boolean {
    return this.lanes.every((lane) => !lane.halting && (lane.done || lane.steps >= this.target));
  }

  /** Stepping threads of the current run. */
  get size(): number {
    return this.lanes.length;
  }

  /**
   * Run `cells` of `sweep` on `threads` workers (those of the race first), reporting each finished cell;
   * a sweep started before is cancelled.
   */
  runSweep(
    id: number,
    sweep: Sweep,
    cells: readonly number[],
    threads: number,
    onCell: (finished: FinishedCell) => void,
    onCellCrash: (cell: number, reason: string) => void,
  ): void {
    this.cancelSweep();
    const count = Math.max(1, Math.min(threads, cells.length));
    while (this.slots.length < count) this.slots.push(this.spawn());
    const job: SweepJob = { id, sweep, cells, next: 0, running: new Map(), onCell, onCellCrash };
    this.sweep = job;
    for (const slot of this.slots.slice(0, count)) {
      slot.endpoint.post({ type: 'sweep', sweepId: id, sweep });
      this.handOut(job, slot);
    }
  }

  /** Stop the sweep: its workers drop their cell (within a slice) and no more cells are handed out. */
  cancelSweep(): void {
    const job = this.sweep;
    if (job === null) return;
    this.sweep = null;
    for (const slot of job.running.keys()) slot.endpoint.post({ type: 'sweepCancel', sweepId: job.id });
  }

  /** Give `slot` the next cell of the sweep, or mark it idle; the sweep ends when every worker is. */
  private handOut(job: SweepJob, slot: Slot): void {
    if (job.next < job.cells.length) {
      const cell = job.cells[job.next++];
      job.running.set(slot, cell);
      slot.endpoint.post({ type: 'cell', sweepId: job.id, cell });
      return;
    }
    job.running.set(slot, null);
    if ([...job.running.values()].every((cell) => cell === null)) this.cancelSweep();
  }

  /** `fresh` takes over `old`'s part in the sweep: the cell `old` ran is run again, or reported crashed. */
  private moveSweep(old: Slot, fresh: Slot, crash: string | null): void {
    const job = this.sweep;
    if (job === null || !job.running.has(old)) return;
    const cell = job.running.get(old)!;
    job.running.delete(old);
    fresh.endpoint.post({ type: 'sweep', sweepId: job.id, sweep: job.sweep });
    if (cell === null) {
      job.running.set(fresh, null);
      return;
    }
    if (crash === null) {
      job.running.set(fresh, cell);
      fresh.endpoint.post({ type: 'cell', sweepId: job.id, cell });
      return;
    }
    job.onCellCrash(cell, crash);
    if (this.sweep === job) this.handOut(job, fresh);
  }

  /** Terminate every worker (the run worker is going away). */
  dispose(): void {
    this.disposed = true;
    this.cancelSweep();
    this.cancel(this.generation + 1);
    for (const slot of this.slots) slot.endpoint.terminate();
    this.slots.length = 0;
    this.spare?.endpoint.terminate();
    this.spare = null;
  }

  /** The spare (or a new worker) in place of `slot`, which is terminated (`crash`: why it stopped). */
  private replace(slot: Slot, crash: string | null = null): Slot {
    slot.endpoint.terminate();
    const fresh = this.spare ?? this.spawn();
    this.spare = null;
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = fresh;
    this.moveSweep(slot, fresh, crash);
    return fresh;
  }

  private spawn(): Slot {
    const endpoint = this.factory();
    const slot: Slot = { endpoint, loaded: false };
    endpoint.listen(
      (message) => {
        slot.loaded = true;
        this.receive(slot, message);
      },
      (reason) => this.crashed(slot, reason),
    );
    return slot;
  }

  private startLane(lane: Lane): void {
    const scenario = this.scenario;
    if (!scenario) return;
    lane.slot.endpoint.post({
      type: 'start',
      generation: this.generation,
      scenario,
      keys: lane.keys,
      iterations: this.iterations,
      target: this.halting ? 0 : this.target,
    });
    lane.sent = this.halting ? 0 : this.target;
    // A fresh worker is still loading its module: only a loaded one can be stuck.
    if (lane.slot.loaded)
      lane.ackTimer = setTimeout(() => this.replaceStuck(lane), this.options.ackTimeoutMs ?? ACK_TIMEOUT_MS);
  }

  /** The worker did not acknowledge the run in time (inside a long step of an older run): replace it. */
  private replaceStuck(lane: Lane): void {
    lane.ackTimer = null;
    if (!this.lanes.includes(lane)) return;
    lane.slot = this.replace(lane.slot);
    this.startLane(lane);
    if (lane.halting) lane.slot.endpoint.post({ type: 'halt', generation: this.generation });
  }

  private crashed(slot: Slot, reason: string): void {
    if (slot === this.spare) {
      slot.endpoint.terminate();
      this.spare = null;
      return;
    }
    const racing = this.lanes.some((lane) => lane.slot === slot);
    this.replace(slot, reason);
    if (racing) this.events.onCrash(reason);
  }

  private receive(slot: Slot, message: FromTrackWorker): void {
    if (message.type === 'cell') {
      const job = this.sweep;
      if (job === null || message.sweepId !== job.id || job.running.get(slot) !== message.finished.result.cell) return;
      job.onCell(message.finished);
      if (this.sweep === job) this.handOut(job, slot);
      return;
    }
    if (message.generation !== this.generation) return;
    const lane = this.lanes.find((l) => l.slot === slot);
    const mirror = this.mirror;
    if (!lane || !mirror) return;
    if (message.type === 'ack') {
      if (lane.ackTimer !== null) clearTimeout(lane.ackTimer);
      lane.ackTimer = null;
      return;
    }
    if (message.type === 'failed') {
      this.events.onFailure(message.message);
      return;
    }
    if (this.spare === null && !this.disposed && this.options.spare !== false) this.spare = this.spawn();
    lane.steps = message.steps;
    lane.done = message.done;
    for (const share of message.tracks) this.events.onRecords(share.key, mirror.receive(share));
    if (message.halted && lane.halting) {
      lane.halting = false;
      if (!this.halting) {
        // Every worker stopped: align on the furthest one (the others catch up to it).
        let furthest = 0;
        for (const other of this.lanes) furthest = Math.max(furthest, other.steps);
        this.target = furthest;
        this.resend();
      }
    }
    this.events.onChange();
  }

  /** Send the target to every worker (after a halt each worker's own target is its step count). */
  private resend(): void {
    for (const lane of this.lanes) {
      lane.sent = this.target;
      lane.slot.endpoint.post({ type: 'target', generation: this.generation, target: this.target });
    }
  }
}
