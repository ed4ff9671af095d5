"""Answer checks for the exercises at the end of each chapter.

Each chapter registers its exercises in a module of this package (for example
``awsbook/exercises/sla.py``) with :func:`register`.  A notebook then checks a
student's answer with ``check("sla-downtime", answer)``: the expected value is
computed from the models, so it never appears in the notebook itself.

Notebook convention (used by :mod:`awsbook.classroom`):

* the exercise text is a ``{exercise}`` directive whose ``:label:`` is the
  exercise id; its ``{solution}`` directive (``:class: dropdown``) follows;
* a code cell tagged ``solution`` assigns the answer variable(s);
* the next code cell calls ``check(<id>, <variable>)``.

When the environment variable ``AWSBOOK_RESULTS`` names a file, every check
appends one JSON line with the score to it (the grader reads that file).

Exercises that are not part of the book (a teacher's own, or test fixtures)
live in plain Python files that call :func:`register`; list them in the
environment variable ``AWSBOOK_EXERCISE_FILES`` (separated by ``os.pathsep``)
or load them with :func:`load_file`.

The same answer key is checked in two places: here (notebooks, the grader) and
in the HTML book's answer boxes (``awsbook/book/practice.py`` embeds
:func:`key` in each page; ``awsbook-practice.js`` applies the rules of
:mod:`awsbook.exercises.answers`).  Typed answers such as ``"1,469만"`` or
``"$15.18"`` are read by those rules in both.

Three kinds of answer: a number (with a unit and a tolerance), a text, or a
choice among :class:`Option` s whose every option carries its own feedback
(diagnostic multiple choice, and the 먼저 예측해 보기 questions, worth 0 points).

A numeric exercise may draw its inputs per student (:class:`Param`: a
documented range whose first value is the book's).  The student id
(:mod:`awsbook.exercises.students`) picks a variant; :func:`numbers`,
:func:`expected_value`, :func:`key` and :func:`grade` all take it, so the
notebook, the HTML book, the teacher's key and the grader agree.  The exercise
text and its solution quote the numbers through prose markers
(``<!--num <id>.<name>-->``, see :func:`figure_values` and :mod:`awsbook.prose`),
which the HTML book swaps for a student's own numbers.

With ``AWSBOOK_STRICT_CHECKS=1`` in the environment, :func:`check` raises
:class:`CheckFailed` on a wrong or missing answer.  The test suite sets it for
the chapter notebooks under nbval (``conftest.py``), so a solution cell that
computes a wrong answer fails CI; students and the grader never use it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import math
import os
import pkgutil
import random
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from numbers import Real
from pathlib import Path
from types import SimpleNamespace

from awsbook import validate
from awsbook.exercises import answers, students

RESULTS_ENV = "AWSBOOK_RESULTS"
EXTRA_FILES_ENV = "AWSBOOK_EXERCISE_FILES"
STRICT_ENV = "AWSBOOK_STRICT_CHECKS"
NOT_ANSWERED = "아직 답하지 않았습니다."
#: The reason :func:`grade` gives for a right answer.
RIGHT = "정답"


@dataclass(frozen=True)
class Param:
    """An input of an exercise that differs per student.

    ``default`` is the book's number; a student's number is one of :meth:`values`,
    ``low`` to ``high`` in steps of ``step`` (the documented range the teacher
    guide lists).  ``unit`` follows the number in the teacher's key; ``fmt`` is how
    the exercise text prints it (a Python format spec, e.g. ``",g"``).
    """

    default: float
    low: float
    high: float
    step: float
    unit: str = ""
    fmt: str = "g"

    def __post_init__(self):
        if not (self.step > 0 and self.low <= self.default <= self.high):
            raise ValueError(f"Param: low ≤ default ≤ high, step > 0이어야 합니다: {self!r}")
        if not math.isclose((self.default - self.low) / self.step, round((self.default - self.low) / self.step),
                            abs_tol=1e-9):
            raise ValueError(f"Param: default {self.default}가 low에서 step 간격의 값이 아닙니다: {self!r}")

    def values(self) -> tuple[float, ...]:
        """Every number a student may get, ``low`` … ``high`` by ``step`` (rounded to 10 decimals)."""
        count = int(round((self.high - self.low) / self.step))
        return tuple(round(self.low + i * self.step, 10) for i in range(count + 1))

    def text(self, value: float) -> str:
        """``value`` as the exercise text prints it."""
        return format(value, self.fmt)


@dataclass(frozen=True)
class Option:
    """One option of a choice exercise: its key (가, 나, …), its text, and the feedback a student who picks it reads.

    A wrong option is a real misconception; its feedback explains that misconception.
    """

    key: str
    text: str
    feedback: str


@dataclass(frozen=True)
class Exercise:
    """An auto-checked exercise.

    ``expected`` computes the right answer (a number, a string, or for a choice
    exercise the key of the right option) from the models; with ``params`` it
    takes them as keyword arguments.  Numbers are accepted within ``abs_tol`` or
    ``rel_tol``; strings are compared case- and space-insensitively.  ``unit``
    is shown with the tolerance and labels the book's answer box; a typed number
    may carry it ("40.32분").

    For a text answer, ``accept`` lists other spellings that are also right
    (e.g. ``("Amazon Linux 2023",)`` for ``"AL2023"``) and ``choices``, when
    given, the options shown next to the book's answer box.  A choice exercise
    has ``options`` instead (a radio group in the book).

    ``params`` (name → :class:`Param`) vary the inputs per student; ``figures``,
    given the same keyword arguments, returns named strings the solution quotes
    (the arithmetic's intermediate values).  ``answer_format`` formats the
    automatic figure ``answer``.  A 먼저 예측해 보기 question has ``points=0``.
    """

    id: str
    expected: Callable[..., object]
    hint: str
    unit: str = ""
    abs_tol: float = 0.0
    rel_tol: float = 0.01
    points: int = 1
    accept: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    params: Mapping[str, Param] = field(default_factory=dict)
    figures: Callable[..., Mapping[str, str]] | None = None
    options: tuple[Option, ...] = ()
    answer_format: str = ",.4g"

    @property
    def kind(self) -> str:
        """``"choice"``, ``"text"`` or ``"number"`` (a text or number is told by the expected value)."""
        if self.options:
            return "choice"
        return "text" if isinstance(self.expected(**defaults(self)), str) else "number"


def defaults(ex: Exercise) -> dict[str, float]:
    """The book's numbers of ``ex`` (each param's default)."""
    return {name: p.default for name, p in ex.params.items()}


def _check_definition(ex: Exercise) -> None:
    """Refuse an exercise that cannot work: a choice without distinct keys or feedback, a bad param name."""
    for name in ex.params:
        if not name.isidentifier() or name == "answer":
            raise ValueError(f"연습 문제 {ex.id!r}: 매개변수 이름 {name!r}은(는) 파이썬 이름이어야 하고 'answer'일 수 없습니다.")
    if ex.options:
        keys = [o.key for o in ex.options]
        if len(set(keys)) != len(keys) or not all(k.strip() for k in keys):
            raise ValueError(f"연습 문제 {ex.id!r}: 보기의 글자가 비었거나 겹칩니다: {keys}")
        if any(not o.text.strip() or not o.feedback.strip() for o in ex.options):
            raise ValueError(f"연습 문제 {ex.id!r}: 보기마다 내용과 피드백이 있어야 합니다.")
        if ex.params:
            raise ValueError(f"연습 문제 {ex.id!r}: 선택형 문제에는 학생별 수(params)를 쓰지 않습니다.")


REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the registry (ids are unique across the book)."""
    _check_definition(exercise)
    if exercise.id in REGISTRY and REGISTRY[exercise.id] != exercise:
        raise ValueError(f"연습 문제 id {exercise.id!r}이(가) 이미 등록되어 있습니다.")
    REGISTRY[exercise.id] = exercise
    return exercise


