// Exploration in the browser: seeds, sweeps on a worker pool (with their link and CSV), and dragging
// the start. Real Chromium on the app built once by global-setup.ts.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { linkHash } from '../../src/engine/scenario/codec';
import { findPreset } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';
import {
  downloadFrom,
  exportJson,
  openPage,
  runToDone,
  sleep,
  waitForRunner,
  waitForStartup,
  startBrowserAndApp,
  watchLongFrames,
  longFrames,
} from './helpers';
import { describeTasks, longCpuTasks, traceMainThread } from './mainThreadTrace';

const env = startBrowserAndApp();

function preset(key: string): Scenario {
  const found = findPreset(key);
  if (!found) throw new Error(`no preset ${key}`);
  return structuredClone(found.scenario);
}

async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).fill(String(value));
}

/** Open the Sweep panel and set up its axes (path and steps), iterations and tolerance. */
async function setUpSweep(page: Page, axes: { path: string; steps: number }[], iterations: number): Promise<void> {
  await page.getByTestId('open-sweep').click();
  await page.getByTestId('plot-sweep').waitFor();
  for (const [i, axis] of axes.entries()) {
    await page.getByTestId(`sweep-axis-${i}-path`).selectOption(axis.path);
    await setNumber(page, `sweep-axis-${i}-steps`, axis.steps);
  }
  await setNumber(page, 'sweep-iterations', iterations);
}

async function sweepStatus(page: Page): Promise<string | null> {
  return page.getByTestId('sweep-progress').getAttribute('data-status');
}

/**
 * The maps show every cell of the finished sweep. They redraw through the frame scheduler (a share of the
 * main thread, behind the live run's charts), so the drawn map may trail the progress by a few frames:
 * the test waits for it, and a cell the map never gets fails it.
 */
