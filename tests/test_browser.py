"""Every page in headless Chromium: no console errors, no outside requests,
every plotly chart drawn, and every chart control changes the plotted data."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import ROOT, toc_files

pytestmark = pytest.mark.browser
SHOTS = ROOT / "_build" / "screenshots"

PAGES = [f"{name}.html" for name in toc_files()]

# Reads what plotly actually drew: x/y of every trace and the text of every annotation.
SNAPSHOT_JS = """(id) => {
  const gd = document.getElementById(id);
  const data = gd._fullData.map(t => [Array.from(t.x || []), Array.from(t.y || []), t.visible]);
  const notes = (gd._fullLayout.annotations || []).map(a => a.text);
  return JSON.stringify([data, notes, gd.layout.title && gd.layout.title.text]);
}"""


def _open(browser, url, errors, outside):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ko-KR")

    def route(r):
        host = urlparse(r.request.url).hostname
        if host not in ("127.0.0.1", None):
            outside.append(r.request.url)
            return r.abort()
        return r.continue_()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return context, page


@pytest.fixture(params=PAGES)
def page_path(request, site):
    return request.param


def test_page_loads_clean_and_charts_respond(browser, server, page_path):
    errors, outside = [], []
    context, page = _open(browser, f"{server}/{page_path}", errors, outside)
    try:
        ids = page.eval_on_selector_all(".plotly-graph-div", "els => els.map(e => e.id)")
        for plot_id in ids:
            rendered = page.eval_on_selector(
                f'[id="{plot_id}"]', "el => el.classList.contains('js-plotly-plot') && !!el.querySelector('svg.main-svg')")
            assert rendered, f"{page_path}: 차트 {plot_id}가 그려지지 않았습니다"
            _check_controls(page, page_path, plot_id)
        assert errors == [], f"{page_path}: 콘솔 오류 {errors}"
        assert outside == [], f"{page_path}: 외부 요청 {outside}"
    except AssertionError:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / (page_path.replace("/", "_") + ".png")), full_page=True)
        raise
    finally:
        context.close()


def _check_controls(page, page_path, plot_id):
    rails = page.locator(f'[id="{plot_id}"] .slider-rail-touch-rect')
    for k in range(rails.count()):
        before = page.evaluate(SNAPSHOT_JS, plot_id)
        rail = rails.nth(k)
        rail.scroll_into_view_if_needed()
        box = rail.bounding_box()
        # Click near the end that is further from the current position.
        active = page.evaluate(f"(id) => document.getElementById(id).layout.sliders[{k}].active || 0", plot_id)
        x = box["width"] - 3 if active == 0 else 3
        rail.click(position={"x": x, "y": box["height"] / 2})
        page.wait_for_timeout(250)
        after = page.evaluate(SNAPSHOT_JS, plot_id)
        assert after != before, f"{page_path}: 차트 {plot_id}의 슬라이더 {k}를 움직여도 데이터가 그대로입니다"
    headers = page.locator(f'[id="{plot_id}"] .updatemenu-header')
    for k in range(headers.count()):
        before = page.evaluate(SNAPSHOT_JS, plot_id)
        headers.nth(k).scroll_into_view_if_needed()
        headers.nth(k).click()
        page.wait_for_timeout(150)
        buttons = page.locator(f'[id="{plot_id}"] .updatemenu-dropdown-button')
        assert buttons.count() > 1, f"{page_path}: 차트 {plot_id}의 드롭다운 {k}에 선택지가 없습니다"
        buttons.nth(buttons.count() - 1).click()
        page.wait_for_timeout(250)
        after = page.evaluate(SNAPSHOT_JS, plot_id)
        assert after != before, f"{page_path}: 차트 {plot_id}의 드롭다운 {k}를 바꿔도 데이터가 그대로입니다"
