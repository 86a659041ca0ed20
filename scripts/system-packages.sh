#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing (idempotent):
#   chromium  the browser tests (Playwright drives /usr/bin/chromium)
# PostgreSQL 15's server binaries (initdb, pg_ctl) come with the machine.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
for pkg in "$@"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && { echo "system packages present"; exit 0; }

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "need root (or sudo) to apt-get install ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "apt-get install ${need[*]} (first run: about a minute)"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "installed ${need[*]}"
