// Shared set-up of the end-to-end tests: the app is built and served once for the whole e2e run
// (global-setup.ts, which provides its address), and each file launches the system Chromium through
// playwright-core with the flags this network needs.

import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function assertChromium(): void {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      'Chromium not found at /usr/bin/chromium (or $CHROMIUM_PATH). Install it: apt-get update && apt-get install -y chromium',
    );
  }
}

export interface AppServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The app built and served once by global-setup.ts. `close` does nothing: the server belongs to the
 * global set-up, which stops it after the last e2e file.
 */
export async function startApp(): Promise<AppServer> {
  const url = inject('appUrl');
  if (!url)
    throw new Error('no app address: run the e2e tests through vitest --project e2e (tests/e2e/global-setup.ts)');
  return { url, close: async () => {} };
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface PageProblems {
  console: string[];
  page: string[];
}

/** A fresh page that collects console errors and uncaught page errors. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1600, height: 1000 },
): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: PageProblems = { console: [], page: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text());
  });
  page.on('pageerror', (error) => problems.page.push(error.message));
  await page.goto(url);
  return { page, problems };
}

/** Wait until the worker answered through comlink and the first batch of records arrived. */
export async function waitForRunner(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => window.__runnerReady === true, undefined, { timeout });
}

/** Wait until the page's start-up mounting is over: no part still waits for its turn (src/ui/Staggered.tsx). */
export async function waitForStartup(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-staggered="waiting"]') === null, undefined, {
    timeout,
  });
}

/** Total records streamed so far (from the status line's data attribute). */
export async function recordCount(page: Page): Promise<number> {
  const value = await page.getByTestId('status-line').getAttribute('data-records');
  return Number(value);
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// ---- links and exports (tests/e2e/links.test.ts, tests/e2e/export.test.ts) ------------------------

/** Set the speed to "max" and wait until every track finished. */
export async function runToDone(page: Page, timeout = 15_000): Promise<void> {
  await page.getByTestId('speed').focus();
  await page.keyboard.press('End');
  await page.getByTestId('speed').blur();
  await page.waitForFunction(
    () => document.querySelector('[data-testid="status-line"]')?.getAttribute('data-status') === 'done',
    undefined,
    { timeout },
  );
}

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

/** Click what `click` clicks and return the file the page downloads. */
export async function downloadFrom(page: Page, click: () => Promise<void>, timeout = 10_000): Promise<DownloadedFile> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout }), click()]);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

/** The run exported through the UI's "Export JSON" button (the CLI's result format). */
export async function exportJson(page: Page): Promise<{ name: string; text: string }> {
  const file = await downloadFrom(page, () => page.getByTestId('export-json').click());
  return { name: file.name, text: file.bytes.toString('utf8') };
}

/** Run the command-line runner on a link (or scenario file) and return its result.json text. */
export async function runCli(source: string): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const { readFileSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'natural-momentum-cli-'));
  const out = join(dir, 'result.json');
  try {
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['cli/main.ts', 'run', source, '--out', out], {
      cwd: ROOT,
      timeout: 60_000,
    });
    return readFileSync(out, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A result entry without its wall times (the one field that differs between two runs). */
export function withoutTimes(result: {
  optimizers: Record<string, Record<string, unknown>>;
}): Record<string, Record<string, unknown>> {
  const entries: Record<string, Record<string, unknown>> = {};
  for (const [key, entry] of Object.entries(result.optimizers)) {
    const { time: _time, ...rest } = entry;
    entries[key] = rest;
  }
  return entries;
}

/** No uncaught page error and no console error during a test. */
export function expectNoProblems(problems: PageProblems): void {
  expect(problems.page, 'page errors').toEqual([]);
  expect(problems.console, 'console errors').toEqual([]);
}

/** The app server and a browser for one test file: started before its tests, closed after them. */
export function startBrowserAndApp(): { readonly app: AppServer; readonly browser: Browser } {
  let app: AppServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    app = await startApp();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the app is not started (it starts in beforeAll)');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched (it starts in beforeAll)');
      return browser;
    },
  };
}

// ---- long tasks (tests/e2e/explore.test.ts, tests/e2e/performance.test.ts) ------------------------------

declare global {
  interface Window {
    /** Long animation frames seen since watchLongFrames, with the scripts that made them. */
    __longFrames?: string[];
  }
}

/**
 * Start recording which scripts make long frames (the Long Animation Frames API): a test that finds a long
 * task prints them, so that a failure names its culprit (for instance `MessagePort.onmessage
 * runDraws@index-….js 64 ms`). `clearLongFrames` starts the record afresh.
 */
export async function watchLongFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    interface FrameScript {
      duration: number;
      invoker: string;
      sourceURL: string;
      sourceFunctionName: string;
      forcedStyleAndLayoutDuration: number;
    }
    const seen: string[] = [];
    window.__longFrames = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { scripts?: FrameScript[] })[]) {
        const parts = (entry.scripts ?? [])
          .filter((script) => script.duration > 5)
          .map(
            (script) =>
              `${script.invoker} ${script.sourceFunctionName}@${script.sourceURL.split('/').pop()} ${script.duration.toFixed(0)} ms (layout ${script.forcedStyleAndLayoutDuration.toFixed(0)})`,
          );
        seen.push(
          `frame ${entry.duration.toFixed(0)} ms at ${entry.startTime.toFixed(0)}: ${parts.join('; ') || 'no script over 5 ms'}`,
        );
      }
    }).observe({ type: 'long-animation-frame' });
  });
}

export async function clearLongFrames(page: Page): Promise<void> {
  await page.evaluate(() => window.__longFrames?.splice(0));
}

/** The long frames recorded since watchLongFrames (or the last clearLongFrames), one line each. */
export async function longFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window.__longFrames ?? [])]);
}
