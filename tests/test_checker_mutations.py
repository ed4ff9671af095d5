"""The exercise checker at its edges: tolerance boundaries, typed Korean numbers, the key, grade() and check().

Written against mutmut's surviving mutants (scripts/mutation.sh loader-checker-grader).  Every expected
value is worked out by hand in a comment; exercises are registered by the tests themselves
(monkeypatched into the registry), so no price in data/ moves them.
"""

from __future__ import annotations

import json
import os
import sys

import pytest

from awsbook import exercises
from awsbook.exercises import CheckFailed, Exercise, answers


def key(unit="", v=0.0, r=0.0, a=0.0):
    scale, words = answers.unit_words(unit)
    found = {"k": "n", "v": v, "r": r, "a": a, "x": words}
    if scale != 1:
        found["s"] = scale
    return found


def number(text, unit=""):
    return answers.parse_number(text, key(unit))


@pytest.fixture
def registry(monkeypatch):
    """A registry of the book's exercises plus the ones a test adds (removed again afterwards)."""
    exercises.registered()
    monkeypatch.setattr(exercises, "REGISTRY", dict(exercises.REGISTRY))

    def add(exercise):
        exercises.REGISTRY[exercise.id] = exercise
        return exercise.id

    return add


# --------------------------------------------------------------------------- cleaning and unit words

def test_clean_and_normalize_text():
    assert answers.clean("  １２\u3000 3\t−4 ") == "12 3 -4"     # NFKC, one space, U+2212 is a minus
    assert answers.clean("ABC") == "abc" and answers.clean("\u00a0x\u00a0") == "x"
    assert answers.normalize_text(" Amazon\u3000Linux  2023\n") == "amazonlinux2023"
    assert answers.normalize_text("ＡＢ") == "ab"


def test_unit_words():
    # 억 원 = 100,000,000 원: a number followed by "원" is divided by 10^8.
    assert answers.unit_words("억 원") == (1e8, {"억원": 1.0, "원": 1e8, "₩": 1e8, "krw": 1e8})
    assert answers.unit_words("원") == (1.0, {"원": 1.0, "₩": 1.0, "krw": 1.0})   # issue 24: 원, 만 원 and ₩
    assert answers.unit_words("조") == (1.0, {"조": 1.0})     # a scale word alone is the unit itself
    assert answers.unit_words("%") == (1.0, {"%": 1.0, "퍼센트": 1.0})
    assert answers.unit_words("MS") == (1.0, {"ms": 1.0, "밀리초": 1.0})
    assert answers.unit_words("usd") == (1.0, {"usd": 1.0, "$": 1.0, "달러": 1.0})
    assert answers.unit_words("만 USD") == (1e4, {"만usd": 1.0, "usd": 1e4, "$": 1e4, "달러": 1e4})


# --------------------------------------------------------------------------- typed numbers

@pytest.mark.parametrize("unit, text, value", [
    ("", "대략 5", 5), ("", "~5", 5), ("", "≈5", 5), ("", "약5", 5),
    ("", "- 5", -5), ("", "+ 5", 5),
    ("", "1e-3", 0.001), ("", "1.5e+2", 150), ("", "2.5E2", 250), ("", ".5e1", 5),
    ("", "1,000.5", 1000.5), ("", "1 000.5", 1000.5), ("", "12,345,678", 12_345_678),
    ("건", "-3만", -30_000), ("건", "1조 2억", 1_000_200_000_000), ("건", "2억 5", 200_000_005),
    ("건", "1.5만", 15_000), ("건", "1 만", 10_000),
    # 만 건 box: 5만 건 is 5 (만 건); 50,000건 is 50,000 / 10,000 = 5; 3억 is 30,000 (만 건); a bare 7 is 7.
    ("만 건", "5 만 건", 5), ("만 건", "50,000건", 5), ("만 건", "3억", 30_000), ("만 건", "7", 7),
    ("만 건", "-2만", -2),
    ("억 원", "1조", 10_000), ("억 원", "150,000,000원", 1.5),   # 1조 = 10,000억; 1.5억 원
    (" USD", "$ 15", 15), (" USD", "$-2", -2), ("원", "5원", 5), ("원", "₩5", 5), ("원", "3만 원", 30_000),
    ("만 원", "₩150,000", 15), ("원", "12 KRW", 12), ("ms", "250 밀리초", 250),
    ("분", "3 분", 3), ("분", "3분 ", 3),
])
def test_typed_numbers(unit, text, value):
    got, why = number(text, unit)
    assert why == "" and got == pytest.approx(value, rel=1e-12), (got, why)


