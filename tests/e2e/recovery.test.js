// Recovery from a panic, in a build with the cargo feature `test-hooks` (scripts/test.sh
// builds the e2e dist so): `playground.panicForTest()` panics inside the session as a bug
// would; the page reloads itself once and replays the run it kept in local storage, and says
// so in #errors. When the restore itself panics (local storage key
// `backprop-playground/test-panic-on-restore` = "1"), the page starts afresh on the default
// lesson and says so, after at most one reload of its own — never a loop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watch, ready, settle } from './harness.js';

const KEPT = 'backprop-playground/last-run';
const PANIC_ON_RESTORE = 'backprop-playground/test-panic-on-restore';
/** The console lines a provoked panic brings (the panic, the banner's message). */
const PROVOKED = /asked for by a test/;

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Opens the page counting its full loads (a reload is one more). */
async function openCounting() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = await watch(page, server.url);
  const loads = { count: 0 };
  page.on('load', () => { loads.count++; });
  await page.goto(server.url);
  await ready(page);
  return { page, problems, loads };
}

/** Everything a replay must bring back. */
const state = (page) => page.evaluate(() => {
  const p = window.playground;
  return {
    epoch: p.epoch(), step: p.step(), upcoming: p.upcoming(), focused: p.focused(),
    losses: ['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => Array.from(p.lossHistory(k))),
  };
});

/** Waits until the page has kept the run as it is now: the kept text exists and stays the
 *  same for a second (the page keeps it on the frame after a change when paused, every 2 s
 *  while playing). */
async function waitKept(page) {
  let last = null;
  let sameSince = Date.now();
  const t0 = Date.now();
  for (;;) {
    const now = await page.evaluate((k) => localStorage.getItem(k), KEPT);
    if (now !== last) { last = now; sameSince = Date.now(); }
    if (now !== null && Date.now() - sameSince >= 1000) return now;
    assert.ok(Date.now() - t0 < 15000, 'the page kept its run in local storage within 15 s');
    await page.waitForTimeout(100);
  }
}

/** Calls panicForTest(); the call itself throws (the trap) or the page goes away under it. */
async function panic(page) {
  assert.equal(await page.evaluate(() => typeof window.playground.panicForTest), 'function',
    'playground.panicForTest() exists (build the dist with --features test-hooks)');
  const outcome = await page.evaluate(() => {
    try { window.playground.panicForTest(); return 'returned'; } catch (e) { return `${e.constructor.name}: ${e.message}`; }
  }).catch((e) => `the page went away: ${e.message.split('\n')[0]}`);
  assert.notEqual(outcome, 'returned', 'panicForTest() does not return');
}

test('after a panic the page reloads once, replays the kept run and says it recovered', async () => {
  const { page, problems, loads } = await openCounting();
  // a run of the page's own: epochs by the button, a racer by the key, sub-steps by →
  for (let i = 0; i < 4; i++) await page.click('#one-epoch');
  await page.keyboard.press('2');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await settle(page);
  const before = await state(page);
  assert.equal(before.epoch, 4);
  assert.equal(before.focused, 'momentum');
  await waitKept(page);

  await panic(page);
  const t0 = Date.now();
  while (loads.count < 2) {
    assert.ok(Date.now() - t0 < 15000, 'the page reloaded itself within 15 s');
    await page.waitForTimeout(100);
  }
  await ready(page);
  console.log(`# panic: reloaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  // the replay runs a few milliseconds a frame: wait until it is done
  await page.waitForFunction((e) => window.playground.epoch() === e.epoch && window.playground.step() === e.step,
    before, { timeout: 60000 }).catch(() => {});
  await settle(page);
  assert.deepEqual(await state(page), before, 'the run came back exactly as it was');
  assert.equal(await page.isVisible('#errors'), true, 'the banner is shown');
  const said = await page.textContent('#error-text');
  assert.match(said, /recover|came back|restored|reloaded/i, `#errors says it recovered: "${said}"`);
  // no second reload, and the page works
  await page.waitForTimeout(3000);
  assert.equal(loads.count, 2, `one reload, not ${loads.count - 1}`);
  await page.click('#one-epoch');
  assert.equal(await page.evaluate(() => window.playground.epoch()), before.epoch + 1);
  // in particular no second panic of the broken page before it goes (its frames and handlers
  // must leave the session alone once it has panicked)
  assert.deepEqual(problems.filter((p) => !PROVOKED.test(p)), [], 'nothing but the provoked panic went wrong');
  assert.ok(problems.some((p) => PROVOKED.test(p)), 'the panic reached the console');
  await page.close();
});

test('a panic while restoring the kept run starts afresh on the default lesson, with one reload at most', async () => {
  const { page, problems, loads } = await openCounting();
  const fresh = await page.evaluate(() => new window.wasmBindings.Playground().scenarioJson());
  await page.selectOption('#dataset', 'circle');
  for (let i = 0; i < 3; i++) await page.click('#one-epoch');
  await settle(page);
  assert.notEqual(await page.evaluate(() => window.playground.scenarioJson()), fresh, 'the run is not the default lesson');
  await waitKept(page);
  await page.evaluate((k) => localStorage.setItem(k, '1'), PANIC_ON_RESTORE);

  // a reload of the person's: the page restores the kept run, which panics
  await page.reload();
  const reloadedAt = loads.count; // 2: the first load and this reload
  const t0 = Date.now();
  // the page ends ready on the default lesson, whatever it went through
  for (;;) {
    const done = await page.evaluate(() => document.body.classList.contains('ready') && !!window.playground
      && window.playground.epoch() === 0).catch(() => false);
    if (done) break;
    assert.ok(Date.now() - t0 < 30000, 'the page came up within 30 s');
    await page.waitForTimeout(200);
  }
  const upAfter = (Date.now() - t0) / 1000;
  await page.waitForTimeout(3000); // and stays up: no loop
  await ready(page);
  const own = loads.count - reloadedAt;
  console.log(`# restore panic: ${own} reload(s) of the page's own; up again in ${upAfter.toFixed(1)} s`);
  assert.ok(own <= 1, `the page reloaded itself ${own} times`);
  assert.equal(await page.evaluate(() => window.playground.scenarioJson()), fresh, 'the default lesson');
  assert.equal(await page.evaluate(() => window.playground.epoch()), 0);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k) === null
    || JSON.parse(localStorage.getItem(k)).lesson?.data?.dataset !== 'circle', KEPT), true, 'the run that broke is no longer kept');
  assert.equal(await page.isVisible('#errors'), true, 'the banner is shown');
  const said = await page.textContent('#error-text');
  assert.match(said, /afresh|from the start|default|start(s|ed)? (over|anew)/i, `#errors says it started afresh: "${said}"`);
  // the fresh page works
  await page.click('#one-epoch');
  assert.equal(await page.evaluate(() => window.playground.epoch()), 1);
  // the provoked panic, in a frame of the page's, also surfaces as the trap it ends in
  const traps = problems.filter((p) => /^page error: unreachable/.test(p));
  assert.ok(traps.length <= 1, `one trap, the provoked panic's: ${traps.length}`);
  assert.deepEqual(problems.filter((p) => !PROVOKED.test(p) && !traps.includes(p)), [], 'nothing but the provoked panic went wrong');
  await page.close();
});
