"""How the course reads (issue 22): the student's voice, chapters that open with a situation, predictions,
diagnostic choices, solutions that state their number, and answers nobody can copy from the page.

The static checks read the chapter notebooks; the copy check reads each built chapter in Chromium (the
text a student sees, "표로 보기" tables opened, exercise boxes and solutions left out) and searches it for
every auto-checked answer in every spelling the checker accepts.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from awsbook import exercises
from awsbook.classroom import notebooks, student
from conftest import ROOT

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
#: Words about the book's machinery that a chapter must not say to a student.
MACHINERY = ("SEEN-AWS", "SEEN-3P", "ESTIMATE", "SYNTHETIC", "python -m awsbook", "원고", "요금 신뢰도",
             "신뢰도", "data/", ".csv")
_SOLUTION = re.compile(r"^(`{3,}|:{3,})\{solution\}\s+(?P<id>[\w-]+)\s*$(?P<body>.*?)^\1\s*$", re.M | re.S)
_CHART_CALL = re.compile(r"\b\w+_chart\(")


def _markdown(nb: dict) -> str:
    return "\n\n".join(notebooks.source(c) for c in nb["cells"] if c["cell_type"] == "markdown")


def _chapter(path: Path) -> tuple[dict, student.Chapter]:
    nb = student.read_notebook(path)
    return nb, student.chapter_info(path.stem, nb)


def machinery_words(text: str) -> list[str]:
    """The words of :data:`MACHINERY` in ``text`` (code spans included: a command is a command)."""
    return [w for w in MACHINERY if w in text]


def test_the_machinery_check_flags_grade_codes_and_commands():
    assert machinery_words("이 값의 확인 수준은 SEEN-3P입니다.") == ["SEEN-3P"]
    assert machinery_words("`python -m awsbook.prices refresh`로 고칩니다") == ["python -m awsbook"]
    assert machinery_words("요청은 초당 100건입니다.") == []


@pytest.mark.parametrize("path", CHAPTERS + [ROOT / "intro.md"], ids=lambda p: p.name)
def test_chapters_speak_about_aws_not_about_the_book(path):
    text = path.read_text(encoding="utf-8") if path.suffix == ".md" else _markdown(student.read_notebook(path))
    assert machinery_words(text) == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_chapter_opens_with_a_situation(path):
    text = _markdown(student.read_notebook(path))
    title_end = text.index("\n", text.index("# "))
    before_goals = text[title_end:text.index("## 학습 목표")]
    paragraphs = [p for p in re.split(r"\n\s*\n", before_goals) if len(p.strip()) >= 80 and not p.lstrip().startswith("#")]
    assert paragraphs, "장의 첫머리(학습 목표 앞)에 상황을 여는 문단이 없습니다"


def solution_problems(nb: dict, chapter: student.Chapter) -> list[str]:
    """Auto-checked exercises whose solution does not state the final answer (``<!--num <id>.answer-->``)."""
    solutions = {m["id"]: m["body"] for m in _SOLUTION.finditer(_markdown(nb))}
    found = []
    for info in chapter.graded:
        body = solutions.get(info.id)
        if body is None:
            found.append(f"{info.id}: 풀이가 없습니다")
        elif f"<!--num {info.id}.answer" not in body:
            found.append(f"{info.id}: 풀이가 최종 답(<!--num {info.id}.answer-->)을 적지 않습니다")
    return found


def test_the_solution_check_flags_a_solution_without_its_number():
    nb = {"cells": [{"cell_type": "markdown", "source": "```{exercise}\n:label: x-a\n\n문제\n```\n\n"
                     "```{solution} x-a\n:class: dropdown\n\n`f(3)`을 계산하세요.\n```\n"},
                    {"cell_type": "code", "source": 'check("x-a", answer)'}]}
    chapter = student.Chapter("x", "x", (student.ExerciseInfo("x-a", 1, True),))
    assert solution_problems(nb, chapter) == ["x-a: 풀이가 최종 답(<!--num x-a.answer-->)을 적지 않습니다"]
    nb["cells"][0]["source"] = nb["cells"][0]["source"].replace("`f(3)`을", "<!--num x-a.answer-->9<!--/num-->입니다. `f(3)`을")
    assert solution_problems(nb, chapter) == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_solution_states_its_final_number(path):
    assert solution_problems(*_chapter(path)) == []


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_chapter_has_two_diagnostic_choices_and_a_prediction_before_its_first_chart(path):
    nb, chapter = _chapter(path)
    kinds = {e.id: exercises.get(e.id) for e in chapter.graded}
    diagnostic = [i for i, ex in kinds.items() if ex.options and ex.points > 0]
    assert len(diagnostic) >= 2, f"진단용 선택형 문제가 {len(diagnostic)}개입니다(2개 이상)"
    predictions = [i for i, ex in kinds.items() if ex.points == 0]
    assert predictions, "먼저 예측해 보기 문제가 없습니다"
    first_chart = next((i for i, c in enumerate(nb["cells"])
                        if c["cell_type"] == "code" and _CHART_CALL.search(notebooks.source(c))), None)
    if first_chart is not None:
        before = "\n".join(notebooks.source(c) for c in nb["cells"][:first_chart])
        assert any(f":label: {p}" in before for p in predictions), "첫 차트 앞에 예측 문제가 없습니다"


# --------------------------------------------------------------------------- copied answers (in Chromium)

def answer_spellings(exercise_id: str) -> list[str]:
    """Ways the page could print ``exercise_id``'s answer (the book's numbers) that the checker would accept.

    Each is a number with 0–4 decimals (with and without thousands separators) or in 만/억, that
    :func:`awsbook.exercises.answers.judge` takes as right; spellings with fewer than three digits are
    left out (small counts such as "6" or "10" appear in any text).
    """
    ex = exercises.get(exercise_id)
    if ex.options:
        return []
    key = exercises.key(exercise_id)
    if key["k"] != "n":
        return []
    scale = key.get("s", 1)
    real = key["v"] * scale          # a "만 건" box holds 1,469.4 for 14,694,000 requests
    found = []
    for digits in range(5):
        for text in (f"{real:,.{digits}f}", f"{real:.{digits}f}", f"{real / 1e4:,.{digits}f}만",
                     f"{real / 1e8:,.{digits}f}억"):
            number = float(text.rstrip("만억").replace(",", "")) * {"만": 1e4, "억": 1e8}.get(text[-1], 1.0)
            big_enough = {"만": 1e4, "억": 1e8}.get(text[-1], 0)
            if sum(ch.isdigit() for ch in text) < 3 or number == 0 or text in found or abs(real) < big_enough:
                continue
            if math.isclose(number, real, rel_tol=key["r"], abs_tol=key["a"] * scale):
                found.append(text)
    return found


def copied_answers(text: str, spellings: list[str]) -> list[str]:
    """Each spelling found in ``text`` as a whole number (not part of a longer number), with its context."""
    hits = []
    for spelling in spellings:
        for m in re.finditer(rf"(?<![\d.,]){re.escape(spelling)}(?![\d]|[.,]\d)", text):
            hits.append(text[max(0, m.start() - 30):m.end() + 10].replace("\n", " "))
    return hits


def test_the_copy_check_finds_an_answer_in_any_spelling():
    assert copied_answers("예시의 월 요금은 1,469만 건에서", ["1,469만"]) == ["예시의 월 요금은 1,469만 건에서"]
    assert copied_answers("12,011.5와 112.2", ["112.2"]) == ["12,011.5와 112.2"]
    assert copied_answers("2112.25", ["112.2"]) == [] and copied_answers("112.25", ["112.2"]) == []


_VISIBLE_TEXT = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const main = document.querySelector('main') || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll('div.exercise, div.solution, .awsbook-answer, .awsbook-practice-bar, script, style,'
                        + ' .cell_input, nav, .headerlink').forEach(e => e.remove());
  return copy.innerText;
}"""


@pytest.mark.browser
def test_no_auto_checked_answer_is_printed_outside_its_exercise(browser, server, site):
    problems = {}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path in CHAPTERS:
        url = f"{server}/chapters/{path.stem}.html"
        if not (site / "chapters" / f"{path.stem}.html").exists():
            continue
        page.goto(url, wait_until="load")
        page.evaluate("() => new Promise(r => { let y = 0; const step = () => { window.scrollTo(0, y += 600);"
                      " if (y < document.body.scrollHeight) setTimeout(step, 30); else r(); }; step(); })")
        page.wait_for_timeout(500)
        text = page.evaluate(_VISIBLE_TEXT)
        for info in student.chapter_info(path.stem, student.read_notebook(path)).graded:
            hits = copied_answers(text, answer_spellings(info.id))
            if hits:
                problems[f"{path.stem} {info.id}"] = hits[:3]
    page.close()
    assert problems == {}, "정답이 문제와 풀이 밖에 나옵니다:\n" + json.dumps(problems, ensure_ascii=False, indent=1)
