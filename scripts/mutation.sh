#!/usr/bin/env bash
# Mutation testing with mutmut (pinned in requirements-test.txt).  One target per run:
#
#   scripts/mutation.sh [models]               the model layer; config setup.cfg [mutmut];
#                                              runs in the repository, results in mutants/
#   scripts/mutation.sh loader-checker-grader  awsbook/datasets.py, awsbook/exercises/{__init__,answers}.py,
#                                              awsbook/classroom/{grading,sheets}.py; config
#                                              setup.cfg [mutmut:loader-checker-grader];
#                                              results in mutants-loader-checker-grader/mutants/
#   scripts/mutation.sh prices                 every module of awsbook/prices/ (the price refresh)
#   scripts/mutation.sh sheets-answers         awsbook/classroom/sheets.py, awsbook/exercises/answers.py
#
# score.txt has the whole score and, when several modules were mutated, one line per module.
# mutmut 3 has no option to pick a config: it always reads [mutmut] of ./setup.cfg (or
# [tool.mutmut] of ./pyproject.toml) and keeps its state in ./mutants/.  So for any target but
# "models" the script copies the repository's files (git ls-files: tracked and untracked, not
# ignored) to mutants-<target>/, writes there a setup.cfg whose [mutmut] is the target's
# [mutmut:<target>] section, and runs mutmut in that folder.  The copy is refreshed on every run;
# its mutants/ folder is kept, so mutmut reuses the results of unchanged functions.
#
# Takes a while on two cores; run it in the background and read <results>/score.txt afterwards:
#   nohup scripts/mutation.sh loader-checker-grader > /tmp/mutation.log 2>&1 &
# MUTMUT_CHILDREN sets mutmut's --max-children (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:-models}"
if [ "$target" != models ]; then
    python - "$target" <<'PY'
import configparser
import shutil
import subprocess
import sys
from pathlib import Path

target = sys.argv[1]
config = configparser.ConfigParser(interpolation=None)
config.read("setup.cfg", encoding="utf-8")
section = f"mutmut:{target}"
if not config.has_section(section):
    known = ["models"] + [s.split(":", 1)[1] for s in config.sections() if s.startswith("mutmut:")]
    sys.exit(f"unknown target {target!r}; setup.cfg has: {', '.join(known)}")
run = Path(f"mutants-{target}")
run.mkdir(exist_ok=True)
for old in run.iterdir():  # a fresh copy of the sources, but mutmut's own state stays
    if old.name != "mutants":
        shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                       check=True, capture_output=True).stdout.decode().split("\0")
for name in files:
    source = Path(name)
    if name and source.is_file() and source.parts[0] != run.name:
        (run / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, run / source)
out = configparser.ConfigParser(interpolation=None)
out["mutmut"] = dict(config[section])
with open(run / "setup.cfg", "w", encoding="utf-8") as fh:
    fh.write(f"# Written by scripts/mutation.sh from setup.cfg [{section}].\n")
    out.write(fh)
PY
    cd "mutants-$target"
fi
# mutmut puts its mutated copy (mutants/) first on sys.path itself; an inherited PYTHONPATH would
# only get in its way.
unset PYTHONPATH
mutmut run --max-children "${MUTMUT_CHILDREN:-2}" || true
mutmut results --all true > mutants/results.txt || true
python - <<'PY'
import re
from pathlib import Path
text = Path("mutants/results.txt").read_text(encoding="utf-8")
found = re.findall(r"^\s*([\w.]+?)\.x.*__mutmut_\d+:\s*(killed|survived|timeout|suspicious|no tests|skipped|segfault|not checked|caught by type check)\s*$", text, re.M)


def score(status: list[str]) -> str:
    counts = {s: status.count(s) for s in sorted(set(status))}
    judged = sum(counts.get(s, 0) for s in ("killed", "survived", "timeout", "suspicious", "no tests", "segfault"))
    killed = counts.get("killed", 0) + counts.get("timeout", 0) + counts.get("segfault", 0)
    return f"mutants: {counts}; killed {killed} of {judged} = {100 * killed / max(judged, 1):.1f}%"


lines = [score([s for _, s in found])]
if len({m for m, _ in found}) > 1:  # and one line per mutated module
    lines += [f"  {module}: {score([s for m, s in found if m == module])}" for module in sorted({m for m, _ in found})]
Path("mutants/score.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
print("\n".join(lines))
PY
