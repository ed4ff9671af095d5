"""Lighthouse's mobile test on every page of the book; the table goes into the README.

Run from the repository root (after ``npm ci``, which installs the pinned Lighthouse)::

    python benchmarks/bench_lighthouse.py                      # build, measure every page, print the table
    python benchmarks/bench_lighthouse.py --html _build/html   # measure a book built already
    python benchmarks/bench_lighthouse.py --readme             # also write the table into README.md

Setup: Lighthouse 12 with its mobile defaults (a Moto G Power-sized screen, simulated slow 4G:
150 ms round trip, 1.6 Mbit/s down; a 4× slower CPU), run by the installed Chromium on the
built book served from 127.0.0.1 with gzip, as a static host (GitHub Pages) serves it.
Python's ``http.server`` does not compress, and without compression the simulated network
makes every page look slower than a reader's.  Lighthouse's simulation moves by several
points from run to run on a shared machine, so each page is measured ``--runs`` times
(3 by default) and each figure is the median of its runs.

Goal (issue 26, the web.dev "good" thresholds): performance score ≥ 90, largest contentful
paint ≤ 2.5 s, total blocking time ≤ 200 ms, cumulative layout shift ≤ 0.1.  This is a
script, not a test (``tests/test_lighthouse.py`` runs two pages with looser limits).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import io
import json
import mimetypes
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
README = ROOT / "README.md"
#: The README's table sits between these two lines.
BEGIN, END = "<!-- bench_lighthouse: begin -->", "<!-- bench_lighthouse: end -->"
#: web.dev's "good" thresholds and Lighthouse's "good" score (issue 26).
GOAL = {"score": 90, "lcp_s": 2.5, "tbt_ms": 200, "cls": 0.1}
#: What a static host compresses.
COMPRESSED = (".html", ".js", ".css", ".svg", ".json", ".txt", ".xml", ".inv")
#: What each measurement is read from in Lighthouse's report (``audits[...].numericValue``).
AUDITS = {"lcp_s": "largest-contentful-paint", "tbt_ms": "total-blocking-time", "cls": "cumulative-layout-shift",
          "fcp_s": "first-contentful-paint", "si_s": "speed-index", "bytes": "total-byte-weight"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """``http.server``'s static files, gzip-compressed for a client that accepts it (text files only)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (path.is_dir() or path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = _compressed(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@functools.lru_cache(maxsize=512)
