// The page's Content-Security-Policy: the served index.html carries exactly the policy, before
// anything it governs; Chromium enforces it; and a session that plays, opens the lesson view,
// steps through a whole step, hovers, copies a link and saves a file breaks none of it (the
// harness fails any test on a violation or a request that leaves the origin).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, violations, summary, settle } from './harness.js';

export const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A policy as its directives, each a list of tokens (order and spacing as written). */
const directives = (policy) => policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => d.split(/\s+/));

test('the served index.html has the Content-Security-Policy meta tag with exactly the policy', async () => {
  const html = await (await fetch(server.url)).text();
  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?Content-Security-Policy["']?[^>]*>/gi)];
  assert.equal(metas.length, 1, `one CSP meta tag, found ${metas.length}`);
  const content = metas[0][0].match(/\bcontent\s*=\s*"([^"]*)"/i)?.[1];
  assert.ok(content !== undefined, `the tag has a content attribute: ${metas[0][0]}`);
  const text = content.replaceAll('&#39;', "'").replaceAll('&apos;', "'");
  assert.deepEqual(directives(text), directives(POLICY), `the policy is ${text}`);
  assert.equal(text.trim().replace(/;$/, ''), POLICY, 'written exactly as specified');
  // a meta policy governs only what comes after it: it must precede every script, style
  // sheet and preload
  const at = metas[0].index;
  for (const m of html.matchAll(/<(script|link|style)\b[^>]*>/gi)) {
    if (/rel=["']?icon/i.test(m[0])) continue;
    assert.ok(m.index > at, `the policy comes before ${m[0].slice(0, 80)}`);
  }
  // what the policy would block, written into the page: inline scripts, inline handlers,
  // inline styles
  const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((m) => !/\bsrc\s*=/.test(m[1]) || m[2].trim() !== '');
  assert.deepEqual(inlineScripts.map((m) => m[0].slice(0, 120)), [], 'no inline script');
  assert.deepEqual([...html.matchAll(/\s(on[a-z]+)\s*=\s*["'][^"']*["']/gi)].map((m) => m[0].trim()), [], 'no inline event handler');
  assert.deepEqual([...html.matchAll(/<style\b|\sstyle\s*=/gi)].map((m) => html.slice(m.index, m.index + 60)), [], 'no inline style');
});

test('Chromium enforces the policy: an inline script does not run, eval throws', async () => {
  // a bare page, outside the harness's watch: the violations here are provoked on purpose
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.body.classList.contains('ready') && window.playground, null, { timeout: 30000 });
  const probe = await page.evaluate(() => new Promise((done) => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    const div = document.createElement('div');
    div.innerHTML = '<span style="color: rgb(1, 2, 3)">x</span>';
    document.body.append(div);
    const color = getComputedStyle(div.firstChild).color;
    div.remove();
    // eval from a task of the page's own (DevTools' evaluation itself is exempt)
    setTimeout(() => {
      let evalResult;
      try { evalResult = window.eval('1 + 1'); } catch (e) { evalResult = e.name; }
      setTimeout(() => done({ inlineRan: window.inlineRan === true, evalResult, color, seen }), 100);
    }, 0);
  }));
  assert.equal(probe.inlineRan, false, 'the inline script was blocked');
  assert.equal(probe.evalResult, 'EvalError', 'eval is blocked');
  assert.notEqual(probe.color, 'rgb(1, 2, 3)', 'an inline style attribute is ignored');
  assert.ok(probe.seen.some((d) => d.startsWith('script-src')), `a script-src violation was reported: ${probe.seen}`);
  assert.ok(probe.seen.some((d) => d.startsWith('style-src')), `a style-src violation was reported: ${probe.seen}`);
  await page.close();
});

test('playing, the lesson view, a whole step, hovering, a link and a file break nothing', async () => {
  const { page, problems } = await open(browser, server.url);
  // the wasm was compiled and started under the policy
  assert.equal(await page.evaluate(() => typeof window.wasmBindings?.Playground), 'function');
  await page.click('#play');
  await page.waitForFunction(() => window.playground.epoch() >= 3, null, { timeout: 60000 });
  await page.click('#play');
  await settle(page);
  // the colour key and the table after training; another data set (three classes) redraws
  // the key
  await page.selectOption('#dataset', 'spiral3');
  await page.evaluate(() => window.playground.trainEpochs(2));
  await settle(page);
  await page.selectOption('#dataset', 'spiral');
  await page.evaluate(() => window.playground.trainEpochs(2));
  // the diagram's hover tip
  const box = await page.locator('#diagram').boundingBox();
  for (let i = 1; i < 8; i++) await page.mouse.move(box.x + (box.width * i) / 8, box.y + box.height / 2);

  // the lesson view: heatmaps of the default net, a whole step sub-step by sub-step, the
  // optimizer state, the gradient check and the health
  await page.click('#lesson-view');
  assert.equal(await page.getAttribute('#lesson-view', 'aria-pressed'), 'true');
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('ArrowRight');
    await settle(page, 2);
  }
  await page.keyboard.press('ArrowLeft');
  for (const id of ['#optimizer-details', '#gradcheck-details', '#health-details']) {
    await page.click(`${id} > summary`);
  }
  await settle(page);
  const check = page.locator('#gradcheck-buttons button').first();
  if (await check.count()) await check.click();
  const cell = page.locator('#matrices td').first();
  if (await cell.count()) { await cell.hover(); await cell.click(); }
  await page.click('#pick-random');
  await settle(page);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await settle(page);
  await page.keyboard.press('m');

  // a link (the clipboard, or the textarea fallback) and a file (a blob: download)
  await page.click('#copy-link');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 10000 }).catch(() => null),
    page.click('#save-file'),
  ]);
  assert.ok(download, 'Save gave a file');
  // the error banner's close button (its handler must not be an inline attribute)
  await page.evaluate(() => document.getElementById('error-close').click());
  // the API with a scenario object (read without eval) as well as JSON text
  await page.evaluate(() => {
    const s = window.playground.scenario();
    new window.wasmBindings.Playground(s).trainEpochs(1);
    window.playground.load(s);
  });
  await settle(page);

  const seen = await violations(page);
  assert.deepEqual(seen, [], `securitypolicyviolation events:\n${summary(seen)}`);
  assert.deepEqual(problems, []);
  await page.close();
});
