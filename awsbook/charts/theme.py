"""One look for every chart: a colour-blind-safe palette with a second cue.

Colours are the Okabe–Ito palette; each series also gets its own line dash
and marker symbol, so a chart still reads in greyscale or for readers who
cannot tell the colours apart.  Chart builders take colours only from here.
"""

from __future__ import annotations

import json
import math
import re

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from awsbook import datasets

#: Okabe–Ito colours (blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
MARKERS = ("circle", "square", "diamond", "triangle-up", "x", "cross", "star", "hexagon")
#: Light fills for shaded areas (idle capacity, budgets): palette colours at 25% opacity.
FILL_ALPHA = 0.25

#: AWS's Korean names of the regions (code → name), from data/regions.csv in the order charts list them.
REGION_NAMES = datasets.REGION_NAMES

FONT = "NanumGothic, 'Noto Sans KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif"

#: Axes write numbers out ("20,000", never "20k" or "2M"): English abbreviations have no place in a
#: Korean book, and a chart that needs 만/억 sets its own tick labels (see charts.currency).
_AXIS = {"gridcolor": "#E5E9F0", "linecolor": "#B8C0CC", "zerolinecolor": "#CBD2DC", "zerolinewidth": 1.5,
         "ticks": "", "automargin": True, "title": {"standoff": 12}, "exponentformat": "none",
         "separatethousands": True, "ticklabelstandoff": 4}  # the x and y labels of 0 never meet at the corner

#: The one template every chart uses: only the layout the book's charts need and no per-trace-type
#: defaults, so a figure's JSON carries its data and layout rather than plotly's whole style sheet
#: (the default "plotly_white" template adds about 7 KB to every figure).
TEMPLATE = go.layout.Template(layout={
    "font": {"family": FONT, "size": 13, "color": "#1f2a37"},
    "colorway": list(PALETTE),
    "paper_bgcolor": "white", "plot_bgcolor": "white",
    "xaxis": _AXIS, "yaxis": _AXIS,
    "hoverlabel": {"align": "left", "font": {"family": FONT}},
})


def series_style(i: int) -> dict:
    """Return line and marker settings for the i-th series (colour + dash + marker)."""
    k = i % len(PALETTE)
    return {
        "line": {"color": PALETTE[k], "dash": DASHES[k], "width": 2.5},
        "marker": {"color": PALETTE[k], "symbol": MARKERS[k], "size": 8},
    }


#: One colour, dash and marker per AWS service in every chart, so that a reader who learns "EC2 is
#: orange and dashed" keeps it from chapter to chapter (Wilke, *Fundamentals of Data Visualization*,
#: ch. 19–20: colour used consistently, coded redundantly).  Lambda behind API Gateway is Lambda's
#: lighter blue; ECS on Fargate is drawn as Fargate (what it bills), ECS on EC2 as ECS.
SERVICES = {
    "lambda": {"color": PALETTE[0], "dash": "solid", "symbol": "circle"},
    "lambda_api": {"color": PALETTE[5], "dash": "dashdot", "symbol": "diamond"},
    "ec2": {"color": PALETTE[1], "dash": "dash", "symbol": "square"},
    "fargate": {"color": PALETTE[2], "dash": "dot", "symbol": "triangle-up"},
    "ecs": {"color": PALETTE[3], "dash": "longdash", "symbol": "x"},
    "eks": {"color": PALETTE[4], "dash": "longdashdot", "symbol": "cross"},
}
#: Second dashes for a second series of one service in one chart (two EC2 instance types).
_OTHER_DASH = {"solid": "dot", "dash": "dot", "dot": "dash", "dashdot": "dot", "longdash": "dot",
               "longdashdot": "dot"}
#: Colour of what is not a service (demand, break-even points, targets): black.
INK = PALETTE[7]


def service_style(service: str, *, second: bool = False, width: float = 2.5) -> dict:
    """Line and marker settings of ``service`` (a key of :data:`SERVICES`); ``second=True`` gives a
    second series of the same service another dash."""
    look = SERVICES[service]
    dash = _OTHER_DASH[look["dash"]] if second else look["dash"]
    return {"line": {"color": look["color"], "dash": dash, "width": width},
            "marker": {"color": look["color"], "symbol": look["symbol"], "size": 8}}


def service_fill(service: str) -> str:
    """``service``'s colour as a translucent fill (intervals where it is cheaper)."""
    return translucent(SERVICES[service]["color"])


