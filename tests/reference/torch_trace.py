#!/usr/bin/env python3
"""Independent PyTorch (float64) reference for Backprop Playground traces.

Usage:
    python3 tests/reference/torch_trace.py SCENARIO.json > TRACE.json

Supports scenarios with explicit weights (`init.weights`), explicit data
(`data.x`, `data.y`, optional `data.x_test`, `data.y_test`), `shuffle: false`,
any optimizer kind (sgd, momentum, rmsprop, adam; omitted fields take the
defaults of shared/spec/math.md), `batch_size` and `epochs`.

The output is the trace of shared/spec/scenario.md:
  first_step.layers[l] = {z, a, delta, dw, db}   (first mini-batch, before its update)
  epochs[e]            = {epoch, train_loss, test_loss, train_accuracy, test_accuracy}
  final.layers[l]      = {w, b}

Gradients come from torch autograd (not from the formulas of math.md), so this
is an independent check of the Rust core:
  * sigmoid + bce:            binary_cross_entropy_with_logits(Z_L, Y, 'sum') / m
  * softmax + cross_entropy:  -(Y * log_softmax(Z_L, dim=0)).sum() / m
  * mse with any output:      autograd through the activation (softmax Jacobian
                              included) and 0.5 * sum((Y - A)^2) / m
delta is per example: delta[l] = m * dCost_batch/dZ[l].
The reported loss uses the floored logs of math.md: log(max(a, 1e-12)).
"""

import json
import math
import sys
import warnings

warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

LOG_FLOOR = 1e-12
LEAKY_SLOPE = 0.01

