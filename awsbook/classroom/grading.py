"""Batch auto-grading: run every submitted notebook in its own kernel and score its answer checks.

The student is the submission's file stem (``submissions/kim_minsu.ipynb`` ->
``kim_minsu``).  Each notebook runs in a new kernel process (see
:mod:`awsbook.classroom.kernel`), by default inside a sandbox
(:mod:`awsbook.classroom.sandbox`), in a private work folder holding a copy of
the notebook and ``AWSBOOK_RESULTS``, a file of its own; every ``check(...)``
call appends its score there.  A broken submission
(not JSON, empty, a syntax error, an exception, a cell that never ends, a
deleted or renamed check cell) loses only what it affects, with a reason, and
the batch goes on.

Answer sheets exported from the HTML book (``*.json``, see
:mod:`awsbook.classroom.sheets`) are graded alongside, without a kernel: their
raw answers go through :func:`awsbook.exercises.grade`, the same keys and rules.
The student of a sheet is the name written in it.

Per-student numbers: the grader re-derives each student's numbers from the
student id (학번) in the sheet, or in the notebook's ``awsbook.student("…")``
call, which the kernel also receives as ``AWSBOOK_STUDENT_ID``.  A wrong
answer that is another variant's right answer says so in the details.  A sheet
or notebook without an id is graded against the book's numbers, with a note.
"""

from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import csv
import json
import os
import re
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from awsbook import exercises, validate
from awsbook.classroom import notebooks, sandbox as sandboxes, sheets
from awsbook.classroom.kernel import CellRun, NotebookRun, run_cells
from awsbook.classroom.student import Chapter
from awsbook.exercises import students

DEFAULT_TIMEOUT = 60.0
#: The note on a sheet or notebook that names no student id.
NO_ID_NOTE = "학번이 없어 책의 기본 수로 채점했습니다."
DEFAULT_CELL_TIMEOUT = 30.0
CORRECT = "정답"


@dataclass(frozen=True)
class ExerciseScore:
    """One student's result for one exercise; ``reason`` explains every lost point."""

    exercise: str
    score: float
    points: int
    answer: str
    reason: str
    recorded: bool
    expected: str = ""
    unanswered: bool = False


@dataclass
class Submission:
    """One student's graded notebook; ``note`` is a notebook-level problem (empty if none)."""

    student: str
    path: Path
    scores: list[ExerciseScore] = field(default_factory=list)
    note: str = ""
    seconds: float = 0.0

    @property
    def total(self) -> float:
        return sum(s.score for s in self.scores)


def parse_submission(data: bytes) -> tuple[dict | None, str]:
    """The notebook in ``data`` and ``""``, or ``None`` and why it cannot be read (Korean)."""
    if not data.strip():
        return None, "빈 파일입니다."
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, "UTF-8 텍스트 파일이 아닙니다."
    except json.JSONDecodeError as exc:
        return None, f"JSON 형식이 아닙니다({exc.lineno}번째 줄 {exc.colno}번째 칸: {exc.msg})."
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list) or not all(
        isinstance(c, dict) and isinstance(c.get("cell_type"), str)
        and (isinstance(c.get("source", ""), str)
             or isinstance(c.get("source"), list) and all(isinstance(line, str) for line in c["source"]))
        for c in cells
    ):
        return None, "주피터 노트북 형식이 아닙니다(셀 목록이 없거나 잘못되었습니다)."
    return nb, ""


