"""Native plotly controls (sliders, dropdowns) that work in static HTML.

A chart builder describes its controls and a function that returns the
figure's state for any combination of control positions; :func:`add_controls`
precomputes every reachable state.  One control: plain plotly ``update``
steps that also work in JupyterLab.  Several controls: plotly cannot combine
them by itself, so the states are stored in ``layout.meta.awsbook`` and the
book's ``awsbook-controls.js`` applies the one matching all positions.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

#: A figure state in ``Plotly.update`` form: ``{"data": {attr: [value per trace]}, "layout": {...}}``.
State = dict


@dataclass(frozen=True)
class Control:
    """One control.  ``kind`` is ``"slider"`` or ``"dropdown"``; ``options`` are the shown labels."""

    kind: str
    label: str
    options: Sequence[str]
    active: int = 0


def plain(value):
    """Convert numpy arrays and scalars inside ``value`` to JSON-friendly Python values.

    Floats are rounded to 6 significant digits to keep pages small.
    """
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if isinstance(value, (np.floating, float)):
        x = float(value)
        return float(f"{x:.6g}") if np.isfinite(x) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def _apply(fig: go.Figure, state: State) -> None:
    for attr, values in state.get("data", {}).items():
        for trace, value in zip(fig.data, values):
            trace[attr] = value
    if state.get("layout"):
        fig.update_layout(state["layout"])


def add_controls(fig: go.Figure, controls: Sequence[Control], state: Callable[..., State],
                 *, plot_height: int = 360) -> go.Figure:
    """Attach ``controls`` to ``fig``; ``state(i, j, ...)`` gives the state for option indices.

    The figure is first set to the state of the controls' ``active`` options.
    ``plot_height`` is the height of the plotting area in pixels; the figure grows
    by the room the legend and controls need.  Returns the same figure.
    """
    if not controls:
        raise ValueError("controls가 비어 있습니다. 컨트롤을 하나 이상 주세요.")
    defaults = tuple(c.active for c in controls)
    _apply(fig, plain(state(*defaults)))
    linked = len(controls) > 1
    states = {}
    if linked:
        for combo in itertools.product(*(range(len(c.options)) for c in controls)):
            states[",".join(map(str, combo))] = plain(state(*combo))

    sliders, menus, order = [], [], []
    for k, control in enumerate(controls):
        def args_for(i, k=k):
            if linked:
                return []
            s = plain(state(i))
            return [s.get("data", {}), s.get("layout", {})]

        method = "skip" if linked else "update"
        if control.kind == "slider":
            steps = [
                {"label": opt, "method": method, "args": args_for(i)}
                for i, opt in enumerate(control.options)
            ]
            sliders.append({
                "active": control.active, "steps": steps,
                "currentvalue": {"prefix": f"{control.label}: ", "font": {"size": 13}},
                "pad": {"t": 30, "b": 10}, "len": 1.0, "x": 0, "xanchor": "left",
                "y": 0, "yanchor": "top",
            })
            order.append(["slider", len(sliders) - 1])
        elif control.kind == "dropdown":
            buttons = [
                {"label": f"{control.label}: {opt}", "method": method, "args": args_for(i)}
                for i, opt in enumerate(control.options)
            ]
            menus.append({
                "type": "dropdown", "active": control.active, "buttons": buttons,
                "showactive": True, "xanchor": "left", "yanchor": "bottom", "y": 1.02,
                "direction": "down", "pad": {"r": 6, "t": 2},
            })
            order.append(["menu", len(menus) - 1])
        else:
            raise ValueError(
                f"매개변수 'kind'에 {control.kind!r}이(가) 주어졌습니다. 'slider', 'dropdown' 중 하나만 허용됩니다."
            )

    # Lay the controls out: dropdowns in a row above the plot, sliders stacked below it.
    for j, menu in enumerate(menus):
        menu["x"] = j * (1.0 / max(len(menus), 1))
    legend_room = 60
    slider_room = 95
    bottom = 80 + legend_room + slider_room * len(sliders)
    height = plot_height + bottom + (110 if menus else 70)
    for j, slider in enumerate(sliders):
        slider["y"] = -(legend_room + 50 + slider_room * j) / plot_height
    fig.update_layout(
        sliders=sliders, updatemenus=menus, height=height,
        margin={"b": bottom, "t": 110 if menus else 70},
        legend={"y": -50 / plot_height},
    )
    if linked:
        fig.update_layout(meta={"awsbook": {"order": order, "states": states}})
    return fig
