// npm run bench:app — the built app in headless Chromium, unthrottled and at 4× CPU throttling (DevTools'
// Emulation.setCPUThrottlingRate, "a school Chromebook"): the time to the first plot after navigation with
// the default link (median of 5 page loads), the main-thread long tasks (> 50 ms) during start-up, and
// during a 5 s race of four optimizers on mlp [1,50,1], m = 512 at full speed the long tasks and the frame
// rate (requestAnimationFrame counted in the page). Prints one table with the issue's goals beside the
// numbers. Not part of npm test; numbers vary with the machine and its load.
//
// Usage: npx tsx bench/app.ts [--rates 1,4] [--loads 5] [--race-seconds 5] [--dist DIR [--reuse]]
//   --dist DIR   build into DIR (default: a temporary directory, removed at the end)
//   --reuse      with --dist: serve DIR as it is when it holds a build (no vite build)

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build, preview } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { linkHash } from '../src/engine/scenario/codec';
import type { Scenario } from '../src/engine/scenario/types';
import { formatTable, type BenchRow } from './table';
import { sineMlpScenario } from './fixtures';
import { startupRows } from './startup';
import { traceMainThread } from '../tests/e2e/mainThreadTrace';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const VIEWPORT = { width: 1600, height: 1000 };

/** The issue's race: four optimizers on a 1-50-1 network (p = 151) with m = 512 grid points. */
export const RACE_SCENARIO: Scenario = {
  ...sineMlpScenario(50, 512, 100_000),
  title: 'Four optimizers on a 1-50-1 network',
  optimizers: [
    { id: 'gd', label: 'GD', preconditioner: 'identity', alpha: 0.1 },
    { id: 'adam', label: 'Adam', preconditioner: 'adam', alpha: 0.01 },
    { id: 'ngd', label: 'NGD', preconditioner: 'gram', alpha: 0.5 },
    {
      id: 'nnest',
      label: 'Natural Nesterov',
      preconditioner: 'loss-hessian',
      momentum: 'nesterov',
      alpha: 0.3,
      beta: 0.9,
      transport: 'projected-difference',
      lookahead: 'tangent-k',
    },
  ],
};

// ---- in-page instrumentation ---------------------------------------------------------------------------

// The page scripts are plain JavaScript text: tsx compiles this file with esbuild's keepNames, whose
// __name() helper would be missing in the page if a compiled function were serialised.

/** Runs in the page before its own scripts: records long tasks and when the loss chart first shows a curve. */
const INSTRUMENT_PAGE = `(() => {
  const bench = { longTasks: [], firstPlot: null };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  // The first plot: a curve with at least one segment in the loss chart's lines (a drawn record track).
  const plotted = () => document.querySelector('[data-testid="plot-loss"] g.lines path[d*="L"]') !== null;
  const watch = new MutationObserver(() => {
    if (bench.firstPlot === null && plotted()) {
      bench.firstPlot = performance.now();
      watch.disconnect();
    }
  });
  const start = () => watch.observe(document, { subtree: true, childList: true, attributes: true });
  start();
})()`;

interface RaceMeasurement {
  longTasks: number[];
  frames: number;
  seconds: number;
  longestFrame: number;
  draws: Record<string, number[]>;
}

/** Runs in the page: long tasks, chart draws and animation frames over SECONDS (a RaceMeasurement). */
const MEASURE_RACE = `new Promise((resolve) => {
  const seconds = SECONDS;
  const longTasks = [];
  const draws = {};
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === 'longtask') longTasks.push(entry.duration);
      else if (entry.name === 'chart-draw') {
        const id = String(entry.detail?.id ?? '?');
        (draws[id] ??= []).push(entry.duration);
      }
    }
  });
  observer.observe({ entryTypes: ['longtask', 'measure'] });
  let frames = 0;
  let longestFrame = 0;
  const started = performance.now();
  let previous = started;
  const frame = (now) => {
    frames++;
    longestFrame = Math.max(longestFrame, now - previous);
    previous = now;
    if (performance.now() - started < seconds * 1000) requestAnimationFrame(frame);
    else
      setTimeout(() => {
        observer.disconnect();
        resolve({ longTasks, frames, seconds: (performance.now() - started) / 1000, longestFrame, draws });
      }, 50);
  };
  requestAnimationFrame(frame);
})`;

