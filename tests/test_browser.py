"""Every page in headless Chromium, as a reader meets it on a desktop and on a phone.

No console errors and no request to another host; every chart drawn; every chart control
reachable with Tab, named, and changing both the plotted data and the live result text from
the keyboard; the "표로 보기" table showing what is plotted; nothing overlapping or wider than
the screen at 390 px; the JavaScript a first visit downloads within budget."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import statistics
import subprocess
from urllib.parse import urlparse

import pytest

from conftest import ROOT, SCRIPTS_LOADED, draw_every_chart, toc_files

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"
PAGES = [f"{name}.html" for name in toc_files()]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
#: JavaScript a first visit of the heaviest page may download (issue: lean pages).
JS_BUDGET_RAW = 1_500 * 1024
JS_BUDGET_GZIP = 500 * 1024
CHARTS_READY = """() => [...document.querySelectorAll('figure.awsbook-chart .awsbook-plot')]
  .every(g => g.getAttribute('data-ready') === 'true')"""

# What plotly drew: x/y of every visible trace, and the chart's live result text.
SNAPSHOT_JS = """(id) => {
  const gd = document.getElementById(id);
  const fig = gd.closest('figure');
  const data = gd._fullData.map(t => [Array.from(t.x || []), Array.from(t.y || []), t.visible]);
  return JSON.stringify([data, fig.querySelector('figcaption[aria-live]').textContent]);
}"""


class Visit:
    """One page opened in a fresh browser context, with what it logged and downloaded."""

    def __init__(self, browser, url, viewport):
        self.errors, self.outside, self.scripts = [], [], {}
        self.context = browser.new_context(viewport=viewport, locale="ko-KR")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", self._response)
        self.page.goto(url, wait_until="load")
        draw_every_chart(self.page)
        self.page.wait_for_function(CHARTS_READY, timeout=20_000)

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", None):
            self.outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    def _response(self, response):
        if response.request.resource_type == "script":
            try:
                self.scripts[response.url.split("?")[0]] = response.body()
            except Exception:  # noqa: BLE001 - a script that failed to load shows up in the console errors
                pass

    def shot(self, name):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / name), full_page=True)

    def close(self):
        self.context.close()


@pytest.fixture(params=PAGES)
def page_path(request, site):
    return request.param


def _charts(page):
    return page.eval_on_selector_all("figure.awsbook-chart .awsbook-plot", "els => els.map(e => e.id)")


def _controls(page, plot_id):
    """(selector, tag, type) of each control of a chart, radios as one group."""
    return page.evaluate("""(id) => {
      const seen = new Set(), out = [];
      document.querySelectorAll(`[data-chart="${id}"]`).forEach(el => {
        const k = el.getAttribute('data-control');
        if (seen.has(k)) return;
        seen.add(k);
        out.push([k, el.tagName.toLowerCase(), el.type || '']);
      });
      return out;
    }""", plot_id)


def _press(page, plot_id, k, tag, kind):
    """Change control ``k`` from the keyboard; return the key used and a function that moves it back."""
    sel = f'[data-chart="{plot_id}"][data-control="{k}"]'
    if kind == "radio":
        checked = page.locator(f'{sel}[value="{page.locator(f"{sel}:checked").get_attribute("value")}"]')
        target = page.locator(f"{sel}:not(:checked)").first
        target.focus()
        page.keyboard.press("Space")

        def back():
            checked.focus()
            page.keyboard.press("Space")
        return "Space", back
    el = page.locator(sel)
    el.focus()
    if tag == "select":
        last = el.evaluate("e => e.selectedIndex === e.options.length - 1")
        key, undo = ("ArrowUp", "ArrowDown") if last else ("ArrowDown", "ArrowUp")
    else:
        at_max = el.evaluate("e => Number(e.value) === Number(e.max)")
        key, undo = ("ArrowLeft", "ArrowRight") if at_max else ("ArrowRight", "ArrowLeft")
    page.keyboard.press(key)

    def back():
        el.focus()
        page.keyboard.press(undo)
    return key, back


def _wait_drawn(page, plot_id, before):
    page.wait_for_function(f"(b) => ({SNAPSHOT_JS})('{plot_id}') !== b", arg=before, timeout=5_000)


# --------------------------------------------------------------------------- desktop

def test_page_loads_clean_and_every_control_works_by_keyboard(browser, server, page_path):
    visit = Visit(browser, f"{server}/{page_path}", DESKTOP)
    page = visit.page
    try:
        for plot_id in _charts(page):
            drawn = page.eval_on_selector(f'[id="{plot_id}"]', "el => !!el.querySelector('svg.main-svg')")
            assert drawn, f"{page_path}: 차트 {plot_id}가 그려지지 않았습니다"
            controls = _controls(page, plot_id)
            if not controls:
                continue
            # Tab from the chart's caption visits every control in order (a radio group is one stop).
            page.evaluate("(id) => { const c = document.getElementById(id).closest('figure').querySelector('figcaption');"
                          " c.tabIndex = -1; c.focus(); }", plot_id)
            reached = []
            for _ in range(len(controls)):
                page.keyboard.press("Tab")
                reached.append(page.evaluate("() => document.activeElement.getAttribute('data-control')"))
            assert reached == [k for k, _, _ in controls], f"{page_path} {plot_id}: Tab 순서 {reached}"
            for k, tag, kind in controls:
                name = page.evaluate("""([id, k]) => {
                  const el = document.querySelector(`[data-chart="${id}"][data-control="${k}"]`);
                  const group = el.closest('fieldset');
                  return ((group ? group.querySelector('legend').textContent + ' ' : '')
                          + [...el.labels].map(l => l.textContent).join(' ')).trim();
                }""", [plot_id, k])
                assert name, f"{page_path} {plot_id}: 컨트롤 {k}에 이름이 없습니다"
                before = page.evaluate(SNAPSHOT_JS, plot_id)
                key, back = _press(page, plot_id, k, tag, kind)
                _wait_drawn(page, plot_id, before)
                after = json.loads(page.evaluate(SNAPSHOT_JS, plot_id))
                assert after[0] != json.loads(before)[0], f"{page_path} {plot_id}: {key}로 컨트롤 {k}를 바꿔도 데이터가 그대로입니다"
                assert after[1] != json.loads(before)[1], f"{page_path} {plot_id}: 컨트롤 {k}의 결과 문장이 그대로입니다"
                back()  # every control is tried from the chart's default state
                page.wait_for_function(f"(b) => ({SNAPSHOT_JS})('{plot_id}') === b", arg=before, timeout=5_000)
        assert visit.errors == [], f"{page_path}: 콘솔 오류 {visit.errors}"
        assert visit.outside == [], f"{page_path}: 외부 요청 {visit.outside}"
    except AssertionError:
        visit.shot(page_path.replace("/", "_") + ".png")
        raise
    finally:
        visit.close()


TABLE_JS = """(id) => {
  const gd = document.getElementById(id), fig = gd.closest('figure');
  fig.querySelector('details.awsbook-data').open = true;
  const tables = [...fig.querySelectorAll('.awsbook-table')].map(t =>
      [...t.querySelectorAll('tr')].map(r => [...r.children].map(c => c.textContent)));
  const when = ms => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const yTitle = gd._fullLayout.yaxis && gd._fullLayout.yaxis.title ? gd._fullLayout.yaxis.title.text : '';
  const drawn = gd._fullData.map((t, i) => [t, i]).filter(([t]) => t.visible === true && t.y).map(([t, i]) => ({
      name: t.name || yTitle,
      cats: Array.from(t.orientation === 'h' ? t.y : (t.x || gd.calcdata[i].map(p => when(p.x)))),
      vals: Array.from(t.orientation === 'h' ? t.x : t.y)}));
  return {tables, drawn};
}"""


def _sampled(values, limit=60):
    """The rows the page's table shows of a long series: ``limit`` evenly spaced points."""
    n = len(values)
    return values if n <= limit else [values[round(k * (n - 1) / (limit - 1))] for k in range(limit)]


