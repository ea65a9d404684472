#!/usr/bin/env bash
# The Native AOT binary against the JIT build, verb by verb: runs each command below with both (./gridclear and
# GRIDCLEAR_JIT=1 ./gridclear), and requires the same exit code, the same printed output (timings masked) and
# byte-identical output folders (summary.json's "seconds" timings excepted). The in-process test suite runs the JIT
# code only, so this is what catches AOT-only breakage (trimmed code, reflection). Prints "aot-check: N commands, same".
# Usage: scripts/aot-check.sh [WORKDIR]   (default: a temporary folder, removed after)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-}"
if [ -z "$work" ]; then work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
shared="$(cd "$root/../shared" 2>/dev/null && pwd || true)"
cases="${GRIDCLEAR_SHARED:-$shared}/cases"
ex="$root/examples"
in="$work/in"; mkdir -p "$in"

# Inputs the examples do not hold: FTR bids, ARR requests and expansion requests on case30 (seeded, so the same each run).
python3 "$root/scripts/ftr-benchmark-data.py" "$cases/case30.m" "$in/ftr" 300 5 7
printf 'request,holder,source,sink,mw,priority\nR1,lse1,1,30,40,1\nR2,lse2,2,29,25,1\nR3,lse3,13,7,60,2\n' >"$in/arr_requests.csv"
printf 'request,holder,source,sink,mw\nR1,builder,1,4,500\nR2,other,2,4,80\n' >"$in/expansion.csv"
printf 'bid,bidder,source,sink,kind,side,mw,price\nb1,p1,1,zz,option,buy,10,5\n' >"$in/bad_bids.csv"

# Each command: NAME|ARGS (OUT stands for this command's output folder, DIR for the side's folder).
commands=(
  "clear-market|clear --case $ex/market/network.m --market $ex/market --out OUT"
  "clear-case30|clear --case $cases/case30.m --out OUT"
  "clear-px|clear --case $ex/px/network.m --market $ex/px --out OUT"
  "clear-flowpath|clear --case $ex/flowpath/network.m --market $ex/flowpath --design flowpath --out OUT"
  "rts-da|clear --case $ex/rts-day/network.m --market $ex/rts-day/da --out DIR/rts-da"
  "rts-rt|rt --case $ex/rts-day/network.m --market $ex/rts-day/rt --day-ahead DIR/rts-da --interval-minutes 5 --out OUT"
  "ftr-auction|ftr-auction --case $cases/case30.m --market $in/ftr/market --bids $in/ftr/bids.csv --out OUT"
  "arr-allocation|arr-allocation --case $cases/case30.m --requests $in/arr_requests.csv --out OUT"
  "ftr-expansion|ftr-expansion --case $ex/px-funding/network_after.m --expanded $ex/px-funding/network.m --market $ex/px-funding --requests $in/expansion.csv --out OUT"
  "funding-before|clear --case $ex/px-funding/network.m --market $ex/px-funding --out DIR/before"
  "funding-after|clear --case $ex/px-funding/network_after.m --market $ex/px-funding --out DIR/after"
  "ftr-funding|ftr-funding --before DIR/before --after DIR/after --out OUT"
  "recall-da|clear --case $ex/px-recall/network.m --market $ex/px-recall --out DIR/recall-da"
  "recall|recall --case $ex/px-recall/network.m --market $ex/px-recall --day-ahead DIR/recall-da --recall $ex/px-recall/recall.csv --out OUT"
  "compare|compare --case $ex/market/network.m --market $ex/market --designs nodal,zonal,px --out OUT"
  "shard1|compare --case $ex/rts-day/network.m --market $ex/rts-day/da --designs nodal,zonal --shard 1/2 --out DIR/shard1"
  "shard2|compare --case $ex/rts-day/network.m --market $ex/rts-day/da --designs nodal,zonal --shard 2/2 --out DIR/shard2"
  "merge|merge --out OUT DIR/shard1 DIR/shard2"
  "path-rights|path-rights --case $ex/flowpath/network.m --market $ex/flowpath --prices $ex/flowpath/dayahead --out OUT"
  "ptdf-paths|ptdf --case $ex/flowpath/network.m --paths $ex/flowpath/flowpaths.csv --out OUT.csv"
  "ptdf|ptdf --case $cases/case9.m --out OUT.csv"
  "dcpf|dcpf --case $cases/case118.m --out OUT"
  "library|library --case $ex/px/network.m --market $ex/px --out OUT"
  "case-info|case info $cases/case118.m --json"
  "case-table|case info $cases/case300.m"
  "bad-bids|ftr-auction --case $cases/case30.m --bids $in/bad_bids.csv --out OUT"
  "bad-case|clear --case $in/missing.m --out OUT"
  "help|--help"
)

for side in jit aot; do
  mkdir -p "$work/$side"
  for c in "${commands[@]}"; do
    name="${c%%|*}"; args="${c#*|}"
    args="${args//OUT/$work/$side/$name}"; args="${args//DIR/$work/$side}"
    # shellcheck disable=SC2086 # the arguments are split on spaces on purpose (no paths with spaces here)
    if [ "$side" = jit ]; then
      set +e; GRIDCLEAR_JIT=1 "$root/gridclear" $args >"$work/$side/$name.stdout" 2>"$work/$side/$name.stderr"; rc=$?; set -e
    else
      set +e; "$root/gridclear" $args >"$work/$side/$name.stdout" 2>"$work/$side/$name.stderr"; rc=$?; set -e
    fi
    echo "$rc" >"$work/$side/$name.rc"
  done
done

python3 - "$work" "${#commands[@]}" <<'EOF'
import json, os, re, sys
work, count = sys.argv[1], int(sys.argv[2])
jit, aot = os.path.join(work, "jit"), os.path.join(work, "aot")
def files(top):
    return sorted(os.path.relpath(os.path.join(d, f), top) for d, _, fs in os.walk(top) for f in fs)
def no_seconds(v):
    if isinstance(v, dict):
        return {k: no_seconds(x) for k, x in v.items() if k != "seconds"}
    return [no_seconds(x) for x in v] if isinstance(v, list) else v
timing = re.compile(rb"\d+\.\d+")  # numbers on the lines that print timings
def masked(text):
    return b"\n".join(timing.sub(b"T", l) if re.search(rb"\(s\)|seconds|\d s\b|\d ms\b", l) else l for l in text.split(b"\n"))
problems = []
a, b = files(jit), files(aot)
if a != b:
    problems.append(f"different files: only JIT {sorted(set(a) - set(b))}, only AOT {sorted(set(b) - set(a))}")
for f in sorted(set(a) & set(b)):
    x, y = (open(os.path.join(t, f), "rb").read() for t in (jit, aot))
    if x == y:
        continue
    x, y = x.replace(jit.encode(), b"W"), y.replace(aot.encode(), b"W")  # each side's own folder in messages
    if f.endswith((".stdout", ".stderr")) and masked(x) == masked(y):
        continue
    if f.endswith(".json"):
        try:
            if no_seconds(json.loads(x)) == no_seconds(json.loads(y)):
                continue
        except ValueError:
            pass
    problems.append(f"{f} differs")
for p in problems:
    print("aot-check:", p)
print(f"aot-check: {count} commands, {len(a)} files, " + ("same" if not problems else f"{len(problems)} difference(s)"))
sys.exit(1 if problems else 0)
EOF
