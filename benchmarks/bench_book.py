"""Measure the whole book on this machine and print markdown tables.

Run from the repository root::

    python benchmarks/bench_book.py                  # builds, nbval, page sizes, JS, slider timing
    python benchmarks/bench_book.py --test-command   # also time `python -m pytest` (several minutes)

Measured: a cold full build (no execution cache), a cached rebuild (execution
cache kept, HTML and doctrees removed), a no-change rebuild, nbval over every
chapter notebook, optionally the whole test command from a clean build, each
page's own HTML bytes and its chart-data script, the JavaScript a first visit
to each page downloads, and, in headless Chromium, the time from a step of a
chart's range input to the chart's redraw (the last ``plotly_afterplot``
event).  Targets (2-core machine): cold build ≤ 60 s, cached ≤ 10 s, nbval
≤ 60 s, every page ≤ 150 KB, first-visit JS ≤ 1,500 KB (≤ 500 KB gzipped),
slider → redraw ≤ 100 ms.  Everything is built under ``--work-dir`` so the repository's own
``_build`` is never touched.  This is a script, not a test: timings depend on
the machine.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sphinx_external_toc.parsing import parse_toc_yaml  # noqa: E402

from awsbook.book.pdf import CHROMIUM_ARGS, SCRIPTS_LOADED, serve  # noqa: E402

TARGETS = {"cold": 60.0, "cached": 10.0, "nbval": 60.0, "page_kb": 150.0, "js_kb": 1500.0, "js_gzip_kb": 500.0,
           "slider_ms": 100.0}
#: Slider steps timed per slider.
STEPS_PER_SLIDER = 6

# Moves range input k of a chart half-way round from its position and dispatches "input", as a
# reader's drag or arrow key does; resolves with the time to the last plotly_afterplot (no
# further redraw within 200 ms), or null after 5 s without one.
STEP_JS = """async ([id, k]) => {
  const gd = document.getElementById(id);
  const range = document.querySelectorAll(`input[type="range"][data-chart="${id}"]`)[k];
  const n = Number(range.max) + 1;
  let last = null;
  const onAfter = () => { last = performance.now(); };
  gd.on('plotly_afterplot', onAfter);
  const t0 = performance.now();
  range.value = String((Number(range.value) + Math.ceil(n / 2)) % n);
  range.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise((resolve) => {
    let seen;
    const tick = () => {
      if ((last !== null && last === seen) || performance.now() - t0 > 5000) resolve();
      else { seen = last; setTimeout(tick, 200); }
    };
    setTimeout(tick, 200);
  });
  gd.removeListener('plotly_afterplot', onAfter);
  return last === null ? null : last - t0;
}"""
CHARTS_DRAWN = """() => [...document.querySelectorAll('figure.awsbook-chart .awsbook-plot')]
  .every(d => d.getAttribute('data-ready') === 'true')"""


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"{datetime.date.today().isoformat()} · {cpu} · {os.cpu_count()} cores · "
            f"{mem_kb / 1024 / 1024:.0f} GB RAM · Python {platform.python_version()} · {version}")


def timed(cmd: list[str], *, env: dict | None = None, timeout: int = 1800) -> tuple[float, str]:
    """Run ``cmd`` in the repository root; return the wall time in seconds and its output
    (exit on failure)."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return seconds, proc.stdout + proc.stderr


def build(out: Path) -> tuple[float, float]:
    """Build the book into ``out``; return the wall time and the part spent executing
    notebooks (the sum of myst-nb's "Executed notebook in N seconds" lines), in seconds."""
    jb = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    seconds, log = timed([jb, "build", str(ROOT), "--path-output", str(out)])
    return seconds, sum(map(float, re.findall(r"Executed notebook in ([\d.]+) seconds", log)))


def pages() -> list[str]:
    """Every page of the table of contents, in reading order, as ``<docname>.html``."""
    return [f"{name}.html" for name in parse_toc_yaml(ROOT / "_toc.yml")]


def browse(html: Path, names: list[str]) -> dict[str, dict]:
    """Per page: JS bytes (raw and gzip) a first visit downloads, and slider-step timings (ms)."""
    from playwright.sync_api import sync_playwright

    found = {}
    with serve(html) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                    headless=True, args=CHROMIUM_ARGS)
        for name in names:
            context = browser.new_context(viewport={"width": 1280, "height": 900})  # empty cache
            page = context.new_page()
            scripts = []
            page.on("response", lambda r: scripts.append(r) if r.request.resource_type == "script" else None)
            page.goto(f"{base}/{name}", wait_until="networkidle")
            page.wait_for_function(SCRIPTS_LOADED, timeout=60_000)  # loaded after the first paint
            page.evaluate("() => window.awsbookCharts && window.awsbookCharts.drawAll()")  # drawn near the screen only
            page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
            bodies = [r.body() for r in scripts]
            steps = []
            for plot_id in page.eval_on_selector_all(".awsbook-plot", "els => els.map(e => e.id)"):
                ranges = page.locator(f'input[type="range"][data-chart="{plot_id}"]')
                for k in range(ranges.count()):
                    ranges.nth(k).scroll_into_view_if_needed()
                    steps += [page.evaluate(STEP_JS, [plot_id, k]) for _ in range(STEPS_PER_SLIDER)]
            found[name] = {"js": sum(map(len, bodies)), "js_gzip": sum(len(gzip.compress(b)) for b in bodies),
                           "charts": page.locator(".awsbook-plot").count(),
                           "steps": [s for s in steps if s is not None], "missed": steps.count(None)}
            context.close()
            print(f"  {name}: {found[name]['charts']} charts, {len(steps)} slider steps", file=sys.stderr)
        browser.close()
    return found


