// The Node benchmark: the engine (the page's own files in dist/) on the main thread beside
// the hand-written JavaScript peer (benches/peer.js) in a worker thread — its own isolate, so
// the wasm's memory growth cannot slow the peer's typed-array loops (in one page V8 slows them
// by ~30%). The two are timed in turns, workload by workload, on the same data and weights,
// and both are checked for the right numbers (benches/README.md).
//
//   node benches/node.mjs        (after `trunk build --release --offline`)
import { readFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spiral = JSON.parse(readFileSync(join(root, 'benches/spiral.json'), 'utf8'));
const scenario = JSON.parse(readFileSync(join(root, 'benches/spiral-scenario.json'), 'utf8'));
const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];

// the engine: the module and wasm the page loads (after wasm-opt), named in dist/index.html;
// the module is copied to a .mjs file, which Node reads as an ES module
const dist = join(root, 'dist');
const [, js, wasm] = readFileSync(join(dist, 'index.html'), 'utf8').match(/data-js="([^"]+)" data-wasm="([^"]+)"/);
const glue = join(mkdtempSync(join(tmpdir(), 'bench-node-')), 'engine.mjs');
copyFileSync(join(dist, js), glue);
const bindings = await import(pathToFileURL(glue).href);
bindings.initSync({ module: readFileSync(join(dist, wasm)) });
const { Playground } = bindings;

// the peer, in its own isolate; it answers { run, reps } with its times and results
const peerSource = readFileSync(join(root, 'benches/peer.js'), 'utf8');
const worker = new Worker(`
  const { parentPort, workerData } = require('node:worker_threads');
  eval(workerData.peerSource);
  const { spiral, scenario } = workerData;
  const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];
  const m = spiral.m, x = new Float64Array(2 * m);
  spiral.X.forEach(([a, b], j) => { x[j] = a; x[m + j] = b; });
  const y = Float64Array.from(spiral.Y);
  const { n: side, lo, hi } = spiral.grid, points = side * side;
  const grid = new Float64Array(2 * points);
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
    const p = i * side + j;
    grid[p] = lo + ((hi - lo) * i) / (side - 1); grid[points + p] = lo + ((hi - lo) * j) / (side - 1);
  }
  const settings = Object.fromEntries(scenario.race.map((r) => [r.kind, r]));
  const racers = KINDS.map((k) => { const n = peer.net(spiral.sizes, spiral.W, spiral.b); return { k, n, step: peer.optimizer(k, n, settings[k]) }; });
  const initial = peer.net(spiral.sizes, spiral.W, spiral.b);
  const loss = {};
  let p2out;
  parentPort.on('message', ({ run }) => {
    const t = performance.now();
    if (run === 'epoch') {
      for (const r of racers) { peer.epoch(r.n, r.step, x, y, m, scenario.batch_size); loss[r.k] = peer.loss(r.n, x, y, m); }
    } else {
      p2out = peer.forward(initial, grid, points).at(-1);
    }
    const ms = performance.now() - t;
    parentPort.postMessage({ ms, loss, p2: p2out ? [p2out.reduce((s, v) => s + v, 0) / p2out.length, p2out[12345]] : null });
  });
`, { eval: true, workerData: { peerSource, spiral, scenario } });
const ask = (run) => new Promise((ok) => { worker.once('message', ok); worker.postMessage({ run }); });

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
const time = (f) => { const t = performance.now(); f(); return performance.now() - t; };

// the P2 points for the engine: point after point
const { n: side, lo, hi } = spiral.grid, points = side * side;
const gridPoints = new Float64Array(2 * points);
for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
  const p = i * side + j;
  gridPoints[2 * p] = lo + ((hi - lo) * i) / (side - 1);
  gridPoints[2 * p + 1] = lo + ((hi - lo) * j) / (side - 1);
}

const engine = new Playground(scenario);
const epochs = { engine: [], peer: [] };
let last;
for (let e = 1; e <= 110; e++) {
  epochs.engine.push(time(() => engine.trainEpochs(1)));
  last = await ask('epoch');
  epochs.peer.push(last.ms);
}
const fresh = new Playground(scenario);
const p2 = { engine: [], peer: [] };
let engineOut, peerP2;
for (let r = 0; r < 55; r++) {
  p2.engine.push(time(() => { engineOut = fresh.predictPoints(gridPoints, 'adam'); }));
  peerP2 = await ask('p2');
  p2.peer.push(peerP2.ms);
}
await worker.terminate();

const row = (name, e, p) => console.log(
  `${name.padEnd(38)} ${e.toFixed(2).padStart(8)} ms ${p.toFixed(2).padStart(8)} ms   ${(p / e).toFixed(2).padStart(5)}×`);
console.log(`Node benchmark (Node ${process.versions.node}; engine on the main thread, JS peer in a worker thread; medians; ratio = peer / engine, above 1 the engine is faster)`);
console.log(`${'workload'.padEnd(38)} ${'engine'.padStart(11)} ${'JS peer'.padStart(11)}   ratio`);
row('race epoch (P1 × 4 + 4 train losses)', median(epochs.engine.slice(10)), median(epochs.peer.slice(10)));
row('P2 grid forward (40,000 points)', median(p2.engine.slice(5)), median(p2.peer.slice(5)));

const ok = [];
const check = (what, got, want, tol) => {
  const good = Math.abs(got - want) <= tol;
  ok.push(good);
  console.log(`${good ? 'ok ' : 'BAD'} ${what}: ${got} (expected ${want} ± ${tol})`);
};
// expected values: benches/README.md (PyTorch float64 for the losses)
check('engine Adam train loss after 110 epochs', engine.lossHistory('adam').at(-1), 0.655, 0.002);
check('peer Adam train loss after 110 epochs', last.loss.adam, 0.655, 0.002);
check('engine SGD train loss after 110 epochs', engine.lossHistory('sgd').at(-1), 0.6923, 0.0005);
check('peer SGD train loss after 110 epochs', last.loss.sgd, 0.6923, 0.0005);
check('engine P2 mean output', engineOut.reduce((s, v) => s + v, 0) / engineOut.length, 0.5, 1e-12);
check('peer P2 mean output', peerP2.p2[0], 0.5, 1e-12);
check('engine P2 out[12345]', engineOut[12345], 0.630775903, 5e-10);
check('peer P2 out[12345]', peerP2.p2[1], 0.630775903, 5e-10);
process.exit(ok.every(Boolean) ? 0 : 1);