def _compressed(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


@contextmanager
def serve_gzip(folder: Path):
    """Serve ``folder`` on 127.0.0.1 with gzip for the ``with`` block; yield the base URL."""
    mimetypes.add_type("application/javascript", ".js")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def chromium() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def lighthouse(url: str, *, timeout: int = 300) -> dict:
    """One Lighthouse mobile run (performance only) on ``url``: the score (0–100), the figures of
    :data:`AUDITS` (seconds, milliseconds, layout-shift units, bytes) and Lighthouse's CPU benchmark
    index of the machine during the run (``cpu_index``; lower on a busier machine)."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `npm ci` in {ROOT}")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        proc = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
             f"--output-path={report}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            capture_output=True, text=True, timeout=timeout,
            env={**os.environ, "CHROME_PATH": chromium(), "TMPDIR": tmp})
        if proc.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url} ({proc.returncode}):\n{proc.stderr[-3000:]}")
        found = json.loads(report.read_text(encoding="utf-8"))
    if found.get("runtimeError"):
        raise RuntimeError(f"lighthouse on {url}: {found['runtimeError']}")
    audits = found["audits"]
    result = {"score": round(100 * found["categories"]["performance"]["score"]),
              "cpu_index": found["environment"]["benchmarkIndex"]}
    for key, audit in AUDITS.items():
        value = audits[audit]["numericValue"]
        result[key] = value / 1000 if key.endswith("_s") else value
    return result


def median_of(runs: list[dict]) -> dict:
    """Each figure's median over ``runs`` (figures are taken apart, not the median run)."""
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def measure(base: str, names: list[str], runs: int, *, log=sys.stderr) -> dict[str, dict]:
    """Median figures per page (``names`` are paths below ``base``)."""
    found = {}
    for name in names:
        each = []
        for k in range(runs):
            each.append(lighthouse(f"{base}/{name}"))
            print(f"  {name} run {k + 1}: " + ", ".join(f"{key} {value:g}" for key, value in each[-1].items()),
                  file=log, flush=True)
        found[name] = median_of(each)
    return found


def meets(figures: dict) -> bool:
    return (figures["score"] >= GOAL["score"] and figures["lcp_s"] <= GOAL["lcp_s"]
            and figures["tbt_ms"] <= GOAL["tbt_ms"] and figures["cls"] <= GOAL["cls"])


def table(found: dict[str, dict], runs: int) -> str:
    """The README's table (markdown)."""
    lines = ["| page | score | LCP | TBT | CLS | FCP | transferred | CPU index | goal met |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, f in found.items():
        lines.append(f"| {name} | {f['score']:.0f} | {f['lcp_s']:.1f} s | {f['tbt_ms']:.0f} ms | {f['cls']:.3f} "
                     f"| {f['fcp_s']:.1f} s | {f['bytes'] / 1024:.0f} KB | {f['cpu_index']:.0f} "
                     f"| {'yes' if meets(f) else '**no**'} |")
    lines.append(f"\nMedians of {runs} runs per page; score ≥ {GOAL['score']}, LCP ≤ {GOAL['lcp_s']} s, "
                 f"TBT ≤ {GOAL['tbt_ms']} ms, CLS ≤ {GOAL['cls']}. \"transferred\" is what the page "
                 "downloads, gzipped (Lighthouse's total byte weight); \"CPU index\" is Lighthouse's benchmark "
                 "of the machine during the runs (lower when other work shares the CPU, which inflates TBT).")
    return "\n".join(lines)


def write_readme(text: str, readme: Path = README) -> None:
    """Replace the table between :data:`BEGIN` and :data:`END` in ``readme``."""
    old = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(old):
        raise SystemExit(f"{readme} has no {BEGIN} … {END} block")
    readme.write_text(pattern.sub(lambda _: f"{BEGIN}\n{text}\n{END}", old), encoding="utf-8")


def build(out: Path) -> Path:
    """Build the book into ``out`` (the repository's own ``_build`` is never touched); return its HTML folder."""
    jb = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    proc = subprocess.run([jb, "build", str(ROOT), "--path-output", str(out)], capture_output=True, text=True,
                          timeout=1800)
    if proc.returncode != 0:
        sys.exit(f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return out / "_build" / "html"


def pages() -> list[str]:
    """Every page of the table of contents, in reading order, as ``<docname>.html``."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    return [f"{name}.html" for name in parse_toc_yaml(ROOT / "_toc.yml")]


def machine() -> str:
    version = subprocess.run([chromium(), "--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{datetime.date.today().isoformat()} · {os.cpu_count()} cores · {version} · Node {node} · "
            f"Lighthouse {json.loads((ROOT / 'node_modules/lighthouse/package.json').read_text())['version']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, help="a built book's HTML folder (default: build one under --work-dir)")
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/awsbook-lighthouse"))
    parser.add_argument("--runs", type=int, default=3, help="runs per page (the median is reported)")
    parser.add_argument("--page", action="append", help="only this page (e.g. chapters/03_sla.html); repeatable")
    parser.add_argument("--json", type=Path, help="also write the medians as JSON here")
    parser.add_argument("--readme", action="store_true", help="write the table into README.md")
    args = parser.parse_args(argv)

    html = args.html.resolve() if args.html else build(args.work_dir.resolve())
    names = args.page or pages()
    start_load = os.getloadavg()[0]
    print(f"Machine: {machine()} · load average {start_load:.1f}", file=sys.stderr)
    with serve_gzip(html) as base:
        found = measure(base, names, args.runs)
    text = table(found, args.runs)
    where = f"{machine()} · load average {start_load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    print(f"Measured {where}\n\n{text}")
    if args.json:
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")
    if args.readme:
        write_readme(f"Measured {where}.\n\n{text}")
    return 0 if all(meets(f) for f in found.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
