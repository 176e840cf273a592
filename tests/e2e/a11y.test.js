// An accessibility audit of the built page with axe-core: the main view and the lesson view
// have no "serious" or "critical" violation (the milder ones are printed), and the followed
// racer's name keeps AA contrast whichever racer is followed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serve, launch, open, settle, screenshot } from './harness.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let server, browser, axeSource;
before(async () => {
  axeSource = await readFile(AXE, 'utf8');
  server = await serve();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

/** Runs axe on the page as it is (injected by evaluation: the page's policy blocks any script
 *  element that is not its own). `context` (a selector; null: the whole document) and
 *  `options` as axe.run takes them. */
async function audit(page, context = null, options = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource);
  return page.evaluate(async ([context, options]) => {
    const r = await window.axe.run(context ?? document, { resultTypes: ['violations'], ...options });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, [context, options]);
}

/** Splits violations into the ones that fail (serious, critical) and prints the others. */
function judge(where, violations) {
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations.filter((v) => !bad.includes(v))) {
    console.log(`# ${where}: ${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target).join(', ')}`);
  }
  return bad.map((v) => `${v.impact} ${v.id} — ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`);
}

test('the main view has no serious or critical accessibility violation', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.evaluate(() => window.playground.trainEpochs(5)); // the table and chart have numbers
  await settle(page);
  const bad = judge('main view', await audit(page));
  assert.deepEqual(bad, [], bad.join('\n'));
  // the same with the help dialog open, and in presentation mode
  await page.keyboard.press('?');
  await settle(page, 4);
  const help = judge('help dialog', await audit(page));
  assert.deepEqual(help, [], help.join('\n'));
  await page.keyboard.press('Escape');
  // with a picture's export menu open, then the data's (one closes the other)
  for (const menu of ['details[data-picture="boundary"]', '.share details.export']) {
    await page.click(`${menu} > summary`);
    const open = judge(menu, await audit(page));
    assert.deepEqual(open, [], open.join('\n'));
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');
  await settle(page);
  const present = judge('presentation', await audit(page));
  assert.deepEqual(present, [], present.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the lesson view has no serious or critical accessibility violation', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.click('#lesson-view');
  assert.equal(await page.getAttribute('#lesson-view', 'aria-pressed'), 'true');
  // halfway through a step: forward done, the cost, backward under way; every panel open
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  for (const id of ['#optimizer-details', '#gradcheck-details', '#health-details']) await page.click(`${id} > summary`);
  await settle(page);
  const bad = judge('lesson view', await audit(page));
  await screenshot(page, 'a11y-lesson-1280x800.png');
  assert.deepEqual(bad, [], bad.join('\n'));
  // a lesson preset, whose numbers are written out rather than shown as heatmaps
  await page.selectOption('#preset', 'forward-backward-2-3-1');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await settle(page);
  const preset = judge('lesson preset', await audit(page));
  assert.deepEqual(preset, [], preset.join('\n'));
  // with a matrix card's export menu open, then the whole step's (one closes the other)
  for (const menu of ['figure.matrix[data-name="w"][data-layer="1"] details.export', '#step-export']) {
    await page.click(`${menu} > summary`);
    const open = judge(menu, await audit(page));
    assert.deepEqual(open, [], open.join('\n'));
  }
  // and by the key: m closes it
  await page.keyboard.press('m');
  assert.equal(await page.getAttribute('#lesson-view', 'aria-pressed'), 'false');
  assert.deepEqual(problems, []);
  await page.close();
});

test("the followed racer's name has AA contrast for each of the four racers", async () => {
  const { page, problems } = await open(browser, server.url);
  const seen = [];
  for (const [key, kind] of [['1', 'sgd'], ['2', 'momentum'], ['3', 'rmsprop'], ['4', 'adam']]) {
    await page.keyboard.press(key);
    await settle(page, 2);
    assert.equal(await page.evaluate(() => window.playground.focused()), kind);
    const look = await page.$eval('#focus-name', (el) => {
      const s = getComputedStyle(el);
      return { text: el.textContent, color: s.color, racer: s.getPropertyValue('--racer').trim(), decoration: s.textDecorationColor, border: s.borderBottomColor, shadow: s.boxShadow };
    });
    const bad = judge(`#focus-name (${kind})`, await audit(page, '#focus-name', { runOnly: ['color-contrast'] }));
    assert.deepEqual(bad, [], `${kind}: ${JSON.stringify(look)}\n${bad.join('\n')}`);
    seen.push(look);
  }
  // the name still shows the racer's colour somewhere: the text, its underline or a border
  for (const look of seen) {
    const rgb = (c) => c.replace(/\s+/g, '');
    const racer = rgb(look.racer);
    assert.ok([look.color, look.decoration, look.border, look.shadow].some((c) => rgb(c).includes(racer)),
      `${look.text} shows its colour ${look.racer}: ${JSON.stringify(look)}`);
  }
  assert.equal(new Set(seen.map((l) => l.racer)).size, 4, 'four racers, four colours');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the draw tools under the boundary plot have no serious or critical violation', async () => {
  const { page, problems } = await open(browser, server.url);
  await page.check('#draw');
  await settle(page);
  const bad = judge('draw tools', await audit(page));
  assert.deepEqual(bad, [], bad.join('\n'));
  assert.deepEqual(problems, []);
  await page.close();
});
