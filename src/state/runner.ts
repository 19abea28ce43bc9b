// The runner: the controller between the stores and the run worker (src/workerClient.ts). A new valid
// scenario starts a new run; a change of the iteration budget, labels or colours only does what it must
// (no restart); play, pause, step, reset and speed go to the worker, and so does what the plots want (visible views, hovered k);
// records and views come back into the runs and views stores. Sweeps run on the same worker's pool.
// The main thread does no optimisation work.

import type { Scenario } from '../engine/scenario/types';
import { RunWorkerClient, type SweepHandle } from '../workerClient';
import type { Sweep } from '../engine/sweep/types';
import type { FinishedCell } from '../engine/views/sweepMap';
import type { Batch, OfflineMessage, ViewMessage } from '../../workers/protocol';
import { useScenario } from './scenario';
import { useRuns } from './runs';
import { useView } from './view';
import { useViews, wantedViews } from './views';
import { useTolerance } from './tolerance';

/** What end-to-end tests read: set once the worker answered and the first batch arrived. */
export interface RunnerProbe {
  ready: boolean;
  batches: number;
  respawns: number;
  /** A loaded spare worker is waiting (false again once it took over). */
  spareReady: boolean;
  /** Timeline of the latest start (performance.now() ms): requested, answered by the worker, first batch. */
  lastStart: { requested: number; answered: number; firstBatch: number };
}

declare global {
  interface Window {
    __runnerReady?: boolean;
    __runnerProbe?: RunnerProbe;
  }
}

const probe: RunnerProbe = {
  ready: false,
  batches: 0,
  respawns: 0,
  spareReady: false,
  lastStart: { requested: 0, answered: 0, firstBatch: 0 },
};

let client: RunWorkerClient | null = null;
/** Resolves with the client once connectRunner was called (a sweep link may start its sweep before). */
let connected: (client: RunWorkerClient) => void = () => {};
const whenConnected = new Promise<RunWorkerClient>((resolve) => (connected = resolve));

/** The scenario without what does not change the numbers (budget, labels, colours, title). */
export function numericIdentity(s: Scenario): string {
  return JSON.stringify({
    ...s,
    title: undefined,
    description: undefined,
    run: { ...s.run, iterations: undefined },
    optimizers: s.optimizers.map((o) => ({ ...o, label: undefined, color: undefined })),
  });
}

function onBatch(batch: Batch): void {
  useRuns.getState().queueBatch(batch);
  probe.batches++;
  if (probe.lastStart.firstBatch === 0) probe.lastStart.firstBatch = performance.now();
  if (!probe.ready) {
    probe.ready = true;
    if (typeof window !== 'undefined') {
      window.__runnerReady = true;
      document.documentElement.dataset.runnerReady = 'true';
    }
  }
}

function onView(message: ViewMessage): void {
  useViews.getState().receive(message);
}

function onOffline(message: OfflineMessage): void {
  useRuns.getState().offlineProgress(message);
}

async function startRun(scenario: Scenario): Promise<void> {
  if (!client) return;
  let playing = useView.getState().playing;
  probe.lastStart = { requested: performance.now(), answered: 0, firstBatch: 0 };
  const playingNow = () => (playing = useView.getState().playing);
  const result = await client.start(scenario, playingNow, (generation) => {
    useRuns.getState().begin(generation);
    useViews.getState().begin(generation);
  });
  if (result) {
    probe.lastStart.answered = performance.now();
    useRuns.getState().started(result, playing, scenario.optimizers);
  }
}

