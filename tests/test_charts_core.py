"""The shared chart machinery: native controls, linked-control states and the book renderer."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from awsbook.charts.controls import Control, add_controls, plain
from awsbook.charts.theme import PALETTE, fill_color, series_style
from awsbook.book.render import figure_html


def _fig():
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 0], name="a"))
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 0], name="b"))
    return fig


def test_one_slider_uses_native_update_steps():
    fig = add_controls(_fig(), [Control("slider", "배율", ["1", "2", "3"], active=1)],
                       lambda i: {"data": {"y": [[i, i], [10 * i, 10 * i]]}})
    assert list(fig.data[0].y) == [1, 1] and list(fig.data[1].y) == [10, 10]
    steps = fig.layout.sliders[0].steps
    assert [s.method for s in steps] == ["update"] * 3
    assert steps[2].args[0] == {"y": [[2, 2], [20, 20]]}
    assert fig.layout.meta is None


def test_several_controls_store_every_combination():
    seen = []

    def state(i, j):
        seen.append((i, j))
        return {"data": {"y": [[i, j], [j, i]]}, "layout": {"title.text": f"{i}-{j}"}}

    fig = add_controls(_fig(), [Control("dropdown", "리전", ["a", "b"]),
                                Control("slider", "수", ["1", "2", "3"], active=2)], state)
    meta = fig.layout.meta["awsbook"]
    assert meta["order"] == [["menu", 0], ["slider", 0]]
    assert set(meta["states"]) == {f"{i},{j}" for i in range(2) for j in range(3)}
    assert meta["states"]["1,2"]["data"]["y"] == [[1, 2], [2, 1]]
    assert fig.layout.title.text == "0-2"  # the default state is drawn first
    assert all(b.method == "skip" for b in fig.layout.updatemenus[0].buttons)
    assert fig.layout.updatemenus[0].buttons[1].label == "리전: b"


def test_unknown_control_kind_is_refused():
    with pytest.raises(ValueError, match="매개변수 'kind'에 'knob'"):
        add_controls(_fig(), [Control("knob", "x", ["1"])], lambda i: {})


def test_plain_rounds_and_converts_numpy():
    import numpy as np
    assert plain({"y": np.array([1 / 3, np.nan])}) == {"y": [0.333333, None]}
    assert plain(np.int64(3)) == 3


def test_series_styles_differ_in_colour_dash_and_marker():
    a, b = series_style(0), series_style(1)
    assert a["line"]["color"] == PALETTE[0] and b["line"]["color"] == PALETTE[1]
    assert a["line"]["dash"] != b["line"]["dash"] and a["marker"]["symbol"] != b["marker"]["symbol"]
    assert fill_color(0) == "rgba(0,114,178,0.25)"


def test_renderer_references_shared_plotly_js_instead_of_inlining():
    html = figure_html(_fig())
    assert "plotly-graph-div" in html
    assert len(html) < 20_000  # plotly.js itself is ~4.6 MB
    assert "cdn" not in html.lower()
    assert "awsbookLinkControls" in html


def test_myst_nb_plugin_skips_only_plotly_json():
    from types import SimpleNamespace

    from awsbook.book.assets import PlotlyMimeSkip
    assert PlotlyMimeSkip.handle_mime(None, SimpleNamespace(mime_type="application/vnd.plotly.v1+json"), False) == []
    assert PlotlyMimeSkip.handle_mime(None, SimpleNamespace(mime_type="text/html"), False) is None


def test_dataframes_show_without_row_numbers_or_trailing_zeros():
    import pandas as pd

    from awsbook.book.render import frame_html
    html = frame_html(pd.DataFrame({"credit_pct": [10.0, 30.0], "usd": [0.0104, 1234567.8]}))
    assert "<th>0</th>" not in html and "<td>10</td>" in html
    assert "<td>0.0104</td>" in html and "<td>1,234,568</td>" in html
    labelled = frame_html(pd.DataFrame({"x": [1.5]}, index=["t3.micro"]))
    assert "<th>t3.micro</th>" in labelled
