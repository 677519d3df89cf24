// A new version deployed while the app is open: the service worker installs it in the
// background, the app says so, and one tap puts it in force.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, screenshot, startServer } from './support.mjs';

describe('new version prompt', () => {
  let webDir;
  let server;
  let browser;
  before(async () => {
    // Serve a copy of the build, so the test can deploy "a new version" into it.
    webDir = await mkdtemp(path.join(tmpdir(), 'tepat-web-'));
    await cp(process.env.TEPAT_WEB_DIR, webDir, { recursive: true });
    server = await startServer([], { webDir });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await rm(webDir, { recursive: true, force: true });
  });

  test('the app offers the new version and switches to it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/masuk`);
    await page.locator('#username').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    const before = await page.evaluate(() => caches.keys());
    assert.equal(before.length, 1);
    assert.equal(await page.locator('[data-testid=update-ready]').count(), 0, 'no prompt without a new version');

    // Deploy: the service worker of the new build has another fingerprint.
    const sw = path.join(webDir, 'sw.js');
    const script = await readFile(sw, 'utf8');
    await writeFile(sw, script.replace(/const BUILD = '[^']*'/, "const BUILD = 'versi-baru-uji'"));
    // An optimised build's precompressed copies would still be served: they go with the old one.
    await rm(`${sw}.br`, { force: true });
    await rm(`${sw}.gz`, { force: true });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

    const prompt = page.locator('[data-testid=update-ready]');
    await prompt.waitFor();
    assert.match(await prompt.innerText(), /Versi baru Tepat sudah siap/);
    await screenshot(page, 'update-ready');
    await Promise.all([page.waitForEvent('load'), prompt.locator('button').click()]);
    await page.locator('#username').waitFor();
    await page.waitForFunction(async () => (await caches.keys()).includes('tepat-shell-versi-baru-uji'));
    assert.deepEqual(await page.evaluate(() => caches.keys()), ['tepat-shell-versi-baru-uji'], 'the old shell is gone');
    await page.close();
  });
});