def load_file(path: str | os.PathLike) -> None:
    """Register the exercises defined in the Python file ``path``.

    For exercises outside the book's package (a teacher's own file, test
    fixtures).  Loading the same file twice does nothing.
    """
    file = Path(path).expanduser().resolve()
    if file.suffix != ".py" or not file.is_file():
        raise validate.refuse("path", str(path), "연습 문제를 등록하는 기존 .py 파일 경로")
    name = f"_awsbook_extra_{file.stem}_{hashlib.sha1(str(file).encode()).hexdigest()[:8]}"
    if name in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise


_loaded = False


def _load_all() -> None:
    """Import every chapter module of this package and the files in ``AWSBOOK_EXERCISE_FILES``."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    for entry in os.environ.get(EXTRA_FILES_ENV, "").split(os.pathsep):
        if entry.strip():
            load_file(entry.strip())


def get(exercise_id: str) -> Exercise:
    """Return the registered exercise ``exercise_id``."""
    _load_all()
    return REGISTRY[validate.choice("exercise_id", exercise_id, sorted(REGISTRY))]


def tolerance_text(ex: Exercise) -> str:
    """How far an answer may be from the expected value, in words (e.g. "±0.05분 또는 ±1%")."""
    if ex.options:
        return CHOICE_TOLERANCE
    parts = []
    if ex.abs_tol:
        parts.append(f"±{ex.abs_tol:g}{ex.unit}")
    if ex.rel_tol:
        parts.append(f"±{ex.rel_tol * 100:g}%")
    return " 또는 ".join(parts) if parts else "정확히 일치"


def registered() -> list[str]:
    """Ids of every registered exercise (the book's and those of ``AWSBOOK_EXERCISE_FILES``), sorted."""
    _load_all()
    return sorted(REGISTRY)


# --------------------------------------------------------------------------- per-student numbers

def variant_numbers(exercise_id: str) -> tuple[dict[str, float], ...]:
    """The numbers of every variant of ``exercise_id``: index 0 is the book's, 1 … the students'.

    Variant ``k`` draws each param from its :meth:`Param.values` with a random
    generator seeded by ``"<id>#<k>"`` (redrawn if it lands on the book's numbers),
    so the list is the same on every machine.  An exercise without params has one variant.
    """
    ex = get(exercise_id)
    book = defaults(ex)
    if not ex.params:
        return (book,)
    found = [book]
    for k in range(1, students.VARIANTS):
        rng = random.Random(f"{exercise_id}#{k}")
        for _ in range(20):
            draw = {name: rng.choice(p.values()) for name, p in ex.params.items()}
            if draw != book:
                break
        found.append(draw)
    return tuple(found)


def variant_of(exercise_id: str, student_id=None) -> int:
    """The variant ``student_id`` gets for ``exercise_id`` (0 without an id or without params)."""
    return students.variant(exercise_id, student_id) if get(exercise_id).params else 0


def numbers(exercise_id: str, student_id=None) -> dict[str, float]:
    """``student_id``'s numbers for ``exercise_id`` (the book's without an id)."""
    return variant_numbers(exercise_id)[variant_of(exercise_id, student_id)]


def expected_value(exercise_id: str, student_id=None):
    """The right answer of ``exercise_id`` for ``student_id`` (the book's numbers without an id)."""
    ex = get(exercise_id)
    return ex.expected(**numbers(exercise_id, student_id))


def _figures_for(ex: Exercise, values: Mapping[str, float]) -> dict[str, str]:
    shown = {name: ex.params[name].text(v) for name, v in values.items()}
    if ex.figures is not None:
        shown |= {name: str(text) for name, text in ex.figures(**values).items()}
    expected = ex.expected(**values)
    shown["answer"] = format(expected, ex.answer_format) if _is_number(expected) else str(expected)
    return shown


def figures(exercise_id: str, student_id=None) -> dict[str, str]:
    """The named strings ``exercise_id``'s text and solution quote, for ``student_id``: each param,
    each of the exercise's ``figures`` and ``answer``."""
    ex = get(exercise_id)
    return _figures_for(ex, numbers(exercise_id, student_id))


def figure_values() -> dict[str, str]:
    """Every book exercise's figures with the book's numbers, as prose values keyed ``"<id>.<name>"``.

    Exercises of ``AWSBOOK_EXERCISE_FILES`` (a teacher's own) are left out: no page quotes them.
    """
    _load_all()
    found = {}
    for exercise_id in sorted(REGISTRY):
        if _is_book_exercise(exercise_id):
            for name, text in figures(exercise_id).items():
                found[f"{exercise_id}.{name}"] = text
    return found


def _is_book_exercise(exercise_id: str) -> bool:
    expected = REGISTRY[exercise_id].expected
    module = getattr(expected, "__module__", "") or ""
    return module.startswith(f"{__name__}.")


def exercise_numbers(exercise_id: str) -> SimpleNamespace:
    """This student's numbers for ``exercise_id`` (``n.error_rate`` …), for a notebook's answer cell.

    When a student id is set (:func:`awsbook.student` or a class hub) the numbers
    are that student's and are printed, so the student sees which to use; without
    one they are the book's, as the exercise text prints them, and nothing is printed.
    """
    sid = students.current()
    values = numbers(exercise_id, sid)
    if sid and values:
        ex = get(exercise_id)
        listed = ", ".join(f"{name} = {ex.params[name].text(v)}{ex.params[name].unit}" for name, v in values.items())
        print(f"[{exercise_id}] 학번 {sid}의 수: {listed} (문제에 적힌 수 대신 이 수로 푸세요)")
    return SimpleNamespace(**values)


def _is_number(value) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool)


