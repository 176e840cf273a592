// The browser benchmark: the canonical workloads (benches/README.md) timed in one Chromium page,
// the WebAssembly engine through its JavaScript API beside the hand-written JavaScript peer
// (benches/peer.js), on the same data and initial weights. Prints medians and ratios, and checks
// that both compute the right numbers.
//
//   node benches/browser.mjs        (after `trunk build --release --offline`; DIST_DIR=… to choose)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, open, root } from '../tests/e2e/harness.js';

const spiral = JSON.parse(await readFile(join(root, 'benches/spiral.json'), 'utf8'));
const scenario = JSON.parse(await readFile(join(root, 'benches/spiral-scenario.json'), 'utf8'));
const peerSource = await readFile(join(root, 'benches/peer.js'), 'utf8');

const server = await serve();
const browser = await launch();
const { page, problems } = await open(browser, server.url);
await page.addScriptTag({ content: peerSource });

const results = await page.evaluate(({ spiral, scenario }) => {
  const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];
  const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
  const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };
  const m = spiral.m;
  // the data in the column convention, row-major: x is 2 × m, y is 1 × m
  const x = new Float64Array(2 * m);
  spiral.X.forEach(([a, b], j) => { x[j] = a; x[m + j] = b; });
  const y = Float64Array.from(spiral.Y);
  const { n: side, lo, hi } = spiral.grid;
  const points = side * side;
  const gridPointMajor = new Float64Array(2 * points);
  const gridRows = new Float64Array(2 * points);
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const p = i * side + j;
      const gx = lo + ((hi - lo) * i) / (side - 1), gy = lo + ((hi - lo) * j) / (side - 1);
      gridPointMajor[2 * p] = gx; gridPointMajor[2 * p + 1] = gy;
      gridRows[p] = gx; gridRows[points + p] = gy;
    }
  }
  const settings = Object.fromEntries(scenario.race.map((r) => [r.kind, r]));
  const peerNets = () => KINDS.map((k) => {
    const n = window.peer.net(spiral.sizes, spiral.W, spiral.b);
    return { kind: k, n, step: window.peer.optimizer(k, n, settings[k]) };
  });

  // race epoch: each of the four optimizers one epoch (P1 × 4), then each one's train loss
  const wasm = new window.wasmBindings.Playground(scenario);
  const wasmEpochs = [];
  for (let e = 1; e <= 110; e++) wasmEpochs.push(time(() => wasm.trainEpochs(1)));
  const racers = peerNets();
  const peerEpochs = [], peerLoss = {};
  for (let e = 1; e <= 110; e++) {
    peerEpochs.push(time(() => {
      for (const r of racers) {
        window.peer.epoch(r.n, r.step, x, y, m, scenario.batch_size);
        peerLoss[r.kind] = window.peer.loss(r.n, x, y, m);
      }
    }));
  }
  const wasmLoss = Object.fromEntries(KINDS.map((k) => [k, wasm.lossHistory(k).at(-1)]));

  // P2: the forward pass over the 200 × 200 grid with the initial weights
  const fresh = new window.wasmBindings.Playground(scenario);
  let wasmOut, peerOut;
  const p2 = (f) => { for (let i = 0; i < 5; i++) f(); return Array.from({ length: 50 }, () => time(f)); };
  const wasmP2 = p2(() => { wasmOut = fresh.predictPoints(gridPointMajor, 'adam'); });
  const initial = window.peer.net(spiral.sizes, spiral.W, spiral.b);
  const peerP2 = p2(() => { peerOut = window.peer.forward(initial, gridRows, points).at(-1); });
  const mean = (v) => v.reduce((s, a) => s + a, 0) / v.length;

  // P3: one animation frame of the race: a race epoch and the four boundaries at 100 × 100
  const small = new Float64Array(2 * 10000);
  for (let q = 0; q < 10000; q++) { small[q] = gridRows[q]; small[10000 + q] = gridRows[points + q]; }
  const frames = new window.wasmBindings.Playground(scenario);
  const wasmP3 = Array.from({ length: 40 }, () => time(() => {
    frames.trainEpochs(1);
    for (const k of KINDS) frames.predictGrid(100, k);
  }));
  const peerFrames = peerNets();
  const peerP3 = Array.from({ length: 40 }, () => time(() => {
    for (const r of peerFrames) {
      window.peer.epoch(r.n, r.step, x, y, m, scenario.batch_size);
      window.peer.loss(r.n, x, y, m);
    }
    for (const r of peerFrames) window.peer.forward(r.n, small, 10000);
  }));

  return {
    raceEpoch: [median(wasmEpochs.slice(10)), median(peerEpochs.slice(10))],
    p2: [median(wasmP2), median(peerP2)],
    p3: [median(wasmP3.slice(5)), median(peerP3.slice(5))],
    loss: { wasm: wasmLoss, peer: peerLoss },
    grid: {
      wasm: [mean(wasmOut), wasmOut[12345]],
      peer: [mean(peerOut), peerOut[12345]],
    },
    agent: navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0],
  };
}, { spiral, scenario });

await browser.close();
await server.close();

const row = (name, [ours, peer], what) => {
  console.log(`${name.padEnd(34)} ${ours.toFixed(2).padStart(8)} ms ${peer.toFixed(2).padStart(8)} ms   ${(ours / peer).toFixed(2).padStart(5)}×   ${what}`);
};
console.log(`Browser benchmark (${results.agent}, one page, medians; ratio = wasm / JS, below 1 is faster)`);
console.log(`${'workload'.padEnd(34)} ${'wasm'.padStart(11)} ${'JS peer'.padStart(11)}   ratio`);
row('race epoch (P1 × 4 + 4 train losses)', results.raceEpoch, 'SGD, Momentum, RMSprop, Adam: one epoch each, batch 32');
row('P2 grid forward (40,000 points)', results.p2, 'initial weights');
row('P3 frame (race epoch + 4 × 100²)', results.p3, 'the four boundaries at 100 × 100');
console.log('');
const ok = [];
const check = (what, got, want, tol) => {
  const good = Math.abs(got - want) <= tol;
  ok.push(good);
  console.log(`${good ? 'ok ' : 'BAD'} ${what}: ${got} (expected ${want} ± ${tol})`);
};
// expected values: ../shared/benches/workloads.md (PyTorch float64 for the losses)
check('wasm Adam train loss after 110 epochs', results.loss.wasm.adam, 0.655, 0.002);
check('JS peer Adam train loss after 110 epochs', results.loss.peer.adam, 0.655, 0.002);
check('wasm SGD train loss after 110 epochs', results.loss.wasm.sgd, 0.6923, 0.0005);
check('JS peer SGD train loss after 110 epochs', results.loss.peer.sgd, 0.6923, 0.0005);
for (const k of ['momentum', 'rmsprop']) {
  check(`wasm and JS peer agree on ${k}'s loss`, results.loss.wasm[k] - results.loss.peer[k], 0, 1e-6);
}
check('wasm P2 mean output', results.grid.wasm[0], 0.5, 1e-12);
check('JS peer P2 mean output', results.grid.peer[0], 0.5, 1e-12);
check('wasm P2 out[12345]', results.grid.wasm[1], 0.630775903, 5e-10);
check('JS peer P2 out[12345]', results.grid.peer[1], 0.630775903, 5e-10);
if (problems.length) console.log('page problems:', problems);
process.exit(ok.every(Boolean) && problems.length === 0 ? 0 : 1);
