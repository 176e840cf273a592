// The JavaScript API against bad input, in the built page: a table of the contract's cases
// (the error class and what its message names), then a seeded fuzz — random call sequences
// with arguments of every wrong type, hostile numbers and valid values, on fresh
// `new wasmBindings.Playground(...)` instances of several scenarios and on the page's
// `window.playground`. No call may trap, panic or take over 2 s; every error is a TypeError,
// RangeError or Error with a message; the instance answers after every error.
//
//   FUZZ_CASES=5000 node --test fuzz.test.js        more cases (default 3000, seed 1)
//   FUZZ_SEED=random FUZZ_CASES=20000 node --test fuzz.test.js   a new random seed
//   FUZZ_SEED=123 FUZZ_FROM=400 FUZZ_CASES=1 …       replay case 400 of seed 123
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, open, root, LARGEST, within, TIMED_OUT } from './harness.js';

// a fixed seed by default, so that CI is repeatable; FUZZ_SEED=random explores
const SEED = process.env.FUZZ_SEED === 'random' ? (Math.random() * 2 ** 32) >>> 0
  : process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) >>> 0 : 1;
const FROM = Number(process.env.FUZZ_FROM ?? 0);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const BATCH = Number(process.env.FUZZ_BATCH ?? 40); // cases per page.evaluate
const SLOW_MS = 2000;

