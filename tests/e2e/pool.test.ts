// The worker pool in Chromium: this machine's headless Chromium reports 2 cores, so the run worker steps
// alone by default; `?workers=N` forces N track workers. A preset's link then reproduces the command-line
// runner's numbers bit for bit, pause stops every track at the same iteration and a single step adds one
// iteration to each, as with one worker.

import { describe, expect, it } from 'vitest';
import { linkHash } from '../../src/engine/scenario/codec';
import { findPreset } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';
import type { ResultJson } from '../../src/engine/export';
import {
  exportJson,
  expectNoProblems,
  openPage,
  recordCount,
  runCli,
  runToDone,
  sleep,
  startBrowserAndApp,
  waitForRunner,
  withoutTimes,
} from './helpers';

const env = startBrowserAndApp();

/** The sine-mlp preset (4 optimizers, tanh network) shortened, with two seeds: 8 tracks. */
function race(iterations: number): Scenario {
  const preset = findPreset('sine-mlp')!.scenario;
  return { ...preset, init: { seed: 1 }, run: { ...preset.run, iterations, seeds: 2 } };
}

function pooled(scenario: Scenario, workers: number): string {
  return `${env.app.url}?workers=${workers}${linkHash(scenario)}`;
}

describe('the worker pool in Chromium', () => {
  it('with 3 track workers a link reproduces the CLI’s numbers bit for bit', async () => {
    const scenario = race(30);
    const link = pooled(scenario, 3);
    const cli = runCli(link);
    const { page, problems } = await openPage(env.browser, link);
    await waitForRunner(page);
    await runToDone(page, 30_000);
    const tracks = page.workers().filter((w) => w.url().includes('track.worker'));
    expect(tracks.length, 'track workers running').toBeGreaterThanOrEqual(3);
    const ui = JSON.parse((await exportJson(page)).text) as ResultJson;
    const reference = JSON.parse(await cli) as ResultJson;
    expect(withoutTimes(ui)).toEqual(withoutTimes(reference));
    for (const [id, entry] of Object.entries(ui.optimizers)) {
      const losses = entry.loss as unknown[];
      const expected = reference.optimizers[id].loss as unknown[];
      losses.forEach((loss, i) => expect(Object.is(loss, expected[i]), `${id} loss[${i}]`).toBe(true));
    }
    expectNoProblems(problems);
    await page.context().close();
  });

  it('with 2 track workers pause stops every track at once and a step adds one iteration to each', async () => {
    const { page, problems } = await openPage(env.browser, pooled(race(100_000), 2));
    await waitForRunner(page);
    await page.getByTestId('speed').focus();
    await page.keyboard.press('End');
    await expect.poll(() => recordCount(page), { timeout: 20_000 }).toBeGreaterThan(40);
    await page.getByTestId('pause').click();
    // The track workers stop, and the one behind catches up with the one ahead: then nothing more comes.
    let paused = -1;
    await expect
      .poll(
        async () => {
          const before = await recordCount(page);
          await sleep(300);
          const after = await recordCount(page);
          paused = after;
          return before === after && after % 8 === 0;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    expect(await page.getByTestId('status-line').getAttribute('data-status')).toBe('paused');
    await page.getByTestId('step').click();
    await expect.poll(() => recordCount(page), { timeout: 20_000 }).toBe(paused + 8);
    await sleep(300);
    expect(await recordCount(page)).toBe(paused + 8);
    expectNoProblems(problems);
    await page.context().close();
  });
});