def translucent(color: str) -> str:
    """A palette colour (``"#0072B2"``) as a translucent rgba string for area fills."""
    hexcode = color.lstrip("#")
    r, g, b = (int(hexcode[j:j + 2], 16) for j in (0, 2, 4))
    return f"rgba({r},{g},{b},{FILL_ALPHA})"


def fill_color(i: int) -> str:
    """Return the i-th palette colour as a translucent rgba string for area fills."""
    return translucent(PALETTE[i % len(PALETTE)])


def log_ticks(low: float, high: float) -> list[float]:
    """Tick values for a log axis from ``low`` to ``high`` (both > 0): the powers of ten when the
    axis spans three or more of them, else 1, 2 and 5 times each power, so a zoomed axis still
    has a few distinct ticks."""
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    multiples = (1,) if math.log10(high / low) >= 3 else (1, 2, 5)
    return [m * 10.0 ** k for k in decades for m in multiples if low <= m * 10.0 ** k <= high]


def new_figure(title: str, x_title: str, y_title: str, **layout) -> go.Figure:
    """Return an empty figure with the book's layout: Korean font, palette, legend below the plot.

    The title (``<br><sup>…</sup>`` for a subtitle) is plotly's in JupyterLab; the HTML book shows
    it as text above the chart instead, where it wraps on a narrow screen (see
    :mod:`awsbook.book.render`).
    """
    fig = go.Figure(layout={"template": TEMPLATE})
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        xaxis={"title": {"text": x_title}},
        yaxis={"title": {"text": y_title}},
        legend={"orientation": "h", "x": 0, "y": -0.2, "yanchor": "top"},
        hovermode="x unified",
        # Dragging would zoom and trap a finger that wants to scroll the page on a phone.
        dragmode=False,
        margin={"l": 70, "r": 30, "t": 90, "b": 80},
        height=480,
    )
    fig.update_layout(**layout)
    return fig


def narrow_layout(fig: go.Figure, layout: dict) -> go.Figure:
    """Give ``fig`` a layout for narrow screens (e.g. subplots stacked).

    "Narrow" is ``NARROW_PX`` in ``awsbook/book/static/awsbook-charts.js`` (560 CSS px).

    ``layout`` maps plotly layout paths (``"yaxis2.domain"``, ``"annotations[0].y"``,
    ``"height"``) to their narrow values; the HTML book applies them on a phone and
    restores the wide values when the screen widens.  Returns the same figure.
    """
    meta = dict(fig.layout.meta or {})
    meta["narrow"] = layout
    fig.layout.meta = meta
    return fig


#: plotly's own settings for a figure in JupyterLab: no logo, no scroll zoom, no cloud or selection buttons.
NOTEBOOK_CONFIG = {"displaylogo": False, "scrollZoom": False,
                   "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"]}


def notebook_figure(fig: dict) -> dict:
    """plotly's mimetype payload (JSON-ready) for a figure dict in JupyterLab, without stored states."""
    layout = {k: v for k, v in fig.get("layout", {}).items() if k != "meta"}
    payload = {"data": fig.get("data", []), "layout": layout, "config": NOTEBOOK_CONFIG}
    return json.loads(json.dumps(payload, cls=PlotlyJSONEncoder))


#: Colour names a chart may use for text, grid lines and backgrounds (no hue).
NEUTRAL_NAMES = frozenset({"white", "black", "gray", "grey", "lightgray", "lightgrey", "darkgray", "darkgrey",
                           "dimgray", "dimgrey", "silver", "gainsboro", "whitesmoke", "transparent"})
_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})")
_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*[\d.]+\s*)?\)")


def _rgb(color: str) -> tuple[int, int, int] | None:
    """(r, g, b) of a hex or rgb()/rgba() colour string, else None."""
    text = color.strip().lower()
    if match := _HEX.fullmatch(text):
        digits = match.group(1)
        digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits[:6]
        return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))
    if match := _RGB.fullmatch(text):
        return tuple(int(v) for v in match.groups())
    return None


def is_book_color(color: str) -> bool:
    """True if ``color`` is a palette colour (at any opacity, e.g. :func:`fill_color`)
    or a neutral grey, white or black (equal red, green and blue)."""
    if color.strip().lower() in NEUTRAL_NAMES:
        return True
    rgb = _rgb(color)
    return rgb is not None and (rgb in {_rgb(c) for c in PALETTE} or len(set(rgb)) == 1)
