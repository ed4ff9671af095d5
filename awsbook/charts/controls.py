"""Chart controls (sliders, dropdowns) whose every state is computed in advance.

A chart builder describes its controls and a function that returns the
figure's state for any combination of control positions; :func:`add_controls`
computes every reachable state once, so the chart responds with no kernel:

* in the HTML book, native ``<input type="range">`` and ``<select>`` elements
  (keyboard, touch and screen-reader friendly) apply the stored states
  (``awsbook/book/static/awsbook-charts.js``);
* in JupyterLab, ipywidgets controls apply the same states
  (:mod:`awsbook.widgets.calculator`).

The states live in ``fig.layout.meta["awsbook"]``: the controls, the default
values of everything a state can change (``base``) and, per combination of
positions, only what differs from that default.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass

import numpy as np
import plotly.graph_objects as go

from awsbook import validate

#: A figure state: ``{"data": {attr: [value per trace]}, "layout": {"path.to.attr": value}}``.
State = dict
KINDS = ("slider", "dropdown")


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


def apply_state(fig: go.Figure, state: State) -> None:
    """Set what ``state`` stores (trace attributes and layout paths) on ``fig``."""
    for attr, values in state.get("data", {}).items():
        for trace, value in zip(fig.data, values):
            trace[attr] = value
    if state.get("layout"):
        fig.update_layout(state["layout"])


def _difference(state: State, base: State) -> dict:
    """What ``state`` changes relative to ``base``: ``{"data": {attr: {trace: value}}, "layout": {...}}``."""
    data = {}
    for attr, values in state.get("data", {}).items():
        changed = {str(i): v for i, v in enumerate(values) if v != base["data"][attr][i]}
        if changed:
            data[attr] = changed
    layout = {k: v for k, v in state.get("layout", {}).items() if v != base["layout"].get(k)}
    return {k: v for k, v in (("data", data), ("layout", layout)) if v}


def add_controls(fig: go.Figure, controls: Sequence[Control], state: Callable[..., State],
                 *, plot_height: int = 360) -> go.Figure:
    """Attach ``controls`` to ``fig``; ``state(i, j, ...)`` gives the state for option indices.

    The figure is set to the state of the controls' ``active`` options, and every
    combination of positions is stored (see the module docstring).  Every state must
    set the same data attributes and layout paths.  ``plot_height`` is the height of
    the plotting area in pixels.  Returns the same figure.
    """
    if not controls:
        raise ValueError("controls가 비어 있습니다. 컨트롤을 하나 이상 주세요.")
    for control in controls:
        validate.choice("kind", control.kind, KINDS)
    defaults = tuple(c.active for c in controls)
    default = plain(state(*defaults))
    default.setdefault("data", {})
    default.setdefault("layout", {})
    apply_state(fig, default)
    states = {}
    for combo in itertools.product(*(range(len(c.options)) for c in controls)):
        full = default if combo == defaults else plain(state(*combo))
        if set(full.get("data", {})) != set(default["data"]) or set(full.get("layout", {})) != set(default["layout"]):
            raise AssertionError(f"state{combo} sets other attributes than the default state")
        states[",".join(map(str, combo))] = _difference(full, default)
    margin = fig.layout.margin
    meta = dict(fig.layout.meta or {})
    meta["awsbook"] = {
        "controls": [asdict(c) | {"options": list(c.options)} for c in controls],
        "base": default,
        "states": states,
    }
    fig.update_layout(height=plot_height + (margin.t or 0) + (margin.b or 0))
    fig.layout.meta = meta
    return fig


def spec(fig) -> dict | None:
    """The stored controls and states of ``fig`` (a figure or its dict), or None for a static chart."""
    layout = fig["layout"] if isinstance(fig, dict) else fig.layout.to_plotly_json()
    meta = layout.get("meta")
    return meta.get("awsbook") if isinstance(meta, dict) else None


def _full(stored: dict, key: str) -> State:
    diff, base = stored["states"][key], stored["base"]
    data = {attr: [diff.get("data", {}).get(attr, {}).get(str(i), v) for i, v in enumerate(values)]
            for attr, values in base["data"].items()}
    return {"data": data, "layout": base["layout"] | diff.get("layout", {})}


def state_of(fig, *positions: int) -> State:
    """The full state (every varying attribute) of ``fig`` with its controls at ``positions``."""
    stored = spec(fig)
    if stored is None:
        raise ValueError("이 차트에는 컨트롤이 없습니다.")
    key = ",".join(map(str, positions))
    if key not in stored["states"]:
        raise validate.refuse("positions", positions, "컨트롤마다 0부터 선택지 수 − 1까지의 위치")
    return _full(stored, key)


def states(fig) -> dict[str, State]:
    """Every full state of ``fig`` by position key (``"1,0,2"``), for tests and tools."""
    stored = spec(fig)
    if stored is None:
        raise ValueError("이 차트에는 컨트롤이 없습니다.")
    return {key: _full(stored, key) for key in stored["states"]}


def active(fig) -> tuple[int, ...]:
    """The default position of each control of ``fig``."""
    return tuple(c["active"] for c in spec(fig)["controls"])
