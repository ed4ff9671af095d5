"""Practice in the HTML book: answer boxes under the auto-checked exercises, progress, answer sheets.

Runs over the built book (session fixtures ``site``, ``server``, ``browser``
in tests/conftest.py).  For one chapter only:
``AWSBOOK_TOC=/tmp/toc.yml AWSBOOK_BUILD_DIR=/tmp/one python -m pytest tests/test_practice.py``.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from awsbook import exercises
from awsbook.book import practice
from awsbook.classroom import cli, sheets, student
from conftest import ROOT, pages

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
#: Bytes the practice markup may add to one page (boxes, bar, embedded keys, two tags in <head>).  A chapter
#: now has a prediction and diagnostic choices (about 1 KB of option feedback each) and per-student exercises
#: (30 variants of their numbers each); the check cells the boxes replace are no longer on the page.
PAGE_BUDGET = 20 * 1024
#: The largest page's own HTML (issue 14); the lead's page-size work aims lower.
PAGE_LIMIT = 300 * 1024
_DATA = re.compile(r'data-src="(?:\.\./)*_static/(practice/[\w.-]+\.js)(?:\?[^"]*)?"')


def _practice_pages(site: Path) -> dict[str, dict]:
    """Page path (relative to the site) -> the answer keys it loads (its ``_static/practice`` script), for
    pages with boxes."""
    found = {}
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        assert 'id="awsbook-practice-data"' not in text, page  # the keys are not in the page's own HTML
        match = _DATA.search(text)
        if match:
            script = (site / "_static" / match.group(1)).read_text(encoding="utf-8")
            found[page.relative_to(site).as_posix()] = practice.read_data(script)
    return found


@pytest.fixture(scope="module")
def practice_pages(site) -> dict[str, dict]:
    found = _practice_pages(site)
    if not found:
        pytest.skip("연습 문제 답 상자가 있는 쪽이 빌드에 없습니다.")
    return found


def _right(key: dict) -> str:
    if key["k"] == "c":
        return key["v"]
    return key["v"][0] if key["k"] == "t" else repr(float(key["v"]))


def _wrong(key: dict) -> str:
    if key["k"] == "c":
        return next(k for k, _, _ in key["o"] if k != key["v"])
    if key["k"] == "t":
        return "틀린답"
    # Ten times the answer plus one is outside every tolerance the book uses (at most a few percent).
    return repr(float(key["v"]) * 10 + 1)


def _context(browser, outside: list, **kwargs):
    context = browser.new_context(viewport=PHONE, locale="ko-KR", accept_downloads=True, **kwargs)

    def route(r):
        url = urlparse(r.request.url)
        if url.scheme not in ("file", "data", "blob") and url.hostname != "127.0.0.1":
            outside.append(r.request.url)
            return r.abort()
        return r.continue_()

    context.route("**/*", route)
    return context


def _open(context, url: str, errors: list):
    page = context.new_page()
    # Chromium asks for /favicon.ico, which the book does not have; any other failure counts.
    page.on("console", lambda m: errors.append(f"{m.text} {m.location.get('url', '')}")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.wait_for_selector(".awsbook-practice-bar:not([hidden])")
    return page


def _fill(page, label: str, text: str) -> None:
    """Type ``text`` into an answer box, or for a choice exercise check the radio button of option ``text``
    (none for an empty ``text``)."""
    radios = page.locator(f'input[type="radio"][data-exercise="{label}"]')
    if radios.count():
        if text.strip():
            radios.locator(f'xpath=self::*[@value="{text}"]').check()
        else:
            page.evaluate("(l) => document.querySelectorAll(`input[data-exercise=\"${l}\"]`)"
                          ".forEach(r => { r.checked = false; })", label)
    else:
        page.locator(f'input[data-exercise="{label}"]').fill(text)


def _answer(page, label: str, text: str, submit: str = "enter") -> tuple[str, str]:
    _fill(page, label, text)
    box = page.locator(f'input[data-exercise="{label}"]').first
    if submit == "enter":
        box.press("Enter")
    else:
        page.locator(f'[data-exercise-box="{label}"] button[type="submit"]').click()
    feedback = page.locator(f'[data-exercise-feedback="{label}"]')
    page.wait_for_function(
        "(label) => { const f = document.querySelector(`[data-exercise-feedback=\"${label}\"]`);"
        " return f.dataset.verdict && f.textContent.length > 0; }", arg=label)
    return feedback.get_attribute("data-verdict"), feedback.inner_text()


# --- The built HTML ---------------------------------------------------------------

def test_every_auto_checked_exercise_gets_a_box_and_its_key(site, practice_pages):
    registered = set(exercises.registered())
    in_book = set()
    for page_path, data in practice_pages.items():
        soup = BeautifulSoup((site / page_path).read_text(encoding="utf-8"), "html.parser")
        labels = [d["id"] for d in soup.select("div.exercise") if d.get("id") in registered]
        assert list(data["x"]) == labels, page_path
        assert data["c"] == Path(page_path).stem and data["b"] and data["v"]
        for label in labels:
            in_book.add(label)
            ex = exercises.get(label)
            # The key in the page is the Python key (integral floats written as integers), with every variant.
            assert json.loads(json.dumps(exercises.page_key(label))) == data["x"][label]
            box = soup.select_one(f'form[data-exercise-box="{label}"]')
            exercise = soup.find(id=label)
            assert box is not None and box.find_previous_sibling() is exercise, label
            if ex.options:
                radios = box.select(f'input[type="radio"][data-exercise="{label}"]')
                assert [r["value"] for r in radios] == [o.key for o in ex.options]
                assert len({r["name"] for r in radios}) == 1
                legend = box.select_one("fieldset > legend").get_text()
                assert legend == "내 예측" if ex.points == 0 else legend.startswith("연습 "), legend
                # the printed option list is there for print and JupyterLab; the script hides it on screen
                assert soup.select_one(f'ul[data-choices="{label}"]') is not None
            else:
                field = box.select_one(f'input[data-exercise="{label}"]')
                name = box.find("label", attrs={"for": field["id"]}).get_text()
                unit = ex.unit.strip()
                assert name.startswith("연습 ") and (not unit or f"(단위: {unit})" in name), name
            assert box.select_one("button[type=submit]").get_text() == "확인"
            feedback = box.select_one(f'[data-exercise-feedback="{label}"]')
            assert feedback["aria-live"] == "polite" and feedback["role"] == "status"
            # The solution stays where it was, in its dropdown after the box, and the box holds no answer.
            solution = box.find_next_sibling("div", class_="solution")
            assert solution is not None and "dropdown" in solution["class"]
            if not ex.options:
                assert _right(data["x"][label]) not in box.decode()
        head = soup.head.decode()
        assert "awsbook-practice.js" in head and "awsbook-practice.css" in head
        # The bar opens the section that holds the exercises (연습 문제 in every chapter); the
        # 먼저 예측해 보기 questions (0 points) sit in the body, before their charts.
        bar = soup.select_one(".awsbook-practice-bar")
        section = bar.find_parent("section")
        assert "연습 문제" in bar.find_previous_sibling(["h1", "h2", "h3"]).get_text()
        assert all(section.find(id=label) for label in labels if exercises.get(label).points > 0)
        assert bar.select_one("input[data-student-id]") is not None
    # Every exercise a chapter checks with check() has a box in the book.
    toc_chapters = {Path(p).stem for p in practice_pages}
    checked = {e.id for c in student.chapters_from(ROOT / "chapters") if c.name in toc_chapters for e in c.graded}
    assert checked <= in_book, sorted(checked - in_book)
    for page in pages(site):
        if page.relative_to(site).as_posix() not in practice_pages:
            html = page.read_text(encoding="utf-8")
            assert "awsbook-practice" not in html, page.name  # script and styles only where boxes are


def test_bytes_added_per_page_stay_small(site, practice_pages):
    js, css = (site / "_static" / practice.JS).stat().st_size, (site / "_static" / practice.CSS).stat().st_size
    # choice exercises, per-student numbers and the 학번 box brought the script from 10 KB to about 12 KB
    assert js < 14 * 1024 and css < 4 * 1024, (js, css)
    rows = []
    for page_path in practice_pages:
        html = (site / page_path).read_text(encoding="utf-8")
        # the boxes, the bar, the links to the script and styles, and the answer keys the page loads
        added = sum(len(m.encode()) for m in re.findall(
            r'<form class="awsbook-answer".*?</form>|<div class="awsbook-practice-bar".*?<p data-practice-message[^>]*></p></div>'
            r'|<link[^>]*awsbook-practice\.css[^>]*>|<script[^>]*(?:awsbook-practice\.js|_static/practice/)[^>]*></script>',
            html, re.S))
        added += len(json.dumps(practice_pages[page_path], ensure_ascii=False, separators=(",", ":")).encode())
        total = len(html.encode())
        rows.append(f"{page_path}: +{added} B (page {total / 1024:.0f} KB)")
        assert added <= PAGE_BUDGET and total <= PAGE_LIMIT, rows[-1]
    print(f"\nawsbook-practice.js {js} B, .css {css} B\n" + "\n".join(rows))


# --- In the browser ----------------------------------------------------------------

def test_right_answers_are_correct_and_wrong_ones_wrong(browser, server, practice_pages):
    errors, outside = [], []
    context = _context(browser, outside)
    try:
        for page_path, data in practice_pages.items():
            page = _open(context, f"{server}/{page_path}", errors)
            for label, key in data["x"].items():
                ex = exercises.get(label)
                verdict, text = _answer(page, label, _right(key))
                assert verdict == "correct" and text.startswith("정답입니다"), (label, text)
                verdict, text = _answer(page, label, _wrong(key), submit="click")
                help_text = exercises.answers.feedback(key, _wrong(key)) if ex.options else ex.hint
                assert verdict == "wrong" and text.startswith("다시 생각해 보세요") and help_text in text, label
                verdict, text = _answer(page, label, "   ")
                assert verdict == "empty" and text.startswith(("아직 답하지 않았습니다", "아직 고르지 않았습니다")), label
            # Phone layout: the boxes and the bar fit the screen (some charts and formulas of the
            # chapters are wider; that is the chart pipeline's business), every control at least 44 px tall.
            too_wide = page.evaluate("""(width) => [...document.querySelectorAll('.awsbook-answer, .awsbook-practice-bar')]
                .filter(e => e.getBoundingClientRect().right > width || e.scrollWidth > e.clientWidth)
                .map(e => e.outerHTML.slice(0, 80))""", PHONE["width"])
            assert too_wide == [], (page_path, too_wide)
            # a radio button's touch target is its whole option row (the label), not the 20 px circle
            heights = page.evaluate("""() => [...document.querySelectorAll(
                '.awsbook-answer input:not([type=radio]), .awsbook-answer button, .awsbook-answer label.awsbook-option,'
                + ' .awsbook-practice-bar input, .awsbook-practice-bar button')]
                .map(e => e.getBoundingClientRect().height)""")
            assert heights and min(heights) >= 44, (page_path, min(heights))
            page.close()
    finally:
        context.close()
    assert errors == [] and outside == []


def test_solutions_stay_closed_and_print_hides_the_boxes(browser, server, practice_pages):
    errors, outside = [], []
    context = _context(browser, outside)
    page_path, data = next(iter(practice_pages.items()))
    page = _open(context, f"{server}/{page_path}", errors)
    label = next(iter(data["x"]))
    solution = page.locator(f'div.solution:has(a[href="#{label}"]) #solution-content').first
    before = solution.is_visible()
    _answer(page, label, _right(data["x"][label]))
    assert solution.is_visible() == before is False
    page.emulate_media(media="print")
    assert page.locator(".awsbook-answer").first.is_hidden() and page.locator(".awsbook-practice-bar").is_hidden()
    context.close()
    assert errors == [] and outside == []


def test_progress_survives_a_reload_and_resets(browser, server, practice_pages):
    errors, outside = [], []
    context = _context(browser, outside)
    page_path, data = next(iter(practice_pages.items()))
    labels = list(data["x"])
    total = len(labels)
    page = _open(context, f"{server}/{page_path}", errors)
    progress = page.locator("[data-practice-progress]")
    assert progress.inner_text() == f"0/{total} 정답"
    _answer(page, labels[0], _right(data["x"][labels[0]]))
    _answer(page, labels[1], _wrong(data["x"][labels[1]]))
    assert progress.inner_text() == f"1/{total} 정답"
    page.fill("#awsbook-practice-name", "홍길동")
    page.reload(wait_until="load")
    page.wait_for_selector(".awsbook-practice-bar:not([hidden])")
    assert progress.inner_text() == f"1/{total} 정답"
    assert page.evaluate("(l) => { const c = document.querySelector(`input[data-exercise=\"${l}\"]:checked`);"
                         " return c ? c.value : document.querySelector(`input[data-exercise=\"${l}\"]`).value; }",
                         labels[1]) == _wrong(data["x"][labels[1]])
    assert page.locator(f'[data-exercise-feedback="{labels[0]}"]').get_attribute("data-verdict") == "correct"
    assert page.locator("#awsbook-practice-name").input_value() == "홍길동"
    keys = [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("awsbook-practice")]
    assert keys == [f"awsbook-practice:{data['b']}"]  # one entry per book (the theme keeps its own)
    page.click("[data-practice-reset]")
    assert progress.inner_text() == f"0/{total} 정답"
    assert page.evaluate("(l) => [...document.querySelectorAll(`input[data-exercise=\"${l}\"]`)]"
                         ".every(e => e.type === 'radio' ? !e.checked : e.value === '')", labels[0])
    page.reload(wait_until="load")
    page.wait_for_selector(".awsbook-practice-bar:not([hidden])")
    assert progress.inner_text() == f"0/{total} 정답"
    assert page.locator("#awsbook-practice-name").input_value() == "홍길동"  # the name is kept
    context.close()
    assert errors == [] and outside == []


def test_keyboard_only_with_visible_focus(browser, server, practice_pages):
    errors, outside = [], []
    context = _context(browser, outside)
    page_path, data = next(iter(practice_pages.items()))
    # a text box (a chapter may open with a 먼저 예측해 보기 radio group; test_a_choice_exercise_works_by_keyboard
    # covers those)
    label = next(label for label, key in data["x"].items() if key["k"] != "c")
    page = _open(context, f"{server}/{page_path}", errors)
    page.locator(f'input[data-exercise="{label}"]').focus()
    page.keyboard.type(_wrong(data["x"][label]))
    page.keyboard.press("Tab")  # to 확인
    focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return [e.textContent, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert focused[0] == "확인" and focused[1] != "none" and focused[2] >= 2, focused
    page.keyboard.press("Enter")
    feedback = page.locator(f'[data-exercise-feedback="{label}"]')
    page.wait_for_function("(l) => document.querySelector(`[data-exercise-feedback=\"${l}\"]`).dataset.verdict"
                           " === 'wrong'", arg=label)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type(_right(data["x"][label]))
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.wait_for_function("(l) => document.querySelector(`[data-exercise-feedback=\"${l}\"]`)"
                           ".textContent.startsWith('정답입니다')", arg=label)
    assert feedback.get_attribute("data-verdict") == "correct"
    context.close()
    assert errors == [] and outside == []


def _export(page) -> dict:
    with page.expect_download() as download:
        page.click("[data-practice-export]")
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".json")
    return json.loads(Path(path).read_text(encoding="utf-8"))


def test_exported_sheets_grade_to_full_marks_and_zero(browser, server, practice_pages, tmp_path):
    errors, outside = [], []
    for page_path, data in practice_pages.items():
        chapter = Path(page_path).stem
        folder = tmp_path / chapter
        folder.mkdir()
        context = _context(browser, outside)
        page = _open(context, f"{server}/{page_path}", errors)
        page.click("[data-practice-export]")  # no name yet: asked for, nothing written
        page.wait_for_function("() => document.querySelector('[data-practice-message]').textContent"
                               ".includes('이름을 먼저 적어 주세요')")
        assert page.evaluate("document.activeElement.id") == "awsbook-practice-name"
        for name, answer in (("김정답", _right), ("이오답", _wrong)):  # two students at one screen
            page.fill("#awsbook-practice-name", name)
            for label, key in data["x"].items():
                _fill(page, label, answer(key))  # not even checked: the sheet takes it
            sheet = _export(page)
            assert sheet["student"] == name and sheet["chapter"] == chapter and sheet["book_version"] == data["v"]
            assert [a["exercise"] for a in sheet["answers"]] == list(data["x"])
            assert sheet["format"] == sheets.SHEET_FORMAT and sheet["exported_at"].endswith("Z")
            assert sheet["version"] == sheets.SHEET_VERSION == 2 and sheet["student_id"] == ""
            (folder / f"{chapter}-{name}.json").write_text(json.dumps(sheet, ensure_ascii=False), encoding="utf-8")
        context.close()
        out = tmp_path / f"{chapter}.csv"
        assert cli.main(["grade", str(folder), "--out", str(out), "--chapters", str(ROOT / "chapters")]) == 0
        with open(out, encoding="utf-8-sig", newline="") as fh:
            grades = {r["student"]: r for r in csv.DictReader(fh)}
        info = next(c for c in student.chapters_from(ROOT / "chapters") if c.name == chapter)
        full = sum(e.points or 0 for e in info.graded)
        assert float(grades["김정답"]["total"]) == full and float(grades["이오답"]["total"]) == 0, grades
        with open(tmp_path / f"{chapter}_details.csv", encoding="utf-8-sig", newline="") as fh:
            wrong = [r for r in csv.DictReader(fh) if r["student"] == "이오답"]
        graded_with_points = [e for e in info.graded if e.points]
        assert all(r["reason"].startswith("오답") for r in wrong if r["points"] != "0"), wrong
        assert len(wrong) == len(info.graded) and len(graded_with_points) >= 1
    assert errors == [] and outside == []


def test_a_page_opened_from_a_file_url_works(browser, site, practice_pages):
    errors, outside = [], []
    context = _context(browser, outside)
    page_path, data = next(iter(practice_pages.items()))
    page = _open(context, (site / page_path).as_uri(), errors)
    label = next(iter(data["x"]))
    assert _answer(page, label, _right(data["x"][label]))[0] == "correct"
    assert page.locator("[data-practice-progress]").inner_text() == f"1/{len(data['x'])} 정답"
    page.reload(wait_until="load")
    page.wait_for_selector(".awsbook-practice-bar:not([hidden])")
    assert page.locator("[data-practice-progress]").inner_text() == f"1/{len(data['x'])} 정답"
    page.fill("#awsbook-practice-name", "파일")
    sheet = _export(page)
    assert sheet["answers"][0] == {"exercise": label, "answer": _right(data["x"][label])}


def test_a_student_id_switches_the_numbers_the_keys_and_the_sheet(browser, server, practice_pages, tmp_path):
    """One 학번 gives the same numbers in the page as in Python, checks against them, and the grader agrees."""
    per_student = {p: [l for l, k in d["x"].items() if "vs" in k] for p, d in practice_pages.items()}
    page_path = next((p for p, labels in per_student.items() if labels), None)
    if page_path is None:
        pytest.skip("학번마다 수가 달라지는 연습 문제가 이 빌드에 없습니다.")
    labels = per_student[page_path]
    sid = "2026 1234"
    errors, outside = [], []
    context = _context(browser, outside)
    page = _open(context, f"{server}/{page_path}", errors)
    label = labels[0]
    book, mine = exercises.figures(label), exercises.figures(label, sid)
    spans = page.locator(f'[data-x="{label}.answer"]')
    assert page.evaluate("(l) => [...document.querySelectorAll(`[data-x^=\"${l}.\"]`)].length", label) >= 2
    page.fill("[data-student-id]", sid)
    page.locator("[data-student-id]").press("Tab")
    page.wait_for_function("(t) => document.querySelector('[data-practice-message]').textContent.includes(t)",
                           arg="학번 20261234의 수")
    assert page.locator("[data-student-id]").input_value() == "20261234"
    for name, text in mine.items():
        shown = page.evaluate("(k) => [...document.querySelectorAll(`[data-x=\"${k}\"]`)].map(e => e.textContent)",
                              f"{label}.{name}")
        assert all(s == text for s in shown), (name, shown, text)
    assert spans.count() >= 1
    # the book's answer is wrong for this student (when their numbers differ) and theirs is right
    own = exercises.expected_value(label, sid)
    if exercises.grade(label, exercises.expected_value(label), sid)[0] == 0:
        assert _answer(page, label, repr(float(exercises.expected_value(label))))[0] == "wrong"
    assert _answer(page, label, repr(float(own)))[0] == "correct"
    page.reload(wait_until="load")
    page.wait_for_selector(".awsbook-practice-bar:not([hidden])")
    assert page.locator("[data-student-id]").input_value() == "20261234"   # remembered by the browser
    page.fill("#awsbook-practice-name", "홍길동")
    sheet = _export(page)
    assert sheet["version"] == 2 and sheet["student_id"] == "20261234"
    context.close()
    assert errors == [] and outside == [] and book != mine
    folder = tmp_path / Path(page_path).stem
    folder.mkdir()
    (folder / "hong.json").write_text(json.dumps(sheet, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "grades.csv"
    assert cli.main(["grade", str(folder), "--out", str(out), "--chapters", str(ROOT / "chapters")]) == 0
    with open(tmp_path / "grades_details.csv", encoding="utf-8-sig", newline="") as fh:
        row = next(r for r in csv.DictReader(fh) if r["exercise"] == label)
    assert float(row["score"]) == float(row["points"]) > 0, row


def test_a_choice_exercise_works_by_keyboard(browser, server, practice_pages):
    found = [(p, l) for p, d in practice_pages.items() for l, k in d["x"].items() if k["k"] == "c"]
    if not found:
        pytest.skip("선택형 연습 문제가 이 빌드에 없습니다.")
    page_path, label = found[0]
    key = practice_pages[page_path]["x"][label]
    errors, outside = [], []
    context = _context(browser, outside)
    page = _open(context, f"{server}/{page_path}", errors)
    assert page.locator(f'ul[data-choices="{label}"]').is_hidden()    # the radio group shows the options
    first = page.locator(f'input[type="radio"][data-exercise="{label}"]').first
    first.focus()
    keys_in_order = [k for k, _, _ in key["o"]]
    page.keyboard.press("Space")
    target = keys_in_order.index(key["v"])
    for _ in range(target):
        page.keyboard.press("ArrowDown")   # arrow keys move the choice within the group
    assert page.evaluate("(l) => document.querySelector(`input[data-exercise=\"${l}\"]:checked`).value",
                         label) == key["v"]
    page.keyboard.press("Enter")           # submits the form from a radio button
    feedback = page.locator(f'[data-exercise-feedback="{label}"]')
    page.wait_for_function("(l) => { const f = document.querySelector(`[data-exercise-feedback=\"${l}\"]`);"
                           " return f.dataset.verdict && f.textContent.length > 0; }", arg=label)
    assert feedback.get_attribute("data-verdict") == "correct"
    assert exercises.answers.feedback(key, key["v"]) in feedback.inner_text()
    context.close()
    assert errors == [] and outside == []
    context.close()
    assert errors == [] and outside == []


def test_axe_finds_nothing_serious_on_pages_with_boxes(browser, server, practice_pages):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    outside = []
    # At phone width (the desktop layout of the boxes is the same; tests/test_accessibility.py runs axe
    # over every whole page at desktop width, boxes included).
    for viewport in (PHONE,):
        context = _context(browser, outside)
        for page_path, data in practice_pages.items():
            errors = []
            page = _open(context, f"{server}/{page_path}", errors)
            labels = list(data["x"])
            _answer(page, labels[0], _right(data["x"][labels[0]]))       # green feedback
            _answer(page, labels[-1], _wrong(data["x"][labels[-1]]))     # red feedback
            page.click("[data-practice-export]")                        # the "name first" message
            page.wait_for_timeout(100)
            assert errors == [], errors  # (axe itself then asks for a stylesheet path that does not exist)
            violations = axe.run(page, context={"include": [[".awsbook-practice-bar"], [".awsbook-answer"]]}
                                 ).response["violations"]
            blocking = [f"{v['id']}: {v['help']} — {v['nodes'][0]['html'][:120]}"
                        for v in violations if v["impact"] in ("serious", "critical")]
            assert blocking == [], f"{page_path}: {blocking}"
            page.close()
        context.close()
    assert outside == []
