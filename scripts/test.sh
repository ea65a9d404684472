#!/usr/bin/env bash
# Installs what the tests need, builds everything, runs the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/install-test-deps.sh"
cd "$root"
log="$(mktemp)"
# The service's store tests run against a real PostgreSQL server, started here and stopped on exit.
{ read -r pgdir; read -r pgconn; } < <("$root/scripts/postgres-test-server.sh" start)
export GRIDCLEAR_TEST_POSTGRES="$pgconn"
trap 'rm -f "$log"; "$root/scripts/postgres-test-server.sh" stop "$pgdir"' EXIT
set +e
dotnet test Gridclear.slnx -c Release --nologo "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
# The plain closing line CI and people read: totals over every test assembly.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "$passed passed, $failed failed"
exit "$rc"
