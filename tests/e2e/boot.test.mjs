// The app's first load over a weak signal: a start screen says how far the download is, goes
// away once the app runs, and when the download fails says so and loads again on one tap.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { screenshot, withServerAndBrowser } from './support.mjs';

describe('start screen', () => {
  const ctx = withServerAndBrowser();

  test('a slow first load shows its progress, then the app', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 800, height: 1280 } });
    // About 2 Mbit/s with 150 ms latency: the app takes seconds to arrive, as in a village.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: 250_000,
      uploadThroughput: 250_000,
    });
    await page.goto(`${ctx.server.url}/masuk`, { waitUntil: 'commit' });
    await page.waitForFunction(() => {
      const bar = document.getElementById('boot-progress');
      return bar && bar.value >= 5 && bar.value <= 95;
    }, null, { timeout: 60_000 });
    assert.match(await page.locator('#boot-text').innerText(), /^Memuat Tepat… \d+%$/);
    assert.equal(await page.locator('#boot-retry').isVisible(), false);
    await screenshot(page, 'boot-progress');

    await page.locator('#username').waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('#boot').count(), 0, 'the start screen is gone once the app runs');
    await page.close();
  });

  test('a failed download says so, and one tap loads the app', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 800, height: 1280 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.route('**/tepat_web_bg.wasm', (route) => route.abort('internetdisconnected'));
    await page.goto(`${ctx.server.url}/masuk`);
    const retry = page.locator('#boot-retry');
    await retry.waitFor();
    assert.equal(await retry.innerText(), 'Coba lagi');
    assert.match(await page.locator('#boot-text').innerText(), /belum bisa dimuat\. Periksa sinyal/);
    assert.equal(await page.locator('#boot-progress').isVisible(), false);
    await screenshot(page, 'boot-failed');

    // The signal is back.
    await page.unroute('**/tepat_web_bg.wasm');
    await Promise.all([page.waitForEvent('load'), retry.click()]);
    await page.locator('#username').waitFor();
    assert.equal(await page.locator('#boot').count(), 0);
    assert.deepEqual(errors, [], 'no uncaught error on the page');
    await context.close();
  });
});
