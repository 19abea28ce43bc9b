// The run worker: its RunHost owns the Run, steps it in short slices so that messages (pause, reset, the
// view request) are answered between slices, streams the new records to the main thread about once per
// animation frame (the first right after the first iteration) as transferred typed arrays, and pushes the
// plots' views (workers/views.ts) between slices. The main thread never optimises.
//
// With more than one stepping thread (min(cores − 1, tracks), or setPoolSize), the tracks of a race are
// stepped by a pool of track workers (workers/trackPool.ts) instead; the host then coordinates: it grants
// them a common step target, keeps a copy of their records (workers/runMirror.ts) and computes the views
// and batches from it exactly as from a Run.
//
// Sweeps run on the same pool (startSweep): the page hands the run worker the sweep, the pool's workers run
// its cells next to the race, and each finished cell goes back to the page as it arrives.

import * as Comlink from 'comlink';
import { Run, planTracks, type RunRecords } from '../src/engine/run';
import type { Scenario } from '../src/engine/scenario/types';
import { offlineRom, pendingOfflineStage } from '../src/engine/rom/cache';
import type { OfflineStage } from '../src/engine/rom/offline';
import { problemParameterCount } from '../src/engine/problems/build';
import type { IterationRecord } from '../src/engine/records';
import { parameterNames } from '../src/engine/models';
import { validateScenario } from '../src/engine/scenario/validate';
import { problemInputDim } from '../src/engine/problems/build';
import {
  type Batch,
  type BatchListener,
  type OfflineListener,
  type Speed,
  type StartResult,
  type TrackBatch,
  type ViewListener,
  type ViewRequest,
} from './protocol';
import { ViewScheduler } from './views';
import { startNearCoefficients } from './pickStart';
import { batchBuffers, packRecords } from './batches';
import { RunMirror } from './runMirror';
import { warmUpEngine } from './warmUp';
import { browserTrackEndpoint, TrackPool, type TrackEndpointFactory, type TrackPoolOptions } from './trackPool';
import type { Sweep } from '../src/engine/sweep/types';
import { invalidCell, type CellResult } from '../src/engine/sweep/measure';
import { summariseCell, type FinishedCell } from '../src/engine/views/sweepMap';

/** Receives the finished cells of a sweep (a comlink proxy of the page's function). */
export type CellListener = (finished: FinishedCell) => void;

export { packRecords } from './batches';

/** Longest stretch of stepping between two yields to the event loop. */
const SLICE_MS = 8;
/** Records are posted about once per animation frame. */
const POST_INTERVAL_MS = 16;

const now = (): number => performance.now();

/** Stepping threads by default: one per core but the page's. */
function defaultThreads(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}

export interface RunHostOptions {
  /** Spawns a track worker; without one every race is stepped by the host itself. */
  trackWorker?: TrackEndpointFactory;
  /** A track worker crashed (default: rethrown, so that the page sees this worker crash). */
  onPoolCrash?: (reason: string) => void;
  /** Stuck-worker timeout and spare (tests on a loaded machine). */
  pool?: TrackPoolOptions;
}

export class RunHost {
  run: Run | null = null;
  /** The records of a race the track workers step (instead of `run`). */
  mirror: RunMirror | null = null;
  private pool: TrackPool | null = null;
  /** Stepping threads asked for (null: cores − 1). */
  private threads: number | null = null;
  /** Records arrived from the track workers since stepping last stopped. */
  private steppedSinceIdle = false;
  private readonly options: RunHostOptions;
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
  /**
   * A turn in a new task, after the messages already queued: a MessageChannel in the browser (no 4 ms
   * clamp), setImmediate in Node, whose ports drain their whole queue, a self-posted message included,
   * before timers and other messages get their turn.
   */
  private readonly yieldThen: (() => void) | null;

  constructor(options: RunHostOptions = {}) {
    this.options = options;
    if (typeof setImmediate === 'function') {
      this.yieldThen = () => setImmediate(() => this.tick());
    } else if (typeof MessageChannel !== 'undefined') {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => this.tick();
      this.yieldThen = () => channel.port2.postMessage(null);
    } else {
      this.yieldThen = null;
    }
  }