ACTIVATIONS = ("linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax")
COSTS = ("mse", "bce", "cross_entropy")
OPTIMIZER_DEFAULTS = {
    "sgd": {"learning_rate": 0.1},
    "momentum": {"learning_rate": 0.1, "beta": 0.9},
    "rmsprop": {"learning_rate": 0.01, "beta": 0.9, "epsilon": 1e-8},
    "adam": {"learning_rate": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
}
TOP_LEVEL_FIELDS = {
    "version", "layers", "activations", "cost", "optimizer", "race", "init",
    "data", "batch_size", "shuffle", "shuffle_seed", "epochs", "view", "regularization",
}


class ScenarioError(Exception):
    pass


def fail(path, msg):
    raise ScenarioError(f"{path}: {msg}")


def matrix(value, rows, cols, path):
    if not isinstance(value, list) or len(value) != rows:
        fail(path, f"expected {rows} rows")
    for i, row in enumerate(value):
        if not isinstance(row, list) or len(row) != cols:
            fail(f"{path}[{i}]", f"expected {cols} numbers")
        for j, v in enumerate(row):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                fail(f"{path}[{i}][{j}]", "expected a finite number")
    return torch.tensor(value, dtype=torch.float64).reshape(rows, cols)


def parse(sc):
    """Validate the subset of scenario.md this reference supports; return a plain config."""
    if not isinstance(sc, dict):
        fail("$", "expected an object")
    for k in sc:
        if k not in TOP_LEVEL_FIELDS:
            fail(k, "unknown field")
    if sc.get("version", 1) != 1:
        fail("version", "only version 1 is supported")
    layers = sc.get("layers")
    if not isinstance(layers, list) or len(layers) < 2 or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in layers
    ):
        fail("layers", "expected at least two positive integers")
    L = len(layers) - 1
    acts = sc.get("activations")
    if not isinstance(acts, list) or len(acts) != L:
        fail("activations", f"expected {L} names")
    for i, a in enumerate(acts):
        if a not in ACTIVATIONS:
            fail(f"activations[{i}]", f"unknown activation {a!r}")
        if a == "softmax" and (i != L - 1 or layers[-1] < 2):
            fail(f"activations[{i}]", "softmax only on the output layer with n[L] >= 2")
    cost = sc.get("cost")
    if cost not in COSTS:
        fail("cost", f"unknown cost {cost!r}")
    if cost == "bce" and acts[-1] != "sigmoid":
        fail("cost", "bce needs a sigmoid output")
    if cost == "cross_entropy" and acts[-1] != "softmax":
        fail("cost", "cross_entropy needs a softmax output")

    opt = sc.get("optimizer")
    if not isinstance(opt, dict) or opt.get("kind") not in OPTIMIZER_DEFAULTS:
        fail("optimizer.kind", "expected sgd, momentum, rmsprop or adam")
    kind = opt["kind"]
    hp = dict(OPTIMIZER_DEFAULTS[kind])
    for k, v in opt.items():
        if k == "kind":
            continue
        if k not in hp:
            fail(f"optimizer.{k}", f"not used by {kind}")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            fail(f"optimizer.{k}", "expected a finite number")
        hp[k] = float(v)

    init = sc.get("init")
    if not isinstance(init, dict) or "weights" not in init:
        fail("init.weights", "this reference needs explicit weights")
    ws = init["weights"]
    if not isinstance(ws, list) or len(ws) != L:
        fail("init.weights", f"expected {L} layers")
    params = []
    for l in range(L):
        e = ws[l]
        if not isinstance(e, dict) or set(e) != {"w", "b"}:
            fail(f"init.weights[{l}]", "expected {w, b}")
        w = matrix(e["w"], layers[l + 1], layers[l], f"init.weights[{l}].w")
        b = matrix(e["b"], layers[l + 1], 1, f"init.weights[{l}].b")
        params.append((w, b))

    data = sc.get("data")
    if not isinstance(data, dict) or "x" not in data or "y" not in data:
        fail("data", "this reference needs explicit data.x and data.y")
    for k in data:
        if k not in ("x", "y", "x_test", "y_test"):
            fail(f"data.{k}", "unknown field for explicit data")
    if not isinstance(data["x"], list) or not data["x"] or not isinstance(data["x"][0], list):
        fail("data.x", "expected n[0] rows")
    m = len(data["x"][0])
    if m < 1:
        fail("data.x", "expected at least one example")
    x = matrix(data["x"], layers[0], m, "data.x")
    y = matrix(data["y"], layers[-1], m, "data.y")
    if ("x_test" in data) != ("y_test" in data):
        fail("data", "x_test and y_test go together")
    xt = yt = None
    if "x_test" in data:
        if not isinstance(data["x_test"], list) or not data["x_test"] or not isinstance(data["x_test"][0], list):
            fail("data.x_test", "expected n[0] rows")
        mt = len(data["x_test"][0])
        xt = matrix(data["x_test"], layers[0], mt, "data.x_test")
        yt = matrix(data["y_test"], layers[-1], mt, "data.y_test")

    bs = sc.get("batch_size")
    if not isinstance(bs, int) or isinstance(bs, bool) or bs < 1:
        fail("batch_size", "expected a positive integer")
    if sc.get("shuffle", False) is not False:
        fail("shuffle", "this reference supports shuffle: false only")
    epochs = sc.get("epochs")
    if not isinstance(epochs, int) or isinstance(epochs, bool) or epochs < 1:
        fail("epochs", "expected a positive integer")

    reg = sc.get("regularization", {"kind": "none"})
    if not isinstance(reg, dict) or reg.get("kind") not in ("none", "l1", "l2"):
        fail("regularization.kind", "expected none, l1 or l2")
    for k in reg:
        if k not in ("kind", "rate"):
            fail(f"regularization.{k}", "unknown field")
    rate = reg.get("rate", 0.001)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not (0 <= rate <= 10):
        fail("regularization.rate", "expected a number from 0 to 10")

    return {
        "reg": reg["kind"], "reg_rate": float(rate),
        "layers": layers, "acts": acts, "cost": cost, "kind": kind, "hp": hp,
        "params": params, "x": x, "y": y, "x_test": xt, "y_test": yt,
        "batch_size": bs, "epochs": epochs,
    }


def activate(name, z):
    if name == "linear":
        return z
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)
    if name == "leaky_relu":
        return F.leaky_relu(z, negative_slope=LEAKY_SLOPE)
    if name == "softmax":
        return torch.softmax(z, dim=0)  # each column is one example
    raise ValueError(name)


def forward(params, acts, x):
    zs, as_ = [], []
    a = x
    for (w, b), act in zip(params, acts):
        z = w @ a + b
        a = activate(act, z)
        zs.append(z)
        as_.append(a)
    return zs, as_


def training_loss(cost, out_act, z_last, a_last, y, m):
    """The batch cost autograd differentiates (mean over the m examples)."""
    if cost == "bce":
        assert out_act == "sigmoid"
        return F.binary_cross_entropy_with_logits(z_last, y, reduction="sum") / m
    if cost == "cross_entropy":
        assert out_act == "softmax"
        return -(y * torch.log_softmax(z_last, dim=0)).sum() / m
    return 0.5 * ((y - a_last) ** 2).sum() / m


def penalty(kind, rate, weights):
    """lambda * R(W) over the weights (biases are not penalised); autograd differentiates it:
    l2 R = 1/2 sum w^2, l1 R = sum |w| (torch's |w| has gradient 0 at 0)."""
    if kind == "l2":
        return rate * sum(0.5 * (w ** 2).sum() for w in weights)
    if kind == "l1":
        return rate * sum(w.abs().sum() for w in weights)
    return None


