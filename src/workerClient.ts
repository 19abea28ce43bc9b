// Spawning and talking to the run worker (workers/run.worker.ts). Every start is numbered (its generation) so that records
// still in flight from an older run are dropped. A start or reset first asks the worker to stop; a worker
// that does not answer within ACK_TIMEOUT_MS is stuck in a long step and is terminated and respawned, so a
// new scenario always takes effect promptly.
//
// Sweeps run on the run worker's pool too (runSweep); the client remembers which cells are still to come,
// so that a replaced worker is handed the rest of the sweep.

import * as Comlink from 'comlink';
import type { RunHostApi } from '../workers/run.worker';
import type { Batch, OfflineMessage, StartResult, ViewMessage, ViewRequest } from '../workers/protocol';
import type { Scenario } from './engine/scenario/types';
import type { Sweep } from './engine/sweep/types';
import type { FinishedCell } from './engine/views/sweepMap';

export const ACK_TIMEOUT_MS = 100;
/**
 * The spare worker starts loading this long after the first worker is up: past the start-up (the first
 * plot, the staggered mounts, the first draws), which it would otherwise slow down on a 2-core machine by
 * about a second of loading and warming up.
 */
const SPARE_DELAY_MS = 3000;
/** A fresh worker must have loaded its module by then. */
const LOAD_TIMEOUT_MS = 15_000;

export interface RunWorkerHandlers {
  onBatch(batch: Batch): void;
  /** A view the worker pushed (src/engine/views), of the current generation. */
  onView(message: ViewMessage): void;
  /** Progress of the offline stage (a reduced-order model's decoder training) of the current generation. */
  onOffline?(message: OfflineMessage): void;
  /** The worker was replaced (it did not answer in time, or it crashed). */
  onRespawn?(): void;
  /** A spare worker has loaded its module and warmed up (a stuck worker is now replaced at little cost). */
  onSpareReady?(): void;
  /** The worker crashed (an uncaught exception, out of memory): the run it carried has stopped. */
  onCrash?(reason: string): void;
}

export type WorkerFactory = () => Worker;

/** A sweep under way on the run worker's pool. */
export interface SweepHandle {
  /** Resolves when every cell was reported ('done') or the sweep was cancelled. */
  finished: Promise<'done' | 'cancelled'>;
  cancel(): void;
}

interface SweepJob {
  id: number;
  sweep: Sweep;
  /** Cells not reported yet, in the order they are to run. */
  remaining: Set<number>;
  onCell(finished: FinishedCell): void;
  end(how: 'done' | 'cancelled'): void;
}

/**
 * Stepping threads asked for by the address (`?workers=N`, for tests and comparisons); null: the run
 * worker's default, one per core but the page's, at most one per track (workers/trackPool.ts).
 */
export function requestedPoolSize(): number | null {
  if (typeof location === 'undefined') return null;
  const value = Number(new URLSearchParams(location.search).get('workers') ?? NaN);
  return Number.isInteger(value) && value >= 1 ? value : null;
}

export function spawnRunWorker(): Worker {
  return new Worker(new URL('../workers/run.worker.ts', import.meta.url), { type: 'module', name: 'run' });
}

const TIMED_OUT = Symbol('timed out');

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(TIMED_OUT), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

interface SpawnedWorker {
  worker: Worker;
  remote: Comlink.Remote<RunHostApi>;
  /** Resolves once the worker has loaded its module and answered. */
  ready: Promise<unknown>;
}

export class RunWorkerClient {
  private current: SpawnedWorker;
  /** A loaded worker kept in reserve, so that replacing a stuck one costs no module load. */
  private spare: SpawnedWorker | null = null;
  private generation = 0;
  /** Starts run one after another; a start overtaken by a newer one is skipped. */
  private queue: Promise<unknown> = Promise.resolve();
  private speed = Infinity;
  private viewRequest: ViewRequest | null = null;
  private disposed = false;
  private sweep: SweepJob | null = null;
  private sweepCount = 0;
  private spareTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly createWorker: WorkerFactory;
  private readonly handlers: RunWorkerHandlers;
  private readonly poolSize: number | null;

  constructor(createWorker: WorkerFactory, handlers: RunWorkerHandlers, poolSize = requestedPoolSize()) {
    this.createWorker = createWorker;
    this.handlers = handlers;
    this.poolSize = poolSize;
    this.current = this.spawn();
    void this.current.ready.then(
      () => this.prepareSpareLater(),
      () => undefined,
    );
  }

  /** Load a spare SPARE_DELAY_MS from now (unless one is there or on its way). */
  private prepareSpareLater(): void {
    if (this.spare || this.spareTimer !== null || this.disposed) return;
    this.spareTimer = setTimeout(() => {
      this.spareTimer = null;
      this.prepareSpare();
    }, SPARE_DELAY_MS);
  }

  private get remote(): Comlink.Remote<RunHostApi> {
    return this.current.remote;
  }

  private spawn(): SpawnedWorker {
    const worker = this.createWorker();
    worker.addEventListener('error', (event) => {
      // A crashed worker (e.g. out of memory) is replaced; the run it carried is gone, which the page says.
      event.preventDefault();
      if (worker === this.current.worker) {
        this.respawn();
        this.handlers.onCrash?.(event.message || 'the worker stopped (out of memory or an internal error)');
      } else if (worker === this.spare?.worker) this.spare = null;
    });
    const remote = Comlink.wrap<RunHostApi>(worker);
    if (this.poolSize !== null) void remote.setPoolSize(this.poolSize);
    return { worker, remote, ready: remote.ping() };
  }

