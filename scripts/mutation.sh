#!/usr/bin/env bash
# Mutation testing of the model layer with mutmut (pinned in requirements-test.txt).
# Configuration: setup.cfg [mutmut] (the models mutated, the fast unit tests that judge them).
# Takes a while on two cores; run it in the background and read mutants/score.txt afterwards:
#   nohup scripts/mutation.sh > /tmp/mutation.log 2>&1 &
set -euo pipefail
cd "$(dirname "$0")/.."
# mutmut puts its mutated copy (mutants/) first on sys.path itself; an inherited PYTHONPATH would
# only get in its way.
unset PYTHONPATH
mutmut run --max-children "${MUTMUT_CHILDREN:-2}" || true
mutmut results --all true > mutants/results.txt || true
python - <<'PY'
import re
from pathlib import Path
text = Path("mutants/results.txt").read_text(encoding="utf-8")
status = re.findall(r":\s*(killed|survived|timeout|suspicious|no tests|skipped|segfault|not checked|caught by type check)\s*$", text, re.M)
counts = {s: status.count(s) for s in sorted(set(status))}
judged = sum(counts.get(s, 0) for s in ("killed", "survived", "timeout", "suspicious", "no tests", "segfault"))
killed = counts.get("killed", 0) + counts.get("timeout", 0) + counts.get("segfault", 0)
line = f"mutants: {counts}; killed {killed} of {judged} = {100 * killed / max(judged, 1):.1f}%"
Path("mutants/score.txt").write_text(line + "\n", encoding="utf-8")
print(line)
PY
