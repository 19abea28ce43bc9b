// The run worker: its RunHost owns the Run, steps it in short slices so that messages (pause, reset, the
// view request) are answered between slices, streams the new records to the main thread about once per
// animation frame as transferred typed arrays, and pushes the plots' views (workers/views.ts) between
// slices. The main thread never optimises.

import * as Comlink from 'comlink';
import { Run, planTracks } from '../src/engine/run';
import type { Scenario } from '../src/engine/scenario/types';
import { offlineRom, pendingOfflineStage } from '../src/engine/rom/cache';
import type { OfflineStage } from '../src/engine/rom/offline';
import { problemParameterCount } from '../src/engine/problems/build';
import { packFlags, type IterationRecord } from '../src/engine/records';
import { parameterNames } from '../src/engine/models';
import { validateScenario } from '../src/engine/scenario/validate';
import { problemInputDim } from '../src/engine/problems/build';
import {
  RECORD_COLUMNS,
  type Batch,
  type BatchListener,
  type OfflineListener,
  type RecordColumn,
  type Speed,
  type StartResult,
  type TrackBatch,
  type ViewListener,
  type ViewRequest,
} from './protocol';
import { ViewScheduler } from './views';
import { startNearCoefficients } from './pickStart';

/** Longest stretch of stepping between two yields to the event loop. */
const SLICE_MS = 8;
/** Records are posted about once per animation frame. */
const POST_INTERVAL_MS = 16;

const now = (): number => performance.now();

class RunHost {
  run: Run | null = null;
  private generation = 0;
  private listener: BatchListener | null = null;
  private viewListener: ViewListener | null = null;
  private offlineListener: OfflineListener | null = null;
  /** The offline stage (reduced-order models) still to compute before the run can be built, in slices. */
  private preparing: { scenario: Scenario; stage: OfflineStage } | null = null;
  /** An iteration budget set while the offline stage ran (the run takes it when built). */
  private budget: number | null = null;
  private readonly views = new ViewScheduler();
  /** Steps taken in this run (views remember the count they were computed at). */
  private steps = 0;
  private playing = false;
  private speed: Speed = Infinity;
  /** Single steps still owed (stepN while paused). */
  private owedSteps = 0;
  /** Fractional steps allowed by the speed limit. */
  private credit = 0;
  private lastTick = 0;
  private lastPost = 0;
  private scheduled = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending = new Map<string, IterationRecord[]>();
  private readonly channel = typeof MessageChannel !== 'undefined' ? new MessageChannel() : null;

  constructor() {
    if (this.channel) {
      this.channel.port1.onmessage = () => this.tick();
      // Node (unit tests) keeps a process alive while a port listens; a browser worker has no unref.
      (this.channel.port1 as MessagePort & { unref?: () => void }).unref?.();
    }
  }

  /** Stop stepping at once and forget the run (the client's acknowledgement that the worker is responsive). */
  cancel(): boolean {
    this.stopLoop();
    this.run = null;
    this.preparing = null;
    this.budget = null;
    this.pending.clear();
    this.listener = null;
    this.viewListener = null;
    this.offlineListener = null;
    return true;
  }

  start(
    scenario: unknown,
    generation: number,
    listener: BatchListener,
    playing: boolean,
    viewListener?: ViewListener,
    offlineListener?: OfflineListener,
  ): StartResult {
    this.cancel();
    this.generation = generation;
    const validation = validateScenario(scenario);
    if (!validation.ok) {
      return { ok: false, generation, errors: validation.errors.map((e) => ({ path: e.path, message: e.message })) };
    }
    const s = validation.scenario;
    // An offline stage (a reduced-order model's decoder training) is computed in slices first, with
    // progress messages; the run is built when it is done (tick), and this answer describes it already.
    const stage = pendingOfflineStage(s);
    let run: Run | null = null;
    if (stage === null) {
      try {
        run = new Run(s);
      } catch (error) {
        return {
          ok: false,
          generation,
          errors: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
        };
      }
    }
    this.run = run;
    this.preparing = stage === null ? null : { scenario: s, stage };
    this.listener = listener;
    this.viewListener = viewListener ?? null;
    this.offlineListener = offlineListener ?? null;
    this.views.reset();
    this.steps = 0;
    this.playing = playing;
    this.owedSteps = 0;
    this.credit = 1;
    this.lastTick = now();
    this.lastPost = 0;
    const inputDim = problemInputDim(s);
    const p = run?.p ?? problemParameterCount(s);
    const result: StartResult = {
      ok: true,
      generation,
      p,
      iterations: s.run.iterations,
      tracks: (run?.tracks ?? planTracks(s)).map((t) => ({
        key: t.key,
        optimizerId: t.optimizerId,
        seedIndex: t.seedIndex,
        label: t.label,
      })),
      parameterNames: safeParameterNames(s, inputDim, p),
    };
    if (stage !== null) this.postOffline(stage);
    this.schedule();
    return result;
  }

