"""Shared fixtures: one book build per test session, served from 127.0.0.1."""

from __future__ import annotations

import functools
import os
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from awsbook.book.pdf import SCRIPTS_LOADED

ROOT = Path(__file__).resolve().parent.parent
#: Where to build and which table of contents to use; overridable so that a
#: chapter can be checked on its own (``AWSBOOK_TOC=/tmp/toc.yml``) without
#: touching the main ``_build``.
OUTPUT = Path(os.environ.get("AWSBOOK_BUILD_DIR", ROOT))
TOC = Path(os.environ.get("AWSBOOK_TOC", ROOT / "_toc.yml"))
HTML = OUTPUT / "_build" / "html"


@pytest.fixture(scope="session")
def book_build():
    """Build the book once with warnings as errors; return the completed process.

    ``jupyter-book build`` keeps its execution cache, so a second run is quick.
    """
    jb = shutil.which("jupyter-book") or str(Path(sys.executable).with_name("jupyter-book"))
    proc = subprocess.run(
        [jb, "build", str(ROOT), "--toc", str(TOC), "--path-output", str(OUTPUT),
         "-n", "-W", "--keep-going"],
        capture_output=True, text=True, timeout=900,
    )
    return proc


@pytest.fixture(scope="session")
def site(book_build):
    """Path of the built HTML site (fails if the build failed)."""
    if book_build.returncode != 0:
        pytest.fail("책 빌드가 실패했습니다:\n" + book_build.stdout[-4000:] + book_build.stderr[-4000:])
    return HTML


def toc_files() -> list[str]:
    """Every page listed in ``_toc.yml`` (paths without suffix), in reading order."""
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    found = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections"))
            walk(entry.get("chapters"))

    walk(toc.get("chapters"))
    for part in toc.get("parts", []):
        walk(part.get("chapters"))
    return found


def pages(root: Path = HTML) -> list[Path]:
    """The built HTML file of every page in the table of contents."""
    return [root / f"{name}.html" for name in toc_files()]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def server(site):
    """Base URL of the built site served over HTTP on 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def draw_every_chart(page, timeout: int = 30_000) -> None:
    """Wait for the page's scripts, then scroll every chart of ``page`` into view in turn, as a
    reader would, and wait until each is drawn.

    The theme's and the book's scripts load after the first paint, and ``awsbook-charts.js``
    loads plotly.js and draws a chart only when it nears the screen (or the page is printed);
    a test that reads what the scripts did or what a chart plotted waits for it here.
    """
    page.wait_for_function(SCRIPTS_LOADED, timeout=timeout)
    for plot_id in page.eval_on_selector_all("figure.awsbook-chart .awsbook-plot", "els => els.map(e => e.id)"):
        page.locator(f'[id="{plot_id}"]').scroll_into_view_if_needed()
        page.wait_for_function("(id) => document.getElementById(id).getAttribute('data-ready') === 'true'",
                               arg=plot_id, timeout=timeout)
    page.evaluate("() => window.scrollTo(0, 0)")


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (Playwright cannot download browsers here)."""
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail("chromium이 없습니다: 'apt-get install -y chromium fonts-nanum'으로 설치하세요.")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


@pytest.fixture
def shown(monkeypatch):
    """Everything a dashboard displays: HTML as its markup string, figures and tables as they are."""
    from IPython.display import HTML

    from awsbook.widgets import base

    items = []
    monkeypatch.setattr(base, "display",
                        lambda obj: items.append(obj.data if isinstance(obj, HTML) else obj))
    return items
