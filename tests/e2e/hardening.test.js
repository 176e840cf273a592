// What the hardening issue found broken, as a person meets it in the page: a preset's own
// link in a fresh browser, a kept run that claims too much, a long replay that must be
// stoppable, and → / ← on the page at the largest net.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, openWithKept } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("a preset's own link, opened in a fresh browser, shows its title and explanation", async () => {
  const { page, problems } = await open(browser, server.url);
  // the browser packs each link a few milliseconds after it is asked for: the default
  // lesson's, if the page writes one at load, may land after the preset is chosen, so wait
  // for the hash that follows the choice
  await page.waitForFunction(() => location.hash.startsWith('#s='), null, { timeout: 2000 }).catch(() => {});
  const before = await page.evaluate(() => location.hash);
  await page.selectOption('#preset', 'momentum-overshoot');
  await page.waitForFunction((h) => location.hash.startsWith('#s=') && location.hash !== h, before);
  const link = await page.evaluate(() => location.href);
  await page.close();
  // a new page is a new browser context: no kept run, only the link
  const fresh = await open(browser, link);
  const note = await fresh.page.textContent('#preset-note');
  assert.match(note, /Momentum overshoots/);
  assert.match(note, /β = 0\.98/);
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.page.close();
});

/** A page whose local storage holds `kept` before the page's own script first runs. */
const withKept = (kept) => openWithKept(browser, server.url, kept);

test('a kept run that claims 1e15 updates is refused with its field, and the page works', async () => {
  const { page, problems } = await open(browser, server.url);
  const scenario = await page.evaluate(() => JSON.parse(window.playground.scenarioJson()));
  await page.close();
  delete scenario.init.weights;
  scenario.init = { kind: 'auto', scale: 1, seed: 1 };
  const kept = { run: { scenario, changes: [], batches: 1e15, substeps: 0 }, view: {} };
  const k = await withKept(kept);
  const banner = await k.page.textContent('#error-text');
  assert.match(banner, /could not be restored \(batches: 1000000000000000 updates; a race of this scenario stops after/);
  assert.equal(await k.page.evaluate(() => window.playground.epoch()), 0);
  await k.page.click('#play');
  await k.page.waitForFunction(() => window.playground.epoch() >= 3, null, { timeout: 30000 });
  await k.page.click('#play');
  // the refused run is gone from storage (the page keeps its own run now)
  assert.deepEqual(problems, []);
  assert.deepEqual(k.problems.filter((p) => !/could not be restored/.test(p)), []);
  await k.page.close();
});

test('a long replay of a kept run stops when a person presses play, and the run goes on', async () => {
  // a 2-32-32-1 net at batch 1 on 2,000 examples: 40,000 updates take far longer to replay
  // than this test waits
  const scenario = {
    version: 1, layers: [2, 32, 32, 1], activations: ['tanh', 'tanh', 'sigmoid'], cost: 'bce',
    init: { kind: 'auto', scale: 1, seed: 1 },
    data: { dataset: 'spiral', samples: 2000, noise: 0.05, train_fraction: 1, seed: 1 },
    batch_size: 1, shuffle: true,
  };
  const { page, problems } = await withKept({ run: { scenario, changes: [], batches: 40000, substeps: 0 }, view: {} });
  await page.waitForFunction(() => /restoring your last run/.test(document.getElementById('last-step').textContent));
  const during = await page.evaluate(() => window.playground.epoch());
  assert.ok(during < 20, `still restoring: epoch ${during} of 20`);
  await page.click('#play');
  assert.match(await page.textContent('#last-step'), /restoring stopped at update \d+ of 40000/);
  const from = await page.evaluate(() => window.playground.epoch());
  await page.waitForFunction((from) => window.playground.epoch() > from, from, { timeout: 60000 });
  await page.click('#play');
  assert.deepEqual(problems, []);
  await page.close();
});