@pytest.mark.parametrize("unit, text, why", [
    ("", "약 약 5", "수로 읽을 수 없는 답입니다: '약 약 5'"),           # one "약" only
    ("", "5 5", "수로 읽을 수 없는 답입니다: '5 5'"),
    ("", "1,0000", "수로 읽을 수 없는 답입니다: '1,0000'"),
    ("", "1.", "단위 '.'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: 없음)"),   # "." after the digits is a unit
    ("", "-", "수로 읽을 수 없는 답입니다: '-'"),
    ("", "$", "단위 '$'은(는) 이 문제에 쓸 수 없습니다"),
    ("%", "₩5", "단위 '₩'은(는) 이 문제에 쓸 수 없습니다"),
    ("", "  ＡＢＣ ", "수로 읽을 수 없는 답입니다: 'abc'"),               # the cleaned text is quoted
    (" USD", "15 유로", "단위 '유로'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: usd, $, 달러)"),
    ("분", "5 시간", "단위 '시간'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: 분)"),
    ("건", "1e308만", "유한한 수가 아닙니다"),
    ("건", "1e308 억", "유한한 수가 아닙니다"),
])
def test_unreadable_numbers(unit, text, why):
    assert number(text, unit) == (None, why)


def test_a_bare_number_is_in_the_boxs_unit_and_a_scaled_one_is_converted():
    k = key("만 건")
    assert k["s"] == 1e4
    # 2조 = 2 x 10^12 건 = 2 x 10^8 만 건; 2억 = 2 x 10^4 만 건; 2만 = 2 만 건; 2 = 2 만 건.
    assert [answers.parse_number(t, k)[0] for t in ("2조", "2억", "2만", "2")] == [2e8, 2e4, 2.0, 2.0]


# --------------------------------------------------------------------------- judging

def test_relative_and_absolute_tolerance_boundaries():
    # isclose: |x - v| <= max(r * max(|x|, |v|), a).  v = 100, r = 1% (+-1 around 100), a = 0.
    rel = key(v=100.0, r=0.01)
    assert answers.judge(rel, 101.0) == ("correct", "")        # 1 <= 0.01 x 101 = 1.01
    assert answers.judge(rel, 99.0) == ("correct", "")         # 1 <= 0.01 x 100 = 1
    assert answers.judge(rel, 98.99) == ("wrong", "")          # 1.01 > 1
    assert answers.judge(rel, 101.03) == ("wrong", "")         # 1.03 > 1.0103
    # a = 2 widens it to +-2; the relative part still counts for large answers.
    both = key(v=100.0, r=0.01, a=2.0)
    assert answers.judge(both, 98.0)[0] == "correct" and answers.judge(both, 97.9)[0] == "wrong"
    assert answers.judge(both, 102.0)[0] == "correct" and answers.judge(both, 102.1)[0] == "wrong"
    # Swapping r and a would judge 100 +- 0.02: 100.5 is inside 1% but outside an absolute 0.01 band.
    swapped = key(v=100.0, r=0.01, a=0.0)
    assert answers.judge(swapped, 100.5)[0] == "correct"
    assert answers.judge(key(v=100.0, r=0.0, a=0.01), 100.5)[0] == "wrong"
    # Exact (r = a = 0): only the value itself.  0.5 and 0.25 are exact binary fractions.
    exact = key(v=0.5)
    assert answers.judge(exact, 0.5)[0] == "correct" and answers.judge(exact, 0.5000001)[0] == "wrong"
    assert answers.judge(key(v=-3.0, a=0.25), -3.25)[0] == "correct"
    assert answers.judge(key(v=-3.0, a=0.25), 3.0)[0] == "wrong"      # the sign matters


