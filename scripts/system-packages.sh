#!/usr/bin/env bash
# Installs the Debian packages the portal and its tests need, when missing
# (idempotent). `--runtime` installs only what the portal itself needs.
#   rsync        gitlab-ci-local, the local pipeline runner, copies with it
#   chromium     the browser tests (Playwright drives /usr/bin/chromium)
#   python3-yaml PyYAML for the Remediation agent's example Python project,
#                whose pipeline fails until the agent adds it to requirements
#   python3-fastapi & co, golang & co: the services the software templates
#                generate build and pass their own tests offline with these
# PostgreSQL 15's server binaries (initdb, pg_ctl) come with the machine.
set -euo pipefail

need=()
packages=(rsync)
if [ "${1:-}" = "--runtime" ]; then
  shift
else
  [ -x /usr/bin/chromium ] || need+=(chromium)
  packages+=(python3-yaml)
  # Generated Python services (FastAPI; SQLAlchemy + psycopg2; boto3).
  packages+=(python3-fastapi python3-pytest python3-httpx python3-sqlalchemy python3-psycopg2 python3-boto3 python3-uvicorn)
  # Generated Go services (Gin; lib/pq; aws-sdk-go) build from Debian's Go sources, offline.
  packages+=(golang golang-github-gin-gonic-gin-dev golang-github-lib-pq-dev golang-github-aws-aws-sdk-go-dev)
fi
for pkg in "${packages[@]}" "$@"; do
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