let server, browser, scenarios;
before(async () => {
  const lesson = async (name) => JSON.parse(await readFile(join(root, 'scenarios', 'lessons', `${name}.json`), 'utf8'));
  const def = JSON.parse(await readFile(join(root, 'scenarios', 'default.json'), 'utf8'));
  scenarios = [
    ['default', def],
    ['2-3-1 on 4 examples', await lesson('forward-backward-2-3-1')],
    ['softmax, 3 classes', await lesson('softmax-three-classes')],
    ['regression, no hidden layer', await lesson('momentum-overshoot')],
    ['regression that diverges', await lesson('diverging-learning-rate')],
    ['relu, 3 features, L1, no shuffle', {
      ...def, layers: [3, 5, 4, 1], activations: ['relu', 'leaky_relu', 'sigmoid'],
      data: { dataset: 'xor', samples: 80, noise: 0.1, train_fraction: 0.75, seed: 3, features: ['x1', 'x2', 'x1x2'] },
      batch_size: 7, shuffle: false, regularization: { kind: 'l1', rate: 0.01 },
    }],
    ['L2, test set', { ...def, layers: [2, 6, 1], activations: ['tanh', 'sigmoid'], regularization: { kind: 'l2', rate: 0.05 }, data: { ...def.data, samples: 120 } }],
  ].map(([name, s]) => ({ name, json: JSON.stringify(s), layers: s.layers }));
  server = await serve();
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

test('the contract: wrong types throw TypeError, bad numbers and names RangeError, caps "one call may do at most"', { timeout: 5 * 60 * 1000 }, async () => {
  const { page, problems } = await open(browser, server.url);
  await page.evaluate((largest) => {
    const P = window.wasmBindings.Playground;
    const fresh = () => new P();
    const big = new P(JSON.stringify(largest));
    const cases = [
      // [label, target, call, expected class, what the message must contain]
      ['focus(1)', fresh, (p) => p.focus(1), 'TypeError', /kind/],
      ['focus(null)', fresh, (p) => p.focus(null), 'TypeError', /kind/],
      ["focus('sgdx')", fresh, (p) => p.focus('sgdx'), 'RangeError', /sgdx/],
      ['matrix(2, 1)', fresh, (p) => p.matrix(2, 1), 'TypeError', /name/],
      ["matrix('w', '1')", fresh, (p) => p.matrix('w', '1'), 'TypeError', /layer/],
      ["matrix('q', 1)", fresh, (p) => p.matrix('q', 1), 'RangeError', /q/],
      ["matrix('w', -1)", fresh, (p) => p.matrix('w', -1), 'RangeError', /layer/],
      ["matrix('w', 2.5)", fresh, (p) => p.matrix('w', 2.5), 'RangeError', /layer/],
      ["matrix('w', NaN)", fresh, (p) => p.matrix('w', NaN), 'RangeError', /layer/],
      ["matrix('w', Infinity)", fresh, (p) => p.matrix('w', Infinity), 'RangeError', /layer/],
      ["matrix('w', 2**32 + 1)", fresh, (p) => p.matrix('w', 2 ** 32 + 1), 'RangeError', /layer/],
      ["matrix('w', 4) beyond the 3 layers", fresh, (p) => p.matrix('w', 4), 'RangeError', /layer/],
      ['lossHistory(10n)', fresh, (p) => p.lossHistory(10n), 'TypeError', /kind/],
      ['lossHistory()', fresh, (p) => p.lossHistory(), 'TypeError', /kind/],
      ["testLossHistory('SGD ')", fresh, (p) => p.testLossHistory('SGD '), 'RangeError', /SGD/],
      ["trainEpochs('1')", fresh, (p) => p.trainEpochs('1'), 'TypeError', /\bn\b/],
      ['trainEpochs(-1)', fresh, (p) => p.trainEpochs(-1), 'RangeError', /\bn\b/],
      ['trainEpochs(2.5)', fresh, (p) => p.trainEpochs(2.5), 'RangeError', /\bn\b/],
      ['trainEpochs(NaN)', fresh, (p) => p.trainEpochs(NaN), 'RangeError', /\bn\b/],
      ['trainEpochs(-Infinity)', fresh, (p) => p.trainEpochs(-Infinity), 'RangeError', /\bn\b/],
      ['trainEpochs(2**32 + 1)', fresh, (p) => p.trainEpochs(2 ** 32 + 1), 'RangeError', /one call may do at most|\bn\b/],
      ['trainEpochs(1e9)', fresh, (p) => p.trainEpochs(1e9), 'RangeError', /one call may do at most/],
      ['trainEpochs(100000) on the default net', fresh, (p) => p.trainEpochs(100000), 'RangeError', /one call may do at most/],
      ['predictGrid(0)', fresh, (p) => p.predictGrid(0), 'RangeError', /resolution/],
      ['predictGrid(1025)', fresh, (p) => p.predictGrid(1025), 'RangeError', /resolution/],
      ["predictGrid('64')", fresh, (p) => p.predictGrid('64'), 'TypeError', /resolution/],
      ['predictGrid(8, 3)', fresh, (p) => p.predictGrid(8, 3), 'TypeError', /kind/],
      ['predictGrid(1024) on the largest net', () => big, (p) => p.predictGrid(1024), 'RangeError', /one call may do at most/],
      ['predictPoints({length: 1e9})', fresh, (p) => p.predictPoints({ length: 1e9 }), 'TypeError', /points/],
      ["predictPoints('0,0')", fresh, (p) => p.predictPoints('0,0'), 'TypeError', /points/],
      ["predictPoints([0, 'a'])", fresh, (p) => p.predictPoints([0, 'a']), 'TypeError', /points/],
      ['predictPoints(new Array(1e9))', fresh, (p) => p.predictPoints(new Array(1e9)), 'RangeError', /one call may do at most/],
      ['predictPoints(new Float64Array(2**23))', fresh, (p) => p.predictPoints(new Float64Array(2 ** 23)), 'RangeError', /one call may do at most/],
      ['predictPoints of 2**20 points on the largest net', () => big, (p) => p.predictPoints(new Float64Array(2 ** 21)), 'RangeError', /one call may do at most/],
      ['trainEpochs(2) on the largest net', () => big, (p) => p.trainEpochs(2), 'RangeError', /one call may do at most/],
      ['landscape(42)', fresh, (p) => p.landscape(42), 'TypeError', /options/],
      ["landscape({ plane: 'pcb' })", fresh, (p) => p.landscape({ plane: 'pcb' }), 'RangeError', /options\.plane/],
      ['landscape({ resolution: 42 })', fresh, (p) => p.landscape({ resolution: 42 }), 'RangeError', /options\.resolution/],
      ["landscape({ span: '1' })", fresh, (p) => p.landscape({ span: '1' }), 'TypeError', /options\.span/],
      ['landscape({ seed: -1 })', fresh, (p) => p.landscape({ seed: -1 }), 'RangeError', /options\.seed/],
      ['landscape() before an epoch (PCA)', fresh, (p) => p.landscape(), 'Error', /train at least one epoch/],
      ["landscape({ plane: 'random' }) on the largest net", () => big, (p) => p.landscape({ plane: 'random' }), 'RangeError', /one call may do at most/],
      ['exportCsv(1)', fresh, (p) => p.exportCsv(1), 'TypeError', /what/],
      ["exportCsv('loss')", fresh, (p) => p.exportCsv('loss'), 'RangeError', /what/],
      ['importCsv(42)', fresh, (p) => p.importCsv(42), 'TypeError', /text/],
      ["importCsv('')", fresh, (p) => p.importCsv(''), 'Error', /line 1, column 1/],
      ["importCsv('x,label\\n1,a\\n2,\\n')", fresh, (p) => p.importCsv('x,label\n1,a\n2,\n'), 'Error', /line 3, column 2/],
      ['importCsv(a 17 MB string)', fresh, (p) => p.importCsv('x'.repeat(17 << 20)), 'RangeError', /text/],
      ["matrixLatex('w', 1, 13)", fresh, (p) => p.matrixLatex('w', 1, 13), 'RangeError', /digits/],
      ["matrixLatex('w', 1, '4')", fresh, (p) => p.matrixLatex('w', 1, '4'), 'TypeError', /digits/],
      ["matrixLatex('w', 9, 4)", fresh, (p) => p.matrixLatex('w', 9, 4), 'RangeError', /layer/],
      ["matrixMarkdown('q', 1, 2)", fresh, (p) => p.matrixMarkdown('q', 1, 2), 'RangeError', /q/],
      ["stepLatex('4')", fresh, (p) => p.stepLatex('4'), 'TypeError', /digits/],
      ['stepLatex(13)', fresh, (p) => p.stepLatex(13), 'RangeError', /digits/],
      ['stepLatex(-1)', fresh, (p) => p.stepLatex(-1), 'RangeError', /digits/],
      ['stepLatex(4) on the largest net', () => big, (p) => p.stepLatex(4), 'Error', /more than 8/],
      ['load(42)', fresh, (p) => p.load(42), 'Error', /./],
      ["load('{')", fresh, (p) => p.load('{'), 'Error', /./],
      ['new Playground(Symbol())', null, () => new P(Symbol('s')), 'Error', /./],
      ['new Playground(10n)', null, () => new P(10n), 'Error', /./],
    ];
    window.contract = { count: cases.length, label: (i) => cases[i][0] };
    window.runContract = (i) => {
      const [label, target, call, want, must] = cases[i];
      const p = target?.();
      const r = { label, want, must: String(must) };
      const t0 = performance.now();
      try {
        call(p);
        r.got = 'no error';
      } catch (e) {
        r.got = e && typeof e === 'object' ? e.constructor?.name : typeof e;
        r.message = String(e?.message ?? e);
        r.trap = e instanceof WebAssembly.RuntimeError;
        r.matches = must.test(r.message);
      }
      r.ms = performance.now() - t0;
      if (p) {
        try {
          const epoch = p.epoch();
          const s = p.nextStep();
          r.usable = typeof epoch === 'number' && typeof s?.phase === 'string';
        } catch (e) {
          r.usable = false;
          r.after = String(e?.message ?? e);
        }
        if (p !== big) p.free();
      }
      return r;
    };
  }, LARGEST);
  // one case at a time, each with a deadline: a call that never returns (a loop without a
  // cap) would otherwise hang the whole file
  const results = [];
  const count = await page.evaluate(() => window.contract.count);
  for (let i = 0; i < count; i++) {
    const r = await within(page.evaluate((i) => window.runContract(i), i), 20000);
    if (r === TIMED_OUT) {
      const label = await within(page.evaluate((i) => window.contract.label(i), i), 1000);
      results.push({ label: typeof label === 'string' ? label : `case ${i}`, want: '', must: '', got: 'no answer within 20 s (a hang); the cases after it did not run', matches: false });
      break;
    }
    results.push(r);
  }
  const wrong = results.filter((r) => r.got !== r.want || !r.matches || r.trap || r.usable === false || r.ms > SLOW_MS)
    .map((r) => `${r.label}: wanted ${r.want} ${r.must}, got ${r.got}${r.message !== undefined ? ` "${r.message}"` : ''}`
      + `${r.usable === false ? `; unusable after (${r.after})` : ''}${r.ms > SLOW_MS ? `; took ${r.ms.toFixed(0)} ms` : ''}`);
  console.log(`# contract: ${results.length - wrong.length} of ${results.length} cases as specified`);
  assert.deepEqual(wrong, [], `${wrong.length} of ${results.length} cases differ from the contract:\n${wrong.join('\n')}`);
  assert.deepEqual(problems.filter((p) => /panicked/.test(p)), [], 'no panic in the console');
  assert.deepEqual(problems, []);
  await page.close();
});

/** Installs the fuzzer in the page: `window.fuzz(seed, from, to)` runs cases from..to−1 and
 *  returns their tallies. Everything it uses is defined inside (it runs in the page). */
function install(scenarios) {
  const P = window.wasmBindings.Playground;
  const KINDS = ['sgd', 'momentum', 'rmsprop', 'adam'];
  const NAMES = ['w', 'b', 'z', 'a', 'delta', 'dw', 'db', 'y', 'v', 's', 'vb', 'sb'];
  const METHODS = [
    ['nextStep', []], ['forward', []], ['backward', []], ['update', []], ['upcoming', []],
    ['trainEpochs', ['n']], ['focus', ['kind']], ['focused', []], ['matrix', ['name', 'layer']],
    ['cost', []], ['penalty', []], ['step', []], ['epoch', []], ['lossHistory', ['kind']],
    ['testLossHistory', ['kind']], ['predictGrid', ['resolution', 'kind?']],
    ['predictPoints', ['points', 'kind?']], ['viewRadius', []], ['viewSquare', []], ['scenario', []],
    ['scenarioJson', []], ['load', ['scenario']], ['reset', []], ['new', ['scenario']],
    ['landscape', ['options?']], ['exportCsv', ['what']], ['importCsv', ['csv']],
    ['matrixLatex', ['name', 'layer', 'digits']], ['matrixMarkdown', ['name', 'layer', 'digits']],
    ['stepLatex', ['digits']], ['traceJson', []],
  ];
  // mulberry32: small, fast, and the same stream every run
  const rng = (seed) => {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6D2B79F5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };
  let huge; // made once: 2^23 numbers, over every cap
  const hugeArray = () => (huge ??= new Float64Array(2 ** 23));

  const show = (v, depth = 0) => {
    try {
      if (typeof v === 'string') return v.length > 24 ? `'${v.slice(0, 12)}…'(${v.length})` : JSON.stringify(v);
      if (typeof v === 'bigint') return `${v}n`;
      if (typeof v === 'symbol' || typeof v === 'function') return String(v).slice(0, 30);
      if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
      if (v === null || v === undefined) return String(v);
      if (Object.hasOwn(v, 'fuzzLabel')) return v.fuzzLabel;
      if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${v.length ?? v.byteLength})`;
      if (Array.isArray(v)) return v.length > 6 || depth > 1 ? `Array(${v.length})` : `[${v.map((x) => show(x, depth + 1)).join(', ')}]`;
      const s = JSON.stringify(v);
      return s && s.length <= 60 ? s : `${v.constructor?.name ?? 'Object'}{…}`;
    } catch { return 'a hostile object'; }
  };

  /** A value of any type, mostly wrong. `p` for values that call back into the instance. */
  function weird(r, p) {
    const pick = (xs) => xs[Math.floor(r() * xs.length)];
    const tag = (o, label) => Object.defineProperty(o, 'fuzzLabel', { value: label, enumerable: false });
    const family = pick(['number', 'number', 'string', 'bigint', 'nullish', 'object', 'array', 'symbol', 'function', 'typed', 'hostile']);
    switch (family) {
      case 'number': return pick([-1, -0, 0, 1, 0.5, 2.5, -2.5, NaN, Infinity, -Infinity, 2 ** 32 + 1, 2 ** 32, 2 ** 31, -(2 ** 31),
        2 ** 53, 2 ** 53 + 2, 1e308, 5e-324, 1e9, 100000, 1024, 1025, 65536, 7, 3, 2 ** 64]);
      case 'string': return pick(['', 'sgd', 'adam', 'SGD', 'sgdx', ' sgd', 'w', 'q', 'delta', 'dw', '1', '2.5', 'NaN', '-1',
        '__proto__', 'constructor', 'toString', '💥', 'w\u0000', 'x'.repeat(100000), '{', '{}', '[]', 'null', '{"layers":[2,1]}']);
      case 'bigint': return pick([0n, 1n, 10n, -1n, 2n ** 64n]);
      case 'nullish': return pick([null, undefined, true, false]);
      case 'object': return pick([{}, { length: 1e9 }, { length: 2, 0: 1, 1: 2 }, { valueOf: () => 1 }, { toString: () => 'sgd' },
        new Date(0), /re/g, new Map([[1, 2]]), Object.create(null), Promise.resolve(1), new Error('e'), new Proxy({}, {})]);
      case 'array': return pick([[], [1], [0, 0], [0.5, -0.5, 1, 2], ['a', 'b'], [NaN, Infinity], [[1, 2]], new Array(3),
        new Array(1e9), [null, undefined], [0n, 1n], Array.from({ length: 1000 }, (_, i) => i / 100)]);
      case 'symbol': return pick([Symbol('fuzz'), Symbol.iterator]);
      case 'function': return pick([() => 1, function named() { return 'sgd'; }, class Klass {}, Math.max]);
      case 'typed': return pick([new Float64Array(0), new Float64Array(2), new Float64Array(3), new Float64Array([NaN, Infinity, -Infinity, 1e308]),
        new Int32Array(4), new Uint8Array(8), new Float32Array(2), new BigInt64Array(2), new DataView(new ArrayBuffer(16)),
        new ArrayBuffer(16), new Float64Array(1e5), hugeArray()]);
      default: { // objects that fight back: getters that throw or call into the instance
        const a = [0.1, 0.2];
        const back = pick(['reset', 'nextStep', 'trainEpochs', 'forward', 'load', 'focus']);
        const callBack = () => {
          if (back === 'trainEpochs') p?.trainEpochs(1);
          else if (back === 'load') p?.load(undefined);
          else if (back === 'focus') p?.focus('sgd');
          else p?.[back]();
        };
        return pick([
          () => tag(Object.defineProperty(a, 0, { get() { callBack(); return 0.5; } }), `[getter calling ${back}(), 0.2]`),
          () => tag(Object.defineProperty([0, 0], 1, { get() { throw new Error('fuzz getter threw on purpose'); } }), '[0, getter throwing]'),
          () => tag(new Proxy([1, 2], { get(t, k) { if (k === 'length') { callBack(); } return Reflect.get(t, k); } }), `Proxy([1, 2]) calling ${back}()`),
          () => tag(new Proxy({}, { get() { throw new Error('fuzz proxy threw on purpose'); }, ownKeys() { throw new Error('fuzz proxy keys'); } }), 'Proxy throwing'),
          () => tag({ toJSON() { callBack(); return JSON.parse(scenarios[0].json); } }, `{toJSON calling ${back}()}`),
          () => tag({ get layers() { callBack(); return [2, 3, 1]; } }, `{get layers() calling ${back}()}`),
          () => { const o = JSON.parse(scenarios[0].json); o.self = o; return tag(o, 'a scenario with a cycle'); },
        ])();
      }
    }
  }

  /** A scenario argument: valid, a valid one with one field spoilt, or broken text. */
  function scenarioArg(r, p) {
    const s = scenarios[Math.floor(r() * scenarios.length)];
    const label = (o, text) => Object.defineProperty(o, 'fuzzLabel', { value: text, enumerable: false });
    const x = r();
    if (x < 0.25) return s.json;
    if (x < 0.4) return label(JSON.parse(s.json), `{${s.name}}`);
    if (x < 0.5) return s.json.slice(0, Math.floor(r() * s.json.length));
    if (x < 0.6) return undefined; // the default
    const o = JSON.parse(s.json);
    // spoil one field, at any depth
    let node = o;
    const path = [];
    for (let d = 0; d < 3; d++) {
      const keys = Object.keys(node);
      const k = keys[Math.floor(r() * keys.length)];
      path.push(k);
      if (d < 2 && node[k] && typeof node[k] === 'object' && r() < 0.6) { node = node[k]; continue; }
      node[k] = weird(r, p);
      return label(o, `{${s.name} with ${path.join('.')} = ${show(node[k])}}`);
    }
    return label(o, `{${s.name}}`);
  }

  /** An argument for parameter `param`: often valid, else anything. */
  function arg(r, param, ctx, p) {
    const pick = (xs) => xs[Math.floor(r() * xs.length)];
    if (param === 'scenario') return scenarioArg(r, p);
    if (r() < 0.45) return weird(r, p);
    const L = ctx.layers.length - 1;
    switch (param) {
      case 'n': return pick([0, 1, 1, 2, 3, 5]);
      case 'what': return pick(['losses', 'data', 'Data', 'loss']);
      case 'digits': return pick([0, 1, 2, 4, 12, 13, -1, 2.5]);
      case 'csv': return pick(['x1,x2,label\n1,2,a\n3,4,b\n', 'a;b;label\n1,5;2;0\n3;4,25;1\n2;2;1\n',
        'x,y\n1,0.5\n2,0.25\n3,9\n', 'x1,x2,label,split\n0,0,2,train\n1,1,0,test\n2,2,1,train\n',
        '\ufeffx1,label\n1,a\n', '', 'x\n', 'x1,x2,label\n1,,a\n', 'x,label\n1,a\n2,b\n3,c\n4,d\n',
        new Uint8Array([120, 44, 108, 10, 49, 44, 0xff, 10]), new TextEncoder().encode('x,label\n1,a\n2,b\n')]);
      case 'kind': return pick(KINDS);
      case 'kind?': return r() < 0.5 ? undefined : pick(KINDS);
      case 'name': return pick(NAMES);
      case 'layer': return Math.floor(r() * (L + 2));
      case 'options?': return pick([undefined, {}, { plane: 'random' }, { plane: 'pca', resolution: 5 },
        { plane: 'random', resolution: 9, span: 0.5, seed: 3 }, { resolution: pick([1, 2, 41, 42, 2.5]) },
        { plane: pick(['PCA', 'random ', 1, null]) }, { span: pick([0, -1, NaN, Infinity, '1']) }]);
      case 'resolution': return r() < 0.03 ? 1024 : r() < 0.1 ? 256 : pick([1, 2, 3, 8, 17, 32, 64]);
      case 'points': {
        const n = ctx.layers[0] * Math.floor(r() * 20);
        const xs = Array.from({ length: n }, () => (r() - 0.5) * 4);
        return r() < 0.6 ? new Float64Array(xs) : xs;
      }
      default: return weird(r, p);
    }
  }

  const BAD = /panicked|unreachable|RefCell|already (mutably )?borrowed/i;

  /** Runs one call; returns its outcome. */
  function call(p, method, args) {
    const t0 = performance.now();
    let outcome;
    try {
      if (method === 'new') {
        const q = new P(...args);
        q.free();
      } else {
        p[method](...args);
      }
      outcome = { ok: true };
    } catch (e) {
      outcome = { ok: false, error: e };
    }
    outcome.ms = performance.now() - t0;
    return outcome;
  }

  window.fuzz = (seed, from, to, pageShare) => {
    const tally = { cases: 0, calls: 0, ok: 0, TypeError: 0, RangeError: 0, Error: 0, other: 0, onPage: 0, maxMs: 0, slowest: '', failures: [] };
    for (let i = from; i < to; i++) {
      const r = rng((Math.imul(seed ^ 0x9E3779B9, 0x85EBCA6B) + Math.imul(i + 1, 0xC2B2AE35)) >>> 0);
      const onPage = r() < pageShare;
      const start = scenarios[Math.floor(r() * scenarios.length)];
      const ctx = { layers: start.layers };
      let p;
      const log = [];
      const fail = (what) => tally.failures.push({ case: i, what, calls: log.slice() });
      try {
        if (onPage) {
          p = window.playground;
          p.load(start.json); // a known start, so that the case replays
        } else {
          p = new P(start.json);
        }
      } catch (e) {
        fail(`could not start on "${start.name}": ${e?.message ?? e}`);
        continue;
      }
      tally.cases++;
      if (onPage) tally.onPage++;
      log.push(`${onPage ? 'window.playground.load' : 'new Playground'}(${start.name})`);
      const n = 1 + Math.floor(r() * 8);
      for (let c = 0; c < n; c++) {
        const [method, params] = METHODS[Math.floor(r() * METHODS.length)];
        let args = params.map((param) => arg(r, param, ctx, p));
        const shape = r();
        if (shape < 0.1) args = args.slice(0, Math.floor(r() * args.length)); // fewer arguments
        else if (shape < 0.2) args.push(weird(r, p)); // one too many
        const text = `${method === 'new' ? 'new Playground' : method}(${args.map((a) => show(a)).join(', ')})`;
        log.push(text);
        const out = call(p, method, args);
        tally.calls++;
        if (out.ms > tally.maxMs) { tally.maxMs = out.ms; tally.slowest = text; }
        if (out.ms > 2000) fail(`${text} took ${out.ms.toFixed(0)} ms`);
        if (out.ok) {
          tally.ok++;
          if (method === 'load') {
            try { ctx.layers = p.scenario().layers; } catch (e) { fail(`scenario() after load: ${e?.message ?? e}`); }
          }
          continue;
        }
        const e = out.error;
        const name = e && typeof e === 'object' ? e.constructor?.name : typeof e;
        const message = String(e?.message ?? '');
        if (e instanceof WebAssembly.RuntimeError || BAD.test(message)) {
          // a trap leaves the module in an unknown state: the caller starts a fresh page
          fail(`${text} ${e instanceof WebAssembly.RuntimeError ? 'trapped' : 'panicked'}: ${message}`);
          tally.poisoned = i;
          return tally;
        }
        else if (!(e instanceof Error) || !['TypeError', 'RangeError', 'Error'].includes(name)) fail(`${text} threw ${name}: ${message || String(e)}`);
        else if (!message.trim()) fail(`${text} threw ${name} without a message`);
        tally[['TypeError', 'RangeError', 'Error'].includes(name) ? name : 'other']++;
        // the instance still answers
        try {
          const epoch = p.epoch();
          const s = p.nextStep();
          log.push('epoch(), nextStep()');
          if (typeof epoch !== 'number' || typeof s?.phase !== 'string') fail(`after ${text}: epoch() ${epoch}, nextStep() ${JSON.stringify(s)}`);
        } catch (e2) {
          fail(`after ${text} the instance does not answer: ${e2?.constructor?.name}: ${e2?.message ?? e2}`);
          if (e2 instanceof WebAssembly.RuntimeError || BAD.test(String(e2?.message))) {
            tally.poisoned = i;
            return tally;
          }
        }
        if (tally.failures.length > 30) break;
      }
      if (!onPage) { try { p.free(); } catch { /* freed by a failure already */ } }
      if (tally.failures.length > 30) break;
    }
    return tally;
  };
}

test(`fuzz: ${CASES} random call sequences (seed ${SEED}) neither trap, panic nor hang`, { timeout: 10 * 60 * 1000 }, async () => {
  console.log(`# fuzz seed ${SEED}, cases ${FROM}..${FROM + CASES - 1} (replay: FUZZ_SEED=${SEED} FUZZ_FROM=<case> FUZZ_CASES=1)`);
  let { page, problems } = await open(browser, server.url);
  const panicLines = [];
  await page.evaluate(install, scenarios);
  const total = { cases: 0, calls: 0, ok: 0, TypeError: 0, RangeError: 0, Error: 0, other: 0, onPage: 0, maxMs: 0, slowest: '', failures: [] };
  const t0 = Date.now();
  let pages = 1;
  for (let from = FROM; from < FROM + CASES && total.failures.length <= 30;) {
    const to = Math.min(from + BATCH, FROM + CASES);
    if (process.env.FUZZ_VERBOSE) console.log(`# batch ${from}..${to - 1}`);
    let t;
    try {
      t = await within(page.evaluate(([seed, from, to]) => window.fuzz(seed, from, to, 0.2), [SEED, from, to]), 120000);
      if (t === TIMED_OUT) throw new Error('no answer within 120 s: a call hangs (replay the batch case by case to find it)');
    } catch (e) {
      // the page went away under the batch (a reload after a panic, or a crash)
      total.failures.push({ case: `${from}..${to - 1}`, what: `the batch did not finish: ${e.message.split('\n')[0]}`, calls: [] });
      break;
    }
    for (const k of ['cases', 'calls', 'ok', 'TypeError', 'RangeError', 'Error', 'other', 'onPage']) total[k] += t[k];
    if (t.maxMs > total.maxMs) { total.maxMs = t.maxMs; total.slowest = t.slowest; }
    total.failures.push(...t.failures);
    if (t.poisoned === undefined) { from = to; continue; }
    // after a trap, go on from the next case in a fresh page (the panic's console lines kept)
    from = t.poisoned + 1;
    panicLines.push(...problems.filter((p) => /panicked/.test(p)));
    const verbose = (what) => process.env.FUZZ_VERBOSE && console.log(`# ${what}`);
    verbose(`trap in case ${t.poisoned}: a fresh page`);
    // a page that panicked is reloading itself; closing it then can hang in Chromium: leave it
    // to the browser's close at the end if it does not go within 5 s
    verbose(`closed: ${(await within(page.close(), 5000)) === TIMED_OUT ? 'no, left behind' : 'yes'}`);
    ({ page, problems } = await open(browser, server.url));
    verbose('opened');
    await page.evaluate(install, scenarios);
    pages++;
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`# fuzz: ${total.cases} cases (${total.onPage} on window.playground), ${total.calls} calls in ${seconds.toFixed(1)} s:`
    + ` ${total.ok} returned, ${total.TypeError} TypeError, ${total.RangeError} RangeError, ${total.Error} Error, ${total.other} other;`
    + ` slowest ${total.maxMs.toFixed(0)} ms: ${total.slowest}`);
  const report = total.failures.slice(0, 10).map((f) => `case ${f.case} (seed ${SEED}): ${f.what}\n    ${f.calls.join('\n    ')}`);
  panicLines.push(...problems.filter((p) => /panicked/.test(p)));
  const panics = [...new Set(panicLines.map((p) => p.split('\n').slice(0, 3).join(' | ')))];
  if (pages > 1) console.log(`# fuzz: ${pages - 1} trap(s) needed a fresh page`);
  const headlines = total.failures.map((f) => `case ${f.case}: ${f.what}`);
  assert.deepEqual(report, [], `${total.failures.length} failures:\n  ${headlines.join('\n  ')}\nthe first, with their calls:\n${report.join('\n')}`
    + `\npanics in the console:\n${panics.join('\n')}`);
  assert.ok(total.cases >= Math.min(CASES, 1000), `only ${total.cases} cases ran`);
  assert.deepEqual(panics, [], 'no panic in the console');
  assert.deepEqual(problems, [], 'no page or console error');
  await page.close();
});
