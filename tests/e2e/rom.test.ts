// End-to-end tests of the paper's last two experiments in a real headless Chromium: the twisted-loss preset
// (its loss menu and fields, level sets drawn in the function space), and the two online-ROM presets — the
// decoder trains in the worker behind a progress bar while the page stays responsive, then the run draws
// the reconstruction against the ground truth with the sample points and the linear ROM's fit; the second
// preset reuses the worker's cached offline stage.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage, startApp, waitForRunner, type AppServer, type PageProblems } from './helpers';

let app: AppServer;
let browser: Browser;
let opened: { page: Page; problems: PageProblems };

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  opened = await openPage(browser, app.url);
  await waitForRunner(opened.page);
});

afterAll(async () => {
  await opened?.page.context().close();
  await browser?.close();
  await app?.close();
});

/** Every track of the current run has at least `count` records. */
async function waitForRecords(page: Page, ids: string[], count: number, timeout: number): Promise<void> {
  const expected = ids.map((id) => `status-${id}`).join(',');
  await expect
    .poll(
      () =>
        page.locator('.status-item').evaluateAll((items, n) => {
          const counts = items.map((i) => Number(i.getAttribute('data-count')));
          return Math.min(...counts) >= n ? items.map((i) => i.getAttribute('data-testid')).join(',') : '';
        }, count),
      { timeout, interval: 500 },
    )
    .toBe(expected);
}

async function pathLengths(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').length));
}

describe('the paper’s last two experiments in Chromium', { timeout: 360_000 }, () => {
  it('the twisted-loss preset loads, shows its loss fields, runs and draws its level sets', async () => {
    const { page } = opened;
    await page.getByTestId('preset').selectOption('twisted-loss');
    expect(await page.getByTestId('exact-loss-kind').inputValue()).toBe('twisted');
    await expect.poll(() => page.locator('[data-testid="twisted-omega"]').count()).toBe(1);
    await page.getByTestId('play').click();
    await waitForRecords(page, ['nhgd', 'natural-heavy-ball', 'natural-nesterov'], 20, 30_000);
    await expect
      .poll(
        async () =>
          (await pathLengths(page, '[data-testid="plot-function-space"] g.levels path')).filter((n) => n > 50).length,
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('status-line').getAttribute('data-status')).not.toBe('invalid');
  });

  it('the online-ROM preset trains its decoder behind a progress bar, then runs and draws the reconstruction', async () => {
    const { page } = opened;
    await page.getByTestId('preset').selectOption('rom-kdv-20');
    await page.getByTestId('play').click();
    const bar = page.getByTestId('offline-progress');
    await expect.poll(() => bar.count(), { timeout: 20_000 }).toBe(1);
    const first = Number(await bar.getAttribute('data-done'));
    expect(Number(await bar.getAttribute('data-total'))).toBe(2001);
    // The bar moves while the worker trains (in slices: the worker keeps answering, no respawn).
    await expect
      .poll(async () => Number((await bar.getAttribute('data-done')) ?? 0), { timeout: 60_000 })
      .toBeGreaterThan(first);
    await waitForRecords(page, ['gd', 'ngd', 'natural-nesterov'], 5, 300_000);
    expect(await bar.count()).toBe(0);
    expect(await page.getByTestId('status-line').textContent()).not.toContain('engine restarted');
    const approximation = page.getByTestId('plot-approximation');
    await expect
      .poll(async () => (await approximation.locator('svg').textContent()) ?? '', { timeout: 15_000 })
      .toContain('linear ROM, least squares');
    expect(await approximation.locator('svg').textContent()).toContain('ground truth u');
    // 20 sample points: a rug mark and an observed value each.
    const marks = async (cls: string) =>
      ((await approximation.locator(`path.${cls}`).getAttribute('d')) ?? '').split('M').length - 1;
    await expect.poll(() => marks('observations'), { timeout: 10_000 }).toBe(20);
    expect(await marks('rug')).toBe(20);
    await expect
      .poll(
        async () =>
          (await pathLengths(page, '[data-testid="plot-approximation"] g.curves path')).filter((n) => n > 100).length,
        { timeout: 10_000 },
      )
      .toBeGreaterThanOrEqual(5); // truth, linear reference, three tracks
  });

  it('the m-sweep preset reuses the cached offline stage and draws 128 samples', async () => {
    const { page, problems } = opened;
    await page.getByTestId('preset').selectOption('rom-kdv-samples');
    await page.getByTestId('play').click();
    await waitForRecords(page, ['gd', 'ngd', 'natural-nesterov'], 5, 30_000);
    const approximation = page.getByTestId('plot-approximation');
    await expect
      .poll(
        async () => ((await approximation.locator('path.observations').getAttribute('d')) ?? '').split('M').length - 1,
        { timeout: 10_000 },
      )
      .toBe(128);
    expect(problems.page, 'page errors').toEqual([]);
    expect(problems.console, 'console errors').toEqual([]);
  });
});
