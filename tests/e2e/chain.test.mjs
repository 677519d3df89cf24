// The whole way of one proposal in real browsers, five users: the desa operator proposes a family
// on the tablet and takes it through a musdes (agenda, printed berita acara, decision, four
// evidence uploads); the kecamatan returns it with a reason; the desa revises and resubmits it
// through a second musdes; the kecamatan approves it (a selection), the Dinas verifies, the
// Kepala Dinas signs off; the Bupati's ratification is refused outside H-1 with the next opening
// and done on H-1 (the server's clock moved by restarting it with `--clock-at`). Afterwards
// `tepat audit verify` passes on the server's file and fails once a byte of the log is altered.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  cameraPhoto, evidenceFile, holdMusdesByApi, launchBrowser, logIn, screenshot, startServer,
} from './support.mjs';

const NOV_20 = '2026-11-20T03:00:00Z';
const NOV_29 = '2026-11-29T03:00:00Z';
const SYNC = ['--sync-interval', '2'];
const PORTRAIT = { width: 800, height: 1280 };
const LANDSCAPE = { width: 1280, height: 800 };
const REASON = 'Foto rumah belum jelas, mohon foto ulang dari depan.';

describe('a proposal from the desa to the Bupati', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer(['--clock-at', NOV_20, ...SYNC]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A logged-in context for `username`, its clock on the server's day. */
  async function session(username, viewport, now = NOV_20) {
    const context = await browser.newContext({ viewport, locale: 'id-ID' });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(now));
    await logIn(page, server.url, username);
    await page.locator('[data-testid=sync-status]').waitFor();
    return { context, page };
  }

  /**
   * Waits until the step "Ajukan ke musdes" is taken on the tablet and has reached the server: the
   * card reads "Menunggu musdes" and no longer says it is unsent. (Waiting only for the pending
   * counter to be gone raced the click: the counter could be gone before the step was queued.)
   */
  async function sentToMusdes(page, card) {
    await card.locator('[data-testid=proposal-state]', { hasText: 'Menunggu musdes' }).waitFor();
    await card.locator('[data-testid=proposal-pending]').waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: 15_000 });
  }

  /** Opens the chain user's queue and the review of `proposal`. */
  async function review(page, proposal) {
    await page.click('[data-testid=nav-queue] a');
    await page.waitForURL('**/antrean');
    const row = page.locator(`[data-testid=queue-row][data-proposal="${proposal}"]`);
    await row.locator('[data-testid=queue-open]').click();
    const shown = page.locator('[data-testid=review]');
    await shown.locator('[data-testid=history-line]').first().waitFor();
    return { row, shown };
  }

  test('proposed, deliberated, returned, resubmitted, approved up the chain and ratified on H-1; the audit trail verifies', async () => {
    // The desa operator, on the tablet: a new-family proposal for one family, to the musdes.
    const desa = await session('op.lombangdajah', PORTRAIT);
    await desa.page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
    const familyRow = desa.page.locator('[data-testid=family-row]').nth(5);
    const family = await familyRow.getAttribute('data-family');
    const name = await familyRow.locator('.row-name').innerText();
    await familyRow.click();
    const panel = desa.page.locator('[data-testid=family-detail] [data-testid=proposals]');
    await panel.locator('[data-testid=proposal-kind]').selectOption({ label: 'Usulan baru' });
    await panel.locator('[data-testid=create-proposal]').click();
    await panel.locator('[data-testid=step-SubmitToMusdes]').click();
    await sentToMusdes(desa.page, panel.locator('[data-testid=proposal]'));
    const list = await (await desa.page.request.get(`${server.url}/api/v1/proposals`)).json();
    const proposal = list.proposals.find((p) => p.family === family);
    assert.equal(proposal.state, 'AwaitingMusdes');

    // The musdes: scheduled, its berita acara printed with the family on the agenda.
    await desa.page.click('.topbar-nav >> text=Musdes');
    await desa.page.fill('[data-testid=musdes-place]', 'Balai Desa Lombang Dajah');
    await desa.page.fill('[data-testid=musdes-chair]', 'H. Ahmad (Ketua BPD)');
    await desa.page.click('[data-testid=schedule-submit]');
    const item = desa.page.locator(`[data-testid=agenda-item][data-proposal="${proposal.id}"]`);
    await item.waitFor();
    assert.equal(await item.locator('[data-testid=agenda-name]').innerText(), name);
    await desa.page.click('text=Cetak berita acara');
    await desa.page.locator('[data-testid=paper]', { hasText: name }).waitFor();
    assert.match(await desa.page.locator('[data-testid=paper]').innerText(), /BERITA ACARA/);
    await screenshot(desa.page, 'chain-berita-acara');
    await desa.page.click('text=Kembali ke musdes');

    // The meeting agrees; the four documents; closing sends it to the kecamatan.
    await item.locator('[data-testid=decide-yes]').click();
    await item.locator('[data-testid=save-decision]').click();
    await item.locator('[data-testid=decision]', { hasText: 'Disetujui' }).waitFor();
    const uploads = [
      ['BeritaAcara', { name: 'berita-acara.pdf', mimeType: 'application/pdf', buffer: evidenceFile('pdf') }],
      ['FotoRapat', { name: 'rapat.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(desa.page, 1600, 1200) }],
      ['DaftarHadir', { name: 'hadir.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(desa.page, 1200, 1600) }],
      ['FotoPengumuman', { name: 'pengumuman.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(desa.page, 1000, 700) }],
    ];
    for (const [document, file] of uploads) {
      await desa.page.setInputFiles(`[data-testid=evidence-input-${document}]`, file);
      await desa.page.locator(`[data-testid=evidence-${document}] [data-testid=evidence-file]`).waitFor();
    }
    desa.page.once('dialog', (dialog) => dialog.accept());
    await desa.page.click('[data-testid=close-musdes]');
    await desa.page.locator('[data-testid=musdes-outcome]', { hasText: `${name}: dikirim ke kecamatan.` }).waitFor();

    // The kecamatan reads the review with the musdes evidence, and returns it with a reason.
    const kec = await session('kec.blega', LANDSCAPE);
    const first = await review(kec.page, proposal.id);
    await first.shown.locator('[data-testid=musdes-evidence-files] a').nth(3).waitFor();
    assert.match(await first.shown.locator('[data-testid=musdes-evidence]').innerText(), /Disetujui/);
    await screenshot(kec.page, 'chain-kecamatan-review-1280x800');
    await first.shown.locator('[data-testid=review-return]').click();
    await first.shown.locator('[data-testid=return-send]').click();
    await first.shown.locator('[data-testid=return-reason-error]').waitFor();
    await first.shown.locator('[data-testid=return-reason]').fill(REASON);
    await first.shown.locator('[data-testid=return-send]').click();
    await kec.page.locator('[data-testid=queue-notice]', { hasText: 'Dikembalikan' }).waitFor();

    // The desa sees why on the family (a sync brings it: "Sinkronkan", as the tablet's clock
    // stands still in this test), revises and resubmits.
    await desa.page.click('.topbar-nav >> text=Peta');
    await desa.page.click('[data-testid=sync-now]');
    await desa.page.locator(`[data-testid=family-row][data-family="${family}"]`).click();
    const card = desa.page.locator('[data-testid=family-detail] [data-testid=proposal]');
    await card.locator('[data-testid=returned-reason]', { hasText: REASON }).waitFor({ timeout: 20_000 });
    await screenshot(desa.page, 'chain-returned-800x1280');
    await card.locator('[data-testid=step-Revise]').click();
    await card.locator('[data-testid=step-SubmitToMusdes]').click();
    await sentToMusdes(desa.page, card);
    // A second musdes deliberates it again (the whole musdes by the API this time: its UI is
    // covered above and in musdes.test.mjs).
    const second = await holdMusdesByApi(desa.page.request, server.url, { date: '2026-11-20' });
    assert.equal(second.agenda.find((i) => i.proposal === proposal.id).state, 'KecamatanCheck');
    await desa.context.close();

    // The kecamatan approves it as a selection.
    await kec.page.reload();
    await kec.page.locator('[data-testid=queue-count]').waitFor();
    const again = kec.page.locator(`[data-testid=queue-row][data-proposal="${proposal.id}"]`);
    await again.locator('[data-testid=queue-pick]').check();
    kec.page.once('dialog', (dialog) => dialog.accept());
    await kec.page.click('[data-testid=bulk-approve]');
    await kec.page.locator('[data-testid=bulk-result]', { hasText: 'Verifikasi Dinas Sosial' }).waitFor();
    await kec.context.close();

    // The Dinas verifies, the Kepala Dinas signs off, each from the review.
    for (const [username, label, next] of [
      ['dinsos', 'Verifikasi', 'Persetujuan Kepala Dinas'],
      ['kadinsos', 'Setujui (Kepala Dinas)', 'Pengesahan Bupati'],
    ]) {
      const office = await session(username, LANDSCAPE);
      const { shown } = await review(office.page, proposal.id);
      assert.equal(await shown.locator('[data-testid=review-step]').innerText(), label);
      await shown.locator('[data-testid=review-step]').click();
      await office.page.locator('[data-testid=queue-notice]', { hasText: next }).waitFor();
      await office.context.close();
    }

    // The Bupati on 20 Nov: outside H-1, the button waits and the server refuses with the date.
    const early = await session('bupati', LANDSCAPE);
    const { shown } = await review(early.page, proposal.id);
    assert.equal(await shown.locator('[data-testid=review-step]').isDisabled(), true);
    assert.match(await shown.locator('[data-testid=review-window]').innerText(), /29 Nov 2026/);
    await screenshot(early.page, 'chain-ratification-closed-1280x800');
    const refused = await early.page.request.post(`${server.url}/api/v1/proposals/${proposal.id}/steps`, {
      data: { step: 'Ratify' }, headers: { accept: 'application/json' },
    });
    assert.equal(refused.status(), 409);
    assert.equal((await refused.json()).message, 'Pengesahan hanya dibuka pada H-1 akhir bulan. Dibuka lagi 29 Nov 2026.');
    await early.context.close();

    // 29 Nov (H-1): the server's clock moved (restarted on the same data and address).
    await server.stop({ keepData: true });
    server = await startServer(['--clock-at', NOV_29, ...SYNC], { dataDir: server.dataDir, port: new URL(server.url).port });
    const onTime = await session('bupati', LANDSCAPE, NOV_29);
    const ratify = await review(onTime.page, proposal.id);
    await ratify.shown.locator('[data-testid=review-step]', { hasText: 'Sahkan' }).click();
    await onTime.page.locator('[data-testid=queue-notice]', { hasText: 'Disahkan' }).waitFor();
    const done = await (await onTime.page.request.get(`${server.url}/api/v1/proposals/${proposal.id}`)).json();
    assert.equal(done.state, 'Ratified');
    const steps = done.steps.map((s) => `${s.by}:${typeof s.step === 'string' ? s.step : Object.keys(s.step)[0]}`);
    assert.deepEqual(steps, [
      'op.lombangdajah:SubmitToMusdes', 'op.lombangdajah:RecordMusdesDecision', 'op.lombangdajah:SendUp',
      'kec.blega:Return', 'op.lombangdajah:Revise', 'op.lombangdajah:SubmitToMusdes',
      'op.lombangdajah:RecordMusdesDecision', 'op.lombangdajah:SendUp', 'kec.blega:Approve',
      'dinsos:Verify', 'kadinsos:SignOff', 'bupati:Ratify',
    ]);
    await onTime.context.close();

    // The audit trail of all this verifies; one byte altered in the log, it does not.
    await server.stop({ keepData: true });
    const verify = () => spawnSync(process.env.TEPAT_BIN, ['audit', 'verify', '--data-dir', server.dataDir], { encoding: 'utf8' });
    const intact = verify();
    assert.equal(intact.status, 0, intact.stdout + intact.stderr);
    assert.match(intact.stdout, /^Jejak audit utuh: \d+ catatan/);
    const file = path.join(server.dataDir, 'tepat.redb');
    const bytes = await readFile(file);
    // "ditutup" is written only by the audit trail (a musdes closed).
    // Every copy of it (redb writes pages copy-on-write, so older copies may lie in free pages).
    let altered = 0;
    for (let at = bytes.indexOf(' ditutup'); at >= 0; at = bytes.indexOf(' ditutup', at + 1)) {
      bytes[at + 2] ^= 0x01;
      altered += 1;
    }
    assert.ok(altered > 0, 'the log is in the file');
    await writeFile(file, bytes);
    const tampered = verify();
    assert.notEqual(tampered.status, 0, 'an altered byte is found');
    assert.match(tampered.stdout + tampered.stderr, /catatan|baris|rusak|diubah/i);
  });
});