# --------------------------------------------------------------------------- answer keys

def key(exercise_id: str, student_id=None) -> dict:
    """The answer key of ``exercise_id`` for ``student_id`` as a small JSON-ready ``dict``
    (see :mod:`awsbook.exercises.answers`).

    The same ``dict`` is what :func:`grade` judges with and what the HTML book
    embeds for its answer boxes (with every variant, :func:`page_key`), so both
    checkers share one key.
    """
    ex = get(exercise_id)
    expected = expected_value(exercise_id, student_id)
    if ex.options:
        keys = [o.key for o in ex.options]
        if expected not in keys:
            raise ValueError(f"연습 문제 {exercise_id!r}의 정답 {expected!r}이(가) 보기({', '.join(keys)})에 없습니다.")
        return {"k": "c", "v": answers.normalize_text(expected), "h": ex.hint, "t": CHOICE_TOLERANCE,
                "o": [[answers.normalize_text(o.key), answers.normalize_text(o.text), o.feedback] for o in ex.options]}
    if isinstance(expected, str):
        accepted = []
        for text in (expected, *ex.accept):
            if answers.normalize_text(text) not in accepted:
                accepted.append(answers.normalize_text(text))
        return {"k": "t", "v": accepted, "h": ex.hint, "t": TEXT_TOLERANCE}
    if not _is_number(expected) or not math.isfinite(float(expected)):
        raise ValueError(
            f"연습 문제 {exercise_id!r}의 정답이 {expected!r}입니다. 정답은 유한한 수나 문자열만 허용됩니다."
        )
    scale, words = answers.unit_words(ex.unit)
    found = {"k": "n", "v": float(expected), "r": float(ex.rel_tol), "a": float(ex.abs_tol), "x": words,
             "h": ex.hint, "t": tolerance_text(ex)}
    if scale != 1:
        found["s"] = scale
    return found


