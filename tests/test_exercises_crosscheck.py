"""One answer key, two checkers: Python (awsbook.exercises.answers) and the book's awsbook-practice.js
give the same verdict on the same typed answers, for every registered exercise's key.

The JavaScript runs in headless Chromium on a small harness page (opened from
``file://``) that loads the very script the book serves; no book build is needed.
Inputs are derived from each key: the exact value, values inside and just outside
the tolerance, the value written with commas, spaces, 만/억 and an exponent, with
each unit word, empty and non-numeric answers.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from awsbook import exercises
from awsbook.exercises import answers

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "awsbook" / "book" / "static" / "awsbook-practice.js"
FIXTURE_EXERCISES = ROOT / "tests" / "fixtures" / "classroom" / "exercises.py"

pytestmark = pytest.mark.browser

NON_NUMBERS = ["abc", "1,46,9", "12 34", "1.2.3", "--5", "e5", "만", "$", "약", "1e400", "١٢", "1만 2억",
               "5 명", "0x10", "1_000", "NaN", "Infinity", "1,000.5.5", "+", ".", "5.", "1,0000"]
EMPTY = ["", "   ", "\u3000", "\t\n"]


def _tolerance(key: dict) -> float:
    return max(key["a"], key["r"] * abs(key["v"]))


def _numbers(key: dict) -> list[tuple[str, str]]:
    """(kind, typed answer) pairs for a numeric key; kind says what the Python verdict must be, if anything."""
    v, tol, r, a = key["v"], _tolerance(key), key["r"], key["a"]
    cases = [("correct", repr(v)), ("correct", f"{v:.12g}")]
    if tol > 0:
        # isclose: |b - v| <= max(r * max(|b|, |v|), a).  An answer b is outside when |b - v| exceeds both a and
        # r * max(|b|, |v|); a step of max(a, r|v| / (1 - r)) does that on either side, for v of either sign
        # (for v > 0 the step above reaches v / (1 - r), where b - v = r * b).  A signed difference (a "what
        # changes if" answer) is often negative.
        step = max(a, r * abs(v) / (1 - r)) * (1 + 1e-6) + 1e-9
        above, below = v + step, v - step
        cases += [("correct", repr(v + 0.5 * tol)), ("correct", repr(v - 0.5 * tol)),
                  ("wrong", repr(above)), ("wrong", repr(below))]
    else:
        step = 1.0 if float(v).is_integer() else abs(v) * 1e-6
        cases += [("wrong", repr(v + step)), ("wrong", repr(v - step))]
    cases += [("wrong", repr(-v - 1)), ("wrong", repr(v * 10 + 1))]
    # Right at the edges of the tolerance, a few floating-point steps either side: where "<=" against "<"
    # or a relative tolerance of the larger value against the smaller one would differ.
    for edge in {v + a, v - a, v * (1 + r), v * (1 - r), v / (1 - r) if r < 1 else v, v / (1 + r)}:
        for steps in range(-3, 4):
            b = edge
            for _ in range(abs(steps)):
                b = math.nextafter(b, math.inf if steps > 0 else -math.inf)
            cases.append(("any", repr(b)))
    # Formatted: commas, spaces as separators, exponent, 만/억, approximation word; any verdict, but the same.
    cases += [("any", f"{v:,.6f}"), ("any", f"{v:,.2f}".replace(",", " ")), ("any", f"{v:.6e}"),
              ("any", f"{v:.4E}"), ("any", f"{v / 1e4!r}만"), ("any", f"{v / 1e8!r}억"), ("any", f"약 {v:,.3f}"),
              ("any", f"≈{v!r}"), ("any", f"\u2212{v!r}"), ("any", f"{v:,.0f}"), ("any", f"{int(v):,}만 {v % 1e4:.0f}"),
              ("any", "１２３"), ("any", f"{v!r}".replace(".", ","))]
    for word, divisor in key.get("x", {}).items():
        kind = "correct" if divisor == 1 else "wrong"  # "2164 건" is not 2,164 만 건
        cases += [(kind, f"{v!r}{word}"), (kind, f"{v!r} {word}".upper()), ("any", f"{word}{v!r}")]
    if "s" in key:
        cases += [("correct", f"{v * key['s']!r}{list(key['x'])[-1]}"), ("correct", f"{v!r}만"),
                  ("wrong", f"{v * key['s']!r}")]
    cases += [("invalid", t) for t in NON_NUMBERS] + [("empty", t) for t in EMPTY]
    cases += [("invalid", f"{v!r} 킬로그램")]
    return cases


def _choices(key: dict) -> list[tuple[str, str]]:
    right = key["v"]
    wrong = [k for k, _, _ in key["o"] if k != right]
    text = next(t for k, t, _ in key["o"] if k == right)
    return ([("correct", right), ("correct", f"{right}."), ("correct", f"({right})"), ("correct", f" {right})"),
             ("correct", text), ("correct", text.upper())]
            + [("wrong", w) for w in wrong] + [("wrong", f"({w})") for w in wrong]
            + [("invalid", "마"), ("invalid", f"{right}{right}"), ("invalid", "x")]
            + [("empty", t) for t in EMPTY])


def _texts(key: dict) -> list[tuple[str, str]]:
    first = key["v"][0]
    return ([("correct", first), ("correct", first.upper()), ("correct", " ".join(first)),
             ("correct", f"  {first}\u3000"), ("wrong", first + "x"), ("wrong", "정답")]
            + [("empty", t) for t in EMPTY])


@pytest.fixture(scope="module")
def keys() -> dict[str, dict]:
    exercises.load_file(FIXTURE_EXERCISES)  # adds a text exercise (fixture-service) to the book's numeric ones
    found = {i: exercises.key(i) for i in exercises.registered()}
    assert any(k["k"] == "t" for k in found.values()) and any("s" in k for k in found.values())
    assert any(k["k"] == "c" for k in found.values())
    # every variant of the per-student exercises, as keys of their own
    for exercise_id in exercises.registered():
        for k in range(1, len(exercises.variant_numbers(exercise_id))):
            found[f"{exercise_id}#{k}"] = exercises.page_key(exercise_id) | {"v": exercises.page_key(exercise_id)["vs"][k]}
    return found


@pytest.fixture(scope="module")
def harness(browser, tmp_path_factory):
    """A blank page that loads the book's awsbook-practice.js from file://, with every request outside blocked."""
    folder = tmp_path_factory.mktemp("harness")
    page_file = folder / "harness.html"
    page_file.write_text(f'<!doctype html><html lang="ko"><meta charset="utf-8"><title>harness</title>'
                         f'<script src="{JS.as_uri()}"></script></html>', encoding="utf-8")
    context = browser.new_context()
    outside = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(page_file.as_uri())
    page.wait_for_function("() => window.awsbookPractice && window.awsbookPractice.judge")
    yield page
    assert errors == [] and outside == []
    context.close()


