// The peer the browser benchmark runs beside the WebAssembly engine: the same network, costs
// and optimizers (docs/math.md) hand-written in JavaScript over Float64Array loops — the
// "hand-written JavaScript" row of ../shared/bench/workloads.md. Matrices are row-major,
// one column per example (the column convention). Sets globalThis.peer.
(() => {
  /** The net of sizes n[0..L] with weights W[l] (flat, row-major) and biases b[l]; tanh hidden, sigmoid out. */
  function net(sizes, W, b) {
    return { sizes, W: W.map((w) => Float64Array.from(w)), b: b.map((v) => Float64Array.from(v)) };
  }

  const sigmoid = (z) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

  /** Z = W·A + b, A = σ(Z) for every layer; x is n[0] × m. Returns A[0..L]. */
  function forward(n, x, m) {
    const as = [x];
    const L = n.sizes.length - 1;
    for (let l = 1; l <= L; l++) {
      const rows = n.sizes[l], cols = n.sizes[l - 1];
      const w = n.W[l - 1], b = n.b[l - 1], prev = as[l - 1];
      const a = new Float64Array(rows * m);
      for (let i = 0; i < rows; i++) {
        const out = i * m;
        for (let j = 0; j < m; j++) a[out + j] = b[i];
        for (let k = 0; k < cols; k++) {
          const wik = w[i * cols + k], inp = k * m;
          for (let j = 0; j < m; j++) a[out + j] += wik * prev[inp + j];
        }
        if (l === L) for (let j = 0; j < m; j++) a[out + j] = sigmoid(a[out + j]);
        else for (let j = 0; j < m; j++) a[out + j] = Math.tanh(a[out + j]);
      }
      as.push(a);
    }
    return as;
  }

  /** dW, db of every layer for sigmoid + BCE (δ[L] = A − Y) and tanh hidden layers. */
  function backward(n, as, y, m) {
    const L = n.sizes.length - 1;
    const grads = new Array(L);
    let delta = new Float64Array(as[L].length);
    for (let q = 0; q < delta.length; q++) delta[q] = as[L][q] - y[q];
    for (let l = L; l >= 1; l--) {
      const rows = n.sizes[l], cols = n.sizes[l - 1], prev = as[l - 1];
      const dw = new Float64Array(rows * cols), db = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += delta[i * m + j];
        db[i] = s / m;
        for (let k = 0; k < cols; k++) {
          let t = 0;
          for (let j = 0; j < m; j++) t += delta[i * m + j] * prev[k * m + j];
          dw[i * cols + k] = t / m;
        }
      }
      grads[l - 1] = [dw, db];
      if (l > 1) {
        const w = n.W[l - 1], next = new Float64Array(cols * m);
        for (let i = 0; i < rows; i++) {
          for (let k = 0; k < cols; k++) {
            const wik = w[i * cols + k];
            for (let j = 0; j < m; j++) next[k * m + j] += wik * delta[i * m + j];
          }
        }
        for (let q = 0; q < next.length; q++) next[q] *= 1 - prev[q] * prev[q];
        delta = next;
      }
    }
    return grads;
  }

  /** An optimizer of docs/math.md over the net's parameters: sgd, momentum, rmsprop, adam. */
  function optimizer(kind, n, o) {
    const params = n.W.flatMap((w, i) => [w, n.b[i]]);
    const V = params.map((p) => new Float64Array(p.length));
    const S = params.map((p) => new Float64Array(p.length));
    let t = 0;
    return (grads) => {
      t += 1;
      const g = grads.flatMap(([dw, db]) => [dw, db]);
      for (let p = 0; p < params.length; p++) {
        const P = params[p], G = g[p], v = V[p], s = S[p];
        for (let q = 0; q < P.length; q++) {
          const d = G[q];
          if (kind === 'sgd') P[q] -= o.learning_rate * d;
          else if (kind === 'momentum') {
            v[q] = o.beta * v[q] + (1 - o.beta) * d;
            P[q] -= o.learning_rate * v[q];
          } else if (kind === 'rmsprop') {
            s[q] = o.beta * s[q] + (1 - o.beta) * d * d;
            P[q] -= (o.learning_rate * d) / (Math.sqrt(s[q]) + o.epsilon);
          } else {
            v[q] = o.beta1 * v[q] + (1 - o.beta1) * d;
            s[q] = o.beta2 * s[q] + (1 - o.beta2) * d * d;
            const vh = v[q] / (1 - o.beta1 ** t), sh = s[q] / (1 - o.beta2 ** t);
            P[q] -= (o.learning_rate * vh) / (Math.sqrt(sh) + o.epsilon);
          }
        }
      }
    };
  }

  /** Columns [start, start + m) of a (rows × total) matrix. */
  function columns(x, rows, total, start, m) {
    const out = new Float64Array(rows * m);
    for (let r = 0; r < rows; r++) out.set(x.subarray(r * total + start, r * total + start + m), r * m);
    return out;
  }

  /** One epoch of mini-batches of `batch` in data order. */
  function epoch(n, step, x, y, total, batch) {
    for (let start = 0; start < total; start += batch) {
      const m = Math.min(batch, total - start);
      const xb = columns(x, n.sizes[0], total, start, m), yb = columns(y, 1, total, start, m);
      step(backward(n, forward(n, xb, m), yb, m));
    }
  }

  /** The mean BCE over all examples, logs floored at 1e-12. */
  function loss(n, x, y, total) {
    const a = forward(n, x, total).at(-1);
    let s = 0;
    for (let j = 0; j < total; j++) {
      s -= y[j] * Math.log(Math.max(a[j], 1e-12)) + (1 - y[j]) * Math.log(Math.max(1 - a[j], 1e-12));
    }
    return s / total;
  }

  globalThis.peer = { net, forward, backward, optimizer, epoch, loss };
})();
