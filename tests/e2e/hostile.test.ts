// End-to-end tests of hostile input in a real Chromium: a damaged link is refused as damaged and the
// default scenario opens; an edit over the browser's cost budget shows the estimate while the last valid
// run goes on; a worker that crashes is reported, the edits are kept, and the run restarts.

import { describe, expect, it } from 'vitest';
import { linkHash } from '../../src/engine/scenario/codec';
import { DEFAULT_SCENARIO, findPreset } from '../../src/engine/scenario/presets';
import { openPage, recordCount, waitForRunner, expectNoProblems, startBrowserAndApp } from './helpers';

const env = startBrowserAndApp();

/** The hash with one payload character replaced by another valid base64url character. */
function damaged(hash: string): string {
  const at = Math.floor(hash.length * 0.6);
  const replacement = hash[at] === 'A' ? 'B' : 'A';
  return hash.slice(0, at) + replacement + hash.slice(at + 1);
}

describe('hostile input in the browser', () => {
  it('a damaged link says so and the default scenario opens and runs', async () => {
    const sine = findPreset('sine-mlp');
    if (!sine) throw new Error('no sine-mlp preset');
    const { page, problems } = await openPage(env.browser, env.app.url + damaged(linkHash(sine.scenario)));
    const banner = page.getByTestId('link-error');
    await expect.poll(() => banner.count()).toBe(1);
    expect(await banner.textContent()).toContain('this link is damaged');
    await waitForRunner(page);
    await expect
      .poll(async () =>
        Number(await page.getByTestId(`status-${DEFAULT_SCENARIO.optimizers[0].id}`).getAttribute('data-count')),
      )
      .toBeGreaterThan(0);
    expectNoProblems(problems);
    await page.context().close();
  });

  it('an edit over the cost budget shows the estimate and the last valid run keeps going', async () => {
    const sine = findPreset('sine-mlp');
    if (!sine) throw new Error('no sine-mlp preset');
    const { page, problems } = await openPage(env.browser, env.app.url + linkHash(sine.scenario));
    await waitForRunner(page);
    const widths = page.getByTestId('mlp-widths');
    await widths.fill('1,600,1');
    const banner = page.getByTestId('draft-errors');
    await expect.poll(() => banner.textContent()).toMatch(/about .* over the browser's budget/);
    // What the user typed stays, and the previous scenario keeps running.
    expect(await widths.inputValue()).toBe('1,600,1');
    await page.getByTestId('iterations').fill('5000');
    const before = await recordCount(page);
    await page.getByTestId('play').click();
    await expect.poll(() => recordCount(page)).toBeGreaterThan(before);
    expectNoProblems(problems);
    await page.context().close();
  });

  it('a crashed worker is reported, the edits are kept, and the run restarts', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await waitForRunner(page);
    await page.getByTestId('iterations').fill('100000');
    await page.getByTestId('play').click();
    await expect.poll(() => recordCount(page)).toBeGreaterThan(0);
    // Crash the run worker from inside (an uncaught exception, as an engine bug or out-of-memory would).
    const runWorker = page.workers().find((w) => w.url().includes('run.worker'));
    if (!runWorker)
      throw new Error(
        `no run worker among ${page
          .workers()
          .map((w) => w.url())
          .join(', ')}`,
      );
    await runWorker.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      }, 0);
    });
    const crashed = page.getByTestId('run-crashed');
    await expect.poll(() => crashed.count()).toBe(1);
    expect(await crashed.textContent()).toContain('simulated crash');
    expect(await page.getByTestId('status-line').getAttribute('data-status')).toBe('crashed');
    // The edit survives the crash.
    expect(await page.getByTestId('iterations').inputValue()).toBe('100000');
    await page.getByTestId('restart-run').click();
    await expect.poll(() => crashed.count()).toBe(0);
    await expect.poll(() => recordCount(page)).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('status-line').getAttribute('data-status')).toMatch(/running|done|paused/);
    // The uncaught error inside the worker is reported by Chromium on the console; nothing else may be.
    problems.console = problems.console.filter((line) => !line.includes('simulated crash'));
    expectNoProblems(problems);
    await page.context().close();
  });
});
