// The app shell offline: once loaded, the service worker keeps the app loading with no network
// and with the server stopped; the connection badge says "Luring".

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logIn, screenshot, withServerAndBrowser } from './support.mjs';

describe('offline app shell', () => {
  const env = withServerAndBrowser();

  async function controlledPage() {
    const context = await env.browser.newContext({ viewport: { width: 800, height: 1280 } });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=family-row]').first().waitFor();
    // The service worker has installed the shell and controls the page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    return { context, page };
  }

  test('with no network the app still loads and says it is offline', async () => {
    const { context, page } = await controlledPage();
    await context.setOffline(true);
    await page.locator('[data-testid=sync-status]', { hasText: 'Luring' }).waitFor();
    await page.reload();
    await page.locator('#username').waitFor();
    await page.locator('[data-testid=offline-login]').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'id');
    assert.match(await page.locator('[data-testid=offline-login]').innerText(), /sedang luring/);
    await screenshot(page, 'offline-reload-800x1280');
    await context.close();
  });

  test('with the server stopped the app still loads', async () => {
    const { context, page } = await controlledPage();
    await env.server.stop();
    await page.reload();
    await page.locator('#username').waitFor();
    // The shell came from the cache: the brand and the form are there, not a browser error page.
    assert.equal(await page.locator('h1.brand').innerText(), 'Tepat');
    await screenshot(page, 'server-stopped-reload');
    await context.close();
  });
});
