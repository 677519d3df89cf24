// The basemap in a village (issue 5): the tiles the map shows are kept by the service worker,
// "Unduh peta desa" downloads the desa's tiles ahead of time (estimate first, progress, cancel,
// tiles already stored skipped) and, with the tile server gone, the map draws its background
// from what is stored while a part never downloaded fails as before (the "offline" notice). An
// update of the app replaces its shell cache and keeps the tiles.
// There is no internet here: a tiny tile server on a loopback port stands in for the
// kabupaten's own, answering every /{z}/{x}/{y}.png with one generated PNG.

import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import { launchBrowser, logIn, screenshot, startServer, unlock } from './support.mjs';

/** A 256×256 PNG: pale land with a darker line along its top and left edges (a visible grid). */
function tilePng() {
  const size = 256;
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y += 1) {
    const row = y * (1 + size * 3);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x += 1) {
      const edge = x === 0 || y === 0;
      rows.set(edge ? [168, 178, 160] : [226, 232, 214], row + 1 + x * 3);
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The stand-in tile server: CORS open, nothing cached by the browser's HTTP cache (so a tile
 * shown offline can only come from the app's own cache), every request recorded, and an
 * optional delay so a download can be watched.
 */
async function startTileServer() {
  const png = tilePng();
  const requests = [];
  let delayMs = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const found = path.match(/^\/(\d+)\/(\d+)\/(\d+)\.png$/);
    if (!found) { res.writeHead(404).end(); return; }
    requests.push(path);
    setTimeout(() => {
      res.writeHead(200, {
        'Content-Type': 'image/png',
        'Content-Length': png.length,
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'no-store',
      });
      res.end(png);
    }, delayMs);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    setDelay(ms) { delayMs = ms; },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const zoomOf = (path) => Number(path.split('/')[1]);

/** Brings the download panel into view in the side pane. */
async function showPanel(page) {
  await page.locator('[data-testid=map-download]').scrollIntoViewIfNeeded();
}

/**
 * Waits until tiles cover the whole map (its four corners) and every tile has finished (loaded or
 * failed) and faded in. After a resize Leaflet adds the new tiles a frame later: the corners
 * tell when it has.
 */
async function tilesSettled(page) {
  await page.waitForFunction(() => {
    const map = document.querySelector('[data-testid=map]').getBoundingClientRect();
    const tiles = [...document.querySelectorAll('[data-testid=map] img.leaflet-tile')];
    const corners = [[map.left + 2, map.top + 2], [map.right - 2, map.top + 2],
      [map.left + 2, map.bottom - 2], [map.right - 2, map.bottom - 2]];
    const covered = corners.every(([x, y]) => tiles.some((t) => {
      const r = t.getBoundingClientRect();
      return r.left <= x && x < r.right && r.top <= y && y < r.bottom;
    }));
    return covered && tiles.every((t) => t.complete && t.style.opacity === '1');
  }, null, { timeout: 20_000 });
}

describe('basemap on the field tablet', () => {
  let tiles;
  let webDir;
  let server;
  let browser;
  before(async () => {
    tiles = await startTileServer();
    // A copy of the build, so the test can deploy "a new version" into it.
    webDir = await mkdtemp(path.join(tmpdir(), 'tepat-web-'));
    await cp(process.env.TEPAT_WEB_DIR, webDir, { recursive: true });
    server = await startServer(['--tile-url', `${tiles.url}/{z}/{x}/{y}.png`, '--tile-attribution', 'Peta uji'], { webDir });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await tiles?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  test('visited tiles load; "Unduh peta desa" estimates, downloads with progress, cancels, resumes; offline the map draws from the cache', async () => {
    const context = await browser.newContext({ viewport: { width: 800, height: 1280 }, locale: 'id-ID' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await logIn(page, server.url, 'op.lombangdajah');
    await page.locator('[data-testid=family-row]').first().waitFor();
    await page.locator('[data-testid=sync-status]', { hasText: 'Tersinkron' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    // The map's own tiles come from the instance's tile server, with CORS.
    await page.locator('[data-testid=map] img.leaflet-tile-loaded').first().waitFor();
    assert.ok(tiles.requests.length > 0);
    assert.equal(await page.locator('[data-testid=map] img.leaflet-tile').first().getAttribute('crossorigin'), 'anonymous');
    assert.equal(await page.locator('[data-testid=basemap-offline]').count(), 0);

    // Before anything is fetched: how many tiles, about how big.
    await showPanel(page);
    const estimate = page.locator('[data-testid=tiles-estimate]');
    assert.match(await estimate.innerText(), /^Perkiraan: ± [\d.]+ ubin, ± [\d,]+ MB \(zoom 13–17\)\.$/);
    const planned = Number(await estimate.getAttribute('data-tiles'));
    // The demo desa's houses lie within about 1.3 km: a hundred or two tiles.
    assert.ok(planned > 50 && planned < 300, `planned ${planned}`);
    await page.locator('[data-testid=tiles-storage]').waitFor();

    // A first download, slowed so it can be watched, cancelled part-way.
    tiles.setDelay(120);
    const before = tiles.requests.length;
    await page.click('[data-testid=tiles-download]');
    const progress = page.locator('[data-testid=tiles-progress] progress');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=tiles-progress] progress')?.value) >= 20);
    assert.equal(await progress.getAttribute('max'), String(planned));
    assert.match(await page.locator('[data-testid=tiles-count]').innerText(), /^Mengunduh peta: [\d.]+ dari [\d.]+ ubin \(\d+%\)$/);
    await showPanel(page);
    await screenshot(page, 'basemap-downloading-800x1280');
    await page.click('[data-testid=tiles-cancel]');
    const result = page.locator('[data-testid=tiles-result]');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-ending'), 'Cancelled');
    assert.match(await result.innerText(), /^Unduhan dibatalkan setelah [\d.]+ dari [\d.]+ ubin\. Ubin yang sudah diunduh tetap tersimpan\.$/);
    const firstFetched = Number(await result.getAttribute('data-fetched'));
    assert.ok(firstFetched > 0 && firstFetched < planned);

    // Again: what is stored is skipped, the rest fetched, to the end.
    tiles.setDelay(10);
    await page.click('[data-testid=tiles-download]');
    await page.locator('[data-testid=tiles-result][data-ending=Complete]').waitFor({ timeout: 60_000 });
    const fetched = Number(await result.getAttribute('data-fetched'));
    const skipped = Number(await result.getAttribute('data-skipped'));
    assert.equal(await result.getAttribute('data-failed'), '0');
    assert.equal(fetched + skipped, planned);
    assert.ok(skipped >= firstFetched, `skipped ${skipped}, stored before ${firstFetched}`);
    assert.match(await result.innerText(), /^Peta desa tersimpan lengkap di tablet: [\d.]+ ubin baru diunduh \(.+\) dan [\d.]+ ubin sudah ada sebelumnya\.$/);
    // The tile server saw each downloaded tile once (a request cut off by the cancel is asked
    // again), all of them at the zoom levels planned.
    const downloaded = tiles.requests.slice(before);
    assert.equal(new Set(downloaded).size, firstFetched + fetched);
    assert.ok(downloaded.every((path) => zoomOf(path) >= 13 && zoomOf(path) <= 17));
    assert.match(await page.locator('[data-testid=tiles-storage]').innerText(), /Ubin peta tersimpan: [\d.]+\./);
    await showPanel(page);
    await screenshot(page, 'basemap-downloaded-800x1280');

    // A third press fetches nothing: every tile is stored.
    const beforeThird = tiles.requests.length;
    await page.click('[data-testid=tiles-download]');
    await page.locator('[data-testid=tiles-result][data-fetched="0"]').waitFor();
    assert.equal(await result.getAttribute('data-skipped'), String(planned));
    assert.equal(tiles.requests.length, beforeThird);
    assert.match(await result.innerText(), /^Peta desa sudah lengkap di tablet: semua [\d.]+ ubin sudah tersimpan, tidak ada yang perlu diunduh\.$/);
    assert.equal(await page.locator('[data-testid=tiles-stored]').innerText(), 'Semua ubin ini sudah tersimpan di tablet ini.');
    await page.setViewportSize({ width: 1280, height: 800 });
    await tilesSettled(page);
    await showPanel(page);
    await screenshot(page, 'basemap-downloaded-1280x800');

    // A new version of the app: its worker starts afresh (the tile template read back from its
    // cache), the old shell cache goes, the tiles stay.
    const sw = path.join(webDir, 'sw.js');
    await writeFile(sw, (await readFile(sw, 'utf8')).replace(/const BUILD = '[^']*'/, "const BUILD = 'versi-baru-peta'"));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const prompt = page.locator('[data-testid=update-ready]');
    await prompt.waitFor();
    await Promise.all([page.waitForEvent('load'), prompt.locator('button').click()]);
    await page.waitForFunction(async () => {
      const shells = (await caches.keys()).filter((k) => k.startsWith('tepat-shell-'));
      return shells.length === 1 && shells[0] === 'tepat-shell-versi-baru-peta';
    });
    const kept = await page.evaluate(async () => (await (await caches.open('tepat-tiles')).keys()).length);
    assert.ok(kept >= planned, `tiles kept ${kept}`);
    const remembered = await page.evaluate(async () => (await caches.match('/tepat-tile-template', { cacheName: 'tepat-tiles-template' }))?.json());
    assert.deepEqual(remembered, { template: `${tiles.url}/{z}/{x}/{y}.png` });

    // The tile server goes away; the tablet reloads: the desa's map comes from the cache.
    await tiles.close();
    await page.reload();
    await unlock(page);
    await tilesSettled(page);
    const shown = await page.locator('[data-testid=map] img.leaflet-tile').count();
    assert.ok(shown > 0);
    assert.equal(await page.locator('[data-testid=map] img.leaflet-tile-loaded').count(), shown, 'every tile in view drawn');
    assert.equal(await page.locator('[data-testid=basemap-offline]').count(), 0);
    await screenshot(page, 'basemap-from-cache-1280x800');

    // Far beyond the desa nothing was downloaded: those tiles fail, the notice says so, the
    // pins and the list keep working.
    const map = await page.locator('[data-testid=map]').boundingBox();
    const centre = { x: map.x + map.width / 2, y: map.y + map.height / 2 };
    for (let i = 0; i < 3; i += 1) {
      await page.mouse.move(centre.x + 300, centre.y);
      await page.mouse.down();
      await page.mouse.move(centre.x - 300, centre.y, { steps: 12 });
      await page.mouse.up();
    }
    await page.locator('[data-testid=basemap-offline]').waitFor();
    assert.ok(await page.locator('[data-testid=family-row]').count() > 0);
    await screenshot(page, 'basemap-beyond-download-1280x800');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
