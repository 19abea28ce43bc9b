import { afterAll, beforeAll, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, recordCount, sleep, startApp, waitForRunner, type AppServer } from './helpers';
let app: AppServer; let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); app = await startApp(); });
afterAll(async () => { await browser?.close(); await app?.close(); });
it('debug pause', async () => {
  const { page, problems } = await openPage(browser, app.url);
  await waitForRunner(page);
  const t0 = Date.now();
  const st = async () => `${Date.now() - t0} ${await page.getByTestId('status-line').getAttribute('data-status')} ${await recordCount(page)}`;
  await page.getByTestId('speed').focus();
  await page.keyboard.press('End');
  await page.getByTestId('iterations').fill('100000');
  console.log('after fill', await st());
  await sleep(300);
  console.log('before pause', await st());
  await page.getByTestId('pause').click();
  for (let i = 0; i < 6; i++) { await sleep(100); console.log('after pause', await st()); }
  console.log(problems);
});
