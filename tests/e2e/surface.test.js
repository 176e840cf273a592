// A surface lesson on the page (issue 12): the contour plot of f with the four racers' paths,
// the optimizer state, the loss per update; play, → and ←, a click that moves the start, the
// function's settings, links; no long task while playing; screenshots of both presets at
// 1280 × 800 and 390 px, playing and paused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, settle, screenshot, pixels, pg } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];

/** Each racer's current point, read back through window.playground.landscape(). */
const positions = (page) => pg(page, (p) => {
  const l = p.landscape({ resolution: 2 });
  return ['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => Array.from(l.paths[k].slice(-2)));
});

async function preset(page, id) {
  await page.selectOption('#preset', id);
  await page.waitForFunction(() => document.body.classList.contains('surface'));
  await settle(page);
}

/** How many sampled pixels of a canvas are the contour lines' dark grey, and how many
 *  colours it has: a blank or one-colour canvas has neither. */
const inks = (page, id) => page.evaluate((id) => {
  const c = document.getElementById(id);
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let dark = 0, n = 0;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4 * 7) {
    n++;
    colours.add(`${d[i] >> 3},${d[i + 1] >> 3},${d[i + 2] >> 3}`);
    if (d[i + 3] > 0 && d[i] < 170 && Math.abs(d[i] - d[i + 1]) < 20 && Math.abs(d[i + 1] - d[i + 2]) < 20) dark++;
  }
  return { dark: dark / n, colours: colours.size };
}, id);

test('the ravine preset draws the contours of f and the network panels give way', async () => {
  const { page, problems } = await open(browser, server.url);
  await preset(page, 'ravine-kappa-50');
  assert.equal(await page.isVisible('#surface-panel'), true);
  assert.equal(await page.isVisible('#state-panel'), true);
  for (const id of ['#focus-panel', '#racers-panel', '#lesson-view', '#dataset']) {
    assert.equal(await page.isVisible(id), false, `${id} hidden on a surface`);
  }
  assert.match(await page.textContent('#surface-note'), /zig-zags/);
  const ground = await inks(page, 'surface-ground');
  assert.ok(ground.colours > 20, `${ground.colours} colours on the ground`);
  assert.ok(ground.dark > 0.003, `contour lines cover ${ground.dark} of the plot`);
  assert.equal(await page.inputValue('#surface-function'), 'bowl');
  assert.equal(await page.inputValue('#surface-kappa'), '50');
  // the start marked, the state panel at t = 0
  assert.match(await page.textContent('#surface-state'), /t = 0/);
  const l = await pg(page, (p) => { const l = p.landscape(); return { plane: l.plane, fn: l.function, n: l.a.length, cost: l.cost.length, examples: l.examples, subsampled: l.subsampled }; });
  // no training set behind f: examples and subsampled null, as `playground landscape` writes them
  assert.deepEqual(l, { plane: 'surface', fn: 'bowl', n: 41, cost: 41 * 41, examples: null, subsampled: null });
  // calls about the network say so
  const refused = await pg(page, (p) => { try { p.matrix('w', 1); return 'answered'; } catch (e) { return e.message; } });
  assert.match(refused, /test surface/);
  await screenshot(page, 'surface-ravine-paused-1280x800.png');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the paths grow while playing, and no task takes over 50 ms', async () => {
  const { page, problems } = await open(browser, server.url);
  await preset(page, 'ravine-kappa-50');
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
  const marks0 = await pixels(page, 'surface-marks');
  await page.click('#play');
  await page.waitForFunction(() => window.playground.epoch() >= 5);
  const first = await pg(page, (p) => p.landscape({ resolution: 2 }).paths.sgd.length);
  await page.waitForTimeout(1000);
  const later = await pg(page, (p) => p.landscape({ resolution: 2 }).paths.sgd.length);
  assert.ok(later > first, `the SGD path grew: ${first} → ${later} numbers`);
  assert.notEqual(await pixels(page, 'surface-marks'), marks0, 'the paths are drawn');
  await screenshot(page, 'surface-ravine-playing-1280x800.png');
  // the fastest speed: 6.25 updates a frame; the tasks from here on (a screenshot's are not the page's)
  await page.$eval('#speed', (el) => { el.value = el.max; el.dispatchEvent(new Event('input')); });
  await page.evaluate(() => { window.longTasks = []; });
  await page.waitForTimeout(3000);
  const longTasks = await page.evaluate(() => window.longTasks);
  await page.click('#play');
  assert.deepEqual(longTasks.filter((d) => d > 50), [], `long tasks: ${longTasks}`);
  const t = await page.evaluate(() => window.playground.epoch());
  assert.ok(t > 100, `${t} updates`);
  // paused, the next frame writes the count (while playing it is written every 100 ms)
  await page.waitForFunction((t) => document.getElementById('epoch-count').textContent === String(t), t, { timeout: 5000 })
    .catch(async () => assert.fail(`the count says ${await page.textContent('#epoch-count')}, not ${t}`));
  // the chart and the table show f
  assert.notEqual(await page.textContent('#sgd-train'), '—');
  assert.deepEqual(problems, []);
  await page.close();
});

