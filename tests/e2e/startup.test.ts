// Start-up (docs/PERFORMANCE.md "Start-up"): what the first plot does not need loads on demand — KaTeX,
// the gallery's cards, the sweep panel, presentation mode and, on the main thread, the expression parser
// (mathjs). These tests check that each part still arrives and works, that a link with a formula still
// opens (it waits for the parser), and that a part whose chunk cannot be fetched shows an error with a
// Retry that works once the network is back. Timings are benchmarks, not tests (none here).

import { describe, expect, it } from 'vitest';
import { linkHash } from '../../src/engine/scenario/codec';
import { findPreset } from '../../src/engine/scenario/presets';
import { expectNoProblems, openPage, startBrowserAndApp, waitForRunner, waitForStartup } from './helpers';

const env = startBrowserAndApp();

describe('start-up: parts loaded on demand', () => {
  it('the default page loads neither mathjs, the gallery nor the sweep tools before its first plot; formulas, gallery and sweep arrive', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await waitForRunner(page, 60_000);
    // The default scenario (a toy) has no formula: the parser's chunk is not fetched before the first
    // batch (it is fetched later, when the page is idle); nor are the gallery's cards.
    const early = await page.evaluate(() => {
      const firstBatch = window.__runnerProbe?.lastStart.firstBatch ?? 0;
      return performance
        .getEntriesByType('resource')
        .filter((entry) => entry.startTime < firstBatch)
        .map((entry) => new URL(entry.name).pathname);
    });
    expect(early.filter((path) => /mathjsParse-|GalleryContent-/.test(path))).toEqual([]);
    // Nor the sweep's tools (its setups, pool, link and CSV: src/state/sweep.ts), until a sweep is opened.
    const fetched = () =>
      page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));
    expect((await fetched()).filter((path) => /\/(sweep|SweepCard)-[\w-]+\.js$/.test(path))).toEqual([]);
    await waitForStartup(page, 60_000);
    // KaTeX arrives and replaces the placeholders.
    await page.locator('[data-testid="optimizer-formula"] .katex').first().waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('optimizer-formula').count()).toBe(3);
    // The gallery's cards.
    await page.getByTestId('open-gallery').click();
    await page.getByTestId('gallery-card-sine-mlp').waitFor({ timeout: 20_000 });
    await page.getByTestId('gallery-close').click();
    // The sweep panel.
    await page.getByTestId('open-sweep').click();
    await page.getByTestId('plot-sweep').waitFor({ timeout: 20_000 });
    expect((await fetched()).filter((path) => /\/sweep-[\w-]+\.js$/.test(path))).toHaveLength(1);
    await page.getByTestId('sweep-run').waitFor();
    expectNoProblems(problems);
    await page.context().close();
  }, 180_000);

  it('a link with a formula waits for the parser and opens its scenario (the address keeps the link)', async () => {
    const scenario = findPreset('sine-mlp')?.scenario;
    const target = scenario?.problem.target;
    if (scenario === undefined || target?.kind !== 'expression') throw new Error('sine-mlp has no formula target');
    const hash = linkHash(scenario);
    const { page, problems } = await openPage(env.browser, env.app.url + hash);
    await waitForRunner(page, 60_000);
    const field = page.getByTestId('target-formula');
    await field.waitFor({ timeout: 20_000 });
    expect(await field.inputValue()).toBe(target.expr);
    // The address still carries the link's scenario (in its canonical spelling), not the default one.
    expect(new URL(page.url()).hash.startsWith('#s=')).toBe(true);
    // A formula edited in the page is checked by the parser.
    await field.fill('sin(2*pi*x');
    await page.getByTestId('target-formula-error').waitFor({ timeout: 10_000 });
    expectNoProblems(problems);
    await page.context().close();
  }, 180_000);

  it('a chunk that cannot be fetched shows an error; Retry loads it once the network is back', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    let blocked = true;
    await page.route(/\/assets\/Formula-[\w-]+\.js$/, (route) => (blocked ? route.abort() : route.continue()));
    await page.goto(env.app.url);
    await waitForRunner(page, 60_000);
    const failure = page.getByTestId('lazy-error').first();
    await failure.waitFor({ timeout: 60_000 });
    expect(await failure.textContent()).toContain('Could not load the formula');
    // The run goes on without its formulas.
    expect(await page.evaluate(() => window.__runnerReady)).toBe(true);
    blocked = false;
    await failure.getByRole('button', { name: 'Retry' }).click();
    await page.locator('[data-testid="optimizer-formula"] .katex').first().waitFor({ timeout: 60_000 });
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