def test_python_and_javascript_agree_on_every_key(keys, harness):
    cases = []
    for exercise_id, key in keys.items():
        for kind, typed in {"t": _texts, "c": _choices, "n": _numbers}[key["k"]](key):
            cases.append((exercise_id, kind, typed))
    assert len(cases) >= 40 * len(keys) // 2
    js = harness.evaluate(
        "([keys, cases]) => cases.map(([id, kind, typed]) => window.awsbookPractice.judge(keys[id], typed))",
        [keys, cases])
    mismatches, unexpected = [], []
    for (exercise_id, kind, typed), js_verdict in zip(cases, js):
        py_verdict = list(answers.judge(keys[exercise_id], typed))
        if py_verdict != js_verdict:
            mismatches.append((exercise_id, typed, py_verdict, js_verdict))
        if kind != "any" and py_verdict[0] != kind:
            unexpected.append((exercise_id, typed, kind, py_verdict))
    assert mismatches == [], f"{len(mismatches)}개의 판정이 다릅니다: {mismatches[:10]}"
    assert unexpected == [], unexpected[:10]
    print(f"{len(cases)} typed answers over {len(keys)} keys: identical verdicts")


def test_grade_and_the_page_agree_on_the_hint_and_tolerance_text(keys):
    # What the box says comes from the same key: the notebook's message parts are in it.
    for exercise_id, key in keys.items():
        ex = exercises.get(exercise_id.split("#")[0])
        assert key["h"] == ex.hint
        if key["k"] == "n" and "#" not in exercise_id:
            assert key["t"] == exercises.tolerance_text(ex)
            assert math.isclose(key["v"], float(ex.expected(**exercises.defaults(ex))), rel_tol=0, abs_tol=0)
    assert json.dumps(keys, ensure_ascii=False)  # serialisable as embedded in the pages


def test_python_and_javascript_pick_the_same_variant_for_every_student(harness):
    ids = ["20261234", "2026 1234", "２０２６１２３４", "s-01", "홍길동", "a" * 40, "x\u200by", "🙂", "0", "123456789012"]
    exercise_ids = [i for i in exercises.registered() if exercises.get(i).params] + ["no-such-exercise"]
    assert len(exercise_ids) > 1
    pairs = [(e, s) for e in exercise_ids for s in ids + [""]]
    js = harness.evaluate("(pairs) => pairs.map(([e, s]) => window.awsbookPractice.variantOf(e, s, %d))"
                          % exercises.students.VARIANTS, pairs)
    py = [exercises.students.variant(e, s) for e, s in pairs]
    assert js == py
    assert harness.evaluate("(ids) => ids.map(window.awsbookPractice.normalizeId)", ids) == \
        [exercises.students.normalize(s) for s in ids]
