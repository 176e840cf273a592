#!/usr/bin/env python3
"""Generate the reference fixtures in tests/fixtures/reference/.

Usage (from the repository root):
    python3 tests/reference/make_cases.py [OUT_DIR]

For every case it writes NAME.scenario.json (explicit weights and data, made
deterministically with python's random.Random and a fixed per-case seed) and
NAME.trace.json (the trace of torch_trace.py). Before that it checks the torch
reference against a hand-written pure-Python backprop on a tiny net, and
against the published numbers of Matt Mazur's "A Step by Step Backpropagation
Example" (also written as the fixture `mazur`).

Every case is also checked to be well conditioned for a 1e-7 relative /
1e-9 absolute comparison: no relu/leaky_relu pre-activation near the kink,
no bce loss term where 1-a loses digits to cancellation, no decision
(accuracy) close to a tie.
"""

import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
import torch  # noqa: E402

import torch_trace  # noqa: E402
from torch_trace import Diagnostics, pretty, run  # noqa: E402

DEFAULT_OUT = os.path.join(HERE, "..", "fixtures", "reference")


# --------------------------------------------------------------------------- helpers

def r3(v):
    return round(v, 3)


def r4(v):
    return round(v, 4)


def init_bound(n_in, n_out, act):
    if act in ("relu", "leaky_relu"):
        return math.sqrt(6.0 / n_in)
    return math.sqrt(6.0 / (n_in + n_out))


def random_weights(rng, layers, acts, scale=1.0, bias=0.2):
    out = []
    for l in range(1, len(layers)):
        bound = init_bound(layers[l - 1], layers[l], acts[l - 1]) * scale
        w = [[r4(rng.uniform(-bound, bound)) for _ in range(layers[l - 1])] for _ in range(layers[l])]
        b = [[r4(rng.uniform(-bias, bias))] for _ in range(layers[l])]
        out.append({"w": w, "b": b})
    return out


def rand_x(rng, n, m, lo=-1.0, hi=1.0):
    return [[r3(rng.uniform(lo, hi)) for _ in range(m)] for _ in range(n)]


def columns(mat):
    return [list(c) for c in zip(*mat)]


def rows(cols):
    return [list(r) for r in zip(*cols)]


class Teacher:
    """A random linear/sin 'teacher' that labels inputs, shared by train and test sets."""

    def __init__(self, rng, n_in, n_out):
        self.u = [[rng.gauss(0, 1.5) for _ in range(n_in)] for _ in range(n_out)]
        self.c = [rng.gauss(0, 0.3) for _ in range(n_out)]
        self.rng = rng

    def scores(self, col, noise=0.0):
        out = []
        for u, c in zip(self.u, self.c):
            s = sum(ui * xi for ui, xi in zip(u, col)) + c
            if noise:
                s += self.rng.gauss(0, noise)
            out.append(s)
        return out

    def binary(self, x, noise=0.3):
        return rows([[1.0 if s > 0 else 0.0 for s in self.scores(col, noise)] for col in columns(x)])

    def onehot(self, x, noise=0.3):
        ys = []
        for col in columns(x):
            s = self.scores(col, noise)
            k = max(range(len(s)), key=lambda i: s[i])
            ys.append([1.0 if i == k else 0.0 for i in range(len(s))])
        return rows(ys)

    def regression(self, x, lo, hi):
        ys = []
        for col in columns(x):
            s = self.scores(col)
            ys.append([r3(lo + (hi - lo) * 0.5 * (1 + math.sin(v))) for v in s])
        return rows(ys)

    def soft(self, x):
        ys = []
        for col in columns(x):
            s = self.scores(col)
            mx = max(s)
            e = [math.exp(v - mx) for v in s]
            t = sum(e)
            ys.append([r3(v / t) for v in e])
        return rows(ys)


