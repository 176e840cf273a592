// Issue 13's exports through the page's own menus (src/web/panels/export.rs): a picture as a
// PNG at twice its CSS size under a 48-pixel title line (decoded here and measured), the
// losses CSV, the trace JSON against the CLI's for the scenario Save writes, Mazur's W[1] as
// LaTeX from its card's menu, the whole step, the clipboard, and the menus by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { serve, launch, watch, ready, pg, settle, screenshot, root, artifacts } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The title line's height in the PNG: 24 CSS pixels at 2× (TITLE_CSS in export.rs). */
const TITLE = 48;

/** Opens the page in a context that may use the clipboard. */
async function openPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const problems = await watch(page, server.url);
  await page.goto(server.url);
  await ready(page);
  return { page, problems, context };
}

/** Clicks a menu's summary, then its button `action`; resolves to the download's bytes and name. */
async function download(page, menu, action) {
  await page.click(`${menu} > summary`);
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`${menu} button[data-export="${action}"]`)]);
  const bytes = await readFile(await file.path());
  await mkdir(artifacts, { recursive: true });
  await writeFile(join(artifacts, `export-${file.suggestedFilename()}`), bytes); // to look at
  return { bytes, name: file.suggestedFilename() };
}

/** Decodes a PNG in a blank page (no policy there): its size, every pixel's colour counted in
 *  the part below the title line, and the dark pixels of the title line. */
async function decode(png) {
  const blank = await browser.newPage();
  const r = await blank.evaluate(async ([b64, title]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const below = ctx.getImageData(0, title, c.width, c.height - title).data;
    const counts = new Map();
    for (let i = 0; i < below.length; i += 4) {
      const k = (below[i] << 16) | (below[i + 1] << 8) | below[i + 2];
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const total = below.length / 4;
    const shares = [...counts.values()].map((n) => n / total).sort((a, b) => b - a).slice(0, 4);
    const head = ctx.getImageData(0, 0, c.width, title).data;
    let dark = 0;
    for (let i = 0; i < head.length; i += 4) if (head[i] + head[i + 1] + head[i + 2] < 200) dark++;
    return { width: c.width, height: c.height, shares, dark };
  }, [png.toString('base64'), TITLE]);
  await blank.close();
  return r;
}

/** A canvas's CSS size. */
const cssSize = (page, id) => page.$eval(`#${id}`, (c) => ({ w: c.clientWidth, h: c.clientHeight }));

test('a picture exports as a PNG at twice its CSS size under a title line; the CSV and trace match', async () => {
  const { page, problems, context } = await openPage();
  await pg(page, (p) => p.trainEpochs(8));
  await page.click('#discretize'); // two solid classes: a picture whose colours are known
  await settle(page);
  await page.click('details[data-picture="boundary"] > summary');
  await screenshot(page, 'export-menu-1280.png');
  await page.click('details[data-picture="boundary"] > summary'); // closed again
  const { w, h } = await cssSize(page, 'boundary-big');
  const png = await download(page, 'details[data-picture="boundary"]', 'png');
  assert.equal(png.name, 'boundary-epoch-8.png');
  assert.deepEqual(png.bytes.subarray(0, 8), Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), 'a PNG signature');
  const d = await decode(png.bytes);
  // the title line (24 CSS px) and the plot, each at 2×
  assert.deepEqual({ width: d.width, height: d.height }, { width: 2 * w, height: 2 * h + TITLE });
  assert.ok(d.shares[0] >= 0.05 && d.shares[1] >= 0.05, `two colours each ≥ 5% of the plot: ${d.shares}`);
  assert.ok(d.dark > 200, `the title line has text (${d.dark} dark pixels)`);

  // the four boundaries side by side, each 2×, 8 CSS px apart, a 20 px caption under them
  const small = await cssSize(page, 'field-sgd');
  const racers = await decode((await download(page, 'details[data-picture="racers"]', 'png')).bytes);
  assert.deepEqual({ width: racers.width, height: racers.height },
    { width: 8 * small.w + 3 * 16, height: 2 * small.h + TITLE + 40 });
  const chart = await cssSize(page, 'race-chart');
  const c = await decode((await download(page, 'details[data-picture="chart"]', 'png')).bytes);
  assert.deepEqual({ width: c.width, height: c.height }, { width: 2 * chart.w, height: 2 * chart.h + TITLE });
  assert.ok(c.dark > 200);
  const diagram = await cssSize(page, 'diagram');
  const dg = await decode((await download(page, 'details[data-picture="diagram"]', 'png')).bytes);
  assert.deepEqual({ width: dg.width, height: dg.height }, { width: 2 * diagram.w, height: 2 * diagram.h + TITLE });
  // the page drew itself back at its own size
  await settle(page);
  assert.equal(await page.$eval('#points-big', (c) => c.width), Math.round(w * (await page.evaluate(() => devicePixelRatio))));

  // the losses CSV is exportCsv('losses')
  const losses = await download(page, '.share details.export', 'losses');
  assert.equal(losses.name, 'losses-epoch-8.csv');
  assert.equal(losses.bytes.toString('utf8'), await pg(page, (p) => p.exportCsv('losses')));
  const data = await download(page, '.share details.export', 'data');
  assert.equal(data.bytes.toString('utf8'), await pg(page, (p) => p.exportCsv('data')));

  // the trace JSON is what the CLI writes for the scenario Save writes, with epochs = 8
  const trace = await download(page, '.share details.export', 'trace');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
  const scenario = JSON.parse(await readFile(await saved.path(), 'utf8'));
  scenario.epochs = 8;
  const dir = await mkdtemp(join(tmpdir(), 'export-'));
  await writeFile(join(dir, 'saved.json'), JSON.stringify(scenario));
  const cli = execFileSync(join(root, 'target/release/playground'), ['trace', join(dir, 'saved.json')], { maxBuffer: 1 << 28 });
  assert.ok(trace.bytes.length > 1000);
  assert.ok(trace.bytes.equals(cli), 'the downloaded trace is, byte for byte, what playground trace writes');
  assert.equal(trace.bytes.toString('utf8'), (await pg(page, (p) => p.traceJson())) + '\n');

  // copy image: a PNG on the clipboard
  await page.click('details[data-picture="chart"] > summary');
  await page.click('details[data-picture="chart"] button[data-export="copy"]');
  await page.waitForFunction(() => /on the clipboard|could not be copied/.test(document.getElementById('settings-note').textContent));
  assert.match(await page.textContent('#settings-note'), /The picture is on the clipboard/);
  const copied = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const blob = await item.getType('image/png');
    const bitmap = await createImageBitmap(blob);
    return { types: item.types, width: bitmap.width };
  });
  assert.deepEqual(copied, { types: ['image/png'], width: 2 * chart.w });
  assert.deepEqual(problems, []);
  await context.close();
});