  pause(): boolean {
    this.playing = false;
    this.owedSteps = 0;
    this.flush(true);
    return true;
  }

  resume(): boolean {
    this.playing = true;
    this.credit = Math.max(this.credit, 1);
    this.lastTick = now();
    this.schedule();
    return true;
  }

  stepN(n: number): boolean {
    this.owedSteps += Math.max(0, Math.floor(n));
    this.schedule();
    return true;
  }

  setIterations(n: number): boolean {
    if (!Number.isFinite(n) || n < 0) return true;
    if (this.preparing) this.budget = Math.floor(n);
    if (this.run) {
      this.run.iterations = Math.floor(n);
      this.schedule();
    }
    return true;
  }

  /** The plots' view request (visible plots, hovered iteration): stale views are recomputed. */
  setViewRequest(request: ViewRequest): boolean {
    this.views.setRequest(request);
    this.schedule();
    return true;
  }

  setSpeed(speed: Speed): boolean {
    this.speed = speed > 0 ? speed : Infinity;
    this.schedule();
    return true;
  }

  private stopLoop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.scheduled = false;
    this.playing = false;
    this.owedSteps = 0;
  }

  private wantsToStep(): boolean {
    return this.run !== null && !this.run.done && (this.playing || this.owedSteps > 0);
  }

  private schedule(delay = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (delay > 0 || !this.channel) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.tick();
      }, delay);
    } else {
      this.channel.port2.postMessage(null);
    }
  }

  /** One slice of the offline stage; the run is built once it is done. */
  private prepare(): void {
    const preparing = this.preparing;
    if (!preparing) return;
    preparing.stage.advance(now() + SLICE_MS);
    this.postOffline(preparing.stage);
    if (!preparing.stage.finished) {
      this.schedule();
      return;
    }
    this.preparing = null;
    offlineRom(preparing.stage.config); // hands the finished stage to the cache the problems read
    try {
      this.run = new Run(preparing.scenario);
      this.run.iterations = this.budget ?? this.run.iterations;
    } catch (error) {
      this.postOffline(preparing.stage, error instanceof Error ? error.message : String(error));
      return;
    }
    this.lastTick = now();
    this.schedule();
  }

  private postOffline(stage: OfflineStage, failure?: string): void {
    const listener = this.offlineListener;
    if (!listener) return;
    const { done, total } = stage.progress;
    const message = { generation: this.generation, done, total, ...(failure === undefined ? {} : { failure }) };
    deliver(() => listener(message));
  }

  private tick(): void {
    this.scheduled = false;
    if (this.preparing) {
      this.prepare();
      return;
    }
    const run = this.run;
    if (!run) return;
    const sliceStart = now();
    // Speed limit: credit accrues with time; one step spends one unit.
    if (this.playing && Number.isFinite(this.speed)) {
      this.credit = Math.min(
        this.credit + ((sliceStart - this.lastTick) / 1000) * this.speed,
        Math.max(1, this.speed * 0.05),
      );
    }
    this.lastTick = sliceStart;
    let stepped = false;
    while (this.wantsToStep() && now() - sliceStart < SLICE_MS) {
      const limited = this.owedSteps === 0 && Number.isFinite(this.speed);
      if (limited && this.credit < 1) break;
      for (const { key, record } of run.step()) this.queue(key, record);
      this.steps++;
      stepped = true;
      if (this.owedSteps > 0) this.owedSteps--;
      else if (limited) this.credit -= 1;
    }
    const idle = !this.wantsToStep();
    if (idle && stepped) this.postView(true);
    // A turn that only computed a view posts no batch.
    if ((idle && stepped) || (!idle && now() - this.lastPost >= POST_INTERVAL_MS)) this.flush(idle);
    this.postView();
    if (idle) {
      if (this.viewListener && this.views.stale(this.steps)) this.schedule(Math.max(0, this.views.nextAllowed - now()));
      return;
    }
    if (this.owedSteps === 0 && Number.isFinite(this.speed) && this.credit < 1) {
      this.schedule(Math.max(1, ((1 - this.credit) / this.speed) * 1000));
    } else {
      this.schedule();
    }
  }

  /**
   * Compute and post the next out-of-date view (one per turn) or, with `all`, every one: when stepping
   * stopped (finished, paused, steps done) the views of the last records go before the batch that says so.
   */
  private postView(all = false): void {
    const run = this.run;
    const listener = this.viewListener;
    if (!run || !listener) return;
    const updates = all ? this.views.allStale(run, this.steps) : [this.views.next(run, this.steps, now)];
    for (const update of updates) if (update) deliver(() => listener({ generation: this.generation, update }));
  }

  private queue(key: string, record: IterationRecord): void {
    let list = this.pending.get(key);
    if (!list) {
      list = [];
      this.pending.set(key, list);
    }
    list.push(record);
  }

  /** Post the pending records (and the tracks' status). With `always`, post even if nothing is new. */
  private flush(always: boolean): void {
    const run = this.run;
    const listener = this.listener;
    if (!run || !listener) return;
    if (!always && this.pending.size === 0) return;
    const p = run.p;
    const tracks: TrackBatch[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const info of run.tracks) {
      const records = this.pending.get(info.key) ?? [];
      const status = run.status(info.key);
      const batch = packRecords(info.key, records, p);
      batch.done = status.done;
      if (status.stopReason !== undefined) batch.stopReason = status.stopReason;
      tracks.push(batch);
      for (const column of RECORD_COLUMNS) transfer.push(batch.columns[column].buffer as ArrayBuffer);
      transfer.push(batch.flags.buffer as ArrayBuffer, batch.theta.buffer as ArrayBuffer);
    }
    this.pending.clear();
    this.lastPost = now();
    const batch: Batch = { generation: this.generation, tracks, done: run.done, running: this.wantsToStep() };
    deliver(() => listener(Comlink.transfer(batch, transfer)));
  }
}