def scenario(layers, acts, cost, optimizer, weights, x, y, batch_size, epochs, x_test=None, y_test=None):
    data = {"x": x, "y": y}
    if x_test is not None:
        data["x_test"] = x_test
        data["y_test"] = y_test
    return {
        "version": 1,
        "layers": layers,
        "activations": acts,
        "cost": cost,
        "optimizer": optimizer,
        "init": {"weights": weights},
        "data": data,
        "batch_size": batch_size,
        "shuffle": False,
        "epochs": epochs,
    }


def generic(seed, layers, acts, cost, optimizer, m, m_test, batch_size, epochs,
            target="auto", scale=1.0, x_range=(-1.0, 1.0), y_range=(-1.0, 1.0)):
    rng = random.Random(seed)
    n_in, n_out = layers[0], layers[-1]
    weights = random_weights(rng, layers, acts, scale=scale)
    teacher = Teacher(rng, n_in, n_out)
    x = rand_x(rng, n_in, m, *x_range)
    xt = rand_x(rng, n_in, m_test, *x_range) if m_test else None
    if target == "auto":
        target = {"bce": "binary", "cross_entropy": "onehot", "mse": "regression"}[cost]

    def label(xx):
        if target == "binary":
            return teacher.binary(xx)
        if target == "onehot":
            return teacher.onehot(xx)
        if target == "soft":
            return teacher.soft(xx)
        return teacher.regression(xx, *y_range)

    y = label(x)
    yt = label(xt) if m_test else None
    return scenario(layers, acts, cost, optimizer, weights, x, y, batch_size, epochs, xt, yt)


# --------------------------------------------------------------------------- special cases

def saturated_sigmoid():
    """tanh hidden units 1, 2 at exactly +-1 (|z| >= 30), unit 3 unsaturated; sigmoid outputs
    at exactly 0.0 (z < -900) or 1.0 (z > 50), or below the floor (z ~ -45); some of them
    wrong, so both log floors are hit. Wrong outputs give delta = +-1 exactly, which reaches
    the unsaturated hidden unit 3 only (tanh' is exactly 0 at +-1)."""
    rng = random.Random(2201)
    layers, acts = [2, 3, 1], ["tanh", "sigmoid"]
    weights = [
        {"w": [[30.0, 0.0], [0.0, 30.0], [0.4, -0.3]], "b": [[0.0], [0.0], [0.1]]},
        {"w": [[500.0, -450.0, 0.8]], "b": [[5.0]]},
    ]

    def xs(m):
        return [[r3(rng.choice((-1, 1)) * rng.uniform(1.0, 2.0)) for _ in range(m)] for _ in range(2)]

    def ys(x):
        # label = sign of x0 (right when h0 dominates), but flip every third one
        out = []
        for i, col in enumerate(columns(x)):
            lab = 1.0 if col[0] > 0 else 0.0
            if i % 3 == 1:
                lab = 1.0 - lab
            out.append(lab)
        return [out]

    x, xt = xs(8), xs(4)
    return scenario(layers, acts, "bce", {"kind": "sgd", "learning_rate": 0.05}, weights,
                    x, ys(x), 3, 4, xt, ys(xt))


