// A field tablet without a signal: once an operator logged in and synced, the service worker
// keeps the app loading and the encrypted local copy keeps the desa's families, opened with the
// password; changes made on the server arrive by themselves; logging out with nothing unsent
// leaves nothing on the device.

import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { DEMO_PASSWORD, logIn, screenshot, unlock, withServerAndBrowser } from './support.mjs';

const SYNC_INTERVAL_SECS = 2;

/** Logs an operator in, waits for the first sync and for the service worker. */
async function syncedTablet(env, username = 'op.lombangdajah') {
  const context = await env.browser.newContext({ viewport: { width: 800, height: 1280 } });
  const page = await context.newPage();
  await logIn(page, env.server.url, username);
  await page.locator('[data-testid=family-row]').first().waitFor();
  await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  return { context, page };
}

/**
 * Registers "Sahrul Uji Luring" (two members, a pin tapped on the map, a 2400x1800 camera photo)
 * through the form and saves it; with `screenshots`, the form is photographed first.
 */
async function registerFamily(page, { screenshots = false } = {}) {
  await page.click('[data-testid=register-family]');
  await page.locator('[data-testid=register-form]').waitFor();
  // A first try with nothing filled shows what is missing, under each input.
  await page.click('[data-testid=save-family]');
  assert.ok(await page.locator('[data-testid=field-error]').count() >= 5);
  await page.fill('#kk', '3526150101250009');
  await page.fill('#street', 'Jl. Pesisir No. 7');
  await page.fill('#dusun', 'Barat');
  await page.fill('#rt', '2');
  await page.fill('#rw', '1');
  await page.click('[data-testid=pin-map]', { position: { x: 300, y: 160 } });
  await page.locator('[data-testid=pin-value]', { hasText: 'ditandai di peta' }).waitFor();
  // A camera photo larger than the app keeps: shrunk on the tablet to 1600 px.
  const photo = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 2400;
    canvas.height = 1800;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#8b5a2b';
    ctx.fillRect(0, 0, 2400, 1800);
    ctx.fillStyle = '#c0392b';
    ctx.beginPath();
    ctx.moveTo(300, 900); ctx.lineTo(1200, 200); ctx.lineTo(2100, 900); ctx.fill();
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  await page.setInputFiles('[data-testid=photo-front]', { name: 'rumah.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo, 'base64') });
  await page.locator('.photo-input [data-testid=house-photo]').waitFor();
  await page.fill('#nik-0', '3526151201850007');
  await page.fill('#name-0', 'Sahrul Uji Luring');
  await page.fill('#mother-0', 'Halimah');
  await page.selectOption('#sex-0', '1');
  await page.fill('#birth-place-0', 'Bangkalan');
  await page.fill('#birth-date-0', '1985-01-12');
  await page.click('[data-testid=add-member]');
  await page.fill('#nik-1', '3526155505870003');
  await page.fill('#name-1', 'Maimunah');
  await page.fill('#mother-1', 'Rohmah');
  await page.selectOption('#sex-1', '2');
  await page.selectOption('#relation-1', '3');
  await page.fill('#birth-place-1', 'Bangkalan');
  await page.fill('#birth-date-1', '1987-05-15');
  assert.equal(await page.locator('[data-testid=field-error]').count(), 0);
  if (screenshots) {
    await screenshot(page, 'register-offline-members-800x1280');
    await page.locator('.form-page').evaluate((e) => e.scrollTo(0, 0));
    await screenshot(page, 'register-offline-800x1280');
  }
  await page.click('[data-testid=save-family]');
}

/**
 * Corrects the street of the list's `nth` family through the form; answers the family's id once
 * the change counts as unsent.
 */
async function correctStreet(page, nth, street) {
  const row = page.locator('[data-testid=family-row]').nth(nth);
  const id = await row.getAttribute('data-family');
  await row.click();
  await page.click('[data-testid=edit-family]');
  await page.fill('#street', street);
  await page.click('[data-testid=save-family]');
  await page.locator('[data-testid=pending-count]').waitFor();
  return id;
}

/** Waits, pressing nothing, until the tablet has no unsent change or photo left. */
async function sentByItself(page) {
  await page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: (SYNC_INTERVAL_SECS + 8) * 1000 });
  await page.locator('[data-testid=pending-photos]').waitFor({ state: 'detached' });
}

