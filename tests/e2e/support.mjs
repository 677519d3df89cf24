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
