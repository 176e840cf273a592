// Markup injection: hostile text in every string a scenario can carry that the page may echo
// (a lesson's title and explanation, view fields and values, names of data sets, activations,
// costs, optimizers, schemes, penalties and features, unknown field names, a string where a
// number goes, a file's name), loaded through every entry the page has: a link opened in a
// fresh browser, a link pasted into the open page, a file opened with "Open", the JavaScript
// API's load(), and the run kept in local storage. After each load no markup made from the
// text exists (no <img src=x>, no element with an on… attribute, window.__xss unset), and the
// text itself is on the page as text (or, for load(), in the error it throws), so the string
// did reach the page. The Content-Security-Policy would block an inline handler anyway; the
// harness fails a test on any violation, and on any request the injected <img> would make.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { serve, launch, open, openWithKept, root } from './harness.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  `"'><img src="x" onerror='window.__xss=3'><b title="a'b">`,
  '</textarea><svg onload=window.__xss=2>',
];
const BASE = JSON.parse(readFileSync(join(root, 'scenarios', 'default.json'), 'utf8'));
/** The error messages the loads provoke on purpose (the page also logs them). */
const EXPECTED = ['could not be opened', 'Could not open', 'could not be restored'];

/** Each case's kind says where its text shows: `valid` in the lesson note (#preset-note);
 *  `view` and `view-value` (an ignored view field, a view value the page does not know) in the
 *  settings note when a scenario is opened in the page; `error` and `error-quoted` in the
 *  error banner (a refused scenario). */
const CASES = [
  ['view.title and view.explanation', 'valid', (s, p) => { s.view = { title: p, explanation: `${p}\nline two ${p}` }; }],
  ['an unknown view field', 'view', (s, p) => { s.view = { [p]: true }; }],
  ['view.focus', 'view-value', (s, p) => { s.view = { focus: p }; }],
  ['data.dataset', 'error', (s, p) => { s.data.dataset = p; }],
  ['an unknown top-level field', 'error', (s, p) => { s[p] = 1; }],
  ['an unknown field of data', 'error', (s, p) => { s.data[p] = 1; }],
  ['an unknown field of a racer', 'error', (s, p) => { s.race[1][p] = 1; }],
  ['an unknown field of init', 'error', (s, p) => { s.init[p] = 1; }],
  ['an activation', 'error', (s, p) => { s.activations[0] = p; }],
  ['the cost', 'error', (s, p) => { s.cost = p; }],
  ['optimizer.kind', 'error', (s, p) => { s.optimizer = { kind: p }; }],
  ["a racer's kind", 'error', (s, p) => { s.race[2].kind = p; }],
  ['init.kind', 'error', (s, p) => { s.init.kind = p; }],
  ['regularization.kind', 'error', (s, p) => { s.regularization = { kind: p, rate: 0.001 }; }],
  ['a feature', 'error', (s, p) => { s.data.features = ['x1', p]; }],
  ['a string for batch_size', 'error-quoted', (s, p) => { s.batch_size = p; }],
];

const scenarioWith = (edit, p) => {
  const s = structuredClone(BASE);
  edit(s, p);
  return s;
};
/** The text the page is expected to show for payload `p` in a case of `kind`: a view value is
 *  echoed as JSON, a string of the wrong type as Rust's debug form (both quoted, with `"` and
 *  `\` escaped: the same text for these payloads). */
const shown = (kind, p) => (kind === 'view-value' || kind === 'error-quoted' ? JSON.stringify(p) : p);
const isError = (kind) => kind.startsWith('error');
/** The element a load's message for a case of `kind` goes to, in a page that was open. */
const messageOf = (kind) => (isError(kind) ? '#error-text' : kind === 'valid' ? '#preset-note' : '#settings-note');
/** Whether the lesson note is on (it is inside the lesson panel, out of view until asked). */
const noteOn = (page) => page.$eval('#preset-note', (el) => !el.hidden);
const fragment = (s) => `s=1.${deflateRawSync(Buffer.from(JSON.stringify(s))).toString('base64url')}`;
const unexpected = (problems) => problems.filter((p) => !EXPECTED.some((e) => p.includes(e)));

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** No markup came from the text: window.__xss unset, no <img src=x>, no element with an on…
 *  attribute anywhere; then the elements (deepest) whose text holds `text`. */