/**
 * A kecamatan user (read-only role, identity masked, online) finds "Sahrul Uji Luring" and sees
 * the house photo, served by the server at the 1600x1200 the tablet shrunk it to.
 */
async function kecamatanSeesTheFamily(env, screenshotName) {
  const kec = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const kecPage = await kec.newPage();
  await logIn(kecPage, env.server.url, 'kec.blega');
  await kecPage.locator('[data-testid=family-row]').first().waitFor();
  await kecPage.fill('[data-testid=family-search]', 'Sahrul');
  await kecPage.locator('[data-testid=family-row]', { hasText: 'Sahrul Uji Luring' }).click();
  await kecPage.locator('[data-testid=family-detail] h2', { hasText: 'Sahrul Uji Luring' }).waitFor();
  assert.match(await kecPage.locator('[data-testid=family-detail]').innerText(), /352615\S*•+/);
  const served = kecPage.locator('[data-testid=family-detail] [data-testid=house-photo]');
  await served.waitFor();
  assert.match(await served.getAttribute('src'), /^\/api\/v1\/photos\/[0-9a-f]{64}$/);
  await kecPage.waitForFunction(() => document.querySelector('[data-testid=family-detail] [data-testid=house-photo]')?.naturalWidth > 0);
  assert.deepEqual(await served.evaluate((img) => [img.naturalWidth, img.naturalHeight]), [1600, 1200]);
  await screenshot(kecPage, screenshotName);
  await kec.close();
}

/** Every raw value of the vault's data store, as arrays of bytes, read straight from IndexedDB. */
function rawVault(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('tepat-vault');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['data', 'meta'], 'readonly');
      const keys = tx.objectStore('data').getAllKeys();
      const values = tx.objectStore('data').getAll();
      const meta = tx.objectStore('meta').getAllKeys();
      tx.oncomplete = () => resolve({
        keys: keys.result,
        meta: meta.result,
        sealed: values.result.map((v) => Array.from(new Uint8Array(v.sealed))),
      });
    };
  }));
}

