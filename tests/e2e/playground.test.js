// The playground in a real Chromium, against the built dist/: load, play, see the losses
// fall and the boundaries change; no long task at full speed; no sideways scroll on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, settle, screenshot, pixels } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });


test('the page loads, trains on play, and the losses fall', async () => {
  const { page, problems } = await open(browser, server.url);
  assert.equal(await page.isVisible('#errors'), false, 'no error banner on load');
  assert.equal(await page.evaluate(() => window.playground.epoch()), 0);
  const before = await pixels(page, 'boundary-big');
  await page.click('#play');
  await page.waitForFunction(() => window.playground.epoch() >= 30, null, { timeout: 60000 });
  await page.click('#play'); // pause
  const losses = await page.evaluate(() => ['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => Array.from(window.playground.lossHistory(k))));
  for (const curve of losses) {
    assert.ok(curve.length >= 30, `history of ${curve.length} epochs`);
    assert.ok(curve.at(-1) < curve[0], `loss fell: ${curve[0]} → ${curve.at(-1)}`);
  }
  // Adam separates the spiral: its loss is well below ln 2
  assert.ok(losses[3].at(-1) < 0.5, `Adam's loss ${losses[3].at(-1)}`);
  await page.waitForTimeout(300);
  assert.notEqual(await pixels(page, 'boundary-big'), before, 'the boundary changed');
  assert.notEqual(await page.textContent('#adam-train'), '—');
  assert.equal(await page.textContent('#epoch-count'), String(await page.evaluate(() => window.playground.epoch())));
  await screenshot(page, 'trained-1280x800.png');
  assert.deepEqual(problems, []);
  await page.close();
});

test('at full speed no task runs longer than 50 ms and clicks are answered', async () => {
  const { page, problems } = await open(browser, server.url);
  await settle(page, 30); // the paused page's first, sharp drawings are done: only training is timed
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
  await page.$eval('#speed', (el) => { el.value = el.max; el.dispatchEvent(new Event('input')); });
  await page.click('#play');
  await page.waitForTimeout(5000);
  // the tasks while training at full speed (the sharp redraws after the pause are not)
  const longTasks = await page.evaluate(() => window.longTasks);
  const t0 = Date.now();
  await page.click('#play'); // the page answers while training
  const answered = Date.now() - t0;
  const epochs = await page.evaluate(() => window.playground.epoch());
  assert.ok(epochs > 20, `only ${epochs} epochs in 5 s at full speed`);
  assert.deepEqual(longTasks.filter((d) => d > 50), [], `long tasks: ${longTasks}`);
  assert.ok(answered < 1000, `pause took ${answered} ms`);
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a phone-width screen has no sideways scroll', async () => {
  const { page, problems } = await open(browser, server.url, { width: 390, height: 844 });
  await page.evaluate(() => window.playground.trainEpochs(20));
  await page.waitForTimeout(500);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, `the page is ${overflow} px wider than the screen`);
  await screenshot(page, 'phone-390x844.png');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the first screen at 1280 × 800 shows the controls, the boundaries and the chart', async () => {
  const { page } = await open(browser, server.url);
  for (const id of ['#play', '#boundary-big', '#field-sgd', '#field-adam', '#race-chart', '#race-table']) {
    const box = await page.locator(id).boundingBox();
    assert.ok(box && box.y + box.height <= 800 && box.x + box.width <= 1280, `${id} is on the first screen: ${JSON.stringify(box)}`);
  }
  await screenshot(page, 'start-1280x800.png');
  await page.close();
});
