#!/usr/bin/env bash
# Quick start 2: set everything up and run the linter and the whole test suite.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/domain -x
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/ruff check service tests scripts
exec .venv/bin/python -m pytest "$@"
