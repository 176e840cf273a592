// The engine without the page: loading the module starts nothing, so a `Playground` runs in a
// Web Worker (no DOM; loaded from the same origin, as the page's CSP requires) and in Node.
// Each gives the same bits as elsewhere: the Worker the same losses as the page's own engine,
// Node — running the very files the page loads, after wasm-opt — the same as the native
// command-line tool's trace (an independent build of the core).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, launch, open, root, dist } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const scenario = JSON.parse(readFileSync(join(root, 'scenarios', 'default.json'), 'utf8'));
const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];

test('a Playground in a Web Worker trains to the same bits as the page', async () => {
  const { page, problems } = await open(browser, server.url);
  const result = await page.evaluate(async ({ scenario, kinds }) => {
    const tag = document.querySelector('script[data-js][data-wasm]');
    const url = (u) => new URL(u, document.baseURI).href;
    const worker = new Worker(url('engine-worker.js'), { type: 'module' });
    const ask = (message) => new Promise((ok) => {
      worker.onmessage = ({ data }) => ok(data);
      worker.postMessage(message);
    });
    const ready = await ask({ init: { js: url(tag.dataset.js), wasm: url(tag.dataset.wasm) } });
    const answer = await ask({ scenario, epochs: 3, kinds });
    worker.terminate();
    const here = new window.wasmBindings.Playground(scenario);
    here.trainEpochs(3);
    const mine = Object.fromEntries(kinds.map((k) => [k, Array.from(here.lossHistory(k))]));
    return { ready, answer, mine, documentInPage: typeof document };
  }, { scenario, kinds: KINDS });
  assert.deepEqual(result.ready, { ready: true }, 'the module loads in a Worker (no DOM there)');
  assert.equal(result.answer.error, undefined, result.answer.error);
  for (const kind of KINDS) {
    assert.equal(result.answer.losses[kind].length, 3, kind);
    assert.deepEqual(result.answer.losses[kind], result.mine[kind], `${kind}: the same bits in the Worker`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a Playground in Node (no DOM) gives the native tool\'s numbers bit for bit', async () => {
  // the module and the wasm dist/index.html names; Node reads the module as ES from a .mjs
  const [, js, wasm] = readFileSync(join(dist, 'index.html'), 'utf8').match(/data-js="([^"]+)" data-wasm="([^"]+)"/);
  const out = mkdtempSync(join(tmpdir(), 'engine-node-'));
  copyFileSync(join(dist, js), join(out, 'engine.mjs'));
  const bindings = await import(pathToFileURL(join(out, 'engine.mjs')).href);
  bindings.initSync({ module: readFileSync(join(dist, wasm)) });
  const { Playground } = bindings;
  assert.equal(typeof globalThis.document, 'undefined', 'Node has no DOM');
  const p = new Playground(JSON.stringify(scenario));
  p.trainEpochs(3);
  const followed = p.focused();
  const file = join(out, 'scenario.json');
  writeFileSync(file, JSON.stringify({ ...scenario, epochs: 3 }));
  const cli = join(root, 'target', 'release', process.platform === 'win32' ? 'playground.exe' : 'playground');
  const trace = JSON.parse(execFileSync(cli, ['trace', file], { maxBuffer: 1 << 28 }).toString());
  const native = trace.epochs.map((e) => e.train_loss);
  assert.equal(native.length, 3);
  assert.deepEqual(Array.from(p.lossHistory(followed)), native, `${followed}: Node = native, bit for bit`);
});
