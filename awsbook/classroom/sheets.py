"""Answer sheets from the HTML book (the "답안 내보내기" button) for the grader.

A sheet is a small JSON file written by ``awsbook/book/static/awsbook-practice.js``::

    {"format": "awsbook-answer-sheet", "version": 2, "book": "...", "book_version": "<git commit>",
     "chapter": "03_sla", "student": "홍길동", "student_id": "20261234",
     "exported_at": "2026-03-02T09:00:00.000Z",
     "answers": [{"exercise": "sla-lambda-february", "answer": "20.16분"}, ...]}

Version 2 adds ``student_id`` (the 학번 the student typed; "" if none), which
picks the student's own numbers (:mod:`awsbook.exercises.students`).  Version 1
sheets (no ``student_id``) still grade, against the book's numbers.

:func:`read_sheet` checks it; the grader (:mod:`awsbook.classroom.grading`)
scores its raw answers with :func:`awsbook.exercises.grade`, the same keys
as the notebook's ``check()`` and the book's answer boxes.  A broken or
hand-edited sheet gets a Korean reason and never stops the batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from numbers import Real

from awsbook.exercises import students

SHEET_FORMAT = "awsbook-answer-sheet"
SHEET_VERSION = 2
#: Versions the grader reads: 1 (before per-student numbers) and 2.
READABLE_VERSIONS = (1, 2)
MAX_BYTES = 256 * 1024
MAX_ANSWER_CHARS = 200
MAX_NAME_CHARS = 60


@dataclass
class Sheet:
    """A readable sheet: ``answers`` maps an exercise id to the raw answer; ``problems`` to why it scores 0.

    ``notes`` are sheet-level remarks that cost no points (unknown ids, skipped entries).
    """

    student: str
    chapter: str
    book_version: str
    answers: dict[str, object] = field(default_factory=dict)
    student_id: str = ""
    problems: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def is_sheet_file(name: str) -> bool:
    """Whether a submitted file name looks like an answer sheet (``*.json``, not ``manifest.json``)."""
    return name.lower().endswith(".json") and name.lower() != "manifest.json"


def _load(data: bytes) -> tuple[object, str]:
    if len(data) > MAX_BYTES:
        return None, f"답안지 파일이 너무 큽니다({len(data):,}바이트, 최대 {MAX_BYTES // 1024} KB)."
    if not data.strip():
        return None, "빈 파일입니다."
    try:
        return json.loads(data.decode("utf-8-sig")), ""
    except UnicodeDecodeError:
        return None, "UTF-8 텍스트 파일이 아닙니다."
    except json.JSONDecodeError as exc:
        return None, f"JSON 형식이 아닙니다({exc.lineno}번째 줄 {exc.colno}번째 칸: {exc.msg})."


def chapter_of(data: bytes) -> str | None:
    """The chapter a sheet names, if it is a readable sheet."""
    sheet, _ = _load(data)
    if isinstance(sheet, dict) and sheet.get("format") == SHEET_FORMAT and isinstance(sheet.get("chapter"), str):
        return sheet["chapter"]
    return None


def read_sheet(data: bytes, chapter: str, exercise_ids: list[str]) -> tuple[Sheet | None, str]:
    """The sheet in ``data`` for ``chapter``, or ``None`` and why it cannot be graded at all (Korean)."""
    raw, problem = _load(data)
    if problem:
        return None, problem
    if not isinstance(raw, dict) or raw.get("format") != SHEET_FORMAT:
        return None, ("교과서의 '답안 내보내기'로 만든 답안지가 아닙니다"
                      f"(format 항목이 {SHEET_FORMAT!r}이어야 합니다).")
    version = raw.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        readable = ", ".join(map(str, READABLE_VERSIONS))
        return None, f"지원하지 않는 답안지 버전입니다({version!r}). 이 채점기는 {readable}판을 읽습니다."
    student = raw.get("student")
    if not isinstance(student, str) or not student.strip():
        return None, "답안지에 학생 이름(student)이 없습니다. 이름 없는 답안지는 채점하지 않습니다."
    student = " ".join(student.split())[:MAX_NAME_CHARS]
    named = raw.get("chapter")
    if not isinstance(named, str) or not named.strip():
        return None, "답안지에 장(chapter)이 적혀 있지 않습니다."
    if named != chapter:
        return None, f"다른 장({named})의 답안지입니다. 지금 채점하는 장은 {chapter}입니다."
    entries = raw.get("answers")
    if not isinstance(entries, list):
        return None, "답안지에 답 목록(answers)이 없거나 목록 형식이 아닙니다."
    book_version = raw.get("book_version")
    sheet = Sheet(student, named, book_version if isinstance(book_version, str) else "")
    if version >= 2:
        try:
            sheet.student_id = students.normalize(raw.get("student_id") or "")
        except (ValueError, TypeError):
            sheet.notes.append("학번(student_id)을 읽을 수 없어 책의 기본 수로 채점했습니다.")

    stamp = raw.get("exported_at")
    try:
        dt.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        sheet.notes.append("내보낸 시각(exported_at)이 없거나 잘못되었습니다.")

    known = set(exercise_ids)
    counts = Counter(e.get("exercise") for e in entries if isinstance(e, dict))
    bad, unknown = [], []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("exercise"), str):
            bad.append(position)
            continue
        exercise_id, answer = entry["exercise"], entry.get("answer")
        if exercise_id not in known:
            unknown.append(exercise_id)
            continue
        if counts[exercise_id] > 1:
            sheet.problems[exercise_id] = (f"같은 문제의 답이 답안지에 {counts[exercise_id]}번 들어 있습니다"
                                           "(답안지를 손으로 고친 것으로 보여 채점하지 않았습니다)")
            continue
        if answer is not None and (isinstance(answer, bool) or not isinstance(answer, (str, Real))):
            sheet.problems[exercise_id] = f"답이 글자나 수가 아닙니다({type(answer).__name__})"
            continue
        if isinstance(answer, str) and len(answer) > MAX_ANSWER_CHARS:
            sheet.problems[exercise_id] = f"답이 너무 깁니다({len(answer)}자, 최대 {MAX_ANSWER_CHARS}자)"
            continue
        sheet.answers[exercise_id] = answer
    if unknown:
        sheet.notes.append(f"이 장에 없는 문제 id의 답은 채점하지 않았습니다: {', '.join(sorted(set(unknown)))}.")
    if bad:
        sheet.notes.append(f"형식이 잘못된 답 항목 {len(bad)}개를 건너뛰었습니다({', '.join(map(str, bad[:5]))}번째).")
    return sheet, ""
