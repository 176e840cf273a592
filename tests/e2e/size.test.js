// The download budget (issue 11): the wasm the built page loads — after wasm-opt, as dist/
// holds it — once compressed by `gzip -9`, the measure the issue names. The budget is
// 300 KB, NOT met: the page is at 311 KB (benches/README.md, "Download size", row by row: what
// each change took or gave back, and what takes the bytes now). This guard holds the line at
// 315 KB, so that nothing grows unnoticed while the trims go on toward 300 (then BUDGET = 300).
// (Node's zlib at level 9 gives about 1% more.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dist } from './harness.js';

export const BUDGET = 315 * 1024;

test(`the page's wasm is at most ${BUDGET / 1024} KB gzipped`, (t) => {
  const [, wasm] = readFileSync(join(dist, 'index.html'), 'utf8').match(/data-wasm="([^"]+)"/);
  const bytes = readFileSync(join(dist, wasm));
  const gzipped = execFileSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 26 }).length;
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  t.diagnostic(`${wasm}: ${kb(bytes.length)}, ${kb(gzipped)} gzipped (${gzipped} bytes; the budget is ${kb(BUDGET)})`);
  assert.ok(
    gzipped <= BUDGET,
    `the wasm is ${kb(gzipped)} gzipped, over the budget of ${kb(BUDGET)} by ${kb(gzipped - BUDGET)}: ` +
      'see benches/README.md ("Download size") for what takes the bytes',
  );
});
