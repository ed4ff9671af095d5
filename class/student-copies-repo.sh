#!/usr/bin/env bash
# Make or update the git repository (bare, branch main) of the student copies that nbgitpuller pulls.
#   usage: bash class/student-copies-repo.sh REPO.git [DIR]
# Without DIR: the student copies of this checkout's chapters (python -m awsbook.classroom student-copy,
# without the zip meant for an LMS).  With DIR: the files of that folder, as they are (a teacher's own
# set).  A commit is added only when something changed, so students' next pull merges just that.
# Used by scripts/class-hub.sh; push the repository to a git host for a real class (appendix/class_hub.md).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=${1:?usage: bash class/student-copies-repo.sh REPO.git [DIR]} copies=${2:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$copies" ]; then
  cp -a "$copies/." "$work/"
  rm -rf "$work/.git"
else
  .venv/bin/python -m awsbook.classroom student-copy "$work" >/dev/null
  rm -f "$work/awsbook-student-copies.zip"
fi
[ -d "$repo" ] || git init -q --bare -b main "$repo"
git_copies() { git --git-dir="$repo" --work-tree="$work" -c user.name="awsbook class hub" -c user.email=class-hub@localhost "$@"; }
git_copies add -A
if ! git_copies rev-parse -q --verify main >/dev/null || ! git_copies diff --cached --quiet main; then
  git_copies commit -q -m "학생용 노트북 $(date '+%Y-%m-%d %H:%M')"
fi
echo "학생용 노트북 $(git_copies ls-tree -r --name-only main | grep -c '\.ipynb$')개: $repo ($(git_copies rev-parse --short main))"
