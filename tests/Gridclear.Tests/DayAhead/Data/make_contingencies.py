#!/usr/bin/env python3
"""Writes contingencies.csv for a MATPOWER case: the first N in-service, limited branches (case order) that are not
bridges and have no parallel twin, so each outage keeps the network in one piece. Used for the benchmark in
BENCHMARKS (pglib_opf_case2000_goc with 200 contingencies): make_contingencies.py CASE.m 200 > contingencies.csv"""
import re
import sys
from collections import Counter, defaultdict


def branches(path):
    text = open(path).read()
    body = re.search(r"mpc\.branch\s*=\s*\[(.*?)\];", text, re.S).group(1)
    rows = []
    for line in body.split("\n"):
        line = line.split("%")[0].strip().rstrip(";")
        if line:
            rows.append([float(v) for v in line.split()])
    return rows


def bridges(edges):
    adj = defaultdict(list)
    for k, (f, t) in enumerate(edges):
        adj[f].append((t, k))
        adj[t].append((f, k))
    order, low, found, clock = {}, {}, set(), [0]
    for root in list(adj):
        if root in order:
            continue
        order[root] = low[root] = clock[0]
        clock[0] += 1
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
                    order[nxt] = low[nxt] = clock[0]
                    clock[0] += 1
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
    path, count = sys.argv[1], int(sys.argv[2])
    rows = [r for r in branches(path) if r[10] > 0]
    edges = [(int(r[0]), int(r[1])) for r in rows]
    pairs = Counter((min(f, t), max(f, t)) for f, t in edges)
    cut = bridges(edges)
    print("contingency,from_bus,to_bus")
    written = 0
    for k, r in enumerate(rows):
        f, t = edges[k]
        if k in cut or pairs[(min(f, t), max(f, t))] > 1 or not (0 < r[5] < 1e10):
            continue
        print(f"C{written + 1},{f},{t}")
        written += 1
        if written == count:
            break


main()
