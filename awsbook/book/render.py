"""A plotly renderer that works both in JupyterLab and in the Jupyter Book HTML.

Plotly >= 6 emits only ``application/vnd.plotly.v1+json`` under ipykernel and
myst-nb drops that mimetype, so figures vanish from the book.  The renderer
below adds a ``text/html`` fragment that references the page's shared, local
``plotly.min.js`` (served by :mod:`awsbook.book.assets`) instead of inlining it.
"""

from __future__ import annotations

import sys

# plotly.io imports nbformat, whose jsonschema then imports rfc3987_syntax only to
# validate IRI strings; that module compiles a grammar on import (about 2 s per
# kernel here).  Nothing in the book validates IRIs, so when it has not been
# loaded yet, mark it unavailable: jsonschema treats it as an optional extra.
sys.modules.setdefault("rfc3987_syntax", None)

import pandas as pd  # noqa: E402
import plotly.io as pio  # noqa: E402
from plotly.io.base_renderers import MimetypeRenderer

RENDERER_NAME = "awsbook_html"

#: Runs after each figure is drawn; links multi-control figures (see static/awsbook-controls.js).
_POST_SCRIPT = "if (window.awsbookLinkControls) { window.awsbookLinkControls('{plot_id}'); }"

PLOT_CONFIG = {"responsive": True, "displaylogo": False, "locale": "ko"}


def figure_html(fig) -> str:
    """Return the HTML fragment (a div and a script, no plotly.js) for ``fig``."""
    return pio.to_html(
        fig,
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        default_width="100%",
        validate=False,
        post_script=_POST_SCRIPT,
        config=PLOT_CONFIG,
    )


class BookHTMLRenderer(MimetypeRenderer):
    """Emit ``text/html`` for the static book next to plotly's own mimetype."""

    def to_mimebundle(self, fig_dict):
        return {"text/html": figure_html(fig_dict)}


def frame_html(frame: pd.DataFrame) -> str:
    """HTML of a DataFrame for readers: no 0, 1, 2 … row labels, numbers without trailing .0."""
    return frame.to_html(
        index=not isinstance(frame.index, pd.RangeIndex), border=0, na_rep="–",
        float_format=lambda x: f"{x:,.0f}" if x.is_integer() or abs(x) >= 1e5 else f"{x:,.6g}",
    )


def setup_notebook() -> None:
    """Register the book renderer and make it the default (call once per notebook).

    Also shows DataFrames through :func:`frame_html` in this kernel.
    """
    pio.renderers[RENDERER_NAME] = BookHTMLRenderer()
    pio.renderers.default = f"plotly_mimetype+{RENDERER_NAME}"
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, frame_html)
