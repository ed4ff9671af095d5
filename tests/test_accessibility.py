"""Accessibility: axe-core finds nothing serious on any page, every chart and
image has a text alternative and a takeaway in the prose, and charts use only
the colour-blind-safe palette with a second cue (dash or marker) per series."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import plotly.graph_objects as go
import pytest
from bs4 import BeautifulSoup

import awsbook.charts
from awsbook.charts.theme import PALETTE, fill_color, is_book_color, new_figure, series_style
from awsbook.book.render import chart_html, chart_label
from conftest import ROOT, draw_every_chart, pages, toc_files

CHARTS = ROOT / "awsbook" / "charts"
#: Every page in the table of contents, plus the search page showing results.
AXE_PAGES = [f"{name}.html" for name in toc_files()] + ["search.html?q=서버"]
BLOCKING = {"serious", "critical"}
FINISH_ANIMATIONS = """() => Promise.all(document.getAnimations()
  .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
  .map(a => a.finished.catch(() => null))).then(() => true)"""


# --- axe-core in Chromium ----------------------------------------------------

@pytest.fixture(scope="module")
def axe():
    return pytest.importorskip("axe_playwright_python.sync_playwright").Axe()


@pytest.mark.browser
@pytest.mark.parametrize("page_path", AXE_PAGES)
def test_axe_finds_no_serious_violations(browser, server, axe, page_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="ko-KR")
    try:
        page.goto(f"{server}/{page_path}", wait_until="load")
        draw_every_chart(page)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.plotly-graph-div')]"
            ".every(d => d.classList.contains('js-plotly-plot'))", timeout=15000)
        # Hidden code and exercise solutions are checked too, once their fade-in has finished
        # (axe would measure contrast half-way through it).
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.evaluate(FINISH_ANIMATIONS)
        violations = axe.run(page).response["violations"]
    finally:
        page.close()
    blocking = [f"{v['id']} ({v['impact']}): {v['help']} — "
                + "; ".join(n["html"][:120] for n in v["nodes"][:3])
                for v in violations if v["impact"] in BLOCKING]
    assert blocking == [], f"{page_path}:\n" + "\n".join(blocking)


# --- Text alternatives and takeaways in the built pages ------------------------

def _article(page: Path):
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")


def test_every_chart_has_a_text_alternative(site):
    for page in pages(site):
        for chart in _article(page).select(".plotly-graph-div"):
            label = chart.get("aria-label", "")
            assert chart.get("role") == "figure" and label.startswith("차트: "), (page.name, chart.get("id"))
            assert "제목 없는 차트" not in label, f"{page.name}: 차트에 제목이 없습니다 ({chart.get('id')})"


def test_every_image_has_meaningful_alt_text(site):
    for page in pages(site):
        for img in _article(page).find_all("img"):
            alt = (img.get("alt") or "").strip()
            stem = Path(img.get("src", "")).stem
            assert alt and alt != stem and alt.lower() not in {"image", "img", "그림", "이미지"}, (page.name, img)


def _takeaway(block) -> bool:
    """True if ``block`` (the element after a chart) states the chart's message in text."""
    if block is None:
        return False
    if block.name == "p" and len(block.get_text(strip=True)) >= 10:
        return True
    return block.find("table") is not None


def test_every_chart_is_followed_by_a_takeaway(site):
    for page in pages(site):
        for chart in _article(page).select(".plotly-graph-div"):
            cell = chart.find_parent("div", class_="cell")
            after = cell.find_next_sibling() if cell else None
            assert _takeaway(after), (
                f"{page.name}: 차트 '{chart.get('aria-label')}' 뒤에 요점을 말하는 문장이나 표가 없습니다")


def test_chart_label_names_title_and_axes():
    fig = new_figure("월 요금 <sup>USD</sup>", "인스턴스 유형", "월 요금 (USD)")
    fig.add_scatter(x=[1, 2], y=[3, 4], **series_style(0))
    labelled = chart_html(fig.to_plotly_json())
    assert 'role="figure" aria-label="차트: 월 요금 USD. 가로축: 인스턴스 유형, 세로축: 월 요금 (USD)"' in labelled
    assert chart_label({}) == "차트: 제목 없는 차트"


# --- Palette -----------------------------------------------------------------

def _chart_modules():
    for info in pkgutil.iter_modules(awsbook.charts.__path__):
        yield importlib.import_module(f"awsbook.charts.{info.name}")


def _builders():
    """Every public chart builder that can be called with no arguments."""
    found = []
    for module in _chart_modules():
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            signature = inspect.signature(fn)
            if (fn.__module__ == module.__name__ and not name.startswith("_")
                    and signature.return_annotation in (go.Figure, "go.Figure")
                    and all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                            for p in signature.parameters.values())):
                found.append(pytest.param(fn, id=f"{module.__name__.rsplit('.', 1)[1]}.{name}"))
    return found


def _colors(value, key=""):
    """Yield (key, colour) for every colour setting inside a figure dict (template excluded)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k != "template":
                yield from _colors(v, k)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _colors(item, key)
    elif isinstance(value, str) and (key.lower().endswith(("color", "colorway")) or key.endswith("colorscale")):
        yield key, value


def test_is_book_color():
    assert all(is_book_color(c) for c in [*PALETTE, fill_color(3), "#444", "#222222", "white", "rgba(255,255,255,0.8)"])
    assert not any(is_book_color(c) for c in ["red", "#1f77b4", "rgb(255,0,0)", "#0072B3", "Viridis"])


@pytest.mark.parametrize("builder", _builders())
def test_chart_uses_only_palette_colors(builder):
    bad = {(k, c) for k, c in _colors(builder().to_dict()) if not is_book_color(c)}
    assert bad == set()


@pytest.mark.parametrize("builder", _builders())
def test_lines_have_a_second_cue_besides_color(builder):
    """Two line series in different colours must also differ in dash, marker symbol or width."""
    cues = {}
    for trace in builder().to_dict()["data"]:
        mode = trace.get("mode") or "lines"
        if trace.get("type", "scatter") != "scatter" or "lines" not in mode or trace.get("fill"):
            continue
        line, marker = trace.get("line") or {}, trace.get("marker") or {}
        cue = (line.get("dash") or "solid", marker.get("symbol") or "circle" if "markers" in mode else None,
               (line.get("width") or 2) >= 5)  # a thick band reads apart from a thin line
        cues.setdefault(cue, set()).add(line.get("color"))
    assert all(len(colors) == 1 for colors in cues.values()), cues


#: Colour literals in source: hex codes, rgb()/rgba() and named colours given to a colour key.
_LITERALS = [re.compile(r"""["'](#[0-9A-Fa-f]{3,8})["']"""),
             re.compile(r"""["'](rgba?\([^)]*\))["']"""),
             re.compile(r"""color["']?\s*[:=]\s*["']([A-Za-z]+)["']""")]


@pytest.mark.parametrize("path", sorted(p for p in CHARTS.glob("*.py") if p.name != "theme.py"), ids=lambda p: p.name)
def test_chart_source_has_no_color_outside_the_palette(path):
    source = path.read_text(encoding="utf-8")
    found = {m for pattern in _LITERALS for m in pattern.findall(source)}
    assert {c for c in found if not is_book_color(c)} == set()
