// Shared set-up of the end-to-end tests: build the app once into a temporary directory with vite's
// build() API, serve it with preview() on a free port (no stray server processes), and launch the system
// Chromium through playwright-core with the flags this network needs.

import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build, preview, type PreviewServer } from 'vite';
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

/** Build the app into a fresh temporary directory and serve it. */
export async function startApp(): Promise<AppServer> {
  const outDir = mkdtempSync(join(tmpdir(), 'natural-momentum-e2e-'));
  await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
  const server: PreviewServer = await preview({
    root: ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
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
export async function openPage(browser: Browser, url: string, viewport = { width: 1600, height: 1000 }): Promise<{ page: Page; problems: PageProblems }> {
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
export async function waitForEngine(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => window.__engineReady === true, undefined, { timeout });
}

/** Total records streamed so far (from the status line's data attribute). */
export async function recordCount(page: Page): Promise<number> {
  const value = await page.getByTestId('status-line').getAttribute('data-records');
  return Number(value);
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
