// The audit trail and the notifications bell in a real browser: the kecamatan returns a desa's
// proposal; the desa operator sees the bell's count and the return with its reason, and opens the
// family from it; the dinas opens the family's audit trail from its details and reads every step
// with who, role, device and before → after. Screenshots of both.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, clickUntilUrl, holdMusdesByApi, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
const JSON_HEADERS = { accept: 'application/json' };

describe('audit', () => {
  const env = withServerAndBrowser();

  /** A request context logged in as `username`. */
  async function apiAs(username) {
    const context = await env.browser.newContext();
    const login = await context.request.post(`${env.server.url}/api/v1/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
    });
    assert.equal(login.status(), 200, `login as ${username}`);
    return context.request;
  }

  /** A Lombang Dajah family's correction, sent up and returned by the kecamatan: the family id. */
  async function returnedProposal() {
    const desa = await apiAs('op.lombangdajah');
    const list = await (await desa.get(`${env.server.url}/api/v1/families`, { headers: JSON_HEADERS })).json();
    const family = list.families[0];
    const created = await desa.post(`${env.server.url}/api/v1/proposals`, {
      headers: JSON_HEADERS, data: { family: family.id, kind: 'Correction' },
    });
    assert.equal(created.status(), 200);
    const id = (await created.json()).id;
    const kec = await apiAs('kec.blega');
    const submitted = await desa.post(`${env.server.url}/api/v1/proposals/${id}/steps`, {
      headers: JSON_HEADERS, data: { step: 'SubmitToMusdes', device: 'tablet-uji' },
    });
    assert.equal(submitted.status(), 200);
    // The musdes agrees and sends it up.
    await holdMusdesByApi(desa, env.server.url);
    for (const [api, step] of [
      [kec, { Return: { reason: 'Foto rumah belum ada' } }],
    ]) {
      const response = await api.post(`${env.server.url}/api/v1/proposals/${id}/steps`, {
        headers: JSON_HEADERS, data: { step, device: 'tablet-uji' },
      });
      assert.equal(response.status(), 200, JSON.stringify(step));
    }
    return family;
  }

  let family;

  test('the desa operator sees the bell count after a return, and the reason', async () => {
    family = await returnedProposal();
    const context = await env.browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=family-row]').first().waitFor();
    const count = page.locator('[data-testid=bell-count]');
    await count.waitFor();
    assert.ok(Number(await count.textContent()) >= 1);
    await page.click('[data-testid=bell]');
    const returned = page.locator('[data-testid=notification]', { hasText: 'dikembalikan oleh kec.blega' });
    await returned.waitFor();
    assert.match(await returned.textContent(), /Foto rumah belum ada/);
    await screenshot(page, 'audit-bell-desa');
    await page.setViewportSize(PORTRAIT);
    await screenshot(page, 'audit-bell-desa-800x1280');
    await page.setViewportSize(LANDSCAPE);
    // Its link opens the family's details on the map.
    await returned.locator('[data-testid=notification-family]').click();
    await page.locator('[data-testid=family-detail] h2', { hasText: family.head_name }).waitFor();
    // No audit trail for a desa operator: neither the link nor the data.
    assert.equal(await page.locator('[data-testid=nav-audit]').count(), 0);
    assert.equal(await page.locator('[data-testid=family-audit]').count(), 0);
    const refused = await page.evaluate(async (id) => (await fetch(`/api/v1/audit?family=${id}`, { headers: { accept: 'application/json' } })).status, family.id);
    assert.equal(refused, 403);
    await context.close();
  });

  test('the dinas opens a family\'s audit trail from its details and reads every step', async () => {
    const context = await env.browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'dinsos');
    await page.locator('[data-testid=nav-audit]').waitFor();
    await page.goto(`${env.server.url}/peta?keluarga=${family.id}`);
    const detail = page.locator('[data-testid=family-detail]');
    await detail.locator('h2', { hasText: family.head_name }).waitFor();
    await clickUntilUrl(page, detail.locator('[data-testid=family-audit] a'), `**/audit/keluarga/${family.id}`);
    await page.locator('[data-testid=audit-page] h1', { hasText: family.head_name }).waitFor();
    const lines = page.locator('[data-testid=audit-line]');
    await lines.nth(4).waitFor();
    assert.equal(await lines.count(), 5);
    const newest = lines.first();
    const text = await newest.textContent();
    assert.match(text, /kec\.blega/);
    assert.match(text, /Pengelola data kecamatan/);
    assert.match(text, /usulan Perbaikan data: Kembalikan \(Foto rumah belum ada\)/);
    assert.match(text, /tablet-uji/);
    assert.match(text, /Langkah usulan/);
    assert.equal(await newest.locator('[data-testid=audit-change]').textContent(), 'Pemeriksaan kecamatan → Dikembalikan');
    assert.match(await lines.last().textContent(), /Usulan dibuat/);
    await screenshot(page, 'audit-family-dinas');

    // Per user, typed on the same page.
    await page.fill('#audit-user', 'kec.blega');
    await page.click('.audit-user button[type=submit]');
    await page.waitForURL('**/audit/pengguna/kec.blega');
    await page.locator('[data-testid=audit-line]', { hasText: 'Masuk' }).waitFor();
    assert.equal(await page.locator('[data-testid=audit-line]').count(), 2);
    await context.close();
  });
});
