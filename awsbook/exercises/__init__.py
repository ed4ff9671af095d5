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
import sys
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real
from pathlib import Path

from awsbook import validate
from awsbook.exercises import answers

RESULTS_ENV = "AWSBOOK_RESULTS"
EXTRA_FILES_ENV = "AWSBOOK_EXERCISE_FILES"
STRICT_ENV = "AWSBOOK_STRICT_CHECKS"
NOT_ANSWERED = "아직 답하지 않았습니다."


@dataclass(frozen=True)
class Exercise:
    """An auto-checked exercise.

    ``expected`` computes the right answer (a number or a string) from the models.
    Numbers are accepted within ``abs_tol`` or ``rel_tol``; strings are compared
    case- and space-insensitively.  ``unit`` is shown with the tolerance and
    labels the book's answer box; a typed number may carry it ("40.32분").

    For a text answer, ``accept`` lists other spellings that are also right
    (e.g. ``("Amazon Linux 2023",)`` for ``"AL2023"``) and ``choices``, when
    given, the options shown next to the book's answer box.
    """

    id: str
    expected: Callable[[], object]
    hint: str
    unit: str = ""
    abs_tol: float = 0.0
    rel_tol: float = 0.01
    points: int = 1
    accept: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()


REGISTRY: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add ``exercise`` to the registry (ids are unique across the book)."""
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


def key(exercise_id: str) -> dict:
    """The answer key of ``exercise_id`` as a small JSON-ready ``dict`` (see :mod:`awsbook.exercises.answers`).

    The same ``dict`` is what :func:`grade` judges with and what the HTML book
    embeds for its answer boxes, so both checkers share one key.
    """
    ex = get(exercise_id)
    expected = ex.expected()
    if isinstance(expected, str):
        accepted = []
        for text in (expected, *ex.accept):
            if answers.normalize_text(text) not in accepted:
                accepted.append(answers.normalize_text(text))
        return {"k": "t", "v": accepted, "h": ex.hint, "t": TEXT_TOLERANCE}
    if isinstance(expected, bool) or not isinstance(expected, Real) or not math.isfinite(float(expected)):
        raise ValueError(
            f"연습 문제 {exercise_id!r}의 정답이 {expected!r}입니다. 정답은 유한한 수나 문자열만 허용됩니다."
        )
    scale, words = answers.unit_words(ex.unit)
    found = {"k": "n", "v": float(expected), "r": float(ex.rel_tol), "a": float(ex.abs_tol), "x": words,
             "h": ex.hint, "t": tolerance_text(ex)}
    if scale != 1:
        found["s"] = scale
    return found


TEXT_TOLERANCE = "대소문자·띄어쓰기 무시"


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
    if isinstance(value, Real) and not isinstance(value, bool):
        return number_text(value, unit, ".10g")
    if value is None:
        return ""
    return repr(value)[:200]


def expected_text(exercise_id: str) -> str:
    """The right answer of ``exercise_id`` for a teacher, six significant digits and the tolerance:
    ``"720시간 (허용 오차 ±1%)"``, ``"2,164.23만 건 (허용 오차 ±1%)"``, ``"'Lambda'"``."""
    ex = get(exercise_id)
    expected = ex.expected()
    if isinstance(expected, str):
        return " / ".join(repr(t) for t in (expected, *ex.accept))
    return f"{number_text(expected, ex.unit)} (허용 오차 {tolerance_text(ex)})"


def grade(exercise_id: str, answer) -> tuple[float, str]:
    """Return ``(score, reason)`` for ``answer``: score is 0 or the exercise's points.

    ``answer`` may be a number, a string (typed numbers such as ``"1,469만"`` are
    read as :mod:`awsbook.exercises.answers` describes) or ``None`` (not answered).
    """
    ex = get(exercise_id)
    verdict, detail = answers.judge(key(exercise_id), answer)
    if verdict == answers.EMPTY:
        return 0.0, NOT_ANSWERED
    if verdict == answers.CORRECT:
        return float(ex.points), "정답"
    if verdict == answers.INVALID:
        return 0.0, detail
    return 0.0, f"오답: {answer_text(answer)}"


class CheckFailed(AssertionError):
    """A wrong or missing answer under ``AWSBOOK_STRICT_CHECKS=1`` (tests only)."""


def strict() -> bool:
    """Whether :func:`check` raises on a wrong or missing answer (``AWSBOOK_STRICT_CHECKS=1``)."""
    return os.environ.get(STRICT_ENV, "").strip().lower() in ("1", "true", "yes")


def check(exercise_id: str, answer) -> None:
    """Tell the student whether ``answer`` is right (with a hint if not) and record the score.

    Never raises for a wrong or missing answer (unless ``AWSBOOK_STRICT_CHECKS=1``,
    which only the test suite sets): an unanswered exercise prints "아직 답하지
    않았습니다" so a fresh student copy runs top to bottom.  Returns None so that
    a check cell shows only the message (use :func:`grade` for the score).
    """
    ex = get(exercise_id)
    score, reason = grade(exercise_id, answer)
    if reason == NOT_ANSWERED:
        message = f"[{exercise_id}] {NOT_ANSWERED} 답을 변수에 넣고 다시 실행해 보세요."
    elif score > 0:
        message = f"[{exercise_id}] 정답입니다! (허용 오차: {key(exercise_id)['t']})"
    else:
        message = f"[{exercise_id}] 다시 생각해 보세요. {reason}. 힌트: {ex.hint}"
    print(message)
    path = os.environ.get(RESULTS_ENV)
    if path:
        record = {"id": exercise_id, "score": score, "points": ex.points,
                  "answer": answer_text(answer)[:200], "reason": reason}
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    if score <= 0 and strict():
        raise CheckFailed(f"{message} [기대한 답: {expected_text(exercise_id)}; {STRICT_ENV}=1]")
