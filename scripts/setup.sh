#!/usr/bin/env bash
# Installs what the portal needs, idempotently: the toolchain (Node 24 and
# Yarn 4 when the machine's Node is older) and the dependencies from the
# committed yarn.lock. Source it to get the toolchain on PATH, or run it.
#   AGENTIC_QUIET=1  print nothing when there is nothing to do (bin/agentic)
_setup_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.sh
source "$_setup_root/scripts/toolchain.sh" || { echo "toolchain setup failed" >&2; return 1 2>/dev/null || exit 1; }

export SCARF_ANALYTICS=false

# Dependencies are current when yarn.lock and every package.json are unchanged
# since the last successful install.
_setup_stamp="$_setup_root/node_modules/.agentic-install-stamp"
_setup_digest="$(cd "$_setup_root" && for f in yarn.lock package.json .yarnrc.yml packages/*/package.json plugins/*/package.json; do [ ! -f "$f" ] || cat "$f"; done | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$_setup_stamp" 2>/dev/null)" != "$_setup_digest" ]; then
  printf '\033[1;34m[setup]\033[0m yarn install --immutable (first run: about 2 minutes, ~1 GB)\n' >&2
  if (cd "$_setup_root" && yarn install --immutable >&2); then
    echo "$_setup_digest" > "$_setup_stamp"
  else
    echo "yarn install failed" >&2
    return 1 2>/dev/null || exit 1
  fi
elif [ -z "${AGENTIC_QUIET:-}" ]; then
  printf '\033[1;34m[setup]\033[0m dependencies are up to date\n' >&2
fi
