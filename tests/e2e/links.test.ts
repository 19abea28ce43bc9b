// End-to-end tests of shareable links and the gallery in a real Chromium: a preset's link reproduces the
// command-line runner's numbers bit for bit, "copy link" yields a link that reproduces the view, broken
// links list every reason and fall back to the default scenario, back/forward walk through loaded
// presets, link text is never HTML, and the gallery dialog works from the keyboard.

import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeScenario, LINK_PREFIX, linkHash } from '../../src/engine/scenario/codec';
import { DEFAULT_SCENARIO, findPreset, SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { SWEEP_PRESETS } from '../../src/engine/scenario/presetSweeps';
import type { Scenario } from '../../src/engine/scenario/types';
import { formatFieldError, validateScenario } from '../../src/engine/scenario/validate';
import {
  exportJson,
  openPage,
  runCli,
  runToDone,
  waitForRunner,
  withoutTimes,
  type PageProblems,
  expectNoProblems,
  startBrowserAndApp,
} from './helpers';
import type { ResultJson } from '../../src/engine/export';

const env = startBrowserAndApp();

function presetScenario(key: string): Scenario {
  const preset = findPreset(key);
  if (!preset) throw new Error(`no preset ${key}`);
  return preset.scenario;
}

async function trackKeys(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid="status-line"] li[data-testid^="status-"]')
    .evaluateAll((items) => items.map((item) => (item.getAttribute('data-testid') ?? '').slice('status-'.length)));
}

async function historyLength(page: Page): Promise<number> {
  return page.evaluate(() => window.history.length);
}