def page_key(exercise_id: str) -> dict:
    """The key the HTML book embeds: :func:`key` with the book's numbers, plus every variant when the
    exercise has params — ``vs`` (expected value per variant), ``fn`` (figure names) and ``fv`` (figure
    strings per variant) — so the page switches to a student's numbers with no server."""
    found = key(exercise_id)
    ex = get(exercise_id)
    if ex.params:
        per_variant = [_figures_for(ex, values) for values in variant_numbers(exercise_id)]
        names = list(per_variant[0])
        found["vs"] = [float(ex.expected(**values)) for values in variant_numbers(exercise_id)]
        found["fn"] = names
        found["fv"] = [[shown[name] for name in names] for shown in per_variant]
    return found


TEXT_TOLERANCE = "대소문자·띄어쓰기 무시"
CHOICE_TOLERANCE = "보기 가운데 하나"


def number_text(value: float, unit: str = "", spec: str = ",.6g") -> str:
    """``value`` formatted with ``spec`` and ``unit``; a space goes before a Latin unit only ("350.4 USD", "4개")."""
    unit = unit.strip()
    space = " " if unit[:1].isascii() and unit[:1].isalpha() else ""
    return f"{float(value):{spec}}{space}{unit}"


def answer_text(value, unit: str = "") -> str:
    """A value as a person writes it: ``20.16`` (not ``20.159999999998853``), ``350.4 USD``, ``'Lambda'``, and
    ``""`` for ``None`` (no answer).

    Numbers get at most ten significant digits (no float noise) and a unit when
    given; a space goes before a Latin unit only ("350.4 USD", "4개").
    """
    if _is_number(value):
        return number_text(value, unit, ".10g")
    if value is None:
        return ""
    return repr(value)[:200]


