// The race in Web Workers (docs/architecture.md, the race in workers): played with 1, 2 or 4
// workers the racers have the bits of the same race trained on the main thread; the largest net
// trains in workers, the page and its workers together within the memory budget (512 MB), the
// main thread's long tasks printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, settle, LARGEST } from './harness.js';

const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];
const MB = 2 ** 20;

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const histories = (page) => page.evaluate((kinds) => kinds.map((k) => ({
  train: Array.from(window.playground.lossHistory(k)),
  test: Array.from(window.playground.testLossHistory?.(k) ?? []),
})), KINDS);

// The PCA landscape (docs/math.md, the network's landscape): built from every racer's
// epoch-end snapshots, which the workers take and report — so it holds their bits too.
const pca = (page) => page.evaluate((kinds) => {
  const l = window.playground.landscape({ plane: 'pca', resolution: 5 });
  return { cost: Array.from(l.cost), explained: Array.from(l.explained), paths: kinds.map((k) => Array.from(l.paths[k])) };
}, KINDS);

/** Plays until at least `epochs` epochs are done, then pauses; resolves to the epochs done. */
async function playTo(page, epochs) {
  await page.$eval('#speed', (el) => { el.value = el.max; el.dispatchEvent(new Event('input')); });
  await page.click('#play');
  await page.waitForFunction((n) => window.playground.epoch() >= n, epochs, { timeout: 60000 });
  await page.click('#play');
  await page.waitForTimeout(200); // a report on its way is dropped, not taken in after the pause
  return page.evaluate(() => window.playground.epoch());
}

// The reference: the same race on the main thread, through the JS API (no workers at all).
async function mainThread(epochs, scenario) {
  const { page } = await open(browser, `${server.url}?workers=0#`);
  if (scenario) await page.evaluate((s) => window.playground.load(JSON.stringify(s)), scenario);
  await page.evaluate((n) => { for (let i = 0; i < n; i++) window.playground.trainEpochs(1); }, epochs);
  const h = await histories(page);
  const landscape = await pca(page);
  await page.close();
  return { h, landscape };
}

// a test set and shuffled batches, so that the schedule's random stream crosses the threads
const SHUFFLED = {
  version: 1, layers: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'sigmoid'], cost: 'bce',
  init: { kind: 'auto', scale: 1, seed: 3 },
  data: { dataset: 'spiral', samples: 300, noise: 0.1, train_fraction: 0.7, seed: 5 },
  batch_size: 16, shuffle: true,
};

