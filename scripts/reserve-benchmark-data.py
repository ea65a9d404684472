#!/usr/bin/env python3
"""Deterministic input for the reserve benchmark (BENCHMARKS.md "Reserves, caps and losses").

    python3 scripts/reserve-benchmark-data.py CASE.m OUT_DIR

Writes a market folder for `./gridclear clear --case CASE.m --market OUT_DIR` with two reserve products by area (no
zones.csv: zones are the case's areas; no resources.csv: the case's generators take part as gen<k>, k their row):
reserve_requirements.csv: per area, `spinning` 3 % and `nonspinning` 5 % of the area's load (PD), each a demand curve
of two segments (80 % of it at 1000 $/MW-h, the rest at 100), plus a system `spinning` requirement of 4 % of the load
at 500; reserve_offers.csv: every in-service generator with Pmax > 0 offers `spinning` up to 10 % of Pmax and
`nonspinning` up to 20 %, at a price from its row (2 to 11 $/MW-h spinning, half that nonspinning).
The same arguments always write the same bytes.
"""
import os
import sys


def matrix(text, name):
    start = text.index("mpc.%s = [" % name)
    end = text.index("];", start)
    rows = []
    for line in text[start:end].split("\n")[1:]:
        line = line.split("%")[0].strip().rstrip(";")
        if line:
            rows.append(line.split())
    return rows


def money(x):
    return ("%.4f" % x).rstrip("0").rstrip(".")


def main(argv):
    case, out = argv[0], argv[1]
    text = open(case).read()
    buses = matrix(text, "bus")
    gens = matrix(text, "gen")
    area_load = {}
    for b in buses:
        area = b[6]
        area_load[area] = area_load.get(area, 0.0) + max(0.0, float(b[2]))
    areas = sorted(area_load, key=lambda a: int(a))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "reserve_requirements.csv"), "w") as f:
        f.write("product,zone,segment,mw,price\n")
        for product, share in (("spinning", 0.03), ("nonspinning", 0.05)):
            for area in areas:
                need = share * area_load[area]
                if need <= 0:
                    continue
                f.write("%s,%s,1,%s,1000\n" % (product, area, money(0.8 * need)))
                f.write("%s,%s,2,%s,100\n" % (product, area, money(0.2 * need)))
        total = sum(area_load.values())
        f.write("spinning,system,1,%s,500\n" % money(0.04 * total))
    with open(os.path.join(out, "reserve_offers.csv"), "w") as f:
        f.write("resource,product,segment,mw,price\n")
        for k, g in enumerate(gens, start=1):
            pmax, status = float(g[8]), float(g[7])
            if status <= 0 or pmax <= 0:
                continue
            price = 2 + (k % 10)
            f.write("gen%d,spinning,1,%s,%s\n" % (k, money(0.1 * pmax), money(price)))
            f.write("gen%d,nonspinning,1,%s,%s\n" % (k, money(0.2 * pmax), money(price / 2)))


if __name__ == "__main__":
    main(sys.argv[1:])
