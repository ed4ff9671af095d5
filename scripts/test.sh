#!/usr/bin/env bash
# Install everything the tests need (Chromium, a Korean font and poppler from Debian; Node.js and
# npm from Debian when the machine has none; the pinned Python packages in .venv and the pinned
# npm packages in node_modules) and run every test.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
node=()
command -v npm >/dev/null || node=(nodejs npm)  # Debian 12: Node 18.20, npm 9.2 (Lighthouse 12.2.3 needs Node >= 18.16)
bash scripts/setup.sh requirements-test.txt chromium fonts-nanum poppler-utils "${node[@]}"
# npm ci only when package-lock.json is newer than the last install (it removes node_modules first).
[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
.venv/bin/python -m pytest "$@"
