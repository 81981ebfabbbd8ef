#!/usr/bin/env bash
# Set up and run the whole test suite: Python requirements, lint, unit, AppTest and browser tests.
# Browser tests drive Debian's /usr/bin/chromium; .ci/run installs it (with CJK fonts) first.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m pytest -q "$@"
