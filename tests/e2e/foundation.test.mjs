// The foundation slice in a real browser: operators see their own desa's families on the map and
// in the list, and none of another desa's; a wrong password gets a clear message; the language
// switches; a kabupaten user sees the whole spread. Screenshots at both tablet sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { listedNames, logIn, pinnedFamilies, screenshot, unlock, withServerAndBrowser } from './support.mjs';

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };

describe('foundation', () => {
  const env = withServerAndBrowser();

  async function newPage(viewport) {
    const context = await env.browser.newContext({ viewport, locale: 'id-ID' });
    return context.newPage();
  }

  for (const [label, viewport] of [['1280x800', LANDSCAPE], ['800x1280', PORTRAIT]]) {
    test(`the Lombang Dajah operator sees exactly their families, in Indonesian (${label})`, async () => {
      const page = await newPage(viewport);
      await logIn(page, env.server.url, 'op.lombangdajah');
      await page.waitForURL('**/peta');
      await assert.doesNotReject(page.locator('[data-testid=user-region]').filter({ hasText: 'Lombang Dajah' }).waitFor());
      await page.locator('[data-testid=family-row]').nth(19).waitFor();
      assert.equal(await pinnedFamilies(page), 20);
      assert.equal(await page.locator('[data-testid=family-row]').count(), 20);
      assert.equal(await page.getAttribute('html', 'lang'), 'id');
      assert.match(await page.locator('[data-testid=family-count]').innerText(), /20 keluarga/);
      // No internet here: the basemap says it is offline, the pins stay.
      await page.locator('[data-testid=basemap-offline]').waitFor();
      assert.match(await page.locator('[data-testid=basemap-offline]').innerText(), /luring/);
      await page.locator('[data-testid=demo-banner]').waitFor();
      await screenshot(page, `operator-map-${label}`);

      // Search narrows the list and the pins.
      const names = await listedNames(page);
      const target = names[0];
      await page.fill('[data-testid=family-search]', target.slice(0, 5).toLowerCase());
      const narrowed = await listedNames(page);
      assert.ok(narrowed.length >= 1 && narrowed.length < 20, `search left ${narrowed.length} rows`);
      assert.ok(narrowed.every((n) => n.toLowerCase().includes(target.slice(0, 5).toLowerCase())));
      assert.equal(await pinnedFamilies(page), narrowed.length);

      // A row opens the family with its members; NIKs are whole for the desa operator.
      await page.locator('[data-testid=family-row]').first().click();
      const detail = page.locator('[data-testid=family-detail]');
      await detail.locator('table.members tbody tr').first().waitFor();
      assert.match(await detail.innerText(), new RegExp(target));
      assert.match(await detail.locator('td.mono').first().innerText(), /^\d{16}$/);
      await screenshot(page, `operator-family-${label}`);
      await page.context().close();
    });
  }

  test('after logout, another desa operator sees none of Lombang Dajah\'s families', async () => {
    const page = await newPage(LANDSCAPE);
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=family-row]').nth(19).waitFor();
    const lombang = new Set(await page.locator('[data-testid=family-row]').evaluateAll((rows) => rows.map((r) => r.dataset.family)));
    assert.equal(lombang.size, 20);

    await page.click('[data-testid=logout]');
    await page.waitForURL('**/masuk');
    await page.locator('#username').waitFor();

    await logIn(page, env.server.url, 'op.alasraja');
    await page.locator('[data-testid=user-region]').filter({ hasText: 'Alas Rajah' }).waitFor();
    await page.locator('[data-testid=family-row]').nth(19).waitFor();
    const alas = await page.locator('[data-testid=family-row]').evaluateAll((rows) => rows.map((r) => r.dataset.family));
    assert.equal(alas.length, 20);
    assert.equal(await pinnedFamilies(page), 20);
    assert.deepEqual(alas.filter((id) => lombang.has(id)), [], 'no family of Lombang Dajah is shown');
    await screenshot(page, 'other-desa-operator-map');
    await page.context().close();
  });

  test('a wrong password gets a clear Indonesian message and no session', async () => {
    const page = await newPage(LANDSCAPE);
    await logIn(page, env.server.url, 'op.lombangdajah', 'bukan-sandinya');
    const error = page.locator('[data-testid=login-error]');
    await error.waitFor();
    assert.equal(await error.innerText(), 'Nama pengguna atau kata sandi salah.');
    assert.ok(page.url().endsWith('/masuk'));
    await screenshot(page, 'login-error');
    await page.context().close();
  });

  test('the language switch turns the app into English and back', async () => {
    const page = await newPage(PORTRAIT);
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=family-row]').first().waitFor();
    await page.click('[data-testid=lang-switch]');
    await page.locator('html[lang=en]').waitFor();
    assert.equal(await page.locator('[data-testid=logout]').innerText(), 'Log out');
    assert.match(await page.locator('[data-testid=family-count]').innerText(), /20 families/);
    await screenshot(page, 'operator-map-english-800x1280');
    // The choice is remembered across a reload (the unlock page is already in English).
    await page.reload();
    await page.locator('[data-testid=unlock-page]').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await unlock(page);
    await page.click('[data-testid=lang-switch]');
    await page.locator('html[lang=id]').waitFor();
    assert.equal(await page.locator('[data-testid=logout]').innerText(), 'Keluar');
    await page.context().close();
  });

  test('a Dinas operator sees the spread of all 500 demo families and can narrow to a desa', async () => {
    const page = await newPage(LANDSCAPE);
    await logIn(page, env.server.url, 'dinsos');
    await page.locator('[data-testid=family-row]').nth(499).waitFor();
    assert.equal(await pinnedFamilies(page), 500);
    assert.match(await page.locator('[data-testid=family-count]').innerText(), /500 keluarga/);
    // Masked identity numbers for a leader's list; all kecamatan of the kabupaten to choose from.
    const picker = page.locator('[data-testid=region-picker] select').first();
    await picker.locator('option', { hasText: 'Blega' }).waitFor({ state: 'attached' });
    await screenshot(page, 'dinas-spread-1280x800');
    await picker.selectOption({ label: 'Blega' });
    await page.locator('[data-testid=family-count]').filter({ hasText: '100 keluarga' }).waitFor();
    assert.equal(await pinnedFamilies(page), 100);
    await page.context().close();
  });

  for (const [label, viewport] of [['1280x800', LANDSCAPE], ['800x1280', PORTRAIT]]) {
    test(`zoomed out, nearby houses are grouped; the decile switch recolours and filters (${label})`, async () => {
      const page = await newPage(viewport);
      await logIn(page, env.server.url, 'dinsos');
      await page.locator('[data-testid=family-row]').nth(499).waitFor();
      const groups = page.locator('[data-testid=map] .pin-group');
      await groups.first().waitFor();
      const markers = async () => (await groups.count()) + (await page.locator('[data-testid=map] .tepat-pin').count());
      const before = await markers();
      assert.ok(before < 100, `${before} markers for 500 families`);
      assert.equal(await pinnedFamilies(page), 500);
      // A tap on the biggest group zooms in on its houses: more, smaller groups, nobody lost.
      const sizes = await groups.locator('span').allTextContents();
      const biggest = sizes.map(Number).indexOf(Math.max(...sizes.map(Number)));
      await groups.nth(biggest).click();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid=map] .pin-group, [data-testid=map] .tepat-pin').length > n, before);
      assert.equal(await pinnedFamilies(page), 500);

      // Colour by decile: ten classes in words with counts that add up; one filters map and list.
      await page.click('[data-testid=colour-by-decile]');
      const legend = page.locator('[data-testid=map-legend]');
      await legend.locator('[data-testid=legend-decile-1]').waitFor();
      assert.match(await legend.innerText(), /Desil 1 \(termiskin\)[\s\S]*Desil 10/);
      const counts = (await legend.locator('.legend-entry').evaluateAll((els) => els.map((e) => Number(e.dataset.count))));
      assert.equal(counts.reduce((a, b) => a + b, 0), 500);
      assert.ok(await page.locator('[data-testid=map] path.tepat-pin.decile-1, [data-testid=map] path.tepat-pin.decile-10').count() > 0
        || await groups.count() > 0);
      const poorest = Number(await legend.locator('[data-testid=legend-decile-1]').getAttribute('data-count'));
      await legend.locator('[data-testid=legend-decile-1]').click();
      await page.locator('[data-testid=family-count]').filter({ hasText: `${poorest} / 500 keluarga` }).waitFor();
      assert.equal(await page.locator('[data-testid=family-row]').count(), poorest);
      assert.equal(await pinnedFamilies(page), poorest);
      // The view refits to the filtered houses: photographed once the zoom has settled.
      await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim'));
      await screenshot(page, `map-deciles-${label}`);
      await page.context().close();
    });
  }
});
