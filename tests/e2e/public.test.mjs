// The residents' public pages in a real browser, at phone size (390x844) and on a tablet: the
// status check answers a matching NIK + name and gives one neutral answer to everything else,
// then refuses the 21st check in a minute from one address; an usul with a house photo and a
// sanggah each give a case code whose page says where the case stands; the published musdes
// notice names the agreed family and shows no NIK, no masked NIK and no score.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cameraPhoto, holdMusdesByApi, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const SERVER_NOW = '2026-11-20T03:00:00Z';
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 800, height: 1280 };
const LOMBANG_DAJAH = '35.26.15.2012';
const ALAS_RAJA = '35.26.15.2004';
const NEUTRAL = 'Data tidak ditemukan untuk NIK dan nama ini di desa yang dipilih. Periksa ejaan nama seperti di KK, atau hubungi operator desa.';

/** An operator's API session (a logged-in browser context's request). */
async function operator(env, username) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(SERVER_NOW));
  await logIn(page, env.server.url, username);
  await page.locator('[data-testid=sync-status]').waitFor();
  return { context, page };
}

/** The head of the first family of the operator's desa: its NIK and name as on the KK. */
async function firstHead(env, page, index = 0) {
  const list = await (await page.request.get(`${env.server.url}/api/v1/families`)).json();
  const id = list.families[index].id;
  const detail = await (await page.request.get(`${env.server.url}/api/v1/families/${id}`)).json();
  const head = detail.record.members.find((m) => m.relation === 'KepalaKeluarga');
  return { nik: head.nik, name: head.name, id };
}

async function check(page, url, { nik, name, desa }) {
  await page.goto(`${url}/publik/cek`);
  await page.fill('[data-testid=cek-nik]', nik);
  await page.fill('[data-testid=cek-nama]', name);
  await page.selectOption('#desa', desa);
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.click('[data-testid=cek-submit]'),
  ]);
  return response.status();
}

