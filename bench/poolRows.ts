// Iterations per second of a race stepped by the run worker alone and by a pool of two track workers
// (workers/trackPool.ts, as Node worker threads running the browser's track host): 4 NGD-family
// optimizers on mlp [1,50,1], m = 512. The coordinating host runs in this thread, as the run worker does
// in the browser. Run directly: npx tsx bench/poolRows.ts
import { fileURLToPath } from 'node:url';
import { RunHost } from '../workers/run.worker';
import { nodeTrackEndpoint } from '../workers/nodeTrackEndpoint';
import type { Batch } from '../workers/protocol';
import { optimizerFromPreset } from '../src/engine/scenario/optimizerPresets';
import type { Scenario } from '../src/engine/scenario/types';
import { formatTable, type BenchRow } from './table';
import { sineMlpScenario } from './fixtures';

const RACE: Scenario = {
  ...sineMlpScenario(50, 512, 100_000),
  title: 'pool benchmark',
  optimizers: [
    optimizerFromPreset('ngd'),
    optimizerFromPreset('nhgd'),
    optimizerFromPreset('natural-heavy-ball'),
    optimizerFromPreset('natural-nesterov'),
  ],
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Median iterations per second (records per track) over `windows` windows of `windowMs`, after a warm-up. */
async function iterationsPerSecond(threads: number, windows: number, windowMs: number): Promise<number> {
  const host = new RunHost(
    threads > 1 ? { trackWorker: nodeTrackEndpoint, pool: { ackTimeoutMs: 60_000, spare: false } } : {},
  );
  host.setPoolSize(threads);
  let records = 0;
  const listener = (batch: Batch) => {
    for (const track of batch.tracks) records += track.count;
  };
  host.start(structuredClone(RACE), 1, listener, true);
  // Warm-up: the threads load (tsx compiles the engine in each) and the JIT settles.
  while (records < 4 * 20) await sleep(50);
  await sleep(1000);
  const rates: number[] = [];
  for (let w = 0; w < windows; w++) {
    const before = records;
    const started = performance.now();
    await sleep(windowMs);
    rates.push((records - before) / RACE.optimizers.length / ((performance.now() - started) / 1000));
  }
  host.dispose();
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}

export async function poolRows(windows = 5, windowMs = 2000): Promise<BenchRow[]> {
  const one = await iterationsPerSecond(1, windows, windowMs);
  const two = await iterationsPerSecond(2, windows, windowMs);
  return [
    {
      what: 'race of 4 NGD-family optimizers, mlp [1,50,1], m = 512: one worker',
      now: `${one.toFixed(0)} it/s`,
      goal: '—',
    },
    {
      what: 'same race, pool of 2 track workers',
      now: `${two.toFixed(0)} it/s (${(two / one).toFixed(2)} ×)`,
      goal: '≥ 1.7 × on 2 cores',
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(formatTable(await poolRows()));
}
