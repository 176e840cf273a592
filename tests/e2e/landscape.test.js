// The loss-landscape panel under the race table (issue 12; README, the loss landscape): closed it
// costs nothing; open, it draws the cost's contours over a plane with the racers' paths,
// computed a slice a frame (src/web/app/landscape.rs). Its canvas says what it shows in
// data-plane, data-side, data-epoch and data-points (the paths' points, all racers together).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, open, settle, screenshot, pixels, artifacts, LARGEST } from './harness.js';

const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const shown = (page) => page.$eval('#landscape', (c) => ({
  plane: c.dataset.plane, side: Number(c.dataset.side), epoch: Number(c.dataset.epoch),
  points: Number(c.dataset.points ?? 0),
}));

/** Waits until the panel shows a picture that has each of `want`'s fields: `epoch`, `side`,
 *  `plane` exactly, `atLeast` { epoch, points } at least. */
const until = (page, want, timeout = 60000) => page.waitForFunction((want) => {
  const c = document.getElementById('landscape');
  const s = { plane: c.dataset.plane, side: Number(c.dataset.side), epoch: Number(c.dataset.epoch),
    points: Number(c.dataset.points ?? 0) };
  const exact = ['epoch', 'side', 'plane'].every((k) => want[k] === undefined || s[k] === want[k]);
  const least = Object.entries(want.atLeast ?? {}).every(([k, v]) => s[k] >= v);
  return exact && least;
}, want, { timeout });

/** The canvas's pixels: how many are not white, and how many in the middle 60% are contour
 *  lines — rgba(40,40,40,0.5) over the pale heatmap gives a grey (channels within 24 of each
 *  other) of luminance 110–175, darker than any heatmap colour (≥ 200) and unlike the racers'
 *  saturated colours. */
const looks = (page) => page.$eval('#landscape', (c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let ink = 0, lines = 0;
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const i = 4 * (y * c.width + x);
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (r < 250 || g < 250 || b < 250) ink++;
      const inside = x > 0.2 * c.width && x < 0.8 * c.width && y > 0.2 * c.height && y < 0.8 * c.height;
      const lum = (r + g + b) / 3;
      if (inside && Math.max(r, g, b) - Math.min(r, g, b) < 24 && lum > 110 && lum < 175) lines++;
    }
  }
  return { ink, lines, size: c.width * c.height };
});

/** A picture of the race's column alone (the chart, the table and the panel), for a phone. */
async function column(page, name) {
  await mkdir(artifacts, { recursive: true });
  await page.locator('#chart-panel').screenshot({ path: join(artifacts, name) });
}

async function openPanel(page) {
  await page.click('#landscape-details summary');
  assert.equal(await page.$eval('#landscape-details', (d) => d.open), true);
}

