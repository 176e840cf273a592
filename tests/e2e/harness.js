// Shared by the end-to-end tests: a static file server for dist/ and a Chromium launcher.
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const dist = process.env.DIST_DIR || join(root, 'dist');
export const artifacts = join(here, 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml',
};

/** Serves dist/ on an ephemeral port of 127.0.0.1; resolves to { url, close }. */
export async function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dist, path.endsWith('/') ? path + 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Opens the page and waits for the wasm to start; fails on any page error. */
export async function open(browser, url, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  await page.goto(url);
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground, null, { timeout: 30000 });
  return { page, problems };
}

export async function screenshot(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, name), fullPage: true });
}

/** A fingerprint of a canvas's pixels. */
export const pixels = (page, id) => page.evaluate((id) => {
  const c = document.getElementById(id);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let h = 0;
  for (let i = 0; i < d.length; i += 97) h = (h * 31 + d[i]) >>> 0;
  return h;
}, id);

/** Runs `fn(window.playground, arg)` in the page; `arg` must survive JSON. */
export const pg = (page, fn, arg) => page.evaluate(`(${fn})(window.playground, ${JSON.stringify(arg)})`);

/** Sets a field's value as a person would leave it: `input`, then `change` (both bubble). */
export const setValue = (page, selector, value) => page.$eval(selector, (el, value) => {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}, value);

/** The note under the settings: its text and kind (restarted, applied, refused). */
export const note = (page) => page.$eval('#settings-note', (el) => ({
  text: el.textContent, kind: el.className.replace(/^note\s*/, ''),
}));

/** Waits `frames` animation frames: the page draws one stale drawing a frame when paused. */
export const settle = (page, frames = 12) => page.evaluate((frames) => new Promise((done) => {
  let n = 0;
  const tick = () => (++n >= frames ? done() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), frames);
