// The run worker's pool of track workers (workers/trackPool.ts, real Node worker threads running the same
// host as the browser's): a race stepped by 2 or 3 track workers streams the same records, bit for bit,
// as the run worker stepping alone and as a Run stepped by hand; pause aligns the tracks, a single step
// advances every track by exactly one iteration, a larger budget continues the run, and the workers are
// reused across scenarios.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../workers/run.worker';
import { nodeTrackEndpoint } from '../../workers/nodeTrackEndpoint';
import { RECORD_COLUMNS, type Batch } from '../../workers/protocol';
import { runToEnd } from '../../src/engine/run';
import type { Scenario } from '../../src/engine/scenario/types';

/** 3 optimizers × 2 seeds on a small network; Monte-Carlo points are redrawn every iteration. */
function race(quadrature: 'grid' | 'monte-carlo', iterations: number): Scenario {
  return {
    version: 1,
    title: 'pool race',
    problem: {
      space: 'sampled',
      domain: [[-1, 1]],
      target: { kind: 'expression', expr: 'sin(3*x)' },
      loss: { kind: 'l2' },
      quadrature: { kind: quadrature, m: 48 },
    },
    model: { kind: 'mlp', layers: [1, 6, 1], activation: 'tanh' },
    init: { seed: 3 },
    optimizers: [
      { id: 'ngd', preconditioner: 'gram', alpha: 0.5 },
      { id: 'nhb', preconditioner: 'gram', alpha: 0.3, beta: 0.5 },
      { id: 'adam', preconditioner: 'adam', alpha: 0.01 },
    ],
    run: { iterations, seeds: 2 },
  };
}

/** The records the main thread would hold, per track: every column (but the wall time), flags and θ. */
class Received {
  readonly columns = new Map<string, number[][]>();
  readonly batches: Batch[] = [];
  receive = (batch: Batch): void => {
    this.batches.push(batch);
    for (const track of batch.tracks) {
      let rows = this.columns.get(track.key);
      if (!rows) this.columns.set(track.key, (rows = []));
      const p = track.count > 0 ? track.theta.length / track.count : 0;
      for (let i = 0; i < track.count; i++) {
        const row = RECORD_COLUMNS.filter((c) => c !== 'time').map((c) => track.columns[c][i]);
        row.push(track.flags[i], ...track.theta.subarray(i * p, (i + 1) * p));
        rows[track.start + i] = row;
      }
      if (track.count > 0) rows.length = track.start + track.count;
    }
  };
  count(key: string): number {
    return this.columns.get(key)?.length ?? 0;
  }
  get last(): Batch | undefined {
    return this.batches.at(-1);
  }
}

/** Bit for bit: the doubles' bytes, so that NaN = NaN and −0 ≠ 0. */
function bits(rows: number[][] | undefined): string[] {
  return (rows ?? []).map((row) => Buffer.from(Float64Array.from(row).buffer).toString('hex'));
}

function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
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

let generation = 0;
function start(host: RunHost, scenario: Scenario, playing: boolean): Received {
  const received = new Received();
  const result = host.start(structuredClone(scenario), ++generation, received.receive, playing);
  expect(result.ok).toBe(true);
  return received;
}

const stopped = (received: Received) => () => received.last !== undefined && !received.last.running;

