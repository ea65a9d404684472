#!/usr/bin/env bash
# Installs the native libraries Gridclear calls (COIN-OR Clp/Cbc, SuiteSparse KLU) from Debian, and OpenBLAS
# (single-threaded, so results stay bit-for-bit repeatable) for the dense parts of Clp's factorisation: the
# reference BLAS Debian links by default made the 20,000-bid FTR auction 20 % slower (BENCHMARKS.md); and what the
# Native AOT build of the CLI links with: clang (the compiler driver .NET's ILCompiler calls; binutils' ld links),
# zlib and brotli (the runtime's compression, linked from the system).
# Safe to rerun: does nothing when they are present.
set -euo pipefail
packages=(coinor-libclp-dev coinor-libcbc-dev libsuitesparse-dev libopenblas0-serial clang zlib1g-dev libbrotli-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} ..." >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
