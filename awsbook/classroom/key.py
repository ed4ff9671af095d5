"""Answer keys for teachers: the teacher guide's table, and per-student keys for a class.

:func:`answer_key` is the table in the teacher guide (the book's numbers).
:func:`student_keys` writes the rows of ``python -m awsbook.classroom key``:
each student's expected answer to every auto-checked exercise, computed by the
same registry the notebooks, the HTML book and the grader use, so one student
id gives the same numbers everywhere.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from awsbook import exercises, validate
from awsbook.classroom import student
from awsbook.exercises import students

KEY_COLUMNS = ("student_id", "name", "chapter", "exercise", "expected", "tolerance", "variant", "numbers", "points")


def _answer(exercise_id: str, student_id: str = "") -> tuple[str, str]:
    """(expected answer with its unit, tolerance) of one exercise for one student."""
    ex = exercises.get(exercise_id)
    expected = exercises.expected_value(exercise_id, student_id)
    if ex.options:
        return exercises.expected_text(exercise_id, student_id), exercises.CHOICE_TOLERANCE
    if isinstance(expected, str):
        return str(expected), exercises.TEXT_TOLERANCE
    return exercises.number_text(expected, ex.unit), exercises.tolerance_text(ex)


def answer_key(chapters_dir: str | Path) -> pd.DataFrame:
    """Every exercise of every chapter in ``chapters_dir``, with the expected answer of the auto-checked ones.

    Columns (Korean, for the book): 장, 문제 id, 채점, 배점, 정답, 허용 오차.  The
    answers are the book's numbers (no student id).
    """
    rows = []
    for chapter in student.chapters_from(Path(chapters_dir)):
        for info in chapter.exercises:
            answer, tolerance = _answer(info.id) if info.auto_checked else ("풀이 참고(서술형)", "")
            rows.append({"장": chapter.name, "문제 id": info.id, "채점": "자동" if info.auto_checked else "교사",
                         "배점": info.points if info.auto_checked else "", "정답": answer, "허용 오차": tolerance})
    return pd.DataFrame(rows, columns=["장", "문제 id", "채점", "배점", "정답", "허용 오차"])


def number_ranges(chapters_dir: str | Path) -> pd.DataFrame:
    """The documented range of every per-student number, for the teacher guide.

    Columns (Korean): 장, 문제 id, 수, 책의 값, 학생별 범위 ("0.2 ~ 1.5, 0.1 간격").
    """
    rows = []
    for chapter in student.chapters_from(Path(chapters_dir)):
        for info in chapter.graded:
            for name, param in exercises.get(info.id).params.items():
                unit = param.unit
                rows.append({"장": chapter.name, "문제 id": info.id, "수": name,
                             "책의 값": f"{param.text(param.default)}{unit}",
                             "학생별 범위": f"{param.text(param.low)}{unit} ~ {param.text(param.high)}{unit}, "
                                          f"{param.text(param.step)}{unit} 간격"})
    return pd.DataFrame(rows, columns=["장", "문제 id", "수", "책의 값", "학생별 범위"])


def student_keys(chapters: Iterable[student.Chapter], roster: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """One row per (student, auto-checked exercise): ``roster`` is ``(student_id, name)`` pairs.

    ``variant`` is the student's variant (0 = the book's numbers); ``numbers`` lists
    the inputs that student sees ("error_rate=0.7%").
    """
    chapters = list(chapters)
    rows = []
    for raw_id, name in roster:
        sid = students.normalize(raw_id)
        for chapter in chapters:
            for info in chapter.graded:
                ex = exercises.get(info.id)
                answer, tolerance = _answer(info.id, sid)
                shown = exercises.numbers(info.id, sid)
                rows.append({
                    "student_id": sid, "name": name, "chapter": chapter.name, "exercise": info.id,
                    "expected": answer, "tolerance": tolerance, "variant": str(exercises.variant_of(info.id, sid)),
                    "numbers": "; ".join(f"{n}={ex.params[n].text(v)}{ex.params[n].unit}" for n, v in shown.items()),
                    "points": str(info.points or 0),
                })
    return rows


def read_roster(path: str | Path) -> list[tuple[str, str]]:
    """``(student_id, name)`` pairs of a class roster CSV with a ``student_id`` column (``name`` optional).

    Excel's UTF-8 with a byte-order mark is read as well as plain UTF-8.
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "student_id" not in [f.strip() for f in reader.fieldnames]:
                raise ValueError("첫 줄에 student_id 열이 없습니다")
            rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    except (OSError, UnicodeDecodeError, ValueError, csv.Error) as exc:
        raise validate.refuse("roster", str(path), "student_id 열(과 선택으로 name 열)이 있는 UTF-8 CSV 파일",
                              reason=f"읽을 수 없습니다({exc}).") from None
    roster = [(r["student_id"], r.get("name", "")) for r in rows if r.get("student_id")]
    if not roster:
        raise validate.refuse("roster", str(path), "학번이 한 명 이상 적힌 명단", reason="학번이 적힌 줄이 없습니다.")
    return roster


def write_keys(rows: list[dict[str, str]], out: str | Path) -> Path:
    """Write ``rows`` (:func:`student_keys`) as a CSV that Excel opens with Korean intact (UTF-8 with BOM)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=KEY_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return out
