"""Print the whole book to one PDF for class handouts, fully offline.

    python -m awsbook.book.pdf                   # -> _build/pdf/book.pdf (student handout)
    python -m awsbook.book.pdf --with-solutions  # teacher's copy, worked solutions included

The book is built with jupyter-book's single-page HTML builder into
``_build/pdf/singlehtml`` (its own doctrees, so it never disturbs the HTML
build, but the HTML build's execution cache, so notebooks are not run again),
served from 127.0.0.1 and printed by the installed headless Chromium through
Playwright.  Every request to another host is refused.  Charts are printed in
their default state after plotly has drawn them; Korean text uses the
installed Korean font (NanumGothic, from ``fonts-nanum``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import yaml

#: Print-only adjustments: each chapter starts a page, charts and tables are not split,
#: the "show code" toggles of hidden code cells are left out.
PRINT_CSS = """
@media print {
  .toctree-wrapper > section { break-before: page; }
  h1, h2, h3, h4 { break-after: avoid; }
  .js-plotly-plot, .cell_output, figure, tr { break-inside: avoid; }
  .modebar-container, details.above-input { display: none !important; }
}
"""
#: Student handouts leave out worked solutions: the solution cell, the check cell
#: right after it, and the solution box.
HANDOUT_CSS = """
@media print {
  .cell.tag_solution, .cell.tag_solution + .cell, div.solution { display: none !important; }
}
"""
#: Browser width (CSS px) the page is laid out at before printing.  Plotly sizes each
#: chart once, on screen, so the chart must already fit the printed column: A4 minus
#: 2 × 12 mm margins is 703 px, of which the theme's print padding leaves about 639 px
#: for a chart; on screen the same column is the window width minus 32 px.
PRINT_WIDTH_PX = 660
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

#: The page's scripts have run (awsbook-later.js loads them after the first paint and marks <html>).
SCRIPTS_LOADED = """() => !document.querySelector('script[type="awsbook/later"]')
  || document.documentElement.getAttribute('data-awsbook-scripts') === 'loaded'"""
#: Every chart drawn and laid out for the page width (awsbook-charts.js marks it data-ready).
_CHARTS_DRAWN = """() => [...document.querySelectorAll('figure.awsbook-chart .awsbook-plot')]
  .every(d => d.getAttribute('data-ready') === 'true')"""


def build_single_html(book: Path, toc: Path, build_dir: Path) -> Path:
    """Build the single-page HTML of ``book`` into ``build_dir/pdf/singlehtml``; return that folder.

    This module is added to the Sphinx extensions for this build only (see
    :func:`setup`).  Raises RuntimeError if Sphinx reports a failure.
    """
    from jupyter_book.config import get_final_config
    from jupyter_book.sphinx import build_sphinx

    def overrides() -> dict:  # get_final_config consumes its argument, so a fresh dict each time
        return {"external_toc_path": toc.as_posix(), "latex_individualpages": False,
                "nb_execution_cache_path": str(build_dir / ".jupyter_cache")}

    config, _ = get_final_config(user_yaml=book / "_config.yml", cli_config=overrides(), sourcedir=book)
    out = build_dir / "pdf" / "singlehtml"
    result = build_sphinx(
        book, out,
        doctreedir=build_dir / "pdf" / ".doctrees",
        noconfig=True,
        path_config=book / "_config.yml",
        confoverrides=overrides() | {"extensions": [*config["extensions"], __name__]},
        builder="singlehtml",
        keep_going=True,
        quiet=True,
    )
    if result != 0:
        raise RuntimeError(f"single-page HTML build failed ({result!r})")
    return out


def _share_html_handlers(app) -> None:
    """Let the singlehtml builder draw every node the html builder can.

    Sphinx looks up node visitors by builder name and falls back to the
    format ("html") only when no extension registered any for that name;
    sphinx-exercise registers ``singlehtml`` visitors, which hides myst-nb's
    html-only ones (e.g. the hidden-input cell) and breaks the build.
    """
    handlers = app.registry.translation_handlers
    if app.builder.name == "singlehtml" and "singlehtml" in handlers:
        handlers["singlehtml"] = {**handlers.get("html", {}), **handlers["singlehtml"]}


def setup(app):
    """Sphinx extension hook, used only by :func:`build_single_html`."""
    app.connect("builder-inited", _share_html_handlers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1 for the duration of the ``with`` block; yield the base URL."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def missing_packages() -> list[str]:
    """The Debian packages the PDF needs that this machine lacks: ``chromium`` (prints the pages) and
    ``fonts-nanum`` (any font with Korean glyphs will do; without one Korean prints as empty boxes)."""
    missing = []
    if not (shutil.which("chromium") or shutil.which("/usr/bin/chromium")):
        missing.append("chromium")
    fc_list = shutil.which("fc-list")
    korean = fc_list and subprocess.run([fc_list, ":lang=ko", "family"], capture_output=True, text=True).stdout
    if not (korean or "").strip():
        missing.append("fonts-nanum")
    return missing


def print_pdf(html_dir: Path, page_name: str, pdf_path: Path, *, solutions: bool = False,
              chromium: str | None = None) -> list[str]:
    """Print ``html_dir/<page_name>.html`` (the whole book on one page) to ``pdf_path``
    with headless Chromium; worked solutions are left out unless ``solutions``.

    Returns the outside requests that were refused (an empty list when the
    book is fully offline).
    """
    from playwright.sync_api import sync_playwright

    chromium = chromium or shutil.which("chromium") or "/usr/bin/chromium"
    refused: list[str] = []

    def local_only(route):
        if urlparse(route.request.url).hostname in ("127.0.0.1", None):
            return route.continue_()
        refused.append(route.request.url)
        return route.abort()

    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with serve(html_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": PRINT_WIDTH_PX, "height": 1000}, locale="ko-KR")
            page.route("**/*", local_only)
            page.goto(f"{base}/{page_name}.html", wait_until="load")
            # The page's scripts load after its first paint, and charts are drawn only near the screen;
            # printing would draw them too (beforeprint), but here every chart is drawn and laid out first.
            page.wait_for_function(SCRIPTS_LOADED, timeout=60_000)
            page.evaluate("() => window.awsbookCharts && window.awsbookCharts.drawAll()")
            page.wait_for_function(_CHARTS_DRAWN, timeout=60_000)
            page.add_style_tag(content=PRINT_CSS if solutions else PRINT_CSS + HANDOUT_CSS)
            page.pdf(path=str(pdf_path), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
        finally:
            browser.close()
    return refused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m awsbook.book.pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=Path.cwd(), help="book folder (default: current folder)")
    parser.add_argument("--toc", type=Path, help="table of contents (default: BOOK/_toc.yml)")
    parser.add_argument("--build-dir", type=Path,
                        help="build folder holding .jupyter_cache (default: BOOK/_build); "
                             "the PDF is written to BUILD_DIR/pdf/book.pdf")
    parser.add_argument("--with-solutions", action="store_true",
                        help="keep worked solutions (a teacher's copy); left out by default")
    args = parser.parse_args(argv)
    if missing := missing_packages():
        print(f"오류: PDF를 만들려면 Debian 패키지 {', '.join(missing)}이(가) 필요합니다. "
              f"'sudo apt-get install -y {' '.join(missing)}'로 설치한 뒤 다시 실행하세요"
              "(bash scripts/test.sh도 함께 설치합니다).", file=sys.stderr)
        return 1
    book = args.book.resolve()
    toc = (args.toc or book / "_toc.yml").resolve()
    build_dir = (args.build_dir or book / "_build").resolve()
    pdf_path = build_dir / "pdf" / "book.pdf"

    html_dir = build_single_html(book, toc, build_dir)
    root = yaml.safe_load(toc.read_text(encoding="utf-8"))["root"]
    refused = print_pdf(html_dir, root, pdf_path, solutions=args.with_solutions)
    if refused:
        print("refused outside requests:", *refused, sep="\n  ", file=sys.stderr)
        return 1
    print(pdf_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
