#!/usr/bin/env bash
# make start: installs what is missing, then runs the portal on the embedded
# defaults (SQLite files under .data/, guest sign-in, example catalog):
# the frontend dev server on :3000 and the backend on :7007.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }

step "Toolchain and dependencies"
source scripts/setup.sh
# The local pipeline runner (the Remediation agent's embedded default) needs rsync.
scripts/system-packages.sh --runtime
mkdir -p .data/sqlite .data/remediation

app_url="http://localhost:3000"
backend_url="http://localhost:7007"
for port in 3000 7007; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
    echo "Port $port is already in use: is the portal already running? Stop it first." >&2
    exit 1
  fi
done

step "Starting backend and frontend (first start compiles the app: about a minute)"
# Own process group, so Ctrl-C or an exit stops the dev servers' watchers too.
set -m
yarn start &
portal_pid=$!
set +m
stop() { kill -- -"$portal_pid" 2>/dev/null || true; }
trap 'stop' INT TERM EXIT

started=$(date +%s)
until curl -sf "$backend_url/.backstage/health/v1/readiness" >/dev/null && curl -sf "$app_url" >/dev/null; do
  if ! kill -0 "$portal_pid" 2>/dev/null; then
    echo "The portal stopped during start-up; see the output above." >&2
    exit 1
  fi
  sleep 2
done
printf '\n\033[1;32mPortal ready at %s\033[0m (backend %s, started in %ss; data in .data/; Ctrl-C stops it)\n\n' \
  "$app_url" "$backend_url" "$(( $(date +%s) - started ))"
wait "$portal_pid"
