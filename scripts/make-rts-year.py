#!/usr/bin/env python3
"""Builds a synthetic year of hours (8,760 intervals) on the RTS-GMLC system from examples/rts-day/da, for the
design-comparison benchmark (README "Design comparison"). Deterministic: the same bytes on every run.

    python3 scripts/make-rts-year.py [DAY_DIR] OUT_DIR

The data here holds 14 days of RTS-GMLC series, not a year, so the year is the published day repeated 365 times with
each day's demand scaled by a seasonal factor, 1 + 0.15 cos(2 pi (d - 15) / 365) (winter and summer peaks are not
modelled apart): a stress test of the engine and of sharding over a year's count of intervals, not a forecast.
Schedules (hydro, wind, solar) and their bids repeat the day unchanged; files without an interval column are copied.
"""

import csv
import math
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
args = sys.argv[1:]
DAY = args[0] if len(args) == 2 else os.path.join(ROOT, "examples", "rts-day", "da")
OUT = args[-1] if args else sys.exit("usage: make-rts-year.py [DAY_DIR] OUT_DIR")
DAYS = 365
HOURS = 24


def scale(day):
    return 1 + 0.15 * math.cos(2 * math.pi * (day - 15) / DAYS)


def num(x):
    """MW to 4 decimals, shortest text, no '-0'."""
    text = f"{round(x, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


os.makedirs(OUT, exist_ok=True)
for name in sorted(os.listdir(DAY)):
    src = os.path.join(DAY, name)
    if not name.endswith(".csv"):
        continue
    with open(src, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    if "interval" not in header:
        shutil.copyfile(src, os.path.join(OUT, name))
        continue
    k = header.index("interval")
    mw = header.index("mw") if name == "demand.csv" else None
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for d in range(DAYS):
            for r in body:
                row = list(r)
                row[k] = str(d * HOURS + int(r[k]))
                if mw is not None:
                    row[mw] = num(float(r[mw]) * scale(d))
                w.writerow(row)
