"""The book builds offline with zero warnings and the pages meet the house rules."""

from __future__ import annotations

import json
import re

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
    assert (site / "_static" / "plotly.min.js").stat().st_size > 1_000_000
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        if "plotly-graph-div" in text:
            # Sphinx adds ?v=<checksum> when the file already exists from an earlier build.
            assert len(re.findall(r'_static/plotly\.min\.js(?:\?v=[0-9a-f]+)?"', text)) == 1, page
            assert "Plotly.register" not in text and len(text) < MAX_PAGE_BYTES, page


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