def test_judge_kinds_of_answers():
    k = key("분", v=3.0, a=0.1)
    assert answers.judge(k, 3) == ("correct", "") and answers.judge(k, "3분") == ("correct", "")
    assert answers.judge(k, "−3") == ("wrong", "")
    assert answers.judge(k, True) == ("invalid", "수를 기대했지만 bool 값 True이(가) 주어졌습니다")
    assert answers.judge(k, [3]) == ("invalid", "수를 기대했지만 list 값 [3]이(가) 주어졌습니다")
    assert answers.judge(k, float("inf")) == ("invalid", "유한한 수가 아닙니다: inf")
    assert answers.judge(k, float("-inf")) == ("invalid", "유한한 수가 아닙니다: -inf")
    assert answers.judge(k, "3시간") == ("invalid", "단위 '시간'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: 분)")
    assert answers.judge(k, ...) == ("empty", "") and answers.judge(k, "\u3000") == ("empty", "")
    text = {"k": "t", "v": ["lambda"]}
    assert answers.judge(text, "LAMBDA ") == ("correct", "") and answers.judge(text, "Lambda@Edge") == ("wrong", "")
    assert answers.judge(text, 3) == ("invalid", "문자열 답을 기대했지만 int 값 3이(가) 주어졌습니다")
    assert answers.judge(text, None) == ("empty", "") and answers.judge(text, " ") == ("empty", "")


def test_numpy_numbers_are_numbers():
    np = pytest.importorskip("numpy")
    assert answers.judge(key(v=720.0, r=0.01), np.float64(720.0)) == ("correct", "")
    assert answers.judge(key(v=720.0, r=0.01), np.int64(727)) == ("correct", "")   # 7 <= 0.01 x 727
    assert answers.judge(key(v=720.0, r=0.01), np.int64(728)) == ("wrong", "")     # 8 > 7.28


# --------------------------------------------------------------------------- keys and texts

def test_tolerance_text():
    assert exercises.tolerance_text(Exercise("a", lambda: 1, "", unit="분", abs_tol=0.1, rel_tol=0.01)) == \
        "±0.1분 또는 ±1%"
    assert exercises.tolerance_text(Exercise("a", lambda: 1, "", unit=" USD", abs_tol=0.01, rel_tol=0)) == "±0.01 USD"
    assert exercises.tolerance_text(Exercise("a", lambda: 1, "", rel_tol=0.005)) == "±0.5%"
    assert exercises.tolerance_text(Exercise("a", lambda: 1, "", rel_tol=0)) == "정확히 일치"


def test_numeric_key(registry):
    # 1,469.4 만 건 within 2 만 건 or 0.5%; the key carries the scale of "만 건".
    registry(Exercise("x-num", lambda: 1469.4, "힌트", unit="만 건", abs_tol=2, rel_tol=0.005, points=3))
    assert exercises.key("x-num") == {"k": "n", "v": 1469.4, "r": 0.005, "a": 2.0, "x": {"만건": 1.0, "건": 1e4},
                                      "s": 1e4, "h": "힌트", "t": "±2만 건 또는 ±0.5%"}
    registry(Exercise("x-plain", lambda: 7, "힌트", unit="개"))
    found = exercises.key("x-plain")
    assert found == {"k": "n", "v": 7.0, "r": 0.01, "a": 0.0, "x": {"개": 1.0}, "h": "힌트", "t": "±1%"}
    assert type(found["v"]) is float and "s" not in found


