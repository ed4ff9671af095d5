"""The source line under every table and chart: where its values were read, when, and how sure.

A table or chart builder names the datasets its values come from in one call,
``return cite(figure_or_table, "ec2_prices", "discounts")``; the sources
(:func:`awsbook.datasets.sources`) travel with the object — a DataFrame or a
Styler's data in ``attrs["sources"]``, a figure in ``layout.meta["sources"]`` —
and the renderers (the HTML book and JupyterLab) write :func:`line_html` under
it.  ``cite(obj)`` with no datasets says the values are the book's own
calculation; a :class:`~awsbook.datasets.Source` may also be given directly for
a value kept outside ``data/``.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

import pandas as pd

from awsbook import datasets
from awsbook.datasets import SOURCES_KEY, Source

#: Most characters of the path a link's text shows (whole segments from the end; at least the last one).
_PATH_CHARS = 40


def collect(*items) -> list[Source]:
    """The sources of ``items``, duplicates dropped, in order.

    An item is a dataset name (every row), a ``(name, rows)`` pair (those rows of
    the dataset, a part of ``datasets.load(name)``) or a :class:`Source`.
    """
    found: dict[tuple, Source] = {}
    for item in items:
        if isinstance(item, Source):
            batch = [item]
        elif isinstance(item, tuple):
            batch = datasets.sources(*item)
        else:
            batch = datasets.sources(item)
        for source in batch:
            found.setdefault((source.url, source.as_of, source.grade, source.original), source)
    return list(found.values())


def cite(obj, *items):
    """Attach the sources of ``items`` (see :func:`collect`) to ``obj`` and return ``obj``.

    ``obj``: a DataFrame, a pandas Styler (its data) or a plotly figure.
    """
    found = datasets.records(collect(*items))
    if isinstance(obj, pd.DataFrame):
        obj.attrs[SOURCES_KEY] = found
    elif hasattr(obj, "data") and isinstance(obj.data, pd.DataFrame):  # a Styler
        obj.data.attrs[SOURCES_KEY] = found
    else:
        meta = dict(obj.layout.meta or {})
        meta[SOURCES_KEY] = found
        obj.layout.meta = meta
    return obj


def of(obj) -> list[dict] | None:
    """The sources attached to a table, a Styler, a figure or a figure dict (None: none attached)."""
    if isinstance(obj, pd.DataFrame):
        return obj.attrs.get(SOURCES_KEY)
    if hasattr(obj, "data") and isinstance(obj.data, pd.DataFrame):
        return obj.data.attrs.get(SOURCES_KEY)
    layout = obj.get("layout", {}) if isinstance(obj, dict) else obj.layout.to_plotly_json()
    meta = layout.get("meta")
    return meta.get(SOURCES_KEY) if isinstance(meta, dict) else None


def link_text(url: str) -> str:
    """Short text for a link to ``url``: the host and the end of the path
    (``docs.aws.amazon.com/…/dg/gettingstarted-limits.html``, ``aws.amazon.com/eks/sla``)."""
    parts = urlsplit(url)
    segments = [p for p in parts.path.split("/") if p]
    shown: list[str] = []
    while segments and (not shown or len("/".join([segments[-1], *shown])) <= _PATH_CHARS):
        shown.insert(0, segments.pop())
    if shown and len(shown[0]) > _PATH_CHARS:
        shown[0] = shown[0][:_PATH_CHARS - 1] + "…"
    return "/".join([parts.hostname or "", *(["…"] if segments else []), *shown])


def _link(url: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(link_text(url))}</a>'


def _item(source: dict) -> str:
    words = datasets.GRADES[source["grade"]]
    if source["url"].startswith("synthetic:"):
        script = html.escape(source["url"].removeprefix("synthetic:"))
        made = f" (기준일 {source['as_of']})" if source.get("as_of") else ""
        return f"{words}: <code>{script}</code>로 만든 가상의 자료{made}"
    note = f"기준일 {source['as_of']}, {words}" if source.get("as_of") else words
    if source.get("original"):
        return f"{_link(source['original'])} (사본 {_link(source['url'])}에서 확인, {note})"
    return f"{_link(source['url'])} ({note})"


def line_html(found: list[dict] | None) -> str:
    """The reader's source line for ``found`` (records of :func:`of`); ``""`` when nothing is attached."""
    if found is None:
        return ""
    body = " · ".join(_item(s) for s in found) if found else "이 책의 가정과 계산 (데이터 파일의 값을 쓰지 않습니다)"
    return f'<p class="awsbook-sources">출처: {body}</p>'


def data_sources_table():
    """Every file of ``data/``: what it holds, how many rows, and each page its values were read from with
    the date and the source grade in words (a Styler whose source cells are links)."""
    rows = []
    for name in datasets.SCHEMAS:
        found = datasets.records(datasets.sources(name))
        rows.append({"파일": f"<code>data/{name}.csv</code>", "담긴 것": datasets.DESCRIPTIONS[name],
                     "행 수": len(datasets.load(name)), "값을 읽은 곳 (기준일, 출처 등급)": "<br>".join(map(_item, found))})
    table = pd.DataFrame(rows)
    return table.style.hide(axis="index").set_table_attributes('class="dataframe awsbook-data-sources"')