def per_example_cost(cost, a, y):
    """Reported cost of math.md, one value per column, logs floored at 1e-12."""
    if cost == "mse":
        return 0.5 * ((y - a) ** 2).sum(dim=0)
    if cost == "bce":
        return -(
            y * torch.log(torch.clamp(a, min=LOG_FLOOR))
            + (1 - y) * torch.log(torch.clamp(1 - a, min=LOG_FLOOR))
        ).sum(dim=0)
    return -(y * torch.log(torch.clamp(a, min=LOG_FLOOR))).sum(dim=0)


def accuracy(cost, a, y):
    if cost == "bce":
        return ((a >= 0.5).to(torch.float64) == y).to(torch.float64).mean().item()
    if cost == "cross_entropy":
        return (a.argmax(dim=0) == y.argmax(dim=0)).to(torch.float64).mean().item()
    return None


class Diagnostics:
    """Optional bookkeeping used by make_cases.py to keep fixtures well conditioned."""

    def __init__(self):
        self.min_gate_abs_z = math.inf       # closest relu/leaky_relu z to the kink at 0
        self.relu_negative = 0               # relu z < 0 seen in the first step (dead units)
        self.bce_cancel = 0.0                # max ulp(1)/(1-a) over reported bce terms with a < 1
        self.floor_hits = 0                  # log arguments < 1e-12 in reported losses
        self.exact_saturated = 0             # sigmoid outputs exactly 0/1, softmax probs exactly 0/1
        self.min_decision_margin = math.inf  # |a - 0.5| (bce) or top-2 gap (cross_entropy)

    def gates(self, acts, zs, first_step=False):
        for act, z in zip(acts, zs):
            if act in ("relu", "leaky_relu"):
                self.min_gate_abs_z = min(self.min_gate_abs_z, z.abs().min().item())
                if first_step and act == "relu":
                    self.relu_negative += int((z < 0).sum().item())

    def loss_eval(self, cost, out_act, a, y):
        if out_act in ("sigmoid", "softmax"):
            self.exact_saturated += int(((a == 0) | (a == 1)).sum().item())
        if cost == "bce":
            below = a < 1
            if below.any():
                self.bce_cancel = max(self.bce_cancel, (2.2e-16 / (1 - a[below])).max().item())
            self.floor_hits += int(((a < LOG_FLOOR) & (y != 0)).sum().item())
            self.floor_hits += int(((1 - a < LOG_FLOOR) & (y != 1)).sum().item())
            self.min_decision_margin = min(self.min_decision_margin, (a - 0.5).abs().min().item())
        elif cost == "cross_entropy":
            self.floor_hits += int(((a < LOG_FLOOR) & (y != 0)).sum().item())
            if a.shape[0] >= 2:
                top2 = torch.topk(a, 2, dim=0).values
                self.min_decision_margin = min(
                    self.min_decision_margin, (top2[0] - top2[1]).min().item())


class EmaMomentum:
    """math.md momentum: V <- beta V + (1-beta) dP ; P <- P - lr V (not torch's heavy ball)."""

    def __init__(self, params, lr, beta):
        self.params = params
        self.lr = lr
        self.beta = beta
        self.v = [torch.zeros_like(p) for p in params]

    def zero_grad(self):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for p, v in zip(self.params, self.v):
            v.mul_(self.beta).add_(p.grad, alpha=1 - self.beta)
            p.add_(v, alpha=-self.lr)


def make_optimizer(kind, hp, params):
    lr = hp["learning_rate"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=0.0, foreach=False)
    if kind == "momentum":
        return EmaMomentum(params, lr, hp["beta"])
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=hp["beta"], eps=hp["epsilon"],
                                   momentum=0.0, centered=False, weight_decay=0.0,
                                   foreach=False)
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, betas=(hp["beta1"], hp["beta2"]),
                                eps=hp["epsilon"], weight_decay=0.0, amsgrad=False,
                                foreach=False)
    raise ValueError(kind)


def finite_or_none(v):
    if v is None:
        return None
    v = float(v)
    return v if math.isfinite(v) else None


def clean(obj):
    if isinstance(obj, list):
        return [clean(v) for v in obj]
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    return obj


def has_nonfinite(obj):
    if isinstance(obj, list):
        return any(has_nonfinite(v) for v in obj)
    if isinstance(obj, dict):
        return any(has_nonfinite(v) for v in obj.values())
    return isinstance(obj, float) and not math.isfinite(obj)


