// Sweeps on the run worker's pool (workers/trackPool.ts): the cells a sweep hands to the track workers
// come back equal to the command line's (runCell), also while a race runs on the same workers, whose
// records stay those of a Run; a cancelled sweep stops reporting; a worker that crashes on a cell reports
// that cell failed and the sweep goes on; a worker replaced while it ran a cell runs it again on its
// successor. Real Node worker threads run the browser's host (workers/trackHost.ts); the crash and
// replacement cases use in-process hosts, whose failures the test controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../workers/run.worker';
import { nodeTrackEndpoint } from '../../workers/nodeTrackEndpoint';
import { TrackHost } from '../../workers/trackHost';
import { TrackPool, type TrackEndpoint } from '../../workers/trackPool';
import { RunMirror } from '../../workers/runMirror';
import type { FromTrackWorker, ToTrackWorker } from '../../workers/trackProtocol';
import type { Batch } from '../../workers/protocol';
import { runCell, type TrackMeasures } from '../../src/engine/sweep/measure';
import { parseSweep } from '../../src/engine/sweep/parse';
import type { Sweep } from '../../src/engine/sweep/types';
import { summariseCell, type FinishedCell } from '../../src/engine/views/sweepMap';
import { runToEnd } from '../../src/engine/run';
import type { Scenario } from '../../src/engine/scenario/types';

const BASE: Scenario = {
  version: 1,
  problem: {
    space: 'sampled',
    domain: [[-1, 1]],
    target: { kind: 'expression', expr: 'sin(3*x)' },
    loss: { kind: 'l2' },
    quadrature: { kind: 'grid', m: 32 },
  },
  model: { kind: 'mlp', layers: [1, 5, 1], activation: 'tanh' },
  init: { seed: 2 },
  optimizers: [
    { id: 'ngd', preconditioner: 'gram', alpha: 0.5 },
    { id: 'gd', preconditioner: 'identity', alpha: 0.1 },
  ],
  run: { iterations: 20, seeds: 2 },
};