def row(name: str, value: str, target: str = "–", met: bool | None = None) -> str:
    verdict = "–" if met is None else ("yes" if met else "**no**")
    return f"| {name} | {value} | {target} | {verdict} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/awsbook-bench"))
    parser.add_argument("--test-command", action="store_true",
                        help="also time `python -m pytest` from a clean build (takes several minutes)")
    args = parser.parse_args(argv)
    work = args.work_dir.resolve()
    book = work / "book"
    shutil.rmtree(work, ignore_errors=True)

    print(f"Machine: {machine()}\n", file=sys.stderr)
    cold, executing = build(book)
    shutil.rmtree(book / "_build" / "html")
    shutil.rmtree(book / "_build" / ".doctrees")
    cached, _ = build(book)
    unchanged, _ = build(book)
    nbval, _ = timed([sys.executable, "-m", "pytest", "chapters", "-q"])

    html = book / "_build" / "html"
    names = pages()
    sizes = {name: (html / name).stat().st_size for name in names}
    data = {name: (html / "_static" / "charts" / f"{name[:-5].replace('/', '-')}.js") for name in names}
    data = {name: path.stat().st_size if path.exists() else 0 for name, path in data.items()}
    seen = browse(html, names)
    steps = [s for page in seen.values() for s in page["steps"]]
    missed = sum(page["missed"] for page in seen.values())
    tests = None
    if args.test_command:
        tests, _ = timed([sys.executable, "-m", "pytest", "-q"], env={"AWSBOOK_BUILD_DIR": str(work / "tests")},
                         timeout=3600)

    biggest = max(sizes, key=sizes.get)
    heaviest_js = max(seen, key=lambda n: seen[n]["js"])
    median = statistics.median(steps) if steps else float("nan")
    p90 = statistics.quantiles(steps, n=10)[-1] if len(steps) >= 2 else float("nan")

    print(f"Measured {machine()}\n")
    print("| measurement | result | target | met |\n|---|---|---|---|")
    print(row("cold full build (no cache)", f"{cold:.1f} s, of which executing notebooks {executing:.1f} s",
              f"≤ {TARGETS['cold']:.0f} s", cold <= TARGETS["cold"]))
    print(row("cached rebuild (execution cache kept)", f"{cached:.1f} s", f"≤ {TARGETS['cached']:.0f} s",
              cached <= TARGETS["cached"]))
    print(row("rebuild with nothing changed", f"{unchanged:.1f} s"))
    print(row("nbval over all notebooks", f"{nbval:.1f} s", f"≤ {TARGETS['nbval']:.0f} s", nbval <= TARGETS["nbval"]))
    print(row("whole test command (`python -m pytest`, clean build)",
              f"{tests:.0f} s" if tests is not None else "not run (use --test-command)"))
    print(row("largest page HTML", f"{sizes[biggest] / 1024:.0f} KB ({biggest})", f"≤ {TARGETS['page_kb']:.0f} KB",
              sizes[biggest] / 1024 <= TARGETS["page_kb"]))
    js, js_gzip = seen[heaviest_js]["js"] / 1024, seen[heaviest_js]["js_gzip"] / 1024
    print(row("JS a first visit downloads (heaviest page)", f"{js:.0f} KB, {js_gzip:.0f} KB gzipped ({heaviest_js})",
              f"≤ {TARGETS['js_kb']:,.0f} KB, ≤ {TARGETS['js_gzip_kb']:.0f} KB gzipped",
              js <= TARGETS["js_kb"] and js_gzip <= TARGETS["js_gzip_kb"]))
    print(row(f"slider step → plotly_afterplot, median of {len(steps)}",
              f"{median:.0f} ms (90th percentile {p90:.0f} ms" + (f", {missed} steps without redraw)" if missed else ")"),
              f"≤ {TARGETS['slider_ms']:.0f} ms", median <= TARGETS["slider_ms"]))

    print("\n| page | HTML | chart data | JS first visit (gzip) | charts | slider → redraw, median (max) |\n"
          "|---|---|---|---|---|---|")
    for name in names:
        page = seen[name]
        timing = (f"{statistics.median(page['steps']):.0f} ms ({max(page['steps']):.0f} ms)"
                  if page["steps"] else "–")
        print(f"| {name} | {sizes[name] / 1024:.0f} KB | {data[name] / 1024:.0f} KB "
              f"| {page['js'] / 1024:.0f} KB ({page['js_gzip'] / 1024:.0f} KB) | {page['charts']} | {timing} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
