// End-to-end tests of the problems beyond L2 in a real headless Chromium: every PDE, classification, time
// series and 2D preset (and the expression-model preset) loads from the picker, runs a few iterations and
// draws its plots (non-empty paths, heatmap images); a bad formula of the expression model and a bad
// Poisson f show inline errors at their position while the page keeps running; switching the problem
// type never leaves the page without a runnable scenario.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { PROBLEM_TYPES } from '../../src/engine/scenario/coherence/problemTypes';
import {
  launchBrowser,
  openPage,
  recordCount,
  startApp,
  waitForRunner,
  type AppServer,
  type PageProblems,
  expectNoProblems,
} from './helpers';

let app: AppServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
});

/** One page for the short tests (opening a page and starting its worker costs seconds on 2 cores). */
let shared: { page: Page; problems: PageProblems } | null = null;
async function sharedPage(): Promise<{ page: Page; problems: PageProblems }> {
  if (!shared) {
    shared = await openPage(browser, app.url);
    await waitForRunner(shared.page);
  }
  return shared;
}

afterAll(async () => {
  await shared?.page.context().close();
  await browser?.close();
  await app?.close();
});

/** Lengths of the `d` of every path in a plot card (empty paths count 0). */
async function pathLengths(page: Page, testId: string): Promise<number[]> {
  return page
    .locator(`[data-testid="${testId}"] svg path`)
    .evaluateAll((paths) => paths.map((p) => (p.getAttribute('d') ?? '').length));
}

/** Lengths of the data URLs of the heatmap images in a plot card. */
async function heatmapImages(page: Page, testId: string): Promise<number[]> {
  return page
    .locator(`[data-testid="${testId}"] svg image.heatmap`)
    .evaluateAll((images) => images.map((i) => (i.getAttribute('href') ?? '').length));
}

const GROUPS = new Set(['pde', 'classification', 'time-series', '2d']);
const PRESETS = SCENARIO_PRESETS.filter((p) => GROUPS.has(p.group) || p.scenario.model.kind === 'expression');

