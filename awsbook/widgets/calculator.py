"""A chart's controls in JupyterLab: ipywidgets that apply the chart's precomputed states.

The HTML book drives a chart's stored states (:mod:`awsbook.charts.controls`)
with native HTML controls and a small script.  JupyterLab draws plotly figures
with its own renderer and runs no book script, so there the same controls are
ipywidgets: each change looks up the stored state and redraws the figure.  A scale control
(currency, VAT) is a row of toggle buttons; :func:`awsbook.charts.controls.state_of` multiplies the
stored USD arrays by its factor, as the book's script does.  A chart with sources attached
(:mod:`awsbook.charts.sources`) gets its source line under it the same way, with or without controls.
"""

from __future__ import annotations

import copy

import ipywidgets as widgets
import plotly.graph_objects as go
from IPython.display import display

from awsbook.charts import controls, sources
from awsbook.charts.theme import notebook_figure


def _control(control: dict) -> widgets.ValueWidget:
    options = [(label, i) for i, label in enumerate(control["options"])]
    common = {"options": options, "value": control["active"], "description": control["label"],
              "style": {"description_width": "initial"}, "layout": widgets.Layout(width="auto")}
    if control["kind"] == "slider":
        return widgets.SelectionSlider(continuous_update=False, **common)
    if control["kind"] == "scale":  # currency, VAT: two or three choices side by side
        return widgets.ToggleButtons(**common)
    return widgets.Dropdown(**common)


def figure_at(fig: dict, positions=()) -> go.Figure:
    """The figure of ``fig`` (a figure dict) with its controls, if it has stored states, at ``positions``."""
    out = go.Figure(copy.deepcopy({"data": fig["data"], "layout": fig["layout"]}), skip_invalid=True)
    out.layout.meta = None
    if controls.spec(fig) is not None:
        controls.apply_state(out, controls.state_of(fig, *positions))
    return out


def calculator(fig: dict) -> widgets.VBox:
    """The chart ``fig`` (a figure dict) with ipywidgets for its stored states' controls above it (none
    for a static chart) and its source line (:mod:`awsbook.charts.sources`) below."""
    stored = controls.spec(fig) or {"controls": []}
    inputs = [_control(c) for c in stored["controls"]]
    out = widgets.Output()

    def draw(_change=None):
        shown = figure_at(fig, [w.value for w in inputs]).to_plotly_json()
        with out:
            out.clear_output(wait=True)
            display({"application/vnd.plotly.v1+json": notebook_figure(shown)}, raw=True)

    for w in inputs:
        w.observe(draw, names="value")
    draw()
    above = [widgets.GridBox(inputs, layout=widgets.Layout(
        grid_template_columns="repeat(auto-fill, minmax(320px, 1fr))", grid_gap="4px 16px"))] if inputs else []
    cited = sources.line_html(sources.of(fig))
    below = [widgets.HTML(cited)] if cited else []
    return widgets.VBox([*above, out, *below], layout=widgets.Layout(width="100%"))