for (const workers of [1, 2, 4]) {
  test(`played with ${workers} worker(s), the racers have the main thread's bits`, async () => {
    const { page, problems } = await open(browser, `${server.url}?workers=${workers}#`);
    await page.evaluate((s) => window.playground.load(JSON.stringify(s)), SHUFFLED);
    assert.equal((await page.evaluate(() => navigator.hardwareConcurrency)) > 0, true);
    const epochs = await playTo(page, 40);
    assert.equal(page.workers().length, workers, 'the page started that many workers');
    const played = await histories(page);
    assert.equal(played[0].train.length, epochs);
    assert.ok(played[0].test.length === epochs, 'a test loss per epoch');
    const reference = await mainThread(epochs, SHUFFLED);
    assert.deepEqual(played, reference.h, 'bit for bit (JSON keeps every digit)');
    assert.ok(reference.landscape.paths.every((p) => p.length >= 2 * 40), 'a point a snapshot, one an epoch');
    assert.deepEqual(await pca(page), reference.landscape, "the PCA landscape of the workers' snapshots, bit for bit");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('a sub-step while paused between two plays: the second round starts from it', async () => {
  const { page, problems } = await open(browser, `${server.url}?workers=2#`);
  const first = await playTo(page, 10);
  await page.evaluate(() => window.playground.nextStep()); // the followed racer starts a batch
  const total = await playTo(page, first + 15);
  const played = (await histories(page)).map((h) => h.train);
  const { page: ref } = await open(browser, `${server.url}?workers=0#`);
  assert.equal(ref.workers().length, 0, '?workers=0 starts no worker');
  const expected = await ref.evaluate(({ first, total }) => {
    const p = window.playground;
    while (p.epoch() < first) p.trainEpochs(1);
    p.nextStep();
    while (p.epoch() < total) p.trainEpochs(1);
    return ['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => Array.from(p.lossHistory(k)));
  }, { first, total });
  assert.deepEqual(played, expected);
  assert.deepEqual(problems, []);
  await page.close();
  await ref.close();
});

// While playing, the boundaries are painted from the grids the workers compute with each
// report (RaceWorker::fields), one pixel a grid point. On the largest net (P = 21,057
// parameters, N = 385 units: 36,457 units of work a point) the workers' grids are sized to
// 4·10⁷ units for the big field, ¼ of it for each small one: sides ⌊√1097⌋ = 33 and
// ⌊√274⌋ = 16, where the page's own live drawings afford 16 and 8 and its paused ones 74 and
// 37 — so a canvas of 33 or 16 was drawn from a worker. Its colours must be those of
// predictGrid for the race as the page holds it: orange where the output is above ½, blue
// below (the colour key). With 2 workers the followed racer's big field and two small fields
// come from the second worker.
test('while playing, the boundaries are the grids the workers computed for the epoch shown', { timeout: 5 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, `${server.url}?workers=2#`);
  await page.evaluate((s) => window.playground.load(JSON.stringify(s)), LARGEST);
  await settle(page, 30);
  await page.click('#play');
  const start = await page.evaluate(() => window.playground.epoch());
  await page.waitForFunction((n) => window.playground.epoch() >= n, start + 2, { timeout: 120000 });
  const look = () => page.evaluate((kinds) => {
    const p = window.playground;
    const epoch = p.epoch();
    const canvases = [['boundary-big', p.focused()], ...kinds.map((k) => [`field-${k}`, k])];
    const seen = canvases.map(([id, kind]) => {
      const c = document.getElementById(id);
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const grid = p.predictGrid(c.width, kind);
      let wrong = 0, sure = 0;
      for (let i = 0; i < grid.length; i++) {
        if (Math.abs(grid[i] - 0.5) < 0.05) continue; // at ½ the colour is white
        sure++;
        const orange = d[4 * i] > d[4 * i + 2];
        if (orange !== grid[i] > 0.5) wrong++;
      }
      // the followed racer's small plot shows its big grid (src/web/app/crew/fields.rs)
      const side = id === 'boundary-big' || kind === p.focused() ? 33 : 16;
      return { id, side, width: c.width, height: c.height, wrong, sure };
    });
    return { seen, same: p.epoch() === epoch };
  }, KINDS);
  let last;
  for (let tries = 0; tries < 100; tries++) {
    await page.waitForTimeout(150);
    last = await look();
    if (last.same && last.seen.every((s) => s.width === s.side && s.wrong === 0 && s.sure > 0)) break;
  }
  await page.click('#play');
  for (const s of last.seen) {
    assert.ok(s.width === s.side && s.height === s.side, `${s.id}: ${s.width} × ${s.height}, not a worker's grid`);
    assert.ok(s.sure > 0, `${s.id}: no point away from ½`);
    assert.equal(s.wrong, 0, `${s.id}: ${s.wrong} of ${s.sure} points away from ½ in the wrong colour`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

/** The page's WebAssembly memory and each worker's, in bytes. */
async function memory(page) {
  const own = await page.evaluate(() => window.playground.memoryBytes?.() ?? window.__wasmExports?.memory?.buffer.byteLength);
  const workers = await Promise.all(page.workers().map((w) => w.evaluate(() => self.memoryBytes?.() ?? 0)));
  return { own, workers };
}

// The goal: no main-thread task over 50 ms while the largest net trains. The page
// computes no boundary while its workers train (they send the grids), paints fields at their
// grid's size and draws at most 500 links live, so its tasks stay short even with the
// machine loaded (≈ 25 ms at most with a load of 5 on 2 cores).
test('the largest net plays in its workers, the page and its workers within 512 MB, no main-thread task over 50 ms', { timeout: 10 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url);
  await page.evaluate((s) => window.playground.load(JSON.stringify(s)), LARGEST);
  await settle(page, 30); // the paused page's sharp drawings, which may take 100 ms each, are done
  await page.click('#play');
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
  const t0 = Date.now();
  const start = await page.evaluate(() => window.playground.epoch());
  await page.waitForFunction((n) => window.playground.epoch() >= n, start + 4, { timeout: 120000 });
  const seconds = (Date.now() - t0) / 1000;
  const epochs = await page.evaluate(() => window.playground.epoch()) - start;
  const longTasks = await page.evaluate(() => window.longTasks); // while training: before the pause
  await page.click('#play');
  const { own, workers } = await memory(page);
  const total = own + workers.reduce((a, b) => a + b, 0);
  console.log(`largest net: ${epochs} epochs in ${seconds.toFixed(1)} s with ${workers.length} workers; ` +
    `memory: page ${(own / MB).toFixed(0)} MB + workers ${workers.map((b) => (b / MB).toFixed(0)).join(' + ')} MB; ` +
    `tasks over 50 ms: ${longTasks.length ? longTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}`);
  assert.ok(workers.length >= 1, 'the race ran in workers');
  assert.ok(workers.every((b) => b > 0), 'every worker loaded the module');
  assert.ok(epochs >= 4, `${epochs} epochs`);
  assert.ok(total <= 512 * MB, `page and workers: ${(total / MB).toFixed(0)} MB`);
  assert.deepEqual(longTasks.filter((d) => d > 50), [], 'main-thread tasks over 50 ms while training');
  assert.deepEqual(problems, []);
  await page.close();
});
