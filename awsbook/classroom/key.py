"""The teacher guide's answer key and the numbers its prose quotes."""

from __future__ import annotations

from numbers import Real
from pathlib import Path

import pandas as pd

from awsbook import exercises
from awsbook.classroom import student


def answer_key(chapters_dir: str | Path) -> pd.DataFrame:
    """Every exercise of every chapter in ``chapters_dir``, with the expected answer of the auto-checked ones.

    Columns (Korean, for the book): 장, 문제 id, 채점, 배점, 정답, 허용 오차.  The
    answers are computed by the same registry the grader uses, so the key
    follows every change of the data or the models.
    """
    rows = []
    for chapter in student.chapters_from(Path(chapters_dir)):
        for info in chapter.exercises:
            if info.auto_checked:
                ex = exercises.get(info.id)
                expected = ex.expected()
                if isinstance(expected, Real) and not isinstance(expected, bool):
                    answer, tolerance = exercises.number_text(expected, ex.unit), exercises.tolerance_text(ex)
                else:
                    answer, tolerance = str(expected), exercises.TEXT_TOLERANCE
            else:
                answer, tolerance = "풀이 참고(서술형)", ""
            rows.append({"장": chapter.name, "문제 id": info.id, "채점": "자동" if info.auto_checked else "교사",
                         "배점": info.points if info.auto_checked else "", "정답": answer, "허용 오차": tolerance})
    return pd.DataFrame(rows, columns=["장", "문제 id", "채점", "배점", "정답", "허용 오차"])
