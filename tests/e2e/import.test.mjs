// "Impor data" in a real browser: the Dinas operator uploads a families CSV with bad rows and
// sees each row's problem with "Terapkan" disabled, and nothing changed; then the corrected
// file, whose misspelt desa is confirmed from the list, is applied and the families are in the
// desa (the desa operator gets them). A desa list with a misspelt name asks, and applies the
// chosen desa. Screenshots at 1280×800 and 800×1280.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { logIn, screenshot, withServerAndBrowser } from './support.mjs';

// The app's CSP forbids inline script (security.test.mjs proves it); contexts that inject axe
// bypass it.
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** No serious or critical axe violation, no control under 44 px, no sideways scroll. */
async function accessible(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(serious, [], `${name}: serious or critical violations`);
  const small = await page.evaluate(() => [...document.querySelectorAll('button, input, select, a.button, summary')]
    .map((e) => ({ e, box: e.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 44)
    .map(({ e, box }) => `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') ?? e.className}] ${Math.round(box.height)} px`));
  assert.deepEqual(small, [], `${name}: touch targets under 44 px`);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(sideways <= 0, `${name}: scrolls sideways by ${sideways} px`);
}

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };

const HEADER = 'NO_KK;NIK;NAMA_LGKP;JENIS_KLMIN;TMPT_LHR;TGL_LHR;STAT_HBKEL;ALAMAT;DUSUN;NO_RT;NO_RW;KEL_NAME;KEC_NAME;NAMA_LGKP_IBU';
// NIK serials 9xxx: no demo family has them.
const GOOD = [
  '3526151501209001;3526151203809001;HASAN IMPOR;1;BANGKALAN;12-03-1980;1;JL. RAYA;TIMUR;001;002;LOMBANG DAJAH;BLEGA;SITI',
  '3526151501209001;3526155408859002;AMINAH IMPOR;2;BANGKALAN;14-08-1985;3;JL. RAYA;TIMUR;001;002;LOMBANG DAJAH;BLEGA;HALIMAH',
  '3526151501209002;3526151505709004;SUKARDI IMPOR;L;SAMPANG;15/05/1970;KEPALA KELUARGA;;BARAT;003;001;LOMBANG DAJA;BLEGA;MARWIYAH',
];
const BAD = [
  GOOD[0],
  '3526151501209001;35261554088590;AMINAH IMPOR;2;BANGKALAN;14-08-1985;3;JL. RAYA;TIMUR;001;002;LOMBANG DAJAH;BLEGA;HALIMAH',
  '3526151501209002;3526151505709004;SUKARDI IMPOR;X;SAMPANG;31-02-1970;1;;BARAT;003;001;LOMBANG DAJA;BLEGA;MARWIYAH',
];

function csv(lines) {
  return { name: 'keluarga.csv', mimeType: 'text/csv', buffer: Buffer.from([HEADER, ...lines].join('\n')) };
}

/** The head names of a desa's families, read through the API with `request`'s session. */
async function headsIn(request, url, desa) {
  const answer = await (await request.get(`${url}/api/v1/families?region=${desa}`)).json();
  return JSON.stringify(answer).match(/[A-Z]+ IMPOR/g) ?? [];
}

/** Checks `file` and waits for its own report (not the one of the file before). */
async function check(page, file) {
  const hash = createHash('sha256').update(file.buffer).digest('hex');
  await page.setInputFiles('[data-testid=import-file]', file);
  await page.click('[data-testid=import-check]');
  await page.locator(`[data-testid=import-report][data-file="${hash}"], [data-testid=import-result][data-file="${hash}"]`).first().waitFor();
}

describe('imports', () => {
  const env = withServerAndBrowser();

  test('a families file with bad rows changes nothing; the corrected one is applied', async () => {
    for (const [viewport, suffix] of [[LANDSCAPE, 'landscape'], [PORTRAIT, 'portrait']]) {
      const context = await env.browser.newContext({ viewport, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, env.server.url, 'dinsos');
      await page.waitForURL('**/peta');
      await page.getByRole('link', { name: 'Impor data' }).click();
      await page.waitForURL('**/impor');
      await page.locator('[data-testid=import-empty]').waitFor();
      await screenshot(page, `import-empty-${suffix}`);
      if (suffix === 'portrait') {
        // On the tablet held upright: the bad rows, then the applied file answered as done.
        await check(page, csv(BAD));
        assert.equal(await page.locator('[data-testid=import-problems] tbody tr').count(), 3);
        await screenshot(page, `import-bad-rows-${suffix}`);
        await accessible(page, `bad rows ${suffix}`);
        await page.click('text=Impor file lain');
        await check(page, csv(GOOD));
        await page.locator('[data-testid=import-repeated]').waitFor();
        await screenshot(page, `import-repeated-${suffix}`);
        await context.close();
        continue;
      }
      const before = await headsIn(page.request, env.server.url, '35.26.15.2012');
      assert.deepEqual(before, []);

      await check(page, csv(BAD));
      const rows = await page.locator('[data-testid=import-problems] tbody tr').allInnerTexts();
      assert.equal(rows.length, 3, rows.join('\n'));
      assert.match(rows[0], /^3\s+NIK\s+NIK harus 16 angka/);
      assert.match(rows[1], /^4\s+JENIS_KLMIN\s+Jenis kelamin "X" tidak dikenal/);
      assert.match(rows[2], /^4\s+TGL_LHR\s+Tanggal "31-02-1970" tidak ada di kalender/);
      assert.ok(await page.locator('[data-testid=import-apply]').isDisabled(), 'Terapkan waits for a clean file');
      await screenshot(page, `import-bad-rows-${suffix}`);
      await accessible(page, `bad rows ${suffix}`);
      assert.deepEqual(await headsIn(page.request, env.server.url, '35.26.15.2012'), [], 'nothing changed');

      // The corrected file: "LOMBANG DAJA" is asked about, its likely desa pre-selected.
      await check(page, csv(GOOD));
      assert.equal(await page.locator('[data-testid=import-problems]').count(), 0);
      const question = page.locator('[data-testid=import-question]');
      assert.match(await question.innerText(), /LOMBANG DAJA \(Kec\. BLEGA\)/);
      assert.equal(await question.locator('select').inputValue(), '35.26.15.2012');
      assert.match(await page.locator('[data-testid=import-summary]').innerText(), /3 baris dibaca · 2 keluarga baru · 3 anggota/);
      await screenshot(page, `import-ready-${suffix}`);
      await page.click('[data-testid=import-apply]');
      const result = page.locator('[data-testid=import-result]');
      await result.waitFor();
      assert.match(await result.innerText(), /2 keluarga ditambahkan \(3 anggota\)/);
      await screenshot(page, `import-applied-${suffix}`);
      await context.close();
    }
    // The desa operator's session gets them.
    const operator = await env.browser.newContext({ viewport: PORTRAIT });
    const page = await operator.newPage();
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.waitForURL('**/peta');
    const heads = await headsIn(page.request, env.server.url, '35.26.15.2012');
    assert.deepEqual(heads.sort(), ['HASAN IMPOR', 'SUKARDI IMPOR']);
    await operator.close();
  });

  test('a desa list with a misspelt name asks, and applies the chosen desa', async () => {
    const context = await env.browser.newContext({ viewport: PORTRAIT, locale: 'id-ID', bypassCSP: true });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'dinsos');
    await page.waitForURL('**/peta');
    await page.goto(`${env.server.url}/impor`);
    await page.click('[data-testid=import-kind-desa]');
    await check(page, { name: 'lokus.txt', mimeType: 'text/plain', buffer: Buffer.from('Banyoning Laok, Geger\nCampor\nLombang Dajah\n') });
    const questions = page.locator('[data-testid=import-question]');
    assert.equal(await questions.count(), 2);
    // Campor is in Geger and in Konang: nothing pre-selected, so "Terapkan" waits.
    assert.equal(await questions.nth(1).locator('select').inputValue(), '');
    assert.ok(await page.locator('[data-testid=import-apply]').isDisabled());
    await questions.nth(1).locator('select').selectOption('35.26.17.2008');
    assert.ok(await page.locator('[data-testid=import-apply]').isEnabled());
    await screenshot(page, 'import-desa-question-portrait');
    await accessible(page, 'desa questions portrait');
    await page.click('[data-testid=import-apply]');
    await page.locator('[data-testid=import-result]').waitFor();
    assert.match(await page.locator('[data-testid=import-result]').innerText(), /3 desa diperbarui/);
    const loci = await (await page.request.get(`${env.server.url}/api/v1/imports/loci-desa`)).json();
    assert.deepEqual(loci.regions.map((r) => r.code), ['35.26.06.2002', '35.26.15.2012', '35.26.17.2008']);
    await context.close();
  });
});