describe('the residents\' public pages', () => {
  const env = withServerAndBrowser(['--clock-at', SERVER_NOW]);

  test('status check: a match says Terdaftar, every miss the same neutral answer, the 21st check in a minute is refused', async () => {
    const { context: opContext, page: opPage } = await operator(env, 'op.lombangdajah');
    const home = await firstHead(env, opPage);
    // The family has a proposal in draft: the check reads it in words.
    const proposed = await opPage.request.post(`${env.server.url}/api/v1/proposals`, { data: { family: home.id, kind: 'NewFamily' } });
    assert.equal(proposed.status(), 200);
    await opContext.close();
    const { context: awayContext, page: awayPage } = await operator(env, 'op.alasraja');
    const away = await firstHead(env, awayPage);
    await awayContext.close();
    assert.match(home.nik, /^\d{16}$/);

    const context = await env.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const url = env.server.url;
    await page.goto(`${url}/publik`);
    await page.locator('[data-testid=services]').waitFor();
    await screenshot(page, 'public-home-390');

    assert.equal(await check(page, url, { nik: home.nik, name: home.name, desa: LOMBANG_DAJAH }), 200);
    assert.equal(await page.innerText('[data-testid=cek-status]'), 'Terdaftar');
    assert.ok((await page.innerText('[data-testid=cek-answer]')).includes('Desa Lombang Dajah'));
    assert.equal(await page.innerText('[data-testid=cek-proposal]'), 'Usulan baru — Draf');
    await screenshot(page, 'public-cek-found-390');

    const misses = [
      { nik: home.nik, name: 'Nama Yang Salah', desa: LOMBANG_DAJAH },
      { nik: '3526151201900099', name: home.name, desa: LOMBANG_DAJAH },
      { nik: away.nik, name: away.name, desa: LOMBANG_DAJAH },
    ];
    const answers = [];
    for (const miss of misses) {
      assert.equal(await check(page, url, miss), 200);
      answers.push(await page.innerText('[data-testid=cek-answer]'));
      assert.equal(await page.locator('[data-testid=cek-status]').count(), 0);
    }
    assert.equal(await page.innerText('[data-testid=cek-neutral]'), NEUTRAL);
    assert.deepEqual(answers, [answers[0], answers[0], answers[0]], 'one neutral answer');
    await screenshot(page, 'public-cek-neutral-390');

    // Four checks so far; sixteen more are allowed in this minute, the next is refused.
    for (let n = 5; n <= 20; n += 1) {
      const nik = `35261512019000${String(n).padStart(2, '0')}`;
      assert.equal(await check(page, url, { nik, name: 'Warga Uji', desa: LOMBANG_DAJAH }), 200, `check ${n}`);
    }
    assert.equal(await check(page, url, { nik: '3526151201900021', name: 'Warga Uji', desa: LOMBANG_DAJAH }), 429);
    assert.equal(await page.innerText('[data-testid=message] p'),
      'Terlalu banyak pengecekan dari perangkat ini. Coba lagi dalam 1 menit.');
    await screenshot(page, 'public-cek-refused-390');
    await context.close();

    const tablet = await env.browser.newContext({ viewport: TABLET });
    const tabletPage = await tablet.newPage();
    await tabletPage.goto(`${url}/publik/cek`);
    await screenshot(tabletPage, 'public-cek-form-800x1280');
    await tablet.close();
  });

  test('an usul with a house photo and a sanggah each give a case code to follow', async () => {
    const context = await env.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const url = env.server.url;

    await page.goto(`${url}/publik/usul`);
    await page.selectOption('#desa', LOMBANG_DAJAH);
    await page.fill('[data-testid=usul-nama]', 'Sumiati Binti Sahrul');
    await page.fill('[data-testid=usul-alamat]', 'Gang Mawar, belakang langgar');
    await page.fill('[data-testid=usul-dusun]', 'Barat');
    await page.fill('[data-testid=usul-rt]', '002');
    await page.fill('[data-testid=usul-rw]', '001');
    await page.fill('[data-testid=usul-alasan]', 'Janda dengan tiga anak, rumah bambu hampir roboh.');
    // Without a phone: refused beside the field, what was typed kept.
    await Promise.all([page.waitForNavigation(), page.click('[data-testid=usul-submit]')]);
    assert.equal(await page.innerText('[data-testid=error-telepon]'),
      'Isi nomor telepon yang bisa dihubungi, misalnya 0812 3456 7890.');
    assert.equal(await page.inputValue('[data-testid=usul-nama]'), 'Sumiati Binti Sahrul');
    await screenshot(page, 'public-usul-error-390');
    await page.fill('[data-testid=usul-telepon]', '0812 3456 7890');
    await page.check('[data-testid=usul-sendiri]');
    const photo = await cameraPhoto(page, 1200, 900);
    await page.setInputFiles('#foto', { name: 'rumah.jpg', mimeType: 'image/jpeg', buffer: photo });
    await Promise.all([page.waitForURL(/\/publik\/kasus\/USL-.*\?baru=1$/), page.click('[data-testid=usul-submit]')]);
    const usulCode = await page.innerText('[data-testid=case-code]');
    assert.match(usulCode, /^USL-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    assert.equal(await page.innerText('[data-testid=case-state]'), 'Diterima, menunggu kunjungan');
    await screenshot(page, 'public-usul-filed-390');

    await page.goto(`${url}/publik/sanggah`);
    await page.selectOption('#desa', LOMBANG_DAJAH);
    await page.fill('[data-testid=sanggah-nama]', 'Moh. Hasan');
    await page.fill('[data-testid=sanggah-dusun]', 'Timur');
    await page.check('[data-testid=alasan-mobil]');
    await page.fill('[data-testid=sanggah-keterangan]', 'Baru membeli mobil dan membangun rumah dua lantai.');
    await screenshot(page, 'public-sanggah-form-390');
    await Promise.all([page.waitForURL(/\/publik\/kasus\/SGH-.*\?baru=1$/), page.click('[data-testid=sanggah-submit]')]);
    const sanggahCode = await page.innerText('[data-testid=case-code]');
    assert.match(sanggahCode, /^SGH-/);

    // Followed later by the code as typed on the lookup form.
    for (const code of [usulCode, sanggahCode]) {
      await page.goto(`${url}/publik/kasus`);
      await page.fill('[data-testid=kasus-kode]', code.toLowerCase());
      await Promise.all([page.waitForURL(`${url}/publik/kasus/${code}`), page.click('[data-testid=kasus-submit]')]);
      assert.equal(await page.innerText('[data-testid=case-state]'), 'Diterima, menunggu kunjungan');
      assert.equal(await page.innerText('[data-testid=case-desa]'), 'Desa Lombang Dajah');
      assert.ok(!(await page.innerText('body')).includes('0812'), 'never the phone');
    }
    await screenshot(page, 'public-kasus-390');
    await context.close();
  });

  test('the published musdes notice names the agreed family, with no NIK and no score', async () => {
    const { context: opContext, page: opPage } = await operator(env, 'op.lombangdajah');
    const url = env.server.url;
    const head = await firstHead(env, opPage, 1);
    const created = await (await opPage.request.post(`${url}/api/v1/proposals`, { data: { family: head.id, kind: 'NewFamily' } })).json();
    const stepped = await opPage.request.post(`${url}/api/v1/proposals/${created.id}/steps`, { data: { step: 'SubmitToMusdes' } });
    assert.equal(stepped.status(), 200);
    const closed = await holdMusdesByApi(opPage.request, url, { date: '2026-11-20' });
    await opContext.close();

    const context = await env.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${url}/publik/musdes`);
    await page.click(`a[href="/publik/musdes/${LOMBANG_DAJAH}"]`);
    await page.locator('[data-testid=musdes-notice]').first().waitFor();
    const names = await page.locator('[data-testid=agreed-name]').allInnerTexts();
    assert.ok(names.includes(head.name), `${head.name} in ${names}`);
    const text = await page.innerText('body');
    assert.doesNotMatch(text, /\d{16}/, 'no NIK or KK');
    assert.ok(!text.includes('••'), 'no masked NIK');
    assert.doesNotMatch(text, /skor|desil/i);
    assert.ok(text.includes('PENGUMUMAN HASIL MUSYAWARAH DESA LOMBANG DAJAH'));
    await screenshot(page, 'public-musdes-390');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'public-musdes-print');
    const one = await page.goto(`${url}/publik/musdes/${LOMBANG_DAJAH}/${closed.id}`);
    assert.equal(one.status(), 200);
    await context.close();
  });
});
