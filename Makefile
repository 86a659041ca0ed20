# The two commands of the README. Each installs what is missing first
# (idempotently) and prints its progress.
.PHONY: start test setup

## start: the portal on the embedded defaults, at http://localhost:3000
start:
	@scripts/start.sh

## test: type check, lint, unit and integration tests (SQLite and PostgreSQL), browser smoke test
test:
	@scripts/test.sh

## setup: only the toolchain and dependencies
setup:
	@scripts/setup.sh