function contains(haystack, needle) {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('field tablet offline', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('the copy is sealed at rest and opens offline with the password after a reload', async () => {
    const { context, page } = await syncedTablet(env);
    const names = await page.locator('[data-testid=family-row] .row-name').allTextContents();
    assert.equal(names.length, 20);

    // Every family is in the vault, and no name can be read from the stored bytes.
    const vault = await rawVault(page);
    assert.ok(vault.keys.filter((k) => k.includes('rec/')).length >= 20, `keys: ${vault.keys.length}`);
    const name = Array.from(new TextEncoder().encode(names[0]));
    assert.ok(vault.sealed.every((bytes) => !contains(bytes, name)), 'a head name is readable at rest');
    // The family's score, computed by the server, is seen once online.
    await page.locator('[data-testid=family-row]').first().click();
    const score = await page.locator('[data-testid=score]').innerText();

    await context.setOffline(true);
    await page.reload();
    await page.locator('[data-testid=unlock-page]').waitFor();
    await page.locator('[data-testid=offline-login]').waitFor();
    await screenshot(page, 'offline-unlock-800x1280');
    await page.fill('#unlock-password', 'bukan-sandinya');
    await page.click('[data-testid=unlock-submit]');
    assert.equal(await page.locator('[data-testid=unlock-error]').innerText(), 'Kata sandi salah.');
    await unlock(page);
    assert.deepEqual(await page.locator('[data-testid=family-row] .row-name').allTextContents(), names);
    // The day's schedule was kept too.
    assert.match(await page.locator('[data-testid=windows-title]').innerText(), /^Jadwal hari ini/);
    await page.locator('[data-testid=sync-status]', { hasText: 'Luring' }).waitFor();
    // The detail comes from the copy too, with the score last seen.
    await page.locator('[data-testid=family-row]').first().click();
    await page.locator('[data-testid=family-detail] h2', { hasText: names[0] }).waitFor();
    assert.equal(await page.locator('[data-testid=score]').innerText(), score);
    await screenshot(page, 'offline-copy-800x1280');
    await context.close();
  });

  test('a family registered offline survives a reload and reaches the server by itself', async () => {
    const { context, page } = await syncedTablet(env);
    await context.setOffline(true);
    await page.locator('[data-testid=sync-status]', { hasText: 'Luring' }).waitFor();

    await registerFamily(page, { screenshots: true });

    const row = page.locator('[data-testid=family-row]', { hasText: 'Sahrul Uji Luring' });
    await row.waitFor();
    assert.match(await page.locator('[data-testid=pending-count]').innerText(), /^1 perubahan belum terkirim/);
    assert.match(await page.locator('[data-testid=pending-photos]').innerText(), /^1 foto belum terkirim/);
    assert.equal(await page.locator('[data-testid=family-row]').count(), 21);

    // Still there after a reload without a signal.
    await page.reload();
    await unlock(page);
    await row.waitFor();
    assert.match(await page.locator('[data-testid=pending-count]').innerText(), /^1 /);
    await screenshot(page, 'registered-offline-pending');

    // The signal returns: sent without pressing anything.
    await context.setOffline(false);
    await sentByItself(page);
    await kecamatanSeesTheFamily(env, 'kecamatan-sees-tablet-family');
    await context.close();
  });

  test('a change made on the server reaches the tablet by itself within the sync interval', async () => {
    const { context, page } = await syncedTablet(env);
    const row = page.locator('[data-testid=family-row]').nth(4);
    const id = await row.getAttribute('data-family');
    const oldName = await row.locator('.row-name').innerText();

    // A Dinas operator corrects the head's name on the server.
    const office = await env.browser.newContext();
    const api = office.request;
    const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
    assert.equal((await api.post(`${env.server.url}/api/v1/auth/login`, {
      headers: json, data: { username: 'dinsos', password: DEMO_PASSWORD },
    })).status(), 200);
    const detail = await (await api.get(`${env.server.url}/api/v1/families/${id}`, { headers: json })).json();
    const family = detail.record;
    const head = family.members.find((m) => m.name === oldName);
    head.name = `${oldName} Diperbaiki`;
    assert.equal((await api.put(`${env.server.url}/api/v1/families/${id}`, { headers: json, data: family })).status(), 200);

    // Nothing is pressed on the tablet.
    await page.locator(`[data-family="${id}"] .row-name`, { hasText: 'Diperbaiki' })
      .waitFor({ timeout: (SYNC_INTERVAL_SECS + 8) * 1000 });
    await office.close();
    await context.close();
  });

  test('unsent changes saved to a file open elsewhere only with the owner\'s password and reach the server from there', async () => {
    const broken = await syncedTablet(env);
    await broken.context.setOffline(true);
    const id = await correctStreet(broken.page, 6, 'Jl. Dari Cadangan 9');
    await broken.page.click('[data-testid=backup] summary');
    const [download] = await Promise.all([
      broken.page.waitForEvent('download'),
      broken.page.click('[data-testid=backup-export]'),
    ]);
    assert.match(download.suggestedFilename(), /^tepat-cadangan-op\.lombangdajah-\d{8}-\d{4}\.tepat$/);
    // Kept past the context (a USB stick), and sealed: no name of the family in its bytes.
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'tepat-backup-')), download.suggestedFilename());
    await download.saveAs(file);
    const stored = await readFile(file);
    assert.ok(!stored.includes('Jl. Dari Cadangan'), 'the backup is readable without the password');
    assert.match(await broken.page.locator('[data-testid=backup-message]').innerText(), /^1 perubahan disimpan/);
    await broken.context.close();

    // Another tablet, online.
    const spare = await syncedTablet(env);
    await spare.page.click('[data-testid=backup] summary');
    await spare.page.setInputFiles('[data-testid=backup-file]', file);
    await spare.page.fill('#backup-password', 'bukan-sandinya');
    await spare.page.click('[data-testid=backup-import]');
    assert.match(await spare.page.locator('[data-testid=backup-message]').innerText(), /tidak cocok/);
    assert.equal(await spare.page.locator('[data-testid=pending-count]').count(), 0, 'nothing queued');
    await spare.page.fill('#backup-password', DEMO_PASSWORD);
    await spare.page.click('[data-testid=backup-import]');
    await spare.page.locator('[data-testid=backup-message]', { hasText: /^1 perubahan baru/ }).waitFor();
    await screenshot(spare.page, 'backup-imported');
    // Sent by itself; the server has it (the list shows the street via the detail).
    await spare.page.locator('[data-testid=pending-count]').waitFor({ state: 'detached', timeout: (SYNC_INTERVAL_SECS + 8) * 1000 });
    await spare.page.locator(`[data-family="${id}"]`).click();
    await spare.page.locator('[data-testid=family-detail] dl.facts', { hasText: 'Jl. Dari Cadangan 9' }).waitFor();
    // The same file again adds nothing (the password field was emptied after the import).
    assert.equal(await spare.page.inputValue('#backup-password'), '');
    await spare.page.fill('#backup-password', DEMO_PASSWORD);
    await spare.page.click('[data-testid=backup-import]');
    await spare.page.locator('[data-testid=backup-message]', { hasText: /^0 perubahan baru/ }).waitFor();
    await spare.context.close();
  });

  test('logging out with unsent work warns first, keeps it sealed, and sends it after the next login', async () => {
    const { context, page } = await syncedTablet(env);
    await context.setOffline(true);
    const id = await correctStreet(page, 8, 'Jl. Belum Terkirim 3');

    // Cancelled: nothing happens.
    const warnings = [];
    page.once('dialog', (dialog) => { warnings.push(dialog.message()); dialog.dismiss(); });
    await page.click('[data-testid=logout]');
    await page.locator('[data-testid=pending-count]').waitFor();
    assert.match(warnings[0], /belum terkirim/);
    // Confirmed: logged out, the work stays sealed on the device.
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('[data-testid=logout]');
    await page.locator('#username').waitFor();
    assert.ok((await rawVault(page)).keys.some((k) => k.startsWith('op.lombangdajah')));

    await context.setOffline(false);
    await logIn(page, env.server.url, 'op.lombangdajah');
    await page.locator('[data-testid=family-row]').first().waitFor();
    await sentByItself(page);
    await page.locator(`[data-family="${id}"]`).click();
    await page.locator('[data-testid=family-detail] dl.facts', { hasText: 'Jl. Belum Terkirim 3' }).waitFor();
    await context.close();
  });

  test('after the offline period the copy no longer opens without the server', async () => {
    const { context, page } = await syncedTablet(env, 'tksk.blega');
    await context.setOffline(true);
    // Two days later, still without a signal: the copy opens; the schedule says its day.
    const now = Date.now();
    await page.clock.install({ time: now + 2 * 86_400_000 });
    await page.reload();
    await unlock(page);
    assert.match(await page.locator('[data-testid=windows-title]').innerText(), /^Jadwal terakhir diketahui, per \d+ \w+ \d{4}$/);
    // Eight days later (the instance allows seven): it no longer opens.
    await page.clock.setSystemTime(now + 8 * 86_400_000);
    await page.reload();
    await page.locator('[data-testid=unlock-page]').waitFor();
    await page.fill('#unlock-password', DEMO_PASSWORD);
    await page.click('[data-testid=unlock-submit]');
    assert.match(await page.locator('[data-testid=unlock-error]').innerText(), /Masa kerja luring .* sudah habis/);
    assert.equal(await page.locator('[data-testid=family-row]').count(), 0);
    await context.close();
  });

  test('logging out with everything sent leaves nothing of the user on the device', async () => {
    const { context, page } = await syncedTablet(env, 'op.alasraja');
    assert.ok((await rawVault(page)).keys.length > 0);
    await page.click('[data-testid=logout]');
    await page.locator('#username').waitFor();
    const vault = await rawVault(page);
    assert.deepEqual(vault.keys.filter((k) => k.startsWith('op.alasraja')), []);
    assert.ok(!vault.meta.includes('user:op.alasraja'), `meta: ${vault.meta}`);
    await page.reload();
    await page.locator('#username').waitFor();
    assert.equal(await page.locator('[data-testid=unlock-page]').count(), 0);
    await context.close();
  });
});

