#!/usr/bin/env python3
"""Deterministic input for the flow-path requirements benchmark (BENCHMARKS.md "Flow-path rights").

    python3 scripts/flowpath-benchmark-data.py CASE.m OUT_DIR [--schedules 10000] [--paths 20] [--seed 1]

Writes a market folder for `./gridclear path-rights --case CASE.m --market OUT_DIR`: schedules.csv (balanced
schedules of 2 to 4 buses, 10-200 MW), flowpaths.csv (paths of 1 to 3 in-service branches joining different
MATPOWER areas where there are such, else any), thresholds.csv (W 5, X 10, Y 20, Z 30) and path_rights.csv (one
right per participant and path for half the participants). No zones.csv: zones are the case's areas.
The same arguments always write the same bytes (a fixed linear congruential generator, no Python hash order).
"""
import sys


class Lcg:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFF

    def next(self, n):
        self.state = (self.state * 25214903917 + 11) & 0xFFFFFFFFFFFF
        return (self.state >> 17) % n


def matrix(text, name):
    start = text.index("mpc.%s = [" % name)
    end = text.index("];", start)
    rows = []
    for line in text[start:end].split("\n")[1:]:
        line = line.split("%")[0].strip().rstrip(";")
        if line:
            rows.append(line.split())
    return rows


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    opts = dict(zip(argv[::1], argv[1::1]))
    case, out = args[0], args[1]
    n_sched = int(opts.get("--schedules", 10000))
    n_paths = int(opts.get("--paths", 20))
    rng = Lcg(int(opts.get("--seed", 1)))
    text = open(case).read()
    buses = [(int(float(r[0])), int(float(r[6]))) for r in matrix(text, "bus") if int(float(r[1])) != 4]
    area = dict(buses)
    branches = [(int(float(r[0])), int(float(r[1]))) for r in matrix(text, "branch") if int(float(r[10])) > 0]
    count = {}
    for f, t in branches:
        key = (min(f, t), max(f, t))
        count[key] = count.get(key, 0) + 1
    # Single (not parallel) branches only, so no circuit column is needed.
    single = [(f, t) for f, t in branches if count[(min(f, t), max(f, t))] == 1 and f in area and t in area]
    ties = [b for b in single if area[b[0]] != area[b[1]]] or single

    import os
    os.makedirs(out, exist_ok=True)
    used = set()
    with open(os.path.join(out, "flowpaths.csv"), "w") as f:
        f.write("path,from_bus,to_bus,weight,rating\n")
        for p in range(n_paths):
            rating = 200 + 50 * rng.next(20)
            wanted, written = 1 + rng.next(3), 0
            while written < wanted:
                b = ties[rng.next(len(ties))]
                if b in used:
                    continue
                used.add(b)
                written += 1
                f.write("PATH%02d,%d,%d,1,%d\n" % (p + 1, b[0], b[1], rating))
    bus_ids = [b for b, _ in buses]
    with open(os.path.join(out, "schedules.csv"), "w") as f:
        f.write("schedule,participant,bus,mw,balanced\n")
        for s in range(n_sched):
            legs = []
            chosen = set()
            for _ in range(2 + rng.next(3)):
                b = bus_ids[rng.next(len(bus_ids))]
                if b not in chosen:
                    chosen.add(b)
                    legs.append(b)
            if len(legs) < 2:
                legs.append(bus_ids[(bus_ids.index(legs[0]) + 1) % len(bus_ids)])
            mws = [10 + rng.next(191) for _ in legs[:-1]]
            mws.append(-sum(mws))
            for b, mw in zip(legs, mws):
                f.write("S%05d,SC%03d,%d,%d,true\n" % (s + 1, s % 200, b, mw))
    with open(os.path.join(out, "thresholds.csv"), "w") as f:
        f.write("parameter,value\nW,5\nX,10\nY,20\nZ,30\n")
    with open(os.path.join(out, "path_rights.csv"), "w") as f:
        f.write("holder,path,mw\n")
        for sc in range(0, 200, 2):
            for p in range(n_paths):
                f.write("SC%03d,PATH%02d,%d\n" % (sc, p + 1, rng.next(101) - 50))


if __name__ == "__main__":
    main(sys.argv[1:])
