#!/usr/bin/env bash
# Quick start 1: set everything up and run one whole demo month on the local backend.
# Usage: scripts/demo.sh [WORKSPACE]                (default: ./demo-workspace)
#        scripts/demo.sh --google-fake [WORKSPACE]  the same month through the Google adapter
#                                                   against the API fake from tests/
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ "${1:-}" = "--google-fake" ]; then
  shift
  exec .venv/bin/python -m tests.fakes.google_api.demo "${1:-demo-workspace-google}"
fi
exec .venv/bin/kinerja demo --workspace "${1:-demo-workspace}"