describe('field tablet with the server stopped', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('the app loads and works without the server; the work arrives by itself once it is back', async () => {
    const { context, page } = await syncedTablet(env);
    const count = await page.locator('[data-testid=family-row]').count();
    await env.server.stop({ keepData: true });
    await page.reload();
    // The shell came from the cache: the brand and the form are there, not a browser error page.
    assert.equal(await page.locator('h1.brand').innerText(), 'Tepat');
    await unlock(page);
    assert.equal(await page.locator('[data-testid=family-row]').count(), count);

    await registerFamily(page);
    const row = page.locator('[data-testid=family-row]', { hasText: 'Sahrul Uji Luring' });
    await row.waitFor();
    await page.reload();
    await unlock(page);
    await row.waitFor();
    assert.equal(await page.locator('[data-testid=family-row]').count(), count + 1);
    assert.match(await page.locator('[data-testid=pending-count]').innerText(), /^1 perubahan/);
    assert.match(await page.locator('[data-testid=pending-photos]').innerText(), /^1 foto/);
    await row.click();
    await page.locator('[data-testid=family-detail] [data-testid=house-photo]').waitFor();
    assert.doesNotMatch(await page.locator('[data-testid=sync-status]').innerText(), /Tersinkron/);
    await screenshot(page, 'server-stopped-registered');

    // The server is back (same data, same address): nothing is pressed on the tablet.
    env.server = await env.server.restart();
    await sentByItself(page);
    await kecamatanSeesTheFamily(env, 'kecamatan-sees-family-after-restart');
    await context.close();
  });
});

