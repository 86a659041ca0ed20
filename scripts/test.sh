#!/usr/bin/env bash
# make test: installs what is missing, then runs every check CI runs:
# type check, lint, unit and integration tests (on SQLite, and on a
# throwaway PostgreSQL 15 that this script starts and stops), and the
# browser smoke test in Chromium.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

t0=$(date +%s)
step_start=""
step() {
  local now; now=$(date +%s)
  [ -z "$step_start" ] || printf '\033[2m    done in %ss\033[0m\n' "$(( now - step_start ))"
  step_start=$now
  printf '\n\033[1;34m==> %s\033[0m\n' "$*"
}

step "Toolchain and dependencies"
source scripts/setup.sh

step "System packages (Chromium for the browser test)"
scripts/system-packages.sh

step "Type check"
yarn tsc

step "Lint and formatting"
yarn lint:all
yarn prettier:check

step "Start a throwaway PostgreSQL 15 on a loopback port"
export AGENTIC_PG_STATE="$root/.tmp/postgres-$$"
trap 'scripts/postgres.sh stop' EXIT
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$(scripts/postgres.sh start)"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
# Store tests use TestDatabases: PostgreSQL from the variable above, never Docker.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export AGENTIC_TEST_REQUIRE_POSTGRES=1

step "Unit and integration tests (SQLite and PostgreSQL)"
CI=1 yarn test --maxWorkers=2

step "Evaluations: the Remediation agent on its labelled job logs, the Policy agent on its labelled files"
node --test scripts/eval/lib/*.test.js
yarn eval remediation --set all
yarn eval policy

step "Browser smoke test (Chromium)"
yarn workspace app build
yarn test:e2e

step "Done"
printf '\033[1;32mAll checks passed in %ss.\033[0m Screenshots: test-results/\n' "$(( $(date +%s) - t0 ))"