@pytest.mark.parametrize("value, shown", [(True, "True"), (float("nan"), "nan"), (float("inf"), "inf"),
                                          (None, "None"), ([1], "[1]")])
def test_a_key_must_be_a_finite_number_or_text(registry, value, shown):
    registry(Exercise("x-bad", lambda: value, "힌트"))
    with pytest.raises(ValueError) as err:
        exercises.key("x-bad")
    assert str(err.value) == f"연습 문제 'x-bad'의 정답이 {shown}입니다. 정답은 유한한 수나 문자열만 허용됩니다."


def test_text_key_drops_spellings_that_normalise_alike(registry):
    registry(Exercise("x-t", lambda: "Fargate", "힌트", accept=("FARGATE", " far gate", "AWS Fargate")))
    assert exercises.key("x-t") == {"k": "t", "v": ["fargate", "awsfargate"], "h": "힌트",
                                    "t": "대소문자·띄어쓰기 무시"}


def test_answer_text():
    assert exercises.answer_text(99.9, "%") == "99.9%"           # "%" is ASCII but no letter: no space
    assert exercises.answer_text(3, " ms ") == "3 ms"
    assert exercises.answer_text(1 / 3) == "0.3333333333"        # ten significant digits
    assert exercises.answer_text(12345678901) == "1.23456789e+10"
    assert exercises.answer_text(True) == "True" and exercises.answer_text([1, 2]) == "[1, 2]"
    assert exercises.answer_text("x" * 300) == ("'" + "x" * 300)[:200] and len(exercises.answer_text("x" * 300)) == 200


def test_expected_text(registry):
    # 1,469.417 만 건 with six significant digits is 1,469.42; "만 건" takes no space (not a Latin unit).
    registry(Exercise("x-e1", lambda: 1469.417, "", unit="만 건"))
    assert exercises.expected_text("x-e1") == "1,469.42만 건 (허용 오차 ±1%)"
    registry(Exercise("x-e2", lambda: 15.18, "", unit=" USD", abs_tol=0.01, rel_tol=0))
    assert exercises.expected_text("x-e2") == "15.18 USD (허용 오차 ±0.01 USD)"
    registry(Exercise("x-e3", lambda: 1234567.0, "", rel_tol=0))
    assert exercises.expected_text("x-e3") == "1.23457e+06 (허용 오차 정확히 일치)"
    registry(Exercise("x-e4", lambda: "AL2023", "", accept=("Amazon Linux 2023",)))
    assert exercises.expected_text("x-e4") == "'AL2023' / 'Amazon Linux 2023'"


def test_grade(registry):
    registry(Exercise("x-g", lambda: 720, "힌트", unit="시간", points=3))
    assert exercises.grade("x-g", 720) == (3.0, "정답") and isinstance(exercises.grade("x-g", 720)[0], float)
    assert exercises.grade("x-g", "727시간") == (3.0, "정답")           # 7 <= 1% of 727
    assert exercises.grade("x-g", 728) == (0.0, "오답: 728")              # 8 > 7.28
    assert exercises.grade("x-g", "744") == (0.0, "오답: '744'")
    assert exercises.grade("x-g", None) == (0.0, "아직 답하지 않았습니다.")
    assert exercises.grade("x-g", "칠백") == (0.0, "수로 읽을 수 없는 답입니다: '칠백'")
    with pytest.raises(ValueError) as err:
        exercises.grade("x-nope", 1)
    assert str(err.value).startswith("매개변수 'exercise_id'에 'x-nope'이(가) 주어졌습니다. '")
    assert "'x-g'" in str(err.value) and str(err.value).endswith(" 중 하나만 허용됩니다.")


