// The page playing with its race in Web Workers (docs/architecture.md, the race in workers):
// on the canonical scenario and on the largest net the caps allow, the time per race epoch
// (all four racers), the frames (requestAnimationFrame intervals) and the main thread's own
// work per frame (Chromium's profiler: everything but idle), the longest task. Figures, not a
// test: the tests check the bits (tests/e2e/workers.test.js).
//
//   node benches/workers.mjs        (after `trunk build --release --offline`; WORKERS=N to choose)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, open, settle, root, LARGEST } from '../tests/e2e/harness.js';

const canonical = JSON.parse(await readFile(join(root, 'benches/spiral-scenario.json'), 'utf8'));
const workers = process.env.WORKERS;
const server = await serve();
const browser = await launch();
const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
const pct = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

async function measure(name, scenario, seconds, warmEpochs) {
  const { page, problems } = await open(browser, `${server.url}${workers === undefined ? '' : `?workers=${workers}`}#`);
  await page.evaluate((s) => window.playground.load(JSON.stringify(s)), scenario);
  await settle(page, 30);
  await page.$eval('#speed', (el) => { el.value = el.max; el.dispatchEvent(new Event('input')); });
  await page.click('#play');
  await page.waitForFunction((n) => window.playground.epoch() >= n, warmEpochs, { timeout: 120000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.evaluate(() => {
    window.bench = { frames: [], tasks: [], epochs: [] };
    let last = performance.now();
    const tick = (t) => { window.bench.frames.push(t - last); last = t; if (window.bench.on) requestAnimationFrame(tick); };
    window.bench.on = true;
    requestAnimationFrame(tick);
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.bench.tasks.push(e.duration); }).observe({ type: 'longtask' });
    window.bench.start = [performance.now(), window.playground.epoch()];
  });
  await cdp.send('Profiler.start');
  await page.waitForTimeout(seconds * 1000);
  const { profile } = await cdp.send('Profiler.stop');
  const r = await page.evaluate(() => {
    window.bench.on = false;
    const [t0, e0] = window.bench.start;
    return { ms: performance.now() - t0, epochs: window.playground.epoch() - e0, frames: window.bench.frames, tasks: window.bench.tasks, workers: null };
  });
  r.workers = page.workers().length;
  await page.click('#play');
  const idx = Object.fromEntries(profile.nodes.map((n) => [n.id, n]));
  let busy = 0, total = 0;
  profile.samples.forEach((s, i) => { const d = profile.timeDeltas[i] || 0; total += d; if (idx[s].callFrame.functionName !== '(idle)') busy += d; });
  const frames = r.frames.slice(1);
  console.log(`${name}: ${r.workers} workers; ${r.epochs} race epochs in ${(r.ms / 1000).toFixed(1)} s = ${(r.ms / Math.max(1, r.epochs)).toFixed(1)} ms a race epoch; ` +
    `frames ${frames.length}: median ${median(frames).toFixed(1)} ms, 95th percentile ${pct(frames, 0.95).toFixed(1)} ms; ` +
    `main thread busy ${(busy / 1000 / frames.length).toFixed(1)} ms a frame (${(100 * busy / total).toFixed(0)}%); ` +
    `longest task ${r.tasks.length ? Math.max(...r.tasks).toFixed(0) : '< 50'} ms${problems.length ? `; problems: ${problems}` : ''}`);
  await page.close();
}

await measure('canonical (spiral, 2-16-16-1, 1000 points, batch 32)', canonical, 6, 3);
await measure('largest ([2, 64×6, 1], 5000 points, one batch)', LARGEST, 12, 1);
await browser.close();
await server.close();
