#!/usr/bin/env bash
# Install everything the tests need (Chromium, a Korean font, poppler and bubblewrap from Debian; Node.js
# and npm from Debian when the machine has none; the pinned Python packages in .venv; the AWS CLI and moto
# in .venv-labs; the pinned npm packages in node_modules) and run every test.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
node=()
command -v npm >/dev/null || node=(nodejs npm)  # Debian 12: Node 18.20, npm 9.2 (Lighthouse 12.2.3 needs Node >= 18.16)
bash scripts/setup.sh requirements-test.txt chromium fonts-nanum poppler-utils bubblewrap "${node[@]}"
VENV=.venv-labs bash scripts/setup.sh requirements-labs.txt   # the AWS CLI and the emulator the labs' tests run
# npm ci only when package-lock.json is newer than the last full install (it removes node_modules first;
# the class hub's script installs the proxy alone, without Lighthouse).
[ node_modules/.package-lock.json -nt package-lock.json ] && [ -x node_modules/.bin/lighthouse ] \
  || npm ci --no-audit --no-fund --loglevel=error
.venv/bin/python -m pytest "$@"