test('Mazur\'s W[1] from its card\'s menu, the whole step, by keyboard; menus at 390 px', async () => {
  const { page, problems, context } = await openPage();
  const mazur = await readFile(join(root, 'tests/fixtures/reference/mazur.scenario.json'), 'utf8');
  await pg(page, (p, text) => p.load(text), mazur);
  await page.click('#lesson-view');
  await page.click('#next'); // the batch is taken: the cards appear
  await settle(page);
  const card = 'figure.matrix[data-name="w"][data-layer="1"] details.export';
  assert.equal(await page.getAttribute(`${card} > summary`, 'aria-label'), 'Export W[1]');
  // by keyboard: focus the ⤓, Enter opens it, the places field then the first button by Tab
  await page.focus(`${card} > summary`);
  await page.keyboard.press('Enter');
  assert.equal(await page.$eval(card, (d) => d.open), true);
  assert.equal(await page.inputValue(`${card} input`), '4');
  await screenshot(page, 'export-matrix-menu-1280.png');
  // Escape closes it and gives the focus back to the ⤓; space opens it again and does not play
  await page.keyboard.press('Escape');
  assert.equal(await page.$eval(card, (d) => d.open), false);
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
  await page.keyboard.press(' ');
  assert.equal(await page.$eval(card, (d) => d.open), true);
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.export), 'tex-copy');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /W\[1\] as LaTeX is on the clipboard/.test(document.getElementById('settings-note').textContent));
  // hand-written from Mazur's w1..w4
  const want = '\\begin{bmatrix} 0.1500 & 0.2000 \\\\ 0.2500 & 0.3000 \\end{bmatrix}';
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), want);
  const tex = await download(page, card, 'tex');
  assert.equal(tex.name, 'w1.tex');
  assert.equal(tex.bytes.toString('utf8'), want);
  // two places, as Markdown
  await page.click(`${card} > summary`);
  await page.fill(`${card} input`, '2');
  const [md] = await Promise.all([page.waitForEvent('download'), page.click(`${card} button[data-export="md"]`)]);
  assert.equal((await readFile(await md.path(), 'utf8')), '| 1 | 2 |\n| ---: | ---: |\n| 0.15 | 0.20 |\n| 0.25 | 0.30 |\n');
  // a bad number of places is refused in words
  await page.click(`${card} > summary`);
  await page.fill(`${card} input`, '13');
  await page.click(`${card} button[data-export="tex"]`);
  assert.match(await page.textContent('#error-text'), /Decimal places: a whole number from 0 to 12/);
  await page.click('#error-close');
  assert.equal(problems.length, 1, 'the banner\'s message is logged too');
  problems.pop();
  // the whole step: every matrix fits, so the menu is there
  assert.equal(await page.isVisible('#step-export'), true);
  const step = await download(page, '#step-export', 'step');
  assert.equal(step.name, 'step.tex');
  const doc = step.bytes.toString('utf8');
  assert.equal(doc, await pg(page, (p) => p.stepLatex(4)));
  assert.ok(doc.startsWith('\\documentclass{article}') && doc.includes(want), 'the document holds W[1]');

  // at 390 px, with the menus open
  await page.setViewportSize({ width: 390, height: 800 });
  await settle(page);
  await page.click(`${card} > summary`);
  // the viewport only: a full-page screenshot resizes the page, which redraws the cards
  await page.$eval(card, (d) => d.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: join(artifacts, 'export-matrix-menu-390.png') });
  await page.click(`${card} > summary`);
  await page.click('#lesson-view');
  await settle(page);
  await page.click('details[data-picture="boundary"] > summary');
  await screenshot(page, 'export-menu-390.png');
  await page.click('details[data-picture="boundary"] > summary'); // closed again
  const { w, h } = await cssSize(page, 'boundary-big');
  const d = await decode((await download(page, 'details[data-picture="boundary"]', 'png')).bytes);
  assert.deepEqual({ width: d.width, height: d.height }, { width: 2 * w, height: 2 * h + TITLE });
  // a net too large for the document hides the whole step's menu
  await pg(page, (p) => p.load(JSON.stringify({ layers: [2, 9, 1], activations: ['tanh', 'sigmoid'], cost: 'bce', data: { dataset: 'circle', samples: 40 } })));
  await page.click('#lesson-view');
  await settle(page);
  assert.equal(await page.isVisible('#step-export'), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the landscape and a surface lesson\'s plot export; a click elsewhere closes a menu; copy refused in words', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // a browser without ClipboardItem (Firefox before 127, a page that is not secure)
  await context.addInitScript(() => { delete window.ClipboardItem; });
  const page = await context.newPage();
  const problems = await watch(page, server.url);
  await page.goto(server.url);
  await ready(page);
  await pg(page, (p) => p.trainEpochs(4));
  await page.keyboard.press('l');
  await page.waitForFunction(() => Number(document.getElementById('landscape').dataset.epoch) === 4, null, { timeout: 60000 });
  await settle(page);
  const land = await cssSize(page, 'landscape');
  const l = await decode((await download(page, 'details[data-picture="landscape"]', 'png')).bytes);
  assert.deepEqual({ width: l.width, height: l.height }, { width: 2 * land.w, height: 2 * land.h + TITLE });
  assert.ok(l.dark > 200);
  // a click elsewhere closes an open menu
  await page.click('details[data-picture="chart"] > summary');
  assert.equal(await page.$eval('details[data-picture="chart"]', (d) => d.open), true);
  await page.click('#race-table');
  assert.equal(await page.$eval('details[data-picture="chart"]', (d) => d.open), false);
  // without ClipboardItem, copy image says why, and nothing is thrown
  await page.click('details[data-picture="chart"] > summary');
  await page.click('details[data-picture="chart"] button[data-export="copy"]');
  await page.waitForFunction(() => /could not be copied/.test(document.getElementById('settings-note').textContent));
  assert.match(await page.textContent('#settings-note'), /The picture could not be copied: this browser does not let a page put a picture on the clipboard .*download the PNG instead/);
  // a surface lesson: its contour plot with the paths
  const ravine = await readFile(join(root, 'scenarios/surfaces/ravine-kappa-50.json'), 'utf8');
  await pg(page, (p, text) => { p.load(text); p.trainEpochs(20); }, ravine);
  await settle(page);
  const ground = await cssSize(page, 'surface-ground');
  const sf = await download(page, 'details[data-picture="surface"]', 'png');
  assert.equal(sf.name, 'surface-epoch-20.png');
  const d = await decode(sf.bytes);
  assert.deepEqual({ width: d.width, height: d.height }, { width: 2 * ground.w, height: 2 * ground.h + TITLE });
  assert.ok(d.dark > 200);
  assert.deepEqual(problems, []);
  await context.close();
});

