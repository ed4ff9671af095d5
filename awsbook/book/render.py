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
  calculator over the same states (:mod:`awsbook.widgets.calculator`); a chart
  without controls is plotly's own mimetype.

The book's plotly.js is the ``basic`` partial bundle, which draws only the
trace types in :data:`BUNDLE_TRACES`; a figure with another type is refused
while the book is built, with a message saying what to do.
"""

from __future__ import annotations

import html
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

import pandas as pd  # noqa: E402
import plotly.io as pio  # noqa: E402
from plotly.io.base_renderers import MimetypeRenderer  # noqa: E402
from plotly.utils import PlotlyJSONEncoder  # noqa: E402

from awsbook.charts import controls  # noqa: E402
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
    written once in ``values``; a state is the list of value indices, one per slot.
    """
    stored = controls.spec(fig)
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

    states = {}
    for key, full in controls.states(fig).items():
        layout = _captioned(full["layout"])
        states[key] = [ref(full["data"][s[1]][s[2]]) if s[0] == "data" else ref(layout[s[1]]) for s in slots]
    # Drop slots no state changes (e.g. traces whose data never move).
    moving = [k for k in range(len(slots)) if len({v[k] for v in states.values()}) > 1]
    return {"controls": stored["controls"], "slots": [slots[k] for k in moving], "values": values,
            "states": {key: [v[k] for k in moving] for key, v in states.items()}}


def _box_size(height: int, narrow: dict | None) -> str:
    """The plot box's heights (px) as CSS properties: the chart is drawn only when it nears the
    screen, and its empty box already has the size it will have (``awsbook-charts.css`` picks the
    phone height on a narrow screen), so drawing it moves nothing."""
    size = f"--awsbook-height:{height}px"
    if narrow and narrow.get("height"):
        size += f";--awsbook-narrow-height:{int(narrow['height'])}px"
    return size


def _legend_html(data: list[dict], layout: dict) -> str:
    """The legend under the plot, in the page before the chart is drawn (so drawing moves nothing):
    one toggle button per named series or legend group; ``awsbook-charts.js`` draws each entry's
    swatch (``data-trace``) and hides or shows its series (``data-traces``)."""
    if layout.get("showlegend") is False:
        return ""
    groups = [t.get("legendgroup") or f"trace{i}" for i, t in enumerate(data)]
    entries, seen = [], set()
    for i, trace in enumerate(data):
        name = plain_text(trace.get("name"))
        if not name or trace.get("showlegend") is False or groups[i] in seen:
            continue
        seen.add(groups[i])
        members = ",".join(str(k) for k, group in enumerate(groups) if group == groups[i])
        entries.append(f'<button type="button" class="awsbook-legend-item" aria-pressed="true" data-trace="{i}" '
                       f'data-traces="{members}"><svg width="28" height="14" aria-hidden="true"></svg>'
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
    caption = (f'<span class="awsbook-chart-title">{html.escape(title)}</span> '
               f'<span class="awsbook-chart-summary">{html.escape(subtitle)}</span>'
               + (f' <span class="awsbook-chart-note">{html.escape(note)}</span>' if note else ""))
    return "".join([
        f'<figure class="awsbook-chart" id="{uid}"><figcaption{live}>{caption}</figcaption>',
        control_html,
        f'<div id="{plot_id}" class="plotly-graph-div awsbook-plot" role="figure" '
        f'aria-label="{html.escape(label, quote=True)}" style="{_box_size(height, narrow)}"></div>',
        _legend_html(fig.get("data", []), layout),
        '<details class="awsbook-data"><summary>표로 보기</summary>'
        f'<div class="awsbook-data-table" tabindex="0" role="region" aria-label="{html.escape(title)} 표"></div></details>',
        f'<script type="application/json" class="awsbook-chart-spec">{spec_json}</script></figure>',
    ])


class BookRenderer(MimetypeRenderer):
    """The book's HTML while the book is built; a live calculator or plotly's mimetype in a notebook."""

    def to_mimebundle(self, fig_dict):
        if os.environ.get(OUTPUT_ENV) == "book":
            return {"text/html": chart_html(fig_dict)}
        if controls.spec(fig_dict):
            from awsbook.widgets.calculator import calculator

            return calculator(fig_dict)._repr_mimebundle_()
        return {"application/vnd.plotly.v1+json": notebook_figure(fig_dict)}


def frame_html(frame: pd.DataFrame) -> str:
    """HTML of a DataFrame for readers: no 0, 1, 2 … row labels, numbers without trailing .0."""
    return frame.to_html(
        index=not isinstance(frame.index, pd.RangeIndex), border=0, na_rep="–",
        float_format=lambda x: f"{x:,.0f}" if x.is_integer() or abs(x) >= 1e5 else f"{x:,.6g}",
    )


def setup_notebook() -> None:
    """Make :class:`BookRenderer` plotly's default renderer (call once per notebook).

    Also shows DataFrames through :func:`frame_html` in this kernel, and DataFrames and
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
        formatter.for_type(Styler, lambda styler: no_math(styler.to_html()))