describe('links in Chromium', () => {
  /** Open a scenario's link (a preset's by default) in a fresh page, run it to the end, and return the UI's and the CLI's results. */
  async function uiAndCli(
    key: string,
    scenario: Scenario = presetScenario(key),
  ): Promise<{ ui: ResultJson; cli: ResultJson; problems: PageProblems; page: Page }> {
    const link = env.app.url + linkHash(scenario);
    const cli = runCli(link); // runs in a child process while the page computes
    const { page, problems } = await openPage(env.browser, link);
    await waitForRunner(page);
    await runToDone(page);
    const exported = await exportJson(page);
    const ui = JSON.parse(exported.text) as ResultJson;
    const reference = JSON.parse(await cli) as ResultJson;
    expect(ui.format).toBe('natural-momentum-result');
    expect(ui.scenario).toEqual(reference.scenario);
    expect(Object.keys(ui.optimizers)).toEqual(scenario.optimizers.map((o) => o.id));
    return { ui, cli: reference, problems, page };
  }

  // The toys of the paper use only + − × ÷ and √ (correctly rounded everywhere): the browser and Node
  // must agree to the last bit on every record of every optimizer.
  for (const key of ['curved-manifold', 'kernel-nhgd']) {
    it(`the link of '${key}' reproduces the CLI's numbers bit for bit`, async () => {
      const { ui, cli, problems, page } = await uiAndCli(key);
      // Every record field but the wall time, every iteration, every optimizer: the same doubles.
      expect(withoutTimes(ui)).toEqual(withoutTimes(cli));
      for (const [id, entry] of Object.entries(ui.optimizers)) {
        const losses = entry.loss as number[];
        expect(Object.is(losses.at(-1), (cli.optimizers[id].loss as number[]).at(-1)), `${id} final loss`).toBe(true);
        expect(losses.length).toBe(presetScenario(key).run.iterations + 1);
      }
      console.log(
        `[e2e] ${key}: final losses ${Object.entries(ui.optimizers)
          .map(([id, e]) => `${id} ${(e.loss as number[]).at(-1)}`)
          .join(', ')} — bit-identical to the CLI`,
      );
      expectNoProblems(problems);
      await page.context().close();
    });
  }

  // Scenarios with transcendental functions: the engine computes exp/log/sin/cos/tanh/pow with its own
  // libm (src/engine/math: + − × ÷ and √ only), not the platform's Math, whose last bits differ between
  // Node's V8 and Chromium's. So these too must reproduce the CLI bit for bit: every record field (k, loss,
  // alpha, step norm, cos, errors, θ, …) of every iteration of every optimizer.
  const transcendental: [string, string, Scenario][] = [
    ['bump-expression', 'exp in target and model', presetScenario('bump-expression')],
    [
      'sine-mlp',
      'tanh network on sin(2πx), 40 iterations',
      { ...presetScenario('sine-mlp'), run: { ...presetScenario('sine-mlp').run, iterations: 40 } },
    ],
  ];
  for (const [key, what, scenario] of transcendental) {
    it(`the link of '${key}' (${what}) reproduces the CLI's numbers bit for bit`, async () => {
      const { ui, cli, problems, page } = await uiAndCli(key, scenario);
      expect(withoutTimes(ui)).toEqual(withoutTimes(cli));
      let records = 0;
      for (const [id, entry] of Object.entries(ui.optimizers)) {
        const reference = cli.optimizers[id];
        expect(Object.keys(entry).sort()).toEqual(Object.keys(reference).sort());
        for (const [field, values] of Object.entries(entry)) {
          if (field === 'time' || field === 'timeMs' || !Array.isArray(values)) continue;
          const expected = reference[field as keyof typeof reference] as unknown[];
          expect(values.length, `${id}.${field}`).toBe(expected.length);
          for (let i = 0; i < values.length; i++) {
            // toEqual treats −0 and +0 alike and θ rows are arrays: compare with Object.is, element by element
            const a = values[i];
            const b = expected[i];
            if (Array.isArray(a) && Array.isArray(b)) {
              expect(a.length).toBe(b.length);
              a.forEach((v, j) => expect(Object.is(v, b[j]), `${id}.${field}[${i}][${j}]: ${v} vs ${b[j]}`).toBe(true));
            } else {
              expect(Object.is(a, b), `${id}.${field}[${i}]: ${String(a)} vs ${String(b)}`).toBe(true);
            }
          }
        }
        records += (entry.loss as number[]).length;
        expect((entry.loss as number[]).length).toBe(scenario.run.iterations + 1);
      }
      console.log(
        `[e2e] ${key}: ${records} records, final losses ${Object.entries(ui.optimizers)
          .map(([id, e]) => `${id} ${(e.loss as number[]).at(-1)}`)
          .join(', ')} — bit-identical to the CLI`,
      );
      expectNoProblems(problems);
      await page.context().close();
    });
  }

  it('"Copy link" yields a link that reproduces the view in a fresh page (and a field when there is no clipboard)', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.app.url).origin });
    await waitForRunner(page);
    await page.getByTestId('preset').selectOption('ngd-one-step');
    await page.getByTestId('iterations').fill('30');
    await page.getByTestId('iterations').press('Enter');
    await expect.poll(() => page.getByTestId('iterations').inputValue()).toBe('30');
    await runToDone(page);
    const original = JSON.parse((await exportJson(page)).text) as ResultJson;
    expect(original.scenario.run.iterations).toBe(30);

    await page.getByTestId('copy-link').click();
    await expect.poll(() => page.getByTestId('copy-link').getAttribute('data-state')).toBe('copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(env.app.url + LINK_PREFIX)).toBe(true);
    expect(copied).toBe(page.url());

    const fresh = await openPage(env.browser, copied);
    await waitForRunner(fresh.page);
    expect(await fresh.page.getByTestId('preset').locator('option:checked').textContent()).toBe(
      presetScenario('ngd-one-step').title,
    );
    expect(await fresh.page.getByTestId('iterations').inputValue()).toBe('30');
    await runToDone(fresh.page);
    const reopened = JSON.parse((await exportJson(fresh.page)).text) as ResultJson;
    expect(reopened.scenario).toEqual(original.scenario);
    expect(withoutTimes(reopened)).toEqual(withoutTimes(original));
    expectNoProblems(fresh.problems);
    await fresh.page.context().close();

    // Without a clipboard API the link is shown selected in a text field.
    await page.context().addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    });
    await page.reload();
    await waitForRunner(page);
    expect(await page.evaluate(() => navigator.clipboard === undefined)).toBe(true);
    await page.getByTestId('copy-link').click();
    const field = page.getByTestId('copy-link-field');
    await expect.poll(() => field.count()).toBe(1);
    expect(await field.inputValue()).toBe(page.url());
    await expect
      .poll(() =>
        page.evaluate(() => {
          const input = document.activeElement as HTMLInputElement | null;
          return (
            input?.dataset.testid === 'copy-link-field' &&
            input.selectionStart === 0 &&
            input.selectionEnd === input.value.length
          );
        }),
      )
      .toBe(true);
    expectNoProblems(problems);
    await page.context().close();
  });

  it('a truncated link shows why, loads the default scenario, runs it, and the banner dismisses', async () => {
    const hash = linkHash(presetScenario('sine-mlp'));
    const { page, problems } = await openPage(env.browser, env.app.url + hash.slice(0, Math.floor(hash.length / 2)));
    const banner = page.getByTestId('link-error');
    await expect.poll(() => banner.count()).toBe(1);
    const items = await banner.locator('li').allTextContents();
    expect(items.length).toBe(1);
    // Format-2 links carry a checksum: a cut link is reported as damaged.
    expect(items[0]).toMatch(/this link is damaged/);
    await waitForRunner(page);
    expect(await trackKeys(page)).toEqual(DEFAULT_SCENARIO.optimizers.map((o) => o.id));
    await expect
      .poll(async () => Number(await page.getByTestId('status-nhgd').getAttribute('data-count')))
      .toBeGreaterThan(0);
    expect(await page.getByTestId('preset').inputValue()).toBe('local-minimum');
    await page.getByTestId('link-error-dismiss').click();
    expect(await banner.count()).toBe(0);
    expectNoProblems(problems);
    await page.context().close();
  });

  it('a valid payload with two field errors lists both, and nothing of the link becomes HTML', async () => {
    const broken = structuredClone(presetScenario('parametrisation-bias')) as Scenario;
    broken.title = '<img src=x onerror="window.__pwned = 1">';
    broken.optimizers[0].alpha = -1;
    (broken.optimizers[1] as { beta?: number }).beta = 2;
    broken.optimizers[1].momentum = 'heavy-ball';
    const expected = validateScenario(broken);
    if (expected.ok) throw new Error('the broken scenario validated');
    expect(expected.errors.length).toBe(2);
    const { page, problems } = await openPage(env.browser, env.app.url + LINK_PREFIX + encodeScenario(broken));
    const banner = page.getByTestId('link-error');
    await expect.poll(() => banner.count()).toBe(1);
    const items = await banner.locator('li').allTextContents();
    expect(items).toEqual(expected.errors.map(formatFieldError));
    expect(items.some((item) => item.startsWith('optimizers[0].alpha'))).toBe(true);
    expect(items.some((item) => item.startsWith('optimizers[1].beta'))).toBe(true);
    // The default scenario loads and runs; the broken link stays in the address bar to be inspected.
    await waitForRunner(page);
    expect(await trackKeys(page)).toEqual(DEFAULT_SCENARIO.optimizers.map((o) => o.id));
    expect(page.url()).toContain(encodeScenario(broken));
    await page.getByTestId('link-error-dismiss').click();
    expect(await banner.count()).toBe(0);

    // A valid link with HTML in its title and labels: shown as text, never parsed.
    const hostile = structuredClone(presetScenario('parametrisation-bias')) as Scenario;
    hostile.title = '<img src=x onerror="window.__pwned = 1"><b>bold</b>';
    hostile.optimizers[0].label = '<script>window.__pwned = 2</script><img src=y onerror="window.__pwned = 3">';
    hostile.optimizers[1].label = '$\\href{javascript:alert(1)}{x}$ <i>it</i>';
    await page.goto(env.app.url + linkHash(hostile));
    await waitForRunner(page);
    await expect
      .poll(() => page.getByTestId('status-gd').locator('.status-label').textContent())
      .toBe(hostile.optimizers[0].label);
    expect(await page.getByTestId('status-ngd').locator('.status-label').textContent()).toBe(
      hostile.optimizers[1].label,
    );
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], img[src="y"], b:text("bold"), i:text("it")').count()).toBe(0);
    expect(await page.getByTestId('preset').locator('option[value=""]').textContent()).toBe(hostile.title);
    expectNoProblems(problems);
    await page.context().close();
  });

  it('back and forward restore the presets loaded before; edits do not add history entries', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await waitForRunner(page);
    const start = await historyLength(page);
    const defaultUrl = page.url();

    await page.getByTestId('open-gallery').click();
    await page.getByTestId('gallery-card-parametrisation-bias').click();
    await expect.poll(() => trackKeys(page)).toEqual(['gd', 'ngd']);
    expect(await historyLength(page)).toBe(start + 1);
    const firstUrl = page.url();
    expect(firstUrl).toBe(env.app.url + linkHash(presetScenario('parametrisation-bias')));

    await page.getByTestId('preset').selectOption('kernel-nhgd');
    await expect.poll(() => trackKeys(page)).toEqual(['gd', 'ngd', 'nhgd']);
    expect(await historyLength(page)).toBe(start + 2);
    // Editing replaces the entry: the address follows, the history does not grow.
    await page.getByTestId('iterations').fill('40');
    await page.getByTestId('iterations').press('Enter');
    await expect.poll(() => page.url()).not.toBe(env.app.url + linkHash(presetScenario('kernel-nhgd')));
    const editedUrl = page.url();
    expect(await historyLength(page)).toBe(start + 2);

    await page.goBack();
    await expect.poll(() => page.getByTestId('preset').inputValue()).toBe('parametrisation-bias');
    await expect.poll(() => trackKeys(page)).toEqual(['gd', 'ngd']);
    expect(page.url()).toBe(firstUrl);
    await page.goBack();
    await expect.poll(() => page.getByTestId('preset').inputValue()).toBe('local-minimum');
    await expect.poll(() => trackKeys(page)).toEqual(DEFAULT_SCENARIO.optimizers.map((o) => o.id));
    expect(page.url()).toBe(defaultUrl);
    await page.goForward();
    await expect.poll(() => page.getByTestId('preset').inputValue()).toBe('parametrisation-bias');
    await page.goForward();
    await expect.poll(() => page.getByTestId('preset').inputValue()).toBe('kernel-nhgd');
    expect(await page.getByTestId('iterations').inputValue()).toBe('40');
    expect(page.url()).toBe(editedUrl);
    await expect.poll(() => trackKeys(page)).toEqual(['gd', 'ngd', 'nhgd']);
    // Each restored scenario runs.
    await expect
      .poll(async () => Number(await page.getByTestId('status-nhgd').getAttribute('data-count')))
      .toBeGreaterThan(0);
    expect(await historyLength(page)).toBe(start + 2);
    expectNoProblems(problems);
    await page.context().close();
  });

  it('the gallery is a keyboard-accessible dialog with every preset, the paper in story order', async () => {
    const { page, problems } = await openPage(env.browser, env.app.url);
    await waitForRunner(page);
    const dialog = page.getByTestId('gallery');
    const opener = page.getByTestId('open-gallery');
    await opener.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await page.getByRole('dialog', { name: 'Scenario gallery' }).count()).toBe(1);
    const cards = dialog.locator('.gallery-card');
    const gallery = [...SCENARIO_PRESETS, ...SWEEP_PRESETS];
    // The cards load on demand (src/ui/gallery/GalleryContent.tsx): wait for them.
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(gallery.length);
    expect(await dialog.locator('.gallery-card svg').count()).toBe(gallery.length);
    const paperOrder = await dialog
      .locator('[data-group="paper"] .gallery-card')
      .evaluateAll((c) => c.map((e) => e.getAttribute('data-preset')));
    expect(paperOrder).toEqual(gallery.filter((p) => p.group === 'paper').map((p) => p.key));
    expect(paperOrder).toEqual([
      'orthonormal-gd',
      'parametrisation-bias',
      'ngd-one-step',
      'kernel-nhgd',
      'newton-linear',
      'curved-manifold',
      'local-minimum',
      'twisted-loss',
      'momentum-alpha-beta',
    ]);
    // Toy cards draw the schematic (level sets, manifold), the others a group glyph.
    expect(await dialog.locator('[data-preset="curved-manifold"] svg[data-kind="toy"] path').count()).toBeGreaterThan(
      4,
    );
    expect(await dialog.locator('[data-preset="xor"] svg[data-kind="classification"]').count()).toBe(1);
    // Focus starts on the card of the scenario on screen; arrows move it; Esc closes and returns focus.
    const focused = () =>
      page.evaluate(
        () =>
          document.activeElement?.getAttribute('data-preset') ?? document.activeElement?.getAttribute('data-testid'),
      );
    expect(await focused()).toBe('local-minimum');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('twisted-loss');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('orthonormal-gd');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(await focused()).toBe('open-gallery');
    // "g" opens it from anywhere; Enter on a card opens that scenario and starts it.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('g');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await page.getByTestId('gallery-card-newton-linear').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    await expect.poll(() => trackKeys(page)).toEqual(['newton', 'ngd', 'gd']);
    await expect
      .poll(async () => Number(await page.getByTestId('status-newton').getAttribute('data-count')))
      .toBeGreaterThan(1);
    expect(await page.getByTestId('run-status').textContent()).not.toBe('paused');
    expectNoProblems(problems);
    await page.context().close();
  });
});
