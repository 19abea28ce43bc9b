// The page's side of the run worker (src/workerClient.ts) against in-process fake workers that speak
// comlink over a MessageChannel: a worker that does not acknowledge a new start within ACK_TIMEOUT_MS
// (it is inside a long step) is terminated and replaced by the spare, which was loaded and warmed up in
// advance; a responsive worker is kept. Timings in the browser are printed by tests/e2e/app.test.ts.

import { afterEach, describe, expect, it } from 'vitest';
import * as Comlink from 'comlink';
import { ACK_TIMEOUT_MS, RunWorkerClient } from '../../src/workerClient';
import type { StartResult } from '../../workers/protocol';
import { DEFAULT_SCENARIO } from '../../src/engine/scenario/presets';
import type { FinishedCell } from '../../src/engine/views/sweepMap';
import type { Sweep } from '../../src/engine/sweep/types';

/** A finished cell as a worker reports it (only its number matters to the client). */
const finishedCell = (cell: number) => ({ result: { cell, values: [], rows: [] } }) as unknown as FinishedCell;

interface FakeWorker {
  index: number;
  terminated: boolean;
  /** How long this worker takes to answer a cancel once it runs something (a long step in progress). */
  cancelDelayMs: number;
  calls: string[];
  worker: Worker;
  /** The cells and the listener (the page's function through comlink) of the last startSweep. */
  sweep: { cells: number[]; listener: (finished: FinishedCell) => Promise<void> } | null;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function fakeWorkers(cancelDelays: number[]): { spawned: FakeWorker[]; factory: () => Worker } {
  const spawned: FakeWorker[] = [];
  const factory = (): Worker => {
    const { port1, port2 } = new MessageChannel();
    const fake: FakeWorker = {
      index: spawned.length,
      terminated: false,
      cancelDelayMs: cancelDelays[spawned.length] ?? 0,
      calls: [],
      worker: null as unknown as Worker,
      sweep: null,
    };
    const api = {
      ping: () => true,
      setPoolSize: () => true,
      setSpeed: () => true,
      setViewRequest: () => true,
      warmUp: () => {
        fake.calls.push('warmUp');
        return 1;
      },
      cancel: async () => {
        fake.calls.push('cancel');
        if (fake.calls.includes('start')) await sleep(fake.cancelDelayMs);
        return true;
      },
      startSweep: (
        _id: number,
        _sweep: unknown,
        cells: number[],
        listener: (finished: FinishedCell) => Promise<void>,
      ) => {
        fake.calls.push('startSweep');
        fake.sweep = { cells, listener };
        return true;
      },
      cancelSweep: () => {
        fake.calls.push('cancelSweep');
        return true;
      },
      start: (_scenario: unknown, generation: number): StartResult => {
        fake.calls.push('start');
        return { ok: true, generation, p: 1, iterations: 1, tracks: [], parameterNames: [] };
      },
    };
    Comlink.expose(api, port2);
    fake.worker = {
      postMessage: (message: unknown, transfer?: Transferable[]) =>
        port1.postMessage(message, (transfer ?? []) as never),
      addEventListener: (type: string, listener: EventListener) => port1.addEventListener(type, listener),
      removeEventListener: (type: string, listener: EventListener) => port1.removeEventListener(type, listener),
      start: () => port1.start(),
      terminate: () => {
        fake.terminated = true;
        port1.close();
        port2.close();
      },
    } as unknown as Worker;
    spawned.push(fake);
    return fake.worker;
  };
  return { spawned, factory };
}

const clients: RunWorkerClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

function client(factory: () => Worker, events: { respawns: number; spareReady: number }): RunWorkerClient {
  const created = new RunWorkerClient(
    factory,
    {
      onBatch: () => undefined,
      onView: () => undefined,
      onRespawn: () => events.respawns++,
      onSpareReady: () => events.spareReady++,
    },
    null,
  );
  clients.push(created);
  return created;
}

describe('the run worker client', () => {
  it('replaces a worker that does not acknowledge a new start in time by its warmed-up spare', async () => {
    // Once running, worker 0 is stuck for 2 s in every cancel; the spare (worker 1) answers at once.
    const { spawned, factory } = fakeWorkers([2000, 0]);
    const events = { respawns: 0, spareReady: 0 };
    const runner = client(factory, events);
    expect(await runner.start(DEFAULT_SCENARIO, () => true)).toMatchObject({ ok: true });
    // The first batch would load the spare; without batches it loads SPARE_DELAY_MS after the first worker.
    await expect.poll(() => events.spareReady, { timeout: 5000, interval: 20 }).toBe(1);
    expect(spawned[1].calls).toEqual(['warmUp']);

    const asked = performance.now();
    const answer = await runner.start(DEFAULT_SCENARIO, () => true);
    const took = performance.now() - asked;
    expect(answer).toMatchObject({ ok: true });
    expect(events.respawns).toBe(1);
    expect(spawned[0].terminated).toBe(true);
    expect(spawned[1].calls).toEqual(['warmUp', 'start']);
    // The deadline, then the spare's answer: far less than the stuck worker's 2 s.
    expect(took).toBeGreaterThanOrEqual(ACK_TIMEOUT_MS - 5);
    expect(took).toBeLessThan(ACK_TIMEOUT_MS + 400);
    // A new spare is prepared for the next time.
    await expect.poll(() => spawned.length, { timeout: 2000, interval: 20 }).toBe(3);
  });

  it('keeps a worker that acknowledges within the deadline', async () => {
    const { spawned, factory } = fakeWorkers([30, 0]);
    const events = { respawns: 0, spareReady: 0 };
    const runner = client(factory, events);
    await runner.start(DEFAULT_SCENARIO, () => true);
    await runner.start(DEFAULT_SCENARIO, () => true);
    expect(events.respawns).toBe(0);
    expect(spawned[0].terminated).toBe(false);
    expect(spawned[0].calls).toEqual(['cancel', 'start', 'cancel', 'start']);
  });

  it('hands the rest of a sweep to the worker that replaces a stuck one, and ends it once every cell is in', async () => {
    const { spawned, factory } = fakeWorkers([2000, 0]);
    const events = { respawns: 0, spareReady: 0 };
    const runner = client(factory, events);
    await runner.start(DEFAULT_SCENARIO, () => true);
    const reported: number[] = [];
    const sweep = runner.runSweep({} as Sweep, [0, 1, 2, 3, 4], (finished) => reported.push(finished.result.cell));
    await expect.poll(() => spawned[0].sweep?.cells).toEqual([0, 1, 2, 3, 4]);
    await spawned[0].sweep!.listener(finishedCell(0));
    await spawned[0].sweep!.listener(finishedCell(3));
    await expect.poll(() => events.spareReady, { timeout: 5000, interval: 20 }).toBe(1);
    // A new scenario while worker 0 is stuck: the spare takes over, with the cells not reported yet.
    await runner.start(DEFAULT_SCENARIO, () => true);
    expect(events.respawns).toBe(1);
    await expect.poll(() => spawned[1].sweep?.cells).toEqual([1, 2, 4]);
    let ended: string | null = null;
    void sweep.finished.then((how) => (ended = how));
    for (const cell of [1, 2, 1, 4]) await spawned[1].sweep!.listener(finishedCell(cell));
    // The repeated cell 1 is not reported twice; the sweep ends with its last cell.
    expect(reported).toEqual([0, 3, 1, 2, 4]);
    await expect.poll(() => ended).toBe('done');
    expect(spawned[1].calls).not.toContain('cancelSweep');
  });

  it('a cancelled sweep reports nothing more and tells the worker', async () => {
    const { spawned, factory } = fakeWorkers([0]);
    const runner = client(factory, { respawns: 0, spareReady: 0 });
    const reported: number[] = [];
    const sweep = runner.runSweep({} as Sweep, [0, 1], (finished) => reported.push(finished.result.cell));
    await expect.poll(() => spawned[0].sweep?.cells).toEqual([0, 1]);
    sweep.cancel();
    expect(await sweep.finished).toBe('cancelled');
    await spawned[0].sweep!.listener(finishedCell(0));
    expect(reported).toEqual([]);
    await expect.poll(() => spawned[0].calls.includes('cancelSweep')).toBe(true);
  });
});
