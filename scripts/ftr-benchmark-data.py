#!/usr/bin/env python3
"""Writes the FTR auction benchmark's inputs: a market folder with N contingencies and a bids file of random
obligations and options between random buses of a MATPOWER case. Seeded, so every run sees the same data.
Usage: scripts/ftr-benchmark-data.py CASE.m OUTDIR [BIDS=20000] [CONTINGENCIES=100] [SEED=1]"""
import random, re, sys, os
case, out = sys.argv[1], sys.argv[2]
nbids = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
ncont = int(sys.argv[4]) if len(sys.argv) > 4 else 100
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 1)
text = open(case).read()
def matrix(name):
    m = re.search(r"mpc\." + name + r"\s*=\s*\[(.*?)\];", text, re.S)
    rows = []
    for line in m.group(1).split("\n"):
        line = line.split("%")[0].strip().rstrip(";")
        if line:
            rows.append([float(v) for v in line.split()])
    return rows
buses = [int(r[0]) for r in matrix("bus") if int(r[1]) != 4]
branches = [(int(r[0]), int(r[1]), r[5]) for r in matrix("branch") if r[10] != 0]
# Outages of rated branches whose end buses have degree ≥ 2 on both sides (most are not bridges; the model skips any that is).
degree = {}
for f, t, _ in branches:
    degree[f] = degree.get(f, 0) + 1
    degree[t] = degree.get(t, 0) + 1
pairs = {}
for f, t, _ in branches:
    pairs[(min(f, t), max(f, t))] = pairs.get((min(f, t), max(f, t)), 0) + 1
cands = [(f, t) for f, t, rate in branches if rate > 0 and degree[f] > 2 and degree[t] > 2 and pairs[(min(f, t), max(f, t))] == 1]
rng.shuffle(cands)
os.makedirs(os.path.join(out, "market"), exist_ok=True)
with open(os.path.join(out, "market", "contingencies.csv"), "w") as fh:
    fh.write("contingency,from_bus,to_bus\n")
    for k, (f, t) in enumerate(cands[:ncont]):
        fh.write(f"c{k},{f},{t}\n")
with open(os.path.join(out, "bids.csv"), "w") as fh:
    fh.write("bid,bidder,source,sink,kind,side,mw,price\n")
    for k in range(nbids):
        s, t = rng.sample(buses, 2)
        kind = "option" if rng.random() < 0.3 else "obligation"
        price = round(rng.uniform(0, 400) - (100 if kind == "obligation" else 0), 2)
        fh.write(f"b{k},p{k % 50},{s},{t},{kind},buy,{round(rng.uniform(5, 100), 1)},{price}\n")