def test_check_messages_and_records(registry, tmp_path, monkeypatch, capsys):
    registry(Exercise("x-c", lambda: 720, "하루는 24시간입니다.", unit="시간", points=2))
    results = tmp_path / "r.jsonl"
    monkeypatch.setenv(exercises.RESULTS_ENV, str(results))
    monkeypatch.delenv(exercises.STRICT_ENV, raising=False)
    assert exercises.check("x-c", 720) is None
    exercises.check("x-c", 744)
    exercises.check("x-c", None)
    exercises.check("x-c", "x" * 300)
    assert capsys.readouterr().out.splitlines() == [
        "[x-c] 정답입니다! (허용 오차: ±1%)",
        "[x-c] 다시 생각해 보세요. 오답: 744. 힌트: 하루는 24시간입니다.",
        "[x-c] 아직 답하지 않았습니다. 답을 변수에 넣고 다시 실행해 보세요.",
        "[x-c] 다시 생각해 보세요. 수로 읽을 수 없는 답입니다: '" + "x" * 300 + "'. 힌트: 하루는 24시간입니다.",
    ]
    lines = results.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines[:3]] == [
        {"id": "x-c", "score": 2.0, "points": 2, "answer": "720", "reason": "정답", "student": ""},
        {"id": "x-c", "score": 0.0, "points": 2, "answer": "744", "reason": "오답: 744", "student": ""},
        {"id": "x-c", "score": 0.0, "points": 2, "answer": "", "reason": "아직 답하지 않았습니다.", "student": ""},
    ]
    assert len(json.loads(lines[3])["answer"]) == 200
    assert "\\u" not in lines[2]  # Korean is written as is
    monkeypatch.delenv(exercises.RESULTS_ENV)
    exercises.check("x-c", 720)
    assert len(results.read_text(encoding="utf-8").splitlines()) == 4


@pytest.mark.parametrize("value, strict", [("1", True), ("true", True), (" YES ", True), ("True", True),
                                           ("0", False), ("", False), ("no", False), ("2", False)])
def test_strict_switch(monkeypatch, value, strict):
    monkeypatch.setenv(exercises.STRICT_ENV, value)
    assert exercises.strict() is strict


def test_strict_check_raises_with_the_expected_answer(registry, monkeypatch, capsys):
    registry(Exercise("x-s", lambda: 720, "힌트", unit="시간"))
    monkeypatch.setenv(exercises.STRICT_ENV, "1")
    monkeypatch.delenv(exercises.RESULTS_ENV, raising=False)
    exercises.check("x-s", 720)
    with pytest.raises(CheckFailed) as err:
        exercises.check("x-s", 744)
    assert str(err.value) == ("[x-s] 다시 생각해 보세요. 오답: 744. 힌트: 힌트 "
                              "[기대한 답: 720시간 (허용 오차 ±1%); AWSBOOK_STRICT_CHECKS=1]")
    assert isinstance(err.value, AssertionError)
    monkeypatch.setenv(exercises.STRICT_ENV, "0")
    exercises.check("x-s", 744)  # lenient again: no exception


# --------------------------------------------------------------------------- the registry and extra files

def test_register(registry):
    ex = Exercise("x-r", lambda: 1, "힌트")
    exercises.register(ex)
    assert exercises.register(ex) is ex and exercises.get("x-r") is ex  # the same exercise twice is fine
    with pytest.raises(ValueError) as err:
        exercises.register(Exercise("x-r", lambda: 2, "힌트"))
    assert str(err.value) == "연습 문제 id 'x-r'이(가) 이미 등록되어 있습니다."
    assert exercises.get("x-r") is ex


