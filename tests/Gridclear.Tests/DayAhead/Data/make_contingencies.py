#!/usr/bin/env python3
"""Writes contingencies.csv for a MATPOWER case: the first N in-service, limited branches (case order) that are not
bridges and have no parallel twin, so each outage keeps the network in one piece. Used for the benchmark in
BENCHMARKS (pglib_opf_case2000_goc with 200 contingencies): make_contingencies.py CASE.m 200 > contingencies.csv"""
import importlib.util
import pathlib
import sys
from collections import Counter

# The case reader and the bridge search are the full N-1 script's (scripts/n1-contingencies.py): one copy of each.
_n1_path = pathlib.Path(__file__).resolve().parents[4] / "scripts" / "n1-contingencies.py"
_spec = importlib.util.spec_from_file_location("n1_contingencies", _n1_path)
_n1 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_n1)
branches, bridges = _n1.branch_rows, _n1.bridges


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
