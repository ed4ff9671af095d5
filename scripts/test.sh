#!/usr/bin/env bash
# Install everything the tests need (Chromium, a Korean font, poppler and bubblewrap from Debian; the
# pinned Python packages in .venv) and run every test.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-test.txt chromium fonts-nanum poppler-utils bubblewrap
.venv/bin/python -m pytest "$@"
