// The village meeting in a real browser: the desa operator schedules it (checked), prints the
// berita acara and the daftar hadir, records a decision per proposal, uploads the evidence;
// closing is refused naming what is missing, then sends the agreed proposal up. The kecamatan
// sees each desa's standing. The server's clock stands on 20 Nov 2026 (`--clock-at`) and the
// browsers' clocks with it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cameraPhoto, evidenceFile, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const SERVER_NOW = '2026-11-20T03:00:00Z';

/** A browser context for `username` at `size`, its clock on the server's day; logged in. */
async function session(env, username, size = { width: 1280, height: 800 }) {
  const context = await env.browser.newContext({ viewport: size });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(SERVER_NOW));
  await logIn(page, env.server.url, username);
  await page.locator('[data-testid=sync-status]').waitFor();
  return { context, page };
}

/** Proposals for the first `n` families of Lombang Dajah, put to the musdes, through the API. */
async function proposalsAwaitingMusdes(env, page, n) {
  const api = page.request;
  const list = await (await api.get(`${env.server.url}/api/v1/families`)).json();
  const ids = [];
  for (const family of list.families.slice(0, n)) {
    const created = await (await api.post(`${env.server.url}/api/v1/proposals`, { data: { family: family.id, kind: 'NewFamily' } })).json();
    const stepped = await api.post(`${env.server.url}/api/v1/proposals/${created.id}/steps`, { data: { step: 'SubmitToMusdes' } });
    assert.equal(stepped.status(), 200);
    ids.push({ id: created.id, name: family.head_name, family: family.id });
  }
  return ids;
}

