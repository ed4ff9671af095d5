"""The frame every dashboard shares: controls on top, results below, errors in Korean.

A dashboard is a set of named controls and a ``render(**values)`` function
that returns what to show (a plotly figure, a DataFrame or Styler, an HTML
string or a tuple of those).  Errors a reader can cause are shown as a Korean
message in the widget, never as a traceback, and name the field the reader
sees on screen (the control's label) rather than the parameter in code.

Every HTML result, table and error box is wrapped in an element of class
``tex2jax_ignore mathjax_ignore`` (:func:`no_math`), so that JupyterLab's
MathJax never reads two dollar amounts as the ends of a formula.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display
from pandas.io.formats.style import Styler

from awsbook import validate

ERROR_STYLE = (
    "border-left:4px solid #D55E00;background:#fff4ec;padding:8px 12px;"
    "margin:6px 0;font-size:14px;color:#222"
)


#: Labels of text boxes and dropdowns take the room they need instead of a fixed width.
STYLE = {"description_width": "initial"}
NOTE_STYLE = "color:#444;font-size:13px;margin:2px 0 8px"


def parse_number(text, name: str, example: str) -> float:
    """Read a number typed into a text box ("99.95", "99.95%", " 30 ").

    ``name`` is the model parameter the box feeds; range checks stay with the model.
    """
    cleaned = str(text).strip().rstrip("%").strip()
    try:
        return float(cleaned)
    except ValueError:
        raise validate.refuse(name, text, f"{example}처럼 적은 수") from None


def result_html(headline: str, note: str) -> str:
    """A bold one-line result and a small note under it."""
    return f"<p style='font-size:16px;margin:6px 0'><b>{html.escape(headline)}</b></p>" \
           f"<p style='{NOTE_STYLE}'>{html.escape(note)}</p>"


def table_html(df: pd.DataFrame) -> str:
    """A DataFrame as a plain HTML table without its 0, 1, 2 … index."""
    return df.to_html(index=False, escape=True, border=0, classes="awsbook-table")


#: Dropdown value standing for "none": ipywidgets shows an empty box when a Dropdown's value is None.
NONE_CHOICE = "none"


def chosen(value):
    """A dropdown's value for the models: :data:`NONE_CHOICE` becomes None, anything else stays."""
    return None if value == NONE_CHOICE else value


#: Classes MathJax 2 (``tex2jax_ignore``) and MathJax 3 (``mathjax_ignore``) skip.
NO_MATH_CLASSES = "tex2jax_ignore mathjax_ignore"


def no_math(fragment: str) -> str:
    """``fragment`` (HTML) inside an element that MathJax does not typeset ("$15.18" stays money)."""
    return f'<div class="{NO_MATH_CLASSES}">{fragment}</div>'


def error_html(message: str, param: str | None = None) -> str:
    """Return the HTML box a dashboard shows for an input error (``param``: the refused parameter in code)."""
    attr = f' data-parameter="{html.escape(param)}"' if param else ""
    return f'<div class="awsbook-error" role="alert"{attr} style="{ERROR_STYLE}">⚠️ {html.escape(message)}</div>'


def refusal_html(exc: Exception, labels: Mapping[str, str] | None = None) -> str:
    """The error box for ``exc``; a :class:`~awsbook.validate.Refusal` names ``labels[param]``, the on-screen label."""
    if isinstance(exc, validate.Refusal):
        return error_html(exc.message(label=(labels or {}).get(exc.param)), exc.param)
    return error_html(str(exc))


def show_result(render: Callable[..., object], values: Mapping[str, object],
                labels: Mapping[str, str] | None = None) -> bool:
    """Call ``render(**values)`` and display what it returns; show errors as Korean text.

    ``labels`` maps parameter names to the labels shown on screen, so a
    refusal names what the reader sees.  Returns True when rendering succeeded.
    """
    try:
        result = render(**values)
    except (ValueError, TypeError) as exc:
        display(HTML(no_math(refusal_html(exc, labels))))
        return False
    except Exception as exc:  # a bug, not the reader's input: still no traceback on screen
        display(HTML(no_math(error_html(f"예상하지 못한 오류가 발생했습니다 ({type(exc).__name__}: {exc})."))))
        return False
    for item in result if isinstance(result, tuple) else (result,):
        if isinstance(item, str):
            item = HTML(no_math(item))
        elif isinstance(item, (pd.DataFrame, Styler)):
            item = HTML(no_math(item._repr_html_()))
        display(item)
    return True


def control_labels(controls: Mapping[str, widgets.Widget],
                   labels: Mapping[str, str] | None = None) -> dict[str, str]:
    """On-screen labels by parameter name: each control's description under its key, then ``labels``
    (for model parameters whose names differ from the control keys)."""
    found = {name: w.description for name, w in controls.items() if getattr(w, "description", "")}
    return found | dict(labels or {})


def dashboard(controls: Mapping[str, widgets.Widget], render: Callable[..., object],
              *, columns: int = 2, labels: Mapping[str, str] | None = None) -> widgets.VBox:
    """Return a dashboard: ``controls`` laid out in a grid and a live output area.

    ``render`` is called with each control's ``value`` under its key, at start
    and whenever any control changes.  Refusals name the controls' labels
    (see :func:`control_labels`; ``labels`` adds model parameter names).
    """
    out = widgets.Output()
    names = control_labels(controls, labels)

    def refresh(_change=None):
        with out:
            out.clear_output(wait=True)
            show_result(render, {name: w.value for name, w in controls.items()}, names)

    for w in controls.values():
        w.observe(refresh, names="value")
    grid = widgets.GridBox(
        list(controls.values()),
        layout=widgets.Layout(grid_template_columns=" ".join(["1fr"] * columns), grid_gap="4px 16px"),
    )
    refresh()
    return widgets.VBox([grid, out])