def test_load_file(registry, tmp_path):
    good = tmp_path / "mine.py"
    good.write_text("from awsbook.exercises import Exercise, register\n"
                    "register(Exercise('x-file', lambda: 2, '힌트'))\n"
                    "import itertools\nCOUNT = getattr(itertools, 'count')\n", encoding="utf-8")
    exercises.load_file(good)
    assert exercises.grade("x-file", 2) == (1.0, "정답")
    exercises.load_file(str(good))  # the second load does nothing (no "already registered" error)
    for bad in (tmp_path / "none.py", tmp_path / "notes.txt", tmp_path):
        with pytest.raises(ValueError) as err:
            exercises.load_file(bad)
        assert str(err.value) == (f"매개변수 'path'에 {str(bad)!r}이(가) 주어졌습니다. "
                                  "연습 문제를 등록하는 기존 .py 파일 경로만 허용됩니다.")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError):
        exercises.load_file(tmp_path / "notes.txt")  # an existing file that is not Python
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('고장')\n", encoding="utf-8")
    before = set(sys.modules)
    with pytest.raises(RuntimeError, match="고장"):
        exercises.load_file(broken)
    assert set(sys.modules) == before  # the half-loaded module is forgotten
    broken.write_text("from awsbook.exercises import Exercise, register\n"
                      "register(Exercise('x-fixed', lambda: 3, '힌트'))\n", encoding="utf-8")
    exercises.load_file(broken)  # fixed: it loads now
    assert exercises.get("x-fixed").expected() == 3


def test_extra_files_from_the_environment_and_the_chapter_modules(monkeypatch, tmp_path):
    one, two = tmp_path / "one.py", tmp_path / "two.py"
    for path, ex_id in ((one, "x-env-one"), (two, "x-env-two")):
        path.write_text(f"from awsbook.exercises import Exercise, register\nregister(Exercise({ex_id!r}, "
                        "lambda: 1, '힌트'))\n", encoding="utf-8")
    monkeypatch.setenv(exercises.EXTRA_FILES_ENV, f" {one} {os.pathsep}{os.pathsep} {os.pathsep}{two}")
    monkeypatch.setattr(exercises, "REGISTRY", {})
    monkeypatch.setattr(exercises, "_loaded", False)
    # The chapter modules run again, so their register() calls fill the empty registry.
    for name in [m for m in sys.modules if m.startswith("awsbook.exercises.") and m.rsplit(".", 1)[1] not in exercises._MACHINERY]:
        monkeypatch.delitem(sys.modules, name)
    ids = exercises.registered()
    assert "x-env-one" in ids and "x-env-two" in ids and "sla-lambda-february" in ids
    assert ids == sorted(ids)
    monkeypatch.setattr(exercises, "REGISTRY", {})
    assert exercises.registered() == []  # loaded once: the files are not read again


# --------------------------------------------------------------------------- second round: what mutmut's survivors showed

def test_only_the_listed_whitespace_is_trimmed_as_in_the_books_javascript():
    # awsbook-practice.js trims spaces only (after turning the WHITESPACE characters into spaces), so the
    # control character U+001F, which Python's str.strip() would drop, stays and makes the answer unreadable.
    us = "\x1f"
    assert answers.clean(f"{us}5{us}") == f"{us}5{us}"
    assert number(f"{us}5") == (None, f"수로 읽을 수 없는 답입니다: '{us}5'")
    assert number(f"${us}5", " USD") == (None, f"수로 읽을 수 없는 답입니다: '${us}5'")
    assert number(f"5분{us}", "분") == (None, f"단위 '분{us}'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: 분)")


def test_a_key_without_unit_words_accepts_bare_numbers_only():
    bare = {"k": "n", "v": 5.0, "r": 0.0, "a": 0.0}
    assert answers.parse_number("5", bare) == (5.0, "")
    assert answers.parse_number("5분", bare) == (None, "단위 '분'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: 없음)")
    assert answers.parse_number("$5", bare) == (None, "단위 '$'은(는) 이 문제에 쓸 수 없습니다")


