#!/usr/bin/env python3
"""Writes contingencies.csv for full N-1 on a MATPOWER case: every in-service branch whose outage keeps the network in
one piece (not a bridge), in case order, parallel branches told apart by `circuit` (the k-th branch joining the two
buses in case-row order, in service or not, as the market-folder reader counts them). Deterministic: rerunning it
writes the same bytes. Usage: scripts/n1-contingencies.py CASE.m > contingencies.csv
(case_ACTIVSg10k: 8,729 contingencies, the full N-1 of BENCHMARKS.md)."""
import re
import sys
from collections import Counter, defaultdict


def branch_rows(path):
    text = open(path).read()
    body = re.search(r"mpc\.branch\s*=\s*\[(.*?)\];", text, re.S).group(1)
    rows = []
    for line in body.split("\n"):
        line = line.split("%")[0].strip().rstrip(";")
        if line:
            rows.append([float(v) for v in line.split()])
    return rows


def bridges(edges):
    """Indices of the edges whose removal splits their island (iterative Tarjan; parallel edges are never bridges)."""
    adj = defaultdict(list)
    for k, (f, t) in enumerate(edges):
        adj[f].append((t, k))
        adj[t].append((f, k))
    order, low, found, clock = {}, {}, set(), 0
    for root in list(adj):
        if root in order:
            continue
        order[root] = low[root] = clock
        clock += 1
        stack = [(root, -1, iter(adj[root]))]
        while stack:
            node, via, it = stack[-1]
            advanced = False
            for nxt, k in it:
                if k == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = clock
                    clock += 1
                    stack.append((nxt, k, iter(adj[nxt])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.add(via)
    return found


def main():
    rows = branch_rows(sys.argv[1])
    # Circuits count every case branch joining the pair, in service or not.
    seen, circuit = Counter(), []
    for r in rows:
        pair = (min(int(r[0]), int(r[1])), max(int(r[0]), int(r[1])))
        seen[pair] += 1
        circuit.append(seen[pair])
    live = [k for k, r in enumerate(rows) if r[10] != 0]
    edges = [(int(rows[k][0]), int(rows[k][1])) for k in live]
    cut = bridges(edges)
    print("contingency,from_bus,to_bus,circuit")
    written = 0
    for i, k in enumerate(live):
        if i in cut:
            continue
        f, t = edges[i]
        pair = (min(f, t), max(f, t))
        written += 1
        print(f"N{written},{f},{t},{circuit[k] if seen[pair] > 1 else ''}")


if __name__ == "__main__":
    main()
