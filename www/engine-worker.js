// The engine in a Web Worker (no DOM): loads the same module as the page, from the same
// origin (the page's Content-Security-Policy allows no blob: workers), and answers messages.
//   { init: { js, wasm } }            → { ready: true }
//   { scenario, epochs, kinds }       → { losses: { kind: [...] }, scenario }
// Errors come back as { error }. The race moves here in a later step (docs/architecture.md).
let bindings;
self.onmessage = async ({ data }) => {
  try {
    if (data.init) {
      bindings = await import(data.init.js);
      await bindings.default({ module_or_path: data.init.wasm });
      self.postMessage({ ready: true });
      return;
    }
    const p = new bindings.Playground(data.scenario);
    p.trainEpochs(data.epochs);
    const losses = {};
    for (const kind of data.kinds) losses[kind] = Array.from(p.lossHistory(kind));
    self.postMessage({ losses, scenario: p.scenarioJson() });
  } catch (e) {
    self.postMessage({ error: String(e) });
  }
};