  /** Stop stepping at once and forget the run (the client's acknowledgement that the worker is responsive). */
  cancel(): boolean {
    this.stopLoop();
    this.pool?.cancel(this.generation + 1);
    this.mirror = null;
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
    let mirror: RunMirror | null = null;
    const threads = this.threadsFor(s);
    if (stage === null) {
      try {
        if (threads > 1) mirror = new RunMirror(s);
        else run = new Run(s);
      } catch (error) {
        return {
          ok: false,
          generation,
          errors: [{ path: '', message: error instanceof Error ? error.message : String(error) }],
        };
      }
    }
    this.run = run;
    this.mirror = mirror;
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
    const p = run?.p ?? mirror?.p ?? problemParameterCount(s);
    const result: StartResult = {
      ok: true,
      generation,
      p,
      iterations: s.run.iterations,
      tracks: (run?.tracks ?? mirror?.tracks ?? planTracks(s)).map((t) => ({
        key: t.key,
        optimizerId: t.optimizerId,
        seedIndex: t.seedIndex,
        label: t.label,
      })),
      parameterNames: safeParameterNames(s, inputDim, p),
    };
    if (stage !== null) this.postOffline(stage);
    this.steppedSinceIdle = false;
    if (mirror) this.ensurePool().start(generation, s, mirror, threads, this.fullSpeed() ? Infinity : 0);
    this.schedule();
    return result;
  }

  /** Stepping threads for a scenario: the host alone for one track, a reduced-order model, or no pool. */
  private threadsFor(scenario: Scenario): number {
    if (!this.options.trackWorker || scenario.model.kind === 'rom') return 1;
    return Math.max(1, Math.min(this.threads ?? defaultThreads(), planTracks(scenario).length));
  }

  /** A spare's one warm-up race (workers/warmUp.ts); nothing while a run is held. Returns the steps run. */
  warmUp(): number {
    if (this.run !== null || this.mirror !== null || this.preparing !== null) return 0;
    return warmUpEngine();
  }

  /** Use `threads` stepping threads from the next start on (null: one per core but the page's). */
  setPoolSize(threads: number | null): boolean {
    this.threads = threads === null || !Number.isFinite(threads) ? null : Math.max(1, Math.floor(threads));
    return true;
  }

  private ensurePool(): TrackPool {
    this.pool ??= new TrackPool(
      this.options.trackWorker!,
      {
        onRecords: (key, records) => {
          for (const record of records) this.queue(key, record);
          if (records.length > 0) {
            this.steps++;
            this.steppedSinceIdle = true;
          }
        },
        onChange: () => this.schedule(0, true),
        onFailure: (message) => {
          const listener = this.offlineListener;
          this.cancel();
          if (listener) deliver(() => listener({ generation: this.generation, done: 1, total: 1, failure: message }));
        },
        onCrash: (reason) => {
          this.cancel();
          const report =
            this.options.onPoolCrash ??
            ((why: string) => {
              setTimeout(() => {
                throw new Error(why);
              }, 0);
            });
          report(reason);
        },
      },
      this.options.pool,
    );
    return this.pool;
  }

  /** Playing without a speed limit: the track workers may step to the end. */
  private fullSpeed(): boolean {
    return this.playing && !Number.isFinite(this.speed);
  }

  /** The records the views and batches are made of. */
  records(): RunRecords | null {
    return this.run ?? this.mirror;
  }

  /**
   * Run `cells` of `sweep` on the pool's workers (as many as a race gets), each finished cell reported to
   * `listener`; a sweep started before stops. Without track workers every cell reports why it cannot run.
   */
  startSweep(id: number, sweep: Sweep, cells: readonly number[], listener: CellListener): boolean {
    const report = (result: CellResult) => deliver(() => listener({ result, summary: summariseCell(sweep, result) }));
    if (!this.options.trackWorker) {
      for (const cell of cells)
        report(invalidCell(sweep, cell, 'this run worker has no track workers to run a sweep on'));
      return false;
    }
    const threads = this.threads ?? defaultThreads();
    this.ensurePool().runSweep(
      id,
      sweep,
      cells,
      threads,
      (finished) => deliver(() => listener(finished)),
      (cell, reason) => report(invalidCell(sweep, cell, `the worker failed: ${reason}`)),
    );
    return true;
  }

  cancelSweep(): boolean {
    this.pool?.cancelSweep();
    return true;
  }

  /** Terminate the track workers (tests). */
  dispose(): void {
    this.cancel();
    this.pool?.dispose();
    this.pool = null;
  }

