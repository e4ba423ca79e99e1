#!/usr/bin/env bash
# Create .venv and install dossier with everything it needs, from PyPI only.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# The spark extra brings PySpark for `dossier spark`; it runs on the machine's Java 17.
.venv/bin/python -m pip install --quiet -e ".[test,spark]"
# DOSSIER_TONE_TRANSFORMER=1 adds `--tone-model transformer` (torch, about 1 GB installed): the CPU wheel
# of torch first, so that the extra finds torch in place and pulls no CUDA build.
if [ "${DOSSIER_TONE_TRANSFORMER:-0}" = 1 ]; then
    { .venv/bin/python -m pip install --quiet "torch==2.13.0" \
        && .venv/bin/python -m pip install --quiet -e ".[tone-transformer]"; } \
        || echo "setup: could not install the tone-transformer extra; its tests will be skipped" >&2
fi
# The browser test drives Debian's chromium (never a browser Playwright downloads).
if { [ -n "${CI:-}" ] || [ ! -x /usr/bin/chromium ]; } && command -v apt-get >/dev/null 2>&1; then
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; } \
        || echo "setup: could not install chromium with apt-get; tests/serve/test_web.py will be skipped" >&2
fi
.venv/bin/python -c "import dossier.parse as p; p.load_model()" \
    || { echo "setup: the spaCy English model did not load" >&2; exit 1; }
echo "setup: ok (.venv ready; activate with 'source .venv/bin/activate')"
