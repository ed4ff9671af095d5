"""Time grading 40 notebooks with and without the sandbox; print a table and the sandbox's overhead.

Run from the repository root::

    python benchmarks/bench_sandbox.py                      # 40 notebooks of 03_sla, 3 rounds
    python benchmarks/bench_sandbox.py --chapter 09_choosing_compute --notebooks 40 --rounds 5

The submissions are the chapter's own notebook (its solutions: full marks) and
its blank student copy, alternately.  Each round grades them once unsandboxed
(``sandbox=False``) and once in the sandbox :func:`awsbook.classroom.sandbox.find`
picks, in alternating order so that a change in the machine's load falls on
both; the table gives the median wall time of the rounds and the CPU time of
the grader and of every process it started (kernels, sandboxes), which does
not grow when other jobs share the machine.  A sandboxed kernel is killed
inside its sandbox, so its CPU time never reaches the grader's
``RUSAGE_CHILDREN``: a thread samples the CPU time of the grader's descendants
every 0.1 s (in both ways) and keeps each process's last value.  The grades of
both ways must be the same.
Target (issue 27): overhead ≤ 15%.  This is a script, not a test: timings
depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awsbook.classroom import grading, notebooks, sandbox, student  # noqa: E402

TARGET = 0.15


def _submissions(chapter: str, count: int, folder: Path) -> list[Path]:
    teacher = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    blank = notebooks.student_notebook(teacher, chapter)
    paths = []
    for i in range(count):
        path = folder / f"student_{i:02d}.ipynb"
        path.write_text(json.dumps(teacher if i % 2 == 0 else blank, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


class DescendantsCPU:
    """CPU seconds of this process's descendants, sampled every ``interval`` seconds while it runs."""

    def __init__(self, interval: float = 0.1):
        self.interval, self.seen, self.running = interval, {}, True
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while self.running:
            for pid in sandbox.descendants(os.getpid())[1:]:
                try:
                    proc = psutil.Process(pid)
                    with proc.oneshot():
                        t = proc.cpu_times()
                        self.seen[(pid, proc.create_time())] = t.user + t.system
                except psutil.Error:
                    continue
            time.sleep(self.interval)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.seen.values())


def _grade(paths, chapter, box, jobs) -> tuple[float, float, list[float]]:
    own = psutil.Process().cpu_times()
    started = time.monotonic()
    with DescendantsCPU() as kernels:
        graded = grading.grade_submissions(paths, chapter, sandbox=box, jobs=jobs)
    wall = time.monotonic() - started
    after = psutil.Process().cpu_times()
    return wall, after.user + after.system - own.user - own.system + kernels.seconds, [s.total for s in graded]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", default="03_sla")
    parser.add_argument("--notebooks", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=None, help="kernels at once (default: CPU count)")
    args = parser.parse_args(argv)
    chapter = next(c for c in student.chapters_from(ROOT / "chapters") if c.name == args.chapter)
    box = sandbox.find()
    jobs = args.jobs or os.cpu_count() or 1
    folder = Path(tempfile.mkdtemp(prefix="bench-sandbox-"))
    try:
        paths = _submissions(args.chapter, args.notebooks, folder)
        times: dict[str, list[tuple[float, float]]] = {"unsandboxed": [], box.tool: []}
        totals = {}
        load = os.getloadavg()[0]
        for round_ in range(args.rounds):
            order = [("unsandboxed", False), (box.tool, box)]
            for name, kind in order if round_ % 2 == 0 else order[::-1]:
                wall, cpu, totals[name] = _grade(paths, chapter, kind, jobs)
                times[name].append((wall, cpu))
                print(f"round {round_ + 1} {name}: {wall:.1f} s wall, {cpu:.1f} s CPU", flush=True)
        if totals["unsandboxed"] != totals[box.tool]:
            print("grades differ between the two ways!", file=sys.stderr)
            return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    base = "unsandboxed"
    print(f"\n{args.notebooks} notebooks of {args.chapter}, {jobs} kernels at once, {args.rounds} rounds, "
          f"load average {load:.1f} at start ({os.cpu_count()} CPUs); {box.describe()}\n")
    print("| grading | wall, each round | wall, median | per notebook | CPU, median | CPU per notebook |")
    print("|---|---|---:|---:|---:|---:|")
    for name in times:
        rounds = ", ".join(f"{w:.1f}" for w, _ in times[name])
        print(f"| {name} | {rounds} s | {wall[name]:.1f} s | {wall[name] / args.notebooks:.2f} s "
              f"| {cpu[name]:.1f} s | {cpu[name] / args.notebooks:.2f} s |")
    overhead, cpu_overhead = wall[box.tool] / wall[base] - 1, cpu[box.tool] / cpu[base] - 1
    print(f"\nsandbox overhead: {overhead:+.1%} wall, {cpu_overhead:+.1%} CPU "
          f"(target ≤ {TARGET:.0%}: {'met' if max(overhead, cpu_overhead) <= TARGET else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
