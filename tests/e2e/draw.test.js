// Issue 13 on the page: points drawn by clicks on the boundary plot (both classes, test points,
// a shift-click removal, Undo point, Clear) become the scenario's explicit data, and the page's
// link replays natively (`playground trace`) with the page's first step bit for bit; a CSV file
// by the picker and dropped on the page, each bad one named by line and column in the banner
// with the page unchanged; the data's square kept through a link; the features on drawn
// points; a link too long to share offering the file; screenshots of the draw mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile, readFile, rm } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, open, screenshot, root, pg, note, settle, LARGEST, sameFirstStepAsNative } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The scenario in a page URL's link fragment (`#s=1.` + base64url(DEFLATE(JSON))),
 *  unpacked here by Node's zlib, independently of the page's code. */
const linked = (url) => {
  const body = decodeURIComponent(new URL(url).hash).match(/s=1\.([A-Za-z0-9_-]+)/)[1];
  return JSON.parse(inflateRawSync(Buffer.from(body, 'base64url')).toString('utf8'));
};

/** Clicks the boundary plot where the point (x1, x2) of the page's square is. */
async function clickAt(page, [x1, x2], modifiers = []) {
  const { center: [c1, c2], radius: r } = await pg(page, (p) => p.viewSquare());
  const box = await page.locator('#points-big').boundingBox();
  const x = box.x + (x1 - (c1 - r)) / (2 * r) * box.width;
  const y = box.y + ((c2 + r) - x2) / (2 * r) * box.height;
  for (const key of modifiers) await page.keyboard.down(key);
  await page.mouse.click(x, y);
  for (const key of modifiers) await page.keyboard.up(key);
}

/** The points of the scenario's data: [[x1, x2, label, test], …], train then test. */
const points = (s) => {
  const of = (x, y, test) => (x ? x[0].map((_, j) => [x[0][j], x[1][j], y.length > 1 ? y.findIndex((r) => r[j] === 1) : y[0][j], test]) : []);
  return [...of(s.data.x, s.data.y, false), ...of(s.data.x_test, s.data.y_test, true)];
};

const near = (a, b, tol) => Math.abs(a - b) <= tol;