def saturated_softmax():
    """Softmax logits hundreds apart: probabilities exactly 0.0 / 1.0 (exp underflows), some
    wrong, so the cross-entropy floor log(1e-12) is hit; relu hidden layer with big weights."""
    rng = random.Random(2301)
    layers, acts = [2, 3, 3], ["relu", "softmax"]
    weights = [
        {"w": [[40.0, 0.0], [0.0, 40.0], [-30.0, -30.0]], "b": [[0.5], [0.5], [0.5]]},
        {"w": [[12.0, -9.0, 0.0], [-10.0, 11.0, 0.0], [0.0, 0.0, 15.0]], "b": [[0.0], [0.0], [0.0]]},
    ]

    def logits(col):
        h = [max(0.0, sum(wi * xi for wi, xi in zip(row, col)) + b[0])
             for row, b in zip(weights[0]["w"], weights[0]["b"])]
        return [sum(wi * hi for wi, hi in zip(row, h)) for row in weights[1]["w"]]

    def xs(m):
        cols = []
        while len(cols) < m:
            col = [r3(rng.uniform(-3.0, 3.0)), r3(rng.uniform(-3.0, 3.0))]
            z = sorted(logits(col), reverse=True)
            if z[0] - z[1] > 800 and min(abs(v) for v in col) > 0.5:
                cols.append(col)
        return rows(cols)

    def ys(x):
        out = []
        for i, col in enumerate(columns(x)):
            z = logits(col)
            k = max(range(3), key=lambda j: z[j])
            if i % 3 == 2:
                k = (k + 1) % 3
            out.append([1.0 if j == k else 0.0 for j in range(3)])
        return rows(out)

    x, xt = xs(10), xs(4)
    opt = {"kind": "adam", "learning_rate": 0.01}
    return scenario(layers, acts, "cross_entropy", opt, weights, x, ys(x), 4, 3, xt, ys(xt))


def dead_relu():
    """relu hidden layer: unit 3 is dead for every example (bias -5), unit 4 for about half."""
    rng = random.Random(2401)
    layers, acts = [2, 4, 1], ["relu", "sigmoid"]
    weights = random_weights(rng, layers, acts)
    weights[0]["w"][2] = [0.3, -0.2]
    weights[0]["b"][2] = [-5.0]
    weights[0]["w"][3] = [1.2, 0.0]
    weights[0]["b"][3] = [0.05]
    teacher = Teacher(rng, 2, 1)
    x, xt = rand_x(rng, 2, 12), rand_x(rng, 2, 4)
    return scenario(layers, acts, "bce", {"kind": "adam"}, weights,
                    x, teacher.binary(x), 5, 8, xt, teacher.binary(xt))


def xor():
    rng = random.Random(1801)
    layers, acts = [2, 2, 1], ["sigmoid", "sigmoid"]
    weights = random_weights(rng, layers, acts, scale=2.0)
    x = [[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]]
    y = [[0.0, 1.0, 1.0, 0.0]]
    return scenario(layers, acts, "bce", {"kind": "sgd", "learning_rate": 2.0}, weights, x, y, 4, 15)


def sine():
    rng = random.Random(1701)
    layers, acts = [1, 6, 1], ["tanh", "linear"]
    weights = random_weights(rng, layers, acts)
    x = [[r3(rng.uniform(-3, 3)) for _ in range(40)]]
    xt = [[r3(rng.uniform(-3, 3)) for _ in range(10)]]
    y = [[r3(math.sin(v)) for v in x[0]]]
    yt = [[r3(math.sin(v)) for v in xt[0]]]
    return scenario(layers, acts, "mse", {"kind": "adam", "learning_rate": 0.05}, weights,
                    x, y, 8, 15, xt, yt)


MAZUR = {
    "version": 1,
    "layers": [2, 2, 2],
    "activations": ["sigmoid", "sigmoid"],
    "cost": "mse",
    "optimizer": {"kind": "sgd", "learning_rate": 0.5},
    "init": {"weights": [
        {"w": [[0.15, 0.20], [0.25, 0.30]], "b": [[0.35], [0.35]]},
        {"w": [[0.40, 0.45], [0.50, 0.55]], "b": [[0.60], [0.60]]},
    ]},
    "data": {"x": [[0.05], [0.10]], "y": [[0.01], [0.99]]},
    "batch_size": 1,
    "shuffle": False,
    "epochs": 1,
}


def regularized(sc, kind, rate):
    """The scenario with a penalty on its weights: J = C + rate * R(W)."""
    sc["regularization"] = {"kind": kind, "rate": rate}
    return sc


# --------------------------------------------------------------------------- the cases
# (name, what it covers, scenario builder)

