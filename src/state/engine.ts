// The controller between the stores and the engine worker: a new valid scenario starts a new run; a
// change of the iteration budget, labels or colours only does what it must (no restart); play, pause,
// step, reset and speed go to the worker. The main thread does no optimisation work.

import type { Scenario } from '../engine/scenario/types';
import { EngineClient } from '../workerClient';
import type { Batch } from '../../workers/protocol';
import { useScenario } from './scenario';
import { useRuns } from './runs';
import { useView } from './view';
import { optimizerDisplayColor } from '../style/methodColors'; // classroom hook: one colour per method

/** What end-to-end tests read: set once the worker answered and the first batch arrived. */
export interface EngineProbe {
  ready: boolean;
  batches: number;
  respawns: number;
  /** Timeline of the latest start (performance.now() ms): requested, answered by the worker, first batch. */
  lastStart: { requested: number; answered: number; firstBatch: number };
}

declare global {
  interface Window {
    __engineReady?: boolean;
    __engineProbe?: EngineProbe;
  }
}

const probe: EngineProbe = { ready: false, batches: 0, respawns: 0, lastStart: { requested: 0, answered: 0, firstBatch: 0 } };

let client: EngineClient | null = null;

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

function explicitColors(s: Scenario): Record<string, string | undefined> {
  const colors: Record<string, string | undefined> = {};
  for (const o of s.optimizers) colors[o.id] = optimizerDisplayColor(o); // classroom hook: the method's colour unless the user picked one
  return colors;
}

function onBatch(batch: Batch): void {
  useRuns.getState().appendBatch(batch);
  probe.batches++;
  if (probe.lastStart.firstBatch === 0) probe.lastStart.firstBatch = performance.now();
  if (!probe.ready) {
    probe.ready = true;
    if (typeof window !== 'undefined') {
      window.__engineReady = true;
      document.documentElement.dataset.engineReady = 'true';
    }
  }
}

async function startRun(scenario: Scenario): Promise<void> {
  if (!client) return;
  const playing = useView.getState().playing;
  probe.lastStart = { requested: performance.now(), answered: 0, firstBatch: 0 };
  const result = await client.start(scenario, playing, (generation) => useRuns.getState().begin(generation));
  if (result) {
    probe.lastStart.answered = performance.now();
    useRuns.getState().started(result, playing, explicitColors(scenario));
  }
}

/** Spawn the worker and keep it in step with the stores. Returns a disposer. */
export function connectEngine(engine: EngineClient): () => void {
  client = engine;
  if (typeof window !== 'undefined') window.__engineProbe = probe;
  void engine.setSpeed(useView.getState().speed);
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
        void engine.setIterations(current.run.iterations);
        if (useView.getState().playing) useRuns.getState().setStatus('running');
      }
      useRuns.getState().restyle(current.optimizers.map((o) => ({ id: o.id, label: o.label ?? o.id, color: optimizerDisplayColor(o) })));
      return;
    }
    useView.getState().setHoveredK(null);
    void startRun(current);
  });
  const unsubscribeView = useView.subscribe((state, previous) => {
    if (state.speed !== previous.speed) void engine.setSpeed(state.speed);
  });
  return () => {
    unsubscribeScenario();
    unsubscribeView();
    engine.dispose();
    client = null;
  };
}

export function createEngine(createWorker: () => Worker): EngineClient {
  return new EngineClient(createWorker, {
    onBatch,
    onRespawn: () => {
      probe.respawns++;
      useRuns.getState().noteRespawn();
    },
  });
}

export function play(): void {
  useView.getState().setPlaying(true);
  if (useRuns.getState().status === 'done') {
    // Play on a finished run replays it from the start.
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

/** The worker's API for view requests (null before the engine is connected). */
export function engineRemote(): EngineClient['api'] | null {
  return client?.api ?? null;
}
