// The lesson view in a real Chromium: a preset, a full forward / backward / update cycle
// sub-step by sub-step with its shapes and numbers checked against window.playground,
// stepping back, a number taken apart, every preset, and screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, screenshot } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The panel's matrix `name` of layer `l`: its head text and the numbers it shows. */
const shown = (page, name, l) => page.evaluate(([name, l]) => {
  const fig = document.querySelector(`#matrices figure[data-name="${name}"][data-layer="${l}"]`);
  if (!fig) return null;
  const cells = [...fig.querySelectorAll('td')].map((td) => Number(td.textContent.replaceAll('−', '-')));
  return { head: fig.querySelector('.mhead').textContent, cells, cls: fig.className };
}, [name, l]);

const matrix = (page, name, l) => page.evaluate(([name, l]) => {
  const m = window.playground.matrix(name, l);
  return { rows: m.rows, cols: m.cols, data: Array.from(m.data) };
}, [name, l]);

/** Checks that the panel shows matrix `name` of layer `l` as the engine has it. The panel is
 *  drawn on the next animation frame after a click, so this first waits (up to 5 s) for it. */
async function same(page, name, l, label) {
  await page.waitForSelector(`#matrices figure[data-name="${name}"][data-layer="${l}"]`, { timeout: 5000 })
    .catch(() => {});
  const panel = await shown(page, name, l);
  assert.ok(panel, `${label} is on the panel`);
  const m = await matrix(page, name, l);
  assert.match(panel.head, new RegExp(`${label.replace(/[[\]]/g, '\\$&')}\\s*${m.rows} × ${m.cols}`));
  assert.equal(panel.cells.length, m.data.length);
  m.data.forEach((v, i) => {
    const tol = Math.max(Math.abs(v) * 1e-3, 1e-6);
    assert.ok(Math.abs(panel.cells[i] - v) <= tol, `${label}[${i}]: shows ${panel.cells[i]}, engine ${v}`);
  });
  return panel;
}

test('a student follows one full step of the 2-3-1 lesson on 4 examples', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.selectOption('#preset', 'forward-backward-2-3-1');
  await page.click('#lesson-view');
  assert.match(await page.textContent('#preset-note'), /One training step/);
  assert.deepEqual(await page.evaluate(() => window.playground.scenario().layers), [2, 3, 1]);
  const expect = [
    ['forward', 1, [['z', 1, 'Z[1]'], ['a', 1, 'A[1]']]],
    ['forward', 2, [['z', 2, 'Z[2]'], ['a', 2, 'A[2]']]],
    ['cost', null, []],
    ['backward', 2, [['delta', 2, 'δ[2]'], ['dw', 2, 'dW[2]'], ['db', 2, 'db[2]']]],
    ['backward', 1, [['delta', 1, 'δ[1]'], ['dw', 1, 'dW[1]'], ['db', 1, 'db[1]']]],
    ['update', null, [['w', 1, 'W[1]'], ['w', 2, 'W[2]'], ['b', 1, 'b[1]']]],
  ];
  for (const [phase, layer, mats] of expect) {
    const next = await page.evaluate(() => window.playground.upcoming());
    assert.deepEqual(next, { phase, layer });
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(([phase, layer]) => document.querySelector('#lesson-step').textContent.includes(`did ${phase}${layer ? ` layer ${layer}` : ''}`), [phase, layer]);
    for (const [name, l, label] of mats) {
      const panel = await same(page, name, l, label);
      assert.match(panel.cls, /computed/, `${label} is marked as just computed`);
    }
    // the batch and its shape: X = A[0] is 2 × 4
    await same(page, 'a', 0, 'X = A[0]');
  }
  assert.equal(await page.evaluate(() => window.playground.step()), 1);
  // the cost shown is the engine's
  const cost = await page.evaluate(() => window.playground.cost());
  assert.ok(Math.abs(Number((await page.textContent('.cost-value')).replaceAll('−', '-')) - cost) < 1e-3);
  // ← undoes the update
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.playground.step()), 0);
  assert.deepEqual(await page.evaluate(() => window.playground.upcoming()), { phase: 'update', layer: null });
  // a click on a number of δ[1] takes it apart
  await page.click('#matrices figure[data-name="delta"][data-layer="1"] td');
  const explain = await page.textContent('#explain');
  assert.match(explain, /δ\[1\]₁,₁ = \(Σₖ W\[2\]ₖ,₁ · δ\[2\]ₖ,₁\) · σ′\(Z\[1\]₁,₁\)/);
  const delta = (await matrix(page, 'delta', 1)).data[0];
  const result = Number(explain.split('=').at(-1).trim().replaceAll('−', '-'));
  assert.ok(Math.abs(result - delta) <= Math.abs(delta) * 1e-3, `${result} vs ${delta}`);
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, 'lesson-1280x800.png');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no sideways scroll in the lesson view on a phone');
  await screenshot(page, 'lesson-390x844.png');
  assert.deepEqual(problems, []);
  await page.close();
});

