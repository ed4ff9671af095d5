"""The book's Sphinx extensions (awsbook.book) on a tiny book, built in seconds with sphinx.testing.

The full book build (tests/test_build.py) checks them too, but takes half a minute; these tests
let a change to an extension be checked on its own.  The tiny book is tests/roots/test-tinybook
plus a chart page written here from awsbook.book.render, as a notebook cell would emit it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import plotly.graph_objects as go
import pytest
from sphinx.testing.util import SphinxTestApp

from awsbook import exercises
from awsbook.book.icons import ICONS, admonition_css, without_font_awesome
from awsbook.book.render import chart_html
from awsbook.charts.controls import Control, add_controls
from awsbook.charts.theme import new_figure

ROOTS = Path(__file__).resolve().parent / "roots"
FIXTURE_EXERCISES = Path(__file__).resolve().parent / "fixtures" / "classroom" / "exercises.py"


def _chart() -> str:
    fig = new_figure("작은 차트", "가로", "세로")
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 0], name="계열"))
    add_controls(fig, [Control("slider", "배율", ["1배", "2배"])],
                 lambda i: {"data": {"y": [[0, i + 1]]}, "layout": {"title.text": f"작은 차트<br><sup>{i + 1}배</sup>"}})
    return chart_html(fig.to_plotly_json())


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny book built once to HTML; returns its output folder."""
    src = tmp_path_factory.mktemp("tinybook") / "src"
    shutil.copytree(ROOTS / "test-tinybook", src)
    (src / "chart.md").write_text(f"# 차트 쪽\n\n```{{raw}} html\n{_chart()}\n```\n", encoding="utf-8")
    exercises.load_file(FIXTURE_EXERCISES)  # registers fixture-hours in this process, where Sphinx runs
    app = SphinxTestApp("html", srcdir=src)
    app.build()
    app.cleanup()
    assert not app._warning.getvalue().strip(), app._warning.getvalue()
    return Path(app.outdir)


def _page(out: Path, name: str) -> str:
    return (out / f"{name}.html").read_text(encoding="utf-8")


def _scripts(page: str) -> list[str]:
    """The scripts ``page`` loads: ``<script src>`` and the placeholders awsbook-later.js loads after the first paint."""
    return [s.split("?")[0].rsplit("/", 1)[-1] for s in re.findall(r'<script[^>]* (?:data-)?src="([^"]+)"', page)]


def test_only_a_page_with_a_chart_loads_plotly_and_its_data_moves_out(tiny):
    chart, plain = _page(tiny, "chart"), _page(tiny, "plain")
    assert {"awsbook-charts.js", "chart.js"} <= set(_scripts(chart))
    assert re.search(r'<script type="awsbook/later" data-src="_static/awsbook-charts\.js', chart)  # text first, charts after
    assert "plotly-basic.min.js" not in _scripts(chart)  # awsbook-charts.js loads it when a chart nears the screen
    assert "awsbook-charts.js" not in _scripts(plain)
    assert "awsbook-chart-spec" not in chart  # the figure JSON lives in _static/charts/chart.js
    data = (tiny / "_static" / "charts" / "chart.js").read_text(encoding="utf-8")
    uid = re.search(r'<figure class="awsbook-chart" id="([^"]+)"', chart).group(1)
    assert f'window.awsbookChartData["{uid}"] = {{' in data and '"slots"' in data
    assert (tiny / "_static" / "plotly-basic.min.js").stat().st_size > 1_000_000


def test_font_awesome_becomes_an_inline_sprite_and_search_scripts_stay_on_the_search_page(tiny):
    for name in ("index", "chart", "plain", "search"):
        page = _page(tiny, name)
        assert "fontawesome" not in page and '<i class="fa' not in page, name
        assert '<symbol id="fa-magnifying-glass"' in page and '<use href="#fa-magnifying-glass"/>' in page, name
        assert ("searchindex.js" in _scripts(page)) == (name == "search"), name
    assert not (tiny / "_static" / "scripts" / "fontawesome.js").exists()


def test_math_is_written_as_mathml_without_mathjax(tiny):
    page = _page(tiny, "plain")
    assert "<math" in page and '<div class="math-block" tabindex="0"><math' in page
    assert not any("mathjax" in src.lower() for src in _scripts(page))