def _drawing_imports(code: str) -> list[ast.stmt] | None:
    """The import statements of a cell that only imports and calls (binds no other name); else ``None``."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    if any(isinstance(n, ast.NamedExpr) for n in ast.walk(tree)) or not all(
        isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr)) for n in tree.body
    ):
        return None
    return [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]


def _bound_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    return {alias.asname or alias.name.split(".")[0] for alias in node.names}


def cells_to_run(nb: dict, full: bool) -> list[tuple[int, str]]:
    """``(cell index, code)`` of the code cells to run.

    Unless ``full``, a drawing cell (tagged ``remove-cell``, ``hide-input`` or
    ``skip-execution``, not an answer cell) that only imports and calls, such as
    ``chart()`` or ``dashboard()``, binds no name but its imports.  It runs just
    the imports that a later cell mentions; skipping the drawing makes grading
    several times faster.
    """
    code_cells = [(i, c) for i, c in enumerate(nb["cells"]) if c.get("cell_type") == "code"]
    plan = []
    for position, (index, cell) in enumerate(code_cells):
        code = notebooks.source(cell)
        cell_tags = set(notebooks.tags(cell))
        if not full and notebooks.DISPLAY_TAGS & cell_tags and not {
            notebooks.SOLUTION_TAG, notebooks.ANSWER_TAG
        } & cell_tags:
            imports = _drawing_imports(code)
            if imports is not None:
                later = set(notebooks.identifiers(
                    "\n".join(notebooks.source(c) for _, c in code_cells[position + 1:])))
                code = "\n".join(ast.unparse(n) for n in imports if _bound_names(n) & later)
        plan.append((index, code))
    return plan


def read_records(path: Path) -> dict[str, dict]:
    """The last check record per exercise id in the ``AWSBOOK_RESULTS`` file (bad lines ignored)."""
    records: dict[str, dict] = {}
    if not path.exists():
        return records
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
            records[str(record["id"])] = {
                "score": float(record["score"]), "points": float(record["points"]),
                "answer": str(record.get("answer", "")), "reason": str(record.get("reason", "")),
            }
        except (ValueError, KeyError, TypeError):
            continue
    return records


def _answer_cell_problem(index: int, run: CellRun | None) -> str:
    """The real cause of a lost point, said first: an answer cell that timed out or raised."""
    if run is None or run.status in ("ok", "not-run"):
        return ""
    if run.status == "timeout":
        return f"답 셀({index + 1}번 셀): {run.detail}"
    return f"답 셀({index + 1}번 셀)에서 오류: {run.detail.rstrip('.')}."


def _answer_cells(nb: dict, check_index: int) -> list[int]:
    """Indices of the code cells right before the check cell (back to a markdown or another check cell)."""
    found = []
    for index in range(check_index - 1, -1, -1):
        cell = nb["cells"][index]
        if cell.get("cell_type") != "code" or notebooks.check_ids(notebooks.source(cell)):
            break
        found.append(index)
    return found[::-1]


def _other_variants(exercise_id: str, answer: str, student_id: str) -> list[int]:
    """Variants (not the student's own) whose right answer ``answer`` is."""
    try:
        return exercises.matching_variants(exercise_id, answer, student_id)
    except Exception:  # a key that cannot be computed must not stop the batch
        return []


def _expected(exercise_id: str, student_id: str = "") -> str:
    try:
        return exercises.expected_text(exercise_id, student_id)
    except Exception as exc:  # a key that cannot be computed must not stop the batch
        builtin = next(c for c in type(exc).__mro__ if c.__module__ == "builtins")  # RefusedValue -> ValueError
        return f"(정답을 계산하지 못했습니다: {builtin.__name__})"


def _scored(info, score: float, answer: str, reason: str, cause: str = "", student_id: str = "") -> ExerciseScore:
    """One exercise's row: a wrong answer's reason names the expected answer (and another student's
    variant it matches), a lost point's leads with ``cause``."""
    points = info.points or 0
    expected = _expected(info.id, student_id)
    unanswered = reason == exercises.NOT_ANSWERED
    if score < points:
        if reason.startswith("오답"):
            reason = f"{reason}; 정답 {expected}"
            if others := _other_variants(info.id, answer, student_id):
                reason += f". 이 답은 다른 학생의 변형 {', '.join(map(str, others))}번의 정답과 같습니다"
        if cause:
            reason = f"{cause} 그 결과 {reason}"
    return ExerciseScore(info.id, score, points, answer, reason, True, expected, unanswered)


def _name_hint(detail: str, nb: dict, cells: list[int]) -> str:
    """For a NameError about an answer variable that the answer cells no longer assign: say so."""
    if not detail.startswith("NameError"):
        return ""
    missing = detail.split("'")[1] if detail.count("'") >= 2 else ""
    assigned: set[str] = set()
    for i in cells:
        try:
            assigned.update(notebooks.assigned_names(notebooks.source(nb["cells"][i])))
        except SyntaxError:
            return ""
    if missing and missing not in assigned:
        return f" 답 셀이 {missing}에 값을 넣지 않습니다(변수 이름을 바꾸었거나 지웠을 수 있습니다)."
    return ""


def score_exercises(chapter: Chapter, nb: dict, run: NotebookRun, records: dict[str, dict],
                    student_id: str = "") -> list[ExerciseScore]:
    """Score each auto-checked exercise of ``chapter`` from the check records and how the cells ran.

    A lost point's reason starts with its cause (an answer cell that timed out or
    did not parse, a dead kernel) and then the symptom (e.g. the NameError of the
    check cell that followed).
    """
    check_cells: dict[str, int] = {}
    for index, cell in enumerate(nb["cells"]):
        if cell.get("cell_type") == "code":
            for exercise_id in notebooks.check_ids(notebooks.source(cell)):
                check_cells.setdefault(exercise_id, index)
    expected = {e.id for e in chapter.graded}
    scores = []
    for info in chapter.graded:
        points = info.points or 0
        record = records.get(info.id)
        index = check_cells.get(info.id)
        cells = [] if index is None else _answer_cells(nb, index)
        cause = " ".join(p for i in cells if (p := _answer_cell_problem(i, run.cells.get(i))))
        if record is not None:
            fraction = record["score"] / record["points"] if record["points"] > 0 else 0.0
            score = round(points * min(max(fraction, 0.0), 1.0), 6)
            scores.append(_scored(info, score, record["answer"], record["reason"] or CORRECT, cause, student_id))
            continue
        if index is None:
            others = sorted(set(check_cells) - expected)
            reason = (f'채점 셀 check("{info.id}", ...)이(가) 노트북에 없습니다. '
                      "셀을 지웠거나 문제 id를 바꾸었을 수 있습니다.")
            if others:
                reason += f" 노트북에 있는 다른 id: {', '.join(others)}."
        else:
            cell_run = run.cells.get(index)
            if cell_run is None or cell_run.status == "not-run":
                reason = f"{run.stopped} 그래서 채점 셀({index + 1}번 셀)을 실행하지 못했습니다.".strip()
                cause = "" if run.stopped else cause
            elif cell_run.status == "ok":
                reason = f"채점 셀({index + 1}번 셀)이 점수를 기록하지 않았습니다(셀 내용이 바뀌었을 수 있습니다)."
            else:
                reason = f"채점 셀({index + 1}번 셀)에서 오류가 났습니다: {cell_run.detail}"
                if not cause:
                    reason += _name_hint(cell_run.detail, nb, cells)
            if cause:
                reason = f"{cause} 그 결과 {reason}"
        scores.append(ExerciseScore(info.id, 0.0, points, "", reason, False, _expected(info.id, student_id)))
    return scores


def _sheet_submission(path: Path, chapter: Chapter) -> Submission:
    """Score an answer sheet from the HTML book (no kernel: the answers are data, not code)."""
    submission = Submission(student=path.stem, path=path)
    started = time.monotonic()
    try:
        data = path.read_bytes()
    except OSError as exc:
        data, problem = None, f"파일을 읽을 수 없습니다({exc.strerror})."
    if data is not None:
        sheet, problem = sheets.read_sheet(data, chapter.name, [e.id for e in chapter.graded])
    if data is None or sheet is None:
        submission.note = f"HTML 답안지: {problem}"
        submission.scores = _all_lost(chapter, submission.note)
        return submission
    submission.student = sheet.student
    if not sheet.student_id and _has_variants(chapter):
        sheet.notes.append(NO_ID_NOTE)
    submission.note = " ".join(sheet.notes)
    for info in chapter.graded:
        if info.id in sheet.problems:
            submission.scores.append(_scored(info, 0.0, "", sheet.problems[info.id], student_id=sheet.student_id))
            continue
        answer = sheet.answers.get(info.id)
        try:
            score, reason = exercises.grade(info.id, answer, sheet.student_id)
        except Exception as exc:  # a key that cannot be computed must not stop the batch
            score, reason = 0.0, f"채점 중 예기치 않은 오류가 났습니다({type(exc).__name__}: {exc})."
        fraction = score / exercises.get(info.id).points if score else 0.0
        shown = answer if isinstance(answer, str) else exercises.answer_text(answer) if answer is not None else ""
        submission.scores.append(_scored(info, round((info.points or 0) * fraction, 6), shown,
                                         reason, student_id=sheet.student_id))
    submission.seconds = time.monotonic() - started
    return submission


def _all_lost(chapter: Chapter, problem: str) -> list[ExerciseScore]:
    return [ExerciseScore(e.id, 0.0, e.points or 0, "", problem, False) for e in chapter.graded]


async def _grade_one(path: Path, chapter: Chapter, options: dict, gate: asyncio.Semaphore) -> Submission:
    if sheets.is_sheet_file(path.name):
        try:
            return _sheet_submission(path, chapter)
        except Exception as exc:  # one odd sheet must never stop the batch
            problem = f"채점 중 예기치 않은 오류가 났습니다({type(exc).__name__}: {exc})."
            return Submission(path.stem, path, _all_lost(chapter, problem), problem)
    submission = Submission(student=path.stem, path=path)
    try:
        data = path.read_bytes()
        nb, problem = parse_submission(data)
    except OSError as exc:
        nb, problem = None, f"파일을 읽을 수 없습니다({exc.strerror})."
    if nb is None:
        submission.note, submission.scores = problem, _all_lost(chapter, problem)
        return submission
    student_id = notebook_student_id(nb) or (students.normalize(path.stem) if options.get("ids_from_names") else "")
    async with gate:
        started = time.monotonic()
        try:
            with tempfile.TemporaryDirectory(prefix="awsbook-grade-", ignore_cleanup_errors=True) as workdir:
                results = Path(workdir) / "results.jsonl"
                (Path(workdir) / path.name).write_bytes(data)
                env = {k: v for k, v in os.environ.items() if k not in (exercises.STRICT_ENV, students.STUDENT_ENV)}
                env[exercises.RESULTS_ENV] = str(results)
                if student_id:
                    env[students.STUDENT_ENV] = student_id
                run = await run_cells(cells_to_run(nb, options["full"]), env=env, cwd=workdir,
                                      timeout=options["timeout"], cell_timeout=options["cell_timeout"],
                                      sandbox=options["sandbox"])
                records = read_records(results)
            no_id = "" if student_id or not _has_variants(chapter) else NO_ID_NOTE
            submission.note = " ".join(n for n in (run.stopped, no_id) if n)
            submission.scores = score_exercises(chapter, nb, run, records, student_id)
        except Exception as exc:  # one odd notebook must never stop the batch
            problem = f"채점 중 예기치 않은 오류가 났습니다({type(exc).__name__}: {exc})."
            submission.note, submission.scores = problem, _all_lost(chapter, problem)
        submission.seconds = time.monotonic() - started
    return submission


def _has_variants(chapter: Chapter) -> bool:
    """Whether any auto-checked exercise of ``chapter`` has per-student numbers."""
    try:
        return any(exercises.get(e.id).params for e in chapter.graded)
    except ValueError:  # an id the registry does not know is reported per exercise
        return False


def notebook_student_id(nb: dict) -> str:
    """The student id a notebook sets with ``awsbook.student("…")`` (a string literal; the last one wins), else ""."""
    found = ""
    for cell in nb["cells"]:
        if cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(notebooks.source(cell))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, (str, int)) and not isinstance(node.args[0].value, bool)
                    and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) == "student"):
                try:
                    found = students.normalize(node.args[0].value) or found
                except (ValueError, TypeError):
                    continue
    return found


