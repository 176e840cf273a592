// Time to interactive: from the start of navigation until ▶ can be pressed and the first
// decision boundary is on the screen, on the built page (dist/), in Chromium. Five loads in
// fresh pages (no cache of a previous page's module), median and range printed.
//
//   node benches/startup.mjs        (after `trunk build --release --offline`)
import { serve, launch, watch } from '../tests/e2e/harness.js';

const server = await serve();
const browser = await launch();
const times = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = await watch(page, server.url);
  await page.goto(server.url);
  // interactive: the page is mounted (▶ answers) and the big boundary has pixels drawn
  const ms = await page.evaluate(() => new Promise((done) => {
    const drawn = () => {
      const c = document.getElementById('boundary-big');
      if (!document.body.classList.contains('ready') || !c || c.width < 2) return false;
      const px = c.getContext('2d').getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
      return px[3] > 0;
    };
    const check = () => (drawn() ? done(performance.now()) : requestAnimationFrame(check));
    check();
  }));
  if (problems.length) console.log('page problems:', problems);
  times.push(ms);
  await context.close();
}
await browser.close();
await server.close();
const sorted = [...times].sort((a, b) => a - b);
console.log(`time to interactive (navigation start → ▶ ready and the boundary drawn): median ${sorted[2].toFixed(0)} ms, range ${sorted[0].toFixed(0)}–${sorted[4].toFixed(0)} ms over 5 loads`);
