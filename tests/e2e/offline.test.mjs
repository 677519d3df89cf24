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
import { DEMO_PASSWORD, cameraPhoto, holdMusdesByApi, logIn, screenshot, unlock, withServerAndBrowser } from './support.mjs';

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
  // A camera photo larger than the app keeps (2400 px): shrunk on the tablet to 1600 px.
  await page.setInputFiles('[data-testid=photo-front]', { name: 'rumah.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page) });
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

/** A browser context logged in as `username` for direct API calls (`api.request`), as another device. */
async function apiAs(env, username) {
  const api = await env.browser.newContext();
  const login = await api.request.post(`${env.server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  assert.equal(login.status(), 200);
  return api;
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
    // The message is set once the file is written; wait for it rather than read it at once.
    await broken.page.locator('[data-testid=backup-message]', { hasText: /^1 perubahan disimpan/ }).waitFor();
    await broken.context.close();

    // Another tablet, online.
    const spare = await syncedTablet(env);
    await spare.page.click('[data-testid=backup] summary');
    await spare.page.setInputFiles('[data-testid=backup-file]', file);
    await spare.page.fill('#backup-password', 'bukan-sandinya');
    await spare.page.click('[data-testid=backup-import]');
    await spare.page.locator('[data-testid=backup-message]', { hasText: /tidak cocok/ }).waitFor();
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
      // The facts follow the notice by a render (the detail is rebuilt in an effect).
      await detail.locator('dl.facts', { hasText: 'Jl. Versi Pendamping 2' }).waitFor({ timeout: 5_000 }).catch(() => {});
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

describe('first sync of a big desa', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('the first sync shows how far it got, in per cent, and brings every family', async () => {
    // 1,100 more families in Lombang Dajah, pushed through sync as another tablet would:
    // copies of the desa's own records under new ids.
    const api = await apiAs(env, 'op.lombangdajah');
    const pulled = await (await api.request.get(`${env.server.url}/api/v1/sync/pull?after=0`)).json();
    const originals = pulled.changes.map((c) => c.change);
    assert.equal(originals.length, 20);
    const device = crypto.randomUUID();
    // Every copy's people get NIKs of their own (the serial, the last four digits, changed in
    // place), so the server is not asked to report thousands of NIK ganda.
    const renumbered = (writes, copy) => writes.map((w) => {
      if (!w.path.startsWith('members/')) return w;
      const value = [...w.value];
      const serial = String(5000 + Math.floor(copy / originals.length)).padStart(4, '0');
      for (let at = 0; at + 16 <= value.length; at++) {
        if (value.slice(at, at + 16).every((b) => b >= 48 && b <= 57)) {
          for (let d = 0; d < 4; d++) value[at + 12 + d] = serial.charCodeAt(d);
          at += 15;
        }
      }
      return { ...w, value };
    });
    const copies = Array.from({ length: 1100 }, (_, i) => ({
      ...originals[i % originals.length],
      writes: renumbered(originals[i % originals.length].writes, i),
      id: crypto.randomUUID(),
      record: crypto.randomUUID(),
      device,
      user: 'op.lombangdajah',
      stamp: { wall_ms: Date.now() + i, counter: 0, device },
    }));
    for (let at = 0; at < copies.length; at += 500) {
      const pushed = await api.request.post(`${env.server.url}/api/v1/sync/push`, { data: { changes: copies.slice(at, at + 500) } });
      assert.equal(pushed.status(), 200);
      const acks = (await pushed.json()).acks;
      assert.ok(acks.every((a) => a.outcome.Accepted), JSON.stringify(acks.find((a) => !a.outcome.Accepted)));
    }
    await api.close();

    // A new tablet's first sync; the second page is held back a moment so the bar can be seen.
    const context = await env.browser.newContext({ viewport: { width: 800, height: 1280 } });
    const page = await context.newPage();
    await page.route('**/api/v1/sync/pull?after=*', async (route) => {
      if (!route.request().url().endsWith('after=0')) await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await logIn(page, env.server.url, 'op.lombangdajah');
    const status = page.locator('[data-testid=sync-status]', { hasText: '%' });
    await status.waitFor({ timeout: 30_000 });
    assert.match(await status.innerText(), /1\.000 dari 1\.120 data diterima \(89%\)/);
    await page.locator('[data-testid=first-sync-note]').waitFor();
    const bar = page.locator('[data-testid=sync-progress]');
    assert.deepEqual(await bar.evaluate((b) => [b.value, b.max]), [1000, 1120]);
    await screenshot(page, 'first-sync-progress-800x1280');
    await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor({ timeout: 30_000 });
    await bar.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=family-row]').count(), 1120);
    await context.close();
  });
});

describe('a photo upload cut off', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('resumes where the server got to, and the server ends with the whole photo', async () => {
    const { context, page } = await syncedTablet(env);
    await context.setOffline(true);
    // A detailed camera photo (noise compresses badly): several chunks even after shrinking.
    const photo = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1800;
      const ctx = canvas.getContext('2d');
      const image = ctx.createImageData(2400, 1800);
      for (let i = 0; i < image.data.length; i++) image.data[i] = (i % 4 === 3) ? 255 : Math.floor(Math.random() * 256);
      ctx.putImageData(image, 0, 0);
      return canvas.toDataURL('image/jpeg', 0.95).split(',')[1];
    });
    await page.locator('[data-testid=family-row]').nth(4).click();
    await page.click('[data-testid=edit-family]');
    await page.setInputFiles('[data-testid=photo-front]', { name: 'rumah.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(photo, 'base64') });
    await page.locator('.photo-input [data-testid=house-photo]').waitFor();
    await page.click('[data-testid=save-family]');
    await page.locator('[data-testid=pending-photos]').waitFor();

    // Online again, the answer to the second chunk is lost (the server got it, the tablet did
    // not hear back): the round fails and the next one asks the server where to go on from.
    const offsets = [];
    let cut = false;
    await page.route('**/api/v1/photos/*?offset=*', async (route) => {
      const url = new URL(route.request().url());
      offsets.push(Number(url.searchParams.get('offset')));
      offsets.total = Number(url.searchParams.get('total'));
      offsets.name = url.pathname.split('/').pop();
      if (offsets.length === 2 && !cut) {
        cut = true;
        await route.fetch();
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    await context.setOffline(false);
    await sentByItself(page);
    const chunk = 256 * 1024;
    assert.ok(offsets.total > 3 * chunk, `a photo of ${offsets.total} bytes`);
    const expected = Array.from({ length: Math.ceil(offsets.total / chunk) }, (_, i) => i * chunk);
    assert.deepEqual([...offsets], expected, 'every chunk sent once, none from the start again');
    assert.ok(cut);

    // The server serves the whole photo, and its bytes hash to its name.
    const check = await page.evaluate(async (name) => {
      const response = await fetch(`/api/v1/photos/${name}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return { status: response.status, size: bytes.length, hash: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
    }, offsets.name);
    assert.deepEqual(check, { status: 200, size: offsets.total, hash: offsets.name });
    await context.close();
  });
});