/** Call a (proxied) listener; a closed page must not surface as an error or an unhandled rejection. */
function deliver(call: () => unknown): void {
  try {
    const answer = call();
    if (answer instanceof Promise) answer.catch(() => undefined);
  } catch {
    // The listener is gone (page navigating away): nothing to deliver to.
  }
}

function safeParameterNames(scenario: Run['scenario'], inputDim: number, p: number): string[] {
  const names = parameterNames(scenario.model, inputDim);
  for (let j = names.length; j < p; j++) names.push(`θ${j}`);
  return names;
}

export function packRecords(key: string, records: IterationRecord[], p: number): TrackBatch {
  const count = records.length;
  const columns = {} as Record<RecordColumn, Float64Array>;
  for (const column of RECORD_COLUMNS) {
    const values = new Float64Array(count);
    for (let i = 0; i < count; i++) values[i] = records[i][column];
    columns[column] = values;
  }
  const flags = new Uint8Array(count);
  for (let i = 0; i < count; i++) flags[i] = packFlags(records[i]);
  const withTheta = count > 0 && records.every((r) => r.theta !== undefined && r.theta.length === p);
  const theta = new Float64Array(withTheta ? count * p : 0);
  if (withTheta) for (let i = 0; i < count; i++) theta.set(records[i].theta!, i * p);
  return { key, start: count > 0 ? records[0].k : 0, count, columns, flags, theta, done: false };
}

const host = new RunHost();

/** The API the main thread calls through comlink. */
export const runHostApi = {
  ping: (): boolean => true,
  cancel: (): boolean => host.cancel(),
  start: (
    scenario: unknown,
    generation: number,
    listener: BatchListener,
    playing: boolean,
    viewListener?: ViewListener,
    offlineListener?: OfflineListener,
  ): StartResult => host.start(scenario, generation, listener, playing, viewListener, offlineListener),
  pause: (): boolean => host.pause(),
  resume: (): boolean => host.resume(),
  stepN: (n: number): boolean => host.stepN(n),
  setIterations: (n: number): boolean => host.setIterations(n),
  setSpeed: (speed: Speed): boolean => host.setSpeed(speed),
  setViewRequest: (request: ViewRequest): boolean => host.setViewRequest(request),
  /** The start θ₀ whose coefficients are nearest `c` (a point picked on the exact function-space plot). */
  startNearCoefficients: (c: number[]): number[] | null => startNearCoefficients(host.run, c),
};

export type RunHostApi = typeof runHostApi;

declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') Comlink.expose(runHostApi);