def cases():
    S = generic
    return [
        ("logreg_sgd_defaults",
         "depth 1 [2,1] sigmoid+bce (1 unit); sgd all defaults; m=12 bs=4 (divides); test set",
         lambda: S(101, [2, 1], ["sigmoid"], "bce", {"kind": "sgd"}, 12, 6, 4, 10)),
        ("bce2_tanh_momentum",
         "tanh hidden; sigmoid+bce with 2 units; momentum lr=.05 beta=.8; m=15 bs=4 (short last 3); test",
         lambda: S(102, [3, 4, 2], ["tanh", "sigmoid"], "bce",
                   {"kind": "momentum", "learning_rate": 0.05, "beta": 0.8}, 15, 5, 4, 8)),
        ("ce3_relu_adam",
         "relu hidden; softmax+cross_entropy 3 classes; adam all non-default; m=30 bs=8 (short 6); test",
         lambda: S(103, [2, 5, 3], ["relu", "softmax"], "cross_entropy",
                   {"kind": "adam", "learning_rate": 0.02, "beta1": 0.85, "beta2": 0.99, "epsilon": 1e-7},
                   30, 9, 8, 12)),
        ("ce3_deep3_rmsprop_defaults",
         "depth 3 tanh,leaky_relu,softmax+ce; rmsprop all defaults; m=16 bs=6 (short 4); no test",
         lambda: S(104, [4, 6, 5, 3], ["tanh", "leaky_relu", "softmax"], "cross_entropy",
                   {"kind": "rmsprop"}, 16, 0, 6, 10)),
        ("mse_linear_1x1_sgd",
         "depth 1 width 1 [1,1] linear+mse; sgd lr=.05; m=10 bs=3 (short last 1); test",
         lambda: S(105, [1, 1], ["linear"], "mse", {"kind": "sgd", "learning_rate": 0.05},
                   10, 4, 3, 15, y_range=(-2.0, 2.0))),
        ("mse_linear_hidden_momentum_defaults",
         "linear hidden, linear output + mse (2 outputs); momentum all defaults; m=20 bs=5; no test",
         lambda: S(106, [3, 4, 2], ["linear", "linear"], "mse", {"kind": "momentum"}, 20, 0, 5, 6)),
        ("mse_sigmoid_out_bs1",
         "sigmoid hidden, sigmoid output + mse; sgd lr=.5; batch_size 1; m=8; test",
         lambda: S(107, [2, 3, 1], ["sigmoid", "sigmoid"], "mse", {"kind": "sgd", "learning_rate": 0.5},
                   8, 3, 1, 5, y_range=(0.05, 0.95))),
        ("mse_tanh_out_adam_defaults",
         "depth 3 relu,tanh, tanh output + mse (2 outputs); adam all defaults; m=18 bs=5 (short 3); test",
         lambda: S(108, [2, 4, 4, 2], ["relu", "tanh", "tanh"], "mse", {"kind": "adam"},
                   18, 6, 5, 10, y_range=(-0.9, 0.9))),
        ("mse_relu_out_rmsprop",
         "tanh hidden, relu output + mse; rmsprop all non-default; m=16 bs=6 (short 4); no test",
         lambda: S(109, [3, 5, 1], ["tanh", "relu"], "mse",
                   {"kind": "rmsprop", "learning_rate": 0.005, "beta": 0.95, "epsilon": 1e-6},
                   16, 0, 6, 10, y_range=(0.0, 1.5))),
        ("mse_leaky_out_momentum",
         "leaky_relu hidden, leaky_relu output + mse; momentum lr=.03 beta=.5; m=14 bs=7; test",
         lambda: S(110, [2, 3, 1], ["leaky_relu", "leaky_relu"], "mse",
                   {"kind": "momentum", "learning_rate": 0.03, "beta": 0.5}, 14, 5, 7, 8)),
        ("mse_softmax_out_sgd",
         "sigmoid hidden, softmax output + mse (softmax Jacobian), soft targets; sgd lr=.3; m=21 bs=4 (short 1); test",
         lambda: S(111, [3, 4, 3], ["sigmoid", "softmax"], "mse", {"kind": "sgd", "learning_rate": 0.3},
                   21, 6, 4, 10, target="soft")),
        ("single_example_adam",
         "m=1 bs=1, tanh hidden, sigmoid+bce; adam defaults; test set of 2; 3 epochs",
         lambda: S(112, [2, 2, 1], ["tanh", "sigmoid"], "bce", {"kind": "adam"}, 1, 2, 1, 3)),
        ("batch_larger_than_m",
         "batch_size 50 > m=11; leaky_relu hidden, softmax+ce; sgd defaults; test",
         lambda: S(113, [2, 3, 3], ["leaky_relu", "softmax"], "cross_entropy", {"kind": "sgd"},
                   11, 5, 50, 7)),
        ("deep4_bce_momentum",
         "depth 4 relu,tanh,sigmoid, sigmoid+bce; momentum lr=.2 beta=.95; m=40 bs=6 (short 4); test",
         lambda: S(114, [3, 5, 4, 3, 1], ["relu", "tanh", "sigmoid", "sigmoid"], "bce",
                   {"kind": "momentum", "learning_rate": 0.2, "beta": 0.95}, 40, 10, 6, 6)),
        ("bottleneck_bce2_rmsprop_lr_only",
         "width-1 hidden bottleneck [5,1,6,2] leaky_relu,tanh, sigmoid+bce 2 units; rmsprop lr only; full batch m=bs=7; no test",
         lambda: S(115, [5, 1, 6, 2], ["leaky_relu", "tanh", "sigmoid"], "bce",
                   {"kind": "rmsprop", "learning_rate": 0.02}, 7, 0, 7, 9)),
        ("wide6_ce_adam",
         "width 6 [6,6,6,3] relu,relu, softmax+ce; adam lr=.005 beta1=.8 beta2=.9 eps=1e-6; m=36 bs=5 (short 1); test",
         lambda: S(116, [6, 6, 6, 3], ["relu", "relu", "softmax"], "cross_entropy",
                   {"kind": "adam", "learning_rate": 0.005, "beta1": 0.8, "beta2": 0.9, "epsilon": 1e-6},
                   36, 12, 5, 5)),
        ("regression_sine_adam_lr_only",
         "1-6-1 tanh, linear + mse fit of sin(x); adam lr=.05 only; m=40 bs=8; test; 15 epochs",
         sine),
        ("xor_sigmoid_sgd",
         "XOR 2-2-1 sigmoid,sigmoid+bce; sgd lr=2; full batch m=4; no test; 15 epochs",
         xor),
        ("deep4_mse_linear_rmsprop",
         "depth 4 leaky_relu,relu,tanh, linear + mse (2 outputs); rmsprop lr=.003 beta=.99 eps=1e-8; m=25 bs=7 (short 4); test",
         lambda: S(119, [2, 3, 3, 3, 2], ["leaky_relu", "relu", "tanh", "linear"], "mse",
                   {"kind": "rmsprop", "learning_rate": 0.003, "beta": 0.99, "epsilon": 1e-8}, 25, 8, 7, 6)),
        ("deep3_ce_momentum",
         "depth 3 sigmoid,linear, softmax+ce; momentum lr=.5 beta=.7; m=27 bs=3; no test",
         lambda: S(120, [4, 5, 3, 3], ["sigmoid", "linear", "softmax"], "cross_entropy",
                   {"kind": "momentum", "learning_rate": 0.5, "beta": 0.7}, 27, 0, 3, 8)),
        ("bce_multilabel3_adam_beta1_only",
         "relu hidden, sigmoid+bce with 3 independent units; adam beta1=.5 only; m=20 bs=6 (short 2); test",
         lambda: S(121, [3, 4, 3], ["relu", "sigmoid"], "bce", {"kind": "adam", "beta1": 0.5},
                   20, 7, 6, 7)),
        ("saturated_sigmoid_bce",
         "SATURATED: tanh hidden exactly +-1 (plus one live unit), sigmoid outputs exactly 0.0/1.0, some wrong -> both bce log floors hit; sgd lr=.05; m=8 bs=3; test",
         saturated_sigmoid),
        ("saturated_softmax_ce",
         "SATURATED: softmax logits >800 apart -> probs exactly 0/1, some wrong -> ce floor hit; relu hidden with big weights; adam lr=.01; m=10 bs=4; test",
         saturated_softmax),
        ("dead_relu_adam",
         "relu hidden with a unit dead for all examples (zero gradient rows) and one dead for some; sigmoid+bce; adam defaults; m=12 bs=5 (short 2); test",
         dead_relu),
        ("mse_tanh_out_batch_gt_m_sgd",
         "sigmoid hidden, tanh output + mse; batch_size 64 > m=9; sgd lr=.2; test; 12 epochs",
         lambda: S(125, [4, 3, 3], ["sigmoid", "tanh"], "mse", {"kind": "sgd", "learning_rate": 0.2},
                   9, 4, 64, 12, y_range=(-0.8, 0.8))),
        ("mazur",
         "Matt Mazur's step-by-step example: 2-2-2 sigmoid+mse, sgd lr=.5, one update",
         lambda: json.loads(json.dumps(MAZUR))),
        ("l2_bce_tanh_adam",
         "L2 lambda=.01; tanh hidden, sigmoid+bce; adam lr=.03; m=24 bs=6; test",
         lambda: regularized(S(130, [2, 5, 1], ["tanh", "sigmoid"], "bce",
                               {"kind": "adam", "learning_rate": 0.03}, 24, 8, 6, 10), "l2", 0.01)),
        ("l1_ce_relu_sgd",
         "L1 lambda=.003; relu hidden, softmax+ce; sgd lr=.3; m=20 bs=5; test",
         lambda: regularized(S(131, [3, 4, 3], ["relu", "softmax"], "cross_entropy",
                               {"kind": "sgd", "learning_rate": 0.3}, 20, 6, 5, 10), "l1", 0.003)),
        ("l2_mse_momentum",
         "L2 lambda=.1; leaky_relu hidden, linear + mse (2 outputs); momentum lr=.05; m=18 bs=4 (short 2); test",
         lambda: regularized(S(132, [2, 4, 2], ["leaky_relu", "linear"], "mse",
                               {"kind": "momentum", "learning_rate": 0.05}, 18, 5, 4, 8), "l2", 0.1)),
        ("l1_bce_rmsprop",
         "L1 lambda=.01; sigmoid hidden, sigmoid+bce; rmsprop lr=.01; m=16 bs=5 (short 1); test",
         lambda: regularized(S(133, [3, 3, 1], ["sigmoid", "sigmoid"], "bce",
                               {"kind": "rmsprop", "learning_rate": 0.01}, 16, 4, 5, 8), "l1", 0.01)),
    ]


