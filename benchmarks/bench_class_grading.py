"""Grading a class: wall time and peak memory of ``python -m awsbook.classroom grade`` on 300 submissions.

    python benchmarks/bench_class_grading.py [--chapter 03_sla] [--submissions 300] [--notebooks 150]
                                             [--jobs 1 2]

Writes, in a scratch folder, ``--submissions`` submissions of one chapter: ``--notebooks`` of them
are notebooks (the chapter's student copy with its answer cells filled in) and the rest HTML answer
sheets (``*.json``, the format of :mod:`awsbook.classroom.sheets`).  Students take turns at three
kinds: every answer right (the key's value), every answer wrong (the key's value times 1.5) and
nothing answered.  Then it runs the grade command once per ``--jobs`` value, each in a fresh
process, and prints for each: wall time, CPU time of the grader and its kernels, the largest single
process and the peak of all its processes together (RSS sampled every 0.1 s), and checks
the grades (full marks for the right kind, zero for the others).  This is a script, not a test:
numbers depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awsbook import exercises  # noqa: E402
from awsbook.classroom import notebooks, sheets, student  # noqa: E402

KINDS = ("right", "wrong", "blank")
_CHECK = re.compile(r"""\bcheck\(\s*["'](?P<id>[^"']+)["']\s*,\s*(?P<name>[A-Za-z_]\w*)""")


def answers(chapter: student.Chapter, kind: str) -> dict[str, object]:
    """The answer of each auto-checked exercise for a student of ``kind``."""
    found = {}
    for info in chapter.graded:
        expected = exercises.get(info.id).expected()
        if kind == "blank":
            found[info.id] = None
        elif kind == "right":
            found[info.id] = expected
        else:
            found[info.id] = expected * 1.5 if isinstance(expected, (int, float)) else f"{expected}?"
    return found


def filled_notebook(copy: dict, given: dict[str, object]) -> dict:
    """The student copy with each answer stub set to the answer of the exercise its check cell names."""
    names = {m["name"]: m["id"] for c in copy["cells"] if c["cell_type"] == "code"
             for m in _CHECK.finditer(notebooks.source(c))}
    nb = json.loads(json.dumps(copy))
    for cell in nb["cells"]:
        if notebooks.ANSWER_TAG in notebooks.tags(cell):
            lines = []
            for line in notebooks.source(cell).splitlines():
                name = line.split("=")[0].strip()
                lines.append(f"{name} = {given[names[name]]!r}" if name in names else line)
            cell["source"] = "\n".join(lines)
    return nb


def sheet(chapter: str, name: str, given: dict[str, object]) -> dict:
    """An answer sheet as the HTML book's "답안 내보내기" writes it (answers typed as text)."""
    return {"format": sheets.SHEET_FORMAT, "version": sheets.SHEET_VERSION, "book": "bench",
            "book_version": "bench", "chapter": chapter, "student": name,
            "exported_at": "2026-03-02T09:00:00.000Z",
            "answers": [{"exercise": i, "answer": exercises.answer_text(a) if a is not None else None}
                        for i, a in given.items()]}


def write_submissions(folder: Path, chapter_name: str, count: int, notebook_count: int) -> dict[str, str]:
    """Write the submissions; return each student's kind."""
    copies = folder / "copies"
    made = student.make_student_copies(ROOT / "chapters", copies)
    chapter = next(c for c in made.chapters if c.name == chapter_name)
    copy = json.loads((copies / f"{chapter_name}.ipynb").read_text(encoding="utf-8"))
    out = folder / "submissions"
    out.mkdir()
    kinds = {}
    for i in range(count):
        name, kind = f"student_{i:03d}", KINDS[i % len(KINDS)]
        given = answers(chapter, kind)
        if i < notebook_count:
            data = filled_notebook(copy, given)
            (out / f"{name}.ipynb").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        else:
            (out / f"{name}.json").write_text(json.dumps(sheet(chapter_name, name, given), ensure_ascii=False),
                                              encoding="utf-8")
        kinds[name] = kind
    return kinds


def _rss(proc: psutil.Process) -> int:
    try:
        return proc.memory_info().rss
    except psutil.Error:  # ended between listing and reading
        return 0


def measure(cmd: list[str]) -> dict[str, float]:
    """Run ``cmd``: wall and CPU seconds (it and every process it waited for), and, sampled every
    0.1 s, the largest single process and the peak of all its processes together (RSS, MB)."""
    before = os.times()
    started = time.monotonic()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        parent, largest, total = psutil.Process(proc.pid), 0, 0
        while proc.poll() is None:
            try:
                sizes = [_rss(p) for p in [parent] + parent.children(recursive=True)]
            except psutil.Error:
                sizes = []
            largest, total = max([largest, *sizes]), max(total, sum(sizes))
            time.sleep(0.1)
        wall = time.monotonic() - started
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    after = os.times()
    if proc.returncode != 0:
        raise SystemExit(f"grade failed ({proc.returncode}):\n{output[-3000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "largest_mb": largest / 1e6, "total_mb": total / 1e6}


def check_grades(grades: Path, kinds: dict[str, str]) -> str:
    """'ok' when right answers got full marks and the others none, else what differs."""
    with grades.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    totals = {r["student"]: float(r["total"]) for r in rows}
    full = max(totals.values())
    wrong = [s for s, k in kinds.items() if totals.get(s) != (full if k == "right" else 0)]
    return "ok" if not wrong and full > 0 else f"{len(wrong)} unexpected, e.g. {wrong[:3]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", default="03_sla")
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--notebooks", type=int, default=150, help="how many are notebooks (the rest are sheets)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as scratch:
        folder = Path(scratch)
        kinds = write_submissions(folder, args.chapter, args.submissions, args.notebooks)
        sheet_count = args.submissions - min(args.notebooks, args.submissions)
        print(f"{args.chapter}: {args.submissions} submissions, {args.submissions - sheet_count} notebooks "
              f"and {sheet_count} answer sheets\n")
        print("| --jobs | wall | CPU (grader + kernels) | largest process | peak, all processes | grades |")
        print("|---:|---:|---:|---:|---:|---|")
        for jobs in args.jobs:
            out = folder / f"grades-{jobs}" / "grades.csv"
            r = measure([sys.executable, "-m", "awsbook.classroom", "grade", str(folder / "submissions"),
                         "--chapter", args.chapter, "--out", str(out), "--jobs", str(jobs)])
            print(f"| {jobs} | {r['wall']:.1f} s | {r['cpu']:.1f} s | {r['largest_mb']:.0f} MB | "
                  f"{r['total_mb']:.0f} MB | {check_grades(out, kinds)} |")


if __name__ == "__main__":
    main()