test('every preset loads and shows its explanation', async () => {
  const { page, problems } = await open(browser, server.url);
  const ids = await page.$$eval('#preset option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.equal(ids.length, 10);
  for (const id of ids) {
    await page.selectOption('#preset', id);
    await page.waitForTimeout(100);
    assert.equal(await page.isVisible('#errors'), false, `${id} loads without an error`);
    assert.ok((await page.textContent('#preset-note')).length > 40, `${id} explains itself`);
    assert.equal(await page.evaluate(() => window.playground.epoch()), 0);
    await page.evaluate(() => window.playground.trainEpochs(2));
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test('a lesson on four random examples, and back to the whole data', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.click('#lesson-view');
  await page.click('#pick-random');
  const s = await page.evaluate(() => window.playground.scenario());
  assert.equal(s.batch_size, 4);
  assert.equal(s.data.x[0].length, 4);
  await page.click('#next');
  await same(page, 'z', 1, 'Z[1]');
  await page.click('#lesson-exit');
  assert.equal((await page.evaluate(() => window.playground.scenario())).data.dataset, 'spiral');
  // the optimizer state and the gradient check open and fill
  await page.click('#next');
  await page.click('#gradcheck-details summary');
  await page.click('#gradcheck-buttons button');
  assert.ok(await page.locator('#gradcheck tr.good').count() > 0);
  assert.equal(await page.locator('#gradcheck tr.wrong').count(), 0);
  await page.click('#optimizer-details summary');
  await page.waitForTimeout(300);
  assert.match(await page.textContent('#optimizer-state'), /t = 0/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('heatmaps give the value under the pointer; health shows the step ratios over time; discretize', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.evaluate(() => window.playground.trainEpochs(3));
  await page.click('#lesson-view');
  await page.click('#next'); // forward layer 1 of the default 2-8-8-1 net on a batch of 16: Z[1] is 8 × 16
  const heat = page.locator('#matrices canvas[data-heat="z:1"]');
  await heat.waitFor();
  const box = await heat.boundingBox();
  // the centre of cell (row 3, col 5), 0-based
  await page.mouse.move(box.x + (5.5 / 16) * box.width, box.y + (3.5 / 8) * box.height);
  await page.waitForSelector('#heat-tip:not([hidden])');
  const tip = await page.textContent('#heat-tip');
  assert.match(tip, /^Z\[1\]₄,₆ = /);
  const z = await page.evaluate(() => window.playground.matrix('z', 1).data[3 * 16 + 5]);
  const shown = Number(tip.split('=')[1].trim().replaceAll('−', '-'));
  assert.ok(Math.abs(shown - z) <= Math.abs(z) * 1e-3 + 1e-9, `${shown} vs ${z}`);
  await page.click('#health-details summary');
  await page.waitForSelector('#health svg polyline');
  assert.equal(await page.locator('#health svg polyline').count(), 3, 'one line per layer');
  // discretize: the boundary becomes two flat colours
  await page.click('#lesson-view');
  await page.waitForTimeout(300);
  const colours = () => page.evaluate(() => {
    const c = document.getElementById('boundary-big');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4 * 7) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
    return seen.size;
  });
  const smooth = await colours();
  await page.check('#discretize');
  await page.waitForTimeout(400);
  const hard = await colours();
  assert.ok(hard < smooth / 4, `discretized: ${hard} colours against ${smooth}`);
  assert.deepEqual(problems, []);
  await page.close();
});