async function waitForFilledMap(page: Page, cells: number): Promise<void> {
  const filled = () => page.getByTestId('sweep-results').getAttribute('data-filled');
  await page
    .waitForFunction(
      (n) => document.querySelector('[data-testid="sweep-results"]')?.getAttribute('data-filled') === String(n),
      cells,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  expect(await filled()).toBe(String(cells));
}

function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const names = head.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

describe('sweeps in the browser', () => {
  it('runs a 6 × 6 sweep cell by cell; a clicked cell opens as the live run with the CSV row’s final loss; the link reopens the map', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url + linkHash(preset('local-minimum')));
    await waitForRunner(page);
    await setUpSweep(
      page,
      [
        { path: 'optimizers.*.alpha', steps: 6 },
        { path: 'optimizers.natural-heavy-ball.beta', steps: 6 },
      ],
      60,
    );
    await page.getByTestId('sweep-run').click();
    // Cells arrive one by one: the map fills before the sweep ends.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="sweep-results"]')?.getAttribute('data-filled')) > 0,
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sweep-progress"]')?.getAttribute('data-status') === 'done',
      undefined,
      { timeout: 30_000 },
    );
    await waitForFilledMap(page, 36);
    // The cells ran on the run worker's pool of track workers: no worker of the sweep's own.
    const workers = page.workers().map((w) => w.url());
    expect(
      workers.some((url) => url.includes('track.worker')),
      workers.join(', '),
    ).toBe(true);
    expect(
      workers.filter((url) => url.includes('sweep')),
      workers.join(', '),
    ).toEqual([]);
    const map = page.getByTestId('sweep-map-natural-heavy-ball');
    expect(await map.getAttribute('data-nx')).toBe('6');
    expect(await page.getByTestId('sweep-colorbar').getAttribute('data-domain')).toMatch(/^[\d.e+-]+,[\d.e+-]+$/);
    expect(page.url()).toContain('?sweep=1.');
    const sweepUrl = page.url();

    const csv = csvRows(
      (await downloadFrom(page, () => page.getByTestId('sweep-export-csv').click())).bytes.toString('utf8'),
    );
    expect(csv.length).toBe(36 * 3);

    // Cell (i, j) = (α index 2, β index 4): cell number 2·6 + 4; rows are drawn bottom-up.
    const box = (await map.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + (2.5 / 6) * box.width, box.y + (1 - 4.5 / 6) * box.height);
    expect(await page.getByTestId('sweep-hover').textContent()).toMatch(
      /Natural Heavy-Ball · every optimizer: step α = [\d.]+, Natural Heavy-Ball: momentum β = [\d.]+ →/,
    );
    await page.mouse.click(box.x + (2.5 / 6) * box.width, box.y + (1 - 4.5 / 6) * box.height);
    const row = csv.find((r) => r.cell === '16' && r.optimizer === 'natural-heavy-ball')!;
    await page.waitForFunction(
      (alpha) =>
        (document.querySelector('[data-testid="alpha-natural-heavy-ball"]') as HTMLInputElement | null)?.value ===
        alpha,
      row['optimizers.*.alpha'],
    );
    await runToDone(page);
    const result = JSON.parse((await exportJson(page)).text) as {
      scenario: Scenario;
      optimizers: Record<string, { loss: number[] }>;
    };
    expect(result.scenario.optimizers.find((o) => o.id === 'natural-heavy-ball')?.beta).toBe(
      Number(row['optimizers.natural-heavy-ball.beta']),
    );
    expect(result.scenario.run.iterations).toBe(60);
    const losses = result.optimizers['natural-heavy-ball'].loss;
    expect(losses[losses.length - 1]).toBe(Number(row.final_loss));

    // A shared link reopens the map (and runs it again).
    const { page: shared } = await openPage(env.browser, sweepUrl);
    await shared.getByTestId('plot-sweep').waitFor();
    await shared.waitForFunction(
      () => document.querySelector('[data-testid="sweep-progress"]')?.getAttribute('data-status') === 'done',
      undefined,
      { timeout: 30_000 },
    );
    await waitForFilledMap(shared, 36);
    await shared.getByTestId('sweep-copy-file').click();
    const file = JSON.parse(await shared.getByTestId('sweep-file').inputValue()) as {
      axes: { path: string; range: { steps: number } }[];
      measure: { iterations: number };
    };
    expect(file.axes.map((a) => [a.path, a.range.steps])).toEqual([
      ['optimizers.*.alpha', 6],
      ['optimizers.natural-heavy-ball.beta', 6],
    ]);
    expect(file.measure.iterations).toBe(60);
    await shared.context().close();

    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });

  // The 50 ms bound is on the main thread's CPU time per task (a Chromium trace): the Long Tasks API's wall
  // time, also printed, is stretched now and then on a loaded 2-core machine (the sweep's track worker
  // holds one core), which is not a task of ours taking long. A one-off is still retried.
  it('a long sweep can be cancelled, and no main-thread task exceeds 50 ms while it runs', { retry: 2 }, async () => {
    const { page, problems } = await openPage(env.browser, env.app.url + linkHash(preset('sine-mlp')));
    await waitForRunner(page);
    // Past the parts that load after the first plot (the staggered mounting, KaTeX): the tasks measured
    // below are the sweep's alone.
    await waitForStartup(page);
    await page.waitForSelector('.katex', { timeout: 10_000 });
    await setUpSweep(
      page,
      [
        { path: 'optimizers.ngd.alpha', steps: 40 },
        { path: 'model.layers.1', steps: 40 },
      ],
      300,
    );
    // The live run paused, so that the tasks measured are the sweep's (results, progress, map repaints).
    await page.getByTestId('pause').click();
    await sleep(500); // past start-up work
    await watchLongFrames(page);
    // Idle first: long tasks here are the machine's, not the sweep's (printed, not asserted).
    const idle = await page.evaluate(async () => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      await new Promise((done) => setTimeout(done, 1500));
      observer.disconnect();
      window.__longFrames?.splice(0);
      return tasks.length;
    });
    const trace = await traceMainThread(page);
    const longTasks = await page.evaluate(async () => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      document.querySelector<HTMLButtonElement>('[data-testid="sweep-run"]')!.click();
      await new Promise((done) => setTimeout(done, 3000));
      observer.disconnect();
      return tasks;
    });
    const cpu = await trace.stop();
    const scripts = await longFrames(page);
    expect(await sweepStatus(page)).toBe('running');
    const done = Number(await page.getByTestId('sweep-progress').getAttribute('data-done'));
    expect(done).toBeLessThan(1600);
    const clicked = Date.now();
    await page.getByTestId('sweep-cancel').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sweep-progress"]')?.getAttribute('data-status') === 'cancelled',
    );
    expect(Date.now() - clicked).toBeLessThan(1000);
    // Responsive: a frame is painted promptly after the cancel.
    const frameDelay = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - t));
        }),
    );
    const overBudget = longCpuTasks(cpu);
    console.log(
      `[e2e] sweep 40 × 40 on sine-mlp: ${done} cells in 3 s; tasks over 50 ms of CPU: ${describeTasks(overBudget)}; ` +
        `long tasks by wall time: ${longTasks.length ? longTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}; ` +
        `main thread busy ${((100 * cpu.threadMs) / cpu.wallMs).toFixed(0)} % of the time; ` +
        `frame after cancel ${frameDelay.toFixed(0)} ms; long tasks in 1.5 s idle before: ${idle}`,
    );
    if (longTasks.length > 0) console.log(`[e2e] long frames during the sweep:\n  ${scripts.join('\n  ')}`);
    expect(overBudget).toEqual([]);
    expect(frameDelay).toBeLessThan(100);
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });
});

