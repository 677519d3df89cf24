// Accessibility of the main pages (issue 5, tablet polish): axe-core runs in the page at both
// tablet sizes and reports no serious or critical violation; no page scrolls sideways; every
// button and input a finger uses is at least 44 px tall. Pages: login, map, family form, visit
// form, musdes, national exchange, the leaders' Rekap and Salah sasaran.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import { evidenceFile, logIn, screenshot, withServerAndBrowser } from './support.mjs';

// The app's CSP forbids inline script (security.test.mjs proves it); contexts that inject axe
// bypass it.
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical violations on the page as it is now, described for the failure. */
async function violations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Buttons, inputs and selects a finger uses that are under 44 px tall (visible ones). */
async function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll('button, input:not([type=file]), select, a.button, label.button')]
    .filter((e) => !e.closest('.leaflet-control-attribution, .leaflet-popup, .visually-hidden') && !e.classList.contains('visually-hidden'))
    .map((e) => ({ e, box: e.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 44)
    .map(({ e, box }) => `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') ?? e.className}] ${Math.round(box.height)} px`));
}

async function checkPage(page, name) {
  // Measure the page at rest: a popup still fading in (Leaflet's opacity transition) would be
  // measured half-transparent.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  assert.deepEqual(await violations(page), [], `${name}: serious or critical violations`);
  assert.deepEqual(await smallTargets(page), [], `${name}: touch targets under 44 px`);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(sideways <= 0, `${name}: scrolls sideways by ${sideways} px`);
}

describe('accessibility of the main pages', () => {
  const env = withServerAndBrowser();

  for (const [width, height] of [[800, 1280], [1280, 800]]) {
    test(`login, map with list and detail, and the family form at ${width}x${height}`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      await page.goto(env.server.url);
      await page.locator('#username').waitFor();
      await checkPage(page, 'login');

      await logIn(page, env.server.url, 'op.lombangdajah');
      await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
      await page.locator('[data-testid=family-row]').nth(2).click();
      await page.locator('[data-testid=family-detail] [data-testid=proposals]').waitFor();
      await checkPage(page, 'map');

      await page.click('[data-testid=register-family]');
      await page.locator('[data-testid=instrument]').waitFor();
      await page.click('[data-testid=save-family]');
      await page.locator('[data-testid=field-error]').first().waitFor();
      await checkPage(page, 'form');
      await screenshot(page, `a11y-form-${width}x${height}`);
      await context.close();
    });

    test(`the verifier's visit form, with a dispute open, at ${width}x${height}`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, env.server.url, 'tksk.blega');
      await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
      await page.locator('[data-testid=family-row]').nth(3).click();
      const form = page.locator('[data-testid=visit-form]');
      await form.locator('[data-testid=visit-item-Members] [data-testid=visit-confirm]').click();
      await form.locator('[data-testid=visit-item-Pin] [data-testid=visit-dispute-button]').click();
      await form.locator('[data-testid=visit-dispute-note]').waitFor();
      await form.locator('[data-testid=visit-save]').click();
      await form.locator('[data-testid=field-error]').waitFor();
      await checkPage(page, 'visit form');
      await form.scrollIntoViewIfNeeded();
      await screenshot(page, `a11y-visit-${width}x${height}`);
      await context.close();
    });

    test(`the musdes: the schedule form, a meeting with its agenda and evidence, and the berita acara at ${width}x${height}`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      // One desa per size: a desa has one open musdes at a time.
      await logIn(page, env.server.url, width === 800 ? 'op.lombangdajah' : 'op.alasraja');
      await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
      // One proposal waiting for the musdes (through the API: the panel is checked above).
      const families = await (await page.request.get(`${env.server.url}/api/v1/families`)).json();
      const family = families.families[7];
      const created = await (await page.request.post(`${env.server.url}/api/v1/proposals`, { data: { family: family.id, kind: 'Correction' } })).json();
      await page.request.post(`${env.server.url}/api/v1/proposals/${created.id}/steps`, { data: { step: 'SubmitToMusdes' } });
      await page.click('.topbar-nav >> text=Musdes');
      await page.locator('[data-testid=schedule-form]').waitFor();
      await page.click('[data-testid=schedule-submit]');
      await page.locator('[data-testid=schedule-error]').waitFor();
      await checkPage(page, 'musdes schedule');
      await page.fill('[data-testid=musdes-place]', 'Balai Desa');
      await page.fill('[data-testid=musdes-chair]', 'Ketua BPD');
      await page.click('[data-testid=schedule-submit]');
      await page.locator('[data-testid=agenda-item]').first().waitFor();
      await page.setInputFiles('[data-testid=evidence-input-BeritaAcara]', { name: 'ba.pdf', mimeType: 'application/pdf', buffer: evidenceFile('pdf') });
      await page.locator('[data-testid=evidence-BeritaAcara] [data-testid=evidence-file]').waitFor();
      await checkPage(page, 'musdes meeting');
      await page.click('text=Cetak berita acara');
      await page.locator('[data-testid=minutes-agenda]').waitFor();
      await checkPage(page, 'berita acara');
      await context.close();
    });

    test(`the Dinas operator's "Kirim ke pusat", empty and with a refused result, at ${width}x${height}`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, env.server.url, 'dinsos');
      await page.waitForURL('**/peta');
      await page.getByRole('link', { name: 'Kirim ke pusat' }).click();
      await page.locator('[data-testid=national-empty]').waitFor();
      await page.setInputFiles('[data-testid=result-file]', {
        name: 'hasil.csv', mimeType: 'text/csv', buffer: Buffer.from('ID USULAN;HASIL;ALASAN\r\nbukan-id;DITERIMA;\r\n'),
      });
      await page.click('[data-testid=upload-result]');
      await page.locator('[data-testid=result-problems]').waitFor();
      await checkPage(page, 'national');
      await context.close();
    });

    test(`the leaders' spread map with a desa drilled into at ${width}x${height}`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, env.server.url, 'bupati');
      await page.waitForURL('**/peta');
      await page.goto(`${env.server.url}/sebaran`);
      await page.locator('.spread-region', { hasText: 'Blega' }).click();
      await page.locator('.spread-region', { hasText: 'Lombang Dajah' }).click();
      await page.locator('[data-testid=spread-desa-families] li').first().waitFor();
      await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim, .leaflet-pan-anim'));
      await checkPage(page, 'spread map');
      await context.close();
    });

    test(`the leaders' "Rekap" (kecamatan, a kecamatan's desa) and "Salah sasaran" at ${width}x${height}`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, env.server.url, 'kadinsos');
      await page.waitForURL('**/peta');
      await page.getByRole('link', { name: 'Rekap' }).click();
      await page.locator('[data-testid=chart-kecamatan]').waitFor();
      await checkPage(page, 'rekap');
      await page.getByRole('button', { name: 'Blega', exact: true }).click();
      await page.locator('[data-testid=rekap-row][data-code="35.26.15.2012"]').waitFor();
      await checkPage(page, 'rekap desa');
      await page.getByRole('link', { name: 'Salah sasaran' }).click();
      await page.click('[data-testid=tab-exclusion]');
      await page.locator('[data-testid=targeting-row]').first().waitFor();
      await checkPage(page, 'salah sasaran');
      await context.close();
    });
  }
});

