"""Sphinx extension: accessibility fixes for the HTML book.

A plotly chart is a ``<div>`` filled with SVG by script, so a screen reader
meets it without a name.  When a page is written, each chart's ``<div>`` gets
``role="figure"`` and an ``aria-label`` built from the figure's own title and
axis titles (read from the ``Plotly.newPlot`` call that follows it), e.g.
"차트: 인스턴스 유형별 월 요금. 가로축: 인스턴스 유형, 세로축: 월 요금 (USD)".
The chart's controls stay reachable (``figure`` does not hide its children).
The sentence after each chart in the prose carries its takeaway.

``static/awsbook-a11y.css`` raises the contrast of the theme's link colour,
which is too light on the tinted background of admonitions.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

CSS = Path(__file__).resolve().parent / "static" / "awsbook-a11y.css"

_CHART_DIV = re.compile(r'<div id="(?P<id>[^"]+)" class="plotly-graph-div"')
_TAG = re.compile(r"<[^>]+>")


def plain_text(value) -> str:
    """Plain text of a plotly title (a string or ``{"text": ...}``), tags removed."""
    if isinstance(value, dict):
        value = value.get("text", "")
    return " ".join(_TAG.sub(" ", html.unescape(str(value or ""))).split())


def chart_layout(body: str, plot_id: str) -> dict:
    """The layout passed to ``Plotly.newPlot("plot_id", data, layout, ...)`` in ``body``."""
    call = re.search(r'Plotly\.newPlot\(\s*"' + re.escape(plot_id) + r'"\s*,', body)
    if not call:
        return {}
    decoder = json.JSONDecoder()
    try:
        _, end = decoder.raw_decode(body, _skip_space(body, call.end()))
        comma = _skip_space(body, end)
        if body[comma] != ",":
            return {}
        layout, _ = decoder.raw_decode(body, _skip_space(body, comma + 1))
    except (ValueError, IndexError):
        return {}
    return layout if isinstance(layout, dict) else {}


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def chart_label(layout: dict) -> str:
    """The accessible name of a chart: its title and, when set, its axis titles."""
    title = plain_text(layout.get("title")) or "제목 없는 차트"
    axes = [f"{name}: {text}" for name, key in (("가로축", "xaxis"), ("세로축", "yaxis"))
            if (text := plain_text((layout.get(key) or {}).get("title")))]
    return f"차트: {title}" + (". " + ", ".join(axes) if axes else "")


def label_charts(body: str) -> str:
    """Return ``body`` with ``role="figure"`` and an ``aria-label`` on every plotly chart div."""
    def add_label(match: re.Match) -> str:
        label = html.escape(chart_label(chart_layout(body, match.group("id"))), quote=True)
        return f'{match.group(0)} role="figure" aria-label="{label}"'

    return _CHART_DIV.sub(add_label, body)


def _on_page(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and "plotly-graph-div" in body:
        context["body"] = label_charts(body)


def _copy_css(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CSS, static / CSS.name)


def setup(app):
    app.add_css_file(CSS.name)
    app.connect("html-page-context", _on_page)
    app.connect("build-finished", _copy_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