async function inspect(page, what, text) {
  const found = await page.evaluate((text) => {
    const all = [...document.querySelectorAll('*')];
    const handlers = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name))
      .map((a) => `<${el.localName} ${a.name}="${a.value}">`));
    const imgs = all.filter((el) => el.localName === 'img' && el.getAttribute('src') === 'x').map((el) => el.outerHTML);
    const holders = text === null ? [] : all.filter((el) => el.textContent.includes(text)
      && ![...el.children].some((c) => c.textContent.includes(text)))
      .map((el) => (el.id ? `#${el.id}` : `${el.parentElement?.id ? `#${el.parentElement.id} > ` : ''}${el.localName}`));
    return { xss: window.__xss, handlers, imgs, holders };
  }, text);
  assert.equal(found.xss, undefined, `${what}: window.__xss was set`);
  assert.deepEqual(found.imgs, [], `${what}: an <img src=x> was made`);
  assert.deepEqual(found.handlers, [], `${what}: elements with an on… attribute`);
  return found.holders;
}

/** Asserts `text` is on the page as text, in the element `selector`. */
async function assertEchoed(page, what, text, selector) {
  const holders = await inspect(page, what, text);
  assert.ok(holders.length > 0, `${what}: the text ${JSON.stringify(text)} is not on the page`);
  assert.ok((await page.textContent(selector)).includes(text),
    `${what}: the text ${JSON.stringify(text)} is not in ${selector} (it is in ${holders.join(', ')})`);
}

/** Hides the banner and empties the notes, so that the next load's messages are told apart. */
const clearMessages = (page) => page.evaluate(() => {
  document.getElementById('errors').hidden = true;
  document.getElementById('error-text').textContent = '';
  document.getElementById('settings-note').textContent = '';
  document.getElementById('preset-note').hidden = true;
  document.getElementById('preset-note').textContent = '';
});

/** Waits for the page to answer a load made in the open page: the banner or the note. */
const answered = (page) => page.waitForFunction(() => !document.getElementById('errors').hidden
  || document.getElementById('settings-note').textContent !== '');

test('a link opened in a fresh browser', async () => {
  for (const p of PAYLOADS) {
    for (const [name, kind, edit] of CASES) {
      const what = `fresh link, ${name}, ${JSON.stringify(p)}`;
      const { page, problems } = await open(browser, `${server.url}#${fragment(scenarioWith(edit, p))}`);
      if (kind === 'view' || kind === 'view-value') {
        // a link's view fields are applied at start without a note: nothing to see, only to check
        await inspect(page, what, null);
      } else {
        await assertEchoed(page, what, shown(kind, p), messageOf(kind));
        if (isError(kind)) assert.match(await page.textContent('#error-text'), /This link could not be opened/);
        else assert.equal(await noteOn(page), true, `${what}: the lesson note is on`);
      }
      assert.deepEqual(unexpected(problems), [], what);
      await page.close();
    }
  }
});

test('a link pasted into the open page', async () => {
  for (const p of PAYLOADS) {
    const { page, problems } = await open(browser, server.url);
    for (const [name, kind, edit] of CASES) {
      const what = `pasted link, ${name}, ${JSON.stringify(p)}`;
      await clearMessages(page);
      await page.evaluate((f) => { location.hash = f; }, fragment(scenarioWith(edit, p)));
      await answered(page);
      await assertEchoed(page, what, shown(kind, p), messageOf(kind));
      if (isError(kind)) assert.match(await page.textContent('#error-text'), /^Could not open the link — /, what);
      else assert.match(await page.textContent('#settings-note'), /^Opened the link/, what);
      if (kind === 'valid') assert.equal(await noteOn(page), true, `${what}: the lesson note is on`);
    }
    assert.deepEqual(unexpected(problems), [], JSON.stringify(p));
    await page.close();
  }
});