# --------------------------------------------------------------------------- self checks

def hand_backprop_221():
    """Pure-Python backprop of a 2-2-1 tanh/sigmoid net with bce, m=1, against torch_trace."""
    w1 = [[0.3, -0.1], [0.2, 0.4]]
    b1 = [0.05, -0.02]
    w2 = [0.5, -0.6]
    b2 = 0.1
    x = [0.7, -1.2]
    y = 1.0
    lr = 0.3

    z1 = [w1[i][0] * x[0] + w1[i][1] * x[1] + b1[i] for i in range(2)]
    a1 = [math.tanh(v) for v in z1]
    z2 = w2[0] * a1[0] + w2[1] * a1[1] + b2
    a2 = 1 / (1 + math.exp(-z2))
    d2 = a2 - y                                   # sigmoid + bce
    d1 = [w2[i] * d2 * (1 - a1[i] ** 2) for i in range(2)]
    dw2 = [d2 * a1[0], d2 * a1[1]]
    db2 = d2
    dw1 = [[d1[i] * x[0], d1[i] * x[1]] for i in range(2)]
    db1 = d1
    nw1 = [[w1[i][j] - lr * dw1[i][j] for j in range(2)] for i in range(2)]
    nb1 = [b1[i] - lr * db1[i] for i in range(2)]
    nw2 = [w2[j] - lr * dw2[j] for j in range(2)]
    nb2 = b2 - lr * db2
    z1n = [nw1[i][0] * x[0] + nw1[i][1] * x[1] + nb1[i] for i in range(2)]
    a1n = [math.tanh(v) for v in z1n]
    a2n = 1 / (1 + math.exp(-(nw2[0] * a1n[0] + nw2[1] * a1n[1] + nb2)))
    loss = -math.log(a2n)

    sc = scenario([2, 2, 1], ["tanh", "sigmoid"], "bce", {"kind": "sgd", "learning_rate": lr},
                  [{"w": w1, "b": [[v] for v in b1]}, {"w": [w2], "b": [[b2]]}],
                  [[x[0]], [x[1]]], [[y]], 1, 1)
    t = run(sc)
    L0, L1 = t["first_step"]["layers"]
    expect = [
        (L0["z"], [[z1[0]], [z1[1]]]), (L0["a"], [[a1[0]], [a1[1]]]),
        (L0["delta"], [[d1[0]], [d1[1]]]), (L0["dw"], dw1), (L0["db"], [[db1[0]], [db1[1]]]),
        (L1["z"], [[z2]]), (L1["a"], [[a2]]), (L1["delta"], [[d2]]),
        (L1["dw"], [dw2]), (L1["db"], [[db2]]),
        (t["final"]["layers"][0]["w"], nw1), (t["final"]["layers"][0]["b"], [[nb1[0]], [nb1[1]]]),
        (t["final"]["layers"][1]["w"], [nw2]), (t["final"]["layers"][1]["b"], [[nb2]]),
        ([[t["epochs"][0]["train_loss"]]], [[loss]]),
    ]
    worst = 0.0
    for got, want in expect:
        for gr, wr in zip(got, want):
            for g, w in zip(gr, wr):
                worst = max(worst, abs(g - w))
    assert worst < 1e-15, f"hand backprop disagrees with torch by {worst}"
    return worst


