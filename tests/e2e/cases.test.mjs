// Citizens' cases for operators in a real browser (issue 8): the desa operator on a tablet opens
// "Kasus", sees the demo cases (the duplicate usul flagged), opens a sanggah, records a visit
// with a camera photo and a note, links the family it names, decides "Sanggahan terbukti" with
// a note and an evidence photo, creating the deactivation proposal from the form, and the case
// reads Selesai; the reporter's answer (the decision) is on the case. Another desa's operator
// sees none of Lombang Dajah's cases; the kecamatan sees both desa's, and offline the page says it needs the internet. Screenshots at both sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cameraPhoto, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
// Fixed ids of the demo cases (server/src/demo_cases.rs).
const LOMBANG_SANGGAH = '01930000-0000-7000-8000-000000000c01';
const LOMBANG_VISITED = '01930000-0000-7000-8000-000000000c02';
const ALAS_SANGGAH = '01930000-0000-7000-8000-000000000c06';

describe('citizens\' cases', () => {
  const env = withServerAndBrowser();

  async function openCases(username, viewport) {
    const context = await env.browser.newContext({ viewport, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, username);
    await page.waitForURL('**/peta');
    await page.click('[data-testid=nav-cases] a');
    await page.waitForURL('**/kasus');
    await page.locator('[data-testid=case-row]').first().waitFor();
    return { context, page };
  }

  const rowIds = (page) => page.locator('[data-testid=case-row]').evaluateAll((rows) => rows.map((r) => r.dataset.case));

  test('the desa operator visits, links and decides a sanggah on a landscape tablet', async () => {
    const { context, page } = await openCases('op.lombangdajah', LANDSCAPE);
    const ids = await rowIds(page);
    assert.equal(ids.length, 5, 'Lombang Dajah\'s five demo cases');
    assert.ok(ids.includes(LOMBANG_SANGGAH));
    assert.ok(!ids.includes(ALAS_SANGGAH), 'not Alas Rajah\'s');
    assert.equal(await page.locator('[data-testid=case-duplicate]').count(), 1, 'the duplicate usul flagged');
    await screenshot(page, 'cases-inbox-1280x800');

    // The filter: only new sanggahs.
    await page.selectOption('[data-testid=case-filter-kind]', 'sanggah');
    await page.selectOption('[data-testid=case-filter-state]', 'baru');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=case-row]').length === 1);
    assert.deepEqual(await rowIds(page), [LOMBANG_SANGGAH]);

    const row = page.locator(`[data-testid=case-row][data-case="${LOMBANG_SANGGAH}"]`);
    const code = await row.getAttribute('data-code');
    assert.match(code, /^SGH-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await row.click();
    const detail = page.locator(`[data-testid=case-detail][data-case="${LOMBANG_SANGGAH}"]`);
    await detail.locator('[data-testid=case-state]', { hasText: 'menunggu kunjungan' }).waitFor();
    assert.match(await detail.locator('[data-testid=case-phone]').getAttribute('href'), /^tel:08\d+$/);
    const candidate = detail.locator('[data-testid=case-link]').first();
    const family = await candidate.getAttribute('data-family');
    assert.match(await detail.locator(`.case-family[data-family="${family}"]`).innerText(), /•/, 'masked NIK');

    // Visit: a short note is refused with the server's sentence; then the photo and a real note.
    await page.fill('[data-testid=case-visit-note]', 'pendek');
    await page.click('[data-testid=case-visit-submit]');
    await detail.locator('[data-testid=case-error]', { hasText: 'paling sedikit 10 huruf' }).waitFor();
    await page.setInputFiles('[data-testid=case-visit-photo]', { name: 'rumah.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page, 1600, 1200) });
    await detail.locator('[data-testid=case-visit-photo-ready]').waitFor();
    await page.fill('[data-testid=case-visit-note]', 'Ada mobil pikap di halaman rumah, dipakai berjualan.');
    await page.click('[data-testid=case-visit-submit]');
    await detail.locator('[data-testid=case-state]', { hasText: 'Sudah dikunjungi' }).waitFor();

    // Link the family the sanggah names.
    await detail.locator(`[data-testid=case-link][data-family="${family}"]`).click();
    await detail.locator(`[data-testid=case-linked] .case-family[data-family="${family}"]`).waitFor();

    // Decide: upheld, with the reporter's note, evidence and a new deactivation proposal.
    await page.check('[data-testid=case-outcome-Confirmed]');
    await page.fill('[data-testid=case-decision-note]', 'Mobil pikap milik kepala keluarga, terlihat saat kunjungan.');
    await page.setInputFiles('[data-testid=case-evidence]', { name: 'bukti.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page, 1200, 900) });
    await detail.locator('[data-testid=case-evidence-ready]').waitFor();
    await detail.locator('[data-testid=case-create-proposal]').click();
    await page.waitForFunction(() => {
      const select = document.querySelector('[data-testid=case-proposal]');
      return select && select.value !== '' && select.selectedOptions[0].textContent.includes('Penonaktifan');
    });
    await screenshot(page, 'cases-decide-1280x800');
    await page.click('[data-testid=case-decide]');
    await detail.locator('[data-testid=case-state]', { hasText: 'Selesai' }).waitFor();
    await detail.locator('[data-testid=case-decision]', { hasText: 'Sanggahan terbukti' }).waitFor();
    await detail.locator('[data-testid=case-decision]', { hasText: 'Penonaktifan' }).waitFor();
    await screenshot(page, 'cases-decided-1280x800');

    // The server holds it: decided, with the proposal, the family linked and the photos.
    const view = await (await page.request.get(`${env.server.url}/api/v1/cases/${LOMBANG_SANGGAH}`)).json();
    assert.equal(view.line.state, 'Decided');
    assert.equal(view.line.code, code);
    assert.equal(view.decision.outcome, 'Confirmed');
    assert.equal(view.family.id, family);
    assert.ok(view.decision.proposal && view.decision.evidence && view.visit.photo);
    assert.equal(view.family.proposals.find((p) => p.id === view.decision.proposal).kind.Deactivation, 'NotEligible');
    await context.close();
  });

  test('portrait: the case opens below the inbox; other desa see none of it; the kecamatan sees both', async () => {
    const { context, page } = await openCases('op.lombangdajah', PORTRAIT);
    await page.locator(`[data-testid=case-row][data-case="${LOMBANG_VISITED}"]`).click();
    const detail = page.locator(`[data-testid=case-detail][data-case="${LOMBANG_VISITED}"]`);
    await detail.locator('[data-testid=case-decide]').waitFor();
    await screenshot(page, 'cases-visited-800x1280');
    await context.close();

    const alas = await openCases('op.alasraja', PORTRAIT);
    assert.deepEqual(await rowIds(alas.page), [ALAS_SANGGAH]);
    const refused = await alas.page.request.get(`${env.server.url}/api/v1/cases/${LOMBANG_SANGGAH}`);
    assert.equal(refused.status(), 404);
    await alas.context.close();

    const kec = await openCases('kec.blega', LANDSCAPE);
    const ids = await rowIds(kec.page);
    assert.ok(ids.includes(ALAS_SANGGAH) && ids.includes(LOMBANG_VISITED), 'both desa');
    assert.equal(ids.length, 6);
    await screenshot(kec.page, 'cases-kecamatan-1280x800');
    // Offline the page says plainly that it needs the internet.
    await kec.context.setOffline(true);
    await kec.page.locator('[data-testid=cases-offline]', { hasText: 'hanya dapat dibuka saat tersambung' }).waitFor();
    assert.equal(await kec.page.locator('[data-testid=case-detail]').count(), 0);
    await kec.context.close();
  });
});