def test_korean_search_strips_particles(tiny):
    text = (tiny / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1:text.rindex(")")])["terms"]
    assert "서버" in terms and "서버를" not in terms


def test_book_stylesheet_is_on_every_page(tiny):
    assert "_static/awsbook.css" in _page(tiny, "plain") and (tiny / "_static" / "awsbook.css").is_file()


def test_auto_checked_exercises_get_an_answer_box_and_others_do_not(tiny):
    page = _page(tiny, "exercise")
    assert page.count("data-exercise=") == 1 and 'data-exercise="fixture-hours"' in page
    assert 'data-exercise-feedback="fixture-hours"' in page
    assert 'data-exercise="not-registered"' not in page
    assert "awsbook-practice.js" in _scripts(page) and "awsbook-practice.js" not in _scripts(_page(tiny, "plain"))


def test_theme_stylesheet_loses_font_awesome_and_nothing_else():
    css = ('/*!\n * Font Awesome Free 6.5.2 by @fontawesome - https://fontawesome.com\n */'
           '.fa{font-family:var(--fa-style-family,"Font Awesome 6 Free")}.fa-bars:before{content:"\\f0c9"}'
           '.fa-sr-only,.sr-only{position:absolute}:host,:root{--fa-font-solid:normal 900 1em/1 "Font Awesome 6 Free"}'
           ':root{--bs-blue:#0d6efd}@font-face{font-family:"Font Awesome 6 Free";src:url(x.woff2)}'
           '@keyframes fa-spin{0%{transform:rotate(0)}}'
           '@media (prefers-reduced-motion:reduce){.fa-spin{animation:none}.btn{transition:none}}'
           '.bd-header .fa-bars{color:red}a[href="}{"]{color:blue}')
    # Kept: a rule Font Awesome shares with Bootstrap, Bootstrap's variables, the rest of a mixed
    # @media block, the theme's own rules that mention .fa-*, and a rule with braces in a string.
    assert without_font_awesome(css) == (
        '.fa-sr-only,.sr-only{position:absolute}:root{--bs-blue:#0d6efd}'
        '@media (prefers-reduced-motion:reduce){.btn{transition:none}}.bd-header .fa-bars{color:red}'
        'a[href="}{"]{color:blue}')


def test_admonition_icons_are_svg_masks_coloured_like_the_glyphs():
    page = ('<div class="admonition note"><p class="admonition-title">메모</p></div>'
            '<div class="exercise admonition" id="x"></div><div class="admonition custom"></div>')
    css = admonition_css(page)
    assert css.startswith(':root{--pst-icon-admonition-default:"";') and '--pst-icon-admonition-todo:"";}' in css
    assert "background-color:currentColor;" in css and 'div.exercise p.admonition-title::after{content:""}' in css
    masks = dict(re.findall(r'div\.([\w-]+)(?:\.admonition)?\{--awsbook-icon:url\("data:image/svg\+xml,[^"]*'
                            r"%3Cpath d='([^']+)'", css))
    # note: circle-info; exercise: pencil (sphinx-exercise's glyph); any other admonition: the theme's bell.
    assert masks == {"note": ICONS["circle-info"][2], "exercise": ICONS["pencil"][2], "admonition": ICONS["bell"][2]}
    assert admonition_css("<p>메모 없음</p>") == ""


def test_a_page_with_an_admonition_gets_its_icons(tiny):
    head = _page(tiny, "exercise").split("</head>")[0]
    assert "div.exercise.admonition{--awsbook-icon:url(" in head
    assert "--awsbook-icon" not in _page(tiny, "plain")


def test_pages_lose_the_number_markers_and_the_themes_notes_but_nothing_else():
    from awsbook.book.assets import trim_page
    page = ('<p>한 달 <!--num ec2_m5_month:.2f-->70.08<!--/num-->달러</p>\n<!-- Table of contents -->\n'
            '<div><script>var a = "<!-- kept -->";</script><!--[if IE]>kept<![endif]--></div>')
    assert trim_page(page) == ('<p>한 달 70.08달러</p>\n'
                               '<div><script>var a = "<!-- kept -->";</script><!--[if IE]>kept<![endif]--></div>')