/** The texts of a plot's legend. */
async function legendTexts(page: Page, plot: string): Promise<string[]> {
  return page.locator(`[data-testid="plot-${plot}"] g.legend text`).allTextContents();
}

describe('seeds in the UI', () => {
  it('with 8 seeds every plot has one legend entry per optimizer and the status one row per optimizer', async () => {
    const scenario = preset('sine-mlp');
    const { page, problems } = await openPage(env.browser, env.app.url + linkHash(scenario));
    await waitForRunner(page);
    await setNumber(page, 'seeds', 8);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ensemble-status"] > li').length === 4);
    await runToDone(page, 60_000);
    const labels = ['GD', 'Adam', 'NGD', 'Natural Heavy-Ball'];
    for (const id of scenario.optimizers.map((o) => o.id)) {
      expect(await page.getByTestId(`ensemble-${id}`).getAttribute('data-seeds')).toBe('8');
    }
    expect(await page.getByTestId('ensemble-status').textContent()).toMatch(/\d\/8 seeds reached L ≤ 1e-6/);
    const loss = await legendTexts(page, 'loss');
    for (const label of labels) expect(loss.filter((t) => t.startsWith(label + ' (median, 8 seeds)'))).toHaveLength(1);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="plot-approximation"] path[data-band]').length === 4,
    );
    for (const plot of ['approximation', 'parameter', 'function-space']) {
      const texts = await legendTexts(page, plot);
      for (const label of labels)
        expect(
          texts.filter((t) => t === `${label} (8 seeds)`),
          `${plot}: ${texts.join(' | ')}`,
        ).toHaveLength(1);
    }
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });
});

