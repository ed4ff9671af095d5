"""Dashboards show a Korean message for bad input instead of a traceback."""

from __future__ import annotations

import ipywidgets as widgets

from awsbook.validate import number
from awsbook.widgets import base



def _render(memory_mb):
    return f"<b>{number('memory_mb', memory_mb, low=128, high=10240):g} MB</b>"


def test_good_input_is_displayed(shown):
    assert base.show_result(_render, {"memory_mb": 512})
    assert shown == [base.no_math("<b>512 MB</b>")]


def test_bad_input_shows_the_korean_message_not_a_traceback(shown, capsys):
    assert not base.show_result(_render, {"memory_mb": 20000})
    assert "awsbook-error" in shown[0]
    assert "매개변수 &#x27;memory_mb&#x27;에 20000이(가) 주어졌습니다" in shown[0]
    assert "Traceback" not in shown[0] and capsys.readouterr().err == ""


def test_a_bug_is_still_reported_without_a_traceback(shown):
    assert not base.show_result(lambda: 1 / 0, {})
    assert "예상하지 못한 오류" in shown[0] and "ZeroDivisionError" in shown[0]


def test_tuple_results_are_shown_in_order(shown):
    base.show_result(lambda: ("<p>a</p>", "<p>b</p>"), {})
    assert shown == [base.no_math("<p>a</p>"), base.no_math("<p>b</p>")]


def test_dashboard_rerenders_when_a_control_changes(shown):
    box = widgets.BoundedIntText(value=512, min=0, max=100000)
    dash = base.dashboard({"memory_mb": box}, _render)
    assert isinstance(dash, widgets.VBox) and shown == [base.no_math("<b>512 MB</b>")]
    box.value = 20000
    assert "awsbook-error" in shown[-1]


def test_a_dashboard_names_the_label_the_reader_sees(shown):
    box = widgets.BoundedIntText(value=512, min=0, max=100000, description="메모리(MB)")
    base.dashboard({"memory_mb": box}, _render)
    box.value = 20000
    assert "입력 칸 &#x27;메모리(MB)&#x27;에 20000이(가) 주어졌습니다. 128 이상 10,240 이하의 수만 허용됩니다." in shown[-1]
    assert 'data-parameter="memory_mb"' in shown[-1] and "매개변수" not in shown[-1]


def test_labels_cover_model_parameters_named_differently(shown):
    def render(availability):
        return f"{number('availability_pct', float(availability), low=0, high=100):g}"
    box = widgets.FloatText(value=99.9, description="가용성(%)")
    base.dashboard({"availability": box}, render, labels={"availability_pct": "가용성(%)"})
    box.value = 120.0
    assert "입력 칸 &#x27;가용성(%)&#x27;에 120.0이(가) 주어졌습니다" in shown[-1]


def test_html_tables_and_errors_are_kept_away_from_mathjax(shown):
    import pandas as pd
    table = pd.DataFrame({"계산": ["$0.0208/시간 × 730시간 = $15.18"]})
    base.show_result(lambda: ("<p>$2.00 + $8.33</p>", table, table.style), {})
    assert len(shown) == 3
    for item in shown:  # MathJax 2 and 3 skip these classes in JupyterLab
        assert item.startswith('<div class="tex2jax_ignore mathjax_ignore">') and item.endswith("</div>")
    assert "$15.18" in shown[1] and "$15.18" in shown[2]
    base.show_result(_render, {"memory_mb": 1})
    assert shown[-1].startswith('<div class="tex2jax_ignore mathjax_ignore"><div class="awsbook-error"')
