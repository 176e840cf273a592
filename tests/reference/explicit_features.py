#!/usr/bin/env python3
"""Input features on explicit data, computed independently of the Rust code.

    python3 tests/reference/explicit_features.py      (from the repo root)

writes two scenarios into tests/fixtures/features/:

  points.scenario.json        explicit points x (2 rows) with all seven `features`
  prefeaturised.scenario.json the same net and data with x already holding the seven
                              features, computed here in plain Python floats:
                              x1, x2, x1*x1, x2*x2, x1*x2, math.sin(x1), math.sin(x2)

`tests/explicit_features.rs` checks the engine against them: the products are exact IEEE
operations, so those inputs must agree bit for bit; sin is correctly rounded here (the script
checks every math.sin against a 60-digit Taylor series in `decimal` before writing), and the
engine's libm sin must be within 1 ulp of it (libm's bound; sin(-2.41) is in fact 1 ulp
below). The two traces must be equal bit for bit. Running the script again rewrites identical
files.
"""

import json
import math
import os
import random
from decimal import Decimal, getcontext

FEATURES = ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2"]


def exact_sin(x):
    """sin of the binary value x to 60 digits, by its Taylor series (|x| <= 5 here)."""
    getcontext().prec = 60
    x = Decimal(x)
    total, term, n = Decimal(0), x, 1
    while abs(term) > Decimal(10) ** -55:
        total += term
        term = -term * x * x / ((n + 1) * (n + 2))
        n += 2
    return float(total)


def featurise(x1, x2):
    for v in (x1, x2):
        assert math.sin(v) == exact_sin(v), f"math.sin({v}) is not correctly rounded"
    return [x1, x2, x1 * x1, x2 * x2, x1 * x2, math.sin(x1), math.sin(x2)]


def points(rng, m):
    xs = [[round(rng.uniform(-5, 5), 3) for _ in range(m)] for _ in range(2)]
    y = [[1 if xs[0][j] ** 2 + xs[1][j] ** 2 < 12 else 0 for j in range(m)]]
    return xs, y


def main():
    rng = random.Random(13)
    x, y = points(rng, 12)
    x_test, y_test = points(rng, 4)
    layers = [7, 4, 1]
    weights = [
        {
            "w": [[round(rng.gauss(0, 0.5), 4) for _ in range(layers[l])]
                  for _ in range(layers[l + 1])],
            "b": [[round(rng.gauss(0, 0.1), 4)] for _ in range(layers[l + 1])],
        }
        for l in range(2)
    ]
    base = {
        "version": 1,
        "layers": layers,
        "activations": ["tanh", "sigmoid"],
        "cost": "bce",
        "optimizer": {"kind": "adam", "learning_rate": 0.05},
        "init": {"weights": weights},
        "batch_size": 5,
        "shuffle": False,
        "epochs": 4,
    }
    columns = lambda m: [featurise(m[0][j], m[1][j]) for j in range(len(m[0]))]
    rows = lambda cols: [[c[i] for c in cols] for i in range(len(FEATURES))]
    with_points = dict(base, data={"x": x, "y": y, "x_test": x_test, "y_test": y_test,
                                   "features": FEATURES})
    prefeaturised = dict(base, data={"x": rows(columns(x)), "y": y,
                                     "x_test": rows(columns(x_test)), "y_test": y_test})
    out = os.path.join("tests", "fixtures", "features")
    os.makedirs(out, exist_ok=True)
    for name, scenario in [("points", with_points), ("prefeaturised", prefeaturised)]:
        with open(os.path.join(out, f"{name}.scenario.json"), "w") as f:
            json.dump(scenario, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
