#!/usr/bin/env bash
# Quick start 2: set everything up, then run the linter, the type checker and the whole test
# suite. `--fast` leaves out the tests that run a whole demo month (marker `month`): the loop
# to run while working, well under a minute. Other arguments go to pytest, e.g.
# scripts/test.sh tests/domain -x
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check service tests scripts
.venv/bin/mypy
if [ "${1:-}" = "--fast" ]; then
  shift
  exec .venv/bin/python -m pytest -m "not month" "$@"
fi
exec .venv/bin/python -m pytest "$@"
