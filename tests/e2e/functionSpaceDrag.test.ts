// Picking the start on the exact function-space plot (issue 10): a click at a coefficient point c sets θ₀ to
// the parameters with c(θ₀) = c (the worker solves for them) and the race restarts there. The clicked
// coefficients are read off the plot's own axis ticks, independently of the picking code. Real Chromium on
// the app built once by global-setup.ts.
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { linkHash } from '../../src/engine/scenario/codec';
import { findPreset } from '../../src/engine/scenario/presets';
import type { Scenario } from '../../src/engine/scenario/types';
import { exportJson, openPage, runToDone, sleep, waitForRunner, startBrowserAndApp } from './helpers';

const env = startBrowserAndApp();

/** Page pixel → data value along one axis, from its ticks' positions and labels (a linear scale). */
async function axisMap(axis: Locator, along: 'x' | 'y'): Promise<{ at: (px: number) => number; perPixel: number }> {
  const ticks = await axis.locator('g.tick').evaluateAll(
    (nodes, direction) =>
      nodes.map((node) => {
        const r = node.querySelector('line')!.getBoundingClientRect();
        return {
          px: direction === 'x' ? r.x + r.width / 2 : r.y + r.height / 2,
          value: Number(node.textContent!.replace('−', '-')),
        };
      }),
    along,
  );
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  const [a, b] = [ticks[0], ticks[ticks.length - 1]];
  const perPixel = (b.value - a.value) / (b.px - a.px);
  return { at: (px) => a.value + (px - a.px) * perPixel, perPixel: Math.abs(perPixel) };
}

describe('drag the start on the exact function-space plot', () => {
  it('a click at c on the linear toy sets θ₀ with Bᵀθ₀ = c and every trajectory restarts there', async () => {
    const found = findPreset('parametrisation-bias');
    if (!found) throw new Error('no preset parametrisation-bias');
    const scenario: Scenario = structuredClone(found.scenario);
    const before = (scenario.init as { theta0: number[] }).theta0;
    const { page, problems } = await openPage(env.browser, env.app.url + linkHash(scenario));
    await waitForRunner(page);
    await runToDone(page);
    await sleep(700); // the plane view refreshes at most every 500 ms
    const plot = page.locator('[data-testid="plot-function-space"]');
    const overlay = plot.locator('rect.overlay');
    await overlay.waitFor();
    const box = (await overlay.boundingBox())!;
    const cx = await axisMap(plot.locator('g.x-axis'), 'x');
    const cy = await axisMap(plot.locator('g.y-axis'), 'y');
    const click = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.35 };
    const c = [cx.at(click.x), cy.at(click.y)];
    const control = page.getByTestId('init-theta0');
    const shown = await control.inputValue();
    await page.mouse.click(click.x, click.y);
    // The new θ₀ is in the θ₀ control (and the link) once the worker answered.
    await page.waitForFunction(
      (old) => document.querySelector<HTMLInputElement>('[data-testid="init-theta0"]')?.value !== old,
      shown,
      { timeout: 5000 },
    );
    await runToDone(page);
    const result = JSON.parse((await exportJson(page)).text) as {
      scenario: Scenario;
      optimizers: Record<string, { thetas: number[][] }>;
    };
    const theta0 = (result.scenario.init as { theta0: number[] }).theta0;
    expect(theta0).not.toEqual(before);
    expect(await control.inputValue()).toBe(theta0.join(', '));
    // B = diag(1, 0.2): Bᵀθ₀ = (θ₁, 0.2 θ₂), the clicked point within two pixels (and θ₀'s 4 digits).
    const reached = [theta0[0], 0.2 * theta0[1]];
    expect(Math.abs(reached[0] - c[0])).toBeLessThan(2 * cx.perPixel + 5e-4 * Math.abs(c[0]));
    expect(Math.abs(reached[1] - c[1])).toBeLessThan(2 * cy.perPixel + 5e-4 * Math.abs(c[1]));
    for (const entry of Object.values(result.optimizers)) expect(entry.thetas[0]).toEqual(theta0);
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });
});