def test_a_latin_unit_followed_by_a_symbol_still_gets_a_space(registry):
    # The space depends on the unit's first character only: "m²" starts with the Latin letter m.
    assert exercises.answer_text(3, "m²") == "3 m²"
    registry(Exercise("x-m2", lambda: 12.5, "", unit="m²", rel_tol=0))
    assert exercises.expected_text("x-m2") == "12.5 m² (허용 오차 정확히 일치)"


def test_a_one_point_exercise_is_praised_when_right(registry, monkeypatch, capsys):
    registry(Exercise("x-one", lambda: "Lambda", "힌트"))
    monkeypatch.delenv(exercises.RESULTS_ENV, raising=False)
    exercises.check("x-one", "lambda")
    assert capsys.readouterr().out == "[x-one] 정답입니다! (허용 오차: 대소문자·띄어쓰기 무시)\n"


def test_unknown_id_lists_the_registered_ids(monkeypatch):
    exercises.registered()
    monkeypatch.setattr(exercises, "REGISTRY", {"b": None, "a": None})
    with pytest.raises(ValueError) as err:
        exercises.get("c")
    assert str(err.value) == "매개변수 'exercise_id'에 'c'이(가) 주어졌습니다. 'a', 'b' 중 하나만 허용됩니다."


def test_a_teachers_file_may_define_dataclasses(registry, tmp_path):
    # A module being loaded must be in sys.modules: dataclasses look it up for string annotations.
    path = tmp_path / "with_dataclass.py"
    path.write_text("from __future__ import annotations\nfrom dataclasses import dataclass\n"
                    "from awsbook.exercises import Exercise, register\n\n\n@dataclass\nclass Box:\n    size: int\n\n\n"
                    "register(Exercise('x-box', lambda: Box(3).size, '힌트'))\n", encoding="utf-8")
    exercises.load_file(path)
    assert exercises.grade("x-box", 3) == (1.0, "정답")


def test_the_registry_is_filled_once_and_without_extra_files(monkeypatch, tmp_path):
    monkeypatch.delenv(exercises.EXTRA_FILES_ENV, raising=False)
    monkeypatch.setattr(exercises, "REGISTRY", {})
    monkeypatch.setattr(exercises, "_loaded", False)
    for name in [m for m in sys.modules if m.startswith("awsbook.exercises.") and m.rsplit(".", 1)[1] not in exercises._MACHINERY]:
        monkeypatch.delitem(sys.modules, name)
    assert "sla-lambda-february" in exercises.registered()
    late = tmp_path / "late.py"
    late.write_text("from awsbook.exercises import Exercise, register\nregister(Exercise('x-late', lambda: 1, ''))\n",
                    encoding="utf-8")
    monkeypatch.setenv(exercises.EXTRA_FILES_ENV, str(late))
    assert "x-late" not in exercises.registered()  # the environment is read on the first use only


# --------------------------------------------------------------------------- third round (issue 29): edges the hidden slips used

def test_relative_tolerance_is_a_share_of_the_larger_number_not_of_the_key():
    # math.isclose: |x − v| ≤ r·max(|x|, |v|).  v = 200, r = 50 %: 400 is inside (200 ≤ 0.5 × 400 = 200) although
    # 200 is past r·|v| = 100; 401 is outside (201 > 200.5).  Below: 100 is inside (100 ≤ 0.5 × 200), 99 is not.
    half = key(v=200.0, r=0.5)
    assert [answers.judge(half, x)[0] for x in (400.0, 401.0, 100.0, 99.0, "400", "401")] == \
        ["correct", "wrong", "correct", "wrong", "correct", "wrong"]
    negative = key(v=-200.0, r=0.5)
    assert [answers.judge(negative, x)[0] for x in (-400.0, -401.0, 400.0)] == ["correct", "wrong", "wrong"]
    # 1 % of 100: 101.005 is inside (1.005 ≤ 0.01 × 101.005 = 1.01005), just past r·|v| = 1; 98.995 is outside
    # (1.005 > 0.01 × 100 = 1).
    one = key(v=100.0, r=0.01)
    assert [answers.judge(one, x)[0] for x in (101.005, "101.005", 98.995, "98.995")] == \
        ["correct", "correct", "wrong", "wrong"]
    # With an absolute tolerance as well, whichever allows more: a = 150 covers 350 (150 ≤ 150), r covers 400.
    both = key(v=200.0, r=0.5, a=150.0)
    assert [answers.judge(both, x)[0] for x in (50.0, 49.0, 400.0, 401.0)] == ["correct", "wrong", "correct", "wrong"]


