// The controls of the built page (dist/) in a real Chromium: every kind of setting and what it
// does to the scenario and the race, editing a weight on the network diagram, links, scenario
// files replayed by the native tool bit for bit, bad links and files, a reload that keeps the
// run, the keyboard, and screenshots for a projector and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import {
  serve, launch, open, screenshot, root, pixels, pg, setValue, note, settle, sameFirstStepAsNative,
} from './harness.js';

const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];
const DEFAULTS = {
  sgd: { kind: 'sgd', learning_rate: 0.1 },
  momentum: { kind: 'momentum', learning_rate: 0.1, beta: 0.9 },
  rmsprop: { kind: 'rmsprop', learning_rate: 0.01, beta: 0.9, epsilon: 1e-8 },
  adam: { kind: 'adam', learning_rate: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
};

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The racers' settings in the scenario, by kind. */
const race = (s) => Object.fromEntries(s.race.map((r) => [r.kind, r]));
/** Everything the page can tell about the run. */
const state = (page) => pg(page, (p) => ({
  epoch: p.epoch(),
  step: p.step(),
  upcoming: p.upcoming(),
  scenario: JSON.stringify(p.scenario()),
  losses: ['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => Array.from(p.lossHistory(k))),
  tests: ['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => Array.from(p.testLossHistory(k))),
}));
/** The page's problems but the error messages a test provoked on purpose. */
const unexpected = (problems, ...expected) => problems.filter((p) => !expected.some((e) => p.includes(e)));

test('data controls: a new data set, noise, training share, samples, seed and "New" restart the race', async () => {
  const { page, problems } = await open(browser, server.url);
  await settle(page);
  const points0 = await pixels(page, 'points-big');

  // a new data set: other points, and the output and cost that fit it
  await pg(page, (p) => p.trainEpochs(2));
  await page.selectOption('#dataset', 'plane');
  let s = await pg(page, (p) => p.scenario());
  assert.equal(s.data.dataset, 'plane');
  assert.equal(s.layers.at(-1), 1);
  assert.equal(s.activations.at(-1), 'linear');
  assert.equal(s.cost, 'mse');
  assert.equal(await pg(page, (p) => p.epoch()), 0, 'a new data set restarts the race');
  assert.match((await note(page)).text, /data set/i);
  assert.equal((await note(page)).kind, 'restarted');
  await settle(page);
  const points1 = await pixels(page, 'points-big');
  assert.notEqual(points1, points0, 'the plane draws other points than the spiral');

  await page.selectOption('#dataset', 'spiral3');
  s = await pg(page, (p) => p.scenario());
  assert.equal(s.data.dataset, 'spiral3');
  assert.equal(s.layers.at(-1), 3, 'three classes, three softmax outputs');
  assert.equal(s.activations.at(-1), 'softmax');
  assert.equal(s.cost, 'cross_entropy');
  assert.equal(await page.textContent('#output-size'), 'n[3] = 3');
  await settle(page);
  assert.notEqual(await pixels(page, 'points-big'), points1);
  // the network trains on the new data
  await pg(page, (p) => p.trainEpochs(3));
  assert.equal(await pg(page, (p) => p.lossHistory('adam').length), 3);

  // each data setting restarts the race and changes the data
  const changes = [
    ['#noise', '0.2', (d) => assert.equal(d.noise, 0.2)],
    ['#train-fraction', '0.6', (d) => assert.equal(d.train_fraction, 0.6)],
    ['#samples', '300', (d) => assert.equal(d.samples, 300)],
    ['#data-seed', '5', (d) => assert.equal(d.seed, 5)],
  ];
  for (const [id, value, check] of changes) {
    await pg(page, (p) => p.trainEpochs(2));
    const before = await pg(page, (p) => p.scenario().data);
    const pointsBefore = await pixels(page, 'points-big');
    await setValue(page, id, value);
    const after = await pg(page, (p) => p.scenario().data);
    check(after);
    assert.notDeepEqual(after, before, `${id} changed the data`);
    assert.equal(await pg(page, (p) => p.epoch()), 0, `${id} restarted the race`);
    assert.equal((await note(page)).kind, 'restarted', `${id}: ${(await note(page)).text}`);
    await settle(page);
    assert.notEqual(await pixels(page, 'points-big'), pointsBefore, `${id} drew other points`);
  }
  assert.equal(await page.textContent('#noise-out'), '0.20');
  assert.equal(await page.textContent('#train-fraction-out'), '60%');
  // 60 % of 300 samples for training: the batch size field knows its bound
  assert.equal(await page.textContent('#train-size'), 'of 180');

  await pg(page, (p) => p.trainEpochs(2));
  const seed = (await pg(page, (p) => p.scenario())).data.seed;
  await page.click('#regenerate');
  s = await pg(page, (p) => p.scenario());
  assert.notEqual(s.data.seed, seed, '"New" draws a new data seed');
  assert.equal(String(s.data.seed), await page.inputValue('#data-seed'), 'the seed field shows it');
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('network controls: hidden layers, units, activations, output + cost, initialisation', async () => {
  const { page, problems } = await open(browser, server.url);
  const layers = () => pg(page, (p) => { const s = p.scenario(); return { layers: s.layers, activations: s.activations }; });
  assert.deepEqual(await layers(), { layers: [2, 8, 8, 1], activations: ['tanh', 'tanh', 'sigmoid'] });

  await pg(page, (p) => p.trainEpochs(1));
  await page.click('#add-layer');
  assert.deepEqual(await layers(), { layers: [2, 8, 8, 8, 1], activations: ['tanh', 'tanh', 'tanh', 'sigmoid'] });
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.equal(await page.locator('#layers .layer-row').count(), 3, 'one row per hidden layer');
  assert.equal(await page.textContent('#output-size'), 'n[4] = 1');

  await page.click('#layers .units-plus[data-layer="1"]');
  await page.click('#layers .units-minus[data-layer="2"]');
  await page.click('#layers .units-minus[data-layer="2"]');
  assert.deepEqual((await layers()).layers, [2, 9, 6, 8, 1]);
  assert.match((await note(page)).text, /Layer 2: 6 units/);
  // typing in a units field (Enter commits it)
  const units3 = page.locator('#layers input.units[data-layer="3"]');
  await units3.fill('5');
  await units3.press('Enter');
  assert.deepEqual((await layers()).layers, [2, 9, 6, 5, 1]);
  assert.equal(await page.inputValue('#layers input.units[data-layer="3"]'), '5');
  await page.selectOption('#layers select.activation[data-layer="2"]', 'relu');
  assert.deepEqual((await layers()).activations, ['tanh', 'relu', 'tanh', 'sigmoid']);
  await pg(page, (p) => p.trainEpochs(1));
  await page.click('#layers .remove-layer[data-layer="1"]');
  assert.deepEqual(await layers(), { layers: [2, 6, 5, 1], activations: ['relu', 'tanh', 'sigmoid'] });
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.equal(await page.locator('#layers .layer-row').count(), 2);
  // the rows are numbered again after a removal
  assert.equal(await page.inputValue('#layers input.units[data-layer="1"]'), '6');
  assert.equal(await page.inputValue('#layers select.activation[data-layer="1"]'), 'relu');
  // the page still steps through the new network
  await pg(page, (p) => { p.forward(); p.backward(); });
  assert.deepEqual(await pg(page, (p) => { const m = p.matrix('delta', 1); return [m.rows, m.cols]; }), [6, 16]);

  // output + cost: two softmax outputs with cross-entropy
  await page.selectOption('#output-cost', 'softmax|cross_entropy|2');
  let s = await pg(page, (p) => p.scenario());
  assert.deepEqual([s.layers.at(-1), s.activations.at(-1), s.cost], [2, 'softmax', 'cross_entropy']);
  await page.selectOption('#output-cost', 'sigmoid|bce|1');
  s = await pg(page, (p) => p.scenario());
  assert.deepEqual([s.layers.at(-1), s.activations.at(-1), s.cost], [1, 'sigmoid', 'bce']);

  // initialisation: the weights are those a fresh playground draws from the same settings
  const drawn = (init) => pg(page, (p, init) => {
    const s = p.scenario();
    s.init = init;
    return new window.wasmBindings.Playground(s).scenario().init.weights;
  }, init);
  const weights = () => pg(page, (p) => p.scenario().init.weights);
  const seed = Number(await page.inputValue('#init-seed'));
  await page.selectOption('#init-scheme', 'he');
  assert.deepEqual(await weights(), await drawn({ kind: 'he', scale: 1, seed }));
  await setValue(page, '#init-scale', '2');
  const scaled = await weights();
  assert.deepEqual(scaled, await drawn({ kind: 'he', scale: 2, seed }));
  await setValue(page, '#init-seed', '42');
  assert.deepEqual(await weights(), await drawn({ kind: 'he', scale: 2, seed: 42 }));
  await page.selectOption('#init-scheme', 'zeros');
  assert.ok((await weights()).every((l) => l.w.flat().every((v) => v === 0)), 'zeros gives zero weights');
  await page.selectOption('#init-scheme', 'auto');
  await pg(page, (p) => p.trainEpochs(1));
  const before = await weights();
  await page.click('#reseed');
  const newSeed = Number(await page.inputValue('#init-seed'));
  assert.notEqual(newSeed, 42, '"New" draws a new weights seed');
  assert.deepEqual(await weights(), await drawn({ kind: 'auto', scale: 2, seed: newSeed }));
  assert.notDeepEqual(await weights(), before);
  assert.equal(await pg(page, (p) => p.epoch()), 0);

  // training: batch size and shuffle
  await setValue(page, '#batch-size', '8');
  assert.equal((await pg(page, (p) => p.scenario())).batch_size, 8);
  await pg(page, (p) => p.trainEpochs(1));
  assert.equal(await pg(page, (p) => p.step()), 40, '320 training points in batches of 8: 40 updates');
  assert.equal(await page.isChecked('#shuffle'), true);
  await page.click('#shuffle');
  assert.equal((await pg(page, (p) => p.scenario())).shuffle, false);
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.equal((await note(page)).text, 'Shuffling off: a new network, so the race restarted.');
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('an optimizer setting applies to the running race; "Reset to defaults"; refused values change nothing', async () => {
  const { page, problems } = await open(browser, server.url);
  const start = await pg(page, (p) => p.scenario());
  await pg(page, (p) => p.trainEpochs(3));
  await setValue(page, '#adam-learning_rate', '0.05');
  assert.equal(await pg(page, (p) => p.epoch()), 3, 'no restart');
  assert.equal((await note(page)).kind, 'applied');
  assert.match((await note(page)).text, /Adam now uses α = 0\.05/);
  assert.equal(race(await pg(page, (p) => p.scenario())).adam.learning_rate, 0.05);
  await pg(page, (p) => p.trainEpochs(1));
  assert.equal(await pg(page, (p) => p.epoch()), 4);
  const page4 = await pg(page, (p) => Object.fromEntries(['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => [k, Array.from(p.lossHistory(k))])));
  const alone = await pg(page, (p, s) => {
    const q = new window.wasmBindings.Playground(s);
    q.trainEpochs(4);
    return Object.fromEntries(['sgd', 'momentum', 'rmsprop', 'adam'].map((k) => [k, Array.from(q.lossHistory(k))]));
  }, start);
  assert.deepEqual(page4.adam.slice(0, 3), alone.adam.slice(0, 3), 'the first three epochs are the unchanged run');
  assert.notEqual(page4.adam[3], alone.adam[3], 'the fourth epoch used the new α');
  for (const k of ['sgd', 'momentum', 'rmsprop']) assert.deepEqual(page4[k], alone[k], `${k} is untouched`);

  // other racers' fields, then back to the defaults without a restart
  await setValue(page, '#sgd-learning_rate', '0.5');
  await setValue(page, '#momentum-beta', '0.8');
  await setValue(page, '#rmsprop-epsilon', '1e-6');
  await setValue(page, '#adam-beta2', '0.99');
  let r = race(await pg(page, (p) => p.scenario()));
  assert.deepEqual([r.sgd.learning_rate, r.momentum.beta, r.rmsprop.epsilon, r.adam.beta2], [0.5, 0.8, 1e-6, 0.99]);
  await pg(page, (p) => p.trainEpochs(1));
  await page.click('#optimizer-defaults');
  r = race(await pg(page, (p) => p.scenario()));
  assert.deepEqual(r, DEFAULTS);
  assert.equal(await pg(page, (p) => p.epoch()), 5, 'the defaults apply without a restart');
  assert.equal((await note(page)).kind, 'applied');
  assert.equal(await page.inputValue('#sgd-learning_rate'), '0.1');
  assert.equal(await page.inputValue('#adam-learning_rate'), '0.01');
  assert.equal(await page.inputValue('#adam-beta2'), '0.999');
  assert.equal(await page.inputValue('#rmsprop-epsilon'), '1e-8');

  // refused: nothing changes, the note says why, the field shows the value in use again
  const refusals = [
    ['#batch-size', '0', /batch_size/, '16'],
    ['#adam-learning_rate', '-0.5', /Adam α/, '0.01'],
    ['#layers input.units[data-layer="1"]', '0', /layer 1 needs a whole number of units/, '8'],
    ['#samples', '2.5', /samples/, '400'],
    ['#momentum-beta', '1', /Momentum β/, '0.9'],
  ];
  for (const [selector, value, message, shown] of refusals) {
    for (const how of ['event', 'typed']) {
      const before = await state(page);
      if (how === 'event') {
        await setValue(page, selector, value);
      } else {
        const field = page.locator(selector);
        await field.fill(value);
        await field.press('Enter');
      }
      const n = await note(page);
      assert.equal(n.kind, 'refused', `${selector} = ${value} (${how}): ${n.text}`);
      assert.match(n.text, /^Not changed — /);
      assert.match(n.text, message);
      assert.deepEqual(await state(page), before, `${selector} = ${value} changed nothing`);
      assert.equal(await page.inputValue(selector), shown, `${selector} shows the value in use after a refusal (${how})`);
      await page.locator(selector).blur();
    }
  }
  // one unit fewer than 1
  await setValue(page, '#layers input.units[data-layer="2"]', '1');
  const before = await state(page);
  await page.click('#layers .units-minus[data-layer="2"]');
  assert.equal((await note(page)).kind, 'refused');
  assert.deepEqual(await state(page), before);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

/** Subscript digits back to a number: ₁₂ → 12. */
test('regularization: L1 / L2 and λ restart the race from the same start; L2 shrinks the weights; the lesson shows λ·R and J', async () => {
  const { page, problems } = await open(browser, server.url);
  const start = await pg(page, (p) => p.scenario());
  assert.equal(start.regularization, undefined, 'the default scenario has none');
  const weights = (p) => [1, 2, 3].map((l) => Array.from(p.matrix('w', l).data));
  const w0 = await pg(page, weights);
  await pg(page, (p) => p.trainEpochs(2));
  // λ alone waits for a penalty; then L2 restarts from the same initial weights
  await setValue(page, '#regularization-rate', '0.03');
  assert.equal(await pg(page, (p) => p.epoch()), 2, 'λ without a penalty changes nothing');
  await page.selectOption('#regularization', 'l2');
  let n = await note(page);
  assert.equal(n.kind, 'restarted');
  assert.match(n.text, /L2 regularization, λ = 0\.03/);
  assert.deepEqual((await pg(page, (p) => p.scenario())).regularization, { kind: 'l2', rate: 0.03 });
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.deepEqual(await pg(page, weights), w0, 'the same start');
  // L2 pulls the weights toward 0: after 30 epochs ‖W‖² is smaller than without it
  const norm = (ws) => ws.flat().reduce((s, v) => s + v * v, 0);
  await pg(page, (p) => p.trainEpochs(30));
  const withL2 = norm(await pg(page, weights));
  const without = norm(await pg(page, (p, s) => {
    const q = new window.wasmBindings.Playground(s);
    q.trainEpochs(30);
    return [1, 2, 3].map((l) => Array.from(q.matrix('w', l).data));
  }, start));
  assert.ok(withL2 < 0.9 * without, `‖W‖² ${withL2} with L2, ${without} without`);
  // the lesson view: C, λ·R and J = C + λ·R after the cost sub-step, and λW in dW's equation
  await page.click('#lesson-view');
  for (let i = 0; i < 4; i++) await page.click('#next');
  await page.waitForSelector('#matrices .objective-value');
  const [cost, penalty] = await pg(page, (p) => [p.cost(), p.penalty()]);
  assert.ok(penalty > 0);
  const shown = async (sel) => Number((await page.textContent(sel)).replaceAll('−', '-'));
  assert.ok(Math.abs(await shown('#matrices .penalty-value') - penalty) <= 1e-3 * penalty);
  assert.ok(Math.abs(await shown('#matrices .objective-value') - (cost + penalty)) <= 1e-3 * (cost + penalty));
  await page.click('#next');
  await page.waitForFunction(() => document.querySelector('#matrices').textContent.includes('λ = 0.03'));
  // a bad λ is refused and changes nothing
  const before = JSON.stringify(await pg(page, (p) => p.scenario()));
  await setValue(page, '#regularization-rate', '-1');
  n = await note(page);
  assert.equal(n.kind, 'refused');
  assert.match(n.text, /^Not changed — the regularization rate λ/);
  assert.equal(JSON.stringify(await pg(page, (p) => p.scenario())), before);
  assert.equal(await page.inputValue('#regularization-rate'), '0.03');
  // L1 with a new λ, then none
  await setValue(page, '#regularization-rate', '0.1');
  assert.deepEqual((await pg(page, (p) => p.scenario())).regularization, { kind: 'l2', rate: 0.1 });
  await page.selectOption('#regularization', 'l1');
  assert.deepEqual((await pg(page, (p) => p.scenario())).regularization, { kind: 'l1', rate: 0.1 });
  await page.selectOption('#regularization', 'none');
  assert.equal((await pg(page, (p) => p.scenario())).regularization, undefined);
  assert.match((await note(page)).text, /No regularization/);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

const unsub = (s) => Number([...s].map((c) => String(c.codePointAt(0) - 0x2080)).join(''));

/** Hovers the diagram between node columns `l − 1` and `l` until the tip names a weight of W[l]. */
async function findLink(page, l) {
  const box = await page.locator('#diagram').boundingBox();
  const depth = await pg(page, (p) => p.scenario().layers.length - 1);
  const x = box.x + box.width * l / (depth + 1);
  const mid = box.y + (box.height + 30) / 2;
  for (let dy = 0; dy < box.height / 2 - 20; dy += 3) {
    for (const y of [mid + dy, mid - dy]) {
      await page.mouse.move(x, y);
      const tip = await page.locator('#diagram-tip');
      if (await tip.isVisible() && (await tip.textContent()).startsWith(`W[${l}]`)) return { x, y, tip: await tip.textContent() };
    }
  }
  throw new Error(`no link of W[${l}] found on the diagram`);
}

test('a weight edited on the network diagram restarts the race from it, for all four racers', async () => {
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p) => p.trainEpochs(5));
  await settle(page);
  const { x, y, tip } = await findLink(page, 2);
  const [, layer, row, col, shown] = tip.match(/^W\[(\d+)\]([₀-₉]+),([₀-₉]+) = (-?[\d.]+) \(click to edit\)$/u);
  const w = await pg(page, (p) => p.matrix('w', 2));
  const at = (unsub(row) - 1) * w.cols + unsub(col) - 1;
  assert.equal(Number(layer), 2);
  assert.equal(shown, w.data[at].toFixed(4), 'the tip shows the weight');

  await page.mouse.click(x, y);
  const editor = page.locator('#diagram-edit');
  await editor.waitFor();
  const label = (await editor.locator('label').textContent()).trim();
  const [, l, i, j] = label.match(/^W\[(\d+)\]([₀-₉]+),([₀-₉]+) =$/u);
  assert.deepEqual([Number(l), unsub(i), unsub(j)], [2, unsub(row), unsub(col)], `the editor names the weight hovered: ${label}`);
  assert.equal(Number(await editor.locator('input').inputValue()), w.data[at]);
  const before = await pg(page, (p) => p.scenario().init.weights);
  await editor.locator('input').fill('0.75');
  await editor.locator('input').press('Enter');
  await editor.waitFor({ state: 'detached' });
  assert.equal(await pg(page, (p) => p.epoch()), 0, 'the race restarted');
  assert.equal((await note(page)).kind, 'restarted');
  assert.match((await note(page)).text, /W\[2\].* set to 0\.75/u);
  const edited = await pg(page, (p, [r, c]) => { const m = p.matrix('w', 2); return m.data[r * m.cols + c]; }, [unsub(i) - 1, unsub(j) - 1]);
  assert.equal(edited, 0.75);
  // the other weights are the trained ones; every racer starts from them
  const expected = structuredClone(before);
  expected[1].w[unsub(i) - 1][unsub(j) - 1] = 0.75;
  for (const kind of KINDS) {
    const weights = await pg(page, (p, kind) => { p.focus(kind); return p.scenario().init.weights; }, kind);
    assert.deepEqual(weights, expected, `${kind} starts from the edited weights`);
  }
  await pg(page, (p) => p.focus('adam'));
  // hovering it again shows the new value
  await settle(page);
  await page.mouse.move(x - 40, y - 40);
  await page.mouse.move(x, y);
  assert.equal(await page.textContent('#diagram-tip'), `${label.replace(/ =$/, '')} = 0.7500 (click to edit)`);
  // Escape closes an editor without a change
  await page.mouse.click(x, y);
  await editor.waitFor();
  await editor.locator('input').fill('3');
  await editor.locator('input').press('Escape');
  await editor.waitFor({ state: 'detached' });
  assert.deepEqual(await pg(page, (p) => p.scenario().init.weights), expected);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('"Copy link" opens the same lesson in a fresh browser, also with the weights', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.selectOption('#dataset', 'moons');
  await setValue(page, '#adam-learning_rate', '0.02');
  await page.click('#layers .units-minus[data-layer="1"]');
  await page.click('#copy-link');
  await page.waitForFunction(() => /Link copied|Copy this link/.test(document.getElementById('settings-note').textContent));
  const url = page.url();
  assert.match(url, /#s=1\./);
  const other = await open(browser, url);
  assert.equal(await other.page.isVisible('#errors'), false);
  assert.equal(await pg(other.page, (p) => JSON.stringify(p.scenario())), await pg(page, (p) => JSON.stringify(p.scenario())));
  assert.equal(await other.page.inputValue('#adam-learning_rate'), '0.02');
  await other.page.close();

  // with the weights, after some training
  await pg(page, (p) => p.trainEpochs(4));
  await page.check('#link-weights');
  await page.click('#copy-link');
  await page.waitForFunction(() => /with the current weights|Copy this link/.test(document.getElementById('settings-note').textContent));
  const withWeights = page.url();
  assert.ok(withWeights.length > url.length + 200, 'the link holds the weights');
  const third = await open(browser, withWeights);
  const [mine, theirs] = [await pg(page, (p) => p.scenario()), await pg(third.page, (p) => p.scenario())];
  assert.deepEqual(theirs.init.weights, mine.init.weights);
  assert.equal(await pg(third.page, (p) => p.epoch()), 0);
  assert.deepEqual(unexpected([...problems, ...other.problems, ...third.problems]), []);
  await third.page.close();
  await page.close();
});

test('a saved scenario file replays natively with exactly the page\'s numbers', async () => {
  // cargo rebuilds the tool when it is missing or older than the code (a no-op otherwise):
  // the page and the tool must run the same code
  const tool = join(root, 'target', 'release', 'playground');
  execFileSync('cargo', ['build', '--release', '--bin', 'playground'], { cwd: root, maxBuffer: 64 << 20 });
  assert.ok(existsSync(tool), `${tool} was built`);
  const { page, problems } = await open(browser, server.url);
  await page.selectOption('#dataset', 'spiral3');
  await setValue(page, '#batch-size', '10');
  await setValue(page, '#rmsprop-learning_rate', '0.003');
  await page.click('#layers .units-plus[data-layer="2"]');
  await pg(page, (p) => p.trainEpochs(2));
  const dir = await mkdtemp(join(tmpdir(), 'playground-e2e-'));
  try {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
    assert.equal(download.suggestedFilename(), 'backprop-scenario.json');
    const file = join(dir, 'scenario.json');
    await download.saveAs(file);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(saved.data.dataset, 'spiral3');
    assert.equal(saved.batch_size, 10);
    assert.equal(race(saved).rmsprop.learning_rate, 0.003);
    assert.equal(saved.init.weights, undefined, 'without "with weights" the file keeps the seed');
    await sameFirstStepAsNative(page, tool, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a malformed link or file shows the banner and changes nothing', async () => {
  for (const [hash, says] of [['#s=1.notalink', /link is damaged/], ['#s=garbage', /not a playground link/]]) {
    const { page, problems } = await open(browser, server.url + hash);
    assert.equal(await page.isVisible('#errors'), true, `${hash}: the banner shows`);
    const text = await page.textContent('#error-text');
    assert.match(text, /This link could not be opened/);
    assert.match(text, says);
    assert.match(text, /Showing the default lesson instead\.$/, 'a fresh browser has no last run');
    // the page works
    await pg(page, (p) => p.trainEpochs(2));
    assert.equal(await pg(page, (p) => p.epoch()), 2);
    await page.click('#play');
    await page.waitForFunction(() => window.playground.epoch() >= 5);
    await page.click('#play');
    assert.deepEqual(unexpected(problems, 'This link could not be opened'), []);
    await page.close();
  }

  // a bad link pasted into the open page changes nothing; reloaded, the last run comes back
  {
    const { page, problems } = await open(browser, server.url);
    await pg(page, (p) => p.trainEpochs(3));
    await page.waitForTimeout(300);
    const before = await state(page);
    await page.evaluate(() => { location.hash = 's=1.AAAA'; });
    await page.waitForFunction(() => !document.getElementById('errors').hidden);
    assert.match(await page.textContent('#error-text'), /^Could not open the link — .*Nothing was changed\.$/);
    assert.deepEqual(await state(page), before);
    await page.reload();
    await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground);
    await page.waitForFunction((epoch) => window.playground.epoch() === epoch, before.epoch);
    assert.match(await page.textContent('#error-text'), /This link could not be opened — .*Showing your last run instead\.$/);
    assert.deepEqual(await state(page), before);
    assert.deepEqual(unexpected(problems, 'could not be opened', 'Could not open'), []);
    await page.close();
  }

  const { page, problems } = await open(browser, server.url);
  await pg(page, (p) => p.trainEpochs(2));
  const good = await pg(page, (p) => p.scenario());
  const files = [
    ['bad.json', '{ "layers": [2, 8, 1], oops', /bad\.json/, /line 1/],
    ['zero-batch.json', JSON.stringify({ ...good, batch_size: 0 }), /zero-batch\.json/, /batch_size/],
    ['bad-beta.json', JSON.stringify({ ...good, race: good.race.map((r) => (r.kind === 'adam' ? { ...r, beta1: 1.5 } : r)) }), /bad-beta\.json/, /race\[3\]\.beta1/],
  ];
  for (const [name, text, names, path] of files) {
    const before = await state(page);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction((name) => !document.getElementById('errors').hidden
      && document.getElementById('error-text').textContent.includes(name), name);
    const message = await page.textContent('#error-text');
    assert.match(message, /^Could not open/);
    assert.match(message, names);
    assert.match(message, path);
    assert.match(message, /Nothing was changed\.$/);
    assert.deepEqual(await state(page), before, `${name} changed nothing`);
    await page.click('#error-close');
  }
  // and a good file opens
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
  await chooser.setFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...good, batch_size: 20 })) });
  await page.waitForFunction(() => window.playground.scenario().batch_size === 20);
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.match((await note(page)).text, /Opened “good\.json”/);
  assert.equal(await page.isVisible('#errors'), false);
  assert.deepEqual(unexpected(problems, 'Could not open'), []);
  await page.close();
});

test('a reload brings the run back where it was', async () => {
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p) => p.trainEpochs(6));
  await setValue(page, '#momentum-learning_rate', '0.03');
  await pg(page, (p) => p.trainEpochs(2));
  await setValue(page, '#adam-learning_rate', '0.02');
  await page.click('#step');
  await page.click('#step');
  assert.equal(await page.textContent('#last-step'), 'did: forward layer 2');
  await page.waitForTimeout(500);
  const before = await state(page);
  assert.deepEqual(before.upcoming, { phase: 'forward', layer: 3 });
  await page.reload();
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground);
  await page.waitForFunction((epoch) => window.playground.epoch() === epoch
    && !document.getElementById('last-step').textContent.includes('restoring'), before.epoch, { timeout: 20000 });
  const after = await state(page);
  assert.equal(after.epoch, before.epoch);
  assert.deepEqual(after.upcoming, before.upcoming);
  assert.deepEqual(after.losses, before.losses, 'every racer\'s losses');
  assert.deepEqual(after.tests, before.tests);
  assert.equal(after.scenario, before.scenario, 'the same weights and settings');
  assert.equal(await page.inputValue('#adam-learning_rate'), '0.02');
  assert.equal(await page.inputValue('#momentum-learning_rate'), '0.03');
  assert.equal(await page.isVisible('#errors'), false);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a reload right after a change brings the run back, though the change\'s link had no time to reach the URL', async () => {
  // the browser packs a link a few milliseconds after a change (src/web/io/deflate.rs): here
  // the page is left in the same task as the change, so the URL still holds the link before
  // it, and the run kept on leaving (with the change) must still come back
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p) => p.trainEpochs(4));
  await page.waitForTimeout(500);
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#s=1\./);
  await page.$eval('#adam-learning_rate', (el) => {
    el.value = '0.02';
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
    location.reload();
  });
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground);
  await page.waitForFunction(() => window.playground.epoch() === 4
    && !document.getElementById('last-step').textContent.includes('restoring'), null, { timeout: 20000 });
  assert.equal(await page.inputValue('#adam-learning_rate'), '0.02');
  assert.equal(await pg(page, (p) => p.scenario().race.find((o) => o.kind === 'adam').learning_rate), 0.02);
  // and then the URL catches up with the lesson
  await page.waitForFunction((old) => location.hash !== old, hash);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a link the page wrote, opened in another tab, opens its lesson, not the run kept since', async () => {
  // the kept run (local storage, shared by the tabs) remembers the last two links its tab
  // wrote, for a reload of that tab only (src/web/io/sharing.rs, tab_id)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  const tab = async (url) => {
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground);
    return page;
  };
  const page = await tab(server.url);
  await pg(page, (p) => p.trainEpochs(3));
  await page.waitForTimeout(500);
  const linkA = page.url();
  assert.match(linkA, /#s=1\./);
  await setValue(page, '#adam-learning_rate', '0.02');
  await page.waitForFunction((old) => location.href !== old, linkA);
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide'))); // kept with [B, A]
  const other = await tab(linkA);
  await other.waitForTimeout(300);
  assert.equal(await pg(other, (p) => p.epoch()), 0, 'the linked lesson, from its start');
  assert.equal(await other.inputValue('#adam-learning_rate'), String(DEFAULTS.adam.learning_rate));
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Copy link" puts the very link on the clipboard, asked in the click\'s task for a text still to come', async () => {
  // with the clipboard allowed, ClipboardItem of a promise (src/web/io/clipboard.rs): what is
  // read back from the clipboard is the page's URL, which the packed link was written into
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground);
  await setValue(page, '#adam-learning_rate', '0.02');
  await page.click('#copy-link');
  await page.waitForFunction(() => /Link copied/.test(document.getElementById('settings-note').textContent));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /#s=1\./);
  assert.match(await page.textContent('#settings-note'), new RegExp(`Link copied \\(${copied.length} characters\\)`));
  await context.close();
});

test('"Copy link" in a browser without CompressionStream writes stored DEFLATE: a longer link that opens the same lesson', async () => {
  const { page, problems } = await open(browser, server.url);
  await setValue(page, '#adam-learning_rate', '0.03');
  await page.click('#copy-link');
  await page.waitForFunction(() => /Link copied|Copy this link/.test(document.getElementById('settings-note').textContent));
  const packed = page.url();
  await page.evaluate(() => { delete window.CompressionStream; });
  await page.click('#copy-link');
  await page.waitForFunction((old) => location.href !== old, packed);
  const stored = page.url();
  // both are raw DEFLATE of the same JSON (RFC 1951): Node's zlib inflates the browser's; the
  // stored one is a final stored block — 0x01, LEN, NLEN = ~LEN (little-endian), the bytes
  const bytes = (url) => Buffer.from(url.split('#s=1.')[1], 'base64url');
  const json = inflateRawSync(bytes(packed)).toString();
  const block = bytes(stored);
  assert.equal(block[0], 0x01);
  assert.equal(block.readUInt16LE(1), Buffer.byteLength(json));
  assert.equal(block.readUInt16LE(3), 0xffff - Buffer.byteLength(json));
  assert.equal(block.subarray(5).toString(), json);
  assert.equal(JSON.parse(json).race.find((o) => o.kind === 'adam').learning_rate, 0.03);
  const other = await open(browser, stored);
  assert.equal(await other.page.inputValue('#adam-learning_rate'), '0.03');
  assert.equal(await other.page.isVisible('#errors'), false);
  await other.page.close();
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('a reload keeps the followed racer\'s run too', async () => {
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p) => p.trainEpochs(3));
  await page.click('figure[data-focus="sgd"]');
  await page.waitForTimeout(500);
  const before = await state(page);
  await page.reload();
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground);
  await page.waitForFunction((epoch) => window.playground.epoch() === epoch
    && !document.getElementById('last-step').textContent.includes('restoring'), before.epoch, { timeout: 20000 });
  assert.equal(await pg(page, (p) => p.focused()), 'sgd');
  assert.deepEqual(await state(page), before);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('the keyboard: space, →, shift + →, r, ?, Escape, 1–4', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true');
  await page.waitForFunction(() => window.playground.epoch() >= 2);
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'false');
  await page.keyboard.press('r');
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.deepEqual(await pg(page, (p) => p.upcoming()), { phase: 'forward', layer: 1 });

  const path = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('ArrowRight');
    path.push(await pg(page, (p) => p.upcoming()));
  }
  assert.deepEqual(path, [
    { phase: 'forward', layer: 2 }, { phase: 'forward', layer: 3 }, { phase: 'cost', layer: null },
    { phase: 'backward', layer: 3 }, { phase: 'backward', layer: 2 },
  ]);
  assert.equal(await page.textContent('#last-step'), 'did: backward layer 3');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await pg(page, (p) => p.epoch()), 1);
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await pg(page, (p) => p.epoch()), 2);
  await page.keyboard.press('r');
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.deepEqual(await pg(page, (p) => p.upcoming()), { phase: 'forward', layer: 1 });

  await page.keyboard.press('?');
  assert.equal(await page.isVisible('#help-overlay'), true);
  await page.keyboard.press('1'); // ignored while the help is open
  assert.equal(await pg(page, (p) => p.focused()), 'adam');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#help-overlay'), false);
  for (const [key, kind] of [['1', 'sgd'], ['2', 'momentum'], ['3', 'rmsprop'], ['4', 'adam']]) {
    await page.keyboard.press(key);
    assert.equal(await pg(page, (p) => p.focused()), kind);
    await page.waitForFunction((kind) => document.querySelector(`figure[data-focus="${kind}"]`).classList.contains('focused'), kind);
  }
  // keys typed in a field are typing, not shortcuts
  await page.locator('#samples').focus();
  await page.keyboard.press('r');
  await page.keyboard.press('2');
  assert.equal(await pg(page, (p) => p.focused()), 'adam');
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('screenshots: a projector, a phone (no sideways scroll), presentation mode', async () => {
  const wide = await open(browser, server.url);
  await pg(wide.page, (p) => p.trainEpochs(40));
  await settle(wide.page);
  await screenshot(wide.page, 'controls-1280x800.png');
  await wide.page.click('#presentation');
  assert.equal(await wide.page.getAttribute('#presentation', 'aria-pressed'), 'true');
  assert.equal(await wide.page.isVisible('#settings'), false);
  await settle(wide.page);
  await screenshot(wide.page, 'presentation-1280x800.png');
  const overflowWide = await wide.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflowWide, 0, `presentation mode is ${overflowWide} px too wide`);
  assert.deepEqual(wide.problems, []);
  await wide.page.close();

  const phone = await open(browser, server.url, { width: 390, height: 844 });
  await pg(phone.page, (p) => p.trainEpochs(20));
  await phone.page.click('#add-layer');
  await phone.page.evaluate(() => document.querySelectorAll('#settings details').forEach((d) => { d.open = true; }));
  await phone.page.selectOption('#dataset', 'spiral3');
  await pg(phone.page, (p) => p.trainEpochs(20));
  await settle(phone.page);
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, `the phone page is ${overflow} px wider than the screen`);
  for (const id of ['#settings', '#layers', '#output-cost', '#race-table', '#diagram']) {
    const box = await phone.page.locator(id).boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, `${id} fits in 390 px: ${JSON.stringify(box)}`);
  }
  await screenshot(phone.page, 'controls-390x844.png');
  assert.deepEqual(phone.problems, []);
  await phone.page.close();
});
