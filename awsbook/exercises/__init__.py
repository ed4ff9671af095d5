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
"""

from __future__ import annotations

import importlib
import json
import math
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from numbers import Real

RESULTS_ENV = "AWSBOOK_RESULTS"
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


def _load_all() -> None:
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


def get(exercise_id: str) -> Exercise:
    """Return the registered exercise ``exercise_id``."""
    if not REGISTRY:
        _load_all()
    if exercise_id not in REGISTRY:
        raise ValueError(
            f"매개변수 'exercise_id'에 {exercise_id!r}이(가) 주어졌습니다. "
            f"등록된 연습 문제 id({', '.join(sorted(REGISTRY))}) 중 하나만 허용됩니다."
        )
    return REGISTRY[exercise_id]


def _tolerance_text(ex: Exercise) -> str:
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


def check(exercise_id: str, answer) -> bool:
    """Tell the student whether ``answer`` is right (with a hint if not) and record the score.

    Never raises for a wrong or missing answer: an unanswered exercise prints
    "아직 답하지 않았습니다" so a fresh student copy runs top to bottom.
    """
    ex = get(exercise_id)
    score, reason = grade(exercise_id, answer)
    if reason == NOT_ANSWERED:
        print(f"[{exercise_id}] {NOT_ANSWERED} 답을 변수에 넣고 다시 실행해 보세요.")
    elif score > 0:
        print(f"[{exercise_id}] 정답입니다! (허용 오차: {_tolerance_text(ex)})")
    else:
        print(f"[{exercise_id}] 다시 생각해 보세요. {reason}. 힌트: {ex.hint}")
    path = os.environ.get(RESULTS_ENV)
    if path:
        record = {"id": exercise_id, "score": score, "points": ex.points,
                  "answer": repr(answer)[:200], "reason": reason}
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return score > 0
