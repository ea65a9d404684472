#!/usr/bin/env bash
# Installs what the tests need, builds everything, runs the whole test suite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
cd "$root"
dotnet test Gridclear.slnx -c Release --nologo "$@"