// ---- driving ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A fresh page (own context, so nothing is cached between loads) throttled at `rate` before navigation. */
async function throttledPage(browser: Browser, rate: number): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  if (rate !== 1) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }
  await page.addInitScript({ content: INSTRUMENT_PAGE });
  return page;
}

interface StartUp {
  firstPlot: number;
  longTasks: number[];
}

/** One load of the default link: ms from navigation start to the first plot, and the long tasks until then + 1 s. */
async function loadOnce(browser: Browser, url: string, rate: number): Promise<StartUp> {
  const page = await throttledPage(browser, rate);
  try {
    await page.goto(url);
    await page.waitForFunction('window.__bench?.firstPlot != null', undefined, { timeout: 120_000 });
    await sleep(1000 * rate); // start-up tasks just after the first plot (the other charts' first draws)
    const result = await page.evaluate<StartUp>(`(() => {
      const bench = window.__bench;
      const end = bench.firstPlot + 1000;
      return {
        firstPlot: bench.firstPlot,
        longTasks: bench.longTasks.filter((t) => t.start < end).map((t) => t.duration),
      };
    })()`);
    return result;
  } finally {
    await page.context().close();
  }
}

async function raceOnce(browser: Browser, url: string, rate: number, seconds: number) {
  const page = await throttledPage(browser, rate);
  try {
    await page.goto(url + linkHash(RACE_SCENARIO));
    await page.waitForFunction('window.__runnerReady === true', undefined, { timeout: 120_000 });
    await page.getByTestId('speed').focus();
    await page.keyboard.press('End');
    await page.getByTestId('speed').blur();
    await sleep(1000); // past start-up work
    const recordsBefore = Number(await page.getByTestId('status-line').getAttribute('data-records'));
    const trace = await traceMainThread(page);
    const measured = await page.evaluate<RaceMeasurement>(MEASURE_RACE.replace('SECONDS', String(seconds)));
    const cpu = await trace.stop();
    const recordsAfter = Number(await page.getByTestId('status-line').getAttribute('data-records'));
    return {
      ...measured,
      iterationsPerSecond: (recordsAfter - recordsBefore) / 4 / measured.seconds,
      cpuShare: cpu.threadMs / cpu.wallMs,
      longestTaskCpu: Math.max(0, ...cpu.tasks.map((task) => task.cpuMs)),
    };
  } finally {
    await page.context().close();
  }
}

function taskList(durations: readonly number[]): string {
  if (durations.length === 0) return '0';
  const sorted = [...durations].sort((a, b) => b - a);
  const shown = sorted.slice(0, 8).map((d) => d.toFixed(0));
  return `${durations.length} (${shown.join(', ')}${sorted.length > 8 ? ', …' : ''} ms)`;
}

function drawSummary(draws: Record<string, number[]>): string {
  return Object.entries(draws)
    .map(([id, list]) => `${id} ${median(list).toFixed(1)}/${Math.max(...list).toFixed(0)} ms ×${list.length}`)
    .join(', ');
}

export interface AppBenchOptions {
  rates: number[];
  loads: number;
  raceSeconds: number;
  dist?: string;
  reuse?: boolean;
}