describe('problems beyond L2 in Chromium', () => {
  it('every PDE, classification, time-series, 2D and expression-model preset loads, runs and draws', async () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(9);
    const { page, problems } = await sharedPage();
    for (const preset of PRESETS) {
      const started = Date.now();
      await page.getByTestId('preset').selectOption(preset.key);
      await page.getByTestId('play').click();
      const optimizers = preset.scenario.optimizers.length;
      const ids = preset.scenario.optimizers.map((o) => `status-${o.id}`).join(',');
      // The new run's optimizers (and only they) have made a few iterations each.
      await expect
        .poll(
          () =>
            page.locator('.status-item').evaluateAll((items) => {
              const counts = items.map((i) => Number(i.getAttribute('data-count')));
              return Math.min(...counts) >= 3 ? items.map((i) => i.getAttribute('data-testid')).join(',') : '';
            }),
          { timeout: 15_000, message: `${preset.key}: records` },
        )
        .toBe(ids);
      await expect
        .poll(async () => Number(await page.getByTestId('plot-loss').getAttribute('data-drawn')), {
          timeout: 10_000,
          message: `${preset.key}: loss`,
        })
        .toBeGreaterThanOrEqual(3 * optimizers);
      await page.getByTestId('pause').click();
      expect(await page.getByTestId('status-line').getAttribute('data-status'), preset.key).not.toBe('invalid');
      const loss = await pathLengths(page, 'plot-loss');
      expect(loss.filter((n) => n > 20).length, `${preset.key}: loss paths`).toBeGreaterThanOrEqual(optimizers);
      // The approximation shows the right kind of view, drawn from this run.
      const approximation = page.getByTestId('plot-approximation');
      await expect
        .poll(async () => (await approximation.getAttribute('data-k'))?.split(',').length ?? 0, {
          timeout: 10_000,
          message: `${preset.key}: approximation`,
        })
        .toBe(optimizers);
      if (preset.group === '2d' || preset.group === 'classification') {
        const expectedImages = preset.group === '2d' ? 3 : 1;
        await expect
          .poll(async () => (await heatmapImages(page, 'plot-approximation')).filter((n) => n > 200).length, {
            timeout: 10_000,
            message: `${preset.key}: heatmaps`,
          })
          .toBe(expectedImages);
        // The selector shows another optimizer's approximation.
        const selector = page.getByTestId('approximation-track');
        expect(await selector.locator('option').count()).toBe(optimizers);
        const before = await heatmapImages(page, 'plot-approximation');
        await selector.selectOption({ index: optimizers - 1 });
        await expect
          .poll(async () => (await heatmapImages(page, 'plot-approximation')).join(), {
            timeout: 10_000,
            message: `${preset.key}: selector`,
          })
          .not.toBe(before.join());
      } else {
        await expect
          .poll(async () => (await pathLengths(page, 'plot-approximation')).filter((n) => n > 100).length, {
            timeout: 10_000,
            message: `${preset.key}: curves`,
          })
          .toBeGreaterThanOrEqual(optimizers + 1);
      }
      if (preset.group === 'pde') {
        // Exact solution in the legend, a residual panel, and the error to the exact solution on the loss plot.
        expect(await approximation.locator('svg').textContent()).toContain('exact solution');
        expect(await approximation.locator('g.residual path').count()).toBeGreaterThanOrEqual(optimizers);
        expect(await page.getByTestId('plot-loss').locator('svg').textContent()).toContain('error ‖v − v*‖');
        await page.getByTestId('error-relative').check();
        await expect
          .poll(() => page.getByTestId('plot-loss').locator('svg').textContent(), { timeout: 5000 })
          .toContain('relative error');
        await page.getByTestId('error-absolute').check();
      }
      if (preset.group === 'time-series') {
        expect(await approximation.locator('svg').textContent()).toContain('test');
        expect(await approximation.locator('line.split').count()).toBe(1);
      }
      console.log(`[e2e] ${preset.key}: ${Date.now() - started} ms`);
    }
    expectNoProblems(problems);
  });

  it('a bad expression-model formula shows its error at the position; the page keeps running', async () => {
    const { page, problems } = await sharedPage();
    await page.getByTestId('preset').selectOption('bump-expression');
    const formula = page.getByTestId('model-formula');
    await formula.fill('a*exp(-b*(x-c)^2) + q');
    const error = page.getByTestId('model-formula-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toContain("unknown symbol 'q'");
    expect(Number(await error.locator('.formula-caret').getAttribute('data-position'))).toBe(20);
    expect(await formula.inputValue()).toBe('a*exp(-b*(x-c)^2) + q');
    // The last valid scenario keeps running.
    const before = await recordCount(page);
    await page.getByTestId('play').click();
    await expect.poll(() => recordCount(page), { timeout: 5000 }).toBeGreaterThan(before);
    expect(await page.getByTestId('status-line').getAttribute('data-status')).not.toBe('invalid');
    // Declaring q as a parameter fixes it: p = 4, a new run, θ₀ keeps a, b, c.
    await page.getByTestId('model-params').fill('a, b, c, q');
    await expect.poll(() => error.count()).toBe(0);
    await expect.poll(() => page.getByTestId('parameter-count').textContent()).toContain('4');
    // A bad parameter name is reported on the list, what was typed is kept.
    await page.getByTestId('model-params').fill('a, b, c, q, pi');
    const paramsError = page
      .getByTestId('model-section')
      .locator('.field', { has: page.getByTestId('model-params') })
      .locator('.field-error');
    await expect.poll(() => paramsError.textContent()).toContain("'pi' is a reserved name");
    expect(await page.getByTestId('model-params').inputValue()).toBe('a, b, c, q, pi');
    expect(await error.count()).toBe(0);
    expectNoProblems(problems);
  });

  it('a bad Poisson right-hand side shows its error at the position', async () => {
    const { page, problems } = await sharedPage();
    await page.getByTestId('preset').selectOption('poisson');
    const f = page.getByTestId('poisson-f');
    await f.fill('pi^2*sin(pi*z)');
    const error = page.getByTestId('poisson-f-error');
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toContain("unknown symbol 'z'");
    expect(Number(await error.locator('.formula-caret').getAttribute('data-position'))).toBe(12);
    expect(await page.getByTestId('status-line').getAttribute('data-status')).not.toBe('invalid');
    await f.fill('1');
    await expect.poll(() => error.count()).toBe(0);
    expectNoProblems(problems);
  });

  it('switching the problem type always gives a runnable scenario', async () => {
    const { page, problems } = await sharedPage();
    for (const { value } of [...PROBLEM_TYPES.slice(1), PROBLEM_TYPES[0]]) {
      await page.getByTestId('problem-type').selectOption(value);
      await expect
        .poll(() => page.getByTestId('status-line').getAttribute('data-status'), { message: value })
        .not.toBe('starting');
      expect(await page.getByTestId('status-line').getAttribute('data-status'), value).not.toBe('invalid');
      expect(
        await page.locator('.control-panel .field-error, [data-testid="model-section"] .field-error').count(),
        value,
      ).toBe(0);
    }
    // Incompatible models are explained, not offered.
    await page.getByTestId('problem-type').selectOption('pde');
    expect(await page.getByTestId('model-unavailable').textContent()).toContain('MLP only');
    expect(await page.locator('[data-testid="model-kind"] option[value="tensor"]').isDisabled()).toBe(true);
    expectNoProblems(problems);
  });
});