describe('the village meeting (musdes)', () => {
  const env = withServerAndBrowser(['--clock-at', SERVER_NOW]);

  test('scheduled, printed, decided, evidenced; closing is refused until complete and then sends the agreed proposal up', async () => {
    const { context, page } = await session(env, 'op.lombangdajah', { width: 800, height: 1280 });
    const proposals = await proposalsAwaitingMusdes(env, page, 2);

    await page.click('.topbar-nav >> text=Musdes');
    await page.locator('[data-testid=musdes-overdue]').waitFor();
    assert.equal(await page.locator('[data-testid=musdes-overdue]').innerText(),
      'Musdes desa ini terlambat sejak 2 Apr 2024 (belum pernah musdes).');
    assert.match(await page.locator('[data-testid=schedule-waiting]').innerText(), /^2 usulan menunggu musdes/);
    // Checked before it is sent, in the domain's words.
    await page.fill('[data-testid=musdes-chair]', 'H. Ahmad (Ketua BPD)');
    await page.click('[data-testid=schedule-submit]');
    assert.equal(await page.locator('[data-testid=schedule-error]').innerText(), 'Tulis tempat musdes (paling sedikit 3 huruf).');
    await page.fill('[data-testid=musdes-place]', 'Balai Desa Lombang Dajah');
    await page.fill('[data-testid=musdes-time]', '09:30');
    assert.equal(await page.inputValue('[data-testid=musdes-date]'), '2026-11-20');
    await screenshot(page, 'musdes-schedule-800x1280');
    await page.click('[data-testid=schedule-submit]');

    // The meeting: its agenda is the two proposals, no full NIK anywhere.
    await page.locator('[data-testid=musdes-meeting] [data-testid=agenda-item]').nth(1).waitFor();
    assert.equal(await page.locator('[data-testid=musdes-when]').innerText(), 'Jumat, 20 Nov 2026 · 09:30 · Balai Desa Lombang Dajah');
    const names = await page.locator('[data-testid=agenda-name]').allTextContents();
    assert.deepEqual(names, proposals.map((p) => p.name));

    // The berita acara, pre-filled, printable.
    await page.click('text=Cetak berita acara');
    const paper = page.locator('[data-testid=paper]');
    await paper.locator('[data-testid=minutes-agenda] tbody tr').nth(1).waitFor();
    const minutes = await paper.innerText();
    assert.match(minutes, /BERITA ACARA/);
    assert.match(minutes, /Pada hari Jumat, tanggal 20 Nov 2026, pukul 09:30 WIB, bertempat di Balai Desa Lombang Dajah/);
    assert.match(minutes, /KECAMATAN BLEGA/);
    for (const p of proposals) assert.ok(minutes.includes(p.name), p.name);
    assert.doesNotMatch(minutes, /\d{16}/, 'no whole NIK on the printed page');
    assert.match(minutes, /352615•+\d\d/);
    await screenshot(page, 'musdes-berita-acara');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.print-tools').isVisible(), false, 'the buttons are not printed');
    await page.emulateMedia({ media: 'screen' });
    await page.click('text=Kembali ke musdes');
    await page.click('text=Cetak daftar hadir');
    await page.locator('[data-testid=attendance-rows] tbody tr').nth(29).waitFor();
    assert.match(await paper.innerText(), /DAFTAR HADIR/);
    await screenshot(page, 'musdes-daftar-hadir');
    await page.click('text=Kembali ke musdes');

    // Decisions: the first agreed; the second not, which needs a reason.
    const items = page.locator('[data-testid=agenda-item]');
    await items.nth(0).locator('[data-testid=decide-yes]').click();
    await items.nth(0).locator('[data-testid=save-decision]').click();
    await items.nth(0).locator('[data-testid=decision]', { hasText: 'Disetujui' }).waitFor();
    await items.nth(1).locator('[data-testid=decide-no]').click();
    await items.nth(1).locator('[data-testid=decision-note]').fill('tidak');
    await items.nth(1).locator('[data-testid=save-decision]').click();
    assert.match(await items.nth(1).locator('[data-testid=decision-error]').innerText(), /^Tulis alasan musdes tidak menyetujui/);
    await items.nth(1).locator('[data-testid=decision-note]').fill('Keluarga sudah menerima bantuan dari program lain');
    await items.nth(1).locator('[data-testid=save-decision]').click();
    await items.nth(1).locator('[data-testid=decision]', { hasText: 'Tidak disetujui' }).waitFor();

    // Three of the four documents: closing names the one missing.
    const photo = await cameraPhoto(page, 1800, 1200);
    await page.setInputFiles('[data-testid=evidence-input-BeritaAcara]', { name: 'berita-acara.pdf', mimeType: 'application/pdf', buffer: evidenceFile('pdf') });
    await page.locator('[data-testid=evidence-BeritaAcara] [data-testid=evidence-file]').waitFor();
    await page.setInputFiles('[data-testid=evidence-input-FotoRapat]', { name: 'rapat.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-testid=evidence-FotoRapat] [data-testid=evidence-file]').waitFor();
    await page.setInputFiles('[data-testid=evidence-input-FotoPengumuman]', { name: 'pengumuman.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page, 1000, 800) });
    await page.locator('[data-testid=evidence-FotoPengumuman] [data-testid=evidence-file]').waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('[data-testid=close-musdes]');
    assert.equal(await page.locator('[data-testid=error-close]').innerText(), 'Hasil musdes belum lengkap: unggah daftar hadir.');
    await screenshot(page, 'musdes-close-refused-800x1280');

    // The fourth, then closing sends the agreed proposal to the kecamatan.
    await page.setInputFiles('[data-testid=evidence-input-DaftarHadir]', { name: 'daftar-hadir.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page, 1200, 1600) });
    await page.locator('[data-testid=evidence-DaftarHadir] [data-testid=evidence-file]').waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('[data-testid=close-musdes]');
    await page.locator('[data-testid=musdes-outcome]').waitFor();
    assert.equal(await page.locator('[data-testid=musdes-outcome] li').innerText(), `${proposals[0].name}: dikirim ke kecamatan.`);
    assert.equal(await page.locator('[data-testid=musdes-state]').innerText(), 'Ditutup');
    assert.equal(await page.locator('[data-testid=close-musdes]').count(), 0);
    await screenshot(page, 'musdes-closed-800x1280');
    const states = await Promise.all(proposals.map(async (p) =>
      (await (await page.request.get(`${env.server.url}/api/v1/proposals/${p.id}`)).json()).state));
    assert.deepEqual(states, ['KecamatanCheck', 'RejectedByMusdes']);
    await context.close();

    // The kecamatan sees the standing of its desa: Lombang Dajah held it today, others overdue.
    const kec = await session(env, 'kec.blega');
    await kec.page.click('.topbar-nav >> text=Musdes');
    const row = kec.page.locator('[data-testid=musdes-standing] tr[data-desa="35.26.15.2012"]');
    await row.waitFor();
    assert.match(await row.innerText(), /20 Nov 2026/);
    assert.match(await row.innerText(), /tepat waktu/);
    assert.match(await kec.page.locator('[data-testid=musdes-standing] tr.overdue').first().innerText(), /terlambat sejak/);
    await screenshot(kec.page, 'musdes-kecamatan-1280x800');
    // It reads the meeting and its evidence, and cannot change it.
    await kec.page.click('[data-testid=musdes-list] a');
    await kec.page.locator('[data-testid=musdes-evidence] [data-testid=evidence-file]').nth(3).waitFor();
    assert.equal(await kec.page.locator('[data-testid=save-decision]').count(), 0);
    const href = await kec.page.locator('[data-testid=evidence-BeritaAcara] a').getAttribute('href');
    const pdf = await kec.page.request.get(`${env.server.url}${href}`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await kec.context.close();
  });
});