def submission_files(folder: Path) -> list[Path]:
    """The notebooks (``*.ipynb``) and HTML answer sheets (``*.json`` but ``manifest.json``) directly in
    ``folder`` (hidden files skipped), sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise validate.refuse("submissions", str(folder),
                              "제출된 노트북(*.ipynb)이나 HTML 답안지(*.json)가 들어 있는 폴더")
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(".")
                  and (p.suffix.lower() == ".ipynb" or sheets.is_sheet_file(p.name)))


def grade_submissions(
    paths: list[Path],
    chapter: Chapter,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cell_timeout: float = DEFAULT_CELL_TIMEOUT,
    jobs: int | None = None,
    full: bool = False,
    ids_from_names: bool = False,
    sandbox: bool | sandboxes.Sandbox = True,
) -> list[Submission]:
    """Grade the notebooks and answer sheets ``paths`` against ``chapter``; ``jobs`` kernels run at once
    (default: CPU count).

    ``timeout`` limits each notebook's execution and ``cell_timeout`` each cell,
    in seconds.  ``full`` also runs the drawing cells (see :func:`cells_to_run`).
    ``ids_from_names``: a notebook that sets no student id takes its file name as
    one (a class hub's collected notebooks are named by the login, which is the id).
    Notebooks run in ``sandbox``: ``True`` (the default) finds one with the
    default limits (:func:`awsbook.classroom.sandbox.find`, which refuses in
    Korean when none works here), a :class:`~awsbook.classroom.sandbox.Sandbox`
    is used as given, ``False`` runs them unconfined.  Answer sheets are never
    executed and need none.
    """
    options = {
        "ids_from_names": ids_from_names,
        "timeout": validate.number("timeout", timeout, low=0, low_inclusive=False),
        "cell_timeout": validate.number("cell_timeout", cell_timeout, low=0, low_inclusive=False),
        "full": full,
    }
    jobs = int(validate.number("jobs", jobs, low=1, integer=True)) if jobs is not None else os.cpu_count() or 1
    if sandbox is True:
        sandbox = any(not sheets.is_sheet_file(Path(p).name) for p in paths) and sandboxes.find()
    options["sandbox"] = sandbox or None

    async def grade_all() -> list[Submission]:
        gate = asyncio.Semaphore(jobs)
        return list(await asyncio.gather(*(_grade_one(Path(p), chapter, options, gate) for p in paths)))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(grade_all())
    # Called from a running event loop (e.g. a teacher's notebook): use a thread of our own.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, grade_all()).result()


def _fmt(value: float) -> str:
    return f"{value:g}"


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9.,]*(?:e[+-]?[0-9]+)?", re.I)


def _cell(text) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (answers and names come from students)."""
    text = str(text)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


@dataclass(frozen=True)
class ExerciseSummary:
    """How the class did on one exercise."""

    exercise: str
    points: int
    mean_score: float
    correct: int
    wrong: int
    unanswered: int
    not_graded: int
    common_wrong_answer: str
    common_wrong_count: int


def _kind(score: ExerciseScore) -> str:
    if not score.recorded:
        return "not_graded"
    if score.score >= score.points:
        return "correct"
    return "unanswered" if score.unanswered else "wrong"


def summarize(submissions: list[Submission], chapter: Chapter) -> list[ExerciseSummary]:
    """Per exercise: mean score, how many got it right / wrong / left it blank / were not graded,
    and the most common wrong answer."""
    rows = []
    for info in chapter.graded:
        scores = [s for sub in submissions for s in sub.scores if s.exercise == info.id]
        kinds = Counter(_kind(s) for s in scores)
        common = Counter(s.answer for s in scores if _kind(s) == "wrong").most_common(1)
        rows.append(ExerciseSummary(
            info.id, info.points or 0,
            round(sum(s.score for s in scores) / len(scores), 3) if scores else 0.0,
            kinds["correct"], kinds["wrong"], kinds["unanswered"], kinds["not_graded"],
            common[0][0] if common else "", common[0][1] if common else 0,
        ))
    return rows


def report_paths(out: Path) -> tuple[Path, Path, Path]:
    """The grades, details and summary CSV paths for ``--out`` (``grades.csv`` -> ``grades_details.csv`` ...)."""
    out = Path(out)
    stem = out.with_suffix("")
    return out, Path(f"{stem}_details.csv"), Path(f"{stem}_summary.csv")


def write_reports(submissions: list[Submission], chapter: Chapter, out: Path) -> tuple[Path, Path, Path]:
    """Write grades (a row per student), details (a row per student and exercise) and the summary.

    CSV files are UTF-8 with a byte-order mark so that Excel shows Korean correctly.
    """
    grades, details, summary = report_paths(out)
    grades.parent.mkdir(parents=True, exist_ok=True)
    ids = [e.id for e in chapter.graded]
    with grades.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", *ids, "total", "note"])
        for sub in submissions:
            by_id = {s.exercise: s.score for s in sub.scores}
            writer.writerow([_cell(sub.student), *(_fmt(by_id[i]) for i in ids), _fmt(sub.total), _cell(sub.note)])
    with details.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["student", "exercise", "score", "points", "answer", "expected", "reason"])
        for sub in submissions:
            for s in sub.scores:
                writer.writerow([_cell(sub.student), s.exercise, _fmt(s.score), s.points, _cell(s.answer),
                                 s.expected, _cell(s.reason)])
    with summary.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(["exercise", "points", "mean_score", "correct", "wrong", "unanswered",
                         "not_graded", "most_common_wrong_answer", "most_common_wrong_count"])
        for row in summarize(submissions, chapter):
            writer.writerow([row.exercise, row.points, _fmt(row.mean_score), row.correct, row.wrong,
                             row.unanswered, row.not_graded, _cell(row.common_wrong_answer), row.common_wrong_count])
    return grades, details, summary