def check_mazur():
    t = run(MAZUR)
    w1, w2 = t["final"]["layers"][0]["w"], t["final"]["layers"][1]["w"]
    published = {
        "w1": (w1[0][0], 0.149780716), "w2": (w1[0][1], 0.19956143),
        "w3": (w1[1][0], 0.24975114), "w4": (w1[1][1], 0.29950229),
        "w5": (w2[0][0], 0.35891648), "w6": (w2[0][1], 0.408666186),
        "w7": (w2[1][0], 0.511301270), "w8": (w2[1][1], 0.561370121),
    }
    for name, (got, want) in published.items():
        digits = len(repr(want).split(".")[1])
        assert round(got, digits) == want, f"mazur {name}: {got} vs published {want}"
    out = t["first_step"]["layers"][1]["a"]
    assert round(out[0][0], 9) == 0.751365070 and round(out[1][0], 9) == 0.772928465, out
    # total error before the update (the trace reports per-epoch losses after updates)
    y = (0.01, 0.99)
    e0 = sum(0.5 * (yy - a[0]) ** 2 for yy, a in zip(y, out))
    assert round(e0, 9) == 0.298371109, e0
    # Mazur updates the weights only, never the biases: recompute his post-update error
    params = [(torch.tensor(l["w"]), torch.tensor(b["b"]))
              for l, b in zip(t["final"]["layers"], MAZUR["init"]["weights"])]
    x = torch.tensor(MAZUR["data"]["x"])
    yt = torch.tensor(MAZUR["data"]["y"])
    _, as_ = torch_trace.forward(params, ["sigmoid", "sigmoid"], x)
    e1 = torch_trace.per_example_cost("mse", as_[-1], yt).mean().item()
    # He publishes 0.291027924; the exact value is 0.2910277737 (plain Python floats with his
    # own printed weights give the same), so his 9th digits are off: check 6 decimals only.
    assert round(e1, 6) == round(0.291027924, 6), e1
    assert abs(e1 - 0.2910277737) < 1e-10, e1
    # ... and "after 10,000 such updates" he reports 0.0000351085. That is the error after
    # 9,999 updates (his loop prints before its last update); 10,000 give 3.51019e-05.
    ws = [torch.tensor(l["w"]).requires_grad_(True) for l in MAZUR["init"]["weights"]]
    bs = [torch.tensor(l["b"]) for l in MAZUR["init"]["weights"]]
    errors = []
    for _ in range(10001):
        _, as_ = torch_trace.forward(list(zip(ws, bs)), ["sigmoid", "sigmoid"], x)
        loss = torch_trace.training_loss("mse", "sigmoid", None, as_[-1], yt, 1)
        errors.append(loss.item())
        gs = torch.autograd.grad(loss, ws)
        with torch.no_grad():
            for w, g in zip(ws, gs):
                w.sub_(0.5 * g)
    assert f"{errors[9999]:.6g}" == "3.51085e-05", errors[9999]
    e10k = errors[10000]
    assert f"{e10k:.6g}" == "3.51019e-05", e10k
    return e0, e1, e10k