test('points drawn by clicks train, and the page\'s link replays natively bit for bit', async () => {
  const tool = join(root, 'target', 'release', 'playground');
  execFileSync('cargo', ['build', '--release', '--bin', 'playground'], { cwd: root, maxBuffer: 64 << 20 });
  const { page, problems } = await open(browser, server.url);
  await page.check('#draw');
  assert.equal(await page.isVisible('#draw-tools'), true);
  await page.click('#draw-clear');
  assert.match((await note(page)).text, /No points yet/);
  // ▶ waits for a first training point
  await page.click('#play');
  assert.equal(await page.textContent('#play'), '▶ Play');
  const { radius: r } = await pg(page, (p) => p.viewSquare());
  // hand-placed: class 0 on the left, class 1 on the right, two test points, in units of r
  const wanted = [
    [-0.6, 0.5, 0, false], [-0.5, -0.4, 0, false], [-0.7, 0.0, 0, false], [-0.3, 0.6, 0, false],
    [0.6, 0.4, 1, false], [0.5, -0.5, 1, false], [0.7, 0.1, 1, false], [0.3, -0.6, 1, false],
    [-0.4, -0.1, 0, true], [0.4, 0.2, 1, true],
  ].map(([a, b, c, t]) => [a * r, b * r, c, t]);
  for (const [x1, x2, c, t] of wanted) {
    await page.selectOption('#draw-class', String(c));
    await page.setChecked('#draw-test', t);
    await clickAt(page, [x1, x2]);
  }
  // one more, removed by shift-click; one more, taken back by Undo point
  await page.setChecked('#draw-test', false);
  await clickAt(page, [0, 0.9 * r]);
  assert.equal(points(await pg(page, (p) => p.scenario())).length, 11);
  await clickAt(page, [0.01 * r, 0.9 * r], ['Shift']);
  await clickAt(page, [0.9 * r, 0.9 * r]);
  await page.click('#draw-undo');
  const s = await pg(page, (p) => p.scenario());
  const got = points(s);
  // a pixel of the plot, in data units: where a click lands is the wanted place to a pixel
  const px = (2 * r) / (await page.locator('#points-big').boundingBox()).width;
  const order = [...wanted.filter((w) => !w[3]), ...wanted.filter((w) => w[3])];
  assert.equal(got.length, 10, JSON.stringify(got));
  got.forEach(([x1, x2, c, t], i) => {
    const [w1, w2, wc, wt] = order[i];
    assert.ok(near(x1, w1, px) && near(x2, w2, px), `point ${i}: (${x1}, ${x2}) for (${w1}, ${w2})`);
    assert.deepEqual([c, t], [wc, wt], `point ${i}`);
  });
  assert.equal(s.data.dataset, undefined, 'the data are explicit');
  assert.deepEqual(s.layers.at(-1), 1);
  assert.equal(s.cost, 'bce');
  // train, then the page's link (the address bar, as "Copy link" writes it)
  await pg(page, (p) => p.trainEpochs(3));
  await settle(page);
  await page.locator('#focus-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'draw-ten-points.png');
  await page.click('#copy-link');
  await page.waitForFunction(() => /Link copied|Copy this link/.test(document.getElementById('settings-note').textContent));
  const scenario = linked(page.url());
  assert.deepEqual(scenario.data, s.data, 'the link holds the drawn points exactly');
  assert.deepEqual(scenario.view.square, await pg(page, (p) => p.viewSquare()));
  const dir = await mkdtemp(join(tmpdir(), 'playground-draw-'));
  try {
    const file = join(dir, 'drawn.json');
    await writeFile(file, JSON.stringify(scenario));
    await sameFirstStepAsNative(page, tool, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // a reload brings the drawn points back in the same square
  const square = await pg(page, (p) => p.viewSquare());
  await page.reload();
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground);
  assert.deepEqual(await pg(page, (p) => p.scenario().data), s.data);
  assert.deepEqual(await pg(page, (p) => p.viewSquare()), square);
  // the features work on the drawn points: x1x2 added makes n[0] = 3
  assert.equal(await page.isEnabled('input[data-feature="x1x2"]'), true);
  await page.check('input[data-feature="x1x2"]');
  const f = await pg(page, (p) => p.scenario());
  assert.deepEqual([f.layers[0], f.data.features], [3, ['x1', 'x2', 'x1x2']]);
  assert.deepEqual(f.data.x, s.data.x, 'the points stay');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a class 2 point makes three classes; screenshots of the draw mode', async () => {
  for (const [width, height, name] of [[1280, 800, 'draw-1280.png'], [390, 844, 'draw-390.png']]) {
    const { page, problems } = await open(browser, server.url, { width, height });
    await page.check('#draw');
    const before = (await pg(page, (p) => p.scenario())).data.samples;
    await page.selectOption('#draw-class', '2');
    const { radius: r } = await pg(page, (p) => p.viewSquare());
    await clickAt(page, [0.5 * r, 0.5 * r]);
    await clickAt(page, [0.55 * r, 0.6 * r]);
    const s = await pg(page, (p) => p.scenario());
    assert.equal(points(s).length, before + 2, 'the generated points are kept');
    assert.deepEqual([s.layers.at(-1), s.activations.at(-1), s.cost], [3, 'softmax', 'cross_entropy']);
    await page.setChecked('#draw-test', true);
    await page.selectOption('#draw-class', '0');
    await clickAt(page, [-0.5 * r, 0.5 * r]);
    await settle(page);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(scroll <= 0, `no sideways scroll at ${width} px (${scroll})`);
    await page.locator('#focus-panel').scrollIntoViewIfNeeded();
    await screenshot(page, name);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('regression points take the value typed; three inputs cannot be drawn on', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.selectOption('#dataset', 'sine');
  await page.check('#draw');
  assert.equal(await page.isVisible('#draw-value'), true);
  assert.equal(await page.isVisible('#draw-class'), false);
  await page.fill('#draw-value', '-2.5');
  await clickAt(page, [0, 0]);
  const s = await pg(page, (p) => p.scenario());
  assert.equal(s.data.y[0].at(-1), -2.5, 'the last training point holds the value typed');
  assert.deepEqual([s.activations.at(-1), s.cost], ['linear', 'mse']);
  // three inputs are not a plane: the toggle is refused and goes back off
  await pg(page, (p) => p.importCsv('a,b,c,label\n1,2,3,0\n4,5,6,1\n'));
  await page.uncheck('#draw');
  await page.click('#draw');
  assert.equal(await page.isChecked('#draw'), false);
  assert.match((await note(page)).text, /Not changed — data\.x: points are drawn in the plane of two inputs .*these data have 3/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('at the caps: a click draws within a frame\'s 50 ms on the largest net, and a 5,001st point is refused', async () => {
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p, s) => p.load(JSON.stringify(s)), LARGEST);
  await page.check('#draw');
  // the click's whole work happens in its handler (the drawings follow a frame at a time)
  const click = (dx, shift) => page.evaluate(([dx, shift]) => {
    const c = document.getElementById('points-big');
    const r = c.getBoundingClientRect();
    const t = performance.now();
    c.dispatchEvent(new MouseEvent('click', { clientX: r.x + r.width / 2 + dx, clientY: r.y + r.height / 2, bubbles: true, shiftKey: shift }));
    return performance.now() - t;
  }, [dx, shift]);
  const add = await click(0, false);
  assert.match((await note(page)).text, /Not changed — data\.x: 5001 examples; the most is 5000/);
  const remove = await click(0, true);
  const again = await click(3, false);
  assert.equal(await pg(page, (p) => p.scenario().data.x[0].length), 5000, 'one removed, one added');
  for (const [what, ms] of [['refused', add], ['removed', remove], ['added', again]]) {
    assert.ok(ms < 50, `${what}: ${ms.toFixed(1)} ms`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

// hand-written: the points (1, 10), (3, 14), (2, 12), (5, 11): the bounding box [1, 5] × [10, 14],
// so the square's centre (3, 12), r = 2 × 1.15 = 2.3
const CSV = 'a,b,label\n1,10,no\n3,14,yes\n2,12,no\n5,11,yes\n';
const BAD = [
  ['x1,x2,label\n1,2,a\n3,,b\n', /line 3, column 2: a value is missing \(x2\)/],
  ['x1,x2,label\n1,2,a\n3,x,b\n', /line 3, column 2: "x" is not a number/],
  ['x1,x2,label\n1,2,a\n3,b\n', /line 3, column 3/],
  ['x,label\n1,a\n2,b\n3,c\n4,d\n', /line 5, column 2: .*4th class/],
  ['', /line 1, column 1: the file is empty/],
  // 65 inputs and a label: the 65th input (column 65) is one too many
  [Array.from({ length: 66 }, (_, i) => `x${i}`).join(',') + '\n' + Array(66).fill(1).join(',') + '\n', /line 1, column 65: 65 input columns/],
  // 5,001 rows: the header is line 1, so the 5,001st row is line 5,002
  ['x,label\n' + '1,1\n'.repeat(5001), /line 5002, column 1: more than 5000 rows/],
  // "x,l\n" then 0xFF on line 2, column 1 (bytes, not text)
  [[120, 44, 108, 10, 0xff, 44, 49, 10], /line 2, column 1: .*not UTF-8/],
];

/** Drops a file on the boundary plot, as a person dragging it from their desktop. */
const drop = (page, name, text) => page.evaluate(([name, text]) => {
  const dt = new DataTransfer();
  dt.items.add(new File([Array.isArray(text) ? new Uint8Array(text) : text], name, { type: 'text/csv' }));
  document.getElementById('points-big').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}, [name, text]);

test('a CSV file by the picker and by drop; bad files named by line and column change nothing', async () => {
  const { page, problems } = await open(browser, server.url);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#import-csv')]);
  await chooser.setFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.waitForFunction(() => /Imported/.test(document.getElementById('settings-note').textContent));
  assert.match((await note(page)).text, /Imported \d training and \d test examples from “mine\.csv”/);
  const sq = await pg(page, (p) => p.viewSquare());
  assert.deepEqual(sq.center, [3, 12]);
  assert.ok(near(sq.radius, 2.3, 1e-12), `r = ${sq.radius}`);
  assert.deepEqual(await pg(page, (p) => p.scenario().data.classes), ['no', 'yes']);
  assert.equal(await page.inputValue('#dataset'), 'explicit');
  await settle(page);
  assert.equal(await page.textContent('#colour-key'), 'noyes', 'the key names the classes');
  await pg(page, (p) => p.trainEpochs(2));
  const before = await pg(page, (p) => ({ s: p.scenarioJson(), epoch: p.epoch(), loss: Array.from(p.lossHistory('adam')) }));
  for (const [text, message] of BAD) {
    await page.evaluate(() => { document.getElementById('errors').hidden = true; });
    await drop(page, 'bad.csv', text);
    await page.waitForFunction(() => !document.getElementById('errors').hidden);
    const shown = await page.textContent('#error-text');
    assert.match(shown, message);
    assert.match(shown, /^Could not import “bad\.csv” — .*Nothing was changed\.$/);
    const after = await pg(page, (p) => ({ s: p.scenarioJson(), epoch: p.epoch(), loss: Array.from(p.lossHistory('adam')) }));
    assert.deepEqual(after, before, `${JSON.stringify(text).slice(0, 40)}: the page is unchanged`);
  }
  // a dropped good file replaces the data
  await drop(page, 'again.csv', 'x1,x2,label\n0,0,0\n1,1,1\n');
  await page.waitForFunction(() => /again\.csv/.test(document.getElementById('settings-note').textContent));
  assert.deepEqual(await pg(page, (p) => p.viewSquare()), { center: [0.5, 0.5], radius: 0.575 });
  assert.deepEqual(problems.filter((p) => !/Could not import “bad\.csv”/.test(p)), []);
  await page.close();
});

test('the square is kept through a link; a link over 8,000 characters offers the file', async () => {
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p, csv) => p.importCsv(csv), CSV);
  await page.click('#copy-link');
  await page.waitForFunction(() => /Link copied|Copy this link/.test(document.getElementById('settings-note').textContent));
  assert.equal(await page.isVisible('#save-instead'), false);
  const other = await open(browser, page.url());
  const sq = await pg(other.page, (p) => p.viewSquare());
  assert.deepEqual(sq, await pg(page, (p) => p.viewSquare()));
  assert.deepEqual(sq.center, [3, 12]);
  await other.page.close();
  // the grid is over the square, here and through a link: one linear unit w = [1, 0] outputs
  // x1, and a 2 × 2 grid of the square centred on (10, −4) with r = 1 has its cell centres at
  // x1 = 9.5 and 10.5 (by hand); w = [0, 1] gives x2 = −3.5 (top row) and −4.5
  const unit = (w) => JSON.stringify({ layers: [2, 1], activations: ['linear'], cost: 'mse',
    init: { weights: [{ w: [w], b: [[0]] }] }, data: { x: [[-2, 2], [-2, 2]], y: [[0, 0]] },
    view: { square: { center: [10, -4], radius: 1 } } });
  const grid = (p) => Array.from(p.predictGrid(2));
  await pg(page, (p, s) => p.load(s), unit([1, 0]));
  assert.deepEqual(await pg(page, grid), [9.5, 10.5, 9.5, 10.5]);
  await pg(page, (p, s) => p.load(s), unit([0, 1]));
  assert.deepEqual(await pg(page, grid), [-3.5, -3.5, -4.5, -4.5]);
  await page.click('#copy-link');
  await page.waitForFunction(() => /Link copied|Copy this link/.test(document.getElementById('settings-note').textContent));
  const third = await open(browser, page.url());
  assert.deepEqual(await pg(third.page, grid), [-3.5, -3.5, -4.5, -4.5]);
  assert.deepEqual(await pg(third.page, (p) => p.viewSquare()), { center: [10, -4], radius: 1 });
  await third.page.close();
  // 600 rows of 17-digit numbers do not compress below 8,000 characters
  let rows = 'x1,x2,label\n';
  for (let i = 0; i < 600; i++) rows += `${Math.sin(i) * 3.123456789},${Math.cos(i * 1.7) * 2.98765432},${i % 2}\n`;
  await pg(page, (p, csv) => p.importCsv(csv), rows);
  await page.click('#copy-link');
  // the browser packs the link first (io/deflate.rs): the note comes a moment after the click
  await page.waitForFunction(() => /This link would be/.test(document.getElementById('settings-note').textContent));
  const said = await note(page);
  assert.equal(said.kind, 'refused');
  assert.match(said.text, /This link would be [\d,]+ characters, more than the 8000 .*Save/);
  assert.equal(await page.isVisible('#save-instead'), true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-instead')]);
  assert.equal(download.suggestedFilename(), 'backprop-scenario.json');
  assert.equal(await page.isVisible('#save-instead'), false);
  // the file keeps the data's square too
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(saved.view.square, await pg(page, (p) => p.viewSquare()));
  assert.equal(saved.data.x[0].length + (saved.data.x_test?.[0].length ?? 0), 600);
  assert.deepEqual(problems, []);
  await page.close();
});
