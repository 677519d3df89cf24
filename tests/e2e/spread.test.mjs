// The leaders' spread map in a real browser: the Dinas sees the whole kabupaten as clusters the
// server counted (their numbers add up to every pinned family), kecamatan boxes with the loci
// marked; tapping a kecamatan zooms to it, tapping a desa drills down to its families; a family
// opens; colouring by extreme poverty changes the legend; a targeting-error filter narrows the
// count. `?family=` opens a family at its house. Screenshots at both tablet sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEMO_PASSWORD, logIn, screenshot, withServerAndBrowser } from './support.mjs';

const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };

/** The families the map shows: single houses plus the numbers on the clusters. */
async function drawnFamilies(page) {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid=spread-map]');
    const single = map.querySelectorAll('.spread-family').length;
    const grouped = [...map.querySelectorAll('.spread-cluster .count')]
      .reduce((sum, s) => sum + Number(s.textContent.replace(/\./g, '')), 0);
    return single + grouped;
  });
}

/** The figures line's numbers: matching, on the map, without a pin. */
async function figures(page) {
  const text = await page.locator('[data-testid=spread-figures]').textContent();
  return text.match(/[\d.]+/g).map((n) => Number(n.replace(/\./g, '')));
}

/** Waits until the map stopped moving and the server's answer for where it is is drawn. */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.leaflet-zoom-anim, .leaflet-pan-anim'));
  await page.locator('[data-testid=spread-counting]').waitFor({ state: 'detached' });
}

describe('spread map', () => {
  const env = withServerAndBrowser();

  async function pinnedInDemo() {
    const api = await env.browser.newContext();
    const login = await api.request.post(`${env.server.url}/api/v1/auth/login`, { data: { username: 'dinsos', password: DEMO_PASSWORD } });
    assert.equal(login.status(), 200);
    const list = await (await api.request.get(`${env.server.url}/api/v1/families`)).json();
    await api.close();
    return list.families;
  }

  test('the Dinas sees every family as clusters and drills down to a desa and a family', async () => {
    const families = await pinnedInDemo();
    const pinned = families.filter((f) => f.location).length;
    const context = await env.browser.newContext({ viewport: LANDSCAPE, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'dinsos');
    await page.waitForURL('**/peta');
    await page.click('[data-testid=nav-spread] a');
    await page.waitForURL('**/sebaran');
    await page.locator('.spread-cluster').first().waitFor();
    await settled(page);
    const [matching, onMap, unpinned] = await figures(page);
    assert.equal(matching, families.length);
    assert.equal(unpinned, families.length - pinned);
    assert.equal(onMap, pinned);
    assert.equal(await drawnFamilies(page), pinned, 'the clusters add up to every pinned house');
    const boxes = page.locator('.spread-region');
    assert.equal(await boxes.count(), 5, 'the five kecamatan of the loci desa');
    assert.equal(await page.locator('.spread-region.loci').count(), 5);
    await screenshot(page, 'spread-kabupaten-1280x800');

    // A kecamatan's box zooms to it; its desa appear as boxes.
    const zoom = async () => Number(await page.locator('.map-pane[data-zoom]').getAttribute('data-zoom'));
    const zoomedIn = (from) => page.waitForFunction(
      (z) => Number(document.querySelector('.map-pane[data-zoom]')?.dataset.zoom) > z, from);
    const kabupatenZoom = await zoom();
    await page.locator('.spread-region', { hasText: 'Blega' }).click();
    await page.locator('[data-testid=spread-region] h2', { hasText: 'Blega' }).waitFor();
    await zoomedIn(kabupatenZoom);
    await settled(page);
    // The desa's box: its families listed, the map at the desa.
    const kecamatanZoom = await zoom();
    await page.locator('.spread-region', { hasText: 'Lombang Dajah' }).click();
    const list = page.locator('[data-testid=spread-desa-families] li');
    await list.first().waitFor();
    const lombang = families.filter((f) => f.desa === '35.26.15.2012');
    assert.equal(await list.count(), lombang.length);
    await zoomedIn(kecamatanZoom);
    await settled(page);
    assert.ok(await zoom() >= 15, `zoom ${await zoom()}`);
    const [, drawnHere] = await figures(page);
    assert.ok(drawnHere > 0);
    assert.equal(await drawnFamilies(page), drawnHere, 'the map draws what the figures count');
    await screenshot(page, 'spread-desa-1280x800');

    // A family from the list: the map comes close, its house is drawn alone, its record opens.
    const first = lombang.filter((f) => f.location).sort((a, b) => a.head_name.localeCompare(b.head_name))[0];
    await page.locator('[data-testid=spread-desa-families] button', { hasText: first.head_name }).first().click();
    await page.locator('.family-detail, [data-testid=family-detail]').first().waitFor();
    await page.locator('.spread-family').first().waitFor();
    await settled(page);
    assert.ok(await page.locator('.spread-family').count() >= 1);
    assert.equal(await page.locator('.spread-cluster').count() + await page.locator('.spread-family').count() > 0, true);
    await screenshot(page, 'spread-family-1280x800');
    await context.close();
  });

  test('colours and filters change what is counted; a family opens from a link', async () => {
    const families = await pinnedInDemo();
    const context = await env.browser.newContext({ viewport: PORTRAIT, locale: 'id-ID' });
    const page = await context.newPage();
    await logIn(page, env.server.url, 'kadinsos');
    await page.waitForURL('**/peta');
    await page.goto(`${env.server.url}/sebaran`);
    await page.locator('.spread-cluster').first().waitFor();
    await settled(page);
    const [all] = await figures(page);

    await page.selectOption('[data-testid=spread-colour]', 'extreme');
    await page.locator('[data-testid=spread-legend] li.extreme-yes').waitFor();
    const legend = await page.locator('[data-testid=spread-legend] li').allTextContents();
    assert.ok(legend.some((l) => l.includes('Miskin ekstrem')), legend.join(' | '));

    await page.selectOption('[data-testid=spread-error]', 'exclusion');
    await page.waitForFunction((before) => {
      const text = document.querySelector('[data-testid=spread-figures]')?.textContent ?? '';
      return Number((text.match(/[\d.]+/) ?? ['0'])[0].replace(/\./g, '')) < before;
    }, all);
    await settled(page);
    const [excluded] = await figures(page);
    assert.ok(excluded < all, `${excluded} of ${all}`);
    await screenshot(page, 'spread-exclusion-800x1280');

    const target = families.find((f) => f.location);
    await page.goto(`${env.server.url}/sebaran?family=${target.id}`);
    await page.locator('.spread-family').first().waitFor();
    await page.locator('.family-detail, [data-testid=family-detail]').first().waitFor();
    await screenshot(page, 'spread-link-800x1280');
    await context.close();
  });
});
