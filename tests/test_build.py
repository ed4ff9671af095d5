"""The book builds offline with zero warnings and the pages meet the house rules."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import ROOT, pages

MAX_PAGE_BYTES = 300 * 1024


def test_build_has_no_warnings(book_build):
    log = book_build.stdout + book_build.stderr
    warnings = [line for line in log.splitlines()
                if "WARNING" in line and "Kernel is running over TCP" not in line]
    assert book_build.returncode == 0, log[-4000:]
    assert warnings == []


def test_pages_are_korean_and_small(site):
    found = pages(site)
    assert len(found) >= 2
    for page in found:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="ko"' in text, page
        assert page.stat().st_size <= MAX_PAGE_BYTES, f"{page}: {page.stat().st_size} bytes"


def test_no_page_references_another_host(site):
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)
    for page in pages(site):
        hits = pattern.findall(page.read_text(encoding="utf-8"))
        assert hits == [], f"{page}: {hits}"


def test_plotly_js_is_shared_not_inlined(site):
    bundle = (site / "_static" / "plotly-basic.min.js").read_text(encoding="utf-8")
    assert bundle.startswith("/**\n* plotly.js (basic - minified) v")  # the partial bundle, not the 4.7 MB one
    assert not (site / "_static" / "plotly.min.js").exists()
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        scripts = [src.split("?")[0].rsplit("/", 1)[-1] for src in re.findall(r'<script[^>]* (?:data-)?src="([^"]+)"', text)]
        # Only pages with a chart load awsbook-charts.js, which loads plotly.js when a chart nears the screen.
        assert scripts.count("awsbook-charts.js") == ('<figure class="awsbook-chart"' in text), page
        assert "plotly-basic.min.js" not in scripts, page
        assert "Plotly.register" not in text and "Plotly.newPlot" not in text, page


def test_first_paint_waits_for_little(site):
    # Issue 26: on a phone, every request before the first paint costs a round trip.
    theme_css = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "Font Awesome" not in theme_css and "webfonts" not in theme_css  # icons are SVG; no web font
    assert not (site / "_static" / "vendor" / "fontawesome").exists()
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        head = text[:text.index("</head>")]
        blocking = re.findall(r'<link(?![^>]*media="print")[^>]*rel="stylesheet"[^>]*>|<script src="[^"]+"></script>', head)
        assert not re.search(r'<link[^>]*pygments\.css(?![^>]*media="print" onload="this\.media=\'all\'")', head), page
        assert len(blocking) <= 8, (page.name, blocking)  # 13 stylesheets and 8 scripts before
        assert "styles/theme.css" not in head and "sphinx-thebe" not in head and 'rel="preload"' not in head, page
        # Every script file loads after the first paint (awsbook-later.js), none with src or defer.
        assert not re.search(r"<script (?:defer(?:=\"defer\")? )?src=", text), page
        later = re.findall(r'<script type="awsbook/later" data-src="[^"]*?([\w.-]+\.js)(?:\?[^"]*)?"></script>', text)
        assert ("copybutton.js" in later) == ('class="highlight' in text), (page.name, later)
        toggles = re.search(r'class="(?:[^"]*\s)?(?:toggle|dropdown)(?:\s[^"]*)?"', text[text.index("<article"):])
        assert ("togglebutton.js" in later) == bool(toggles), (page.name, later)
        if 'class="admonition-title"' in text:  # the admonition icons are SVG masks
            assert '--pst-icon-admonition-default:"";' in head and "--awsbook-icon:url(" in head, page


def test_pages_are_light(site):
    # Issue "lean pages": a page's own HTML stays within 150 KB (its chart data is a separate script).
    sizes = {page.name: page.stat().st_size for page in pages(site)}
    assert max(sizes.values()) <= 150 * 1024, sizes


def test_vendored_plotly_bundle_matches_plotly_py():
    import plotly

    shipped = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text(encoding="utf-8")[:200]
    vendored = (ROOT / "awsbook" / "book" / "static" / "vendor" / "plotly-basic.min.js").read_text(
        encoding="utf-8")[:200]
    major = re.compile(r"plotly\.js.*? v(\d+)\.(\d+)\.(\d+)")
    # The figure JSON schema belongs to plotly.py's plotly.js: the bundle must have its major version.
    assert major.search(shipped).group(1) == major.search(vendored).group(1), (shipped[:60], vendored[:60])


def test_notebooks_are_stored_without_outputs():
    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


def test_every_notebook_starts_with_the_setup_cell():
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        first = next(c for c in nb["cells"] if c["cell_type"] == "code")
        assert "awsbook.setup_notebook()" in "".join(first["source"]), path.name
        assert "remove-cell" in first.get("metadata", {}).get("tags", []), path.name


def test_solution_cells_are_collapsed_in_jupyterlab_and_hidden_in_the_book():
    # JupyterLab ignores the book's hide-input tag; `jupyter.source_hidden` collapses the cell there,
    # and its collapsed preview shows only the first line, which is a comment, not the answer.
    seen = 0
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if "solution" in cell.get("metadata", {}).get("tags", []):
                seen += 1
                assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True, path.name
                assert "hide-input" in cell["metadata"]["tags"], path.name
                assert "".join(cell["source"]).startswith("# 풀이 코드"), path.name
    assert seen >= 20


def _source_line_ok(line) -> bool:
    """A source line names at least one page (a link), or a generator of synthetic data, or says it is a calculation."""
    if line is None or "awsbook-sources" not in (line.get("class") or []):
        return False
    text = line.get_text(" ", strip=True)
    generator = line.find("code")
    return (bool(line.find("a", href=re.compile(r"^https?://")))
            or ("합성 데이터" in text and generator is not None and generator.get_text().startswith("data/generators/"))
            or "이 책의 가정과 계산" in text)


def test_every_table_and_chart_names_its_sources(site):
    """Issue 22: a "출처" line under each table and chart of the chapters, linking the page the values were read."""
    checked = 0
    for page in pages(site):
        name = page.relative_to(site).as_posix()
        if not (name.startswith("chapters/") or name == "appendix/data_sources.html"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for output in soup.select("div.cell_output"):
            for chart in output.select("figure.awsbook-chart"):
                assert _source_line_ok(chart.find("p", class_="awsbook-sources")), (name, chart.get("id"))
                checked += 1
            for table in output.find_all("table"):
                if table.find_parent("figure") or "awsbook-data-sources" in (table.get("class") or []):
                    continue
                assert _source_line_ok(table.find_next_sibling()), (name, str(table)[:200])
                checked += 1
        assert "SEEN-" not in soup.get_text(), name  # grades reach readers in words, never as codes
    assert checked > 0


def test_the_data_sources_page_lists_every_data_file(site):
    page = site / "appendix" / "data_sources.html"
    if page not in pages(site):
        return  # a one-chapter build (AWSBOOK_TOC) without the appendix
    from awsbook import datasets

    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one("table.awsbook-data-sources")
    files = [cell.get_text(strip=True) for cell in table.select("tbody tr td:first-child")]
    assert files == [f"data/{name}.csv" for name in datasets.SCHEMAS]
    assert all(row.find("a", href=True) or "합성 데이터" in row.get_text() for row in table.select("tbody tr"))
    assert "python -m awsbook.datasets check" in soup.get_text() and "python -m awsbook.prices refresh --dry-run" \
        in soup.get_text()
