// The citizens' channel end to end (issue #8's acceptance): a resident objects to a recipient family
// on the public page (no account, a phone); the case lands in the desa operator's inbox; the operator
// visits, links the family and decides with evidence; the resident reads the decision by the case
// code. The other desa's operator never sees the case, and the public case page never shows the
// reporter's phone.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cameraPhoto, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const PHONE = { width: 390, height: 844 };
const LANDSCAPE = { width: 1280, height: 800 };
const DETAIL = 'Punya mobil pikap baru, dipakai setiap hari ke pasar.';
const DECISION = 'Terbukti memiliki mobil pikap; diusulkan penonaktifan.';
const REPORTER_PHONE = '0812-7777-3131';

describe('a sanggah from the public page to its decision', () => {
  const env = withServerAndBrowser();

  test('filed publicly, in the desa inbox, visited and decided; the reporter reads the decision by its code', async () => {
    const { server, browser } = env;
    // The operator's tablet names a family of the desa (the resident knows it by name).
    const staff = await browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
    const op = await staff.newPage();
    await logIn(op, server.url, 'op.lombangdajah');
    await op.waitForURL('**/peta');
    const row = op.locator('[data-testid=family-row]').nth(3);
    const family = await row.getAttribute('data-family');
    const name = (await row.locator('.row-name').innerText()).trim();

    // The resident, on a phone, without an account.
    const residentContext = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const resident = await residentContext.newPage();
    await resident.goto(`${server.url}/publik/sanggah`);
    await resident.selectOption('select[name=desa]', '35.26.15.2012');
    await resident.fill('[name=nama]', name.toUpperCase());
    await resident.fill('[name=dusun]', 'Dajah');
    await resident.check('input[name=alasan][value=mobil]');
    await resident.fill('[name=keterangan]', DETAIL);
    await resident.fill('[name=telepon]', REPORTER_PHONE);
    await resident.locator('form button[type=submit]').click();
    const code = (await resident.locator('[data-testid=case-code]').first().innerText()).trim();
    assert.match(code, /^SGH-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    assert.match(await resident.locator('[data-testid=case-state]').innerText(), /menunggu kunjungan/);
    await screenshot(resident, 'citizens-sanggah-filed-390x844');

    // The other desa's operator does not see it.
    const otherContext = await browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
    const other = await otherContext.newPage();
    await logIn(other, server.url, 'op.alasraja');
    const theirs = await (await other.request.get(`${server.url}/api/v1/cases`, { headers: { accept: 'application/json' } })).json();
    assert.ok(!JSON.stringify(theirs).includes(code), 'Alas Rajah sees no Lombang Dajah case');
    const theirBell = await (await other.request.get(`${server.url}/api/v1/notifications`)).json();
    assert.ok(!JSON.stringify(theirBell).includes(code), 'nor its notification');
    await otherContext.close();

    // The desa is told (the bell): kind and code, nothing the resident wrote.
    const bell = await (await op.request.get(`${server.url}/api/v1/notifications`)).json();
    const told = bell.notifications.find((n) => n.message.includes(code));
    assert.equal(told?.message, `Sanggahan baru dari warga (${code}): kunjungi dan putuskan di menu Kasus.`);

    // The desa operator's inbox: the case is new; visited, linked to the family, decided.
    await op.click('[data-testid=nav-cases] a');
    await op.waitForURL('**/kasus');
    const caseRow = op.locator(`[data-testid=case-row][data-code="${code}"]`);
    await caseRow.waitFor();
    assert.equal(await caseRow.getAttribute('data-state'), 'baru');
    await caseRow.click();
    const detail = op.locator('[data-testid=case-detail]');
    assert.equal(await detail.locator('[data-testid=case-phone]').getAttribute('href'), 'tel:081277773131');
    await detail.locator(`[data-testid=case-link][data-family="${family}"]`).waitFor();
    await detail.locator('[data-testid=case-visit-note]').fill('Rumah dikunjungi; mobil pikap ada di halaman.');
    await op.setInputFiles('[data-testid=case-visit-photo]', { name: 'kunjungan.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(op, 1600, 1200) });
    await detail.locator('[data-testid=case-visit-photo-ready]').waitFor();
    await detail.locator('[data-testid=case-visit-submit]').click();
    await detail.locator('[data-testid=case-state]', { hasText: 'Sudah dikunjungi' }).waitFor();
    await detail.locator(`[data-testid=case-link][data-family="${family}"]`).click();
    await detail.locator(`[data-testid=case-linked] .case-family[data-family="${family}"]`).waitFor();
    await op.check('[data-testid=case-outcome-Confirmed]');
    await op.fill('[data-testid=case-decision-note]', DECISION);
    await op.setInputFiles('[data-testid=case-evidence]', { name: 'bukti.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(op, 1200, 900) });
    await detail.locator('[data-testid=case-evidence-ready]').waitFor();
    await detail.locator('[data-testid=case-decide]').click();
    await detail.locator('[data-testid=case-state]', { hasText: 'Selesai' }).waitFor();
    await screenshot(op, 'citizens-case-decided-1280x800');
    await staff.close();

    // The resident reads the decision by the code, typed loosely; never their phone.
    await resident.goto(`${server.url}/publik/kasus`);
    await resident.fill('[data-testid=kasus-kode]', code.toLowerCase().replaceAll('-', ' '));
    await resident.locator('form button[type=submit]').click();
    assert.match(await resident.locator('[data-testid=case-outcome]').innerText(), /Sanggahan terbukti/);
    assert.match(await resident.locator('[data-testid=case-note]').innerText(), /diusulkan penonaktifan/);
    const text = await resident.locator('body').innerText();
    assert.ok(!text.includes('7777'), 'the reporter\'s phone is never on a public page');
    assert.ok(!text.includes(family), 'no family id on the public page');
    await screenshot(resident, 'citizens-sanggah-decided-390x844');
    await residentContext.close();
  });
  test('an usul naming a registered head by NIK, with a house photo: flagged as a likely duplicate, its photo shown to the desa', async () => {
    const { server, browser } = env;
    const staff = await browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
    const op = await staff.newPage();
    await logIn(op, server.url, 'op.lombangdajah');
    await op.waitForURL('**/peta');
    const list = await (await op.request.get(`${server.url}/api/v1/families`)).json();
    const registered = list.families[6].id;
    const record = (await (await op.request.get(`${server.url}/api/v1/families/${registered}`)).json()).record;
    const head = record.members.find((m) => m.relation === 'KepalaKeluarga');

    const residentContext = await browser.newContext({ viewport: PHONE, locale: 'id-ID' });
    const resident = await residentContext.newPage();
    await resident.goto(`${server.url}/publik/usul`);
    await resident.selectOption('#desa', '35.26.15.2012');
    await resident.fill('[data-testid=usul-nama]', head.name);
    await resident.fill('[name=nik]', head.nik);
    await resident.fill('[data-testid=usul-alamat]', 'Dekat musala, rumah papan');
    await resident.fill('[data-testid=usul-dusun]', 'Dajah');
    await resident.fill('[data-testid=usul-alasan]', 'Tetangga kami, kepala keluarga sakit dan tidak bekerja.');
    await resident.fill('[data-testid=usul-telepon]', '0813 2222 1111');
    await resident.setInputFiles('#foto', { name: 'rumah.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(resident, 1200, 900) });
    await Promise.all([resident.waitForURL(/\/publik\/kasus\/USL-/), resident.click('[data-testid=usul-submit]')]);
    const code = (await resident.innerText('[data-testid=case-code]')).trim();
    await residentContext.close();

    await op.click('[data-testid=nav-cases] a');
    const caseRow = op.locator(`[data-testid=case-row][data-code="${code}"]`);
    await caseRow.waitFor();
    await caseRow.locator('[data-testid=case-duplicate]').waitFor();
    await caseRow.click();
    const detail = op.locator('[data-testid=case-detail]');
    await detail.locator(`[data-testid=case-link][data-family="${registered}"]`).waitFor();
    const photo = detail.locator('img.case-photo').first();
    await photo.waitFor();
    await op.waitForFunction((img) => img.complete && img.naturalWidth === 1200, await photo.elementHandle());
    await screenshot(op, 'citizens-usul-duplicate-1280x800');
    await staff.close();
  });
});