describe('drag the start, slide the step', () => {
  it('dragging on the parameter plane of the quadratic toy moves θ₀, and every trajectory starts there', async () => {
    const scenario = preset('curved-manifold');
    // Natural methods only: no trajectory runs off to infinity and stretches the axes.
    scenario.optimizers = scenario.optimizers.filter((o) => o.id === 'ngd' || o.id === 'nhgd');
    const { page, problems } = await openPage(env.browser, env.app.url + linkHash(scenario));
    await waitForRunner(page);
    const overlay = page.locator('[data-testid="plot-parameter"] rect.overlay');
    await overlay.waitFor();
    const box = (await overlay.boundingBox())!;
    const target = { x: box.x + box.width * 0.7, y: box.y + box.height * 0.3 };
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.6);
    await page.mouse.down();
    await page.mouse.move((box.x + box.width * 0.4 + target.x) / 2, (box.y + box.height * 0.6 + target.y) / 2, {
      steps: 4,
    });
    await page.mouse.move(target.x, target.y, { steps: 4 });
    await page.mouse.up();
    await runToDone(page);
    const result = JSON.parse((await exportJson(page)).text) as {
      scenario: Scenario;
      optimizers: Record<string, { thetas: number[][] }>;
    };
    const theta0 = (result.scenario.init as { theta0: number[] }).theta0;
    expect(theta0).not.toEqual((scenario.init as { theta0: number[] }).theta0);
    for (const entry of Object.values(result.optimizers)) expect(entry.thetas[0]).toEqual(theta0);
    // Every start marker sits at one point, and pressing there picks the same θ₀ (drawing and picking agree).
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="plot-parameter"] path.start').length === n,
      scenario.optimizers.length,
    );
    await sleep(700); // the plane view refreshes at most every 500 ms
    const starts = await page.locator('[data-testid="plot-parameter"] path.start').evaluateAll((nodes) =>
      nodes.map((node) => {
        const r = node.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
    for (const start of starts) {
      expect(Math.abs(start.x - starts[0].x)).toBeLessThan(1);
      expect(Math.abs(start.y - starts[0].y)).toBeLessThan(1);
    }
    await page.mouse.click(starts[0].x, starts[0].y);
    await runToDone(page);
    const again = (JSON.parse((await exportJson(page)).text) as { scenario: Scenario }).scenario.init as {
      theta0: number[];
    };
    // To within 2 % of the plotted extent (the axes span every iterate).
    const span = Math.max(...Object.values(result.optimizers).flatMap((e) => e.thetas.flat().map(Math.abs)));
    again.theta0.forEach((v, i) => expect(Math.abs(v - theta0[i])).toBeLessThan(0.02 * span));
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });

  it('the α slider (log scale) sets α and the race restarts (a new generation’s first batch arrives)', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url + linkHash(preset('local-minimum')));
    await waitForRunner(page);
    const slider = page.getByTestId('alpha-slider-nhgd');
    expect(await slider.getAttribute('aria-label')).toContain('log scale');
    const timing = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="alpha-slider-nhgd"]')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const moved = performance.now();
      setValue.call(input, '100'); // 10 % of a log range 0.001…1: α = 0.001995…
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const probe = window.__runnerProbe!;
      // A generous functional limit: the speed itself is a benchmark's business, not a test's.
      const restarted = () => probe.lastStart.requested >= moved && probe.lastStart.firstBatch > 0;
      while (!restarted() && performance.now() - moved < 2000) await new Promise((r) => setTimeout(r, 2));
      return restarted() ? { toBatch: probe.lastStart.firstBatch - moved } : null;
    });
    expect(timing, 'no first batch of a new race within 2 s of moving the slider').not.toBeNull();
    console.log(`[e2e] α slider → first batch of the new race in ${timing!.toBatch.toFixed(0)} ms`);
    expect(await page.getByTestId('alpha-nhgd').inputValue()).toBe('0.002');
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });
});

describe('gallery presets with a sweep', () => {
  it('the α–β preset opens the Sweep panel with a map per optimizer and fills it', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await waitForRunner(page);
    await page.getByTestId('open-gallery').click();
    await page.getByTestId('gallery-card-momentum-alpha-beta').click();
    await page.getByTestId('sweep-map-heavy-ball').waitFor();
    await page.getByTestId('sweep-map-natural-heavy-ball').waitFor();
    expect(await page.getByTestId('sweep-map-heavy-ball').getAttribute('data-nx')).toBe('32');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="sweep-results"]')?.getAttribute('data-filled')) >= 32,
    );
    expect(page.url()).toContain('?sweep=1.');
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });
});
