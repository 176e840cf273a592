// Shared by the end-to-end tests: a static file server for dist/, a Chromium launcher, and a
// page opener that records what must never happen: page errors, console errors, violations of
// the Content-Security-Policy, and requests to any other origin than the test server.
import { afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
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

/** The largest network the caps allow, on the most data (scenarios/default.json's format). */
export const LARGEST = {
  version: 1,
  layers: [2, 64, 64, 64, 64, 64, 64, 1],
  activations: ['tanh', 'tanh', 'tanh', 'tanh', 'tanh', 'tanh', 'sigmoid'],
  cost: 'bce',
  init: { kind: 'auto', scale: 1, seed: 1 },
  data: { dataset: 'spiral', samples: 5000, noise: 0.05, train_fraction: 1, seed: 1 },
  batch_size: 5000,
  shuffle: true,
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
  // close() drops every connection too: a page left hanging must not keep the server open
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => { server.close(ok); server.closeAllConnections(); }) };
}

/** Debian's Chromium, headless, with the flags this machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** CSP violations and requests to other origins of every page opened since the last test
 *  ended: any of them fails the test that was running (the hook below), whatever it asserts. */
const breaches = [];
afterEach(() => {
  const seen = breaches.splice(0);
  if (seen.length) throw new Error(`the page broke its Content-Security-Policy or left its origin:\n${seen.join('\n')}`);
});

/** Records on `page`, into the array it returns: page errors, console errors, every
 *  `securitypolicyviolation` (reported from the page as it happens, across reloads) and every
 *  request to an origin other than `url`'s (data: and blob: URLs are local). */
export async function watch(page, url) {
  const problems = [];
  const origin = new URL(url).origin;
  const breach = (what) => { problems.push(what); breaches.push(what); };
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    // Chromium logs each refusal as "Refused to … because it violates the following
    // Content Security Policy directive"; the event below names the directive too
    if (/Content.Security.Policy/i.test(m.text())) breaches.push(`CSP (console): ${m.text()}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (/^(data|blob):/.test(u)) return;
    if (new URL(u).origin !== origin) breach(`request to another origin: ${r.method()} ${u}`);
  });
  await page.exposeFunction('__reportCspViolation', (v) => breach(
    `CSP violation: ${v.violatedDirective} blocked ${v.blockedURI || '(inline)'}`
    + ` at ${v.sourceFile || '?'}:${v.lineNumber}${v.sample ? ` "${v.sample}"` : ''}`));
  // runs before any script of the page, on every navigation, whatever the page's policy
  await page.addInitScript(() => {
    // trunk's loader announces the wasm instance's exports (its memory among them)
    addEventListener('TrunkApplicationStarted', (e) => { window.__wasmExports = e.detail?.wasm; });
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const v = {
        violatedDirective: e.violatedDirective, blockedURI: e.blockedURI,
        sourceFile: e.sourceFile, lineNumber: e.lineNumber, sample: e.sample,
      };
      window.__cspViolations.push(v);
      window.__reportCspViolation?.(v);
    });
  });
  return problems;
}

/** Waits until the page's wasm has started and mounted the page. */
export const ready = (page, timeout = 30000) => page.waitForFunction(
  () => document.body.classList.contains('ready') && window.playground, null, { timeout });

/** Opens the page and waits for the wasm to start. `problems` collects page errors, console
 *  errors, CSP violations and requests to other origins (tests assert it is empty). */
export async function open(browser, url, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  const problems = await watch(page, url);
  await page.goto(url);
  await ready(page);
  return { page, problems };
}

/** The local-storage key of the run the page keeps (src/web/io/sharing.rs, STORE_KEY). */
export const STORE_KEY = 'backprop-playground/last-run';

/** Opens the page with `kept` in its local storage before the page's own script first runs
 *  (only on the first load: a reload the page does itself finds what the page left). */
export async function openWithKept(browser, url, kept) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = await watch(page, url);
  await page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('kept-once')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('kept-once', '1');
    }
  }, [STORE_KEY, JSON.stringify(kept)]);
  await page.goto(url);
  await ready(page);
  return { page, problems };
}

/** The CSP violations the page saw since it last loaded, as the event reported them. */
export const violations = (page) => page.evaluate(() => window.__cspViolations);

/** Violations counted by directive and place, one line each, for a failure message. */
export const summary = (vs) => Object.entries(vs.reduce((n, v) => {
  const k = `${v.violatedDirective} blocked ${v.blockedURI || '(inline)'} at ${v.sourceFile || '?'}:${v.lineNumber}`;
  n[k] = (n[k] || 0) + 1;
  return n;
}, {})).map(([k, n]) => `${n} × ${k}`).join('\n');

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

/** Asserts that the native tool's first step for the scenario file `file` (`tool trace file`)
 *  is the page's own — Z, A, δ, dW and db of every layer, bit for bit (the page is reset to do
 *  its first step). */
export async function sameFirstStepAsNative(page, tool, file) {
  const trace = JSON.parse(execFileSync(tool, ['trace', file], { cwd: root, maxBuffer: 64 << 20 }));
  const mine = await pg(page, (p) => {
    p.reset(); p.forward(); p.backward();
    const depth = p.scenario().layers.length - 1;
    const rows = (m) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.slice(i * m.cols, (i + 1) * m.cols)));
    return Array.from({ length: depth }, (_, l) => Object.fromEntries(['z', 'a', 'delta', 'dw', 'db'].map((n) => [n, rows(p.matrix(n, l + 1))])));
  });
  assert.equal(trace.first_step.layers.length, mine.length);
  trace.first_step.layers.forEach((layer, l) => {
    for (const n of ['z', 'a', 'delta', 'dw', 'db']) {
      const [a, b] = [layer[n].flat(), mine[l][n].flat()];
      assert.equal(a.length, b.length, `${n}[${l + 1}] size`);
      const differ = a.findIndex((v, i) => !Object.is(v, b[i]));
      assert.equal(differ, -1, `${n}[${l + 1}] entry ${differ}: native ${a[differ]}, page ${b[differ]}`);
    }
  });
}

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

export const TIMED_OUT = Symbol('timed out');
/** `promise`'s value, or TIMED_OUT when it takes longer than `ms`. */
export const within = (promise, ms) => {
  let timer;
  return Promise.race([promise, new Promise((ok) => { timer = setTimeout(() => ok(TIMED_OUT), ms); })])
    .finally(() => clearTimeout(timer));
};

/** Waits `frames` animation frames: the page draws one stale drawing a frame when paused. */
export const settle = (page, frames = 12) => page.evaluate((frames) => new Promise((done) => {
  let n = 0;
  const tick = () => (++n >= frames ? done() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), frames);
