// One of the page's race workers (docs/architecture.md, the race in workers). It loads the
// same module as the page, from the same origin (the page's Content-Security-Policy allows
// no blob: workers), and trains some racers of a copy of the page's race:
//   { init: { js, wasm } }                          → { ready: true }
//   { start: { generation, scenario, state, racers, fields } }  a copy of the race; its racers
//   { until: epoch, generation }                    → { generation, epoch, state, fields } at that epoch
//     (targets queue up: the page sends the next before this one is reached, so that the worker
//     goes on at once after a report rather than waiting for the page's answer)
// fields ({ small, big, focus }) are the sides of the live boundaries it computes for its
// racers with each report (RaceWorker::fields), so the page only paints them.
//   { stop: true }                                  forgets the copy
// It trains in slices of 20 ms, so that a stop or a new target is read between them. An error
// comes back as { error, generation }. self.memoryBytes() is the size of its WebAssembly
// memory (the memory test sums the page's and every worker's).
let bindings;
let racer = null;
let generation = -1;
let fields = null;
let targets = [];
let running = false;

const SLICE_MS = 20;

function run() {
  if (running) return;
  running = true;
  const slice = () => {
    if (!racer || !targets.length) {
      running = false;
      return;
    }
    try {
      if (racer.train(targets[0], SLICE_MS)) {
        targets.shift();
        const state = racer.report();
        const grids = fields ? racer.fields(fields.small, fields.big, fields.focus) : new Float64Array(0);
        self.postMessage({ generation, epoch: racer.epochs(), state, fields: grids }, [state.buffer, grids.buffer]);
      }
    } catch (e) {
      self.postMessage({ error: String(e), generation });
      running = false;
      return;
    }
    setTimeout(slice, 0);
  };
  slice();
}

self.onmessage = async ({ data }) => {
  try {
    if (data.init) {
      bindings = await import(data.init.js);
      const wasm = await bindings.default({ module_or_path: data.init.wasm });
      self.memoryBytes = () => wasm.memory.buffer.byteLength;
      self.postMessage({ ready: true });
    } else if (data.start) {
      racer?.free();
      racer = null;
      generation = data.start.generation;
      fields = data.start.fields ?? null;
      racer = new bindings.RaceWorker(data.start.scenario, data.start.state, Uint32Array.from(data.start.racers));
      targets = [];
    } else if (data.until !== undefined) {
      if (data.generation !== generation || !racer) return;
      targets.push(data.until);
      run();
    } else if (data.stop) {
      racer?.free();
      racer = null;
      targets = [];
      generation = -1;
    }
  } catch (e) {
    self.postMessage({ error: String(e), generation });
  }
};
