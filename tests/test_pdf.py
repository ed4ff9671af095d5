"""The printable PDF (``python -m awsbook.book.pdf``): built offline, several pages per
chapter, Korean text in the installed Korean font, every chart printed, and no
worked solutions in the student handout."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import OUTPUT, ROOT, TOC, toc_files

pytestmark = pytest.mark.browser
BUILD = OUTPUT / "_build"
PDF = BUILD / "pdf" / "book.pdf"
SINGLE = BUILD / "pdf" / "singlehtml" / f"{toc_files()[0]}.html"


def _poppler(tool: str, *args: str) -> str:
    if not shutil.which(tool):
        pytest.fail(f"{tool}이 없습니다: 'apt-get install -y poppler-utils'로 설치하세요.")
    return subprocess.run([tool, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf_text(book_build):
    """Build the PDF once (after the HTML build, so notebooks come from its cache); return its text.

    Warnings in the HTML build are test_build's business; the PDF only needs the cache."""
    proc = subprocess.run(
        [sys.executable, "-m", "awsbook.book.pdf", "--book", str(ROOT), "--toc", str(TOC), "--build-dir", str(BUILD)],
        capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert proc.stdout.strip().endswith(str(PDF))
    return _poppler("pdftotext", "-enc", "UTF-8", str(PDF), "-")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_more_than_one_page_per_chapter(pdf_text):
    pages = int(re.search(r"^Pages:\s+(\d+)", _poppler("pdfinfo", str(PDF)), re.M).group(1))
    assert pages > len(toc_files())


def test_every_page_is_in_the_pdf_in_korean(pdf_text):
    assert len(re.findall("[\uac00-\ud7a3]", pdf_text)) > 1000
    single = BeautifulSoup(SINGLE.read_text(encoding="utf-8"), "html.parser")
    titles = [h.get_text().rstrip("#") for h in single.select("article h1, .toctree-wrapper > section > h2")]
    assert len(titles) == len(toc_files())
    missing = [t for t in titles if _squash(t) not in _squash(pdf_text)]
    assert missing == []


def test_korean_text_uses_the_installed_korean_font(pdf_text):
    assert "NanumGothic" in _poppler("pdffonts", str(PDF))


def test_every_chart_is_printed(pdf_text):
    # The caption is HTML text; the axis titles are drawn by plotly into the chart's SVG, so they
    # reach the PDF only if the chart itself was drawn.  pdftotext does not keep the order of a
    # wrapped caption or of a rotated axis title, so each of their words is looked for on its own.
    single = BeautifulSoup(SINGLE.read_text(encoding="utf-8"), "html.parser")
    charts = single.select("figure.awsbook-chart")
    assert len(charts) >= 15
    # (words split at spaces and brackets: a wrapped line may break right after "(")
    printed = set(re.split(r"[\s()\[\]]+", pdf_text))
    missing = []
    for chart in charts:
        title = chart.select_one(".awsbook-chart-title").get_text()
        axes = re.findall(r"(?:가로축|세로축): ([^,]+)", chart.select_one(".plotly-graph-div")["aria-label"])
        words = [w for text in [title, *axes] for w in re.split(r"[\s()\[\]]+", text)]
        missing += [(title, w) for w in words if len(w) > 1 and w not in printed and not any(w in p for p in printed)]
    assert missing == []


def test_handout_leaves_out_worked_solutions(pdf_text):
    single = BeautifulSoup(SINGLE.read_text(encoding="utf-8"), "html.parser")
    hidden = [*single.select("div.solution section#solution-content"),  # solution boxes
              *single.select("div.cell.tag_solution + div.cell")]       # check cells after solution cells
    assert hidden
    printed = _squash(pdf_text)
    assert [h.get_text()[:80] for h in hidden if _squash(h.get_text())[:40] in printed] == []
