// Field work on the tablet (issue 5): "Lokasi saya" with the tablet's GPS (emulated at a house in
// Lombang Dajah), dragging the pin to correct it, a poor fix taken only when confirmed, a pin far
// from the desa's houses flagged, and the form's NIK checks: an invalid NIK blocks the save with
// a message saying what is wrong, a NIK that disagrees with the birth date saves with a warning.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, logIn, screenshot, withServerAndBrowser } from './support.mjs';

/** A house in Lombang Dajah, among the desa's demo families. */
const HOUSE = { latitude: -7.1041, longitude: 113.1431 };

/** Metres between two points (haversine), as the domain computes them. */
function metres(a, b) {
  const rad = (d) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2
    + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** The pin as the form shows it: "-7.10410, 113.14310 (±8 m) · GPS". */
async function shownPin(page) {
  const text = await page.locator('[data-testid=pin-value]').innerText();
  const [lat, lon] = text.split(' · ')[0].split(' (')[0].split(', ').map(Number);
  return { lat, lon, text };
}

/** The box of `locator` once it stopped moving (the map zooms to a fix with an animation). */
async function settled(locator) {
  let before = await locator.boundingBox();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = await locator.boundingBox();
    if (now && before && now.x === before.x && now.y === before.y) return now;
    before = now;
  }
}

