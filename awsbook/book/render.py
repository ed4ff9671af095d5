"""How a plotly figure reaches the reader: the HTML book, or a live notebook.

``awsbook.setup_notebook()`` makes :class:`BookRenderer` plotly's default renderer.
What it emits depends on where the notebook runs:

* **The HTML book** (the book build sets ``AWSBOOK_OUTPUT=book`` for the kernels
  it starts, see :mod:`awsbook.book.assets`): one ``text/html`` fragment, a
  ``<figure>`` holding the title and the key result as text (they wrap on a
  phone, and the result is a polite live region), native HTML controls, the
  plot's ``<div>``, a collapsed "표로 보기" table and the figure as JSON.
  ``awsbook-charts.js`` draws it with the page's one local plotly.js and makes
  the controls apply the precomputed states of :mod:`awsbook.charts.controls`.
* **JupyterLab** (and nbval): a chart with controls becomes an ipywidgets
  calculator over the same states (:mod:`awsbook.widgets.calculator`), with the
  chart's source line under it; a chart with neither controls nor sources is
  plotly's own mimetype.

The book's plotly.js is the ``basic`` partial bundle, which draws only the
trace types in :data:`BUNDLE_TRACES`; a figure with another type is refused
while the book is built, with a message saying what to do.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import sys
import uuid

# plotly.io imports nbformat, whose jsonschema then imports rfc3987_syntax only to
# validate IRI strings; that module compiles a grammar on import (about 2 s per
# kernel here).  Nothing in the book validates IRIs, so when it has not been
# loaded yet, mark it unavailable: jsonschema treats it as an optional extra.
sys.modules.setdefault("rfc3987_syntax", None)

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import plotly.io as pio  # noqa: E402
from plotly.io.base_renderers import MimetypeRenderer  # noqa: E402
from plotly.utils import PlotlyJSONEncoder  # noqa: E402

from awsbook.charts import controls, sources  # noqa: E402
from awsbook.charts.theme import notebook_figure  # noqa: E402

RENDERER_NAME = "awsbook"
#: Set to "book" in the environment of the kernels the book build runs.
OUTPUT_ENV = "AWSBOOK_OUTPUT"
#: Trace types the plotly.js ``basic`` bundle can draw.
BUNDLE_TRACES = ("scatter", "bar", "pie")
#: The room (px) a figure's top margin keeps for plotly's title, which the book shows as text instead;
#: whatever a chart adds above that (e.g. for subplot titles) it keeps.
_TITLE_ROOM = 66
_TOP_MARGIN = 24
#: plotly.js's own defaults, for a figure that does not set them (the book's theme sets both).
_PLOTLY_TOP_MARGIN, _PLOTLY_HEIGHT = 100, 450
#: Radio buttons instead of a select for choices with at most this many options.
_MAX_RADIOS = 3

_TAG = re.compile(r"<[^>]+>")


def plain_text(markup: str) -> str:
    """Text of a plotly label: tags removed, entities decoded, spaces collapsed."""
    return " ".join(_TAG.sub(" ", html.unescape(str(markup or ""))).split())


def split_title(text: str) -> tuple[str, str]:
    """(title, subtitle) of a plotly title written ``title<br><sup>subtitle</sup>``, as plain text."""
    head, _, tail = str(text or "").partition("<br>")
    return plain_text(head), plain_text(tail)


def _title_text(layout: dict) -> str:
    title = layout.get("title")
    return title.get("text", "") if isinstance(title, dict) else str(title or "")


def chart_label(layout: dict) -> str:
    """The accessible name of a chart: its title and, when set, its axis titles."""
    title = split_title(_title_text(layout))[0] or "제목 없는 차트"
    axes = []
    for name, key in (("가로축", "xaxis"), ("세로축", "yaxis")):
        axis_title = (layout.get(key) or {}).get("title")
        text = plain_text(axis_title.get("text", "") if isinstance(axis_title, dict) else axis_title)
        if text:
            axes.append(f"{name}: {text}")
    return f"차트: {title}" + (". " + ", ".join(axes) if axes else "")


def check_trace_types(fig: dict) -> None:
    """Refuse a figure the book's plotly.js bundle cannot draw."""
    for trace in fig.get("data", []):
        kind = trace.get("type", "scatter")
        if kind not in BUNDLE_TRACES:
            raise ValueError(
                f"차트에 '{kind}' 트레이스가 있습니다. 책에 싣는 plotly.js(basic 번들)는 "
                f"{', '.join(BUNDLE_TRACES)}만 그립니다. 다른 트레이스로 바꾸거나, 번들을 바꾸세요 "
                "(awsbook/book/static/vendor/README.md)."
            )


