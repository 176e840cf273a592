// Memory on the largest network the caps allow (harness LARGEST: six hidden layers of 64, 5000
// examples in one batch): 1000 sub-steps keep the WebAssembly memory at or under 512 MB, and
// 256 presses of ← step back exactly 256 sub-steps — the upcoming sub-step, t, the epoch and
// the weights as they were — still within 512 MB. Slow: every update trains four racers on
// 5000 examples (the timings are printed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, LARGEST } from './harness.js';

const MB = 2 ** 20;
const LIMIT = 512 * MB;
const STEPS = Number(process.env.MEMORY_STEPS ?? 1000);
const BACK = 256;
const EVERY = 50;

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The page's WebAssembly memory in bytes: `playground.memoryBytes()` when the build has it,
 *  else the memory of the instance trunk's loader announced. */
const memory = (page) => page.evaluate(() => {
  if (typeof window.playground.memoryBytes === 'function') return window.playground.memoryBytes();
  const m = window.__wasmExports?.memory;
  return m instanceof WebAssembly.Memory ? m.buffer.byteLength : null;
});

test(`${STEPS} sub-steps of the largest net stay within 512 MB, and ← undoes ${BACK} of them`, { timeout: 30 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url);
  const t0 = Date.now();
  const startBytes = await memory(page);
  assert.equal(typeof startBytes, 'number', 'the wasm memory is reachable (playground.memoryBytes() or the loader\'s instance)');
  await page.evaluate((s) => window.playground.load(JSON.stringify(s)), LARGEST);
  assert.deepEqual(await page.evaluate(() => window.playground.scenario().layers), LARGEST.layers);
  // the page's own keys and drawing stay out of the way: nothing focused, not playing
  await page.evaluate(() => document.activeElement?.blur());

  // the state after every sub-step (after sub-step k at index k), the weights where ← must land
  const states = [await page.evaluate(() => ({ upcoming: window.playground.upcoming(), step: window.playground.step(), epoch: window.playground.epoch() }))];
  const land = STEPS - BACK;
  let fingerprint;
  let peak = startBytes;
  const memoryLog = [];
  const batches = [];
  for (let done = 0; done < STEPS; done += EVERY) {
    const n = Math.min(EVERY, STEPS - done);
    const b = await page.evaluate(([from, n, land]) => {
      const p = window.playground;
      const out = { states: [], ms: 0, slowest: 0, slowestStep: null };
      let print;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const did = p.nextStep();
        const ms = performance.now() - t;
        out.ms += ms;
        if (ms > out.slowest) { out.slowest = ms; out.slowestStep = did; }
        out.states.push({ upcoming: p.upcoming(), step: p.step(), epoch: p.epoch() });
        if (from + i + 1 === land) {
          const sum = (m) => Array.from(m.data).reduce((a, x, j) => a + x * (j + 1), 0);
          print = [1, 4, 7].map((l) => sum(p.matrix('w', l))).concat(sum(p.matrix('b', 7)));
        }
      }
      out.print = print;
      return out;
    }, [done, n, land]);
    states.push(...b.states);
    if (b.print) fingerprint = b.print;
    const bytes = await memory(page);
    peak = Math.max(peak, bytes);
    memoryLog.push(bytes);
    batches.push(b);
    assert.ok(bytes <= LIMIT, `after ${done + n} sub-steps the wasm memory is ${(bytes / MB).toFixed(0)} MB`);
  }
  const forwardSeconds = (Date.now() - t0) / 1000;
  const slowest = batches.reduce((a, b) => (b.slowest > a.slowest ? b : a));
  console.log(`# memory: ${STEPS} sub-steps in ${forwardSeconds.toFixed(0)} s (in the wasm ${(batches.reduce((a, b) => a + b.ms, 0) / 1000).toFixed(0)} s;`
    + ` slowest sub-step ${slowest.slowest.toFixed(0)} ms, ${JSON.stringify(slowest.slowestStep)});`
    + ` wasm memory ${(startBytes / MB).toFixed(0)} MB at the start, peak ${(peak / MB).toFixed(0)} MB; per ${EVERY}: ${memoryLog.map((b) => (b / MB).toFixed(0)).join(' ')}`);
  assert.equal(states.length, STEPS + 1);

  // ← on the page, 256 times
  const t1 = Date.now();
  for (let i = 0; i < BACK; i++) await page.keyboard.press('ArrowLeft');
  const back = await page.evaluate(() => {
    const p = window.playground;
    const sum = (m) => Array.from(m.data).reduce((a, x, j) => a + x * (j + 1), 0);
    return {
      state: { upcoming: p.upcoming(), step: p.step(), epoch: p.epoch() },
      print: [1, 4, 7].map((l) => sum(p.matrix('w', l))).concat(sum(p.matrix('b', 7))),
    };
  });
  const backBytes = await memory(page);
  peak = Math.max(peak, backBytes);
  console.log(`# memory: ${BACK} × ← in ${((Date.now() - t1) / 1000).toFixed(1)} s; wasm memory then ${(backBytes / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB; whole test ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  assert.deepEqual(back.state, states[land], `${BACK} × ← lands where sub-step ${land} left off`);
  assert.deepEqual(back.print, fingerprint, `the weights are those after sub-step ${land}, bit for bit`);
  assert.ok(backBytes <= LIMIT, `after stepping back the wasm memory is ${(backBytes / MB).toFixed(0)} MB`);
  assert.ok(peak <= LIMIT, `peak ${(peak / MB).toFixed(0)} MB`);
  assert.deepEqual(problems, []);
  await page.close();
});