  pause(): boolean {
    this.playing = false;
    this.owedSteps = 0;
    if (this.mirror) this.pool?.halt();
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
    if (this.mirror) this.pool?.setIterations(Math.floor(n));
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
    // Track workers granted every step stop and align; the limit then grants steps again.
    if (this.mirror && this.pool && !Number.isFinite(this.pool.target) && Number.isFinite(this.speed)) this.pool.halt();
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
    if (this.mirror && this.pool) {
      if (this.pool.halting || !this.pool.idle) return true;
      return !this.mirror.done && (this.playing || this.owedSteps > 0);
    }
    return this.run !== null && !this.run.done && (this.playing || this.owedSteps > 0);
  }

  /** Take a turn after `delay` ms; `soon` brings a later turn already planned forward to now. */
  private schedule(delay = 0, soon = false): void {
    if (this.scheduled) {
      if (!soon || delay > 0 || this.timer === null) return;
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.scheduled = true;
    if (delay > 0 || !this.yieldThen) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.tick();
      }, delay);
    } else {
      this.yieldThen();
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
    if (this.mirror) {
      this.coordinate();
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
      // The first iteration is posted at once: the first plot should not wait for a whole slice.
      if (this.lastPost === 0) break;
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
   * A turn of the coordinator (the track workers step): grant steps, post the records that arrived and the
   * views. Batches follow the same rules as above: the first at once, then about once per frame, and when
   * stepping stops, every view of the last records before the batch that says so.
   */
  private coordinate(): void {
    const pool = this.pool;
    if (!pool) return;
    const turnStart = now();
    if (this.playing && Number.isFinite(this.speed)) {
      this.credit = Math.min(
        this.credit + ((turnStart - this.lastTick) / 1000) * this.speed,
        Math.max(1, this.speed * 0.05),
      );
    }
    this.lastTick = turnStart;
    if (!pool.halting) {
      if (this.owedSteps > 0) {
        pool.setTarget(pool.target + this.owedSteps);
        this.owedSteps = 0;
      }
      if (this.fullSpeed()) pool.setTarget(Infinity);
      else if (this.playing && pool.idle && this.credit >= 1) {
        const granted = Math.floor(this.credit);
        pool.setTarget(pool.target + granted);
        this.credit -= granted;
      }
    }
    const idle = !this.wantsToStep();
    if (idle && this.steppedSinceIdle) {
      this.steppedSinceIdle = false;
      this.postView(true);
      this.flush(true);
    } else if (this.pending.size > 0 && (this.lastPost === 0 || turnStart - this.lastPost >= POST_INTERVAL_MS)) {
      this.flush(false);
    }
    this.postView();
    if (this.pending.size > 0) this.schedule(Math.max(1, POST_INTERVAL_MS - (now() - this.lastPost)));
    else if (!idle && this.playing && Number.isFinite(this.speed) && !pool.halting && pool.idle) {
      this.schedule(Math.max(1, ((1 - this.credit) / this.speed) * 1000));
    } else if (this.viewListener && this.views.stale(this.steps)) {
      this.schedule(Math.max(0, this.views.nextAllowed - now()));
    }
  }

  /**
   * Compute and post the next out-of-date view (one per turn) or, with `all`, every one: when stepping
   * stopped (finished, paused, steps done) the views of the last records go before the batch that says so.
   */
  private postView(all = false): void {
    const run = this.records();
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
    const run = this.run ?? this.mirror;
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
      transfer.push(...batchBuffers(batch));
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

declare const WorkerGlobalScope: unknown;
const inWorker = typeof WorkerGlobalScope !== 'undefined';
// In the browser the tracks of a race are spread over track workers; in Node (unit tests) the host steps alone.
const host = new RunHost(inWorker && typeof Worker !== 'undefined' ? { trackWorker: browserTrackEndpoint } : {});

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
  startNearCoefficients: (c: number[]): number[] | null => startNearCoefficients(host.records(), c),
  /** Stepping threads from the next start on (null: one per core but the page's). */
  setPoolSize: (threads: number | null): boolean => host.setPoolSize(threads),
  /** Run a sweep's cells on the pool (each reported to `listener` as it finishes); one sweep at a time. */
  startSweep: (id: number, sweep: Sweep, cells: number[], listener: CellListener): boolean =>
    host.startSweep(id, sweep, cells, listener),
  cancelSweep: (): boolean => host.cancelSweep(),
  /** Compile the engine's hot paths with a small race (a spare does, before it may take over). */
  warmUp: (): number => host.warmUp(),
};

export type RunHostApi = typeof runHostApi;

if (inWorker) Comlink.expose(runHostApi);