  private prepareSpare(): void {
    if (this.disposed || this.spare) return;
    const spare = this.spawn();
    this.spare = spare;
    // Once loaded, the spare compiles the engine's hot paths on a small race (in its own thread), so that
    // taking over from a stuck worker costs neither a module load nor a first compilation.
    void spare.ready
      .then(() => (this.spare === spare ? spare.remote.warmUp() : 0))
      .then(
        () => {
          if (this.spare === spare) this.handlers.onSpareReady?.();
        },
        () => undefined,
      );
  }

  private respawn(): void {
    this.current.worker.terminate();
    this.current = this.spare ?? this.spawn();
    this.spare = null;
    void this.current.remote.setSpeed(this.speed);
    if (this.viewRequest) void this.current.remote.setViewRequest(this.viewRequest);
    void this.current.ready.then(
      () => this.prepareSpare(),
      () => undefined,
    );
    if (this.sweep) this.sendSweep(this.sweep);
    this.handlers.onRespawn?.();
  }

  /** The generation the next start will get is larger than every batch seen so far. */
  get currentGeneration(): number {
    return this.generation;
  }

  /**
   * Stop whatever runs and start `scenario`. Resolves with the worker's answer, or null when a newer start
   * overtook this one. `playing` is read when the start is sent (after the previous run is stopped), so a
   * Play pressed meanwhile is not lost: it would otherwise reach the old run, which is about to go.
   */
  start(
    scenario: Scenario,
    playing: () => boolean,
    onGeneration?: (generation: number) => void,
  ): Promise<StartResult | null> {
    const generation = ++this.generation;
    onGeneration?.(generation);
    const run = async (): Promise<StartResult | null> => {
      if (generation !== this.generation) return null;
      await this.interrupt();
      if (generation !== this.generation) return null;
      const listener = (batch: Batch): void => {
        if (batch.generation !== this.generation) return;
        this.handlers.onBatch(batch);
        // A spare that crashed is replaced (later, as at start-up).
        if (!this.spare) this.prepareSpareLater();
      };
      const onView = (message: ViewMessage): void => {
        if (message.generation === this.generation) this.handlers.onView(message);
      };
      const onOffline = (message: OfflineMessage): void => {
        if (message.generation === this.generation) this.handlers.onOffline?.(message);
      };
      const result = await this.remote.start(
        scenario,
        generation,
        Comlink.proxy(listener),
        playing(),
        Comlink.proxy(onView),
        Comlink.proxy(onOffline),
      );
      return generation === this.generation ? result : null;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Ask the worker to stop stepping; respawn it when it does not answer within ACK_TIMEOUT_MS. */
  private async interrupt(): Promise<void> {
    // A worker still loading its module is not stuck: wait for its first answer (within reason).
    let loaded: unknown;
    try {
      loaded = await withTimeout(this.current.ready, LOAD_TIMEOUT_MS);
    } catch {
      loaded = TIMED_OUT;
    }
    if (loaded === TIMED_OUT) {
      this.respawn();
      return;
    }
    let answer: boolean | typeof TIMED_OUT;
    try {
      answer = await withTimeout(this.remote.cancel(), ACK_TIMEOUT_MS);
    } catch {
      answer = TIMED_OUT;
    }
    if (answer === TIMED_OUT) this.respawn();
  }

  pause(): Promise<boolean> {
    return this.remote.pause();
  }

  resume(): Promise<boolean> {
    return this.remote.resume();
  }

  stepN(n: number): Promise<boolean> {
    return this.remote.stepN(n);
  }

  setIterations(n: number): Promise<boolean> {
    return this.remote.setIterations(n);
  }

  setSpeed(speed: number): Promise<boolean> {
    this.speed = speed;
    return this.remote.setSpeed(speed);
  }

  /** What the plots want computed (kept, and sent again to a respawned worker). */
  setViewRequest(request: ViewRequest): Promise<boolean> {
    this.viewRequest = request;
    return this.remote.setViewRequest(request);
  }

  /** θ with c(θ) nearest the coefficient point `c` on the current run's manifold; null outside exact spaces. */
  startNearCoefficients(c: readonly number[]): Promise<number[] | null> {
    return this.remote.startNearCoefficients([...c]);
  }

  /** Run `cells` of `sweep` on the worker's pool, `onCell` called as each finishes; a sweep before stops. */
  runSweep(sweep: Sweep, cells: readonly number[], onCell: (finished: FinishedCell) => void): SweepHandle {
    this.sweep?.end('cancelled');
    let end: (how: 'done' | 'cancelled') => void = () => {};
    const finished = new Promise<'done' | 'cancelled'>((resolve) => (end = resolve));
    const job: SweepJob = {
      id: ++this.sweepCount,
      sweep,
      remaining: new Set(cells),
      onCell,
      end: (how) => {
        if (this.sweep !== job) return;
        this.sweep = null;
        if (how === 'cancelled') void this.remote.cancelSweep();
        end(how);
      },
    };
    this.sweep = job;
    if (cells.length === 0) job.end('done');
    else this.sendSweep(job);
    return { finished, cancel: () => job.end('cancelled') };
  }

  /** Hand the current worker the cells of `job` not reported yet. */
  private sendSweep(job: SweepJob): void {
    const listener = (finished: FinishedCell): void => {
      if (this.sweep !== job || !job.remaining.delete(finished.result.cell)) return;
      job.onCell(finished);
      if (job.remaining.size === 0) job.end('done');
    };
    void this.remote.startSweep(job.id, job.sweep, [...job.remaining], Comlink.proxy(listener)).catch(() => undefined);
  }

  dispose(): void {
    this.sweep?.end('cancelled');
    this.disposed = true;
    if (this.spareTimer !== null) clearTimeout(this.spareTimer);
    this.generation++;
    this.current.worker.terminate();
    this.spare?.worker.terminate();
    this.spare = null;
  }
}
