#!/usr/bin/env bash
# A throwaway PostgreSQL 15 on a free loopback port, for the tests.
#   scripts/postgres.sh start   prints the connection string on stdout
#   scripts/postgres.sh stop    stops the server and deletes its data
# PostgreSQL refuses to run as root; as root, the server runs as the
# unprivileged user agentic-pg (created on first use).
set -euo pipefail

state_dir="${AGENTIC_PG_STATE:-${TMPDIR:-/tmp}/agentic-postgres}"
pg_user=agentic-pg
log() { echo "[postgres] $*" >&2; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$pg_user" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
  start)
    command -v initdb >/dev/null || { log "initdb not found: PostgreSQL 15 server binaries are needed"; exit 1; }
    if [ -f "$state_dir/url" ] && as_pg pg_ctl -D "$state_dir/data" status >/dev/null 2>&1; then
      cat "$state_dir/url"; exit 0
    fi
    if [ "$(id -u)" -eq 0 ] && ! id "$pg_user" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    fi
    rm -rf "$state_dir" && mkdir -p "$state_dir"
    [ "$(id -u)" -eq 0 ] && chown "$pg_user" "$state_dir"
    port="$(free_port)"
    log "initdb in $state_dir"
    as_pg initdb -D "$state_dir/data" -U postgres --auth=trust -E UTF8 --no-sync >"$state_dir/initdb.log" 2>&1 \
      || { cat "$state_dir/initdb.log" >&2; exit 1; }
    # Throwaway data: no fsync; up to 200 connections for several backends.
    as_pg pg_ctl -D "$state_dir/data" -l "$state_dir/server.log" -w -t 60 \
      -o "-p $port -k $state_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$state_dir/server.log" >&2; exit 1; }
    echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$state_dir/url"
    log "PostgreSQL $(postgres --version | awk '{print $3}') on 127.0.0.1:$port"
    cat "$state_dir/url"
    ;;
  stop)
    if [ -d "$state_dir/data" ]; then
      as_pg pg_ctl -D "$state_dir/data" -m immediate stop >/dev/null 2>&1 || true
      log "stopped"
    fi
    rm -rf "$state_dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
