"""The shared chart machinery: precomputed control states, the lean template, and the renderer
that turns a figure into the book's HTML or a live JupyterLab calculator."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest

from awsbook.book import render
from awsbook.charts import controls
from awsbook.charts.controls import Control, add_controls, plain
from awsbook.charts.theme import PALETTE, TEMPLATE, fill_color, narrow_layout, new_figure, series_style


def _fig():
    fig = new_figure("제목<br><sup>부제</sup>", "가로", "세로")
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 0], name="a"))
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 0], name="b"))
    return fig


def _two_controls(seen=None):
    def state(i, j):
        if seen is not None:
            seen.append((i, j))
        return {"data": {"y": [[i, j], [0, 0]]}, "layout": {"title.text": f"제목<br><sup>{i}-{j}</sup>"}}

    return add_controls(_fig(), [Control("dropdown", "리전", ["a", "b"]),
                                 Control("slider", "수", ["1", "2", "3"], active=2)], state)


# --------------------------------------------------------------------------- controls

def test_every_combination_is_computed_once_and_the_default_is_drawn_first():
    seen = []
    fig = _two_controls(seen)
    assert sorted(set(seen)) == [(i, j) for i in range(2) for j in range(3)]
    assert list(fig.data[0].y) == [0, 2] and fig.layout.title.text == "제목<br><sup>0-2</sup>"
    assert controls.active(fig) == (0, 2)
    assert [c["kind"] for c in controls.spec(fig)["controls"]] == ["dropdown", "slider"]
    assert not fig.layout.sliders and not fig.layout.updatemenus  # no SVG controls: the book draws HTML ones


def test_states_store_only_what_differs_from_the_default():
    fig = _two_controls()
    stored = controls.spec(fig)["states"]
    assert stored["0,2"] == {}  # the default itself
    # trace 1 never moves, so no state mentions it
    assert stored["1,0"] == {"data": {"y": {"0": [1, 0]}}, "layout": {"title.text": "제목<br><sup>1-0</sup>"}}


def test_state_of_rebuilds_full_states():
    fig = _two_controls()
    assert controls.state_of(fig, 1, 1) == {"data": {"y": [[1, 1], [0, 0]]},
                                             "layout": {"title.text": "제목<br><sup>1-1</sup>"}}
    assert set(controls.states(fig)) == {f"{i},{j}" for i in range(2) for j in range(3)}
    with pytest.raises(ValueError, match="'positions'"):
        controls.state_of(fig, 2, 0)


def test_states_must_change_the_same_attributes():
    def state(i):
        return {"data": {"y": [[i, i], [0, 0]]}, "layout": {"title.text": "x"} if i else {}}

    with pytest.raises(AssertionError, match="state"):
        add_controls(_fig(), [Control("slider", "수", ["1", "2"])], state)


def test_unknown_control_kind_is_refused():
    with pytest.raises(ValueError, match="매개변수 'kind'에 'knob'"):
        add_controls(_fig(), [Control("knob", "x", ["1"])], lambda i: {})


def test_plain_rounds_and_converts_numpy():
    import numpy as np
    assert plain({"y": np.array([1 / 3, np.nan])}) == {"y": [0.333333, None]}
    assert plain(np.int64(3)) == 3


# --------------------------------------------------------------------------- theme

def test_series_styles_differ_in_colour_dash_and_marker():
    a, b = series_style(0), series_style(1)
    assert a["line"]["color"] == PALETTE[0] and b["line"]["color"] == PALETTE[1]
    assert a["line"]["dash"] != b["line"]["dash"] and a["marker"]["symbol"] != b["marker"]["symbol"]
    assert fill_color(0) == "rgba(0,114,178,0.25)"


def test_figures_carry_only_the_lean_template():
    fig = _fig().to_plotly_json()
    template = fig["layout"]["template"]
    assert "data" not in template or not template["data"]  # no per-trace-type defaults
    assert len(json.dumps(template, ensure_ascii=False)) < 1_000  # plotly_white alone is about 7 KB
    assert template["layout"]["colorway"] == list(PALETTE) == list(TEMPLATE.layout.colorway)
    assert fig["layout"]["dragmode"] is False  # a finger on a phone scrolls the page, not the plot


# --------------------------------------------------------------------------- the book's HTML

def test_book_html_has_caption_native_controls_and_no_plotly_js():
    html = render.chart_html(_two_controls().to_plotly_json())
    assert '<span class="awsbook-chart-title">제목</span>' in html
    # the key result, in a caption announced when it changes
    assert '<figcaption aria-live="polite"><span class="awsbook-chart-title">제목</span> <span ' \
           'class="awsbook-chart-summary">0-2</span></figcaption>' in html
    ranges = re.findall(r'<input type="range"[^>]*>', html)
    assert len(ranges) == 1 and 'aria-valuetext="수 3"' in ranges[0] and 'value="2"' in ranges[0]
    radios = re.findall(r'<input type="radio"[^>]*>', html)  # two options: radio buttons
    assert len(radios) == 2 and "checked" in radios[0]
    plot_id = re.search(r'<div id="([^"]+)" class="plotly-graph-div', html).group(1)
    assert all(f'data-chart="{plot_id}"' in c for c in ranges + radios)
    assert re.search(r'<label for="[^"]+">수</label>', html) and "<legend>리전</legend>" in html
    assert 'role="figure" aria-label="차트: 제목. 가로축: 가로, 세로축: 세로"' in html
    assert "표로 보기" in html and "cdn" not in html.lower() and "Plotly.register" not in html
    assert len(html) < 20_000


def test_page_data_rebuilds_every_state():
    fig = _two_controls().to_plotly_json()
    page = render.compact_states(fig)
    for key, full in controls.states(fig).items():
        picks = render.page_state(page, [int(p) for p in key.split(",")])
        assert picks[("data", "y", 0)] == full["data"]["y"][0]
        assert picks[("layout", "caption.summary")] == key.replace(",", "-")
    assert ["data", "y", 1] not in page["slots"]  # never changes: not stored per state
    assert len(page["values"]) == len(set(map(json.dumps, page["values"])))  # each value once


def test_a_slot_is_stored_once_per_position_of_the_controls_it_depends_on():
    def state(i, j, k):  # y follows only the first control, the title only the last
        return {"data": {"y": [[i, i], [0, 0]]}, "layout": {"title.text": f"제목 {k}"}}

    fig = add_controls(_fig(), [Control("dropdown", "a", ["1", "2", "3"]), Control("slider", "b", ["1", "2"]),
                                Control("dropdown", "c", ["x", "y"])], state).to_plotly_json()
    page = render.compact_states(fig)
    deps = dict(zip(map(tuple, page["slots"]), page["deps"]))
    tables = dict(zip(map(tuple, page["slots"]), page["tables"]))
    assert deps == {("data", "y", 0): [0], ("layout", "caption.title"): [2]}
    assert len(tables[("data", "y", 0)]) == 3 and len(tables[("layout", "caption.title")]) == 2  # not 12 states
    assert render.page_state(page, [2, 1, 1]) == {("data", "y", 0): [2, 2], ("layout", "caption.title"): "제목 1"}


def _money_chart(values=(10.0, 20.0)):
    """A chart whose y is in USD, with a slider and two scale controls (currency ×1,000; VAT ×1.1)."""
    def state(n, currency, vat):
        unit = ("USD", "원")[currency] + (" · 부가세 포함" if vat else "")
        return {"data": {"y": [[v * (n + 1) for v in values], [0, 0]]},
                "layout": {"yaxis.title.text": f"월 요금 ({unit})"}}

    return add_controls(_fig(), [Control("slider", "대수", ["1", "2"]),
                                 Control("scale", "통화", ["USD", "원"], factors=[1, 1000]),
                                 Control("scale", "부가세", ["제외", "포함"], factors=[1, 1.1])],
                        state, scale={"y": [0]})


def test_scale_controls_multiply_the_stored_usd_arrays():
    fig = _money_chart()
    # 2 instances × $10 = $20; in won at 1,000 won/USD with 10% VAT: 20 × 1,000 × 1.1 = 22,000
    assert controls.state_of(fig, 1, 1, 1)["data"]["y"][0] == pytest.approx([22_000, 44_000])
    assert controls.state_of(fig, 1, 0, 0)["data"]["y"][0] == [20, 40]
    assert controls.state_of(fig, 1, 1, 1)["data"]["y"][1] == [0, 0]  # not listed in scale: never multiplied
    assert controls.states(fig)["1,1,1"]["data"]["y"][0] == [20, 40]  # stored unscaled
    page = render.compact_states(fig.to_plotly_json())
    assert page["scale"] == {"y": [0]}
    y_slot = page["slots"].index(["data", "y", 0])
    assert page["deps"][y_slot] == [0]  # the currency and VAT add no copy of the data
    assert render.page_state(page, [0, 1, 1])[("data", "y", 0)] == pytest.approx([11_000, 22_000])
    assert render.page_state(page, [0, 1, 0])[("layout", "yaxis.title.text")] == "월 요금 (원)"
    html = render.chart_html(fig.to_plotly_json())
    assert len(re.findall(r'<input type="radio"[^>]*data-control="1"', html)) == 2  # a radio group, like a choice


def test_scale_controls_refuse_scaled_data_and_missing_factors():
    def scaled_already(currency):
        return {"data": {"y": [[10 * (1, 1000)[currency]] * 2, [0, 0]]}, "layout": {}}

    with pytest.raises(AssertionError, match="unscaled"):
        add_controls(_fig(), [Control("scale", "통화", ["USD", "원"], factors=[1, 1000])], scaled_already,
                     scale={"y": [0]})
    with pytest.raises(ValueError, match="배율"):
        add_controls(_fig(), [Control("scale", "통화", ["USD", "원"])], lambda i: {}, scale={"y": [0]})
    with pytest.raises(ValueError, match="scale"):
        add_controls(_fig(), [Control("scale", "통화", ["USD", "원"], factors=[1, 2])], lambda i: {})


def test_a_series_without_data_leaves_the_legend_in_that_state():
    def state(i):  # trace b has no data in state 1
        return {"data": {"y": [[1, 2], [3, 4] if i == 0 else [None, None]]}, "layout": {}}

    fig = add_controls(_fig(), [Control("dropdown", "x", ["a", "b"])], state)
    assert controls.state_of(fig, 0)["data"]["showlegend"] == [True, True]
    assert controls.state_of(fig, 1)["data"]["showlegend"] == [True, False]
    steady = add_controls(_fig(), [Control("dropdown", "x", ["a", "b"])],
                          lambda i: {"data": {"y": [[i, 1], [1, 1]]}, "layout": {}})
    assert "showlegend" not in controls.state_of(steady, 1)["data"]  # nothing added when every series has data


def test_a_trace_type_missing_from_the_bundle_is_refused():
    fig = go.Figure(go.Heatmap(z=[[1, 2]])).to_plotly_json()
    with pytest.raises(ValueError, match="'heatmap'.*basic 번들"):
        render.chart_html(fig)


def test_subtitle_note_and_phone_layout_reach_the_page():
    fig = _fig()
    fig.update_layout(title={"subtitle": {"text": "가정: 예시 값"}})
    narrow_layout(fig, {"height": 900})
    html = render.chart_html(fig.to_plotly_json())
    assert '<span class="awsbook-chart-note">가정: 예시 값</span>' in html
    assert '"narrow":{"height":900}' in html
    # The empty plot box already has both heights (the chart is drawn only near the screen).
    assert 'style="--awsbook-height:' in html and ';--awsbook-narrow-height:900px"' in html


def test_legend_is_in_the_page_before_the_chart_is_drawn():
    fig = _fig()  # traces "a" and "b"
    fig.add_trace(go.Scatter(x=[0], y=[1], name="c", legendgroup="g"))
    fig.add_trace(go.Scatter(x=[0], y=[2], name="c again", legendgroup="g"))  # one entry per group
    fig.add_trace(go.Scatter(x=[0], y=[3], name="<b>no</b>", showlegend=False))
    html = render.chart_html(fig.to_plotly_json())
    entries = re.findall(r'<button type="button" class="awsbook-legend-item" aria-pressed="true" '
                         r'data-trace="(\d+)" data-traces="([\d,]+)"><svg[^>]*></svg>([^<]*)</button>', html)
    assert entries == [("0", "0", "a"), ("1", "1", "b"), ("2", "2,3", "c")]
    fig.update_layout(showlegend=False)
    assert "awsbook-legend" not in render.chart_html(fig.to_plotly_json())


def test_a_series_without_data_by_default_has_a_hidden_entry_a_control_shows():
    fig = _fig()  # traces "a" and "b"; "b" has no data in the first state, data in the second
    fig = add_controls(fig, [Control("dropdown", "보기", ["a만", "둘 다"])],
                       lambda i: {"data": {"y": [[1, 2], [] if i == 0 else [3, 4]]}, "layout": {}})
    html = render.chart_html(fig.to_plotly_json())
    entries = re.findall(r'<button type="button" class="awsbook-legend-item" aria-pressed="true" '
                         r'data-trace="(\d+)" (hidden )?data-traces="[\d,]+"><svg[^>]*></svg>([^<]*)</button>', html)
    assert entries == [("0", "", "a"), ("1", "hidden ", "b")]


def test_renderer_output_depends_on_where_the_notebook_runs(monkeypatch):
    renderer = render.BookRenderer()
    static = _fig().to_plotly_json()
    monkeypatch.setenv(render.OUTPUT_ENV, "book")
    assert set(renderer.to_mimebundle(static)) == {"text/html"}
    monkeypatch.delenv(render.OUTPUT_ENV)
    bundle = renderer.to_mimebundle(static)
    assert set(bundle) == {"application/vnd.plotly.v1+json"}
    assert bundle["application/vnd.plotly.v1+json"]["config"]["displaylogo"] is False
    live = renderer.to_mimebundle(_two_controls().to_plotly_json())
    assert "application/vnd.jupyter.widget-view+json" in live  # an ipywidgets calculator in JupyterLab


def test_jupyterlab_calculator_applies_the_same_states():
    from awsbook.widgets.calculator import calculator, figure_at

    fig = _two_controls().to_plotly_json()
    box = calculator(fig)
    dropdown, slider = box.children[0].children
    assert dropdown.description == "리전" and slider.description == "수" and slider.value == 2
    assert list(figure_at(fig, [1, 0]).data[0].y) == [1, 0]
    assert figure_at(fig, [1, 0]).layout.meta is None
    money = _money_chart().to_plotly_json()
    _, currency, vat = calculator(money).children[0].children
    assert type(currency).__name__ == "ToggleButtons" and currency.options == (("USD", 0), ("원", 1))
    assert list(figure_at(money, [0, 1, 1]).data[0].y) == pytest.approx([11_000, 22_000])


def test_dataframes_show_without_row_numbers_or_trailing_zeros():
    import pandas as pd

    html = render.frame_html(pd.DataFrame({"credit_pct": [10.0, 30.0], "usd": [0.0104, 1234567.8]}))
    assert "<th>0</th>" not in html and "<td>10</td>" in html
    assert "<td>0.0104</td>" in html and "<td>1,234,568</td>" in html
    labelled = render.frame_html(pd.DataFrame({"x": [1.5]}, index=["t3.micro"]))
    assert "<th>t3.micro</th>" in labelled