describe('accessibility of the residents\' public pages', () => {
  const env = withServerAndBrowser();

  /** Like smallTargets, but a radio or checkbox counts by the whole label it sits in. */
  async function smallPublicTargets(page) {
    return page.evaluate(() => [...document.querySelectorAll('button, input:not([type=file]), select, a.button, label.choice')]
      .filter((e) => !(e.matches('input[type=radio], input[type=checkbox]') && e.closest('label.choice')))
      .map((e) => ({ e, box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && box.height < 44)
      .map(({ e, box }) => `${e.tagName.toLowerCase()}[${e.getAttribute('data-testid') ?? e.className}] ${Math.round(box.height)} px`));
  }

  for (const [width, height] of [[390, 844], [800, 1280]]) {
    test(`the public pages at ${width}x${height}`, async () => {
      // The pages' CSP forbids inline script: bypassed so axe can be injected.
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      for (const path of ['/publik', '/publik/cek', '/publik/usul', '/publik/sanggah', '/publik/kasus', '/publik/musdes', '/publik/musdes/35.26.15.2012']) {
        await page.goto(`${env.server.url}${path}`);
        assert.deepEqual(await violations(page), [], `${path}: serious or critical violations`);
        assert.deepEqual(await smallPublicTargets(page), [], `${path}: touch targets under 44 px`);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(sideways <= 0, `${path}: scrolls sideways by ${sideways} px`);
      }
      await context.close();
    });
  }
});

describe('accessibility of citizens\' cases', () => {
  const env = withServerAndBrowser();

  for (const [width, height] of [[800, 1280], [1280, 800]]) {
    test(`"Kasus": the inbox and a case's visit and decision forms at ${width}x${height}`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height }, locale: 'id-ID', bypassCSP: true });
      const page = await context.newPage();
      await logIn(page, env.server.url, 'op.lombangdajah');
      await page.waitForURL('**/peta');
      // A click, not a reload: a reload locks the field user's copy (the unlock page).
      await page.click('[data-testid=nav-cases] a');
      await page.locator('[data-testid=case-row]').first().waitFor();
      await checkPage(page, 'cases inbox');
      await page.locator('[data-testid=case-row][data-state=baru]').first().click();
      await page.locator('[data-testid=case-visit-submit]').waitFor();
      await checkPage(page, 'case visit form');
      await page.locator('[data-testid=case-row][data-state=dikunjungi]').first().click();
      await page.locator('[data-testid=case-decide]').waitFor();
      await checkPage(page, 'case decision form');
      await context.close();
    });
  }
});