def _control_html(uid: str, plot_id: str, k: int, control: dict) -> str:
    name, active = html.escape(control["label"]), control["active"]
    ident = f"{uid}-c{k}"
    common = f'data-chart="{plot_id}" data-control="{k}"'
    options = [html.escape(o) for o in control["options"]]
    if control["kind"] == "slider":
        return (f'<div class="awsbook-control awsbook-range"><label for="{ident}">{name}</label>'
                f'<input type="range" id="{ident}" {common} min="0" max="{len(options) - 1}" step="1" '
                f'value="{active}" aria-valuetext="{name} {options[active]}">'
                f'<output for="{ident}">{options[active]}</output></div>')
    if len(options) <= _MAX_RADIOS:
        radios = "".join(
            f'<label><input type="radio" name="{ident}" value="{i}" {common}'
            f'{" checked" if i == active else ""}>{o}</label>' for i, o in enumerate(options))
        return (f'<fieldset class="awsbook-control awsbook-radios"><legend>{name}</legend>{radios}</fieldset>')
    choices = "".join(f'<option value="{i}"{" selected" if i == active else ""}>{o}</option>'
                      for i, o in enumerate(options))
    return (f'<div class="awsbook-control awsbook-select"><label for="{ident}">{name}</label>'
            f'<select id="{ident}" {common}>{choices}</select></div>')


def _captioned(layout: dict) -> dict:
    """``layout`` paths with plotly's title turned into the book's caption texts (plain text)."""
    out = {}
    for path, value in layout.items():
        if path == "title.text":
            out["caption.title"], out["caption.summary"] = split_title(value)
        elif path == "title.subtitle.text":
            out["caption.note"] = plain_text(value)
        else:
            out[path] = value
    return out


def compact_states(fig: dict) -> dict:
    """The stored states as the page carries them (read by ``awsbook-charts.js``).

    ``slots`` lists what the controls can change: ``["data", attr, trace]`` or
    ``["layout", path]`` (plotly's title becomes the caption paths ``caption.title``,
    ``caption.summary`` and ``caption.note``, plain text).  Every distinct value is
    written once in ``values``.  A slot's value depends on only some controls
    (``deps[k]``, control indices): ``tables[k]`` lists its value indices for every
    combination of those controls' positions, the last control varying fastest.  So
    a curve that only the memory slider moves is listed once per memory, not once per
    state, and a scale control (currency, VAT) adds only the labels it changes.
    Slots no control changes are left out (the figure keeps their value), except the
    ``scale`` arrays, which the script multiplies by the scale controls' factors.
    """
    stored = controls.spec(fig)
    sizes = [len(c["options"]) for c in stored["controls"]]
    scale = stored.get("scale", {})
    base_layout = _captioned(stored["base"]["layout"])
    slots = [["data", attr, i] for attr, per_trace in stored["base"]["data"].items() for i in range(len(per_trace))]
    slots += [["layout", path] for path in base_layout]
    values, seen = [], {}

    def ref(value) -> int:
        key = json.dumps(value, sort_keys=True, cls=PlotlyJSONEncoder)
        if key not in seen:
            seen[key] = len(values)
            values.append(value)
        return seen[key]

    full = controls.states(fig)
    grid = np.empty((len(slots), *sizes), dtype=np.int64)
    for combo in itertools.product(*map(range, sizes)):
        state = full[",".join(map(str, combo))]
        layout = _captioned(state["layout"])
        grid[(slice(None), *combo)] = [ref(state["data"][s[1]][s[2]]) if s[0] == "data" else ref(layout[s[1]])
                                       for s in slots]
    out = {"controls": stored["controls"], "slots": [], "deps": [], "tables": [], "values": values}
    for k, slot in enumerate(slots):
        column = grid[k]
        deps = [c for c in range(len(sizes)) if (column != np.take(column, [0], axis=c)).any()]
        if not deps and not (slot[0] == "data" and slot[2] in scale.get(slot[1], ())):
            continue
        out["slots"].append(slot)
        out["deps"].append(deps)
        out["tables"].append(column[tuple(slice(None) if c in deps else 0 for c in range(len(sizes)))].ravel().tolist())
    used = sorted({i for table in out["tables"] for i in table})  # values of dropped slots stay in the figure
    renumber = {old: new for new, old in enumerate(used)}
    out["values"] = [values[i] for i in used]
    out["tables"] = [[renumber[i] for i in table] for table in out["tables"]]
    if scale:
        out["scale"] = scale
    return out


