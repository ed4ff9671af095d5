"""Chart controls (sliders, dropdowns, scales) whose every state is computed in advance.

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

A **scale** control multiplies data instead of picking it: each option has a
factor (USD → won at an exchange rate, VAT excluded → included), and the
figure's ``scaled`` arrays (e.g. every trace's ``y``) are stored once, unscaled,
and multiplied by the product of the scale controls' factors where they are
drawn.  Its states still carry what a factor cannot change: axis titles,
ticks, hover templates and labels.

A series with no data in a state (every value missing) leaves the legend in
that state: :func:`add_controls` sets each trace's ``showlegend`` from its data.
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
KINDS = ("slider", "dropdown", "scale")


@dataclass(frozen=True)
class Control:
    """One control.  ``kind`` is ``"slider"``, ``"dropdown"`` or ``"scale"``; ``options`` are the
    shown labels; a scale control has one multiplying ``factors`` entry per option."""

    kind: str
    label: str
    options: Sequence[str]
    active: int = 0
    factors: Sequence[float] | None = None


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


def _has_data(values) -> bool:
    """True if ``values`` (a trace's y, or x of a horizontal bar) holds at least one number."""
    if values is None:
        return False
    return any(isinstance(v, (int, float)) and not isinstance(v, bool) and np.isfinite(v) for v in values)


def _value_attr(trace) -> str:
    return "x" if trace.orientation == "h" else "y"


def _legend_follows_data(fig: go.Figure, full: dict[tuple, State]) -> None:
    """Give every state a ``showlegend`` per trace: off where the trace has no data in that state.

    Only traces whose values the states set and that would show in the legend are considered;
    nothing is added when every such trace has data in every state.
    """
    watched = [i for i, t in enumerate(fig.data) if t.showlegend is not False and t.name
               and _value_attr(t) in next(iter(full.values()))["data"]]
    shown = {combo: [_has_data(s["data"][_value_attr(fig.data[i])][i]) if i in watched else fig.data[i].showlegend
                     for i in range(len(fig.data))] for combo, s in full.items()}
    if all(shown[c][i] for c in shown for i in watched):
        return
    for combo, s in full.items():
        s["data"]["showlegend"] = [None if v is None else bool(v) for v in shown[combo]]


def scaled(values, factor: float):
    """``values`` (a number or a list of numbers and None) multiplied by ``factor``."""
    if isinstance(values, list):
        return [scaled(v, factor) for v in values]
    return values * factor if isinstance(values, (int, float)) and not isinstance(values, bool) else values


def scale_factor(controls_: Sequence[dict], positions: Sequence[int]) -> float:
    """The product of the scale controls' factors at ``positions`` (1 without scale controls);
    ``controls_`` as stored (:func:`spec`)."""
    out = 1.0
    for c, k in zip(controls_, positions):
        if c.get("factors"):
            out *= c["factors"][k]
    return out


def _scale(state: State, scale: dict, factor: float) -> State:
    """``state`` with its ``scale`` arrays (``{attr: [trace, ...]}``) multiplied by ``factor``."""
    data = {attr: [scaled(v, factor) if i in scale.get(attr, ()) else v for i, v in enumerate(values)]
            for attr, values in state["data"].items()}
    return {"data": data, "layout": state["layout"]}


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
                 *, scale: dict[str, Sequence[int]] | None = None, plot_height: int = 360) -> go.Figure:
    """Attach ``controls`` to ``fig``; ``state(i, j, ...)`` gives the state for option indices.

    The figure is set to the state of the controls' ``active`` options, and every
    combination of positions is stored (see the module docstring).  Every state must
    set the same data attributes and layout paths.  ``scale`` (``{attr: [trace, ...]}``,
    required with a scale control) names the data arrays the scale controls multiply;
    ``state`` returns them unscaled, the same whatever the scale controls' positions.
    ``plot_height`` is the height of the plotting area in pixels.  Returns the same figure.
    """
    if not controls:
        raise ValueError("controls가 비어 있습니다. 컨트롤을 하나 이상 주세요.")
    for control in controls:
        validate.choice("kind", control.kind, KINDS)
        if (control.kind == "scale") != (control.factors is not None and len(control.factors) == len(control.options)):
            raise ValueError(f"컨트롤 '{control.label}': 배율(scale) 컨트롤에는 선택지마다 배율(factors)이 하나씩 있어야 하고, "
                             "다른 컨트롤에는 없어야 합니다.")
    scaling = [k for k, c in enumerate(controls) if c.kind == "scale"]
    if bool(scaling) != bool(scale):
        raise ValueError("배율 컨트롤과 scale(배율을 곱할 데이터)은 함께 주어야 합니다.")
    scale = {attr: sorted(int(i) for i in traces) for attr, traces in (scale or {}).items()}
    defaults = tuple(c.active for c in controls)
    combos = list(itertools.product(*(range(len(c.options)) for c in controls)))
    full = {combo: plain(state(*combo)) for combo in combos}
    for combo, s in full.items():
        s.setdefault("data", {})
        s.setdefault("layout", {})
        if set(s["data"]) != set(full[defaults]["data"]) or set(s["layout"]) != set(full[defaults]["layout"]):
            raise AssertionError(f"state{combo} sets other attributes than the default state")
        unscaled = full[tuple(0 if k in scaling else p for k, p in enumerate(combo))]
        for attr, traces in scale.items():
            if any(s["data"][attr][i] != unscaled["data"][attr][i] for i in traces):
                raise AssertionError(f"state{combo}: '{attr}' must be given unscaled (the same at every scale)")
    _legend_follows_data(fig, full)
    default = full[defaults]
    apply_state(fig, _scale(default, scale, scale_factor([asdict(c) for c in controls], defaults)))
    states = {",".join(map(str, combo)): _difference(s, default) for combo, s in full.items()}
    margin = fig.layout.margin
    meta = dict(fig.layout.meta or {})
    meta["awsbook"] = {
        "controls": [{k: v for k, v in asdict(c).items() if v is not None} | {"options": list(c.options)}
                     for c in controls],
        "base": default,
        "states": states,
    }
    if scale:
        meta["awsbook"]["scale"] = scale
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
    """The full state (every varying attribute) of ``fig`` with its controls at ``positions``,
    as drawn: the scaled arrays multiplied by the scale controls' factors."""
    stored = spec(fig)
    if stored is None:
        raise ValueError("이 차트에는 컨트롤이 없습니다.")
    key = ",".join(map(str, positions))
    if key not in stored["states"]:
        raise validate.refuse("positions", positions, "컨트롤마다 0부터 선택지 수 − 1까지의 위치")
    return _scale(_full(stored, key), stored.get("scale", {}), scale_factor(stored["controls"], positions))


def states(fig) -> dict[str, State]:
    """Every full state of ``fig`` by position key (``"1,0,2"``) as stored: scaled arrays unscaled."""
    stored = spec(fig)
    if stored is None:
        raise ValueError("이 차트에는 컨트롤이 없습니다.")
    return {key: _full(stored, key) for key in stored["states"]}


def active(fig) -> tuple[int, ...]:
    """The default position of each control of ``fig``."""
    return tuple(c["active"] for c in spec(fig)["controls"])