def check_conditioning(name, sc, diag, trace):
    assert diag.min_gate_abs_z > 1e-6, f"{name}: a relu z is {diag.min_gate_abs_z} from the kink"
    assert diag.bce_cancel < 1e-10, f"{name}: bce 1-a cancellation {diag.bce_cancel}"
    assert diag.min_decision_margin > 1e-6, f"{name}: accuracy decision margin {diag.min_decision_margin}"
    if name.startswith("saturated"):
        assert diag.exact_saturated > 0 and diag.floor_hits > 0, f"{name}: not saturated"
        out = [v for row in trace["first_step"]["layers"][-1]["a"] for v in row]
        assert 0.0 in out and 1.0 in out, f"{name}: first-step outputs not exactly 0 and 1"
    if name.startswith("dead_relu"):
        assert diag.relu_negative > 0
        l0 = trace["first_step"]["layers"][0]
        assert all(v == 0.0 for v in l0["dw"][2]) and l0["db"][2][0] == 0.0
    for e in trace["epochs"]:
        for k in ("train_loss", "test_loss", "train_accuracy", "test_accuracy"):
            v = e[k]
            assert v is None or math.isfinite(v), f"{name}: non-finite {k}"


def main(argv):
    out_dir = os.path.abspath(argv[1] if len(argv) > 1 else DEFAULT_OUT)
    os.makedirs(out_dir, exist_ok=True)
    worst = hand_backprop_221()
    print(f"hand backprop 2-2-1: max |torch - python| = {worst:.3g}")
    e0, e1, e10k = check_mazur()
    print(f"mazur: E_total {e0:.9f}, after one update {e1:.9f}, after 10000 {e10k:.9g}")
    for name, what, build in cases():
        sc = build()
        diag = Diagnostics()
        trace = run(sc, diag)
        check_conditioning(name, sc, diag, trace)
        with open(os.path.join(out_dir, f"{name}.scenario.json"), "w") as f:
            f.write(pretty(sc) + "\n")
        with open(os.path.join(out_dir, f"{name}.trace.json"), "w") as f:
            f.write(pretty(trace) + "\n")
        print(f"{name:40s} {what}")
    print(f"torch {torch.__version__}; wrote {len(cases())} cases to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