def page_state(page: dict, positions) -> dict[tuple, object]:
    """What the page's script sets for the controls at ``positions``: ``{slot: value}`` from the
    output of :func:`compact_states` (a Python reading of ``stateUpdate`` in ``awsbook-charts.js``,
    for tests and tools); the ``scale`` arrays come out multiplied by the scale controls' factors."""
    factor = controls.scale_factor(page["controls"], positions)
    out = {}
    for slot, deps, table in zip(page["slots"], page["deps"], page["tables"]):
        row = 0
        for c in deps:
            row = row * len(page["controls"][c]["options"]) + positions[c]
        value = page["values"][table[row]]
        if slot[0] == "data" and slot[2] in page.get("scale", {}).get(slot[1], ()):
            value = controls.scaled(value, factor)
        out[tuple(slot)] = value
    return out


def _box_size(height: int, narrow: dict | None) -> str:
    """The plot box's heights (px) as CSS properties: the chart is drawn only when it nears the
    screen, and its empty box already has the size it will have (``awsbook-charts.css`` picks the
    phone height on a narrow screen), so drawing it moves nothing."""
    size = f"--awsbook-height:{height}px"
    if narrow and narrow.get("height"):
        size += f";--awsbook-narrow-height:{int(narrow['height'])}px"
    return size


def _legend_html(data: list[dict], layout: dict, varying: set[int] = frozenset()) -> str:
    """The legend under the plot, in the page before the chart is drawn (so drawing moves nothing):
    one toggle button per named series or legend group; ``awsbook-charts.js`` draws each entry's
    swatch (``data-trace``), hides or shows its series (``data-traces``) and lists an entry only in
    the states where its series has data.  ``varying``: traces whose ``showlegend`` a control
    changes (an entry for them is written even where the default state hides it)."""
    if layout.get("showlegend") is False:
        return ""
    groups = [t.get("legendgroup") or f"trace{i}" for i, t in enumerate(data)]
    entries, seen = [], set()
    for i, trace in enumerate(data):
        name = plain_text(trace.get("name"))
        hidden = trace.get("showlegend") is False
        if not name or (hidden and i not in varying) or groups[i] in seen:
            continue
        seen.add(groups[i])
        members = ",".join(str(k) for k, group in enumerate(groups) if group == groups[i])
        entries.append(f'<button type="button" class="awsbook-legend-item" aria-pressed="true" data-trace="{i}" '
                       + ("hidden " if hidden else "")
                       + f'data-traces="{members}"><svg width="28" height="14" aria-hidden="true"></svg>'
                       f'{html.escape(name)}</button>')
    if not entries:
        return ""
    return ('<div class="awsbook-legend" role="group" aria-label="범례 (누르면 계열을 숨기거나 다시 보입니다)">'
            + "".join(entries) + "</div>")


