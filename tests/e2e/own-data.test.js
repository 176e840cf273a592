// Issue 13's JavaScript API in the built page: importCsv replaces the page's data as opening
// a file does, exportCsv('data') gives the same numbers and class names back, a bad CSV
// throws naming its line and column and leaves the page's scenario unchanged, and the
// exports (losses CSV, a matrix as LaTeX and Markdown) answer on window.playground.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, pg, settle, screenshot } from './harness.js';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// hand-written: two classes by name, a split column, a quoted name with a comma
const CSV = 'x1,x2,label,split\n0.5,-1.25,"big, red",train\n3,4,small,test\n-2,0.125,small,train\n1e-7,7,"big, red",train\n';

test('importCsv then exportCsv("data") gives the same numbers and class names', async () => {
  const { page, problems } = await open(browser, server.url);
  const r = await pg(page, (p, csv) => {
    const summary = p.importCsv(csv);
    const s = p.scenario();
    return { summary, out: p.exportCsv('data'), layers: s.layers, cost: s.cost, classes: s.data.classes,
      losses: p.exportCsv('losses').split('\n')[0] };
  }, CSV);
  assert.deepEqual(r.summary, { train: 3, test: 1, classes: ['big, red', 'small'] });
  assert.equal(r.out, 'x1,x2,label,split\n0.5,-1.25,"big, red",train\n-2,0.125,small,train\n1e-7,7,"big, red",train\n3,4,small,test\n');
  assert.deepEqual(r.classes, ['big, red', 'small']);
  assert.equal(r.layers[0], 2);
  assert.equal(r.cost, 'bce', 'two classes propose sigmoid + bce');
  assert.match(r.losses, /^epoch,sgd_train_loss,sgd_test_loss,sgd_train_accuracy,sgd_test_accuracy,momentum_train_loss,.*,adam_test_accuracy$/);
  // the page trains on them and draws
  await pg(page, (p) => p.trainEpochs(3));
  await settle(page);
  const again = await pg(page, (p) => ({ csv: p.exportCsv('data'), rows: p.exportCsv('losses').trim().split('\n').length }));
  assert.equal(again.csv, r.out, 'training does not change the data');
  assert.equal(again.rows, 4, 'a header and three epochs');
  await screenshot(page, 'own-data-imported.png');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a bad CSV throws naming line and column and leaves the page unchanged', async () => {
  const { page, problems } = await open(browser, server.url);
  const bad = [
    ['', /line 1, column 1/],
    ['x1,x2,label\n1,2,a\n3,,b\n', /line 3, column 2/],
    ['x1,x2,label\n1,2,a\n3,x,b\n', /line 3, column 2/],
    ['x1,x2,label\n1,2,a\n3,b\n', /line 3, column 3/],
    ['x,label\n1,a\n2,b\n3,c\n4,d\n', /line 5, column 2/],
    [Array.from({ length: 66 }, (_, i) => `x${i}`).join(',') + '\n' + Array(66).fill(1).join(',') + '\n', /line 1, column 65/],
  ];
  const r = await pg(page, (p, bad) => {
    const before = p.scenarioJson();
    const epoch = p.epoch();
    const out = bad.map(([text]) => {
      try { p.importCsv(text); return { got: 'no error' }; } catch (e) { return { got: e.constructor.name, message: e.message }; }
    });
    let bytes;
    try { p.importCsv(new Uint8Array([120, 10, 0xff, 10])); bytes = 'no error'; } catch (e) { bytes = e.message; }
    let type;
    try { p.importCsv(42); type = 'no error'; } catch (e) { type = e.constructor.name; }
    return { out, bytes, type, same: p.scenarioJson() === before, epoch: p.epoch() === epoch };
  }, bad.map(([t]) => [t]));
  r.out.forEach((o, i) => {
    assert.equal(o.got, 'Error', `case ${i}`);
    assert.match(o.message, bad[i][1], `case ${i}: ${o.message}`);
  });
  assert.match(r.bytes, /line 2, column 1: .*UTF-8/);
  assert.equal(r.type, 'TypeError');
  assert.ok(r.same && r.epoch, 'the page\'s scenario is unchanged');
  assert.deepEqual(problems, []);
  await page.close();
});

test('matrixLatex and matrixMarkdown on Mazur\'s network', async () => {
  const { page, problems } = await open(browser, server.url);
  const r = await pg(page, (p) => {
    p.load(JSON.stringify({ layers: [2, 2, 2], activations: ['sigmoid', 'sigmoid'], cost: 'mse',
      optimizer: { kind: 'sgd', learning_rate: 0.5 }, batch_size: 1, shuffle: false, epochs: 1,
      init: { weights: [{ w: [[0.15, 0.2], [0.25, 0.3]], b: [[0.35], [0.35]] }, { w: [[0.4, 0.45], [0.5, 0.55]], b: [[0.6], [0.6]] }] },
      data: { x: [[0.05], [0.1]], y: [[0.01], [0.99]] } }));
    const latex = p.matrixLatex('w', 1, 4);
    const md = p.matrixMarkdown('w', 2, 2);
    let range;
    try { p.matrixLatex('w', 1, 13); } catch (e) { range = e.constructor.name; }
    return { latex, md, range };
  });
  // Mazur's W[1] (his w1..w4), written by hand
  assert.equal(r.latex, '\\begin{bmatrix} 0.1500 & 0.2000 \\\\ 0.2500 & 0.3000 \\end{bmatrix}');
  assert.equal(r.md, '| 1 | 2 |\n| ---: | ---: |\n| 0.40 | 0.45 |\n| 0.50 | 0.55 |\n');
  assert.equal(r.range, 'RangeError');
  assert.deepEqual(problems, []);
  await page.close();
});