def run(scenario, diag=None):
    cfg = parse(scenario)
    acts, cost = cfg["acts"], cfg["cost"]
    out_act = acts[-1]
    params = []
    for w, b in cfg["params"]:
        params.append(w.clone().requires_grad_(True))
        params.append(b.clone().requires_grad_(True))
    pairs = [(params[2 * i], params[2 * i + 1]) for i in range(len(acts))]
    opt = make_optimizer(cfg["kind"], cfg["hp"], params)

    x, y, bs = cfg["x"], cfg["y"], cfg["batch_size"]
    m_total = x.shape[1]
    first_step = None
    epochs = []
    nonfinite_epoch = None

    def evaluate(xs, ys):
        with torch.no_grad():
            zs, as_ = forward(pairs, acts, xs)
            if diag is not None:
                diag.gates(acts, zs)
                diag.loss_eval(cost, out_act, as_[-1], ys)
            loss = per_example_cost(cost, as_[-1], ys).mean().item()
            return loss, accuracy(cost, as_[-1], ys)

    for epoch in range(1, cfg["epochs"] + 1):
        for start in range(0, m_total, bs):
            xb = x[:, start:start + bs]
            yb = y[:, start:start + bs]
            m = xb.shape[1]
            opt.zero_grad()
            zs, as_ = forward(pairs, acts, xb)
            for z in zs:
                z.retain_grad()
            loss = training_loss(cost, out_act, zs[-1], as_[-1], yb, m)
            extra = penalty(cfg["reg"], cfg["reg_rate"], [w for w, _ in pairs])
            if extra is not None:
                loss = loss + extra  # the objective J = C + lambda R; reported losses stay C
            loss.backward()
            if first_step is None:
                if diag is not None:
                    diag.gates(acts, [z.detach() for z in zs], first_step=True)
                first_step = {"layers": [
                    {
                        "z": zs[l].detach().tolist(),
                        "a": as_[l].detach().tolist(),
                        "delta": (zs[l].grad * m).tolist(),
                        "dw": pairs[l][0].grad.tolist(),
                        "db": pairs[l][1].grad.tolist(),
                    }
                    for l in range(len(acts))
                ]}
            elif diag is not None:
                diag.gates(acts, [z.detach() for z in zs])
            opt.step()

        train_loss, train_acc = evaluate(x, y)
        test_loss = test_acc = None
        if cfg["x_test"] is not None:
            test_loss, test_acc = evaluate(cfg["x_test"], cfg["y_test"])
        rec = {
            "epoch": epoch,
            "train_loss": train_loss,
            "test_loss": test_loss,
            "train_accuracy": train_acc,
            "test_accuracy": test_acc,
        }
        params_now = [p.detach().tolist() for p in params]
        if nonfinite_epoch is None and (has_nonfinite(rec) or has_nonfinite(params_now)):
            nonfinite_epoch = epoch
        epochs.append(rec)

    final = {"layers": [{"w": w.detach().tolist(), "b": b.detach().tolist()} for w, b in pairs]}
    if nonfinite_epoch is None and has_nonfinite(first_step):
        nonfinite_epoch = 1
    if nonfinite_epoch is not None:
        print(f"non-finite number first appeared in epoch {nonfinite_epoch}", file=sys.stderr)
    return clean({"first_step": first_step, "epochs": epochs, "final": final})


def _scalar(v):
    return v is None or isinstance(v, (int, float, str, bool))


def pretty(obj, indent=0):
    """JSON with one matrix row per line; numbers as json.dumps writes them (shortest repr)."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if _scalar(obj):
        return json.dumps(obj, allow_nan=False)
    if isinstance(obj, list):
        if all(_scalar(v) for v in obj):
            return json.dumps(obj, separators=(", ", ": "), allow_nan=False)
        if all(isinstance(v, list) and all(_scalar(u) for u in v) for v in obj):
            body = ",\n".join(inner + pretty(v) for v in obj)
            return "[\n" + body + "\n" + pad + "]"
        body = ",\n".join(inner + pretty(v, indent + 1) for v in obj)
        return "[\n" + body + "\n" + pad + "]" if obj else "[]"
    if isinstance(obj, dict):
        if all(_scalar(v) for v in obj.values()):
            return json.dumps(obj, separators=(", ", ": "), allow_nan=False)
        body = ",\n".join(inner + json.dumps(k) + ": " + pretty(v, indent + 1) for k, v in obj.items())
        return "{\n" + body + "\n" + pad + "}"
    raise TypeError(type(obj))


def main(argv):
    if len(argv) != 2:
        print("usage: torch_trace.py SCENARIO.json > TRACE.json", file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        scenario = json.load(f)
    try:
        trace = run(scenario)
    except ScenarioError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(pretty(trace) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
