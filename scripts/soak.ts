// Soak test (not part of npm test): builds the app, opens it in headless Chromium and races the default
// scenario and the sine-MLP scenario at full speed, over and over (a long budget, then reset, then the
// other scenario), for a given time; every 30 s it prints the tab's memory — main thread and workers
// together, from performance.measureUserAgentSpecificMemory() (the page is cross-origin isolated) — and
// the JS heap of the main thread. Memory must stay bounded: the last quarter's mean should be close to
// the second quarter's.
//
//   npx tsx scripts/soak.ts [--minutes 20] [--iterations 20000]
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { linkHash } from '../src/engine/scenario/codec';
import { DEFAULT_SCENARIO, findPreset } from '../src/engine/scenario/presets';
import type { Scenario } from '../src/engine/scenario/types';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const minutes = option('minutes', 20);
const iterations = option('iterations', 20_000);

function withBudget(scenario: Scenario): Scenario {
  return { ...scenario, run: { ...scenario.run, iterations } };
}

const sineMlp = findPreset('sine-mlp');
if (!sineMlp) throw new Error('preset sine-mlp is missing');
const races = [
  { name: 'default', hash: linkHash(withBudget(DEFAULT_SCENARIO)) },
  { name: 'sine-mlp', hash: linkHash(withBudget(sineMlp.scenario)) },
];

interface Sample {
  minute: number;
  race: string;
  totalMB: number;
  heapMB: number;
}

async function measure(page: Page): Promise<{ totalMB: number; heapMB: number }> {
  return page.evaluate(async () => {
    const perf = performance as Performance & {
      measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
      memory?: { usedJSHeapSize: number };
    };
    const total = perf.measureUserAgentSpecificMemory ? (await perf.measureUserAgentSpecificMemory()).bytes : NaN;
    return { totalMB: total / 2 ** 20, heapMB: (perf.memory?.usedJSHeapSize ?? NaN) / 2 ** 20 };
  });
}

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'natural-momentum-soak-'));
  await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', open: false },
  });
  const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-precise-memory-info',
    ],
  });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  const samples: Sample[] = [];
  const started = Date.now();
  const end = started + minutes * 60_000;
  let nextSample = started;
  let round = 0;
  while (Date.now() < end) {
    const race = races[round++ % races.length];
    await page.goto(`${base}${race.hash}`);
    await page.getByTestId('speed').waitFor();
    await page.getByTestId('speed').focus();
    await page.keyboard.press('End'); // full speed
    await page.getByTestId('play').click();
    // Run until this race finishes or it is time to switch (at most 4 minutes per race).
    const raceEnd = Math.min(end, Date.now() + 4 * 60_000);
    while (Date.now() < raceEnd) {
      const status = await page.getByTestId('status-line').getAttribute('data-status');
      if (status === 'done') break;
      if (Date.now() >= nextSample) {
        const m = await measure(page);
        const sample = { minute: (Date.now() - started) / 60_000, race: race.name, ...m };
        samples.push(sample);
        process.stdout.write(
          `${sample.minute.toFixed(1).padStart(5)} min  ${race.name.padEnd(9)} tab ${m.totalMB.toFixed(1)} MB` +
            `  main heap ${m.heapMB.toFixed(1)} MB\n`,
        );
        nextSample += 30_000;
      }
      await page.waitForTimeout(1000);
    }
  }
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const mean = (list: Sample[]) => list.reduce((s, x) => s + x.totalMB, 0) / list.length;
  const second = samples.slice(quarter, 2 * quarter);
  const last = samples.slice(-quarter);
  process.stdout.write(
    `\n${samples.length} samples over ${minutes} min; tab memory: max ${Math.max(...samples.map((s) => s.totalMB)).toFixed(1)} MB,` +
      ` mean of 2nd quarter ${mean(second).toFixed(1)} MB, mean of last quarter ${mean(last).toFixed(1)} MB;` +
      ` page errors: ${errors.length}\n`,
  );
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}

await main();