describe('the run worker with a pool of track workers', () => {
  const local = new RunHost();
  const pools = [2, 3].map((threads) => {
    const host = new RunHost({
      trackWorker: nodeTrackEndpoint,
      onPoolCrash: (reason) => expect.fail(reason),
      // Loading a thread (tsx compiles the engine) takes seconds here: no stuck-worker replacement, no spare.
      pool: { ackTimeoutMs: 60_000, spare: false },
    });
    host.setPoolSize(threads);
    return { threads, host };
  });

  beforeAll(async () => {
    // Load the worker threads (tsx compiles the engine in each) before anything is measured against them.
    for (const { host } of pools) {
      const warm = start(host, race('grid', 2), true);
      await waitFor(() => warm.last?.done === true, 60_000);
    }
  }, 120_000);

  afterAll(() => {
    for (const { host } of pools) host.dispose();
  });

  it.each(['grid', 'monte-carlo'] as const)('%s: the same records with 1, 2 and 3 stepping threads', async (q) => {
    const scenario = race(q, 25);
    const reference = runToEnd(structuredClone(scenario));
    const alone = start(local, scenario, true);
    await waitFor(() => alone.last?.done === true);
    for (const { host } of pools) {
      expect(host.mirror, 'the pool steps this race').not.toBeNull();
      const pooled = start(host, scenario, true);
      await waitFor(() => pooled.last?.done === true);
      for (const track of reference.tracks) {
        const records = reference.status(track.key).records;
        expect(pooled.count(track.key)).toBe(records.length);
        expect(bits(pooled.columns.get(track.key))).toEqual(bits(alone.columns.get(track.key)));
      }
      // The run worker's copy of the records (what its views read) is the Run's, θ included.
      for (const track of reference.tracks) {
        const mine = host.mirror!.status(track.key);
        const theirs = reference.status(track.key);
        expect(mine.records.map((r) => ({ ...r, time: 0 }))).toEqual(theirs.records.map((r) => ({ ...r, time: 0 })));
        expect(Array.from(mine.theta)).toEqual(Array.from(theirs.theta));
      }
    }
  });

  it('stepN advances every track by exactly n iterations, then nothing more is posted', async () => {
    const scenario = race('grid', 1000);
    for (const { host } of pools) {
      const received = start(host, scenario, false);
      host.stepN(3);
      await waitFor(stopped(received));
      const keys = host.mirror!.tracks.map((t) => t.key);
      expect(keys).toHaveLength(6);
      for (const key of keys) expect(received.count(key)).toBe(3);
      const posted = received.batches.length;
      await sleep(60);
      expect(received.batches.length).toBe(posted);
      host.stepN(1);
      await waitFor(() => keys.every((key) => received.count(key) === 4) && stopped(received)());
      for (const key of keys) expect(received.count(key)).toBe(4);
    }
  });

  it('pause at full speed aligns every track; a step then adds one iteration to each', async () => {
    const scenario = race('grid', 100_000);
    for (const { host } of pools) {
      const received = start(host, scenario, true);
      await waitFor(() => received.count('ngd#0') > 20);
      host.pause();
      await waitFor(stopped(received));
      const keys = host.mirror!.tracks.map((t) => t.key);
      const paused = received.count(keys[0]);
      for (const key of keys) expect(received.count(key)).toBe(paused);
      await sleep(60);
      for (const key of keys) expect(received.count(key)).toBe(paused);
      host.stepN(1);
      await waitFor(() => keys.every((key) => received.count(key) === paused + 1) && stopped(received)());
      // The aligned run is the Run's: every record equal to a Run stepped as far by hand.
      const reference = runToEnd(structuredClone(scenario), paused);
      for (const key of keys) {
        const expected = reference.status(key).records.slice(0, paused + 1);
        const mine = host.mirror!.status(key).records;
        expect(mine.map((r) => r.loss)).toEqual(expected.map((r) => r.loss));
      }
      host.cancel();
    }
  });

  it('a larger budget replaces the final records and goes on like a longer run', async () => {
    const scenario = race('grid', 5);
    const longer = runToEnd(structuredClone(scenario), 9);
    for (const { host } of pools) {
      const received = start(host, scenario, true);
      await waitFor(() => received.last?.done === true);
      for (const key of host.mirror!.tracks.map((t) => t.key)) expect(received.count(key)).toBe(6);
      host.setIterations(9);
      const keys = host.mirror!.tracks.map((t) => t.key);
      await waitFor(() => keys.every((key) => received.count(key) === 10) && received.last?.done === true);
      for (const track of longer.tracks) {
        const expected = longer.status(track.key).records.map((r) => r.loss);
        const losses = received.columns.get(track.key)!.map((row) => row[RECORD_COLUMNS.indexOf('loss')]);
        expect(losses, `${track.key}, ${host.mirror!.tracks.length} tracks`).toEqual(expected);
      }
    }
  });

  it('a speed limit grants steps to the track workers a few at a time', async () => {
    const scenario = race('grid', 100_000);
    const { host } = pools[0];
    host.setSpeed(100);
    const started = Date.now();
    const received = start(host, scenario, true);
    await waitFor(() => received.count('ngd#0') >= 20);
    // 20 iterations at 100 it/s take about 0.2 s (first step free); far less would mean no limit.
    expect(Date.now() - started).toBeGreaterThan(120);
    host.pause();
    await waitFor(stopped(received));
    const keys = host.mirror!.tracks.map((t) => t.key);
    for (const key of keys) expect(received.count(key)).toBe(received.count(keys[0]));
    host.cancel();
    host.setSpeed(Infinity);
  });
});