/** Opens a file named `name` holding `text` with the page's "Open" button. */
async function openFile(page, name, text) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-file')]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a file opened with "Open", and a file whose name is the text', async () => {
  for (const p of PAYLOADS) {
    const { page, problems } = await open(browser, server.url);
    for (const [name, kind, edit] of CASES) {
      const what = `file, ${name}, ${JSON.stringify(p)}`;
      await clearMessages(page);
      await openFile(page, 'scenario.json', JSON.stringify(scenarioWith(edit, p)));
      await answered(page);
      await assertEchoed(page, what, shown(kind, p), messageOf(kind));
      if (isError(kind)) assert.match(await page.textContent('#error-text'), /^Could not open “scenario\.json” — /, what);
      else assert.match(await page.textContent('#settings-note'), /^Opened “scenario\.json”/, what);
      if (kind === 'valid') assert.equal(await noteOn(page), true, `${what}: the lesson note is on`);
    }
    // the file's name, echoed by the note (a good file) and by the banner (a bad one); a
    // file name cannot hold '/', which the browser would change
    const fileName = `${p.replaceAll('/', '∕')}.json`;
    for (const [text, where] of [[JSON.stringify(BASE), '#settings-note'], ['{ "oops', '#error-text']]) {
      const what = `file named ${JSON.stringify(fileName)}, shown in ${where}`;
      await clearMessages(page);
      await openFile(page, fileName, text);
      await answered(page);
      await assertEchoed(page, what, fileName, where);
    }
    assert.deepEqual(unexpected(problems), [], JSON.stringify(p));
    await page.close();
  }
});

test("the JavaScript API's load()", async () => {
  for (const p of PAYLOADS) {
    const { page, problems } = await open(browser, server.url);
    for (const [name, kind, edit] of CASES) {
      const what = `playground.load, ${name}, ${JSON.stringify(p)}`;
      const s = scenarioWith(edit, p);
      const result = await page.evaluate((s) => {
        try {
          window.playground.load(s);
          return { view: window.playground.scenario().view };
        } catch (e) {
          return { error: `${e.constructor.name}: ${e.message}` };
        }
      }, s);
      await page.waitForTimeout(50); // a frame of the page, which may draw what was loaded
      await inspect(page, what, null);
      if (isError(kind)) {
        assert.ok(result.error?.includes(shown(kind, p)), `${what}: the error names the text: ${JSON.stringify(result)}`);
      } else {
        // a valid scenario: the session holds the text as given (the page shows no note for it)
        assert.equal(result.error, undefined, what);
        assert.deepEqual(result.view, s.view, what);
      }
    }
    assert.deepEqual(unexpected(problems), [], JSON.stringify(p));
    await page.close();
  }
});

/** A page whose local storage holds `kept` before the page's own script first runs. */
const withKept = (kept) => openWithKept(browser, server.url, kept);

test('the run kept in local storage', async () => {
  for (const p of PAYLOADS) {
    const runs = [
      ...CASES.map(([name, kind, edit]) => [name, kind, { run: { scenario: scenarioWith(edit, p), changes: [], batches: 3, substeps: 0 }, view: {} }]),
      ['an unknown field of the kept run', 'error', { run: { scenario: BASE, changes: [], batches: 0, substeps: 0 }, view: {}, [p]: 1 }],
      ['an unknown view field of the kept run', 'view', { run: { scenario: BASE, changes: [], batches: 0, substeps: 0 }, view: { [p]: 1, focus: p } }],
    ];
    for (const [name, kind, kept] of runs) {
      const what = `kept run, ${name}, ${JSON.stringify(p)}`;
      const { page, problems } = await withKept(kept);
      if (kind === 'view' || kind === 'view-value') {
        await inspect(page, what, null); // applied at start without a note
      } else {
        await assertEchoed(page, what, shown(kind, p), messageOf(kind));
        if (isError(kind)) assert.match(await page.textContent('#error-text'), /Your last run could not be restored/, what);
        else assert.equal(await noteOn(page), true, `${what}: the lesson note is on`);
      }
      assert.deepEqual(unexpected(problems), [], what);
      await page.close();
    }
  }
});
