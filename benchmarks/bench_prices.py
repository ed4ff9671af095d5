"""Time and peak memory of ``python -m awsbook.prices refresh`` on a synthetic 500 MB EC2 price file.

    python benchmarks/bench_prices.py [--size-mb 500] [--offers /tmp/awsbook-offers] [--keep]

Writes the file with ``benchmarks/make_offer_file.py`` under ``--offers`` (in /tmp,
never in the repository; reused if it is already there), copies ``data/`` to a scratch
folder and runs, each in a fresh process:

1. reading the file alone (``awsbook.prices.offers.read`` with the EC2 selection), and
2. the whole command with ``--service AmazonEC2 --region us-east-1 --dry-run``
   (read, select, merge, validate, prose numbers before/after, diff).

It prints wall time, CPU time (user + system, all processes; steadier than wall time on a
shared machine) and peak resident memory (the largest process; ``ru_maxrss``) of each.  Budget: peak RSS ≤ 300 MB.  The file is deleted afterwards unless ``--keep``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import make_offer_file  # noqa: E402

READ_ONLY = """
import sys, time
from pathlib import Path
from awsbook.prices import offers, select
from awsbook.prices.tables import Table
tables = {"ec2_prices": Table.load(Path(sys.argv[2]), "ec2_prices")}
t = time.perf_counter()
offer = offers.read(Path(sys.argv[1]), "AmazonEC2", "us-east-1", "bench", select.ec2_keep("us-east-1", tables))
rows = select.ec2(offer, tables).candidates
print(f"{offer.product_count} products, {len(rows)} rows selected in {time.perf_counter() - t:.1f} s")
"""


def run(cmd: list[str], env: dict) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (all processes), peak RSS (MB) of the largest process, and output of ``cmd``."""
    # ru_maxrss of RUSAGE_CHILDREN is the maximum over every waited-for descendant so far, so run
    # each measurement from its own helper process to keep the numbers apart.
    probe = ("import resource, subprocess, sys, time, json\n"
             "t = time.perf_counter()\n"
             "p = subprocess.run(json.loads(sys.argv[1]), capture_output=True, text=True)\n"
             "wall = time.perf_counter() - t\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(json.dumps([wall, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024,"
             " p.returncode, p.stdout[-3000:] + p.stderr[-3000:]]))\n")
    import json
    out = subprocess.run([sys.executable, "-c", probe, json.dumps(cmd)], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True)
    wall, cpu, rss, code, text = json.loads(out.stdout)
    if code != 0:
        raise SystemExit(f"command failed ({code}):\n{text}")
    return wall, cpu, rss, text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=500)
    parser.add_argument("--offers", type=Path, default=Path(tempfile.gettempdir()) / "awsbook-offers")
    parser.add_argument("--keep", action="store_true", help="keep the generated file")
    args = parser.parse_args(argv)
    path = args.offers / "AmazonEC2" / "current" / "us-east-1" / "index.json"
    if not path.exists() or abs(path.stat().st_size / 1e6 - args.size_mb) > args.size_mb * 0.1:
        t = time.perf_counter()
        make_offer_file.write(path, args.size_mb)
        print(f"generated {path} in {time.perf_counter() - t:.0f} s")
    size_mb = path.stat().st_size / 1e6
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    scratch = Path(tempfile.mkdtemp(prefix="awsbook-bench-data-"))
    try:
        shutil.copytree(ROOT / "data", scratch / "data")
        read = run([sys.executable, "-c", READ_ONLY, str(path), str(scratch / "data")], env)
        full = run([sys.executable, "-m", "awsbook.prices", "refresh", "--offers", str(args.offers),
                    "--service", "AmazonEC2", "--region", "us-east-1", "--data-dir", str(scratch / "data"),
                    "--dry-run"], env)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(args.offers, ignore_errors=True)
    print(f"synthetic EC2 offer file: {size_mb:,.0f} MB; {read[3].strip().splitlines()[-1]}")
    print(f"{'case':<44} {'wall':>8} {'CPU':>8} {'peak RSS':>10}")
    for name, (wall, cpu, rss, _) in (("read + select (offers.read, select.ec2)", read),
                                      ("refresh --dry-run (whole command)", full)):
        print(f"{name:<44} {wall:>7.1f}s {cpu:>7.1f}s {rss:>7.0f} MB")
    budget_ok = max(read[2], full[2]) <= 300
    print(f"peak RSS budget 300 MB: {'met' if budget_ok else 'NOT met'}")
    return 0 if budget_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
