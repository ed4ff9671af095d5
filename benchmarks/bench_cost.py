"""Time the cost models and the EC2/Lambda chapter notebooks; print a table.

Run from the repository root::

    python benchmarks/bench_cost.py              # cost functions only
    python benchmarks/bench_cost.py --notebooks  # also execute chapters 02 and 04

Budgets (issue #4): each cost function over a 500-point requests grid ≤ 5 ms,
``break_even_requests`` ≤ 1 ms, each chapter notebook ≤ 10 s.  Functions that
take no request count (EC2, Fargate, EKS fixed costs) are also timed as 500
scalar calls, for information.  Notebooks report wall time and the kernel's
CPU time (which does not grow when other jobs share the machine).  This is a
script, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import timeit
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awsbook import cost  # noqa: E402

GRID = np.linspace(0, 300e6, 500)  # requests per month
CAPACITY = dict(rps_per_instance=8.78, peak_to_average=2, target_utilisation=0.7)

#: (name, budget in ms or None for informational rows, function)
CASES = [
    ("lambda_monthly_cost, 500-point requests grid", 5.0,
     lambda: cost.lambda_monthly_cost(GRID, 100, 512)),
    ("lambda_monthly_cost + free tier, HTTP API, 2 GB /tmp, 500 points", 5.0,
     lambda: cost.lambda_monthly_cost(GRID, 100, 512, free_tier=True, api="http", ephemeral_mb=2048)),
    ("ec2_fleet_monthly_cost (capacity-aware EC2), 500-point grid", 5.0,
     lambda: cost.ec2_fleet_monthly_cost(GRID, "t3.micro", **CAPACITY)),
    ("cheaper_intervals, 0..300 M requests", 5.0,
     lambda: cost.cheaper_intervals(100, 512, "t3.micro", max_requests=300e6, **CAPACITY)),
    ("break_even_requests", 1.0,
     lambda: cost.break_even_requests(7.592, 100, 512)),
    ("break_even_requests + free tier, HTTP API", 1.0,
     lambda: cost.break_even_requests(7.592, 100, 512, free_tier=True, api="http")),
    # These take no request count; timed as 500 scalar calls for information only.
    ("ec2_monthly_cost, 500 scalar calls (count 1..500)", None,
     lambda: [cost.ec2_monthly_cost("t3.micro", count=c) for c in range(1, 501)]),
    ("fargate_monthly_cost, 500 scalar calls (tasks 1..500)", None,
     lambda: [cost.fargate_monthly_cost(1, 2, tasks=c) for c in range(1, 501)]),
    ("eks_monthly_fee, 500 scalar calls (clusters 1..500)", None,
     lambda: [cost.eks_monthly_fee(clusters=c) for c in range(1, 501)]),
]

NOTEBOOKS = ["chapters/02_ec2.ipynb", "chapters/04_lambda.ipynb"]


def best_ms(func) -> float:
    """Best of 7 repeats of the mean time per call, in milliseconds."""
    func()  # warm the data caches
    timer = timeit.Timer(func)
    number, _ = timer.autorange()
    return min(timer.repeat(7, number)) / number * 1e3


def notebook_seconds(path: Path) -> tuple[float, float]:
    """Execute a notebook top to bottom in a fresh kernel: (wall seconds, kernel CPU seconds).

    The CPU time (user + system of the finished kernel process) does not grow
    when other jobs share the machine; the wall time does.
    """
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", action="store_true", help="also time the chapter notebooks")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    rows = [(name, best_ms(func), budget, "ms") for name, budget, func in CASES]
    if args.notebooks:
        for nb in NOTEBOOKS:
            wall, cpu = notebook_seconds(ROOT / nb)
            rows += [(f"{nb} (wall)", wall, 10.0, "s"), (f"{nb} (kernel CPU)", cpu, 10.0, "s")]
    width = max(len(r[0]) for r in rows)
    print(f"| {'case':<{width}} | {'time':>11} | {'budget':>7} | ok  |")
    print(f"| {'-' * width} | {'-' * 11} | {'-' * 7} | --- |")
    for name, value, budget, unit in rows:
        limit = "—" if budget is None else f"{budget:g} {unit}"
        ok = "—" if budget is None else ("yes" if value <= budget else "NO")
        print(f"| {name:<{width}} | {value:>8.3f} {unit:<2} | {limit:>7} | {ok:<3} |")


if __name__ == "__main__":
    main()
