"""Reading a typed answer and judging it against an answer key, the same way in Python and JavaScript.

An answer key is a small ``dict`` (see :func:`awsbook.exercises.key`); the book
embeds the same ``dict`` in each page and ``awsbook/book/static/awsbook-practice.js``
judges typed answers with exactly the rules below.  ``tests/test_exercises_crosscheck.py``
runs both checkers on the same inputs and asserts identical verdicts.

Key fields: ``k`` kind (``"n"`` number, ``"t"`` text, ``"c"`` choice); ``v`` the expected number,
the list of accepted texts (already normalised), or the right option's key; ``o`` a choice's
options as ``[key, text, feedback]`` (key and text normalised); ``r``/``a`` relative and
absolute tolerance (``math.isclose``); ``x`` unit words -> divisor; ``s`` the
scale of a unit such as "만 건" (10,000; omitted when 1); ``h`` hint; ``t``
tolerance in words.

Rules for a typed number (documented for students in the teacher guide):

* the text is NFKC-normalised (full-width digits and signs become ASCII), lower-cased,
  runs of spaces become one space; "−" (U+2212) is a minus sign;
* a leading "약", "대략", "≈" or "~" (approximately) is ignored;
* thousands separators: commas or single spaces between groups of exactly three
  digits ("14,694,170", "14 694 170"); "1,5" or "12 34" is not a number;
* a decimal point "." and an exponent ("1.47e7", "1.47E+07");
* Korean large-number words 조 (10¹²), 억 (10⁸), 만 (10⁴), largest first, each
  with its own number: "1,469만", "3.5억", "1억 4,694만 170";
* a unit word after the number, or a currency sign before it, must be one of
  the exercise's unit words ("40.32분", "$15.18", "15.18 USD", "15.18달러");
* a bare number is read in the box's unit.  When the unit itself carries a
  Korean scale ("만 건"), a number written with 만/억/조 or followed by the base
  unit ("건") is converted: "1,469만", "1,469만 건", "14,694,170건" and "1469"
  are all 1,469 (만 건), while a bare "14694170" means 14,694,170 만 건.

Texts are compared after NFKC normalisation, lower-casing and removing all spaces.
A choice is answered by its key ("가", also written "가.", "(가)" or "가)") or by
its whole text; anything else is not one of the options.
"""

from __future__ import annotations

import math
import re
import unicodedata
from numbers import Real

#: Whitespace, spelled out so that Python and JavaScript agree (their ``\\s`` differ).
WHITESPACE = r"[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+"
#: One number: digits with optional 3-digit groups, a fraction and an exponent.
NUMBER = (r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?"
          r"|\.[0-9]+(?:e[+-]?[0-9]+)?")
#: A whole amount: sign, then 조/억/만 groups (largest first) and a last plain group.
AMOUNT = (r"([+-]?) ?(?:(" + NUMBER + r") ?조)? ?(?:(" + NUMBER + r") ?억)? ?(?:("
          + NUMBER + r") ?만)? ?(" + NUMBER + r")?")
#: The unit words after a number: whatever follows its last digit or 만/억/조.
TAIL = r"[^0-9만억조]*$"
PREFIX = r"^(?:약|대략|≈|~) ?"
CURRENCY = "$₩"
MULTIPLIERS = (1e12, 1e8, 1e4, 1.0)
SCALES = {"만": 1e4, "억": 1e8, "조": 1e12}
#: Other ways to write a unit (keys and values already normalised).
UNIT_ALIASES = {
    "usd": ("usd", "$", "달러"),
    "원": ("원", "₩", "krw"),
    "%": ("%", "퍼센트"),
    "ms": ("ms", "밀리초"),
}

_WS = re.compile(WHITESPACE)
_AMOUNT = re.compile(AMOUNT)
_TAIL = re.compile(TAIL)
_PREFIX = re.compile(PREFIX)

CORRECT, WRONG, EMPTY, INVALID = "correct", "wrong", "empty", "invalid"


