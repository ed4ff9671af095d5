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

RESULTS_ENV = "AWSBOOK_RESULTS"
EXTRA_FILES_ENV = "AWSBOOK_EXERCISE_FILES"
NOT_ANSWERED = "아직 답하지 않았습니다."


@dataclass(frozen=True)
class Exercise:
    """An auto-checked exercise.

    ``expected`` computes the right answer (a number or a string) from the models.
    Numbers are accepted within ``abs_tol`` or ``rel_tol``; strings are compared
    case- and space-insensitively.  ``unit`` is shown with the tolerance.
    """

    id: str
    expected: Callable[[], object]
    hint: str
    unit: str = ""
    abs_tol: float = 0.0
    rel_tol: float = 0.01
    points: int = 1


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
        raise ValueError(
            f"매개변수 'path'에 {str(path)!r}이(가) 주어졌습니다. "
            "연습 문제를 등록하는 기존 .py 파일 경로만 허용됩니다."
        )
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
    if exercise_id not in REGISTRY:
        raise ValueError(
            f"매개변수 'exercise_id'에 {exercise_id!r}이(가) 주어졌습니다. "
            f"등록된 연습 문제 id({', '.join(sorted(REGISTRY))}) 중 하나만 허용됩니다."
        )
    return REGISTRY[exercise_id]


def tolerance_text(ex: Exercise) -> str:
    """How far an answer may be from the expected value, in words (e.g. "±0.05분 또는 ±1%")."""
    parts = []
    if ex.abs_tol:
        parts.append(f"±{ex.abs_tol:g}{ex.unit}")
    if ex.rel_tol:
        parts.append(f"±{ex.rel_tol * 100:g}%")
    return " 또는 ".join(parts) if parts else "정확히 일치"


def grade(exercise_id: str, answer) -> tuple[float, str]:
    """Return ``(score, reason)`` for ``answer``: score is 0 or the exercise's points."""
    ex = get(exercise_id)
    if answer is None or answer is Ellipsis:
        return 0.0, NOT_ANSWERED
    expected = ex.expected()
    if isinstance(expected, str):
        if not isinstance(answer, str):
            return 0.0, f"문자열 답을 기대했지만 {type(answer).__name__} 값 {answer!r}이(가) 주어졌습니다."
        ok = answer.strip().lower().replace(" ", "") == expected.strip().lower().replace(" ", "")
        return (float(ex.points), "정답") if ok else (0.0, f"오답: {answer!r}")
    if isinstance(answer, bool) or not isinstance(answer, Real):
        return 0.0, f"수를 기대했지만 {type(answer).__name__} 값 {answer!r}이(가) 주어졌습니다."
    if not math.isfinite(float(answer)):
        return 0.0, f"유한한 수가 아닙니다: {answer!r}"
    ok = math.isclose(float(answer), float(expected), rel_tol=ex.rel_tol, abs_tol=ex.abs_tol)
    return (float(ex.points), "정답") if ok else (0.0, f"오답: {answer!r}")


def check(exercise_id: str, answer) -> None:
    """Tell the student whether ``answer`` is right (with a hint if not) and record the score.

    Never raises for a wrong or missing answer: an unanswered exercise prints
    "아직 답하지 않았습니다" so a fresh student copy runs top to bottom.  Returns
    None so that a check cell shows only the message (use :func:`grade` for the score).
    """
    ex = get(exercise_id)
    score, reason = grade(exercise_id, answer)
    if reason == NOT_ANSWERED:
        print(f"[{exercise_id}] {NOT_ANSWERED} 답을 변수에 넣고 다시 실행해 보세요.")
    elif score > 0:
        print(f"[{exercise_id}] 정답입니다! (허용 오차: {tolerance_text(ex)})")
    else:
        print(f"[{exercise_id}] 다시 생각해 보세요. {reason}. 힌트: {ex.hint}")
    path = os.environ.get(RESULTS_ENV)
    if path:
        record = {"id": exercise_id, "score": score, "points": ex.points,
                  "answer": repr(answer)[:200], "reason": reason}
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
