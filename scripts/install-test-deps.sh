#!/usr/bin/env bash
# Installs what the service tests need beyond the CLI's libraries: Debian's chromium (the browser tests drive it by
# path; Playwright's own browser download is never used) and Debian's PostgreSQL server (the store tests run against
# a real one on loopback), and python3 when there is none (the test server script asks the kernel for a free port with it).
# Safe to rerun: does nothing when they are present.
set -euo pipefail
packages=(chromium postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v python3 >/dev/null || missing+=(python3-minimal)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing ${missing[*]} ..." >&2
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