def clean(text: str) -> str:
    """NFKC, lower case, "−" as "-", one space for each run of whitespace, no outer spaces."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2212", "-")
    return _WS.sub(" ", text).strip(" ")


def normalize_text(text: str) -> str:
    """How text answers are compared: NFKC, lower case, no whitespace at all."""
    return _WS.sub("", unicodedata.normalize("NFKC", text).lower())


def unit_words(unit: str) -> tuple[float, dict[str, float]]:
    """``(scale, {unit word: divisor})`` for an exercise's unit.

    ``" USD"`` -> ``(1, {"usd": 1, "$": 1, "달러": 1})``; ``"만 건"`` ->
    ``(1e4, {"만건": 1, "건": 1e4})``: a number followed by "만 건" is already in
    the box's unit, one followed by "건" is divided by 10,000.
    """
    word = normalize_text(unit)
    scale = 1.0
    if len(word) > 1 and word[0] in SCALES:
        scale, word = SCALES[word[0]], word[1:]
    words: dict[str, float] = {}
    if scale != 1:
        words[normalize_text(unit)] = 1.0
    for alias in UNIT_ALIASES.get(word, (word,) if word else ()):
        words.setdefault(alias, scale)
    return scale, words


def _quote(text: str) -> str:
    return "'" + text + "'"


def parse_number(text: str, key: dict) -> tuple[float | None, str]:
    """``(value in the box's unit, "")`` or ``(None, why not)`` for a typed number (non-empty after :func:`clean`)."""
    s = _PREFIX.sub("", clean(text), count=1)
    words = key.get("x", {})
    divisor = None
    if s[:1] and s[0] in CURRENCY:
        if s[0] not in words:
            return None, f"단위 {_quote(s[0])}은(는) 이 문제에 쓸 수 없습니다"
        divisor = words[s[0]]  # "₩150,000" in a 만 원 box is 15 (만 원)
        s = s[1:].strip(" ")
    tail = _TAIL.search(s).group(0)
    m = _AMOUNT.fullmatch(s[: len(s) - len(tail)].strip(" "))
    if not m or not any(m.group(i) for i in (2, 3, 4, 5)):
        return None, f"수로 읽을 수 없는 답입니다: {_quote(clean(text))}"
    if tail:
        word = _WS.sub("", tail)
        if word not in words:
            allowed = ", ".join(words) or "없음"
            return None, f"단위 {_quote(tail.strip(' '))}은(는) 이 문제에 쓸 수 없습니다(쓸 수 있는 단위: {allowed})"
        divisor = words[word]
    total = 0.0
    for group, multiplier in zip(m.group(2, 3, 4, 5), MULTIPLIERS):
        if group:
            total += float(group.replace(",", "").replace(" ", "")) * multiplier
    if m.group(1) == "-":
        total = -total
    if divisor is not None:
        total = total / divisor
    elif m.group(2) or m.group(3) or m.group(4):
        total = total / key.get("s", 1)
    if not math.isfinite(total):
        return None, "유한한 수가 아닙니다"
    return total, ""


_KEY_MARKS = re.compile(r"^\(?(.+?)[.)]?$")


def choice_of(key: dict, answer: str) -> str | None:
    """The (normalised) key of the option ``answer`` names — by key, "가.", "(가)", "가)", or whole text — else None."""
    text = normalize_text(answer)
    bare = _KEY_MARKS.match(text).group(1) if text else text
    for option_key, option_text, _ in key["o"]:
        if text in (option_key, option_text) or bare == option_key:
            return option_key
    return None


def feedback(key: dict, option_key: str) -> str:
    """The feedback of the option ``option_key`` of a choice key."""
    return next(fb for k, _, fb in key["o"] if k == option_key)


def judge(key: dict, answer) -> tuple[str, str]:
    """``(verdict, detail)``: verdict is ``correct``, ``wrong``, ``empty`` or ``invalid``.

    ``answer`` is what a student gave: a typed string (the book's answer box, an
    answer sheet) or any Python value (a notebook's answer variable).  ``detail``
    says why an ``invalid`` answer could not be read; for a choice it is the key of
    the option chosen.
    """
    if answer is None or answer is Ellipsis:
        return EMPTY, ""
    if isinstance(answer, str) and not clean(answer):
        return EMPTY, ""
    if key["k"] == "c":
        options = ", ".join(k for k, _, _ in key["o"])
        if not isinstance(answer, str):
            return INVALID, f"보기의 글자({options})를 문자열로 기대했지만 {type(answer).__name__} 값 {answer!r}이(가) 주어졌습니다"
        chosen = choice_of(key, answer)
        if chosen is None:
            return INVALID, f"보기({options}) 가운데 하나를 고르세요: {_quote(clean(answer))}"
        return (CORRECT if chosen == key["v"] else WRONG), chosen
    if key["k"] == "t":
        if not isinstance(answer, str):
            return INVALID, f"문자열 답을 기대했지만 {type(answer).__name__} 값 {answer!r}이(가) 주어졌습니다"
        return (CORRECT if normalize_text(answer) in key["v"] else WRONG), ""
    if isinstance(answer, str):
        value, why = parse_number(answer, key)
        if value is None:
            return INVALID, why
    elif isinstance(answer, bool) or not isinstance(answer, Real):
        return INVALID, f"수를 기대했지만 {type(answer).__name__} 값 {answer!r}이(가) 주어졌습니다"
    else:
        value = float(answer)
        if not math.isfinite(value):
            return INVALID, f"유한한 수가 아닙니다: {answer!r}"
    ok = math.isclose(value, key["v"], rel_tol=key["r"], abs_tol=key["a"])
    return (CORRECT if ok else WRONG), ""