def _same(text, value):
    if value is None:
        return text.strip() in ("–", "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return float(text.replace(",", "")) == pytest.approx(float(value), rel=1e-3, abs=1e-9)
        except ValueError:
            return False
    return text == " ".join(re.sub(r"<[^>]+>", " ", str(value)).split())


def _check_table(snapshot, where):
    """Each table lists, row by row, the categories and the values of the traces it names, as plotted."""
    assert snapshot["tables"], f"{where}: 표가 비어 있습니다"
    checked = 0
    for head, *rows in snapshot["tables"]:
        for j, name in enumerate(head[1:], start=1):
            candidates = [t for t in snapshot["drawn"] if re.sub(r"<[^>]+>", " ", t["name"] or "").strip() == name
                          and len(_sampled(t["cats"])) == len(rows)]
            assert candidates, f"{where}: 표의 열 {name!r}에 맞는 계열이 없습니다"
            ok = [t for t in candidates if all(_same(r[0], c) and _same(r[j], v)
                                                for r, c, v in zip(rows, _sampled(t["cats"]), _sampled(t["vals"])))]
            assert ok, f"{where}: 표의 열 {name!r}이(가) 그려진 값과 다릅니다: {[r[j] for r in rows][:6]}"
            checked += 1
    assert checked, where


def test_data_table_shows_the_plotted_values_in_two_states(browser, server, page_path):
    visit = Visit(browser, f"{server}/{page_path}", DESKTOP)
    page = visit.page
    try:
        for plot_id in _charts(page):
            _check_table(page.evaluate(TABLE_JS, plot_id), f"{page_path} {plot_id} 기본 상태")
            controls = _controls(page, plot_id)
            if controls:
                k, tag, kind = controls[0]
                before = page.evaluate(SNAPSHOT_JS, plot_id)
                _press(page, plot_id, k, tag, kind)
                _wait_drawn(page, plot_id, before)
                _check_table(page.evaluate(TABLE_JS, plot_id), f"{page_path} {plot_id} 바꾼 상태")
    finally:
        visit.close()


def test_mode_bar_is_korean_and_never_offers_to_share(browser, server):
    visit = Visit(browser, f"{server}/chapters/09_choosing_compute.html", DESKTOP)
    try:
        plot = visit.page.locator(".awsbook-plot").first
        plot.hover()
        titles = visit.page.eval_on_selector_all(".modebar-btn", "els => els.map(e => e.getAttribute('data-title'))")
        assert titles and set(titles) == {"이미지로 저장"}
    finally:
        visit.close()


# --------------------------------------------------------------------------- phone and layout

LAYOUT_JS = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  return [...document.querySelectorAll('figure.awsbook-chart')].map(fig => {
    const gd = fig.querySelector('.awsbook-plot');
    const parts = {caption: fig.querySelector('figcaption'), controls: fig.querySelector('.awsbook-controls'),
                   plot: gd, legend: fig.querySelector('.awsbook-legend'), table: fig.querySelector('details')};
    const out = {id: gd.id, figure: box(fig), parts: {}, targets: []};
    Object.entries(parts).forEach(([k, e]) => { if (e) out.parts[k] = box(e); });
    fig.querySelectorAll('[data-control], .awsbook-legend-item:not([hidden]), details > summary').forEach(e => {
      const target = e.type === 'radio' ? e.closest('label') : e;
      out.targets.push([target.getBoundingClientRect().height, e.getAttribute('data-control') || e.className]);
    });
    // Plotly's own text inside the plot (axis titles, tick labels) must stay inside the plot's box.
    const p = gd.getBoundingClientRect();
    out.svgText = [...gd.querySelectorAll('.g-xtitle, .g-ytitle, .xtick, .ytick')].map(box)
        .filter(b => b[0] < p.left - 1 || b[2] > p.right + 1).length;
    return out;
  });
}"""


def _overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1400px"])
def test_charts_fit_the_screen_without_overlap(browser, server, page_path, viewport):
    visit = Visit(browser, f"{server}/{page_path}", viewport)
    page = visit.page
    try:
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{page_path}: 페이지가 화면보다 넓습니다 {width}"
        for chart in page.evaluate(LAYOUT_JS):
            fig, parts = chart["figure"], chart["parts"]
            for name, b in parts.items():
                assert b[0] >= fig[0] - 1 and b[2] <= fig[2] + 1, f"{page_path} {chart['id']}: {name}가 차트 밖으로 나갑니다"
            names = list(parts)
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    assert not _overlap(parts[a], parts[b]), f"{page_path} {chart['id']}: {a}와 {b}가 겹칩니다"
            assert chart["svgText"] == 0, f"{page_path} {chart['id']}: 축 글자가 차트 밖으로 나갑니다"
            if viewport is PHONE:
                small = [t for t in chart["targets"] if t[0] < 44]
                assert small == [], f"{page_path} {chart['id']}: 44 px보다 작은 터치 대상 {small}"
        # Controls still change the plotted data on a phone.
        for plot_id in _charts(page):
            controls = _controls(page, plot_id)
            if controls:
                before = page.evaluate(SNAPSHOT_JS, plot_id)
                _press(page, plot_id, *controls[-1])
                _wait_drawn(page, plot_id, before)
    except AssertionError:
        visit.shot(f"{page_path.replace('/', '_')}-{viewport['width']}.png")
        raise
    finally:
        visit.close()


# --------------------------------------------------------------------------- drawn when near the screen

CHART_PAGES = [p for p in PAGES if p.startswith("chapters/")]
#: Layout shifts the page records (CLS counts them), from the first paint on.
RECORD_SHIFTS = """window.awsbookShifts = [];
new PerformanceObserver(list => list.getEntries().forEach(e => window.awsbookShifts.push(e.value)))
  .observe({type: 'layout-shift', buffered: true});"""
#: Per chart: how far below the screen it starts (in screens), whether plotly drew it, and what the
#: reader already has without it: the caption, the legend, the "표로 보기" toggle and the box's height.
CHART_STATE_JS = """() => [...document.querySelectorAll('figure.awsbook-chart')].map(fig => {
  const gd = fig.querySelector('.awsbook-plot');
  return {id: gd.id, screens: fig.getBoundingClientRect().top / innerHeight,
          drawn: !!gd.querySelector('svg.main-svg'), height: gd.getBoundingClientRect().height,
          caption: fig.querySelector('.awsbook-chart-title').textContent.trim(),
          legend: fig.querySelectorAll('.awsbook-legend-item').length,
          table: !!fig.querySelector('details.awsbook-data > summary')};
})"""


@pytest.mark.parametrize("page_path", CHART_PAGES)
def test_charts_are_drawn_only_near_the_screen_and_drawing_moves_nothing(browser, server, page_path):
    context = browser.new_context(viewport=PHONE, locale="ko-KR")
    requested = []
    context.on("request", lambda r: requested.append(r.url.split("?")[0].rsplit("/", 1)[1]))
    context.add_init_script(RECORD_SHIFTS)
    page = context.new_page()
    try:
        page.goto(f"{server}/{page_path}", wait_until="networkidle")
        page.wait_for_function(SCRIPTS_LOADED)
        page.wait_for_timeout(1000)  # time enough to draw, were charts drawn at once
        before = page.evaluate(CHART_STATE_JS)
        far = [c for c in before if c["screens"] > 2]
        assert far, f"{page_path}: 첫 화면에서 먼 차트가 없어 지연 그리기를 확인할 수 없습니다"
        assert not any(c["drawn"] for c in far), f"{page_path}: 화면에서 먼 차트를 미리 그렸습니다"
        if len(far) == len(before):  # nothing near the first screen: plotly.js is not even downloaded
            assert "plotly-basic.min.js" not in requested and not page.evaluate("() => !!window.Plotly")
        assert all(c["caption"] and c["table"] for c in before), before
        draw_every_chart(page)
        after = page.evaluate(CHART_STATE_JS)
        assert all(c["drawn"] for c in after)
        assert requested.count("plotly-basic.min.js") == 1, requested
        # The empty box had the chart's size, and the legend was there: drawing moved nothing.
        assert [(c["id"], round(c["height"]), c["legend"]) for c in before] == \
            [(c["id"], round(c["height"]), c["legend"]) for c in after]
        assert sum(page.evaluate("() => window.awsbookShifts")) == 0
    finally:
        context.close()


#: Text a pseudo-element shows in the private-use area, where icon fonts put their glyphs.
ICON_GLYPHS_JS = """() => [...document.querySelectorAll('*')].flatMap(el => ['::before', '::after'].map(p => {
  const content = getComputedStyle(el, p).content;
  return /[\\uE000-\\uF8FF]/.test(content) ? el.className + p + ' ' + content : null;
})).filter(Boolean)"""


def test_no_page_needs_an_icon_font(browser, server):
    # Font Awesome's web font (156 KB) used to be downloaded for the admonition icons; they are SVG now.
    context = browser.new_context(viewport=PHONE, locale="ko-KR")
    fonts = []
    context.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page = context.new_page()
    try:
        for page_path in PAGES:
            page.goto(f"{server}/{page_path}", wait_until="networkidle")
            page.wait_for_function(SCRIPTS_LOADED)
            assert page.evaluate(ICON_GLYPHS_JS) == [], page_path
        assert fonts == []
    finally:
        context.close()


def test_printing_draws_every_chart_never_scrolled_into_view(browser, server, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext가 없습니다: 'apt-get install -y poppler-utils'로 설치하세요.")
    page = browser.new_page(viewport=DESKTOP, locale="ko-KR")
    try:
        page.goto(f"{server}/chapters/09_choosing_compute.html", wait_until="networkidle")
        page.wait_for_function(SCRIPTS_LOADED)
        assert not any(c["drawn"] for c in page.evaluate(CHART_STATE_JS))
        page.evaluate("""() => window.addEventListener('afterprint', () => {
          window.printed = [...document.querySelectorAll('.awsbook-plot')].map(g => g.getAttribute('data-ready'));
        })""")
        page.pdf(path=str(tmp_path / "page.pdf"))  # fires beforeprint and afterprint, as the print dialog does
        assert set(page.evaluate("() => window.printed")) == {"true"}
        labels = page.eval_on_selector_all(".awsbook-plot", "els => els.map(e => e.getAttribute('aria-label'))")
    finally:
        page.close()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "page.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    printed = {w.strip("[]()") for w in text.split()}
    # Axis titles are drawn by plotly into the chart's SVG: they reach the PDF only if the chart was drawn.
    axes = [w.strip("[]()") for label in labels for axis in re.findall(r"(?:가로축|세로축): ([^,]+)", label)
            for w in axis.split()]
    assert axes and [w for w in axes if len(w) > 1 and not any(w in p for p in printed)] == []


def test_print_shows_the_chart_without_its_controls(browser, server):
    visit = Visit(browser, f"{server}/chapters/09_choosing_compute.html", DESKTOP)
    try:
        visit.page.emulate_media(media="print")
        shown = visit.page.evaluate("""() => ['.awsbook-controls', '.awsbook-data', '.awsbook-plot']
          .map(s => getComputedStyle(document.querySelector(s)).display)""")
        assert shown[:2] == ["none", "none"] and shown[2] != "none"
    finally:
        visit.close()


def test_charts_work_from_a_file_url(browser, site):
    page = browser.new_page(viewport=DESKTOP)
    try:
        page.goto((site / "chapters" / "03_sla.html").as_uri(), wait_until="load")
        draw_every_chart(page)
        page.wait_for_function(CHARTS_READY, timeout=20_000)
        assert page.eval_on_selector_all(".awsbook-plot svg.main-svg", "els => els.length") >= 1
    finally:
        page.close()


# --------------------------------------------------------------------------- weight and speed

def test_first_visit_javascript_stays_within_budget(browser, server, site):
    rows = []
    for page_path in PAGES:
        visit = Visit(browser, f"{server}/{page_path}", DESKTOP)
        try:
            # The page's own data (chart states, answer keys) is in scripts too; it counts toward the gzip
            # budget, the raw budget is the code every page shares and parses.
            code = {u: b for u, b in visit.scripts.items() if not re.search(r"/_static/(?:charts|practice)/", u)}
            raw = sum(len(b) for b in code.values())
            gz = sum(len(gzip.compress(b, 9)) for b in visit.scripts.values())
            has_chart = visit.page.eval_on_selector_all("figure.awsbook-chart", "els => els.length") > 0
            names = [u.rsplit("/", 1)[1] for u in visit.scripts]
            assert ("plotly-basic.min.js" in names) == has_chart, (page_path, names)
            assert not any("mathjax" in n.lower() or "fontawesome" in n for n in names), (page_path, names)
            rows.append((page_path, raw, gz, (site / page_path).stat().st_size))
        finally:
            visit.close()
    print("\npage | JS code raw KB | JS + page data gzip KB | HTML KB")
    for path, raw, gz, html in rows:
        print(f"{path} | {raw / 1024:,.0f} | {gz / 1024:,.0f} | {html / 1024:,.0f}")
    heaviest = max(rows, key=lambda r: r[1])
    assert heaviest[1] <= JS_BUDGET_RAW and max(r[2] for r in rows) <= JS_BUDGET_GZIP, heaviest


def test_slider_step_redraws_within_100_ms(browser, server):
    visit = Visit(browser, f"{server}/chapters/09_choosing_compute.html", DESKTOP)
    page = visit.page
    try:
        times = page.evaluate("""async () => {
          const range = document.querySelector('figure.awsbook-chart input[type="range"]');
          const gd = document.getElementById(range.dataset.chart);
          const out = [];
          for (let i = 0; i < 24; i++) {
            const done = new Promise(r => gd.once('plotly_afterplot', r));
            const start = performance.now();
            range.value = String((Number(range.value) + 1) % (Number(range.max) + 1));
            range.dispatchEvent(new Event('input'));
            await done;
            out.push(performance.now() - start);
          }
          return out;
        }""")
        median = statistics.median(times)
        print(f"\nslider → plotly_afterplot: median {median:.0f} ms, max {max(times):.0f} ms")
        assert median <= 100
    finally:
        visit.close()
