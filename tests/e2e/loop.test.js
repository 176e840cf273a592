// The page follows window.playground: a call from the console goes through the same update
// loop as a click, so what a person sees — the settings panel, the epoch counter, the race
// table, the lesson view, the focused racer — is redrawn after it, on the next frames at the
// latest. Each check first makes sure the page shows something else before the call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, pg, note } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The page's problems but the error messages a test provoked on purpose. */
const unexpected = (problems, ...expected) => problems.filter((p) => !expected.some((e) => p.includes(e)));

/** A scenario that differs from the default (scenarios/default.json) in every setting the
 *  panel shows below: the data set, the samples, the batch size, the hidden layers, two
 *  racers' α and the regularization. */
const XOR = {
  version: 1,
  layers: [2, 5, 1],
  activations: ['relu', 'sigmoid'],
  cost: 'bce',
  optimizer: { kind: 'adam', learning_rate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  race: [
    { kind: 'sgd', learning_rate: 0.3 },
    { kind: 'momentum', learning_rate: 0.1, beta: 0.9 },
    { kind: 'rmsprop', learning_rate: 0.01, beta: 0.9, epsilon: 1e-8 },
    { kind: 'adam', learning_rate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
  ],
  init: { kind: 'auto', scale: 1, seed: 3 },
  data: { dataset: 'xor', samples: 300, noise: 0.05, train_fraction: 0.8, seed: 2 },
  batch_size: 10,
  shuffle: true,
  regularization: { kind: 'l2', rate: 0.01 },
  view: {},
};

/** What a person reads on the page: the settings fields, the epoch counter, the race table. */
const screen = () => {
  const value = (s) => document.querySelector(s)?.value ?? null;
  const text = (s) => document.querySelector(s)?.textContent ?? null;
  return {
    dataset: value('#dataset'),
    samples: value('#samples'),
    batch: value('#batch-size'),
    trainSize: text('#train-size'),
    hiddenLayers: document.querySelectorAll('#layers .layer-row').length,
    units1: value('#layers input.units[data-layer="1"]'),
    activation1: value('#layers select.activation[data-layer="1"]'),
    output: text('#output-size'),
    sgdRate: value('#sgd-learning_rate'),
    adamRate: value('#adam-learning_rate'),
    regularization: value('#regularization'),
    rate: value('#regularization-rate'),
    epoch: text('#epoch-count'),
    adamTrain: text('#adam-train'),
  };
};

/** Reads `read()` in the page until it equals `want` (up to `ms`, frame by frame), then
 *  asserts it: a failure shows what the page shows instead. No fixed sleep. */
async function until(page, read, want, what, ms = 5000) {
  // a function, not a string: Playwright evaluates a string predicate with eval, which the
  // page's Content-Security-Policy refuses
  const same = new Function('want', `return JSON.stringify((${read})()) === want;`);
  await page.waitForFunction(same, JSON.stringify(want), { timeout: ms }).catch(() => {});
  assert.deepEqual(await page.evaluate(read), want, what);
}

/** Waits until `test(read())` holds (up to `ms`), then asserts it with what the page shows. */
async function untilMatch(page, read, pattern, what, ms = 5000) {
  const matches = new Function(`return ${pattern}.test(String((${read})()));`);
  await page.waitForFunction(matches, null, { timeout: ms }).catch(() => {});
  assert.match(String(await page.evaluate(read)), pattern, what);
}

const epochShown = () => document.getElementById('epoch-count').textContent;
const lessonStep = () => document.getElementById('lesson-step').textContent;
const raceCells = () => ['sgd', 'momentum', 'rmsprop', 'adam']
  .flatMap((k) => ['train', 'acc'].map((f) => document.getElementById(`${k}-${f}`).textContent));

test('playground.load() from the console redraws the settings panel, the epoch counter and the race table', async () => {
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p) => p.trainEpochs(2));
  // before: the default lesson, two epochs in
  await until(page, screen, {
    dataset: 'spiral', samples: '400', batch: '16', trainSize: 'of 320', hiddenLayers: 2, units1: '8',
    activation1: 'tanh', output: 'n[3] = 1', sgdRate: '0.1', adamRate: '0.01', regularization: 'none',
    rate: await page.inputValue('#regularization-rate'), epoch: '2',
    adamTrain: await page.evaluate(() => window.playground.lossHistory('adam')[1].toFixed(4)),
  }, 'the page shows the default lesson after two epochs');
  assert.notEqual(await page.inputValue('#regularization-rate'), '0.01', 'λ differs before the load');

  await pg(page, (p, s) => p.load(s), XOR);
  await until(page, screen, {
    dataset: 'xor', samples: '300', batch: '10', trainSize: 'of 240', hiddenLayers: 1, units1: '5',
    activation1: 'relu', output: 'n[2] = 1', sgdRate: '0.3', adamRate: '0.05', regularization: 'l2',
    rate: '0.01', epoch: '0', adamTrain: '—',
  }, 'after playground.load() the panel shows the loaded scenario, the counter 0, the table empty');

  // the page shows what the session holds
  const s = await pg(page, (p) => p.scenario());
  assert.equal(s.data.dataset, 'xor');
  assert.equal(s.data.samples, 300);
  assert.equal(s.batch_size, 10);
  assert.deepEqual(s.layers, [2, 5, 1]);
  assert.deepEqual(s.activations, ['relu', 'sigmoid']);
  const race = Object.fromEntries(s.race.map((r) => [r.kind, r]));
  assert.equal(race.adam.learning_rate, 0.05);
  assert.equal(race.sgd.learning_rate, 0.3);
  assert.deepEqual(s.regularization, { kind: 'l2', rate: 0.01 });
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  // one row per hidden layer: no row 2 left over from the default network
  assert.equal(await page.locator('#layers input.units[data-layer="2"]').count(), 0);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('playground.trainEpochs() and reset() from the console move the epoch counter and fill the race table', async () => {
  const { page, problems } = await open(browser, server.url);
  await until(page, epochShown, '0', 'a fresh page starts at epoch 0');
  assert.ok((await page.evaluate(raceCells)).every((c) => c === '—'), 'the race table is empty before training');

  await pg(page, (p) => p.trainEpochs(3));
  // "within a few frames": the counter reads 3 before 30 animation frames have passed
  const frames = await page.evaluate(() => new Promise((done) => {
    let n = 0;
    const tick = () => {
      if (document.getElementById('epoch-count').textContent === '3' || n >= 30) done(n);
      else { n += 1; requestAnimationFrame(tick); }
    };
    tick();
  }));
  assert.equal(await page.evaluate(epochShown), '3', `the counter reads 3 (after ${frames} frames)`);
  assert.ok(frames < 30, `the counter followed within ${frames} frames`);
  await untilMatch(page, () => document.getElementById('adam-train').textContent, /^\d+\.\d{4}$/, 'Adam\'s train loss');
  const cells = await page.evaluate(raceCells);
  for (const [i, cell] of cells.entries()) {
    assert.match(cell, i % 2 === 0 ? /^\d+\.\d{4}$/ : /^\d+\.\d%$/, `race table cell ${i} is a number: ${cell}`);
  }
  // the table shows the engine's numbers
  const adam = await pg(page, (p) => p.lossHistory('adam'));
  assert.equal(cells[6], adam[2].toFixed(4));

  await pg(page, (p) => p.reset());
  await until(page, epochShown, '0', 'after playground.reset() the counter reads 0');
  await until(page, raceCells, Array(8).fill('—'), 'after playground.reset() the race table is empty again');
  assert.equal(await pg(page, (p) => p.epoch()), 0);
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('in the lesson view, playground.nextStep() and stepBack() redraw the matrices and the sub-step line', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.click('#lesson-view');
  const batch = '#matrices figure[data-name="a"][data-layer="0"]';
  const z2 = '#matrices figure[data-name="z"][data-layer="2"]';
  await until(page, lessonStep, 'next: forward layer 1', 'the lesson view opens before the first sub-step');
  assert.equal(await page.locator(batch).count(), 0, 'no batch is shown before the first sub-step');

  assert.deepEqual(await pg(page, (p) => p.nextStep()), { phase: 'forward', layer: 1 });
  assert.deepEqual(await pg(page, (p) => p.nextStep()), { phase: 'forward', layer: 2 });
  await until(page, lessonStep, 'did forward layer 2 · next: forward layer 3',
    'the sub-step line names what the console did and what comes next');
  await page.waitForSelector(batch, { timeout: 5000 });
  assert.match(await page.textContent(`${batch} .mhead`), /X = A\[0\]\s*2 × 16/, 'the batch X is on the panel');
  assert.match(await page.getAttribute(z2, 'class'), /computed/, 'Z[2] is marked as just computed');
  assert.equal(await page.isDisabled('#back'), false, '← can undo the console\'s sub-steps');

  assert.equal(await pg(page, (p) => p.stepBack()), true);
  await until(page, lessonStep, 'next: forward layer 2', 'after playground.stepBack() the line says forward layer 2 is next');
  assert.deepEqual(await pg(page, (p) => p.upcoming()), { phase: 'forward', layer: 2 });
  await until(page, () => document.querySelectorAll('#matrices figure[data-name="z"][data-layer="2"]').length,
    0, 'Z[2] is gone from the panel: forward layer 2 was undone');
  assert.equal(await page.locator(batch).count(), 1, 'the batch stays on the panel');
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('playground.focus() from the console moves the highlight and the network\'s title', async () => {
  const { page, problems } = await open(browser, server.url);
  const focused = () => ({
    figures: [...document.querySelectorAll('figure[data-focus]')].filter((f) => f.classList.contains('focused'))
      .map((f) => f.dataset.focus),
    row: [...document.querySelectorAll('#race-table tr[data-focus]')].filter((r) => r.classList.contains('focused'))
      .map((r) => r.dataset.focus),
    name: document.getElementById('focus-name').textContent,
  });
  await until(page, focused, { figures: ['adam'], row: ['adam'], name: 'Adam' }, 'Adam is followed at first');
  await pg(page, (p) => p.focus('sgd'));
  assert.equal(await pg(page, (p) => p.focused()), 'sgd');
  await until(page, focused, { figures: ['sgd'], row: ['sgd'], name: 'SGD' }, 'after playground.focus("sgd") SGD is highlighted');
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});

test('clicks still work after console calls, from where the console left the run', async () => {
  const { page, problems } = await open(browser, server.url);
  await pg(page, (p, s) => { p.load(s); p.trainEpochs(2); p.reset(); p.nextStep(); }, XOR);
  await until(page, epochShown, '0', 'the console reset the run');
  assert.equal(await page.textContent('#last-step'), '', 'no click has stepped yet');
  // the console did forward layer 1: the button does the next sub-step
  await page.click('#step');
  await until(page, () => document.getElementById('last-step').textContent, 'did: forward layer 2',
    'the Step button stepped on from the console\'s sub-step');
  assert.deepEqual(await pg(page, (p) => p.upcoming()), { phase: 'cost', layer: null });
  await page.click('#step');
  await until(page, () => document.getElementById('last-step').textContent, 'did: cost', 'and once more');

  // a setting clicked after a console load edits the loaded scenario, not the default
  await page.click('#layers .units-plus[data-layer="1"]');
  const s = await pg(page, (p) => p.scenario());
  assert.deepEqual(s.layers, [2, 6, 1]);
  assert.equal(s.data.dataset, 'xor', 'the loaded data set is kept');
  assert.deepEqual(s.regularization, { kind: 'l2', rate: 0.01 });
  assert.match((await note(page)).text, /Layer 1: 6 units/);
  assert.equal((await note(page)).kind, 'restarted');
  await until(page, () => document.querySelector('#layers input.units[data-layer="1"]').value, '6', 'the field shows 6 units');
  // and "+1 epoch" counts on from the console's reset
  await page.click('#one-epoch');
  await until(page, epochShown, '1', '"+1 epoch" after the console\'s calls');
  assert.deepEqual(unexpected(problems), []);
  await page.close();
});