/** 3 × 2 cells: α of every optimizer × the hidden width (the last axis varies fastest); α = 50 blows up. */
function sweep(iterations = 20): Sweep {
  const parsed = parseSweep({
    version: 1,
    scenario: BASE,
    axes: [
      { path: 'optimizers.*.alpha', values: [0.05, 0.5, 50] },
      { path: 'model.layers.1', values: [3, 6] },
    ],
    measure: { iterations, tolerance: 1e-3 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.sweep;
}

const CELLS = [0, 1, 2, 3, 4, 5];

function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('timed out'));
      else setTimeout(poll, 2);
    };
    poll();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the command line computes for each cell. */
function expected(s: Sweep, cells: readonly number[]): Map<number, FinishedCell> {
  return new Map(
    cells.map((cell) => {
      const result = runCell(s, cell);
      return [cell, { result, summary: summariseCell(s, result) }];
    }),
  );
}

describe('sweeps on the run worker’s pool of track workers', () => {
  const host = new RunHost({
    trackWorker: nodeTrackEndpoint,
    onPoolCrash: (reason) => expect.fail(reason),
    // Loading a thread (tsx compiles the engine) takes seconds here: no stuck-worker replacement, no spare.
    pool: { ackTimeoutMs: 60_000, spare: false },
  });
  host.setPoolSize(2);

  beforeAll(async () => {
    const warm: FinishedCell[] = [];
    host.startSweep(0, sweep(2), CELLS, (finished) => warm.push(finished));
    await waitFor(() => warm.length === CELLS.length, 90_000);
  }, 120_000);

  afterAll(() => host.dispose());

  it('every cell comes back as the command line computes it, on 2 workers', async () => {
    const s = sweep();
    const cells: FinishedCell[] = [];
    expect(host.startSweep(1, s, CELLS, (finished) => cells.push(finished))).toBe(true);
    await waitFor(() => cells.length === CELLS.length);
    const reference = expected(s, CELLS);
    expect(cells.map((c) => c.result.cell).sort((a, b) => a - b)).toEqual(CELLS);
    for (const cell of cells) expect(cell).toEqual(reference.get(cell.result.cell));
    // Not a vacuous comparison: the cells differ (GD blows up at α = 50, it does not at α = 0.5).
    const gdLoss = (cell: number) =>
      (reference.get(cell)!.result.rows as TrackMeasures[]).filter((r) => r.optimizer === 'gd').map((r) => r.finalLoss);
    for (const loss of gdLoss(4)) expect(loss).toBeGreaterThan(1e90);
    for (const loss of gdLoss(2)) expect(loss).toBeLessThan(1);
  });

  it('a sweep and a race share the workers: both finish, the race bit for bit a Run', async () => {
    const race: Scenario = { ...BASE, run: { iterations: 150, seeds: 2 } };
    const batches: Batch[] = [];
    const started = host.start(structuredClone(race), 7, (batch) => batches.push(batch), true);
    expect(started.ok).toBe(true);
    expect(host.mirror, 'the pool steps the race').not.toBeNull();
    const s = sweep();
    const cells: FinishedCell[] = [];
    host.startSweep(2, s, CELLS, (finished) => cells.push(finished));
    await waitFor(() => cells.length === CELLS.length && batches.at(-1)?.done === true);
    const reference = expected(s, CELLS);
    for (const cell of cells) expect(cell).toEqual(reference.get(cell.result.cell));
    const run = runToEnd(structuredClone(race));
    for (const track of run.tracks) {
      const mine = host.mirror!.status(track.key).records.map((r) => ({ ...r, time: 0 }));
      expect(mine).toEqual(run.status(track.key).records.map((r) => ({ ...r, time: 0 })));
    }
    host.cancel();
  });

  it('a cancelled sweep reports nothing more; the next one reports only its own cells', async () => {
    const long = sweep(3000);
    const cancelled: FinishedCell[] = [];
    host.startSweep(3, long, CELLS, (finished) => cancelled.push(finished));
    await sleep(50);
    host.cancelSweep();
    const reported = cancelled.length;
    expect(reported).toBeLessThan(CELLS.length);
    const s = sweep();
    const next: FinishedCell[] = [];
    host.startSweep(4, s, [5, 0], (finished) => next.push(finished));
    await waitFor(() => next.length === 2);
    await sleep(100);
    expect(cancelled.length).toBe(reported);
    expect(next.map((c) => c.result.cell).sort((a, b) => a - b)).toEqual([0, 5]);
  });
});

/** An in-process track worker: the browser's host, messages cloned and delivered in later tasks. */
interface Behaviour {
  /** Crash (an error event) when handed this cell. */
  crashOnCell?: number;
  /** Ignore every message after this many cells were handed over. */
  silentAfter?: number;
  received: ToTrackWorker[];
}

function inProcessEndpoint(behaviour: Behaviour): TrackEndpoint {
  let deliver: (message: FromTrackWorker) => void = () => {};
  let fail: (reason: string) => void = () => {};
  let terminated = false;
  const host = new TrackHost((message) => {
    const copy = structuredClone(message);
    setImmediate(() => !terminated && deliver(copy));
  });
  return {
    post(message) {
      behaviour.received.push(message);
      if (message.type === 'cell' && message.cell === behaviour.crashOnCell) {
        setImmediate(() => fail('out of memory'));
        return;
      }
      const cellsHanded = behaviour.received.filter((m) => m.type === 'cell').length;
      if (behaviour.silentAfter !== undefined && cellsHanded > behaviour.silentAfter) return;
      const copy = structuredClone(message);
      setImmediate(() => !terminated && host.receive(copy));
    },
    listen(onMessage, onError) {
      deliver = onMessage;
      fail = onError;
    },
    terminate: () => {
      terminated = true;
    },
  };
}

describe('the pool’s sweep when a worker fails', () => {
  const noEvents = { onRecords: () => {}, onChange: () => {}, onFailure: () => {}, onCrash: () => {} };

  it('a worker that crashes on a cell reports that cell failed; its successor runs the rest', async () => {
    const s = sweep();
    const behaviours = [
      { received: [] as ToTrackWorker[] },
      // The second worker is handed cell 1 first.
      { crashOnCell: 1, received: [] as ToTrackWorker[] },
      { received: [] as ToTrackWorker[] },
    ];
    let spawned = 0;
    const pool = new TrackPool(() => inProcessEndpoint(behaviours[spawned++]), noEvents, { spare: false });
    const cells: FinishedCell[] = [];
    const crashes: [number, string][] = [];
    pool.runSweep(
      1,
      s,
      CELLS,
      2,
      (f) => cells.push(f),
      (cell, reason) => crashes.push([cell, reason]),
    );
    await waitFor(() => cells.length + crashes.length === CELLS.length);
    expect(crashes).toEqual([[1, 'out of memory']]);
    expect(spawned).toBe(3);
    const reference = expected(s, CELLS);
    expect(cells.map((c) => c.result.cell).sort((a, b) => a - b)).toEqual([0, 2, 3, 4, 5]);
    for (const cell of cells) expect(cell).toEqual(reference.get(cell.result.cell));
    // The successor was given the sweep before its first cell.
    expect(behaviours[2].received[0]).toMatchObject({ type: 'sweep', sweepId: 1 });
    pool.dispose();
  });

  it('a worker replaced while it runs a cell (inside a long step) runs that cell again on its successor', async () => {
    const s = sweep();
    // The first worker answers cell 0, then falls silent (a long step): it acknowledges no race start.
    const behaviours = [{ silentAfter: 1, received: [] as ToTrackWorker[] }, { received: [] as ToTrackWorker[] }];
    let spawned = 0;
    const pool = new TrackPool(() => inProcessEndpoint(behaviours[spawned++]), noEvents, {
      spare: false,
      ackTimeoutMs: 20,
    });
    const cells: FinishedCell[] = [];
    pool.runSweep(
      1,
      s,
      [0, 1],
      1,
      (f) => cells.push(f),
      () => expect.fail('no crash here'),
    );
    await waitFor(() => cells.length === 1);
    pool.start(1, BASE, new RunMirror(BASE), 1, 0);
    await waitFor(() => cells.length === 2);
    expect(spawned).toBe(2);
    const reference = expected(s, [0, 1]);
    for (const cell of cells) expect(cell).toEqual(reference.get(cell.result.cell));
    const handedOver = behaviours[1].received.filter((m) => m.type === 'sweep' || m.type === 'cell');
    expect(handedOver).toMatchObject([
      { type: 'sweep', sweepId: 1 },
      { type: 'cell', sweepId: 1, cell: 1 },
    ]);
    pool.dispose();
  });
});
