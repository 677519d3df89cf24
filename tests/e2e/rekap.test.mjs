// The leaders' "Rekap" and "Salah sasaran" in a real browser: the Dinas operator sees the 18
// kecamatan with the loci ones marked, sorts by families, opens a kecamatan's desa, downloads
// the CSV and finds the table's rows in it (names and families); "Salah sasaran" lists likely
// errors (the Dinas operator sees NIKs whole, the Bupati masked) and pages; both pages at
// 1280x800 and 800x1280 with screenshots.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { logIn, screenshot, withServerAndBrowser } from './support.mjs';

/** Rows of a `;` CSV without quoted separators (names here hold none). */
function rows(text) {
  return text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '').map((l) => l.split(';'));
}

/** The table on the page: [code, name, families] per body row, in the order shown. */
async function tableRows(page) {
  return page.locator('[data-testid=rekap-row]').evaluateAll((trs) => trs.map((tr) => [
    tr.dataset.code,
    tr.querySelector('.rekap-name').textContent.trim(),
    Number(tr.querySelector('td').textContent.replace(/\./g, '')),
  ]));
}

/** Downloads by clicking `selector`; answers the file's name and text. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

describe('leaders rekap and targeting errors', () => {
  const env = withServerAndBrowser();

  test('the dinas sorts the kecamatan table, opens a kecamatan and downloads what it shows', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'dinsos');
    await page.waitForURL('**/peta');
    await page.getByRole('link', { name: 'Rekap' }).click();
    await page.waitForURL('**/rekap');
    await page.locator('[data-testid=rekap-row]').first().waitFor();
    let shown = await tableRows(page);
    assert.equal(shown.length, 18, 'the 18 kecamatan of Bangkalan');
    const loci = await page.locator('tr.loci [data-testid=loci-badge]').count();
    assert.ok(loci >= 1 && loci < 18, `some kecamatan hold loci desa (${loci})`);
    const total = await page.locator('[data-testid=rekap-total] td').first().innerText();
    assert.equal(total, '500');
    await page.locator('[data-testid=chart-kecamatan] rect.bar.families').first().waitFor();
    assert.equal(await page.locator('[data-testid=chart-kecamatan] rect.bar.families').count(), 18);
    assert.equal(await page.locator('[data-testid=chart-progress] rect.bar').count(), 36);

    // Sorting by families: largest first, the arrow on the column; again: smallest first.
    const families = page.locator('th', { has: page.getByRole('button', { name: 'Keluarga' }) }).first();
    await families.getByRole('button').click();
    assert.equal(await families.getAttribute('aria-sort'), 'descending');
    shown = await tableRows(page);
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i - 1][2] >= shown[i][2], 'descending');
    await families.getByRole('button').click();
    assert.equal(await families.getAttribute('aria-sort'), 'ascending');
    assert.match(await families.innerText(), /▲/);
    shown = await tableRows(page);
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i - 1][2] <= shown[i][2], 'ascending');
    await screenshot(page, 'rekap-kecamatan-1280');

    // The CSV holds the kecamatan in code order; every row on the page is in it as shown.
    let file = await download(page, '[data-testid=download-csv]');
    assert.match(file.name, /^tepat-rekap-kecamatan-3526-\d{4}-\d{2}-\d{2}\.csv$/);
    let sheet = rows(file.text);
    assert.deepEqual(sheet[0].slice(0, 4), ['Kode', 'Kecamatan', 'Lokus', 'Keluarga']);
    assert.equal(sheet.length, 1 + 18 + 1, 'header, the rows, the total');
    const fromFile = sheet.slice(1, -1).map((r) => [r[0], r[1], Number(r[3])]);
    assert.deepEqual([...shown].sort(), [...fromFile].sort());
    assert.deepEqual(sheet.at(-1).slice(1, 4), ['Jumlah', '', '500']);

    // Blega opens its desa; its download holds exactly those desa.
    await page.getByRole('button', { name: 'Blega', exact: true }).click();
    await page.locator('[data-testid=rekap-within]', { hasText: 'Blega' }).waitFor();
    await page.locator('[data-testid=rekap-row][data-code="35.26.15.2012"]').waitFor();
    shown = await tableRows(page);
    assert.ok(shown.every(([code]) => code.startsWith('35.26.15.')));
    assert.ok(await page.locator('[data-testid=rekap-row][data-code="35.26.15.2012"] [data-testid=loci-badge]').isVisible());
    await screenshot(page, 'rekap-blega-1280');
    file = await download(page, '[data-testid=download-csv]');
    assert.match(file.name, /^tepat-rekap-desa-352615-/);
    sheet = rows(file.text);
    assert.deepEqual(sheet[0].slice(0, 5), ['Kode', 'Desa', 'Kecamatan', 'Lokus', 'Keluarga']);
    assert.deepEqual(
      [...shown].sort(),
      sheet.slice(1, -1).map((r) => [r[0], r[1], Number(r[4])]).sort(),
    );
    await page.click('[data-testid=rekap-back]');
    await page.locator('[data-testid=level-kecamatan]').waitFor();
    await context.close();
  });

  test('"Salah sasaran" lists likely errors with NIK whole for the dinas and masked for the Bupati', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'dinsos');
    await page.waitForURL('**/peta');
    await page.getByRole('link', { name: 'Salah sasaran' }).click();
    await page.waitForURL('**/sasaran');
    await page.click('[data-testid=tab-exclusion]');
    await page.locator('[data-testid=targeting-row]').first().waitFor();
    const count = Number((await page.locator('[data-testid=targeting-count] strong').innerText()).replace(/\./g, ''));
    assert.ok(count > 0);
    const nik = await page.locator('[data-testid=targeting-nik]').first().innerText();
    assert.match(nik, /^\d{16}$/, 'the Dinas operator sees the NIK whole');
    const link = await page.locator('[data-testid=targeting-map]').first().getAttribute('href');
    assert.match(link, /^\/sebaran\?family=[0-9a-f-]{36}$/);
    const file = await download(page, '[data-testid=download-csv]');
    assert.equal(rows(file.text).length, count + 1);
    await screenshot(page, 'sasaran-dinsos-1280');
    await context.close();

    const portrait = await env.browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'id-ID' });
    const bupati = await portrait.newPage();
    await logIn(bupati, env.server.url, 'bupati');
    await bupati.waitForURL('**/peta');
    await bupati.getByRole('link', { name: 'Salah sasaran' }).click();
    await bupati.click('[data-testid=tab-exclusion]');
    await bupati.locator('[data-testid=targeting-row]').first().waitFor();
    const masked = await bupati.locator('[data-testid=targeting-nik]').allInnerTexts();
    assert.ok(masked.length > 0 && masked.every((n) => /^\d{6}•+\d{2}$/.test(n)), masked.join(' '));
    // The desa filter narrows the list to one desa's count.
    const option = bupati.locator('[data-testid=targeting-desa] option').nth(1);
    const [value, label] = [await option.getAttribute('value'), await option.innerText()];
    await bupati.selectOption('[data-testid=targeting-desa]', value);
    const expected = label.match(/\((\d+)\)$/)[1];
    await bupati.locator('[data-testid=targeting-count] strong', { hasText: new RegExp(`^${expected}$`) }).waitFor();
    await screenshot(bupati, 'sasaran-bupati-800');

    await bupati.getByRole('link', { name: 'Rekap' }).click();
    await bupati.locator('[data-testid=rekap-row]').first().waitFor();
    await screenshot(bupati, 'rekap-kecamatan-800');
    // In English: the same table in the other words.
    await bupati.getByRole('button', { name: 'English' }).click();
    await bupati.getByRole('button', { name: 'Families' }).waitFor();
    await bupati.locator('[data-testid=rekap-total] th', { hasText: 'Total' }).waitFor();
    assert.ok(await bupati.getByRole('link', { name: 'Download CSV' }).isVisible());
    await screenshot(bupati, 'rekap-kecamatan-800-en');
    await portrait.close();
  });
});
