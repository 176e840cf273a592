#!/usr/bin/env python3
"""What takes the bytes of the page's wasm, gzipped one group at a time (benches/README.md,
"Download size"). Reads a wasm that still has its name section, such as:

    cargo build --release --target wasm32-unknown-unknown --lib
    wasm-bindgen --target web --out-dir /tmp/bg target/wasm32-unknown-unknown/release/backprop_playground.wasm
    wasm-opt -O3 --one-caller-inline-max-function-size=0 --flexible-inline-max-function-size=0 \
        --converge --low-memory-unused -g /tmp/bg/backprop_playground_bg.wasm -o /tmp/named.wasm
    python3 scripts/wasm-size.py /tmp/named.wasm            # the groups
    python3 scripts/wasm-size.py /tmp/named.wasm 'serde' 30  # the 30 largest functions matching

Each group's function bodies are compressed together (zlib level 9, what gzip -9 does), so a
group's figure is what it adds to the gzipped download; the groups' sum is close to the
whole. `-g` keeps the names; the same wasm without them is the one trunk ships.
"""

import collections
import re
import sys
import zlib

# the first pattern a function's name matches names its group
GROUPS = [
    ("serde_json", r"serde_json"),
    ("serde", r"serde"),
    ("scenario", r"backprop_playground::scenario"),
    ("web", r"backprop_playground::web"),
    ("session", r"backprop_playground::session"),
    ("backprop_core", r"backprop_core"),
    ("backprop_figures", r"backprop_figures"),
    ("ndarray", r"ndarray"),
    ("plotters", r"plotters"),
    ("miniz_oxide", r"miniz"),
    ("float formatting", r"flt2dec|float_to_|fmt::float|zmij|dec2flt|lexical"),
    ("core::fmt", r"core::fmt"),
    ("allocator, alloc", r"dlmalloc|alloc::|RawVec|__rust_"),
    ("libm", r"libm"),
    ("bindings' glue", r"wasm_bindgen|js_sys|web_sys|externref|shim"),
    ("core", r"^core::|^<core"),
]


def leb(b, i):
    result = shift = 0
    while True:
        x = b[i]
        i += 1
        result |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return result, i


def name(b, i):
    n, i = leb(b, i)
    return b[i : i + n].decode("utf8", "replace"), i + n


def skip_const_expr(b, i):
    while b[i] != 0x0B:
        i += 1
    return i + 1


def read(path):
    """Function bodies by index, their names, and the data segments."""
    data = open(path, "rb").read()
    i, sections = 8, []
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        sections.append((sid, data[i : i + size]))
        i += size
    imports, bodies, names, segments = 0, [], {}, []
    for sid, b in sections:
        if sid == 2:  # imports: functions among them take the first indices
            n, j = leb(b, 0)
            for _ in range(n):
                _, j = name(b, j)
                _, j = name(b, j)
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imports += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                else:
                    j += 2
        elif sid == 10:  # code
            n, j = leb(b, 0)
            for _ in range(n):
                size, j = leb(b, j)
                bodies.append(b[j : j + size])
                j += size
        elif sid == 11:  # data
            n, j = leb(b, 0)
            for _ in range(n):
                flags, j = leb(b, j)
                if flags == 2:
                    _, j = leb(b, j)
                if flags in (0, 2):
                    j = skip_const_expr(b, j)
                size, j = leb(b, j)
                segments.append(b[j : j + size])
                j += size
        elif sid == 0:
            section, j = name(b, 0)
            while section == "name" and j < len(b):
                sub = b[j]
                size, j = leb(b, j + 1)
                end = j + size
                if sub == 1:
                    n, k = leb(b, j)
                    for _ in range(n):
                        index, k = leb(b, k)
                        names[index], k = name(b, k)
                j = end
    return [(names.get(imports + k, "?"), body) for k, body in enumerate(bodies)], segments


def group(function):
    function = re.sub(r"::h[0-9a-f]{16}$", "", function)
    function = re.sub(r"\[[0-9a-f]{16}\]", "", function)
    for label, pattern in GROUPS:
        if re.search(pattern, function):
            return label
    return "other (exports' bodies, shims, builtins)"


def gz(b):
    return len(zlib.compress(b, 9))


def main():
    functions, segments = read(sys.argv[1])
    if len(sys.argv) > 2:
        rows = [(len(b), gz(b), f) for f, b in functions if re.search(sys.argv[2], f)]
        rows.sort(reverse=True)
        print(f"{len(rows)} functions, {sum(r[0] for r in rows)} B")
        for raw, z, f in rows[: int(sys.argv[3]) if len(sys.argv) > 3 else 40]:
            print(f"{raw:7} B {z:6} B alone gzipped  {f[:160]}")
        return
    groups = collections.defaultdict(list)
    for f, b in functions:
        groups[group(f)].append(b)
    groups["data segments"] = segments
    rows = sorted(((gz(b"".join(v)), len(b"".join(v)), k) for k, v in groups.items()), reverse=True)
    for z, raw, label in rows:
        print(f"{z / 1024:6.1f} KiB gzipped {raw / 1024:7.1f} KiB  {label}")
    print(f"{sum(r[0] for r in rows) / 1024:6.1f} KiB gzipped in all (groups compressed apart)")


if __name__ == "__main__":
    main()
