#!/usr/bin/env bash
# Set up and run the whole test suite: Python requirements (runtime and test tools), lint, unit,
# AppTest, browser and replica (HAProxy) tests.
# Browser tests drive Debian's /usr/bin/chromium; .ci/run installs it (with CJK fonts) first.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m pytest -q "$@"