test('→ and ← walk one update of the four racers, back to the same numbers', async () => {
  const { page, problems } = await open(browser, server.url);
  await preset(page, 'saddle-adam');
  const start = await positions(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await pg(page, (p) => p.epoch()), 3);
  const moved = await positions(page);
  assert.notDeepEqual(moved, start);
  // Adam's first step is −α·g/(|g| + ε) per coordinate: (−1.5, 0.001) − 0.05·(−1, 1)·… on f = x² − y²
  await page.click('#step'); // the button does the same as →
  await settle(page, 4);
  assert.match(await page.textContent('#surface-state'), /t = 4/);
  await page.keyboard.press('ArrowLeft');
  await settle(page, 4);
  assert.match(await page.textContent('#surface-state'), /t = 3/);
  assert.deepEqual(await positions(page), moved, '← undid the 4th update exactly');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  assert.deepEqual(await positions(page), start, 'back at the start, the same bits');
  assert.equal(await pg(page, (p) => p.step()), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a click on the plot moves the start there and restarts the race', async () => {
  const { page, problems } = await open(browser, server.url);
  await preset(page, 'ravine-kappa-50');
  await page.evaluate(() => window.playground.trainEpochs(10));
  const box = await page.$eval('#surface-marks', (c) => ({ w: c.clientWidth, h: c.clientHeight, dpr: devicePixelRatio }));
  // where the plot is (contour_plot/frame.rs's margins at an 11 px font): the square
  // [−3, 3]² fitted between 4.2 fonts left, 0.8 top and right, 3 at the bottom, centred
  const font = Math.round(11 * box.dpr) / box.dpr;
  const left = 4.2 * font, top = 0.8 * font;
  const roomW = box.w - left - 0.8 * font, roomH = box.h - top - 3 * font;
  const side = Math.min(roomW, roomH);
  const x0 = left + (roomW - side) / 2, y0 = top + (roomH - side) / 2;
  const want = [1, -2];
  const at = { x: x0 + (want[0] + 3) / 6 * side, y: y0 + (3 - want[1]) / 6 * side };
  await page.click('#surface-marks', { position: at });
  await settle(page, 4);
  const s = await pg(page, (p) => p.scenario().surface);
  assert.equal(s.function, 'bowl');
  assert.ok(Math.abs(s.start[0] - want[0]) < 0.05 && Math.abs(s.start[1] - want[1]) < 0.05, `start ${s.start}`);
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  for (const p of await positions(page)) assert.deepEqual(p, s.start);
  assert.match(await page.textContent('#settings-note'), /start is now/);
  // a click in the margin places nothing
  await page.click('#surface-marks', { position: { x: 2, y: 2 } });
  assert.deepEqual((await pg(page, (p) => p.scenario().surface)).start, s.start);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the function, κ and θ come from the settings; a link carries the surface', async () => {
  const { page, problems } = await open(browser, server.url);
  await preset(page, 'ravine-kappa-50');
  await page.selectOption('#surface-function', 'rosenbrock');
  await settle(page);
  let s = await pg(page, (p) => p.scenario());
  assert.equal(s.surface.function, 'rosenbrock');
  assert.equal(s.race.find((r) => r.kind === 'sgd').learning_rate, 0.001);
  assert.equal(await page.isVisible('#surface-kappa'), false, 'κ is the bowl\'s only');
  assert.equal(await page.isVisible('#surface-note'), false, 'the ravine\'s explanation went with it');
  await page.selectOption('#surface-function', 'bowl');
  await page.fill('#surface-kappa', '0.5');
  await page.press('#surface-kappa', 'Enter');
  await settle(page, 4);
  assert.match(await page.textContent('#settings-note'), /condition number/);
  await page.fill('#surface-kappa', '20');
  await page.press('#surface-kappa', 'Enter');
  await settle(page, 4);
  s = await pg(page, (p) => p.scenario());
  assert.equal(s.surface.kappa, 20);
  // α and β live, as in the race
  await page.fill('#sgd-learning_rate', '0.05');
  await page.press('#sgd-learning_rate', 'Enter');
  await pg(page, (p) => p.trainEpochs(3));
  // the address bar holds the lesson: a new page opens on the same surface, α included
  await settle(page, 4);
  const url = page.url();
  assert.match(url, /#s=/);
  const other = await open(browser, url);
  await other.page.waitForFunction(() => document.body.classList.contains('surface'));
  const t = await pg(other.page, (p) => p.scenario());
  assert.deepEqual(t.surface, s.surface);
  assert.equal(t.race.find((r) => r.kind === 'sgd').learning_rate, 0.05);
  // the file the page saves carries it too
  assert.deepEqual(JSON.parse(await pg(other.page, (p) => p.scenarioJson())).surface, s.surface);
  // and a network preset brings the network back
  await other.page.selectOption('#preset', 'zero-init');
  await other.page.waitForFunction(() => !document.body.classList.contains('surface'));
  assert.equal(await other.page.isVisible('#focus-panel'), true);
  assert.deepEqual([...problems, ...other.problems], []);
  await other.page.close();
  await page.close();
});

test('screenshots: both presets at 1280 × 800 and 390 px, paused and playing', async () => {
  for (const [w, h] of [[1280, 800], [390, 844]]) {
    const { page, problems } = await open(browser, server.url, { width: w, height: h });
    for (const id of ['ravine-kappa-50', 'saddle-adam']) {
      await preset(page, id);
      await pg(page, (p) => p.trainEpochs(12));
      await settle(page);
      await screenshot(page, `surface-${id}-paused-${w}.png`);
      await page.click('#play');
      await page.waitForTimeout(800);
      await screenshot(page, `surface-${id}-playing-${w}.png`);
      await page.click('#play');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${id} at ${w} px is ${overflow} px wider than the screen`);
    }
    // presentation mode
    await page.keyboard.press('p');
    await settle(page);
    await screenshot(page, `surface-presentation-${w}.png`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('a racer that leaves the plot is stopped, marked and said', async () => {
  const { page, problems } = await open(browser, server.url);
  await preset(page, 'ravine-kappa-50');
  // SGD at α = 2 on the ravine: y is multiplied by 1 − 50·2 = −99, off the plot at once
  await page.fill('#sgd-learning_rate', '2');
  await page.press('#sgd-learning_rate', 'Enter');
  await page.click('#surface-marks', { position: { x: 1, y: 1 } }); // the margin: nothing placed
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await settle(page, 4);
  assert.match(await page.textContent('#surface-stops'), /SGD left the plot at update 1 and stopped/);
  assert.match(await page.textContent('#sgd-status'), /stopped at update 1/);
  // the others go on; ← before the update that stopped it brings SGD back
  assert.equal(await pg(page, (p) => p.epoch()), 2);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await settle(page, 4);
  assert.equal(await page.textContent('#surface-stops'), '');
  assert.deepEqual(problems, []);
  await page.close();
});
