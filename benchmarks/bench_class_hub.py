"""Start times and memory per student of the local class hub (``scripts/class-hub.sh``).

    python benchmarks/bench_class_hub.py [--students 3] [--chapters 03_sla 09_choosing_compute]

Starts the hub in a scratch folder, logs in ``--students`` students over HTTP and starts their
servers one after another, then, as the first student, runs each chapter (default: every chapter
of ``_toc.yml``) in a kernel of that student's server, one chapter at a time (the kernel is shut
down before the next).  Prints markdown tables of:

- the hub's start (script start to the hub answering; packages already installed),
- each server's start (spawn request to ready, nbgitpuller's clone included) and its resident
  memory when idle (JupyterLab server, no kernel),
- per chapter: Run All's wall time, the kernel's CPU time (user + system, its start included), the
  kernel's resident memory after Run All, and server + kernel together,
- the hub and proxy's own memory.

Memory is resident set size (RSS) in MB (10^6 bytes): what a pod of its own would hold, libraries
included (PSS would split shared libraries between students on one machine, which separate pods
do not share).  This is a script, not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from classhub import FOLDER, Hub, Student, rss_mb  # noqa: E402
from conftest import toc_files  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=3)
    parser.add_argument("--chapters", nargs="*", help="chapter names (default: every chapter in _toc.yml)")
    args = parser.parse_args()
    chapters = args.chapters or [Path(f).name for f in toc_files() if f.startswith("chapters/")]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bench-class-hub-") as scratch:
        hub = Hub(Path(scratch) / "state", Path(scratch) / "hub.log")
        try:
            students = [Student(hub, f"2026{n:04d}") for n in range(1, args.students + 1)]
            idle = []
            for student in students:
                student.login().raise_for_status()
                student.start_server()
                time.sleep(2)  # let the server settle after its first page
                idle.append(rss_mb([hub.server_of(student.name)]))
            print(f"\nhub start (script to answering): {hub.start_seconds:.1f} s")
            print("\n| student | server start | idle server RSS |\n|---|---:|---:|")
            for student, mb in zip(students, idle):
                print(f"| {student.name} | {student.spawn_seconds:.1f} s | {mb:.0f} MB |")

            first = students[0]
            print("\n| chapter | Run All | kernel CPU | kernel RSS after | server + kernel RSS |\n|---|---:|---:|---:|---:|")
            for chapter in chapters:
                path = f"{FOLDER}/{chapter}.ipynb"
                kernel = first.kernel(path)
                started = time.monotonic()
                replies = kernel.run_notebook(first.notebook(path))
                seconds = time.monotonic() - started
                errors = [r.error for r in replies if r.error]
                server = hub.server_of(first.name)
                kernels = server.children(recursive=True)
                cpu = sum(sum(k.cpu_times()[:2]) for k in kernels)
                print(f"| {chapter} | {seconds:.1f} s | {cpu:.1f} s | {rss_mb(kernels):.0f} MB | "
                      f"{rss_mb([server] + kernels):.0f} MB |"
                      + (f" error: {errors[0]}" if errors else ""))
                kernel.close()
                for session in first.get("api/sessions").json():
                    first.delete(f"api/sessions/{session['id']}")
                time.sleep(1)
            own = [p for p in hub.processes() if "singleuser" not in " ".join(p.cmdline())
                   and "ipykernel" not in " ".join(p.cmdline())]
            print(f"\nhub + proxy RSS: {rss_mb(own):.0f} MB")
        finally:
            alive = hub.stop()
            print(f"stopped; processes left: {len(alive)}")


if __name__ == "__main__":
    main()