test('ten points drawn on the page, trained, exported: the PNG, the data CSV and W[1] as LaTeX', async () => {
  const { page, problems, context } = await openPage();
  await page.check('#draw');
  await page.click('#draw-clear');
  const { center: [c1, c2], radius: r } = await pg(page, (p) => p.viewSquare());
  // class 0 on the left, class 1 on the right, one test point each, in units of r
  const drawn = [
    [-0.6, 0.5, 0, false], [-0.5, -0.4, 0, false], [-0.7, 0.0, 0, false], [-0.3, 0.6, 0, false],
    [0.6, 0.4, 1, false], [0.5, -0.5, 1, false], [0.7, 0.1, 1, false], [0.3, -0.6, 1, false],
    [-0.4, -0.1, 0, true], [0.4, 0.2, 1, true],
  ];
  const box = await page.locator('#points-big').boundingBox();
  for (const [a, b, c, t] of drawn) {
    await page.selectOption('#draw-class', String(c));
    await page.setChecked('#draw-test', t);
    await page.mouse.click(box.x + (a * r - (c1 - r)) / (2 * r) * box.width, box.y + ((c2 + r) - b * r) / (2 * r) * box.height);
  }
  await page.uncheck('#draw');
  await pg(page, (p) => p.trainEpochs(40));
  await page.click('#discretize');
  await page.click('#show-test');
  await settle(page);
  const { w, h } = await cssSize(page, 'boundary-big');
  const png = await download(page, 'details[data-picture="boundary"]', 'png');
  assert.equal(png.name, 'boundary-epoch-40.png');
  const d = await decode(png.bytes);
  assert.deepEqual({ width: d.width, height: d.height }, { width: 2 * w, height: 2 * h + TITLE });
  assert.ok(d.shares[0] >= 0.05 && d.shares[1] >= 0.05, `two colours each ≥ 5% of the plot: ${d.shares}`);
  // the data CSV: the ten points, train then test
  const csv = (await download(page, '.share details.export', 'data')).bytes.toString('utf8');
  assert.equal(csv, await pg(page, (p) => p.exportCsv('data')));
  const rows = csv.trim().split('\n').slice(1);
  assert.equal(rows.length, 10);
  assert.deepEqual(rows.map((row) => row.split(',').at(-1)), [...Array(8).fill('train'), 'test', 'test']);
  // W[1] from its card in the lesson view, as the API writes it
  await page.click('#lesson-view');
  await page.click('#next');
  await settle(page);
  const card = 'figure.matrix[data-name="w"][data-layer="1"] details.export';
  const tex = (await download(page, card, 'tex')).bytes.toString('utf8');
  assert.equal(tex, await pg(page, (p) => p.matrixLatex('w', 1, 4)));
  assert.match(tex, /^\\begin\{bmatrix\} -?\d\.\d{4} & /);
  await screenshot(page, 'export-drawn-1280.png');
  assert.deepEqual(problems, []);
  await context.close();
});
