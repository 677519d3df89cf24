// The app under its security headers (issue 9): every answer carries a Content Security Policy
// that forbids inline and foreign scripts, framing and sniffing; the app still starts, Leaflet
// draws its maps (the field map with pins, the leaders' spread map with clusters, the rekap's
// bars) and the browser reports no violation of the policy on any of these pages. An inline
// script injected into the page is refused, which shows the policy is really in force.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logIn, screenshot, unlock, withServerAndBrowser } from './support.mjs';

const LANDSCAPE = { width: 1280, height: 800 };

/** A context whose pages record every policy violation and every console error about it. */
async function watchedContext(browser) {
  const context = await browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const consoleErrors = [];
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      consoleErrors.push(message.text());
    }
  });
  return { context, consoleErrors };
}

async function violations(page) {
  return page.evaluate(() => window.__violations);
}

describe('security headers', () => {
  const env = withServerAndBrowser();

  test('the app, its files and the API carry the headers; the policy allows no inline script', async () => {
    const { context } = await watchedContext(env.browser);
    for (const path of ['/', '/peta', '/tepat_web.js', '/api/v1/config']) {
      const response = await context.request.get(`${env.server.url}${path}`);
      assert.equal(response.status(), 200, path);
      const headers = response.headers();
      const csp = headers['content-security-policy'];
      assert.ok(csp, `${path} has a Content-Security-Policy`);
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/, path);
      assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org;/, path);
      assert.equal(headers['x-content-type-options'], 'nosniff', path);
      assert.equal(headers['x-frame-options'], 'DENY', path);
      assert.equal(headers['referrer-policy'], 'no-referrer', path);
      assert.match(headers['permissions-policy'], /geolocation=\(self\)/, path);
    }
    // The residents' pages keep their own stricter policy (no script at all).
    const publik = await context.request.get(`${env.server.url}/publik`);
    assert.doesNotMatch(publik.headers()['content-security-policy'], /wasm-unsafe-eval/);
    await context.close();
  });

  test('a desa operator\'s map and a family work under the policy without one violation', async () => {
    const { context, consoleErrors } = await watchedContext(env.browser);
    const page = await context.newPage();
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.waitForURL('**/peta');
    await page.locator('[data-testid=family-row]').first().waitFor();
    // Leaflet drew the map and its pins (style attributes on the pins are allowed).
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=map] .tepat-pin, [data-testid=map] .pin-group').length > 0);
    await page.locator('[data-testid=family-row]').first().click();
    await page.locator('[data-testid=family-detail] h2').waitFor();
    assert.deepEqual(await violations(page), []);
    // A script slipped into the page is refused by the browser.
    const ran = await page.evaluate(() => {
      window.__injected = false;
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return window.__injected;
    });
    assert.equal(ran, false, 'an inline script ran despite the policy');
    await page.waitForFunction(() => window.__violations.some((v) => v.startsWith('script-src')));
    await screenshot(page, 'security-field-map');
    // After the deliberate injection, the only violation is that one.
    assert.ok((await violations(page)).every((v) => v.startsWith('script-src')));
    assert.ok(consoleErrors.every((e) => /script/i.test(e)), consoleErrors.join('\n'));
    // After a reload the sealed tablet data opens again under the same policy.
    await page.reload();
    await unlock(page);
    assert.deepEqual(await violations(page), []);
    await context.close();
  });

  test('the leaders\' spread map, rekap and queue work under the policy without one violation', async () => {
    const { context, consoleErrors } = await watchedContext(env.browser);
    const page = await context.newPage();
    await logIn(page, env.server.url, 'dinsos');
    await page.waitForURL('**/peta');
    await page.goto(`${env.server.url}/sebaran`);
    await page.locator('.spread-cluster').first().waitFor();
    assert.deepEqual(await violations(page), []);
    await screenshot(page, 'security-spread-map');
    await page.goto(`${env.server.url}/rekap`);
    await page.locator('.rekap-bar').first().waitFor();
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
});
