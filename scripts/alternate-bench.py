#!/usr/bin/env python3
"""Whole-process wall times of commands run alternately, for BENCHMARKS.md figures on a noisy virtual machine.

    python3 scripts/alternate-bench.py N 'label=command' ['label=command' ...]

Runs each command N times, one after the other in turn (so slow spells of the host hit all of them alike), with
GLIBC_TUNABLES as ./gridclear sets it, output discarded; prints min, median and max seconds of
each. Measure only when nothing else runs.
"""
import os
import statistics
import subprocess
import sys
import time

# What ./gridclear sets (see its comment): glibc's heaps in huge pages, grown 64 MiB at a time.
TUNABLES = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864:glibc.malloc.mmap_threshold=33554432"


def main(argv):
    if len(argv) < 2 or not argv[0].isdigit():
        sys.exit(__doc__)
    runs = int(argv[0])
    commands = [a.split("=", 1) for a in argv[1:]]
    if any(len(c) != 2 for c in commands):
        sys.exit("each command is label=command")
    env = dict(os.environ, GLIBC_TUNABLES=TUNABLES)
    times = {label: [] for label, _ in commands}
    for _ in range(runs):
        for label, command in commands:
            start = time.perf_counter()
            subprocess.run(command, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            times[label].append(time.perf_counter() - start)
    for label, _ in commands:
        v = sorted(times[label])
        print(f"{label}: min {v[0]:.3f} median {statistics.median(v):.3f} max {v[-1]:.3f} (n={runs})")


if __name__ == "__main__":
    main(sys.argv[1:])
