// "Kirim ke pusat" in a real browser: the Dinas operator sees the ratified batch per desa,
// downloads the CSV (full NIK, `;`, BOM), marks exactly that batch sent, uploads a national
// result with a row that is not understood (nothing applied, the row named), then the corrected
// one: accepted proposals are in the register, rejected ones back with the national reason.
//
// The ratified proposals are written into a fresh data folder by the `seed_ratified` example
// before the server starts (built with the server by `cargo xtask test`), so this test does not
// drive the approval chain.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { launchBrowser, logIn, screenshot, startServer } from './support.mjs';

const LANDSCAPE = { width: 1280, height: 800 };

/** Writes 2 ratified proposals in Lombang Dajah and 1 in Alas Rajah; answers their ids. */
async function seed(dataDir) {
  const bin = path.join(path.dirname(process.env.TEPAT_BIN), 'examples', 'seed_ratified');
  const run = promisify(execFile);
  const lombang = (await run(bin, [dataDir, '2', '35.26.15.2012'])).stdout.trim().split('\n');
  const alas = (await run(bin, [dataDir, '1', '35.26.15.2004'])).stdout.trim().split('\n');
  return [...lombang, ...alas];
}

/** Rows of a `;` CSV without quoted separators (enough for the ids and header checked here). */
function rows(text) {
  return text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '').map((l) => l.split(';'));
}

describe('national exchange', () => {
  const env = { server: undefined, browser: undefined, ids: [] };
  before(async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tepat-e2e-national-'));
    env.ids = await seed(dataDir);
    env.server = await startServer([], { dataDir });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });

  test('the dinas downloads the batch, marks it sent, uploads the result and sees the report', async () => {
    assert.equal(env.ids.length, 3);
    const context = await env.browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID', acceptDownloads: true });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'dinsos');
    await page.waitForURL('**/peta');
    await page.getByRole('link', { name: 'Kirim ke pusat' }).click();
    await page.waitForURL('**/pusat');
    const count = page.locator('[data-testid=national-count]');
    await count.waitFor();
    assert.match(await count.innerText(), /^3 usulan menunggu dikirim/);
    const desa = await page.locator('[data-testid=national-desa] tbody tr').allInnerTexts();
    assert.equal(desa.length, 2);
    assert.match(desa[0], /Alas Rajah\s+1\s/);
    assert.match(desa[1], /Lombang Dajah\s+2\s/);
    assert.ok(await page.locator('[data-testid=mark-sent]').isDisabled(), 'mark sent waits for a download');
    await screenshot(page, 'national-batch');

    // The CSV: the three proposals, one row per member, full NIK.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=download-csv]'),
    ]);
    assert.match(download.suggestedFilename(), /^tepat-usulan-pusat-3526-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFFID USULAN;KODE PROVINSI;PROVINSI;'), text.slice(0, 60));
    const sheet = rows(text);
    const header = sheet[0];
    const nik = header.indexOf('NIK');
    assert.deepEqual([...new Set(sheet.slice(1).map((r) => r[0]))].sort(), [...env.ids].sort());
    assert.ok(sheet.slice(1).every((r) => /^\d{16}$/.test(r[nik])), 'every NIK whole');

    // Mark exactly this batch sent.
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('[data-testid=mark-sent]');
    await page.locator('[data-testid=marked]').filter({ hasText: '3 usulan ditandai sudah dikirim' }).waitFor();
    await page.locator('[data-testid=national-empty]').waitFor();
    assert.match(await page.locator('[data-testid=national-empty]').innerText(), /Belum ada usulan yang disahkan Bupati/);

    // A result with a row that is not understood: nothing is applied, the row is named.
    const [a, b, c] = env.ids;
    const result = (lines) => ({ name: 'hasil-pusat.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) });
    await page.setInputFiles('[data-testid=result-file]', result([
      'ID USULAN;HASIL;ALASAN',
      `${a};diterima;`,
      `${b};DITOLAK;NIK kepala keluarga tidak padan Dukcapil`,
      'bukan-id;DITERIMA;',
      `${c};;`,
    ]));
    await page.click('[data-testid=upload-result]');
    const report = page.locator('[data-testid=result-report]');
    await report.waitFor();
    assert.match(await report.innerText(), /Tidak ada yang diterapkan/);
    const problems = await page.locator('[data-testid=result-problems] tbody tr').allInnerTexts();
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^4\s+ID USULAN "bukan-id" tidak sah/);
    await screenshot(page, 'national-result-problems');
    const stateOf = async (id) => (await (await page.request.get(`${env.server.url}/api/v1/proposals/${id}`)).json()).state;
    assert.equal(await stateOf(a), 'SentToNational');

    // The corrected file is applied: Final and Returned with the national reason.
    await page.setInputFiles('[data-testid=result-file]', result([
      'ID USULAN;HASIL;ALASAN',
      `${a};diterima;`,
      `${b};DITOLAK;NIK kepala keluarga tidak padan Dukcapil`,
      `${c};;`,
    ]));
    await page.click('[data-testid=upload-result]');
    await report.filter({ hasText: 'Hasil pusat diterapkan' }).waitFor();
    const text2 = await report.innerText();
    assert.match(text2, /1 diterima: masuk register/);
    assert.match(text2, /1 ditolak: dikembalikan ke desa/);
    assert.match(text2, /1 baris tanpa HASIL dilewati/);
    await screenshot(page, 'national-result-applied');
    await page.setViewportSize({ width: 800, height: 1280 });
    await screenshot(page, 'national-result-applied-800x1280');
    assert.equal(await stateOf(a), 'Final');
    const returned = await (await page.request.get(`${env.server.url}/api/v1/proposals/${b}`)).json();
    assert.equal(returned.state, 'Returned');
    assert.equal(returned.steps.at(-1).step.Return.reason, 'Ditolak pusat: NIK kepala keluarga tidak padan Dukcapil');
    assert.equal(await stateOf(c), 'SentToNational');
    await context.close();
  });

  test('other roles have no "Kirim ke pusat" and the page sends them back to the map', async () => {
    const context = await env.browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'kadinsos');
    await page.waitForURL('**/peta');
    await page.locator('[data-testid=user-region]').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Kirim ke pusat' }).count(), 0);
    await page.goto(`${env.server.url}/pusat`);
    await page.waitForURL('**/peta');
    await context.close();
  });
});