def chart_html(fig: dict) -> str:
    """The book's HTML for a figure dict (see the module docstring); no script runs here."""
    check_trace_types(fig)
    layout = dict(fig.get("layout", {}))
    title, subtitle = split_title(_title_text(layout))
    label = chart_label(layout)
    note = plain_text(((layout.pop("title", None) or {}).get("subtitle") or {}).get("text", ""))
    stored = controls.spec(fig)
    cited = sources.line_html(sources.of(fig))
    narrow = (layout.pop("meta", None) or {}).get("narrow")
    margin = dict(layout.get("margin") or {})
    given_top = int(margin.get("t", _PLOTLY_TOP_MARGIN))
    top = max(_TOP_MARGIN, given_top - _TITLE_ROOM)
    height = int(layout.get("height") or _PLOTLY_HEIGHT) - given_top + top
    layout |= {"margin": margin | {"t": top}, "height": height}
    uid = f"awsbook-{uuid.uuid4().hex[:10]}"
    plot_id = f"{uid}-plot"
    payload = {"figure": {"data": [dict(t) for t in fig.get("data", [])], "layout": layout}}
    if narrow:
        payload["narrow"] = narrow
    control_html = ""
    if stored:
        payload |= compact_states(fig)
        # The default state's values are in `values` already: the script puts them back before drawing.
        for slot in payload["slots"]:
            if slot[0] == "data":
                payload["figure"]["data"][slot[2]].pop(slot[1], None)
            elif "." not in slot[1] and "[" not in slot[1]:
                payload["figure"]["layout"].pop(slot[1], None)
        control_html = (f'<div class="awsbook-controls" role="group" aria-label="{html.escape(title)} 조절">'
                        + "".join(_control_html(uid, plot_id, k, c) for k, c in enumerate(stored["controls"]))
                        + "</div>")
    spec_json = json.dumps(payload, cls=PlotlyJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    spec_json = spec_json.replace("</", "<\\/")  # never close the script element early
    # The caption is a polite live region: when a control changes the result, it is read out.
    live = ' aria-live="polite"' if stored else ""
    # A note some states set (a conversion in the won view) gets its element even when the default has none.
    noted = note or (stored and ["layout", "caption.note"] in payload["slots"])
    caption = (f'<span class="awsbook-chart-title">{html.escape(title)}</span> '
               f'<span class="awsbook-chart-summary">{html.escape(subtitle)}</span>'
               + (f' <span class="awsbook-chart-note">{html.escape(note)}</span>' if noted else ""))
    return "".join([
        f'<figure class="awsbook-chart" id="{uid}"><figcaption{live}>{caption}</figcaption>',
        control_html,
        f'<div id="{plot_id}" class="plotly-graph-div awsbook-plot" role="figure" '
        f'aria-label="{html.escape(label, quote=True)}" style="{_box_size(height, narrow)}"></div>',
        _legend_html(fig.get("data", []), layout,
                     {s[2] for s in payload.get("slots", []) if s[:2] == ["data", "showlegend"]}),
        '<details class="awsbook-data"><summary>표로 보기</summary>'
        f'<div class="awsbook-data-table" tabindex="0" role="region" aria-label="{html.escape(title)} 표"></div></details>',
        cited,
        f'<script type="application/json" class="awsbook-chart-spec">{spec_json}</script></figure>',
    ])


class BookRenderer(MimetypeRenderer):
    """The book's HTML while the book is built; a live calculator or plotly's mimetype in a notebook."""

    def to_mimebundle(self, fig_dict):
        if os.environ.get(OUTPUT_ENV) == "book":
            return {"text/html": chart_html(fig_dict)}
        if controls.spec(fig_dict) or sources.of(fig_dict) is not None:
            from awsbook.widgets.calculator import calculator

            return calculator(fig_dict)._repr_mimebundle_()
        return {"application/vnd.plotly.v1+json": notebook_figure(fig_dict)}


def frame_html(frame: pd.DataFrame) -> str:
    """HTML of a DataFrame for readers: no 0, 1, 2 … row labels, numbers without trailing .0,
    and the source line of the values under it (:mod:`awsbook.charts.sources`)."""
    return frame.to_html(
        index=not isinstance(frame.index, pd.RangeIndex), border=0, na_rep="–",
        float_format=lambda x: f"{x:,.0f}" if x.is_integer() or abs(x) >= 1e5 else f"{x:,.6g}",
    ) + sources.line_html(sources.of(frame))


def styler_html(styler) -> str:
    """HTML of a pandas Styler with the source line of its values under it."""
    return styler.to_html() + sources.line_html(sources.of(styler))


def setup_notebook() -> None:
    """Make :class:`BookRenderer` plotly's default renderer (call once per notebook).

    Also shows DataFrames through :func:`frame_html` (Stylers through :func:`styler_html`) in this
    kernel, each with its source line, and DataFrames and
    Stylers inside an element MathJax skips: a table of bills ("$2.00 + $8.33") stays money in
    JupyterLab, which typesets ``$…$`` in HTML outputs.
    """
    pio.renderers[RENDERER_NAME] = BookRenderer()
    pio.renderers.default = RENDERER_NAME
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        from pandas.io.formats.style import Styler

        from awsbook.widgets.base import no_math

        formatter = shell.display_formatter.formatters["text/html"]
        formatter.for_type(pd.DataFrame, lambda frame: no_math(frame_html(frame)))
        formatter.for_type(Styler, lambda styler: no_math(styler_html(styler)))