async function fieldTablet(env, { width = 800, height = 1280, accuracy = 8 } = {}) {
  const context = await env.browser.newContext({
    viewport: { width, height },
    locale: 'id-ID',
    geolocation: { ...HOUSE, accuracy },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  await logIn(page, env.server.url, 'op.lombangdajah');
  await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
  await page.click('[data-testid=register-family]');
  await page.locator('[data-testid=register-form]').waitFor();
  return { context, page };
}

async function fillFamily(page, { nik = '3526151806900004', born = '1990-06-18', name = 'Moh. Hasan Uji Lapangan' } = {}) {
  await page.fill('#kk', '3526150101260011');
  await page.fill('#street', 'Jl. Tambak No. 3');
  await page.fill('#dusun', 'Laok');
  await page.fill('#rt', '3');
  await page.fill('#rw', '2');
  await page.fill('#nik-0', nik);
  await page.fill('#name-0', name);
  await page.fill('#mother-0', 'Sumiati');
  await page.selectOption('#sex-0', '1');
  await page.fill('#birth-place-0', 'Bangkalan');
  await page.fill('#birth-date-0', born);
}

describe('field work on the tablet', () => {
  const env = withServerAndBrowser();

  test('"Lokasi saya" centres the map on the GPS fix; the pin dragged 30 m is what is saved', async () => {
    const { context, page } = await fieldTablet(env);
    await fillFamily(page);
    await page.click('[data-testid=use-gps]');
    await page.locator('[data-testid=pin-value]', { hasText: '· GPS' }).waitFor();
    const fix = await shownPin(page);
    assert.match(fix.text, /^-7\.10410, 113\.14310 \(±8 m\) · GPS$/);
    // The map came to the fix: the pin stands in the middle, inside its accuracy circle.
    const map = await page.locator('[data-testid=pin-map]').boundingBox();
    const handle = await settled(page.locator('.pin-handle'));
    const centre = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
    assert.ok(Math.abs(centre.x - (map.x + map.width / 2)) < 3 && Math.abs(centre.y - (map.y + map.height / 2)) < 3,
      `pin at ${JSON.stringify(centre)}, map ${JSON.stringify(map)}`);
    assert.equal(await page.locator('[data-testid=pin-map] path.accuracy-circle').count(), 1);
    assert.equal(await page.locator('[data-testid=pin-far]').count(), 0, 'a pin among the neighbours is not flagged');
    await screenshot(page, 'pin-gps-800x1280');

    // Dragged 30 m east: the map shows the fix at zoom 18, where a pixel here is 0.593 m.
    const metresPerPixel = (156_543.033_92 * Math.cos((HOUSE.latitude * Math.PI) / 180)) / 2 ** 18;
    const pixels = 30 / metresPerPixel;
    await page.mouse.move(centre.x, centre.y);
    await page.mouse.down();
    await page.mouse.move(centre.x + pixels / 2, centre.y, { steps: 4 });
    await page.mouse.move(centre.x + pixels, centre.y, { steps: 4 });
    await page.mouse.up();
    await page.locator('[data-testid=pin-value]', { hasText: 'ditandai di peta' }).waitFor();
    const dragged = await shownPin(page);
    const moved = metres({ lat: HOUSE.latitude, lon: HOUSE.longitude }, dragged);
    assert.ok(Math.abs(moved - 30) < 2, `moved ${moved.toFixed(1)} m`);
    assert.equal(await page.locator('[data-testid=pin-map] path.accuracy-circle').count(), 0, 'a pin moved by hand has no GPS accuracy');
    await screenshot(page, 'pin-dragged-800x1280');

    // Saved and sent: the server holds the dragged position, set by hand.
    await page.click('[data-testid=save-family]');
    await page.locator('[data-testid=family-row]', { hasText: 'Moh. Hasan Uji Lapangan' }).waitFor();
    await page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: 20_000 });
    const id = await page.locator('[data-testid=family-row]', { hasText: 'Moh. Hasan Uji Lapangan' }).getAttribute('data-family');
    const saved = await page.evaluate(async (id) => (await fetch(`/api/v1/families/${id}`, { headers: { accept: 'application/json' } })).json(), id);
    const location = saved.record.location;
    assert.equal(location.source, 'Manual');
    const savedMoved = metres({ lat: HOUSE.latitude, lon: HOUSE.longitude }, { lat: location.lat, lon: location.lon });
    assert.ok(Math.abs(savedMoved - moved) < 0.5, `saved ${savedMoved.toFixed(1)} m from the fix, shown ${moved.toFixed(1)} m`);
    await context.close();
  });

  test('a GPS fix worse than the limit is taken only when confirmed; a pin far from the desa is flagged', async () => {
    const { context, page } = await fieldTablet(env, { accuracy: 120 });
    const asked = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); dialog.dismiss(); });
    await page.click('[data-testid=use-gps]');
    await page.locator('[data-testid=gps-state]', { hasText: 'Titik GPS tidak dipakai' }).waitFor();
    assert.equal(asked[0], 'Akurasi GPS ±120 m, lebih buruk dari batas 30 m: titik bisa meleset dari rumahnya. Tetap pakai titik ini?');
    assert.equal(await page.locator('.pin-handle').count(), 0, 'no pin from a refused fix');

    page.once('dialog', (dialog) => dialog.accept());
    await page.click('[data-testid=use-gps]');
    await page.locator('[data-testid=pin-value]', { hasText: '(±120 m) · GPS' }).waitFor();

    // The tablet left at the kabupaten office: the fix lands tens of km from the desa's houses.
    await context.setGeolocation({ latitude: -7.0455, longitude: 112.7351, accuracy: 6 });
    await page.click('[data-testid=use-gps]');
    await page.locator('[data-testid=pin-value]', { hasText: '(±6 m) · GPS' }).waitFor();
    const far = page.locator('[data-testid=pin-far]');
    await far.waitFor();
    assert.match(await far.innerText(), /^Perhatian · Titik rumah berjarak 4\d,\d km dari pusat rumah-rumah lain di desa ini/);
    // The map went to the far fix too: the pin is in the middle of it.
    const map = await page.locator('[data-testid=pin-map]').boundingBox();
    const pin = await settled(page.locator('.pin-handle'));
    assert.ok(Math.abs(pin.x + pin.width / 2 - (map.x + map.width / 2)) < 3, 'the map follows a second fix');
    await screenshot(page, 'pin-far-800x1280');
    await context.close();
  });

  test('an invalid NIK blocks the save and says what is wrong; a NIK that disagrees with the birth date saves with a warning', async () => {
    const { context, page } = await fieldTablet(env, { width: 1280, height: 800 });
    await page.click('[data-testid=pin-map]', { position: { x: 200, y: 120 } });
    // Day 75 is no date (a woman's day is written +40: 35 is none either).
    await fillFamily(page, { nik: '3526157506900004', name: 'Rusdi Uji NIK' });
    await page.click('[data-testid=save-family]');
    const problem = page.locator('[data-testid=field-error]', { hasText: 'NIK' }).first();
    await problem.waitFor();
    assert.equal(await problem.innerText(), 'Tanggal lahir dalam NIK (750690) tidak mungkin; untuk perempuan tanggal ditambah 40.');
    await screenshot(page, 'register-invalid-nik-1280x800');
    assert.equal(new URL(page.url()).pathname, '/keluarga/baru', 'not saved');

    // A valid NIK for 18 Jun 1990, typed with a birth date of 19 Jun 1990: saved, with a warning.
    await page.fill('#nik-0', '3526151806900004');
    await page.fill('#birth-date-0', '1990-06-19');
    const warning = page.locator('[data-testid=finding]', { hasText: 'Perhatian' });
    await warning.first().waitFor();
    assert.match(await warning.first().innerText(), /tanggal lahir/i);
    await page.click('[data-testid=save-family]');
    const row = page.locator('[data-testid=family-row]', { hasText: 'Rusdi Uji NIK' });
    await row.waitFor();
    await row.click();
    await page.locator('[data-testid=family-detail] [data-testid=finding]', { hasText: 'Perhatian' }).first().waitFor();
    await screenshot(page, 'family-nik-warning-1280x800');
    await context.close();
  });

  test('the instrument in short sections: the score and its breakdown follow the answers, as the server will compute them', async () => {
    const context = await env.browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
    const row = page.locator('[data-testid=family-row]').nth(5);
    const id = await row.getAttribute('data-family');
    await row.click();
    const serverScore = async () => Number((await page.locator('[data-testid=family-detail] [data-testid=score]').innerText()).match(/Skor (-?\d+)/)[1]);
    const before = await serverScore();

    await page.click('[data-testid=edit-family]');
    const live = page.locator('[data-testid=live-score-total]');
    await live.waitFor();
    assert.equal(Number(await live.innerText()), before, 'the tablet scores the recorded answers as the server did');

    // The floor becomes earth (or ceramic, if it was earth): the score moves, the line shows.
    const floor = page.locator('[data-testid=question-Floor]');
    const wasEarth = await floor.locator('[data-testid=q-Floor-Earth]').getAttribute('aria-pressed') === 'true';
    await floor.locator(`[data-testid=q-Floor-${wasEarth ? 'Ceramic' : 'Earth'}]`).click();
    await page.waitForFunction((b) => Number(document.querySelector('[data-testid=live-score-total]').textContent) !== b, before);
    await page.click('[data-testid=live-breakdown-toggle]');
    const breakdown = await page.locator('[data-testid=live-breakdown]').innerText();
    assert.match(breakdown, new RegExp(`Jenis lantai terluas\\s+${wasEarth ? 'Keramik' : 'Tanah'}`));
    // Assets: none owned; food insecurity answered the other way (a second tap would take it back).
    await page.click('[data-testid=q-Assets-none]');
    assert.equal(await page.locator('[data-testid=q-Assets-none]').getAttribute('aria-pressed'), 'true');
    const hungry = await page.locator('[data-testid=q-FoodInsecure-true]').getAttribute('aria-pressed') === 'true';
    const answer = page.locator(`[data-testid=q-FoodInsecure-${!hungry}]`);
    await answer.click();
    assert.equal(await answer.getAttribute('aria-pressed'), 'true');
    const after = Number(await live.innerText());
    await page.locator('[data-testid=instrument]').scrollIntoViewIfNeeded();
    await screenshot(page, 'instrument-800x1280');

    // Saved and sent: the server's score is the one the tablet showed.
    await page.click('[data-testid=save-family]');
    await page.locator(`[data-family="${id}"]`).waitFor();
    await page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: 20_000 });
    await page.locator(`[data-family="${id}"]`).click();
    await page.waitForFunction(async (expected) => {
      const text = document.querySelector('[data-testid=family-detail] [data-testid=score]')?.textContent ?? '';
      return text.includes(`Skor ${expected}`);
    }, after, { timeout: 20_000 });
    await context.close();
  });

  test('the list searches names, NIK and KK, and "Perlu dikerjakan" narrows it to what needs doing', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
    const rows = page.locator('[data-testid=family-row]');
    const total = await rows.count();
    assert.ok(total >= 20);

    // A member's NIK (the operator sees it whole) and the KK find exactly that family.
    const row = rows.nth(7);
    const name = await row.locator('.row-name').innerText();
    await row.click();
    const detail = page.locator('[data-testid=family-detail]');
    await detail.locator('h2', { hasText: name }).waitFor();
    const nik = (await detail.locator('table.members td.mono').last().innerText()).trim();
    const kk = (await detail.locator('dl.facts dd.mono').innerText()).trim();
    const search = page.locator('[data-testid=family-search]');
    assert.equal(await search.getAttribute('placeholder'), 'Cari nama, NIK atau nomor KK');
    await search.fill(nik.slice(-8));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=family-row]').length === 1);
    assert.equal(await rows.first().locator('.row-name').innerText(), name);
    await search.fill(kk);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=family-row]').length === 1);
    await search.fill('352');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=family-row]').length === 0);
    await search.fill('');

    // Every need is a filter with its count; the list shows just those families.
    const needs = page.locator('[data-testid=needs]');
    await needs.waitFor();
    const noPhoto = needs.locator('[data-testid=need-NoPhoto]');
    const count = Number((await noPhoto.innerText()).split(' ')[0].replace('.', ''));
    assert.ok(count > 0 && count <= total, `${count} without a photo`);
    await noPhoto.click();
    assert.equal(await noPhoto.getAttribute('aria-pressed'), 'true');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=family-row]').length === n, count);
    await screenshot(page, 'needs-filter-1280x800');
    await noPhoto.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=family-row]').length === n, total);
    await context.close();
  });

  test('pins are coloured by the status of the family\'s proposals, with a legend in words', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => dialog.accept());
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
    // The legend counts families by colour (pins may be grouped when zoomed out).
    const legendCount = (status) => page.evaluate((s) => Number(document.querySelector(`[data-testid=legend-status-${s}]`)?.dataset.count ?? 0), status);
    const musdesBefore = await legendCount('musdes');
    const returnedBefore = await legendCount('returned');
    // A family with a house pin (earlier tests add some without).
    await page.locator('[data-testid=family-row]').filter({ hasNot: page.locator('.tag.warn') }).nth(9).click();
    const panel = page.locator('[data-testid=family-detail] [data-testid=proposals]');
    await panel.locator('[data-testid=proposal-kind]').selectOption({ label: 'Usulan PBI-JK' });
    await panel.locator('[data-testid=create-proposal]').click();
    await panel.locator('[data-testid=step-SubmitToMusdes]').click();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=legend-status-musdes]')?.dataset.count) === n + 1, musdesBefore);
    // The selected family is drawn by itself, blue, with a dark ring.
    await page.locator('[data-testid=map] path.tepat-pin.status-musdes[stroke="#111827"]').waitFor();
    const legend = page.locator('[data-testid=map-legend]');
    assert.match(await legend.innerText(), /Tanpa usulan[\s\S]*Menunggu musdes/);
    assert.equal(await legendCount('returned'), returnedBefore);
    // Once sent, the proposal is the server's, and the pin stays blue.
    await page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: 20_000 });
    await panel.locator('[data-testid=proposal] [data-testid=proposal-state]', { hasText: 'Menunggu musdes' }).waitFor();
    assert.equal(await panel.locator('[data-testid=proposal-pending]').count(), 0);
    assert.equal(await legendCount('musdes'), musdesBefore + 1);
    await screenshot(page, 'pins-by-status-1280x800');
    await context.close();
  });
});