test('before an epoch the PCA panel says to play; then it draws contours and every path', { timeout: 3 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url);
  await openPanel(page);
  await page.waitForFunction(() => !document.getElementById('landscape-empty').hidden
    && /play or \+1 epoch/i.test(document.getElementById('landscape-empty').textContent), null, { timeout: 10000 });
  await page.click('#one-epoch');
  await until(page, { epoch: 1, side: 41, atLeast: { points: 1 } });
  assert.equal(await page.isVisible('#landscape-empty'), false);
  const look = await looks(page);
  assert.ok(look.ink > 0.5 * look.size, `the canvas is mostly blank: ${look.ink} of ${look.size} pixels drawn`);
  assert.ok(look.lines > 100, `only ${look.lines} contour-line pixels`);
  // the panel's paths are the JS API's: the start and one epoch-end snapshot per racer
  const api = await page.evaluate((kinds) => {
    const l = window.playground.landscape({ plane: 'pca', resolution: 5 });
    return kinds.map((k) => l.paths[k].length / 2);
  }, KINDS);
  assert.deepEqual(api, [2, 2, 2, 2]);
  assert.equal((await shown(page)).points, 8);
  const words = await page.innerText('.landscape-words'); // the words shown
  assert.match(words, /two-dimensional slice of a space with 105 dimensions/);
  assert.match(words, /explain \d+(\.\d)?% and \d+(\.\d)?%/);
  // the default spiral: 400 points, 80% for training, more than 256
  assert.match(words, /over 256 of the 320 training examples, drawn once at random \(seed 0\)/);
  // a reset is a new race: its picture goes, and the panel asks for an epoch again
  await page.click('#reset');
  await page.waitForFunction(() => !document.getElementById('landscape-empty').hidden
    && /play or \+1 epoch/i.test(document.getElementById('landscape-empty').textContent), null, { timeout: 10000 });
  assert.equal((await shown(page)).points, 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the paths grow while playing, and switching the plane redraws', { timeout: 3 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url);
  await page.keyboard.press('l'); // the key opens the panel too
  assert.equal(await page.$eval('#landscape-details', (d) => d.open), true);
  await page.click('#play');
  await until(page, { atLeast: { epoch: 1, points: 8 } });
  const first = await shown(page);
  await until(page, { atLeast: { epoch: first.epoch + 10 } });
  const later = await shown(page);
  await screenshot(page, 'landscape-playing-1280x800.png');
  await page.click('#play');
  assert.ok(later.points > first.points, `paths grew: ${first.points} → ${later.points} points`);
  // the default net: a point is 2·10⁵ units, so √(2·10⁸ / 2·10⁵) = 31 a side while playing
  assert.equal(first.side, 31, 'a coarser grid while playing');
  // paused: the sharp picture of the race as it is, the paths as the JS API projects them
  const epoch = await page.evaluate(() => window.playground.epoch());
  await until(page, { epoch, side: 41 });
  const api = await page.evaluate((kinds) => {
    const l = window.playground.landscape({ plane: 'pca', resolution: 5 });
    return kinds.reduce((n, k) => n + l.paths[k].length / 2, 0);
  }, KINDS);
  assert.equal((await shown(page)).points, api);
  await screenshot(page, 'landscape-pca-1280x800.png');
  const pca = await pixels(page, 'landscape');
  await page.selectOption('#landscape-plane', 'random');
  await until(page, { plane: 'random', side: 41 });
  assert.notEqual(await pixels(page, 'landscape'), pca, 'the random plane is another picture');
  assert.match(await page.innerText('.landscape-words'), /Random plane: θc \(the ring\) is Adam's weights/);
  assert.equal(await page.isVisible('#landscape-pca'), false);
  assert.ok((await looks(page)).lines > 100, 'contours on the random plane');
  await screenshot(page, 'landscape-random-1280x800.png');
  await page.selectOption('#landscape-plane', 'pca');
  await until(page, { plane: 'pca' });
  await page.evaluate(() => document.activeElement?.blur()); // keys typed into the select are no shortcuts
  await page.keyboard.press('p'); // presentation: larger text, the canvas redrawn to its new size
  await settle(page, 30);
  await screenshot(page, 'landscape-presentation-1280x800.png');
  await page.keyboard.press('p');
  // closed, the panel computes nothing: the picture stays that of the epoch it was closed at
  await page.click('#landscape-details summary');
  await page.evaluate(() => window.playground.trainEpochs(3));
  await settle(page, 30);
  assert.equal((await shown(page)).epoch, epoch);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a link opens the panel as it was shown: open, on its plane', { timeout: 3 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url);
  await page.evaluate(() => window.playground.trainEpochs(3));
  await openPanel(page);
  await page.selectOption('#landscape-plane', 'random');
  await until(page, { plane: 'random', side: 41 });
  await page.click('#copy-link');
  await page.waitForFunction(() => /Link copied|Copy this link/.test(document.getElementById('settings-note').textContent));
  const other = await open(browser, page.url());
  assert.equal(await other.page.$eval('#landscape-details', (d) => d.open), true, 'the panel is open');
  assert.equal(await other.page.inputValue('#landscape-plane'), 'random');
  // the link carries no epochs: the random plane through θ₀ draws at once
  await until(other.page, { plane: 'random', side: 41 });
  // closed, the link says so, and a page that had it open closes it on opening that link
  await page.click('#landscape-details summary');
  await page.click('#copy-link');
  await page.waitForFunction((before) => location.href !== before, other.page.url());
  await other.page.goto(page.url());
  await other.page.waitForFunction(() => !document.getElementById('landscape-details').open);
  assert.deepEqual([...problems, ...other.problems], []);
  await other.page.close();
  await page.close();
});

test('on a phone the panel stacks under the chart without a sideways scroll', { timeout: 3 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url, { width: 390, height: 844 });
  await page.evaluate(() => window.playground.trainEpochs(10));
  await openPanel(page);
  await until(page, { epoch: 10, side: 41 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, `the page is ${overflow} px wider than the screen`);
  const plot = await page.locator('#landscape').boundingBox();
  const words = await page.locator('.landscape-words').boundingBox();
  assert.ok(plot.width >= 300, `the plot is ${plot.width} px wide`);
  assert.ok(words.y >= plot.y + plot.height - 1, 'the words are under the plot');
  await column(page, 'landscape-pca-390.png');
  await page.selectOption('#landscape-plane', 'random');
  await until(page, { plane: 'random', side: 41 });
  await column(page, 'landscape-random-390.png');
  await page.click('#play');
  await page.waitForTimeout(1500);
  await column(page, 'landscape-playing-390.png');
  await page.click('#play');
  assert.deepEqual(problems, []);
  await page.close();
});

// The budget: no main-thread task over 50 ms with the panel open on the largest net
// (P = 21,057: a grid point on 256 examples is 9.4·10⁶ units, about 5 ms, the most a frame's
// slice does; an 11 × 11 picture while playing, 20 × 20 paused).
test('the largest net plays with the panel open and no main-thread task over 50 ms', { timeout: 10 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url);
  await page.evaluate((s) => window.playground.load(JSON.stringify(s)), LARGEST);
  await openPanel(page);
  await settle(page, 30);
  await page.click('#play');
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); })
      .observe({ type: 'longtask', buffered: false });
  });
  // once an epoch is done the panel no longer asks for one: it says it is computing
  await page.waitForFunction(() => window.playground.epoch() >= 1, null, { timeout: 180000 });
  await page.waitForFunction(() => {
    const empty = document.getElementById('landscape-empty');
    return empty.hidden || /Computing/.test(empty.textContent);
  }, null, { timeout: 1000 });
  await until(page, { side: 11, atLeast: { epoch: 2 } }, 180000);
  const first = await shown(page);
  await until(page, { atLeast: { epoch: first.epoch + 1 } }, 180000);
  const longTasks = await page.evaluate(() => window.longTasks);
  await page.click('#play');
  const later = await shown(page);
  console.log(`largest net, panel open: pictures at epochs ${first.epoch} and ${later.epoch}; ` +
    `tasks over 50 ms: ${longTasks.length ? longTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}`);
  assert.ok(later.points > first.points, `paths grew: ${first.points} → ${later.points}`);
  assert.deepEqual(longTasks.filter((d) => d > 50), [], 'main-thread tasks over 50 ms while playing');
  assert.deepEqual(problems, []);
  await page.close();
});