describe('two tablets editing one family offline', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('fields merge one by one, the same field keeps the later write, both are told and can restore', async () => {
    const a = await syncedTablet(env, 'op.lombangdajah');
    const b = await syncedTablet(env, 'tksk.blega');
    const id = await a.page.locator('[data-testid=family-row]').nth(2).getAttribute('data-family');
    const headName = await a.page.locator(`[data-family="${id}"] .row-name`).innerText();
    await a.context.setOffline(true);
    await b.context.setOffline(true);

    async function correct(page, work) {
      await page.locator(`[data-family="${id}"]`).click();
      await page.click('[data-testid=edit-family]');
      await page.locator('[data-testid=register-form]').waitFor();
      const result = await work(page);
      await page.click('[data-testid=save-family]');
      await page.locator('[data-testid=pending-count]').waitFor();
      return result;
    }
    // The operator moves the pin and corrects the street; then the pendamping corrects the same
    // street differently and the head's name.
    const pin = await correct(a.page, async (page) => {
      await page.fill('#street', 'Jl. Versi Operator 1');
      await page.click('[data-testid=pin-map]', { position: { x: 420, y: 120 } });
      const text = await page.locator('[data-testid=pin-value]', { hasText: 'ditandai' }).innerText();
      return text.split(' · ')[0];
    });
    await correct(b.page, async (page) => {
      await page.fill('#street', 'Jl. Versi Pendamping 2');
      await page.fill('#name-0', `${headName} Pendamping`);
    });

    // The operator's tablet syncs first, then the pendamping's.
    await a.context.setOffline(false);
    await a.page.locator('[data-testid=pending-count]').waitFor({ state: 'detached' });
    await b.context.setOffline(false);
    await b.page.locator('[data-testid=pending-count]').waitFor({ state: 'detached' });

    for (const [tablet, name] of [[a, 'operator'], [b, 'pendamping']]) {
      const detail = tablet.page.locator('[data-testid=family-detail]');
      await tablet.page.locator(`[data-family="${id}"]`).click();
      // The operator's tablet pulls the pendamping's change by itself.
      const notice = detail.locator('[data-testid=conflict]');
      await notice.waitFor({ timeout: (SYNC_INTERVAL_SECS + 8) * 1000 });
      const facts = await detail.locator('dl.facts').innerText();
      assert.match(facts, /Jl\. Versi Pendamping 2/, 'the later write of the same field wins');
      assert.ok(facts.includes(pin), `the operator's pin is kept: ${facts}`);
      assert.match(await detail.locator('h2').innerText(), /Pendamping$/, 'the other field merged');
      const told = await notice.innerText();
      assert.match(told, /Alamat/);
      assert.match(told, /Dipakai: Jl\. Versi Pendamping 2.*tksk\.blega/s);
      assert.match(told, /Tersimpan di riwayat: Jl\. Versi Operator 1.*op\.lombangdajah/s);
      assert.equal(await detail.locator('[data-testid=conflict]').count(), 1, 'only the same field conflicts');
      await screenshot(tablet.page, `conflict-notice-${name}`);
    }

    // The operator restores their street: it wins everywhere, the notice is settled.
    await a.page.click('[data-testid=conflict-restore]');
    await a.page.locator('[data-testid=family-detail] [data-testid=conflict]').waitFor({ state: 'detached' });
    await a.page.locator('[data-testid=family-detail] dl.facts', { hasText: 'Jl. Versi Operator 1' }).waitFor();
    await b.page.locator('[data-testid=family-detail] dl.facts', { hasText: 'Jl. Versi Operator 1' })
      .waitFor({ timeout: (SYNC_INTERVAL_SECS + 8) * 1000 });
    await a.context.close();
    await b.context.close();
  });
});

