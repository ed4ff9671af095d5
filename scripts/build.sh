#!/usr/bin/env bash
# Install what the book needs and build it: _build/html/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
.venv/bin/jupyter-book build .
