// The app as a classroom tool, in a real Chromium: presentation mode at 1280×720 (no controls, the focus
// plots inside the viewport, projector-size type and lines, PageDown walks the seven story steps), one
// colour per method across presets, Space after a mouse click, a diverging optimizer that neither takes
// over the axes nor reads "finished", embeds, offline reload, and the plots' text alternatives.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { linkHash } from '../../src/engine/scenario/codec';
import { findPreset, SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { METHOD_COLORS } from '../../src/style/methodColors';
import { ROOT, openPage, recordCount, runToDone, waitForRunner, expectNoProblems, startBrowserAndApp } from './helpers';

const env = startBrowserAndApp();

function presetLink(key: string, query = ''): string {
  return `${env.app.url}${query}${linkHash(findPreset(key)!.scenario)}`;
}

const STORY = SCENARIO_PRESETS.filter((p) => p.group === 'paper');

/** rgb(…) of a hex colour, as computed styles report it. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

async function swatchColor(page: Page, key: string): Promise<string> {
  return page
    .getByTestId(`status-${key}`)
    .locator('.swatch')
    .evaluate((el) => getComputedStyle(el).backgroundColor);
}

/** Stroke colours of the loss plot's lines (without ensembles: one per track). */
async function lossStrokes(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="plot-loss"] g.lines path')
    .evaluateAll((paths) => paths.map((p) => p.getAttribute('stroke') ?? ''));
}

describe('presentation mode at 1280×720', () => {
  it('hides the controls, fills the screen with the focus plots at projector size, and PageDown walks the story', async () => {
    const { page, problems } = await openPage(env.browser, presetLink('local-minimum', '?present'), {
      width: 1280,
      height: 720,
    });
    await waitForRunner(page);
    await page.getByTestId('presentation').waitFor();
    expect(await page.getByTestId('control-panel').count()).toBe(0);
    // The focus plots of step 7 (L(θ) and loss), each entirely inside the viewport.
    await expect.poll(() => page.locator('[data-focus-plot]').count()).toBeGreaterThanOrEqual(2);
    await page.locator('[data-focus-plot] .tick text').first().waitFor();
    const boxes = await page.locator('[data-focus-plot]').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    for (const box of boxes) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(1280);
      expect(box.bottom).toBeLessThanOrEqual(720);
    }
    // Rendered sizes: font size and stroke width times the zoom the plot is shown at.
    const sizes = await page.evaluate(() => {
      const zoomOf = (el: Element) => (el as HTMLElement & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
      const ticks = Array.from(document.querySelectorAll('[data-focus-plot] .tick text'));
      const lines = Array.from(
        document.querySelectorAll('[data-focus-plot] g.lines path, [data-focus-plot] g.trajectory path.line'),
      );
      return {
        tick: Math.min(...ticks.map((t) => Number.parseFloat(getComputedStyle(t).fontSize) * zoomOf(t))),
        line: Math.min(...lines.map((l) => Number.parseFloat(getComputedStyle(l).strokeWidth) * zoomOf(l))),
        ticks: ticks.length,
        lines: lines.length,
      };
    });
    console.log(
      `[e2e] presentation 1280×720: smallest tick label ${sizes.tick} px (${sizes.ticks}), thinnest line ${sizes.line} px (${sizes.lines})`,
    );
    expect(sizes.ticks).toBeGreaterThan(4);
    expect(sizes.lines).toBeGreaterThan(1);
    expect(sizes.tick).toBeGreaterThanOrEqual(18);
    expect(sizes.line).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('presentation-lesson').textContent()).toContain('local minimum');
    if (process.env.UPDATE_SCREENSHOT) {
      // The default speed reaches the end of the 100 iterations within seconds.
      await expect
        .poll(() => page.getByTestId('presentation-status').textContent(), { timeout: 20_000 })
        .toContain('k = 100');
      await page.waitForTimeout(1200);
      await page.screenshot({ path: join(ROOT, 'docs/screenshot-presentation.png') });
    }
    // Home, then PageDown through the seven steps in order.
    await page.keyboard.press('Home');
    for (let i = 0; i < STORY.length; i++) {
      if (i > 0) await page.keyboard.press('PageDown');
      await expect.poll(() => page.getByTestId('story-counter').textContent()).toBe(`${i + 1} / ${STORY.length}`);
      await expect.poll(() => page.locator('.presentation-caption h1').textContent()).toContain(STORY[i].title);
    }
    await page.keyboard.press('PageUp');
    await expect
      .poll(() => page.getByTestId('story-counter').textContent())
      .toBe(`${STORY.length - 1} / ${STORY.length}`);
    // Esc leaves: the controls come back, the address loses ?present.
    await page.keyboard.press('Escape');
    await page.getByTestId('control-panel').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.keyboard.press('p');
    await page.getByTestId('presentation').waitFor();
    expectNoProblems(problems);
    await page.context().close();
  });
});