/** Spawn the worker and keep it in step with the stores. Returns a disposer. */
export function connectRunner(worker: RunWorkerClient): () => void {
  client = worker;
  connected(worker);
  if (typeof window !== 'undefined') window.__runnerProbe = probe;
  void worker.setSpeed(useView.getState().speed);
  let current = useScenario.getState().valid;
  void startRun(current);
  const unsubscribeScenario = useScenario.subscribe((state) => {
    if (state.valid === current) return;
    const previous = current;
    current = state.valid;
    if (numericIdentity(previous) === numericIdentity(current)) {
      // Same numbers: only the budget or the display changed.
      if (previous.run.iterations !== current.run.iterations) {
        useRuns.getState().setIterations(current.run.iterations);
        void worker.setIterations(current.run.iterations);
        if (useView.getState().playing) useRuns.getState().setStatus('running');
      }
      useRuns.getState().restyle(current.optimizers);
      return;
    }
    useView.getState().setHoveredK(null);
    void startRun(current);
  });
  const requestViews = () =>
    void worker.setViewRequest({
      hoveredK: useView.getState().hoveredK,
      tolerance: useTolerance.getState().tolerance,
      wanted: wantedViews(useViews.getState()),
    });
  requestViews();
  const unsubscribeView = useView.subscribe((state, previous) => {
    if (state.speed !== previous.speed) void worker.setSpeed(state.speed);
    if (state.hoveredK !== previous.hoveredK) requestViews();
  });
  const unsubscribeViews = useViews.subscribe((state, previous) => {
    if (state.visible !== previous.visible) requestViews();
  });
  const unsubscribeTolerance = useTolerance.subscribe(requestViews);
  return () => {
    unsubscribeScenario();
    unsubscribeView();
    unsubscribeViews();
    unsubscribeTolerance();
    worker.dispose();
    client = null;
  };
}

export function createRunner(createWorker: () => Worker): RunWorkerClient {
  return new RunWorkerClient(createWorker, {
    onBatch,
    onView,
    onOffline,
    onRespawn: () => {
      probe.respawns++;
      probe.spareReady = false;
      useRuns.getState().noteRespawn();
    },
    onSpareReady: () => {
      probe.spareReady = true;
    },
    onCrash: (reason) => {
      useView.getState().setPlaying(false);
      useRuns.getState().crashed(reason);
    },
  });
}

export function play(): void {
  useView.getState().setPlaying(true);
  const status = useRuns.getState().status;
  if (status === 'done' || status === 'crashed') {
    // Play on a finished (or crashed) run replays it from the start.
    useView.getState().setHoveredK(null);
    void startRun(useScenario.getState().valid);
    return;
  }
  useRuns.getState().setStatus('running');
  void client?.resume();
}

export function pause(): void {
  useView.getState().setPlaying(false);
  if (useRuns.getState().status === 'running') useRuns.getState().setStatus('paused');
  void client?.pause();
}

export function step(count = 1): void {
  pause();
  void client?.stepN(count);
}

export function reset(): void {
  useView.getState().setHoveredK(null);
  void startRun(useScenario.getState().valid);
}

/**
 * The parameters whose coefficients are nearest `c`, a point picked on the exact function-space plot (the
 * worker finds them); null outside exact spaces, or when a newer pick was sent before this one's answer.
 */
let pickSerial = 0;
export async function startNearCoefficients(c: readonly number[]): Promise<number[] | null> {
  if (!client) return null;
  const serial = ++pickSerial;
  const theta = await client.startNearCoefficients(c);
  return serial === pickSerial ? theta : null;
}

/** Run `cells` of `sweep` on the run worker's pool (the Sweep panel, src/state/sweep.ts), once the runner is up. */
export function runSweep(
  sweep: Sweep,
  cells: readonly number[],
  onCell: (finished: FinishedCell) => void,
): SweepHandle {
  if (client) return client.runSweep(sweep, cells, onCell);
  let started: SweepHandle | null = null;
  let cancelled = false;
  const finished = whenConnected.then((ready) => {
    if (cancelled) return 'cancelled' as const;
    started = ready.runSweep(sweep, cells, onCell);
    return started.finished;
  });
  return {
    finished,
    cancel() {
      cancelled = true;
      started?.cancel();
    },
  };
}
