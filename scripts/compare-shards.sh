#!/usr/bin/env bash
# Runs a design comparison as N shards in parallel on this machine, then merges them.
#   scripts/compare-shards.sh N OUT compare-options…
# e.g. scripts/compare-shards.sh 2 out/year --case examples/rts-day/network.m --market year/ --designs nodal
# The merged OUT is byte-identical to one unsharded 'compare' run with the same options.
set -euo pipefail
n=$1; out=$2; shift 2
cd "$(dirname "$0")/.."
./gridclear --help > /dev/null   # build once, before the shards start
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pids=()
for i in $(seq 1 "$n"); do
  ./gridclear compare "$@" --shard "$i/$n" --out "$work/shard-$i" > "$work/log-$i.txt" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "shard $((i + 1))/$n failed:" >&2; cat "$work/log-$((i + 1)).txt" >&2; status=1
  fi
done
[ "$status" -eq 0 ] || exit "$status"
./gridclear merge --out "$out" $(for i in $(seq 1 "$n"); do echo "$work/shard-$i"; done)
