#!/usr/bin/env bash
# Quick start 1: set everything up and run one whole demo month on the local backend.
# Usage: scripts/demo.sh [WORKSPACE]   (default: ./demo-workspace)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/kinerja demo --workspace "${1:-demo-workspace}"