def expected_text(exercise_id: str, student_id=None) -> str:
    """The right answer of ``exercise_id`` for a teacher, six significant digits and the tolerance:
    ``"720시간 (허용 오차 ±1%)"``, ``"2,164.23만 건 (허용 오차 ±1%)"``, ``"'Lambda'"``, ``"가 (다음 청구서에서 …)"``."""
    ex = get(exercise_id)
    expected = expected_value(exercise_id, student_id)
    if ex.options:
        return f"{expected} ({next(o.text for o in ex.options if o.key == expected)})"
    if isinstance(expected, str):
        return " / ".join(repr(t) for t in (expected, *ex.accept))
    return f"{number_text(expected, ex.unit)} (허용 오차 {tolerance_text(ex)})"


def matching_variants(exercise_id: str, answer, student_id=None) -> list[int]:
    """Variants other than ``student_id``'s whose right answer ``answer`` would be (numeric exercises only).

    The grader uses it to say that a wrong answer is another student's right one.
    """
    ex = get(exercise_id)
    if not ex.params:
        return []
    own = variant_of(exercise_id, student_id)
    base = key(exercise_id)
    found = []
    for k, values in enumerate(variant_numbers(exercise_id)):
        if k != own and answers.judge(base | {"v": float(ex.expected(**values))}, answer)[0] == answers.CORRECT:
            found.append(k)
    return found


def grade(exercise_id: str, answer, student_id=None) -> tuple[float, str]:
    """Return ``(score, reason)`` for ``answer`` by ``student_id``: score is 0 or the exercise's points.

    ``answer`` may be a number, a string (typed numbers such as ``"1,469만"`` are
    read as :mod:`awsbook.exercises.answers` describes; a choice by its key "가" or
    its text) or ``None`` (not answered).  A wrong choice's reason carries that
    option's feedback.
    """
    ex = get(exercise_id)
    found = key(exercise_id, student_id)
    verdict, detail = answers.judge(found, answer)
    if verdict == answers.EMPTY:
        return 0.0, NOT_ANSWERED
    if verdict == answers.CORRECT:
        return float(ex.points), RIGHT
    if verdict == answers.INVALID:
        return 0.0, detail
    if ex.options:
        return 0.0, f"오답: {detail} — {answers.feedback(found, detail)}"
    return 0.0, f"오답: {answer_text(answer)}"


class CheckFailed(AssertionError):
    """A wrong or missing answer under ``AWSBOOK_STRICT_CHECKS=1`` (tests only)."""


def strict() -> bool:
    """Whether :func:`check` raises on a wrong or missing answer (``AWSBOOK_STRICT_CHECKS=1``)."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes")


def check(exercise_id: str, answer) -> None:
    """Tell the student whether ``answer`` is right (with a hint, or a choice's own feedback, if not) and
    record the score.

    The student is the one :func:`awsbook.student` or the class hub set (the
    book's numbers without one).  Never raises for a wrong or missing answer
    (unless ``AWSBOOK_STRICT_CHECKS=1``, which only the test suite sets): an
    unanswered exercise prints "아직 답하지 않았습니다" so a fresh student copy
    runs top to bottom.  Returns None so that a check cell shows only the
    message (use :func:`grade` for the score).
    """
    ex = get(exercise_id)
    sid = students.current()
    score, reason = grade(exercise_id, answer, sid)
    found = key(exercise_id, sid)
    correct = reason == RIGHT
    if reason == NOT_ANSWERED:
        message = f"[{exercise_id}] {NOT_ANSWERED} 답을 변수에 넣고 다시 실행해 보세요."
    elif correct and ex.options:
        message = f"[{exercise_id}] 정답입니다! {answers.feedback(found, found['v'])}"
    elif correct:
        message = f"[{exercise_id}] 정답입니다! (허용 오차: {found['t']})"
    elif ex.options and reason.startswith("오답"):
        message = f"[{exercise_id}] 다시 생각해 보세요. {reason.split(' — ', 1)[1]}"
    else:
        message = f"[{exercise_id}] 다시 생각해 보세요. {reason}. 힌트: {ex.hint}"
    if sid and ex.params:
        message += f" (학번 {sid}의 수로 채점했습니다)"
    print(message)
    path = os.environ.get(RESULTS_ENV)
    if path:
        record = {"id": exercise_id, "score": score, "points": ex.points,
                  "answer": answer_text(answer)[:200], "reason": reason, "student": sid or ""}
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    if not correct and strict():
        raise CheckFailed(f"{message} [기대한 답: {expected_text(exercise_id, sid)}; {STRICT_ENV}=1]")