describe('one colour per method', () => {
  it('GD, NGD and NHGD keep their colours from one preset to the next, whatever their place in the list', async () => {
    const { page, problems } = await openPage(env.browser, presetLink('parametrisation-bias'));
    await waitForRunner(page);
    await expect.poll(() => swatchColor(page, 'gd')).toBe(rgb(METHOD_COLORS.gd));
    expect(await swatchColor(page, 'ngd')).toBe(rgb(METHOD_COLORS.ngd));
    await expect.poll(() => lossStrokes(page)).toContain(METHOD_COLORS.gd);
    // Newton = NGD: GD is third here, NGD second; the colours stay.
    await page.getByTestId('preset').selectOption('newton-linear');
    await expect.poll(() => page.getByTestId('status-newton').count()).toBe(1);
    expect(await swatchColor(page, 'gd')).toBe(rgb(METHOD_COLORS.gd));
    expect(await swatchColor(page, 'ngd')).toBe(rgb(METHOD_COLORS.ngd));
    expect(await swatchColor(page, 'newton')).toBe(rgb(METHOD_COLORS.newton));
    // The coincidence is said, and NGD is drawn dashed over the solid Newton curve.
    await expect
      .poll(() => page.getByTestId('coincidence').textContent(), { timeout: 10_000 })
      .toContain('Newton ≡ NGD here');
    const lossPaths = () =>
      page
        .locator('[data-testid="plot-loss"] g.lines path')
        .evaluateAll((paths) =>
          paths.map((p) => `${p.getAttribute('stroke')}:${p.getAttribute('stroke-dasharray') ?? ''}`),
        );
    // The loss chart redraws on its next frame after the new run's batch (the frame scheduler may defer it).
    await expect.poll(lossPaths, { timeout: 10_000 }).toContain(`${METHOD_COLORS.newton}:`);
    const dashes = await lossPaths();
    expect(dashes.some((d) => d.startsWith(`${METHOD_COLORS.ngd}:`) && !d.endsWith(':'))).toBe(true);
    // NHGD: last in step 4, first in step 7.
    await page.getByTestId('preset').selectOption('kernel-nhgd');
    await expect.poll(() => page.getByTestId('status-nhgd').count()).toBe(1);
    const step4 = await swatchColor(page, 'nhgd');
    await page.getByTestId('preset').selectOption('local-minimum');
    await expect.poll(() => page.getByTestId('status-natural-nesterov').count()).toBe(1);
    expect(await swatchColor(page, 'nhgd')).toBe(step4);
    expect(step4).toBe(rgb(METHOD_COLORS.nhgd));
    expectNoProblems(problems);
    await page.context().close();
  });
});

describe('keyboard and assistive technology', () => {
  it('after clicking Pause, Space resumes (and does not click the button again); r resets; a gallery choice focuses the plots', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await waitForRunner(page);
    await page.getByTestId('pause').click();
    await expect.poll(() => page.getByTestId('status-line').getAttribute('data-status')).toBe('paused');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('pause');
    const before = await recordCount(page);
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByTestId('status-line').getAttribute('data-status')).toBe('running');
    await expect.poll(() => recordCount(page)).toBeGreaterThan(before);
    expect(await page.getByTestId('play').getAttribute('aria-pressed')).toBe('true');
    // Space again (focus still on the Pause button) pauses.
    await page.keyboard.press(' ');
    await expect.poll(() => page.getByTestId('status-line').getAttribute('data-status')).toBe('paused');
    // The gallery: a card's choice moves focus to the plots, so Space does not reopen the gallery.
    await page.keyboard.press('g');
    await page.getByTestId('gallery-card-ngd-one-step').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('plots');
    await page.keyboard.press(' ');
    expect(await page.getByTestId('gallery').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    // A skip link leads to the plots.
    expect(await page.locator('a.skip-link').getAttribute('href')).toBe('#plots');
    expectNoProblems(problems);
    await page.context().close();
  });

  it('each plot exposes a text summary; the finished run is announced politely; ⓘ explains the plot', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await waitForRunner(page);
    await runToDone(page);
    const summary = page.getByTestId('summary-loss');
    await expect
      .poll(() => summary.textContent(), { timeout: 5000 })
      .toMatch(/^Loss after 100 iterations: natural Nesterov .*NHGD 6\.9e-2, stalled since k = \d+/i);
    for (const id of ['approximation', 'loss', 'parameters', 'function-space', 'diagnostics']) {
      const card = page.locator(`[data-plot="${id}"]`);
      const describedBy = await card.getAttribute('aria-describedby');
      const text = await page.evaluate((ref) => document.getElementById(ref ?? '')?.textContent ?? '', describedBy);
      expect(text.length, `${id} summary`).toBeGreaterThan(20);
      await page.getByTestId(`info-${id}`).click();
      expect((await page.getByTestId(`info-text-${id}`).textContent())!.length).toBeGreaterThan(60);
    }
    console.log(`[e2e] loss summary: ${await summary.textContent()}`);
    const announcer = page.getByTestId('announcer');
    expect(await announcer.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => announcer.textContent()).toContain('Run finished');
    // Step 7: the local minimum is annotated in the L(θ) plot; cond and cos are hidden at p = 1.
    expect(await page.locator('[data-testid="plot-parameter"] g.annotation text').allTextContents()).toContain(
      'local minimum θ ≈ 0.667, L = 6.9e-2',
    );
    expect(await page.locator('[data-testid="plot-diagnostics"] g.panel').count()).toBe(2);
    expectNoProblems(problems);
    await page.context().close();
  });
});

