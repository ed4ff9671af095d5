"""The frame every dashboard shares: controls on top, results below, errors in Korean.

A dashboard is a set of named controls and a ``render(**values)`` function
that returns what to show (a plotly figure, a DataFrame, an HTML string or a
tuple of those).  Errors a reader can cause are shown as a Korean message in
the widget, never as a traceback.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as widgets
from IPython.display import HTML, display

ERROR_STYLE = (
    "border-left:4px solid #D55E00;background:#fff4ec;padding:8px 12px;"
    "margin:6px 0;font-size:14px;color:#222"
)


def error_html(message: str) -> str:
    """Return the HTML box a dashboard shows for an input error."""
    return f'<div class="awsbook-error" role="alert" style="{ERROR_STYLE}">⚠️ {html.escape(message)}</div>'


def show_result(render: Callable[..., object], values: Mapping[str, object]) -> bool:
    """Call ``render(**values)`` and display what it returns; show errors as Korean text.

    Returns True when rendering succeeded.
    """
    try:
        result = render(**values)
    except (ValueError, TypeError) as exc:
        display(HTML(error_html(str(exc))))
        return False
    except Exception as exc:  # a bug, not the reader's input: still no traceback on screen
        display(HTML(error_html(f"예상하지 못한 오류가 발생했습니다 ({type(exc).__name__}: {exc}).")))
        return False
    for item in result if isinstance(result, tuple) else (result,):
        display(HTML(item) if isinstance(item, str) else item)
    return True


def dashboard(controls: Mapping[str, widgets.Widget], render: Callable[..., object],
              *, columns: int = 2) -> widgets.VBox:
    """Return a dashboard: ``controls`` laid out in a grid and a live output area.

    ``render`` is called with each control's ``value`` under its key, at start
    and whenever any control changes.
    """
    out = widgets.Output()

    def refresh(_change=None):
        with out:
            out.clear_output(wait=True)
            show_result(render, {name: w.value for name, w in controls.items()})

    for w in controls.values():
        w.observe(refresh, names="value")
    grid = widgets.GridBox(
        list(controls.values()),
        layout=widgets.Layout(grid_template_columns=" ".join(["1fr"] * columns), grid_gap="4px 16px"),
    )
    refresh()
    return widgets.VBox([grid, out])
