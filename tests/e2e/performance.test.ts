// The main thread never freezes: four optimizers on a 1-20-1 network with m = 256 sampled points stream
// as fast as the worker goes for 3 s, while a PerformanceObserver watches for long tasks (> 50 ms) and
// requestAnimationFrame counts frames. The numbers are printed for the report.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { linkHash } from '../../src/engine/scenario/codec';
import type { Scenario } from '../../src/engine/scenario/types';
import { launchBrowser, openPage, recordCount, sleep, startApp, waitForEngine, type AppServer } from './helpers';

let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const FOUR_ON_MLP: Scenario = {
  version: 1,
  title: 'Four optimizers on a 1-20-1 network',
  problem: {
    space: 'sampled',
    domain: [[-1, 1]],
    target: { kind: 'expression', expr: 'sin(2*pi*x)' },
    loss: { kind: 'l2' },
    quadrature: { kind: 'grid', m: 256 },
  },
  model: { kind: 'mlp', layers: [1, 20, 1], activation: 'tanh' },
  init: { seed: 1 },
  optimizers: [
    { id: 'gd', label: 'GD', preconditioner: 'identity', alpha: 0.1 },
    { id: 'adam', label: 'Adam', preconditioner: 'adam', alpha: 0.01 },
    { id: 'ngd', label: 'NGD', preconditioner: 'gram', alpha: 0.5 },
    {
      id: 'nnest', label: 'Natural Nesterov', preconditioner: 'loss-hessian', momentum: 'nesterov', alpha: 0.3, beta: 0.9,
      transport: 'projected-difference', lookahead: 'tangent-k',
    },
  ],
  run: { iterations: 100_000 },
};

interface Measurement {
  longTasks: number[];
  frames: number;
  seconds: number;
}

describe('main-thread responsiveness', () => {
  it('no long task during a 3 s run of four optimizers on MLP [1,20,1], m = 256', async () => {
    const { page, problems } = await openPage(browser, app.url + linkHash(FOUR_ON_MLP));
    await waitForEngine(page);
    await page.getByTestId('speed').focus();
    await page.keyboard.press('End');
    await sleep(300); // past start-up work (first paints, module compilation)
    const before = await recordCount(page);
    const measured: Measurement = await page.evaluate(
      () =>
        new Promise<Measurement>((resolve) => {
          const longTasks: number[] = [];
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longTasks.push(entry.duration);
          });
          observer.observe({ type: 'longtask' });
          let frames = 0;
          const started = performance.now();
          const frame = () => {
            frames++;
            if (performance.now() - started < 3000) requestAnimationFrame(frame);
            else {
              // Entries are delivered asynchronously: give the observer one more task to report.
              setTimeout(() => {
                observer.disconnect();
                resolve({ longTasks, frames, seconds: (performance.now() - started) / 1000 });
              }, 50);
            }
          };
          requestAnimationFrame(frame);
        }),
    );
    const after = await recordCount(page);
    const iterationsPerSecond = (after - before) / 4 / measured.seconds;
    const fps = measured.frames / measured.seconds;
    console.log(
      `[e2e] 3 s run, 4 optimizers, MLP [1,20,1], m = 256: long tasks (> 50 ms) = ${measured.longTasks.length}` +
        `${measured.longTasks.length ? ` (${measured.longTasks.map((d) => d.toFixed(0)).join(', ')} ms)` : ''}, ` +
        `frame rate = ${fps.toFixed(1)} fps (${measured.frames} frames), ` +
        `engine ≈ ${iterationsPerSecond.toFixed(0)} iterations/s per optimizer`,
    );
    expect(after).toBeGreaterThan(before);
    expect(measured.longTasks).toEqual([]);
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });
});
