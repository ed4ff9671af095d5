"""The answer checker: how typed answers are read (awsbook.exercises.answers), the keys, grade() and check().

Expected values are worked out by hand in the comments; the JavaScript twin of
these rules is compared with them in tests/test_exercises_crosscheck.py.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from awsbook import exercises
from awsbook.exercises import Exercise, answers

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "awsbook" / "book" / "static" / "awsbook-practice.js"


def _key(unit: str, v: float = 0.0, r: float = 0.0, a: float = 0.0) -> dict:
    scale, words = answers.unit_words(unit)
    key = {"k": "n", "v": v, "r": r, "a": a, "x": words}
    if scale != 1:
        key["s"] = scale
    return key


def test_unit_words():
    assert answers.unit_words(" USD") == (1.0, {"usd": 1.0, "$": 1.0, "달러": 1.0})
    # "만 건" is 10,000 건: a number followed by "건" is divided by 10,000.
    assert answers.unit_words("만 건") == (1e4, {"만건": 1.0, "건": 1e4})
    assert answers.unit_words("분") == (1.0, {"분": 1.0})
    assert answers.unit_words("") == (1.0, {})


@pytest.mark.parametrize("unit, text, value", [
    # In a box whose unit is "만 건": 1,469만 = 14,690,000 건 = 1,469 만 건.
    ("만 건", "1,469만", 1469), ("만 건", "1,469만 건", 1469), ("만 건", "1469만건", 1469),
    ("만 건", "1469", 1469), ("만 건", "약 1,469만", 1469), ("만 건", "14,694,170건", 1469.417),
    ("만 건", "1.47e7건", 1470), ("만 건", "0.1469억", 1469),
    ("만 건", "14694170", 14694170),  # a bare number is in the box's unit
    # Korean large-number words, largest first: 1억 4,694만 170 = 100,000,000 + 46,940,000 + 170.
    ("건", "1억 4,694만 170", 146_940_170), ("건", "3.5억", 350_000_000), ("건", "2조", 2e12),
    ("건", "1,469만", 14_690_000), ("건", "14,694,170", 14_694_170), ("건", "14 694 170", 14_694_170),
    ("건", "1 469", 1469), ("건", "1.47e7", 14_700_000), ("건", "1.47E+07", 14_700_000),
    (" USD", "$15.18", 15.18), (" USD", "15.18 USD", 15.18), (" USD", "15.18달러", 15.18),
    (" USD", "  ＄１５.１８  ", 15.18),  # full-width characters are read after NFKC
    ("분", ".5", 0.5), ("분", "−3", -3), ("분", "-3분", -3), ("분", "+3", 3), ("분", "≈ 20.16분", 20.16),
    ("%", "99.95%", 99.95), ("%", "99.95 퍼센트", 99.95),
])
def test_typed_numbers(unit, text, value):
    got, why = answers.parse_number(text, _key(unit))
    assert why == "" and got == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("unit, text, why", [
    ("분", "1,5", "수로 읽을 수 없는 답입니다: '1,5'"),      # a decimal comma is not a thousands separator
    ("분", "12,34", "수로 읽을 수 없는"), ("분", "1 4690", "수로 읽을 수 없는"), ("분", "1.2.3", "수로 읽을 수 없는"),
    ("분", "--5", "수로 읽을 수 없는"), ("분", "e5", "수로 읽을 수 없는"), ("분", "만", "수로 읽을 수 없는"),
    ("분", "abc", "수로 읽을 수 없는 답입니다: 'abc'"), ("분", "١٢", "수로 읽을 수 없는"),
    ("분", "1만 2억", "수로 읽을 수 없는"),                      # largest word first
    ("분", "20시간", "단위 '시간'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: 분)"),
    ("분", "$20", "단위 '$'은(는) 이 문제에 쓸 수 없습니다"), (" USD", "15원", "단위 '원'은(는)"),
    ("", "5개", "(쓸 수 있는 단위: 없음)"), ("분", "1e400", "유한한 수가 아닙니다"),
])
def test_unreadable_numbers_say_why(unit, text, why):
    got, reason = answers.parse_number(text, _key(unit))
    assert got is None and why in reason


def test_judge_follows_math_isclose_and_reports_empty_answers():
    # 20.5 and 0.25 are exact in binary: 20.75 is exactly 0.25 away, inside ±0.25 (isclose uses <=).
    exact = _key("분", v=20.5, a=0.25)
    assert answers.judge(exact, "20.75") == ("correct", "") and answers.judge(exact, "20.25분") == ("correct", "")
    assert answers.judge(exact, "20.7500001") == ("wrong", "")
    key = _key("분", v=20.16, a=0.05)
    assert answers.judge(key, "20.2") == ("correct", "") and answers.judge(key, "20.22") == ("wrong", "")
    assert answers.judge(key, 20.12) == ("correct", "")
    for empty in (None, ..., "", "   ", "\u3000\t"):
        assert answers.judge(key, empty) == ("empty", "")
    assert answers.judge(key, True)[0] == "invalid" and answers.judge(key, [20.16])[0] == "invalid"
    assert answers.judge(key, float("nan"))[0] == "invalid"
    rel = _key("", v=200.0, r=0.01)     # ±1% of 200 = ±2
    assert answers.judge(rel, "202")[0] == "correct" and answers.judge(rel, "202.1")[0] == "wrong"
    text = {"k": "t", "v": [answers.normalize_text("Amazon Linux 2023"), "al2023"]}
    assert answers.judge(text, " amazon  LINUX 2023 ")[0] == "correct"
    assert answers.judge(text, "ＡＬ２０２３")[0] == "correct"
    assert answers.judge(text, "AL2")[0] == "wrong" and answers.judge(text, 2023)[0] == "invalid"


def test_every_registered_key_is_small_json():
    ids = exercises.registered()
    assert len(ids) >= 20
    for exercise_id in ids:
        key = exercises.key(exercise_id)
        assert json.loads(json.dumps(key, ensure_ascii=False)) == key
        assert set(key) <= {"k", "v", "r", "a", "x", "s", "h", "t", "o"}, exercise_id
        if key["k"] == "c":
            assert answers.judge(key, key["v"])[0] == "correct" and len(key["o"]) >= 2, exercise_id
        if key["k"] == "n":
            assert math.isfinite(key["v"]) and key["r"] >= 0 and key["a"] >= 0
            assert answers.judge(key, repr(key["v"]))[0] == "correct", exercise_id
        assert len(json.dumps(key, ensure_ascii=False).encode()) < 1200, exercise_id


def test_grade_reads_typed_answers_for_numeric_exercises():
    # choose-memory-what-if asks for 만 건 (a signed change): the key's value times 10,000 is the count of requests.
    v = exercises.key("choose-memory-what-if")["v"]
    for typed in (f"{v:,.1f}", f"{v:,.1f}만", f"{v * 1e4:,.0f}건", f"약 {v:,.0f}만 건", f"{v * 1e4:.3e}건"):
        assert exercises.grade("choose-memory-what-if", typed) == (1.0, "정답"), typed
    assert exercises.grade("choose-memory-what-if", f"{v * 1e4:.0f}")[1].startswith("오답:")
    assert exercises.grade("choose-memory-what-if", "모름")[1] == "수로 읽을 수 없는 답입니다: '모름'"
    assert exercises.grade("sla-lambda-february", "  ") == (0.0, exercises.NOT_ANSWERED)


def test_exercise_dataclass_stays_backward_compatible():
    ex = Exercise("x-old-style", lambda: 3, "힌트", "개", 0.0, 0.0, 2)
    assert (ex.unit, ex.abs_tol, ex.rel_tol, ex.points, ex.accept, ex.choices) == ("개", 0.0, 0.0, 2, (), ())


def test_text_exercise_key_lists_accepted_spellings(monkeypatch):
    monkeypatch.setitem(exercises.REGISTRY, "x-text", Exercise(
        "x-text", lambda: "AL2023", "힌트", accept=("Amazon Linux 2023", "al 2023"), choices=("AL2", "AL2023")))
    assert exercises.key("x-text") == {"k": "t", "v": ["al2023", "amazonlinux2023"], "h": "힌트",
                                       "t": "대소문자·띄어쓰기 무시"}
    assert exercises.grade("x-text", "Amazon Linux 2023")[0] == 1.0
    assert exercises.expected_text("x-text") == "'AL2023' / 'Amazon Linux 2023' / 'al 2023'"


def test_answer_text_has_no_float_noise():
    assert exercises.answer_text(20.159999999998853) == "20.16"
    assert exercises.answer_text(350.4, " USD") == "350.4 USD" and exercises.answer_text(4, "개") == "4개"
    assert exercises.answer_text(None) == "" and exercises.answer_text("EC2") == "'EC2'"


def _js_string(name: str) -> str:
    match = re.search(rf'var {name} = ("(?:[^"\\]|\\.)*");', JS.read_text(encoding="utf-8"))
    assert match, f"awsbook-practice.js에 {name}이(가) 없습니다"
    return json.loads(match.group(1))


def test_javascript_uses_the_same_patterns():
    assert _js_string("WHITESPACE") == answers.WHITESPACE
    assert _js_string("NUMBER") == answers.NUMBER
    text = JS.read_text(encoding="utf-8")
    for piece in ("/^(?:약|대략|≈|~) ?/", "/[^0-9만억조]*$/", "[1e12, 1e8, 1e4, 1]", '"$₩"'):
        assert piece in text
    assert answers.PREFIX == "^(?:약|대략|≈|~) ?" and answers.TAIL == "[^0-9만억조]*$"
    assert answers.MULTIPLIERS == (1e12, 1e8, 1e4, 1.0) and answers.CURRENCY == "$₩"