describe('proposals on the tablet', () => {
  const env = withServerAndBrowser(['--sync-interval', String(SYNC_INTERVAL_SECS)]);

  test('a proposal made offline is decided by the server at the next sync; a refused step comes back on the family with its reason', async () => {
    const { context, page } = await syncedTablet(env);
    page.on('dialog', (dialog) => dialog.accept());
    const row = page.locator('[data-testid=family-row]').nth(3);
    const id = await row.getAttribute('data-family');
    await context.setOffline(true);
    await page.locator('[data-testid=sync-status]', { hasText: 'Luring' }).waitFor();
    await row.click();
    const panel = page.locator('[data-testid=family-detail] [data-testid=proposals]');
    await panel.locator('text=Belum ada usulan untuk keluarga ini.').waitFor();

    // Offline: a PKH proposal, put on the musdes agenda at once. Both wait in the outbox, and the
    // tablet shows what it expects.
    await panel.locator('[data-testid=proposal-kind]').selectOption({ label: 'Usulan bansos PKH' });
    await panel.locator('[data-testid=create-proposal]').click();
    await panel.locator('[data-testid=step-SubmitToMusdes]').click();
    const card = panel.locator('[data-testid=proposal]');
    await card.locator('[data-testid=proposal-state]', { hasText: 'Menunggu musdes' }).waitFor();
    assert.equal(await card.locator('[data-testid=proposal-pending]').innerText(), 'Belum terkirim: usulan dibuat, Ajukan ke musdes');
    assert.match(await page.locator('[data-testid=pending-count]').innerText(), /^2 perubahan belum terkirim/);
    assert.equal(await panel.locator('[data-testid=proposal-kind] option', { hasText: 'PKH' }).count(), 0, 'one running PKH proposal per family');
    await screenshot(page, 'proposal-offline-800x1280');

    // Back online: sent by itself; the state shown is now the server's, with its history.
    await context.setOffline(false);
    await sentByItself(page);
    await card.locator('[data-testid=proposal-pending]').waitFor({ state: 'detached' });
    await card.locator('[data-testid=proposal-state]', { hasText: 'Menunggu musdes' }).waitFor();
    await card.locator('summary', { hasText: 'Riwayat (1)' }).click();
    assert.match(await card.locator('.history').innerText(), /op\.lombangdajah · Draf → Menunggu musdes/);

    // The server's record: one proposal, one step, from this tablet.
    const api = await apiAs(env, 'op.lombangdajah');
    const listed = await (await api.request.get(`${env.server.url}/api/v1/proposals`)).json();
    const mine = listed.proposals.filter((p) => p.family === id);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].state, 'AwaitingMusdes');
    assert.equal(mine[0].steps.length, 1);
    assert.match(mine[0].steps[0].device, /^tablet /);

    // Offline again, the operator withdraws it; meanwhile another device records that the musdes
    // rejected it. The server refuses the withdrawal, and says why on the family.
    await context.setOffline(true);
    await page.locator('[data-testid=sync-status]', { hasText: 'Luring' }).waitFor();
    await card.locator('[data-testid=step-Withdraw]').click();
    await card.locator('[data-testid=proposal-state]', { hasText: 'Dibatalkan' }).waitFor();
    const closed = await holdMusdesByApi(api.request, env.server.url, { rejected: [mine[0].id] });
    assert.equal(closed.agenda.find((item) => item.proposal === mine[0].id).state, 'RejectedByMusdes');
    await context.setOffline(false);
    await sentByItself(page);
    const refusal = card.locator('[data-testid=proposal-refusal]');
    await refusal.waitFor();
    assert.equal(await refusal.locator('p').innerText(), 'Ditolak server: Usulan berstatus "Ditolak musdes" tidak dapat di-"Batalkan". Langkah yang mungkin: tidak ada (sudah selesai).');
    await card.locator('[data-testid=proposal-state]', { hasText: 'Ditolak musdes' }).waitFor();
    assert.match(await page.locator('[data-testid=refused-count]').innerText(), /^1 perubahan ditolak server/);
    await screenshot(page, 'proposal-refused-800x1280');
    // Still there after a reload (kept sealed on the tablet).
    await page.reload();
    await unlock(page);
    await page.locator(`[data-family="${id}"]`).click();
    await page.locator('[data-testid=family-detail] [data-testid=proposal-refusal]').waitFor();
    // Read and put away: the note and the count go, and nothing is sent again.
    await page.click('[data-testid=refusal-dismiss]');
    await page.locator('[data-testid=proposal-refusal]').waitFor({ state: 'detached' });
    await page.locator('[data-testid=refused-count]').waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-testid=pending-count]').count(), 0);
    await api.close();
    await context.close();
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

describe('a member leaves the family', () => {
  const env = withServerAndBrowser();

  test('marked died in the form offline, the member stays in the history, the KK counts one less, and the server gets the life event', async () => {
    const { context, page } = await syncedTablet(env);
    // A family of three or more.
    const row = page.locator('[data-testid=family-row]').filter({ has: page.locator('.row-count', { hasText: /^[3-9] anggota/ }) }).first();
    const id = await row.getAttribute('data-family');
    const before = Number((await row.locator('.row-count').innerText()).split(' ')[0]);
    await context.setOffline(true);
    await row.click();
    await page.click('[data-testid=edit-family]');
    const member = page.locator('[data-testid=member-form]').nth(1);
    const name = await member.locator('input[id^=name-]').inputValue();
    await member.locator('[data-testid=member-leaving]').selectOption('died');
    // A date before the member was born is refused, next to the date.
    await member.locator('[data-testid=member-leave-date]').fill('1900-01-01');
    await page.click('[data-testid=save-family]');
    await member.locator('[data-testid=field-error]', { hasText: 'sebelum tanggal lahir' }).waitFor();
    await member.locator('[data-testid=member-leave-date]').fill('2026-10-01');
    await screenshot(page, 'member-died-form');
    await page.click('[data-testid=save-family]');
    await page.locator('[data-testid=pending-count]').waitFor();
    await page.locator(`[data-family="${id}"] .row-count`, { hasText: `${before - 1} anggota` }).waitFor();
    await page.locator(`[data-family="${id}"]`).click();
    const left = page.locator('[data-testid=family-detail] tr.member-left');
    await left.waitFor();
    assert.match(await left.innerText(), new RegExp(`${name}[\\s\\S]*Meninggal 1 Okt 2026`));
    await screenshot(page, 'member-died-detail');
    // Opened again, the member who left is shown, not editable.
    await page.click('[data-testid=edit-family]');
    await page.locator('[data-testid=member-form].left', { hasText: 'Meninggal 1 Okt 2026' }).waitFor();
    assert.equal(await page.locator('[data-testid=member-form].left input').count(), 0);
    await page.goBack();

    await context.setOffline(false);
    await sentByItself(page);
    const api = await apiAs(env, 'op.lombangdajah');
    const detail = await (await api.request.get(`${env.server.url}/api/v1/families/${id}`, { headers: { Accept: 'application/json' } })).json();
    const died = detail.record.members.find((m) => m.name === name);
    assert.deepEqual(died.status, { Died: '2026-10-01' });
    assert.equal(detail.record.events.length, 1);
    assert.deepEqual(Object.keys(detail.record.events[0].event), ['Death']);
    assert.equal(detail.summary.member_count, before - 1);
    await api.close();
    await context.close();
  });
});

describe('a verifier visit', () => {
  const env = withServerAndBrowser();

  test('the pendamping disputes the pin offline with a note and photo; the desa operator sees it to do, answers, and it is closed', async () => {
    // The family: Lombang Dajah's first, as the desa lists it.
    const office = await apiAs(env, 'op.lombangdajah');
    const json = { Accept: 'application/json' };
    const list = await (await office.request.get(`${env.server.url}/api/v1/families`, { headers: json })).json();
    const family = list.families[0];

    // The TKSK of Blega, on a tablet with no signal at the house.
    const verifier = await syncedTablet(env, 'tksk.blega');
    const page = verifier.page;
    await verifier.context.setOffline(true);
    // The verifier's list: every house of the kecamatan not visited yet.
    const notVisited = page.locator('[data-testid=need-NotVisited]');
    const before = Number((await notVisited.innerText()).split(' ')[0].replace('.', ''));
    assert.ok(before >= 20, `${before} houses to visit`);
    await page.locator(`[data-family="${family.id}"]`).click();
    const form = page.locator('[data-testid=visit-form]');
    await form.waitFor();
    await form.locator('[data-testid=visit-item-Members] [data-testid=visit-confirm]').click();
    await form.locator('[data-testid=visit-item-Address] [data-testid=visit-confirm]').click();
    await form.locator('[data-testid=visit-item-Pin] [data-testid=visit-dispute-button]').click();
    await form.locator('[data-testid=visit-item-Pin] [data-testid=visit-dispute-note]').fill('salah');
    await form.locator('[data-testid=visit-save]').click();
    await form.locator('[data-testid=field-error]', { hasText: 'Tulis apa yang tidak sesuai' }).waitFor();
    await form.locator('[data-testid=visit-item-Pin] [data-testid=visit-dispute-note]').fill('Rumahnya di seberang jalan, dekat masjid.');
    await form.locator('[data-testid=visit-note]').fill('Dikunjungi bersama kepala dusun.');
    await page.setInputFiles('[data-testid=visit-photo]', { name: 'kunjungan.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(page, 1200, 900) });
    await form.locator('[data-testid=house-photo]').waitFor();
    await screenshot(page, 'visit-form-800x1280');
    await form.locator('[data-testid=visit-save]').click();
    await form.locator('[data-testid=visit-saved]').waitFor();
    await notVisited.filter({ hasText: `${before - 1} belum dikunjungi` }).waitFor();
    const card = page.locator('[data-testid=visits] [data-testid=visit]');
    await card.locator('[data-testid=visit-state]', { hasText: 'Belum terkirim' }).waitFor();
    assert.match(await card.locator('[data-testid=visit-dispute]').innerText(), /Titik rumah: Tidak sesuai · Rumahnya di seberang jalan/);
    await verifier.context.setOffline(false);
    await sentByItself(page);
    await card.locator('[data-testid=visit-state]', { hasText: 'Menunggu jawaban desa' }).waitFor();

    // The desa operator: one family with a verifier's finding to do.
    const desa = await syncedTablet(env);
    const chip = desa.page.locator('[data-testid=need-Disputed]');
    await chip.waitFor();
    assert.match(await chip.innerText(), /^1 temuan pendamping/);
    await chip.click();
    assert.equal(await desa.page.locator('[data-testid=family-row]').count(), 1);
    await desa.page.locator(`[data-family="${family.id}"]`).click();
    const shown = desa.page.locator('[data-testid=visits] [data-testid=visit]');
    assert.match(await shown.innerText(), /tksk\.blega[\s\S]*Menunggu jawaban desa[\s\S]*Rumahnya di seberang jalan/);
    await shown.locator('[data-testid=visit] img, [data-testid=house-photo]').first().waitFor();
    assert.equal(await desa.page.locator('[data-testid=visit-form]').count(), 0, 'only a verifier records visits');
    await shown.locator('[data-testid=visit-answer-text]').fill('ok');
    await shown.locator('[data-testid=visit-answer-send]').click();
    await shown.locator('[data-testid=field-error]', { hasText: 'paling sedikit 10 huruf' }).waitFor();
    await shown.locator('[data-testid=visit-answer-text]').fill('Titik rumah sudah dipindah ke seberang jalan.');
    await shown.locator('[data-testid=visit-answer-send]').click();
    // Shown answered at once (marked not sent), then sent by itself.
    await shown.locator('[data-testid=visit-state]', { hasText: 'Sudah dijawab' }).waitFor();
    await chip.waitFor({ state: 'detached' });
    await shown.locator('[data-testid=visit-answer]', { hasText: 'Belum terkirim' }).waitFor({ state: 'detached', timeout: (SYNC_INTERVAL_SECS + 8) * 1000 });
    await sentByItself(desa.page);
    // The filter lets go with its chip: the whole desa is listed again.
    await desa.page.locator('[data-testid=family-row]').nth(1).waitFor();
    await screenshot(desa.page, 'visit-answered-800x1280');

    // On the server: the visit with the desa's answer, its photo served within the kecamatan.
    const kec = await apiAs(env, 'kec.blega');
    const visits = await (await kec.request.get(`${env.server.url}/api/v1/visits`, { headers: json })).json();
    assert.equal(visits.visits.length, 1);
    assert.equal(visits.visits[0].resolution.by, 'op.lombangdajah');
    const hex = visits.visits[0].visit.photo.map((b) => b.toString(16).padStart(2, '0')).join('');
    assert.equal((await kec.request.get(`${env.server.url}/api/v1/photos/${hex}`)).status(), 200);
    const alas = await apiAs(env, 'op.alasraja');
    // Another desa's operator is not told the photo exists.
    assert.equal((await alas.request.get(`${env.server.url}/api/v1/photos/${hex}`)).status(), 404);
    for (const c of [office, kec, alas]) await c.close();
    await verifier.context.close();
    await desa.context.close();
  });
});
