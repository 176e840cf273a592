// Starts the playground: imports the module trunk built and instantiates its wasm, then does
// what trunk's own inline loader would (window.wasmBindings, the TrunkApplicationStarted
// event). It is a file of its own because the page's Content-Security-Policy runs no inline
// script; Trunk.toml's pattern_script names the built files in this tag's data attributes.
const tag = document.querySelector('script[data-js][data-wasm]');
const bindings = await import(new URL(tag.dataset.js, document.baseURI).href);
const wasm = await bindings.default({ module_or_path: new URL(tag.dataset.wasm, document.baseURI) });
window.wasmBindings = bindings;
// loading the module starts no page (it also runs in a Worker and in Node): start it here
bindings.mountPage();
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
