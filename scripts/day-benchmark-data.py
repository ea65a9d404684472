#!/usr/bin/env python3
"""Writes a 24-hour day-ahead market folder for a MATPOWER case (the day benchmark of BENCHMARKS.md, issue 12).

    python3 scripts/day-benchmark-data.py CASE.m OUTDIR [HOURS=24]

Deterministic (no randomness: the same bytes every run). Every in-service generator with PMAX > 0 is a generator
resource `g<k>` (k its 1-based row in mpc.gen) offering its MATPOWER cost as steps: a polynomial cost is cut into four
equal-width steps priced at its marginal cost at each step's midpoint (c1 + 2·c2·p), a piecewise-linear cost into its
own segments; min_mw is PMIN. Every bus with a load (PD ≠ 0) is a load resource `l<bus>` with fixed demand PD × the
hour's share of a winter day's shape (RTS-GMLC's 1 January 2020 day-ahead load of area 1 over its peak, embedded below),
so the load moves from 73 % to 100 % of the case's PD over the day. One participant per MATPOWER area.
"""

import os
import re
import sys

# RTS-GMLC DAY_AHEAD_regional_Load.csv, 2020-01-01, area 1, hours 1..24, divided by the day's peak (1347.09 MW).
SHAPE = [
    0.7312, 0.7317, 0.7435, 0.7692, 0.8461, 0.9552, 1.0000, 0.9691, 0.9149, 0.8791, 0.8561, 0.8383,
    0.8223, 0.8121, 0.8074, 0.8103, 0.8689, 0.9503, 0.9398, 0.9244, 0.8943, 0.8296, 0.7655, 0.7357,
]


def matrix(text, name):
    m = re.search(r"mpc\." + name + r"\s*=\s*\[(.*?)\];", text, re.S)
    rows = []
    for line in m.group(1).split("\n"):
        line = line.split("%")[0].strip().rstrip(";").strip()
        if line:
            rows.append([float(v) for v in line.split()])
    return rows


def num(v):
    v = round(v, 4)
    if v == 0:
        return "0"
    return f"{v:.4f}".rstrip("0").rstrip(".")


def steps(cost, pmin, pmax):
    """Offer steps (mw, price) of a generator from its gencost row, prices never falling."""
    model, n = int(cost[0]), int(cost[3])
    out = []
    if model == 2:
        c = cost[4:4 + n][::-1] + [0.0] * 3  # c0, c1, c2, ...
        c1, c2 = c[1], c[2]
        width = pmax / 4
        out = [(width, c1 + 2 * c2 * (width * (k + 0.5))) for k in range(4)]
    else:
        points = cost[4:4 + 2 * n]
        xs, ys = points[0::2], points[1::2]
        for k in range(1, len(xs)):
            if xs[k] > xs[k - 1]:
                out.append((xs[k] - xs[k - 1], (ys[k] - ys[k - 1]) / (xs[k] - xs[k - 1])))
        scale = pmax / sum(w for w, _ in out) if out else 1
        out = [(w * scale, p) for w, p in out]
    result, last = [], -1e30
    for w, p in out:
        last = max(last, round(p, 4))
        if round(w, 4) > 0:
            result.append((w, last))
    return result or [(pmax, 0.0)]


def main():
    case, out = sys.argv[1], sys.argv[2]
    hours = int(sys.argv[3]) if len(sys.argv) > 3 else 24
    text = open(case, encoding="utf-8").read()
    bus = matrix(text, "bus")
    gen = matrix(text, "gen")
    gencost = matrix(text, "gencost")
    area = {int(b[0]): int(b[6]) for b in bus}
    os.makedirs(out, exist_ok=True)
    resources, offers, demand = [], [], []
    for k, (g, cost) in enumerate(zip(gen, gencost), start=1):
        if g[7] <= 0 or g[8] <= 0:
            continue
        pmax, pmin = g[8], max(0.0, g[9])
        curve = steps(cost, pmin, pmax)
        capacity = sum(round(w, 4) for w, _ in curve)
        resources.append(f"g{k},area{area[int(g[0])]},{int(g[0])},generator,nodal,{num(min(pmin, capacity))}")
        for s, (w, p) in enumerate(curve, start=1):
            offers.append(f"g{k},{s},{num(w)},{num(p)}")
    for b in bus:
        if b[2] != 0 and int(b[1]) != 4:
            resources.append(f"l{int(b[0])},area{area[int(b[0])]},{int(b[0])},load,nodal,0")
            for h in range(1, hours + 1):
                demand.append(f"l{int(b[0])},{num(b[2] * SHAPE[(h - 1) % 24])},{h}")
    for name, header, rows in (
        ("resources.csv", "resource,participant,bus,kind,settlement,min_mw", resources),
        ("offers.csv", "resource,segment,mw,price", offers),
        ("demand.csv", "resource,mw,interval", demand),
    ):
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(header + "\n" + "".join(r + "\n" for r in rows))


if __name__ == "__main__":
    main()
