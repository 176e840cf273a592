#!/usr/bin/env python3
"""The constants of src/math/elementary.rs, printed as the Rust items to paste there.

Needs mpmath (`pip install mpmath`); runs in a few seconds. Everything is computed with
60 significant digits and rounded to the nearest double at the end:

- ln2/128 split into a head of 35 significant bits (k * head is exact for |k| < 2^18) and the
  rest, and 128/ln2;
- the table: T_j, the double nearest 2^(j/128), and tau_j = (2^(j/128) - T_j)/T_j, j = 0..127;
- C2..C5: (e^r - 1 - r)/r^2 ~ C2 + C3 r + C4 r^2 + C5 r^3 on |r| <= ln2/256 (1 + 2^-20),
  minimax (Remez exchange) in absolute error;
- Q: (tanh(x)/x - 1)/x^2 ~ Q1 + Q2 w + ... + Q6 w^5, w = x^2 <= 1/64, minimax likewise.

The Remez fits here bound the error of the fitted function, not the weighted one; the
printed bounds are those of e^r and of tanh x (relative) that follow.
"""
import struct

import mpmath as mp

mp.mp.dps = 60
N = 128


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", float(x)))[0]


def remez(f, degree, lo, hi, iterations=15, samples=1000):
    """Minimax polynomial c0 + c1 x + ... of f on [lo, hi]: (coefficients, max error)."""
    n = degree + 1
    xs = [(lo + hi) / 2 - (hi - lo) / 2 * mp.cos(mp.pi * i / n) for i in range(n + 1)]
    grid = [lo + (hi - lo) * mp.mpf(i) / samples for i in range(samples + 1)]
    for _ in range(iterations):
        a = mp.matrix(n + 1, n + 1)
        b = mp.matrix(n + 1, 1)
        for i, x in enumerate(xs):
            for j in range(n):
                a[i, j] = x**j
            a[i, n] = (-1) ** i
            b[i] = f(x)
        sol = mp.lu_solve(a, b)
        c = [sol[j] for j in range(n)]
        err = [mp.polyval(c[::-1], x) - f(x) for x in grid]
        runs, run = [], [0]
        for i in range(1, len(grid)):
            if mp.sign(err[i]) == mp.sign(err[run[0]]):
                run.append(i)
            else:
                runs.append(run)
                run = [i]
        runs.append(run)
        peaks = [max(r, key=lambda i: abs(err[i])) for r in runs]
        while len(peaks) > n + 1:
            peaks.pop(0 if abs(err[peaks[0]]) < abs(err[peaks[-1]]) else -1)
        xs = [grid[i] for i in peaks]
    return c, max(abs(e) for e in err)


def rust_f64(name, x):
    return f"const {name}: f64 = f64::from_bits(0x{bits(x):016x});"


def main():
    ln2 = mp.log(2)
    step = ln2 / N
    quantum = mp.mpf(2) ** (mp.floor(mp.log(step, 2)) - 34)
    head = mp.nint(step / quantum) * quantum
    print(rust_f64("INV_LN2_N", N / ln2))
    print(rust_f64("LN2_N_HI", head))
    print(rust_f64("LN2_N_LO", step - head))

    def expm1_minus_r_over_r2(r):
        if abs(r) < mp.mpf(10) ** -15:
            return mp.mpf(1) / 2 + r / 6 + r**2 / 24
        return (mp.exp(r) - 1 - r) / r**2

    reach = ln2 / (2 * N) * (1 + mp.mpf(2) ** -20)
    c, err = remez(expm1_minus_r_over_r2, 3, -reach, reach)
    for i, ci in enumerate(c):
        print(rust_f64(f"C{i + 2}", ci))
    print(f"// e^r: absolute error < 2^{float(mp.log(err * reach**2, 2)):.1f}")

    def tanh_q(w):
        if w < mp.mpf(10) ** -12:
            return -mp.mpf(1) / 3 + 2 * w / 15 - 17 * w**2 / 315
        x = mp.sqrt(w)
        return (mp.tanh(x) / x - 1) / w

    top = mp.mpf(1) / 64
    q, err = remez(tanh_q, 5, mp.mpf(0), top, iterations=12, samples=600)
    print("const Q: [f64; 6] = [")
    for qi in q:
        print(f"    f64::from_bits(0x{bits(qi):016x}),")
    print("];")
    print(f"// tanh x: relative error < 2^{float(mp.log(err * top, 2)):.1f}")

    rows = []
    for j in range(N):
        v = mp.mpf(2) ** (mp.mpf(j) / N)
        t = mp.mpf(float(v))
        rows += [bits((v - t) / t), bits(t)]
    print("const TABLE: [u64; 2 * N as usize] = [")
    for i in range(0, len(rows), 4):
        print("    " + ", ".join(f"0x{r:016x}" for r in rows[i : i + 4]) + ",")
    print("];")


if __name__ == "__main__":
    main()
