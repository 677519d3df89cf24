// The rules of the domain on the tablet: the family panel runs the same checks as the server
// (here an error made through the JSON API for integrations), shows the explained score, and the
// page shows today's time windows; a NIK registered in two desa is flagged on both lists.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { logIn, screenshot, unlock, withServerAndBrowser } from './support.mjs';

const JSON_HEADERS = { accept: 'application/json', 'content-type': 'application/json' };

describe('domain rules in the browser', () => {
  const env = withServerAndBrowser();

  async function operatorPage(username, viewport = { width: 1280, height: 800 }) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    await logIn(page, env.server.url, username);
    await page.locator('[data-testid=family-row]').first().waitFor();
    return page;
  }

  async function record(page, id) {
    const response = await page.request.get(`${env.server.url}/api/v1/families/${id}`, { headers: JSON_HEADERS });
    assert.equal(response.status(), 200);
    return (await response.json()).record;
  }

  test('the family panel shows the checks run on the tablet, the score and today\'s windows', async () => {
    const page = await operatorPage('op.lombangdajah');
    await page.locator('[data-testid=windows]').waitFor();
    assert.match(await page.locator('[data-testid=windows]').innerText(), /Jadwal hari ini/);
    assert.match(await page.locator('[data-testid=windows]').innerText(), /Pengesahan/);

    const row = page.locator('[data-testid=family-row]').first();
    const id = await row.getAttribute('data-family');
    // An integration saves the family without the mother's name of its head (an error).
    const family = await record(page, id);
    family.members[0].mother_name = '';
    const saved = await page.request.put(`${env.server.url}/api/v1/families/${id}`, { headers: JSON_HEADERS, data: family });
    assert.equal(saved.status(), 200);
    assert.equal((await saved.json()).findings[0].field, 'MotherName');

    // The tablet works on its own copy: the integration's save arrives with the next sync,
    // here asked for with the button.
    await row.click();
    await page.click('[data-testid=sync-now]');
    const checks = page.locator('[data-testid=checks]');
    await checks.locator('[data-testid=finding]').first().waitFor();
    assert.match(await checks.innerText(), /Wajib diperbaiki · .*Nama ibu kandung wajib diisi/);
    const score = page.locator('[data-testid=score]');
    await score.waitFor();
    assert.match(await score.innerText(), /Skor -?\d+/);
    assert.match(await score.innerText(), /Desil lokal \d+/);
    await score.locator('summary').click();
    assert.ok(await score.locator('table.breakdown tr').count() > 3);
    await screenshot(page, 'family-checks-and-score-1280x800');
    await page.context().close();
  });

  test('a NIK registered in another desa is flagged on both desas\' lists', async () => {
    const lombang = await operatorPage('op.lombangdajah');
    const lombangId = await lombang.locator('[data-testid=family-row]').nth(3).getAttribute('data-family');
    const head = (await record(lombang, lombangId)).members[0];

    const alas = await operatorPage('op.alasraja', { width: 800, height: 1280 });
    const alasId = await alas.locator('[data-testid=family-row]').nth(2).getAttribute('data-family');
    const alasFamily = await record(alas, alasId);
    alasFamily.members.push({ ...head, relation: 'Anak' });
    const saved = await alas.request.put(`${env.server.url}/api/v1/families/${alasId}`, { headers: JSON_HEADERS, data: alasFamily });
    assert.equal(saved.status(), 200);
    assert.equal((await saved.json()).nik_clashes[0].other_desa.name, 'Lombang Dajah');

    for (const [page, id, name] of [[alas, alasId, 'alas'], [lombang, lombangId, 'lombang']]) {
      await page.reload();
      await unlock(page);
      const flagged = page.locator(`[data-family="${id}"] [data-testid=nik-ganda]`);
      await flagged.waitFor();
      assert.equal(await page.locator('[data-testid=nik-ganda]').count(), 1);
      await screenshot(page, `nik-ganda-${name}`);
      await page.context().close();
    }
  });
});
