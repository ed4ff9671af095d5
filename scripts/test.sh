#!/usr/bin/env bash
# Install everything the tests need (Chromium, a Korean font, poppler and bubblewrap from Debian; the
# pinned Python packages in .venv; the AWS CLI and moto in .venv-labs) and run every test.  Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-test.txt chromium fonts-nanum poppler-utils bubblewrap
VENV=.venv-labs bash scripts/setup.sh requirements-labs.txt   # the AWS CLI and the emulator the labs' tests run
.venv/bin/python -m pytest "$@"
