// Labelling recipient houses (issue 8): the desa operator opens a family receiving PKH/BPNT on
// the tablet (portrait), records the label with today's date and a camera photo, and sees
// "Dilabel …"; a second house is labelled without a signal and the label reaches the server by
// itself when the signal returns; another tablet of the desa shows it; the Dinas operator's
// rekap shows Lombang Dajah's labelled houses of its recipients, and the CSV has the columns.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { cameraPhoto, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const SYNC_INTERVAL_SECS = 2;
// The app's CSP forbids inline script (security.test.mjs proves it); contexts that inject axe
// bypass it.
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations inside `selector`, described for the failure. */
async function violations(page, selector) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async (s) => window.axe.run(s, { resultTypes: ['violations'] }), selector);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
const LOMBANG = '35.26.15.2012';

/** Today in WIB as the date input writes it, and as the panel says it ("3 Des 2026"). */
function today() {
  const iso = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
  const [y, m, d] = iso.split('-').map(Number);
  return { iso, shown: `${d} ${months[m - 1]} ${y}` };
}

/** The desa's families receiving PKH or BPNT, by the server's own records (as the tablet's user). */
async function recipients(page) {
  return page.evaluate(async (desa) => {
    const get = async (path) => (await fetch(path, { headers: { accept: 'application/json' } })).json();
    const list = await get(`/api/v1/families?region=${desa}`);
    const out = [];
    for (const line of list.families) {
      const detail = await get(`/api/v1/families/${line.id}`);
      const programmes = detail.record?.instrument?.programmes ?? [];
      if (programmes.includes('Pkh') || programmes.includes('Bpnt')) out.push({ id: line.id, name: line.head_name });
    }
    return out;
  }, LOMBANG);
}

async function tablet(env) {
  const context = await env.browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'id-ID', bypassCSP: true });
  const page = await context.newPage();
  await logIn(page, env.server.url, 'op.lombangdajah');
  await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
  return { context, page };
}

async function open(page, family) {
  await page.locator(`[data-testid=family-row][data-family="${family.id}"]`).click();
  await page.locator('[data-testid=family-detail] h2', { hasText: family.name }).waitFor();
}

