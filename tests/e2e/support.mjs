// Shared helpers of Tepat's browser tests: a real `tepat` server on a free loopback port over a
// fresh redb file, Debian's Chromium driven by playwright-core, and screenshots under
// $TEPAT_SCREENS_DIR. No sleeps: readiness is the server's own "berjalan di" line.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the browser tests with \`cargo xtask test\``);
  return value;
};

export const DEMO_PASSWORD = 'tepat-demo';

/**
 * Starts `tepat serve` with its own data folder on a free port; resolves once it listens.
 * `dataDir` and `port` start it again on the data and address of a stopped one.
 */
export async function startServer(extraArgs = [], { webDir = need('TEPAT_WEB_DIR'), dataDir, port = 0 } = {}) {
  dataDir ??= await mkdtemp(path.join(tmpdir(), 'tepat-e2e-'));
  const child = spawn(
    need('TEPAT_BIN'),
    ['serve', '--port', String(port), '--data-dir', dataDir, '--web-dir', webDir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const url = await new Promise((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${log}`)), 60_000);
    child.once('exit', (code) => { clearTimeout(guard); reject(new Error(`server exited (${code}):\n${log}`)); });
    createInterface({ input: child.stdout }).on('line', (line) => {
      log += `${line}\n`;
      const found = line.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (found) { clearTimeout(guard); resolve(found[0]); }
    });
  });
  return {
    url,
    dataDir,
    /** Stops the server; its data folder is deleted unless `keepData`. */
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
    /** Starts the stopped server again: same data, same address. */
    restart() {
      return startServer(extraArgs, { webDir, dataDir, port: new URL(url).port });
    },
  };
}

/** Launches Debian's Chromium headless, with the flags this closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: need('CHROMIUM'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Saves a full-page screenshot as $TEPAT_SCREENS_DIR/<name>.png. */
export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(need('TEPAT_SCREENS_DIR'), `${name}.png`), fullPage: true });
}

/** Logs in through the form and waits for the map page. */
export async function logIn(page, url, username, password = DEMO_PASSWORD) {
  await page.goto(`${url}/masuk`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('[data-testid=login-submit]');
}

/**
 * A field user's data on the tablet is sealed with a key that lives only in the page's memory:
 * after a reload the password opens it again. Waits for the unlock page, unlocks, waits for the
 * list.
 */
export async function unlock(page, password = DEMO_PASSWORD) {
  await page.locator('[data-testid=unlock-page]').waitFor();
  await page.fill('#unlock-password', password);
  await page.click('[data-testid=unlock-submit]');
  await page.locator('[data-testid=family-row]').first().waitFor();
}

/** The head-of-family names in the list, in order. */
export async function listedNames(page) {
  return page.locator('[data-testid=family-row] .row-name').allTextContents();
}

/**
 * Registers `before`/`after` hooks that start a server and a browser for the enclosing suite and
 * stop them afterwards; returns a handle whose `server` and `browser` are set once started.
 */
export function withServerAndBrowser(serverArgs = []) {
  const handle = { server: undefined, browser: undefined };
  before(async () => {
    handle.server = await startServer(serverArgs);
    handle.browser = await launchBrowser();
  });
  after(async () => {
    await handle.browser?.close();
    await handle.server?.stop();
  });
  return handle;
}

/**
 * How many families the map shows: single pins plus the houses inside numbered groups (the map
 * groups nearby pins when zoomed out).
 */
export async function pinnedFamilies(page) {
  return page.evaluate(() => {
    const map = document.querySelector('[data-testid=map]');
    const single = map.querySelectorAll('.tepat-pin').length;
    const grouped = [...map.querySelectorAll('.pin-group span')].reduce((sum, s) => sum + Number(s.textContent), 0);
    return single + grouped;
  });
}

/** Small evidence files of the kinds the server accepts (a JPEG header, a PDF). */
export function evidenceFile(kind, n = 1) {
  if (kind === 'pdf') return Buffer.from(`%PDF-1.4\n% bukti ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n`);
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, n]), Buffer.alloc(2000, n)]);
}

/**
 * Holds a whole musdes through the API as the desa operator behind `request` (a playwright
 * APIRequestContext): scheduled today (WIB), every waiting proposal decided (agreed unless its id
 * is in `rejected`), the four documents uploaded and attached, closed. Returns the closed view.
 * `date` (YYYY-MM-DD) is the server's today when its clock is moved (`--clock-at`).
 */
export async function holdMusdesByApi(request, url, { rejected = [], date } = {}) {
  const { createHash } = await import('node:crypto');
  const today = date ?? new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  const ok = async (response) => {
    if (!response.ok()) throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`);
    return response.json();
  };
  const meeting = await ok(await request.post(`${url}/api/v1/musdes`, {
    data: { id: crypto.randomUUID(), schedule: { date: today, time: '09:00:00', place: 'Balai Desa', chair: 'Ketua BPD' } },
  }));
  const path = `${url}/api/v1/musdes/${meeting.id}`;
  for (const item of meeting.agenda) {
    const accepted = !rejected.includes(item.proposal);
    const decision = { accepted, note: accepted ? '' : 'Keluarga sudah mampu menurut warga' };
    await ok(await request.post(path, { data: { Decide: { proposal: item.proposal, decision } } }));
  }
  const files = [['BeritaAcara', 'pdf'], ['FotoRapat', 'jpeg'], ['DaftarHadir', 'jpeg'], ['FotoPengumuman', 'jpeg']];
  for (const [index, [document, kind]] of files.entries()) {
    const bytes = evidenceFile(kind, index + 1);
    const hash = createHash('sha256').update(bytes).digest('hex');
    await ok(await request.put(`${url}/api/v1/evidence/${hash}?offset=0&total=${bytes.length}`, { data: bytes }));
    await ok(await request.post(path, { data: { Attach: { document, file: hash, name: `${document}.${kind}` } } }));
  }
  // A bare JSON string: sent as JSON explicitly (playwright sends a string as text).
  return ok(await request.post(path, { data: JSON.stringify('Close'), headers: { 'content-type': 'application/json' } }));
}

/**
 * A JPEG as a tablet camera gives it, drawn in the page: a house (a roof on a wall) on `width` x
 * `height` pixels, as a buffer for `setInputFiles`.
 */
export async function cameraPhoto(page, width = 2400, height = 1800) {
  const base64 = await page.evaluate(([w, h]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#8b5a2b';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#c0392b';
    ctx.beginPath();
    ctx.moveTo(w / 8, h / 2); ctx.lineTo(w / 2, h / 9); ctx.lineTo((7 * w) / 8, h / 2); ctx.fill();
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  }, [width, height]);
  return Buffer.from(base64, 'base64');
}

/**
 * Clicks a link until the page is at `urlPattern`. A page that re-renders just as the click lands
 * (a sync finishing, the map's detail redrawn) can swallow one click; a person would tap again.
 */
export async function clickUntilUrl(page, link, urlPattern, attempts = 4) {
  for (let attempt = 1; ; attempt += 1) {
    await link.click();
    try {
      await page.waitForURL(urlPattern, { timeout: 7_500 });
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