describe('a password changed while work was unsent', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('the old copy is kept aside and its unsent work recovered with the old password', async () => {
    const { context, page } = await syncedTablet(env);
    await context.setOffline(true);
    const id = await correctStreet(page, 10, 'Jl. Sandi Lama 5');

    // Meanwhile the Dinas resets the operator's password (the CLI, server stopped).
    await env.server.stop({ keepData: true });
    const passwd = spawnSync(process.env.TEPAT_BIN,
      ['user', 'passwd', 'op.lombangdajah', '--data-dir', env.server.dataDir],
      { input: 'sandi-baru-2026\n', encoding: 'utf8' });
    assert.equal(passwd.status, 0, passwd.stderr);
    env.server = await env.server.restart();
    await context.setOffline(false);

    // Back online the operator logs in with the new password: a new copy, the old one aside.
    await page.reload();
    const form = page.locator('#unlock-password, #username').first();
    await form.waitFor();
    if (await page.locator('#username').count()) {
      await page.fill('#username', 'op.lombangdajah');
      await page.fill('#password', 'sandi-baru-2026');
      await page.click('[data-testid=login-submit]');
    } else {
      await page.fill('#unlock-password', 'sandi-baru-2026');
      await page.click('[data-testid=unlock-submit]');
    }
    await page.locator('[data-testid=family-row]').first().waitFor();
    await page.locator('[data-testid=archived-banner]').waitFor();
    const archived = page.locator('[data-testid=archived]');
    await archived.waitFor();
    await screenshot(page, 'password-changed-old-copy');
    await page.fill('#old-password', 'bukan-sandinya');
    await page.click('[data-testid=recover-archive]');
    await page.locator('[data-testid=backup-message]', { hasText: 'tidak cocok' }).waitFor();
    await page.fill('#old-password', DEMO_PASSWORD);
    await page.click('[data-testid=recover-archive]');
    await page.locator('[data-testid=backup-message]', { hasText: /^1 perubahan baru/ }).waitFor();
    await archived.waitFor({ state: 'detached' });
    await page.locator('[data-testid=archived-banner]').waitFor({ state: 'detached' });
    await sentByItself(page);
    await page.locator(`[data-family="${id}"]`).click();
    await page.locator('[data-testid=family-detail] dl.facts', { hasText: 'Jl. Sandi Lama 5' }).waitFor();
    await context.close();
  });
});
