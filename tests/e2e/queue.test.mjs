// The approval queue in a real browser: the kecamatan sees what waits for it, opens a proposal's
// review (family with masked NIKs, history, musdes evidence), returns one with a reason (an empty
// reason is refused first), approves two in one go with a result per proposal; the Dinas then
// finds those two in its own queue with the quota; offline the page says it needs the internet.
// Screenshots at both tablet sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, holdMusdesByApi, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };

describe('approval queue', () => {
  const env = withServerAndBrowser();

  async function apiAs(username) {
    const api = await env.browser.newContext();
    const login = await api.request.post(`${env.server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
    assert.equal(login.status(), 200);
    return api;
  }

  /** Families already given a proposal by these tests. */
  const used = new Set();

  /**
   * Puts `count` new-family proposals of Lombang Dajah in the kecamatan's check (families not
   * used before, by default only those whose head's name no other family of the desa shares);
   * their ids and names, in order.
   */
  async function proposalsAtKecamatan(count, { unique = true } = {}) {
    const desa = await apiAs('op.lombangdajah');
    const list = await (await desa.request.get(`${env.server.url}/api/v1/families`)).json();
    const seeded = [];
    const named = (name) => list.families.filter((f) => f.head_name === name).length;
    const fresh = list.families.filter((f) => !used.has(f.id) && (!unique || named(f.head_name) === 1));
    for (const family of fresh.slice(0, count)) {
      used.add(family.id);
      const created = await desa.request.post(`${env.server.url}/api/v1/proposals`, { data: { family: family.id, kind: 'NewFamily' } });
      assert.equal(created.status(), 200);
      const { id } = await created.json();
      const taken = await desa.request.post(`${env.server.url}/api/v1/proposals/${id}/steps`, { data: { step: 'SubmitToMusdes', device: null } });
      assert.equal(taken.status(), 200, JSON.stringify(await taken.json()));
      seeded.push({ id, name: family.head_name });
    }
    // One musdes agrees to them all; closing sends them to the kecamatan.
    await holdMusdesByApi(desa.request, env.server.url);
    await desa.close();
    return seeded;
  }

  async function openQueue(username, viewport) {
    const context = await env.browser.newContext({ viewport, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, username);
    await page.waitForURL('**/peta');
    await page.click('[data-testid=nav-queue]');
    await page.waitForURL('**/antrean');
    await page.locator('[data-testid=queue-count]').waitFor();
    return { context, page };
  }

  test('the kecamatan reviews, returns one with a reason and approves two; the Dinas sees them', async () => {
    const seeded = await proposalsAtKecamatan(4);
    const names = seeded.map((p) => p.name);
    const row = (page, i) => page.locator(`[data-testid=queue-row][data-proposal="${seeded[i].id}"]`);
    const { context, page } = await openQueue('kec.blega', LANDSCAPE);
    const rows = page.locator('[data-testid=queue-row]');
    await rows.nth(3).waitFor();
    assert.equal(await rows.count(), 4);
    assert.match(await page.locator('[data-testid=queue-count]').innerText(), /^4 usulan menunggu/);
    assert.match(await page.locator('h1').innerText(), /Antrean verifikasi/);
    // Oldest first: in the order they were sent up.
    assert.deepEqual(await page.locator('[data-testid=queue-open]').allInnerTexts(), names);
    await page.locator('[data-testid=quota]').waitFor();
    await screenshot(page, 'queue-kecamatan-1280x800');

    // The review of the first: the family with masked NIKs, its history, the musdes evidence.
    await row(page, 0).locator('[data-testid=queue-open]').click();
    const review = page.locator('[data-testid=review]');
    await review.locator('[data-testid=family-detail] h2', { hasText: names[0] }).waitFor();
    assert.match(await review.locator('[data-testid=family-detail]').innerText(), /352615\S*•+/);
    await review.locator('[data-testid=history-line]').nth(2).waitFor();
    assert.equal(await review.locator('[data-testid=history-line]').count(), 3);
    assert.match(await review.locator('[data-testid=musdes-evidence]').innerText(), /Bukti musdes/);
    assert.equal(await review.locator('[data-testid=review-step]').innerText(), 'Setujui');
    assert.equal(await review.locator('[data-testid=review-step]').isEnabled(), true);
    await screenshot(page, 'queue-review-1280x800');

    // Return: an empty reason is refused next to the field, then a reason sends it back.
    await review.locator('[data-testid=review-return]').click();
    await review.locator('[data-testid=return-send]').click();
    assert.match(await review.locator('[data-testid=return-reason-error]').innerText(), /Tuliskan alasan pengembalian/);
    await review.locator('[data-testid=return-reason]').fill('Foto rumah tidak jelas, ambil ulang.');
    await review.locator('[data-testid=return-send]').click();
    await page.locator('[data-testid=queue-notice]', { hasText: 'Dikembalikan' }).waitFor();
    await page.locator('[data-testid=queue-count]', { hasText: '3 usulan' }).waitFor();
    assert.equal(await rows.count(), 3);

    // Bulk: pick two, confirm, one result per proposal.
    const asked = [];
    page.once('dialog', (dialog) => { asked.push(dialog.message()); dialog.accept(); });
    await row(page, 1).locator('[data-testid=queue-pick]').check();
    await row(page, 2).locator('[data-testid=queue-pick]').check();
    assert.equal(await page.locator('[data-testid=bulk-approve]').innerText(), 'Setujui yang dipilih (2)');
    await page.click('[data-testid=bulk-approve]');
    await page.locator('[data-testid=bulk-result]').nth(1).waitFor();
    assert.deepEqual(asked, ['Lanjutkan "Setujui" untuk 2 usulan yang dipilih?']);
    const results = await page.locator('[data-testid=bulk-result]').allInnerTexts();
    assert.equal(results.length, 2);
    for (const [i, name] of [names[1], names[2]].entries()) {
      assert.match(results[i], new RegExp(`${name}.*Selesai.*Verifikasi Dinas Sosial`));
    }
    await page.locator('[data-testid=queue-count]', { hasText: '1 usulan' }).waitFor();
    await screenshot(page, 'queue-bulk-result-1280x800');
    await context.close();

    // Portrait: the review above the list.
    const portrait = await openQueue('kec.blega', PORTRAIT);
    await portrait.page.locator('[data-testid=queue-open]').first().click();
    await portrait.page.locator('[data-testid=review] [data-testid=family-detail] h2').waitFor();
    await portrait.page.locator('[data-testid=review] [data-testid=history-line]').first().waitFor();
    await screenshot(portrait.page, 'queue-review-800x1280');
    await portrait.context.close();

    // The Dinas: the two approved wait for its verification; the quota section is there.
    const dinas = await openQueue('dinsos', PORTRAIT);
    await dinas.page.locator('[data-testid=queue-row]').nth(1).waitFor();
    assert.deepEqual(
      await dinas.page.locator('[data-testid=queue-row]').evaluateAll((rows) => rows.map((r) => r.dataset.proposal)),
      [seeded[1].id, seeded[2].id],
    );
    assert.equal(await dinas.page.locator('[data-testid=bulk-approve]').innerText(), 'Verifikasi yang dipilih (0)');
    await dinas.page.locator('[data-testid=quota]').waitFor();
    await screenshot(dinas.page, 'queue-dinas-800x1280');
    // Offline the page says plainly that it needs the internet.
    await dinas.context.setOffline(true);
    await dinas.page.locator('[data-testid=queue-offline]', { hasText: 'Perlu sambungan internet' }).waitFor();
    await screenshot(dinas.page, 'queue-offline-800x1280');
    await dinas.context.close();
  });

  test('the Bupati finds "Pengesahan", no quota section, and the ratify button follows the window', async () => {
    const [proposal] = await proposalsAtKecamatan(1, { unique: false });
    // Up the chain through the step route (each level's own account).
    for (const [username, step] of [['kec.blega', 'Approve'], ['dinsos', 'Verify'], ['kadinsos', 'SignOff']]) {
      const api = await apiAs(username);
      const taken = await api.request.post(`${env.server.url}/api/v1/proposals/${proposal.id}/steps`, { data: { step, device: null } });
      assert.equal(taken.status(), 200, JSON.stringify(await taken.json()));
      await api.close();
    }
    const api = await apiAs('bupati');
    const queue = await (await api.request.get(`${env.server.url}/api/v1/queue`)).json();
    await api.close();
    assert.equal(queue.items.length, 1);
    const { window } = queue.items[0];

    const { context, page } = await openQueue('bupati', LANDSCAPE);
    assert.equal(await page.locator('[data-testid=nav-queue]').innerText(), 'Pengesahan');
    assert.match(await page.locator('h1').innerText(), /Pengesahan/);
    assert.equal(await page.locator('[data-testid=quota]').count(), 0);
    await page.locator('[data-testid=queue-open]', { hasText: proposal.name }).click();
    const button = page.locator('[data-testid=review-step]');
    await button.waitFor();
    assert.equal(await button.innerText(), 'Sahkan');
    // Ratification opens only on H-1 of the month's end: the button follows the server's answer.
    if (window.Closed) {
      assert.equal(await button.isDisabled(), true);
      const [y, m, d] = window.Closed.opens_on.split('-').map(Number);
      const month = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'][m - 1];
      assert.match(await page.locator('[data-testid=review-window]').innerText(), new RegExp(`${d} ${month} ${y}`));
      assert.equal(await page.locator('[data-testid=queue-pick]').isDisabled(), true);
    } else {
      assert.equal(await button.isEnabled(), true);
    }
    await screenshot(page, 'queue-bupati-1280x800');
    await context.close();
  });
});
