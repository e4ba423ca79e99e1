#!/usr/bin/env bash
# The test command: the lint gate (ruff, mypy), then the whole suite, model tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "lint: ruff check, ruff format --check, mypy"
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check src tests bench scripts
.venv/bin/mypy src/dossier --ignore-missing-imports
exec .venv/bin/python -m pytest -q "$@"