/** Build (or reuse) and serve the app, measure it in Chromium, and return the table's rows. */
export async function benchApp(options: AppBenchOptions): Promise<BenchRow[]> {
  const outDir = options.dist ?? mkdtempSync(join(tmpdir(), 'natural-momentum-bench-app-'));
  const temporary = options.dist === undefined;
  const rows: BenchRow[] = [];
  try {
    if (!(options.reuse && existsSync(join(outDir, 'index.html')))) {
      const started = performance.now();
      await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
      console.log(`[bench:app] vite build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    rows.push(...startupRows(outDir));
    const server = await preview({
      root: ROOT,
      logLevel: 'warn',
      build: { outDir },
      preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false },
    });
    const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    try {
      for (const rate of options.rates) {
        const label = rate === 1 ? 'unthrottled' : `${rate}× CPU throttling`;
        if (options.loads > 0) rows.push(...(await startUpRows(browser, url, rate, label, options.loads)));
        rows.push(...(await raceRows(browser, url, rate, label, options.raceSeconds)));
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    if (temporary) rmSync(outDir, { recursive: true, force: true });
  }
  return rows;
}

async function startUpRows(browser: Browser, url: string, rate: number, label: string, count: number) {
  const rows: BenchRow[] = [];
  const loads: StartUp[] = [];
  for (let i = 0; i < count; i++) loads.push(await loadOnce(browser, url, rate));
  const firstPlots = loads.map((l) => l.firstPlot);
  console.log(`[bench:app] ${label}: first plot ${firstPlots.map((t) => t.toFixed(0)).join(', ')} ms`);
  for (const l of loads) console.log(`[bench:app] ${label}: start-up long tasks ${taskList(l.longTasks)}`);
  const medianLoad = [...loads].sort((a, b) => a.firstPlot - b.firstPlot)[loads.length >> 1];
  rows.push({
    what: `first plot after navigation, default link, ${label} (median of ${count})`,
    now: `${(median(firstPlots) / 1000).toFixed(2)} s`,
    goal: rate === 1 ? '≤ 1.0 s' : '≤ 2.5 s',
  });
  rows.push({
    what: `main-thread long tasks (> 50 ms) during start-up, ${label} (median load)`,
    now: taskList(medianLoad.longTasks),
    goal: '0',
  });
  return rows;
}

async function raceRows(browser: Browser, url: string, rate: number, label: string, seconds: number) {
  const rows: BenchRow[] = [];
  const race = await raceOnce(browser, url, rate, seconds);
  const fps = race.frames / race.seconds;
  console.log(
    `[bench:app] ${label}: race ${race.seconds.toFixed(1)} s, ${race.frames} frames, longest frame ` +
      `${race.longestFrame.toFixed(0)} ms, ≈ ${race.iterationsPerSecond.toFixed(0)} iterations/s per optimizer, ` +
      `main-thread CPU ${(race.cpuShare * 100).toFixed(0)} % of wall time (thread time; longest task ` +
      `${race.longestTaskCpu.toFixed(0)} ms CPU), chart draws (median/max): ${drawSummary(race.draws)}`,
  );
  const over100 = race.longTasks.filter((d) => d > 100).length;
  rows.push({
    what: `long tasks while 4 optimizers run on mlp [1,50,1], m = 512, ${seconds} s, ${label}`,
    now: `${taskList(race.longTasks)}${rate === 1 ? '' : `, ${over100} over 100 ms`}`,
    goal: rate === 1 ? '0' : '0 over 100 ms',
  });
  rows.push({
    what: `frame rate during that race, ${label}`,
    now: `${fps.toFixed(1)} fps (longest frame ${race.longestFrame.toFixed(0)} ms, ≈ ${race.iterationsPerSecond.toFixed(0)} it/s per optimizer)`,
    goal: '≥ 50 fps',
  });
  return rows;
}

function parseArgs(argv: readonly string[]): AppBenchOptions {
  const options: AppBenchOptions = { rates: [1, 4], loads: 5, raceSeconds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--rates') options.rates = value().split(',').map(Number);
    else if (arg === '--loads') options.loads = Number(value());
    else if (arg === '--race-seconds') options.raceSeconds = Number(value());
    else if (arg === '--dist') options.dist = value();
    else if (arg === '--reuse') options.reuse = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchApp(parseArgs(process.argv.slice(2)));
  console.log(formatTable(rows));
}