CHOICE = {"k": "c", "v": "나", "o": [["가", "ec2", "가상 서버를 직접 운영합니다."], ["나", "lambda", "맞습니다."],
                                    ["다", "awsfargate", "컨테이너가 필요합니다."]]}


@pytest.mark.parametrize("typed, verdict", [
    ("나", ("correct", "나")), ("나.", ("correct", "나")), ("(나)", ("correct", "나")), ("나)", ("correct", "나")),
    (" ( 나 ) ", ("correct", "나")), ("Lambda", ("correct", "나")), ("ＬＡＭＢＤＡ", ("correct", "나")),
    ("가", ("wrong", "가")), ("AWS Fargate", ("wrong", "다")), ("(다)", ("wrong", "다")),
    ("라", ("invalid", "보기(가, 나, 다) 가운데 하나를 고르세요: '라'")),
    ("  EC2  서버 ", ("invalid", "보기(가, 나, 다) 가운데 하나를 고르세요: 'ec2 서버'")),
    (3, ("invalid", "보기의 글자(가, 나, 다)를 문자열로 기대했지만 int 값 3이(가) 주어졌습니다")),
    (["나"], ("invalid", "보기의 글자(가, 나, 다)를 문자열로 기대했지만 list 값 ['나']이(가) 주어졌습니다")),
    (None, ("empty", "")), ("", ("empty", "")), (" \u3000", ("empty", "")),
])
def test_a_choice_is_named_by_its_key_or_its_whole_text(typed, verdict):
    assert answers.judge(CHOICE, typed) == verdict


def test_choice_of_and_feedback():
    assert answers.choice_of(CHOICE, "") is None and answers.choice_of(CHOICE, " \u3000\t") is None
    assert answers.choice_of(CHOICE, "()") is None and answers.choice_of(CHOICE, ".") is None
    assert answers.choice_of(CHOICE, "AWS Fargate") == "다"
    assert [answers.feedback(CHOICE, k) for k in ("다", "가")] == ["컨테이너가 필요합니다.", "가상 서버를 직접 운영합니다."]


@pytest.mark.parametrize("unit, text, value", [
    # A currency sign carries the scale of its unit: ₩ in a 만 원 box is divided by 10,000.
    ("만 원", "₩3만", 3), ("만 원", "₩ 150,000", 15), ("만 원", "₩150,000원", 15), ("만 원", "15만 원", 15),
    ("만 원", "15", 15), ("원", "₩3만", 30_000), ("원", "3만원", 30_000), ("원", "₩-5", -5),
    (" USD", "$1.5만", 15_000), ("만 USD", "$20,000", 2),
])
def test_currency_signs_and_korean_money(unit, text, value):
    got, why = number(text, unit)
    assert why == "" and got == pytest.approx(value, rel=1e-12), (got, why)


@pytest.mark.parametrize("unit, text, why", [
    ("만 원", "$5", "단위 '$'은(는) 이 문제에 쓸 수 없습니다"),
    ("만 건", "₩5", "단위 '₩'은(는) 이 문제에 쓸 수 없습니다"),
    (" USD", "$15원", "단위 '원'은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: usd, $, 달러)"),
    ("원", "-₩5", "수로 읽을 수 없는 답입니다: '-₩5'"),
])
def test_a_currency_sign_of_another_unit_is_refused(unit, text, why):
    assert number(text, unit) == (None, why)
