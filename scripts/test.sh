#!/usr/bin/env bash
# The test command: the whole suite, model tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest -q "$@"