describe('honest status', () => {
  it('a diverging GD is red "diverged at k = …", and the other curves keep their axis range', async () => {
    const scenario = structuredClone(findPreset('parametrisation-bias')!.scenario);
    scenario.optimizers[0].alpha = 5;
    scenario.run.iterations = 60;
    const { page, problems } = await openPage(env.browser, `${env.app.url}${linkHash(scenario)}`);
    await waitForRunner(page);
    await runToDone(page);
    const gd = page.getByTestId('status-gd');
    await expect.poll(() => gd.getAttribute('data-state'), { timeout: 5000 }).toBe('diverged');
    expect(await page.getByTestId('stop-gd').textContent()).toMatch(/diverged at k = \d+ \(L = \d\.\de\d+\)/);
    expect(await page.getByTestId('stop-gd').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(176, 0, 32)');
    expect(await page.getByTestId('run-status').textContent()).toContain('1 diverged');
    expect(await page.getByTestId('status-ngd').getAttribute('data-state')).toBe('done');
    // The approximation's axis stays at the scale of the target and NGD; GD is clipped with a marker.
    await expect
      .poll(() => page.locator('[data-testid="plot-approximation"] g.clip-marker').count(), { timeout: 5000 })
      .toBe(1);
    const ticks = (await page.locator('[data-testid="plot-approximation"] g.y-axis .tick text').allTextContents()).map(
      (t) => Number(t.replace('−', '-')),
    );
    console.log(`[e2e] approximation y ticks with a diverged GD: ${ticks.join(', ')}`);
    expect(Math.max(...ticks.map(Math.abs))).toBeLessThan(10);
    // The loss chart redraws through the frame scheduler: its last draw (the marker, the final axis) may
    // land a few frames after 'done', later still on a slow machine.
    await expect.poll(() => page.locator('[data-testid="plot-loss"] g.clip-marker').count(), { timeout: 5000 }).toBe(1);
    // The loss axis tops out about a decade above the initial loss, not at 1e120.
    const lossTicks = () => page.locator('[data-testid="plot-loss"] g.y-axis .tick text').allTextContents();
    await expect
      .poll(async () => (await lossTicks()).some((t) => /10[⁰¹²]$|^10$|^1$/.test(t)), { timeout: 5000 })
      .toBe(true);
    console.log(`[e2e] loss y ticks with a diverged GD: ${(await lossTicks()).join(', ')}`);
    expect((await lossTicks()).every((t) => !/10[³⁴⁵⁶⁷⁸⁹][⁰-⁹]*$/.test(t) || t.startsWith('10⁻'))).toBe(true);
    // An edit says "(modified)"; Restore preset brings the preset back.
    await page.getByTestId('preset').selectOption('parametrisation-bias');
    await page.getByTestId('iterations').fill('150');
    await page.getByTestId('iterations').press('Enter');
    await page.getByTestId('modified').waitFor();
    await page.getByTestId('restore-preset').click();
    await expect.poll(() => page.getByTestId('modified').count()).toBe(0);
    expectNoProblems(problems);
    await page.context().close();
  });
});

describe('embeds and offline', () => {
  it('?embed=loss shows one plot, a play button and "open in the app", and no controls', async () => {
    const { page, problems } = await openPage(env.browser, presetLink('newton-linear', '?embed=loss'), {
      width: 800,
      height: 450,
    });
    await waitForRunner(page);
    await page.getByTestId('embed').waitFor();
    await expect.poll(() => page.locator('.plot-card').count()).toBe(1);
    expect(await page.getByTestId('plot-loss').count()).toBe(1);
    expect(await page.getByTestId('control-panel').count()).toBe(0);
    expect(await page.locator('header').count()).toBe(0);
    const link = await page.getByTestId('open-in-app').getAttribute('href');
    expect(link).not.toContain('embed');
    expect(link).toContain('#s=');
    // Sized to the frame: nothing scrolls.
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByTestId('play-pause').click();
    await expect.poll(() => page.getByTestId('play-pause').textContent()).toContain('Play');
    expectNoProblems(problems);
    await page.context().close();
  });

  it('once opened, the app reloads and runs with the network off (service worker), still cross-origin isolated', async () => {
    const { page, problems } = await openPage(env.browser, presetLink('ngd-one-step'));
    await waitForRunner(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 10_000 })
      .toBe(true);
    await page.context().setOffline(true);
    await page.reload();
    await waitForRunner(page);
    expect(await recordCount(page)).toBeGreaterThan(0);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await page.getByTestId('preset').selectOption('local-minimum');
    await expect
      .poll(() => page.getByTestId('status-natural-nesterov').getAttribute('data-count'), { timeout: 10_000 })
      .not.toBe('0');
    expectNoProblems(problems);
    await page.context().close();
  });
});