async function label(page) {
  const panel = page.locator('[data-testid=label-panel]');
  await panel.waitFor();
  assert.equal(await panel.locator('[data-testid=label-state]').innerText(), 'Belum dilabel');
  assert.match(await panel.innerText(), /Keluarga Pra Sejahtera Penerima Bansos PKH\/BPNT/);
  assert.equal(await page.inputValue('[data-testid=label-date]'), today().iso, 'today by default');
  // Without a photo nothing is queued.
  await page.click('[data-testid=label-save]');
  await panel.locator('[data-testid=field-error]', { hasText: 'Ambil foto' }).waitFor();
  await page.setInputFiles('[data-testid=label-photo]', { name: 'label.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page) });
  await panel.locator('.label-form [data-testid=house-photo]').waitFor();
  await page.click('[data-testid=label-save]');
  await panel.locator('[data-testid=label-state]', { hasText: `Dilabel ${today().shown}` }).waitFor();
  return panel;
}

describe('labelling recipient houses', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('the desa labels two recipient houses (one offline) and the dinas sees them counted', async () => {
    const { context, page } = await tablet(env);
    const houses = await recipients(page);
    assert.ok(houses.length >= 3, `the demo has recipients in Lombang Dajah (${houses.length})`);

    // A family receiving nothing has no label panel.
    const others = await page.locator('[data-testid=family-row]').evaluateAll((rows) => rows.map((r) => r.dataset.family));
    const none = others.find((id) => !houses.some((h) => h.id === id));
    await page.locator(`[data-testid=family-row][data-family="${none}"]`).click();
    await page.locator('[data-testid=family-detail] [data-testid=checks]').waitFor();
    assert.equal(await page.locator('[data-testid=label-panel]').count(), 0);

    await open(page, houses[0]);
    await page.locator('[data-testid=label-panel]').scrollIntoViewIfNeeded();
    await screenshot(page, 'label-form-800x1280');
    assert.deepEqual(await violations(page, '[data-testid=label-panel]'), [], 'the label panel passes axe');
    const date = await page.locator('[data-testid=label-date]').boundingBox();
    assert.ok(date.height >= 44, `the date field is a finger's size (${date.height} px)`);
    const panel = await label(page);
    await page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: (SYNC_INTERVAL_SECS + 8) * 1000 });
    await panel.locator('[data-testid=label-state]', { hasText: /^Dilabel \d+ \w+ \d{4}$/ }).waitFor();
    await panel.locator('.label-done [data-testid=house-photo]').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'label-done-800x1280');

    // Without a signal: kept on the tablet, marked as not sent, sent by itself later.
    await context.setOffline(true);
    await page.locator('[data-testid=sync-status]', { hasText: 'Luring' }).waitFor();
    await open(page, houses[1]);
    const offline = await label(page);
    assert.match(await offline.locator('[data-testid=label-state]').innerText(), /Belum terkirim/);
    await page.locator('[data-testid=pending-count]').waitFor();
    await offline.scrollIntoViewIfNeeded();
    await screenshot(page, 'label-offline-800x1280');
    await context.setOffline(false);
    await page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: (SYNC_INTERVAL_SECS + 10) * 1000 });
    await offline.locator('[data-testid=label-state]', { hasText: /^Dilabel \d+ \w+ \d{4}$/ }).waitFor();
    const stored = await page.evaluate(async () => (await fetch('/api/v1/labels', { headers: { accept: 'application/json' } })).json());
    assert.deepEqual(stored.labellings.map((l) => l.family).sort(), [houses[0].id, houses[1].id].sort());
    assert.ok(stored.labellings.every((l) => l.by === 'op.lombangdajah' && l.on === today().iso));
    await context.close();

    // Another tablet of the desa receives the label with its first sync.
    const second = await tablet(env);
    await open(second.page, houses[0]);
    await second.page.locator('[data-testid=label-state]', { hasText: `Dilabel ${today().shown}` }).waitFor();
    // Its photo comes from the server (this tablet never held it).
    const image = second.page.locator('[data-testid=label-panel] .label-done img');
    await image.waitFor();
    await second.page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle());
    await second.context.close();

    // The dinas: Lombang Dajah's row has 2 of its recipients labelled; the CSV has the columns.
    const leaders = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', acceptDownloads: true });
    const dinsos = await leaders.newPage();
    await logIn(dinsos, env.server.url, 'dinsos');
    await dinsos.waitForURL('**/peta');
    await dinsos.getByRole('link', { name: 'Rekap' }).click();
    await dinsos.locator('[data-testid=rekap-row]').first().waitFor();
    await dinsos.getByRole('button', { name: 'Blega', exact: true }).click();
    const row = dinsos.locator(`[data-testid=rekap-row][data-code="${LOMBANG}"]`);
    await row.waitFor();
    const cell = row.locator('[data-testid=rekap-labelled]');
    assert.match(await cell.innerText(), new RegExp(`^2 / ${houses.length}\\s`));
    await dinsos.locator('.rekap-table-wrap').evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await screenshot(dinsos, 'rekap-labelled-1280');
    const [file] = await Promise.all([dinsos.waitForEvent('download'), dinsos.click('[data-testid=download-csv]')]);
    const sheet = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(';'));
    const header = sheet[0];
    const at = (name) => header.indexOf(name);
    for (const name of ['Penerima PKH/BPNT', 'Rumah dilabel', '% dilabel', 'Sanggah terbuka', 'Sanggah', 'Usul terbuka', 'Usul']) {
      assert.ok(at(name) >= 0, `the CSV has "${name}"`);
    }
    const lombang = sheet.find((r) => r[0] === LOMBANG);
    assert.equal(lombang[at('Penerima PKH/BPNT')], String(houses.length));
    assert.equal(lombang[at('Rumah dilabel')], '2');
    await leaders.close();
  });
});
