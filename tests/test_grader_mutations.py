"""The grader without Jupyter kernels: scores, reasons and their order, the expected-answer column, answer
sheets, the reports, and the batch with a stand-in for the kernel runner.

Written against mutmut's surviving mutants (scripts/mutation.sh loader-checker-grader); the kernel itself
is tested in tests/test_classroom.py.  The exercises are those of tests/fixtures/classroom/exercises.py:
fixture-hours = 30 x 24 = 720 시간 (±1%, 2 points), fixture-service = "Lambda" (1 point) and
fixture-downtime = 30 x 1,440 x 0.001 = 43.2 분 (±0.1분 or ±1%, 2 points).
"""

from __future__ import annotations

import ast
import asyncio
import concurrent.futures
import csv
import json
import os
import re
from pathlib import Path

import pytest

from awsbook import exercises
from awsbook.classroom import grading, sheets
from awsbook.classroom.kernel import CellRun, NotebookRun
from awsbook.classroom.student import Chapter, ExerciseInfo

FIXTURE_EXERCISES = Path(__file__).resolve().parent / "fixtures" / "classroom" / "exercises.py"
HOURS = "720시간 (허용 오차 ±1%)"
DOWNTIME = "43.2분 (허용 오차 ±0.1분 또는 ±1%)"
CHAPTER = Chapter("90_fixture", "시험용 장", (
    ExerciseInfo("fixture-hours", 2, True), ExerciseInfo("fixture-service", 1, True),
    ExerciseInfo("fixture-downtime", 2, True), ExerciseInfo("fixture-essay", None, False)))
IDS = ["fixture-hours", "fixture-service", "fixture-downtime"]


@pytest.fixture(scope="module", autouse=True)
def fixture_exercises():
    exercises.load_file(FIXTURE_EXERCISES)


def md(text="글"):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text, tags=()):
    return {"cell_type": "code", "metadata": {"tags": list(tags)}, "source": text}


#: Cells 1-2, 4-5 and 7-8 are answer and check cells of the three exercises.
NOTEBOOK = {"cells": [
    md(), code("answer_hours = 720"), code('check("fixture-hours", answer_hours)'),
    md(), code("answer_service = 'Lambda'"), code('check("fixture-service", answer_service)'),
    md(), code("answer_downtime = 43.2"), code('check("fixture-downtime", answer_downtime)'),
]}
ALL_OK = NotebookRun({i: CellRun("ok") for i in (1, 2, 4, 5, 7, 8)})


def record(score, points, answer="", reason=""):
    return {"score": score, "points": points, "answer": answer, "reason": reason}


def sheet(**changes) -> dict:
    data = {"format": "awsbook-answer-sheet", "version": 1, "book": "책", "book_version": "abc",
            "chapter": "90_fixture", "student": "홍길동", "exported_at": "2026-03-02T09:00:00.000Z",
            "answers": [{"exercise": "fixture-hours", "answer": "720"}]}
    data.update(changes)
    return data


def sheet_bytes(**changes) -> bytes:
    return json.dumps(sheet(**changes), ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------- reading submissions

@pytest.mark.parametrize("data, problem", [
    (b'{"cells": [', "JSON 형식이 아닙니다(1번째 줄 12번째 칸: Expecting value)."),  # 11 characters, then nothing
    (b'{"cells": []}\n{', "JSON 형식이 아닙니다(2번째 줄 1번째 칸: Extra data)."),
    (b"\xff\xfe\x00", "UTF-8 텍스트 파일이 아닙니다."),
    (b"\t\n", "빈 파일입니다."),
    (b'{"nocells": []}', "주피터 노트북 형식이 아닙니다(셀 목록이 없거나 잘못되었습니다)."),
    (b'{"cells": "x"}', "주피터 노트북 형식이 아닙니다(셀 목록이 없거나 잘못되었습니다)."),
    (b'{"cells": ["x"]}', "주피터 노트북 형식이 아닙니다(셀 목록이 없거나 잘못되었습니다)."),
    (b'{"cells": [{"cell_type": 3}]}', "주피터 노트북 형식이 아닙니다(셀 목록이 없거나 잘못되었습니다)."),
    (b'{"cells": [{"cell_type": "code", "source": null}]}', "주피터 노트북 형식이 아닙니다(셀 목록이 없거나 잘못되었습니다)."),
    (b'{"cells": [{"cell_type": "code", "source": 5}]}', "주피터 노트북 형식이 아닙니다(셀 목록이 없거나 잘못되었습니다)."),
])
def test_unreadable_submissions(data, problem):
    assert grading.parse_submission(data) == (None, problem)


def test_readable_submissions():
    for nb in ({"cells": [{"cell_type": "code"}]}, {"cells": [{"cell_type": "code", "source": ["a", "b"]}]},
               {"cells": [{"cell_type": "markdown", "source": "x"}], "metadata": {}}):
        assert grading.parse_submission(json.dumps(nb).encode()) == (nb, "")


def test_read_records(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"id": "a", "score": 1, "points": 2}\n'
                     b'{"id": 5, "score": "1.5", "points": 2, "answer": 7, "reason": "\xff"}\n'
                     b'{"id": "b", "score": "x", "points": 2}\n'
                     b'[1, 2]\n'
                     b'{"id": "c", "score": null, "points": 1}\n'
                     b'{"id": "d", "points": 1}\n')
    assert grading.read_records(path) == {
        "a": {"score": 1.0, "points": 2.0, "answer": "", "reason": ""},
        "5": {"score": 1.5, "points": 2.0, "answer": "7", "reason": "\ufffd"},
    }


# --------------------------------------------------------------------------- pieces of a reason

def test_answer_cell_problem():
    assert grading._answer_cell_problem(3, None) == ""
    assert grading._answer_cell_problem(3, CellRun("ok")) == ""
    assert grading._answer_cell_problem(3, CellRun("not-run")) == ""
    assert grading._answer_cell_problem(4, CellRun("timeout", "셀 실행 제한 시간(3초)을 넘겨 중단했습니다.")) == \
        "답 셀(5번 셀): 셀 실행 제한 시간(3초)을 넘겨 중단했습니다."
    assert grading._answer_cell_problem(0, CellRun("error", "ZeroDivisionError: division by zero..")) == \
        "답 셀(1번 셀)에서 오류: ZeroDivisionError: division by zero."


def test_answer_cells_reach_back_to_markdown_or_another_check():
    nb = {"cells": [code("a = 1"), md(), code("b = 1"), code("c = 1"), code('check("x", c)'), code("d = 1"),
                    code('check("y", d)'), code('check("z", d)')]}
    assert grading._answer_cells(nb, 4) == [2, 3]
    assert grading._answer_cells(nb, 6) == [5]
    assert grading._answer_cells(nb, 7) == []
    assert grading._answer_cells(nb, 0) == []
    assert grading._answer_cells({"cells": [code("a = 1"), code("b = 2"), code('check("x", b)')]}, 2) == [0, 1]


def test_expected_column(monkeypatch):
    assert grading._expected("fixture-hours") == HOURS
    assert grading._expected("fixture-service") == "'Lambda'"
    assert grading._expected("fixture-nope") == "(정답을 계산하지 못했습니다: ValueError)"
    monkeypatch.setitem(exercises.REGISTRY, "x-broken", exercises.Exercise("x-broken", lambda: 1 / 0, "힌트"))
    assert grading._expected("x-broken") == "(정답을 계산하지 못했습니다: ZeroDivisionError)"


def test_scored_rows():
    hours = ExerciseInfo("fixture-hours", 2, True)
    row = grading._scored(hours, 0.0, "744", "오답: 744")
    assert row == grading.ExerciseScore("fixture-hours", 0.0, 2, "744", f"오답: 744; 정답 {HOURS}", True, HOURS, False)
    row = grading._scored(hours, 0.0, "744", "오답: 744", "답 셀(2번 셀): 멈춤.")
    assert row.reason == f"답 셀(2번 셀): 멈춤. 그 결과 오답: 744; 정답 {HOURS}"
    # Full marks: neither the expected answer nor a cause is added.
    assert grading._scored(hours, 2.0, "720", "정답", "답 셀(2번 셀): 멈춤.").reason == "정답"
    assert grading._scored(hours, 3.0, "720", "정답", "원인").reason == "정답"
    # Part of the points with a reason that is not "오답": only the cause is added.
    assert grading._scored(hours, 1.0, "720", "정답", "원인").reason == "원인 그 결과 정답"
    blank = grading._scored(hours, 0.0, "", exercises.NOT_ANSWERED)
    assert (blank.reason, blank.unanswered, blank.expected) == (exercises.NOT_ANSWERED, True, HOURS)
    essay = grading._scored(ExerciseInfo("fixture-hours", None, False), 0.0, "", "오답: x")
    assert (essay.points, essay.reason) == (0, "오답: x")  # no points at stake: nothing lost, nothing added


def test_name_hint():
    nb = {"cells": [code("answer_x = 1"), code("y = 2"), code("def (")]}
    hint = " 답 셀이 answer_z에 값을 넣지 않습니다(변수 이름을 바꾸었거나 지웠을 수 있습니다)."
    assert grading._name_hint("NameError: name 'answer_z' is not defined", nb, [0, 1]) == hint
    assert grading._name_hint("NameError: name 'answer_x' is not defined", nb, [0, 1]) == ""
    assert grading._name_hint("NameError: name 'y' is not defined", nb, [1]) == ""
    assert grading._name_hint("NameError: name 'answer_z' is not defined", nb, [0, 2]) == ""  # a cell does not parse
    assert grading._name_hint("TypeError: 'answer_z'", nb, [1]) == ""
    assert grading._name_hint("NameError: answer_z", nb, [1]) == ""
    assert grading._name_hint("NameError: name 'answer_z", nb, [1]) == ""
    assert grading._name_hint("NameError: name 'answer_z' is not defined", nb, []) == hint


# --------------------------------------------------------------------------- scoring a run

def test_records_are_scaled_to_the_manifest_points():
    chapter = Chapter("c", "", (ExerciseInfo("fixture-hours", 4, True), ExerciseInfo("fixture-service", 1, True),
                                ExerciseInfo("fixture-downtime", 3, True)))
    scores = grading.score_exercises(chapter, NOTEBOOK, ALL_OK, {
        "fixture-hours": record(1, 2, "360", "정답"),         # half of the key's points -> half of 4 = 2
        "fixture-service": record(1, 3, "x", "오답: x"),      # a third of 1 point, six decimals
        "fixture-downtime": record(5, 2, "43.2", ""),         # more than the points -> capped at 3; no reason is 정답
    })
    assert [(s.score, s.points, s.answer, s.reason, s.recorded) for s in scores] == [
        (2.0, 4, "360", "정답", True),
        (0.333333, 1, "x", "오답: x; 정답 'Lambda'", True),
        (3.0, 3, "43.2", "정답", True),
    ]
    scores = grading.score_exercises(chapter, NOTEBOOK, ALL_OK, {
        "fixture-hours": record(-1, 2), "fixture-service": record(1, 0), "fixture-downtime": record(2, -2)})
    assert [s.score for s in scores] == [0.0, 0.0, 0.0]


def test_a_missing_check_cell_names_the_other_ids():
    nb = {"cells": [*NOTEBOOK["cells"][:5], code('check("fixture-servce", answer_service)'),
                    *NOTEBOOK["cells"][6:]]}
    scores = grading.score_exercises(CHAPTER, nb, ALL_OK, {"fixture-hours": record(2, 2, "720", "정답")})
    assert scores[1] == grading.ExerciseScore(
        "fixture-service", 0.0, 1, "",
        '채점 셀 check("fixture-service", ...)이(가) 노트북에 없습니다. 셀을 지웠거나 문제 id를 바꾸었을 수 있습니다. '
        "노트북에 있는 다른 id: fixture-servce.", False, "'Lambda'")
    nb = {"cells": NOTEBOOK["cells"][:3]}
    (_, service, _) = grading.score_exercises(CHAPTER, nb, ALL_OK, {})
    assert service.reason == ('채점 셀 check("fixture-service", ...)이(가) 노트북에 없습니다. 셀을 지웠거나 '
                              "문제 id를 바꾸었을 수 있습니다.")


def test_check_cells_that_did_not_record():
    stopped = "노트북 실행 제한 시간(12초)을 넘겨 중단했습니다."
    run = NotebookRun({1: CellRun("ok"), 2: CellRun("ok"), 4: CellRun("error", "SyntaxError: invalid syntax (1번째 줄)"),
                       5: CellRun("error", "NameError: name 'answer_service' is not defined"),
                       7: CellRun("timeout", "셀 실행 제한 시간(3초)을 넘겨 중단했습니다."), 8: CellRun("not-run")},
                      stopped=stopped)
    hours, service, downtime = grading.score_exercises(CHAPTER, NOTEBOOK, run, {})
    assert hours.reason == "채점 셀(3번 셀)이 점수를 기록하지 않았습니다(셀 내용이 바뀌었을 수 있습니다)."
    # The cause (the answer cell) first, then the symptom; no variable hint when the cause is known.
    assert service.reason == ("답 셀(5번 셀)에서 오류: SyntaxError: invalid syntax (1번째 줄). 그 결과 채점 셀(6번 셀)에서 "
                              "오류가 났습니다: NameError: name 'answer_service' is not defined")
    # A stopped notebook says so; the answer cell's timeout is part of that story and not repeated.
    assert downtime.reason == f"{stopped} 그래서 채점 셀(9번 셀)을 실행하지 못했습니다."
    assert (downtime.score, downtime.points, downtime.answer, downtime.recorded, downtime.expected) == (
        0.0, 2, "", False, DOWNTIME)
    # Not stopped, yet the check cell did not run (no entry at all): the cause stays.
    run = NotebookRun({7: CellRun("error", "ZeroDivisionError: division by zero")})
    *_, downtime = grading.score_exercises(CHAPTER, NOTEBOOK, run, {})
    assert downtime.reason == ("답 셀(8번 셀)에서 오류: ZeroDivisionError: division by zero. 그 결과 그래서 채점 셀(9번 셀)을 "
                               "실행하지 못했습니다.")


def test_a_renamed_variable_gets_a_hint_and_a_recorded_answer_keeps_its_cause():
    nb = {"cells": [*NOTEBOOK["cells"][:1], code("answer_hour = 720"), *NOTEBOOK["cells"][2:]]}
    run = NotebookRun({**ALL_OK.cells, 2: CellRun("error", "NameError: name 'answer_hours' is not defined"),
                       7: CellRun("timeout", "셀 실행 제한 시간(3초)을 넘겨 중단했습니다.")})
    hours, _, downtime = grading.score_exercises(CHAPTER, nb, run, {
        "fixture-service": record(1, 1, "'Lambda'", "정답"), "fixture-downtime": record(0, 2, "43.5", "오답: 43.5")})
    assert hours.reason == ("채점 셀(3번 셀)에서 오류가 났습니다: NameError: name 'answer_hours' is not defined 답 셀이 "
                            "answer_hours에 값을 넣지 않습니다(변수 이름을 바꾸었거나 지웠을 수 있습니다).")
    assert downtime.reason == (f"답 셀(8번 셀): 셀 실행 제한 시간(3초)을 넘겨 중단했습니다. 그 결과 오답: 43.5; 정답 {DOWNTIME}")


def test_two_answer_cells_and_two_check_cells():
    nb = {"cells": [md(), code("a = 1"), code("answer_hours = a * 720"), code('check("fixture-hours", answer_hours)'),
                    code('check("fixture-hours", answer_hours)')]}
    run = NotebookRun({1: CellRun("error", "E1"), 2: CellRun("error", "E2"), 3: CellRun("ok"),
                       4: CellRun("error", "X")})
    hours, *_ = grading.score_exercises(CHAPTER, nb, run, {})
    # The first check cell (4번) is the one judged; both answer cells are named, in order.
    assert hours.reason == ("답 셀(2번 셀)에서 오류: E1. 답 셀(3번 셀)에서 오류: E2. 그 결과 채점 셀(4번 셀)이 점수를 "
                            "기록하지 않았습니다(셀 내용이 바뀌었을 수 있습니다).")


# --------------------------------------------------------------------------- answer sheets through the batch

def _write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return path


def test_sheets_are_graded_without_a_kernel(tmp_path, monkeypatch):
    async def no_kernel(*args, **kwargs):
        raise AssertionError("답안지는 커널 없이 채점합니다")

    monkeypatch.setattr(grading, "run_cells", no_kernel)
    right = _write(tmp_path, "a.json", sheet(student=" 김  하늘 ", answers=[
        {"exercise": "fixture-hours", "answer": "727시간"},        # 7 <= 1% of 727
        {"exercise": "fixture-service", "answer": " lambda"},
        {"exercise": "fixture-downtime", "answer": 43.29}]))        # 0.09 <= max(0.1, 1% of 43.29)
    wrong = _write(tmp_path, "b.json", sheet(exported_at="어제", answers=[
        {"exercise": "fixture-hours", "answer": "728"},            # 8 > 7.28
        {"exercise": "fixture-service", "answer": "EC2"}, {"exercise": "fixture-bonus", "answer": "1"}]))
    a, b = grading.grade_submissions([right, wrong], CHAPTER, jobs=1)
    assert (a.student, a.path, a.total, a.note) == ("김 하늘", right, 5.0, "")
    assert [(s.score, s.answer, s.reason, s.expected) for s in a.scores] == [
        (2.0, "727시간", "정답", HOURS), (1.0, " lambda", "정답", "'Lambda'"), (2.0, "43.29", "정답", DOWNTIME)]
    assert 0 <= a.seconds < 60
    assert (b.student, b.total) == ("홍길동", 0.0)
    assert b.note == ("내보낸 시각(exported_at)이 없거나 잘못되었습니다. "
                      "이 장에 없는 문제 id의 답은 채점하지 않았습니다: fixture-bonus.")
    assert [(s.score, s.answer, s.reason, s.unanswered, s.recorded) for s in b.scores] == [
        (0.0, "728", f"오답: '728'; 정답 {HOURS}", False, True),
        (0.0, "EC2", "오답: 'EC2'; 정답 'Lambda'", False, True),
        (0.0, "", exercises.NOT_ANSWERED, True, True)]


def test_a_sheet_is_scored_in_the_manifests_points(tmp_path, monkeypatch):
    chapter = Chapter("90_fixture", "", (ExerciseInfo("fixture-hours", 5, True), ExerciseInfo("fixture-service", 3, True)))
    path = _write(tmp_path, "a.json", sheet(answers=[{"exercise": "fixture-hours", "answer": 720},
                                                     {"exercise": "fixture-service", "answer": ["Lambda"]}]))
    (graded,) = grading.grade_submissions([path], chapter)
    assert [(s.score, s.points, s.answer, s.reason) for s in graded.scores] == [
        (5.0, 5, "720", "정답"), (0.0, 3, "", "답이 글자나 수가 아닙니다(list)")]
    monkeypatch.setattr(exercises, "grade", lambda *a: (_ for _ in ()).throw(RuntimeError("고장")))
    (graded,) = grading.grade_submissions([path], chapter)
    assert graded.scores[0].reason == "채점 중 예기치 않은 오류가 났습니다(RuntimeError: 고장)."
    assert graded.scores[0].score == 0.0


def test_unreadable_sheets_lose_every_exercise(tmp_path, monkeypatch):
    folder = tmp_path / "x.json"
    folder.mkdir()
    other = _write(tmp_path, "o.json", sheet(chapter="03_sla"))
    gone, wrong_chapter = grading.grade_submissions([folder, other], CHAPTER)
    assert gone.note == "HTML 답안지: 파일을 읽을 수 없습니다(Is a directory)."
    assert wrong_chapter.note == "HTML 답안지: 다른 장(03_sla)의 답안지입니다. 지금 채점하는 장은 90_fixture입니다."
    assert wrong_chapter.student == "o" and wrong_chapter.total == 0
    assert wrong_chapter.scores == [grading.ExerciseScore(i, 0.0, p, "", wrong_chapter.note, False)
                                    for i, p in zip(IDS, (2, 1, 2))]

    def broken(path, chapter):
        raise KeyError("x")

    monkeypatch.setattr(grading, "_sheet_submission", broken)
    (odd,) = grading.grade_submissions([other], CHAPTER)
    assert (odd.student, odd.path, odd.note) == ("o", other, "채점 중 예기치 않은 오류가 났습니다(KeyError: 'x').")
    assert [s.reason for s in odd.scores] == [odd.note] * 3 and odd.total == 0


# --------------------------------------------------------------------------- notebooks with a stand-in kernel

class FakeKernel:
    """Runs the ``check("<id>", <literal>)`` calls of a plan the way exercises.check() records them."""

    def __init__(self):
        self.calls, self.active, self.most = [], 0, 0

    async def __call__(self, plan, *, env, cwd, timeout, cell_timeout, sandbox):
        self.calls.append({"plan": plan, "env": env, "cwd": cwd, "timeout": timeout, "cell_timeout": cell_timeout,
                           "sandbox": sandbox})
        assert Path(cwd).is_dir() and Path(env[exercises.RESULTS_ENV]).parent == Path(cwd)
        self.active += 1
        self.most = max(self.most, self.active)
        await asyncio.sleep(0.05)
        self.active -= 1
        cells = {}
        with open(env[exercises.RESULTS_ENV], "a", encoding="utf-8") as fh:
            for index, text in plan:
                if text.startswith("raise"):
                    raise RuntimeError(text.split(" ", 1)[1])
                for ex_id, literal in re.findall(r'check\("([^"]+)", (.+)\)', text):
                    score, reason = exercises.grade(ex_id, ast.literal_eval(literal))
                    fh.write(json.dumps({"id": ex_id, "score": score, "points": exercises.get(ex_id).points,
                                         "answer": exercises.answer_text(ast.literal_eval(literal)),
                                         "reason": reason}, ensure_ascii=False) + "\n")
                cells[index] = CellRun("ok")
        return NotebookRun(cells, stopped="" if len(plan) < 9 else "멈춤.")


def _notebook(folder: Path, name: str, hours="720", service="'Lambda'", downtime="43.2", extra=()) -> Path:
    nb = {"cells": [code("import awsbook\nawsbook.setup()", ["remove-cell"]), *extra,
                    code(f'check("fixture-hours", {hours})'), code(f'check("fixture-service", {service})'),
                    code(f'check("fixture-downtime", {downtime})')]}
    return _write(folder, name, nb)


def test_notebooks_through_the_batch(tmp_path, monkeypatch):
    kernel = FakeKernel()
    monkeypatch.setattr(grading, "run_cells", kernel)
    monkeypatch.setenv(exercises.STRICT_ENV, "1")
    paths = [_notebook(tmp_path, "kim.ipynb"), _notebook(tmp_path, "lee.ipynb", hours="744", downtime="None"),
             _notebook(tmp_path, "park.ipynb", extra=[code("x = 1")] * 5), _write(tmp_path, "x.ipynb", b"")]
    kim, lee, park, empty = grading.grade_submissions(paths, CHAPTER, timeout=7, cell_timeout=2, jobs=1)
    assert (kim.student, kim.total, kim.note) == ("kim", 5.0, "")
    assert [s.reason for s in lee.scores] == [f"오답: 744; 정답 {HOURS}", "정답", exercises.NOT_ANSWERED]
    assert lee.total == 1.0 and 0 <= lee.seconds < 60
    assert park.note == "멈춤." and park.total == 5.0  # nine cells: the stand-in reports a stop
    assert (empty.note, [s.reason for s in empty.scores]) == ("빈 파일입니다.", ["빈 파일입니다."] * 3)
    assert len(kernel.calls) == 3 and kernel.most == 1
    first = kernel.calls[0]
    assert (first["timeout"], first["cell_timeout"]) == (7.0, 2.0)
    assert exercises.STRICT_ENV not in first["env"] and first["env"]["PATH"] == os.environ["PATH"]
    assert first["plan"][0] == (0, "")  # the drawing cell is skipped: nothing later uses awsbook
    assert grading.read_records(Path(first["env"][exercises.RESULTS_ENV])) == {}  # the folder is gone


def test_full_runs_the_drawing_cells_and_jobs_run_at_once(tmp_path, monkeypatch):
    kernel = FakeKernel()
    monkeypatch.setattr(grading, "run_cells", kernel)
    paths = [_notebook(tmp_path, f"s{i}.ipynb") for i in range(3)]
    grading.grade_submissions(paths, CHAPTER, jobs=3, full=True)
    assert kernel.most == 3
    assert kernel.calls[0]["plan"][0] == (0, "import awsbook\nawsbook.setup()")
    kernel = FakeKernel()
    monkeypatch.setattr(grading, "run_cells", kernel)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    grading.grade_submissions(paths, CHAPTER)  # default: one kernel per CPU
    assert kernel.most == 2
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    kernel = FakeKernel()
    monkeypatch.setattr(grading, "run_cells", kernel)
    grading.grade_submissions(paths, CHAPTER)
    assert kernel.most == 1


def test_a_failing_run_or_an_unreadable_file_costs_only_that_submission(tmp_path, monkeypatch):
    monkeypatch.setattr(grading, "run_cells", FakeKernel())
    bad = _write(tmp_path, "bad.ipynb", {"cells": [code("raise 커널 고장")]})
    folder = tmp_path / "dir.ipynb"
    folder.mkdir()
    good = _notebook(tmp_path, "good.ipynb")
    bad_result, dir_result, good_result = grading.grade_submissions([bad, folder, good], CHAPTER, jobs=2)
    assert bad_result.note == "채점 중 예기치 않은 오류가 났습니다(RuntimeError: 커널 고장)."
    assert [s.reason for s in bad_result.scores] == [bad_result.note] * 3 and bad_result.seconds >= 0
    assert dir_result.note == "파일을 읽을 수 없습니다(Is a directory)." and dir_result.total == 0
    assert good_result.total == 5.0


def test_grading_from_inside_a_running_event_loop(tmp_path, monkeypatch):
    monkeypatch.setattr(grading, "run_cells", FakeKernel())
    path = _notebook(tmp_path, "kim.ipynb")

    async def teacher_notebook():
        return grading.grade_submissions([path], CHAPTER, jobs=1)

    # A thread of its own: a browser test earlier in the session may leave a loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        (graded,) = pool.submit(asyncio.run, teacher_notebook()).result()
    assert graded.total == 5.0


def test_submission_files(tmp_path):
    for name in ("a.ipynb", "B.IPYNB", "c.json", "D.JSON", "manifest.json", "Manifest.JSON", ".hidden.ipynb",
                 ".h.json", "e.txt", "f.json.txt"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    (tmp_path / "sub.ipynb").mkdir()
    assert [p.name for p in grading.submission_files(tmp_path)] == ["B.IPYNB", "D.JSON", "a.ipynb", "c.json"]
    with pytest.raises(ValueError) as err:
        grading.submission_files(tmp_path / "a.ipynb")
    assert str(err.value) == (f"매개변수 'submissions'에 {str(tmp_path / 'a.ipynb')!r}이(가) 주어졌습니다. "
                              "제출된 노트북(*.ipynb)이나 HTML 답안지(*.json)가 들어 있는 폴더만 허용됩니다.")


# --------------------------------------------------------------------------- summary and reports

def _score(ex, score, points=2, answer="", recorded=True, unanswered=False):
    return grading.ExerciseScore(ex, score, points, answer, "r", recorded, "", unanswered)


def test_kinds_and_summary():
    assert grading._kind(_score("a", 2.0)) == "correct" and grading._kind(_score("a", 2.5)) == "correct"
    assert grading._kind(_score("a", 1.999)) == "wrong"
    assert grading._kind(_score("a", 0.0, unanswered=True)) == "unanswered"
    assert grading._kind(_score("a", 2.0, recorded=False)) == "not_graded"
    chapter = Chapter("c", "", (ExerciseInfo("a", 2, True), ExerciseInfo("b", 1, True), ExerciseInfo("z", None, False)))
    subs = [grading.Submission("s1", Path("s1"), [_score("a", 2.0), _score("b", 1.0, 1)]),
            grading.Submission("s2", Path("s2"), [_score("a", 0.0, answer="744"), _score("b", 0.0, 1, answer="EC2")]),
            grading.Submission("s3", Path("s3"), [_score("a", 0.0, answer="744"), _score("b", 0.0, 1, answer="ECS")]),
            grading.Submission("s4", Path("s4"), [_score("a", 1.0, answer="700"), _score("b", 0.0, 1, recorded=False)]),
            grading.Submission("s5", Path("s5"), [_score("a", 0.0, unanswered=True)]),
            grading.Submission("s6", Path("s6"), [_score("a", 0.0, recorded=False)])]
    a, b = grading.summarize(subs, chapter)
    # a: (2 + 0 + 0 + 1 + 0 + 0) / 6 = 0.5; 1 right, 3 wrong (744, 744, 700), 1 blank, 1 not graded.
    assert a == grading.ExerciseSummary("a", 2, 0.5, 1, 3, 1, 1, "744", 2)
    # b: (1 + 0 + 0 + 0) / 4 = 0.25; EC2 and ECS once each: the first seen is the most common.
    assert b == grading.ExerciseSummary("b", 1, 0.25, 1, 2, 0, 1, "EC2", 1)
    (c,) = grading.summarize(subs[:3], Chapter("c", "", (ExerciseInfo("b", 1, True),)))
    assert c.mean_score == 0.333  # 1 / 3 rounded to three decimals
    (d,) = grading.summarize([], Chapter("c", "", (ExerciseInfo("q", None, True),)))
    assert d == grading.ExerciseSummary("q", 0, 0.0, 0, 0, 0, 0, "", 0)
    assert grading.Submission("s", Path("s"), [_score("a", 1.5), _score("b", 0.25)]).total == 1.75
    assert grading.Submission("s", Path("s")).total == 0


def test_cells_and_numbers_in_reports():
    assert grading._fmt(2.0) == "2" and grading._fmt(1.5) == "1.5" and grading._fmt(0.333333) == "0.333333"
    for plain in ("-5", "+3", "-1.5e-3", "+1,000", "1e5", "", "정답", "-0"):
        assert grading._cell(plain) == plain
    for formula in ("=1+1", "+A1", "-x", "@SUM(A1)", "\tx", "\rx", "-", "+", "=", "-1-1x"):
        assert grading._cell(formula) == "'" + formula
    assert grading._cell(-2.5) == "-2.5" and grading._cell(None) == "None"


def test_report_paths():
    assert grading.report_paths(Path("out/grades.csv")) == (
        Path("out/grades.csv"), Path("out/grades_details.csv"), Path("out/grades_summary.csv"))
    assert grading.report_paths("g") == (Path("g"), Path("g_details.csv"), Path("g_summary.csv"))


def test_write_reports(tmp_path):
    chapter = Chapter("c", "", (ExerciseInfo("fixture-hours", 2, True), ExerciseInfo("fixture-service", 1, True),
                                ExerciseInfo("fixture-essay", None, False)))
    subs = [grading.Submission("김하늘", tmp_path / "a.json", [
                grading.ExerciseScore("fixture-hours", 2.0, 2, "720", "정답", True, HOURS),
                grading.ExerciseScore("fixture-service", 0.5, 1, "=lambda", "부분", True, "'Lambda'")]),
            grading.Submission("-bad", tmp_path / "b.ipynb", [
                grading.ExerciseScore("fixture-hours", 0.0, 2, "", "빈 파일입니다.", False),
                grading.ExerciseScore("fixture-service", 0.0, 1, "", "빈 파일입니다.", False)], note="빈 파일입니다.")]
    out = tmp_path / "new" / "deeper" / "g.csv"  # folders that do not exist yet
    assert grading.write_reports(subs, chapter, out) == grading.report_paths(out)
    raw = {p.name: p.read_bytes() for p in out.parent.iterdir()}
    assert sorted(raw) == ["g.csv", "g_details.csv", "g_summary.csv"]
    assert all(data.startswith(b"\xef\xbb\xbf") for data in raw.values())

    def rows(name):
        with open(out.parent / name, encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh))

    assert rows("g.csv") == [["student", "fixture-hours", "fixture-service", "total", "note"],
                             ["김하늘", "2", "0.5", "2.5", ""], ["'-bad", "0", "0", "0", "빈 파일입니다."]]
    assert rows("g_details.csv") == [
        ["student", "exercise", "score", "points", "answer", "expected", "reason"],
        ["김하늘", "fixture-hours", "2", "2", "720", HOURS, "정답"],
        ["김하늘", "fixture-service", "0.5", "1", "'=lambda", "'Lambda'", "부분"],
        ["'-bad", "fixture-hours", "0", "2", "", "", "빈 파일입니다."],
        ["'-bad", "fixture-service", "0", "1", "", "", "빈 파일입니다."]]
    # Summary: fixture-hours (2 + 0) / 2 = 1; fixture-service 0.5 of 1 is a wrong (partial) answer: 0.25.
    assert rows("g_summary.csv") == [
        ["exercise", "points", "mean_score", "correct", "wrong", "unanswered", "not_graded",
         "most_common_wrong_answer", "most_common_wrong_count"],
        ["fixture-hours", "2", "1", "1", "0", "0", "1", "", "0"],
        ["fixture-service", "1", "0.25", "0", "1", "0", "1", "'=lambda", "1"]]
    assert b"\r\n" in raw["g.csv"]  # the csv module's line ends, as Excel writes them


# --------------------------------------------------------------------------- answer sheets

def test_is_sheet_file():
    assert sheets.is_sheet_file("a.json") and sheets.is_sheet_file("A.JSON")
    assert not sheets.is_sheet_file("manifest.json") and not sheets.is_sheet_file("MANIFEST.JSON")
    assert not sheets.is_sheet_file("a.json.txt") and not sheets.is_sheet_file("a.ipynb")
    assert sheets.is_sheet_file("my-manifest.json")


def test_sheet_size_limit():
    # 256 KB = 262,144 bytes is allowed; one byte more is refused.
    data = sheet_bytes()
    padded = data + b" " * (sheets.MAX_BYTES - len(data))
    assert len(padded) == 262_144 and sheets.read_sheet(padded, "90_fixture", IDS)[1] == ""
    assert sheets.read_sheet(padded + b" ", "90_fixture", IDS) == (
        None, "답안지 파일이 너무 큽니다(262,145바이트, 최대 256 KB).")


@pytest.mark.parametrize("data, problem", [
    (b" \n", "빈 파일입니다."),
    (b"{", "JSON 형식이 아닙니다(1번째 줄 2번째 칸: Expecting property name enclosed in double quotes)."),
    (b"\xc3\x28", "UTF-8 텍스트 파일이 아닙니다."),
    (b"[]", "교과서의 '답안 내보내기'로 만든 답안지가 아닙니다(format 항목이 'awsbook-answer-sheet'이어야 합니다)."),
    (sheet_bytes(format="awsbook-answer-sheets"), "교과서의 '답안 내보내기'로 만든 답안지가 아닙니다(format 항목이 "
                                                  "'awsbook-answer-sheet'이어야 합니다)."),
    (sheet_bytes(version="1"), "지원하지 않는 답안지 버전입니다('1'). 이 채점기는 1, 2판을 읽습니다."),
    (sheet_bytes(version=None), "지원하지 않는 답안지 버전입니다(None). 이 채점기는 1, 2판을 읽습니다."),
    (sheet_bytes(version=True), "지원하지 않는 답안지 버전입니다(True). 이 채점기는 1, 2판을 읽습니다."),  # True == 1 in Python
    (sheet_bytes(student=" \t"), "답안지에 학생 이름(student)이 없습니다. 이름 없는 답안지는 채점하지 않습니다."),
    (sheet_bytes(student=["a"]), "답안지에 학생 이름(student)이 없습니다. 이름 없는 답안지는 채점하지 않습니다."),
    (sheet_bytes(chapter=" "), "답안지에 장(chapter)이 적혀 있지 않습니다."),
    (sheet_bytes(chapter=90), "답안지에 장(chapter)이 적혀 있지 않습니다."),
    (sheet_bytes(chapter="03_sla"), "다른 장(03_sla)의 답안지입니다. 지금 채점하는 장은 90_fixture입니다."),
    (sheet_bytes(chapter="90_fixture "), "다른 장(90_fixture )의 답안지입니다. 지금 채점하는 장은 90_fixture입니다."),
    (sheet_bytes(answers=None), "답안지에 답 목록(answers)이 없거나 목록 형식이 아닙니다."),
    (sheet_bytes(answers="720"), "답안지에 답 목록(answers)이 없거나 목록 형식이 아닙니다."),
])
def test_sheets_that_cannot_be_graded(data, problem):
    assert sheets.read_sheet(data, "90_fixture", IDS) == (None, problem)


def test_sheet_fields():
    got, problem = sheets.read_sheet(sheet_bytes(student="  홍   길동\n", book_version=5), "90_fixture", IDS)
    assert problem == "" and (got.student, got.chapter, got.book_version, got.notes) == ("홍 길동", "90_fixture", "", [])
    assert sheets.read_sheet(sheet_bytes(student="가" * 61), "90_fixture", IDS)[0].student == "가" * 60
    assert sheets.read_sheet(sheet_bytes(book_version="abc"), "90_fixture", IDS)[0].book_version == "abc"
    assert sheets.read_sheet(sheet_bytes(), "90_fixture", IDS)[0].answers == {"fixture-hours": "720"}
    assert sheets.read_sheet(sheet_bytes(answers=[]), "90_fixture", IDS)[0].answers == {}
    for stamp, ok in (("2026-03-02T09:00:00.000Z", True), ("2026-03-02", True), ("어제", False), (None, False),
                      (5, False)):
        got, _ = sheets.read_sheet(sheet_bytes(exported_at=stamp), "90_fixture", IDS)
        assert got.notes == ([] if ok else ["내보낸 시각(exported_at)이 없거나 잘못되었습니다."]), stamp
    data = sheet(answers=[])
    del data["exported_at"]
    got, _ = sheets.read_sheet(json.dumps(data).encode(), "90_fixture", IDS)
    assert got.notes == ["내보낸 시각(exported_at)이 없거나 잘못되었습니다."]


def test_sheet_entries():
    ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    entries = [{"exercise": "a", "answer": "1"}, "x", {"exercise": 5}, {"exercise": "zz", "answer": "1"},
               {"exercise": "zz"}, {"exercise": "yy"}, {"exercise": "b", "answer": None}, {"exercise": "c", "answer": 3},
               {"exercise": "d", "answer": {"v": 1}}, {"exercise": "e", "answer": "x" * 200},
               {"exercise": "f", "answer": True}, 7, [], None, {"exercise": None}, {"exercise": "g", "answer": "1"},
               {"exercise": "g", "answer": "2"}, {"exercise": "h"}, {"exercise": "i", "answer": "x" * 201},
               {"exercise": "c2"}, {"exercise": "g", "answer": "3"}, {"exercise": "b2", "answer": 2.5}]
    got, problem = sheets.read_sheet(sheet_bytes(answers=entries), "90_fixture", ids)
    assert problem == ""
    assert got.answers == {"a": "1", "b": None, "c": 3, "e": "x" * 200, "h": None}
    assert got.problems == {
        "d": "답이 글자나 수가 아닙니다(dict)", "f": "답이 글자나 수가 아닙니다(bool)",
        "g": "같은 문제의 답이 답안지에 3번 들어 있습니다(답안지를 손으로 고친 것으로 보여 채점하지 않았습니다)",
        "i": "답이 너무 깁니다(201자, 최대 200자)"}
    # Bad entries at positions 2, 3, 12, 13, 14, 15: six, the first five listed.
    assert got.notes == ["이 장에 없는 문제 id의 답은 채점하지 않았습니다: b2, c2, yy, zz.",
                         "형식이 잘못된 답 항목 6개를 건너뛰었습니다(2, 3, 12, 13, 14번째)."]
    got, _ = sheets.read_sheet(sheet_bytes(answers=["x", {"exercise": "a", "answer": "1"}, 3]), "90_fixture", ids)
    assert got.notes == ["형식이 잘못된 답 항목 2개를 건너뛰었습니다(1, 3번째)."] and got.answers == {"a": "1"}
    got, _ = sheets.read_sheet(sheet_bytes(answers=[{"exercise": "a", "answer": "1"}, {"exercise": "a", "answer": "1"}]),
                               "90_fixture", ids)
    assert got.problems == {"a": "같은 문제의 답이 답안지에 2번 들어 있습니다(답안지를 손으로 고친 것으로 보여 채점하지 "
                                 "않았습니다)"} and got.answers == {}


def test_chapter_of():
    assert sheets.chapter_of(sheet_bytes()) == "90_fixture"
    assert sheets.chapter_of(b"\xef\xbb\xbf" + sheet_bytes(chapter="03_sla")) == "03_sla"
    assert sheets.chapter_of(sheet_bytes(chapter=3)) is None
    assert sheets.chapter_of(sheet_bytes(format="x")) is None
    assert sheets.chapter_of(b"[]") is None and sheets.chapter_of(b"{") is None and sheets.chapter_of(b"") is None
    assert sheets.chapter_of(sheet_bytes() + b" " * sheets.MAX_BYTES) is None  # too big to read


# --------------------------------------------------------------------------- second round: what mutmut's survivors showed

def test_a_drawing_cells_import_used_by_the_very_next_cell_is_kept():
    nb = {"cells": [code("import awsbook\nfrom m import f\nf()", ["hide-input"]), code("y = awsbook.x")]}
    assert grading.cells_to_run(nb, full=False) == [(0, "import awsbook"), (1, "y = awsbook.x")]
    # A name at the very end of a later cell (no newline after it) counts too.
    nb = {"cells": [code("import awsbook\nimport m", ["hide-input"]), code("y = awsbook"), code("z = m")]}
    assert grading.cells_to_run(nb, full=False)[0] == (0, "import awsbook\nimport m")


def test_only_trailing_full_stops_are_dropped_from_an_error():
    assert grading._answer_cell_problem(1, CellRun("error", "MyError: X.")) == "답 셀(2번 셀)에서 오류: MyError: X."


def test_answer_cells_stop_at_the_top_of_the_notebook():
    nb = {"cells": [code("answer = 1"), code('check("x", answer)'), code("z = 1")]}
    assert grading._answer_cells(nb, 1) == [0]  # not wrapping round to the last cell


def test_a_zero_point_exercise_scores_zero_everywhere(tmp_path, monkeypatch):
    monkeypatch.setitem(exercises.REGISTRY, "x-zero", exercises.Exercise("x-zero", lambda: 1, "힌트", points=0))
    chapter = Chapter("90_fixture", "", (ExerciseInfo("x-zero", 0, True), ExerciseInfo("fixture-service", 1, True)))
    nb = {"cells": [code("a = 1"), code('check("x-zero", a)'), code('check("fixture-service", "Lambda")')]}
    run = NotebookRun({0: CellRun("ok"), 1: CellRun("ok"), 2: CellRun("ok")})
    zero, service = grading.score_exercises(chapter, nb, run, {"x-zero": record(0, 0, "1", "정답"),
                                                               "fixture-service": record(1, 1, "'Lambda'", "정답")})
    assert (zero.score, zero.points, zero.reason) == (0.0, 0, "정답") and service.score == 1.0
    path = _write(tmp_path, "a.json", sheet(answers=[{"exercise": "x-zero", "answer": "1"},
                                                     {"exercise": "fixture-service", "answer": "Lambda"}]))
    (graded,) = grading.grade_submissions([path], chapter)
    assert graded.note == "" and [(s.score, s.points, s.reason) for s in graded.scores] == [
        (0.0, 0, "정답"), (1.0, 1, "정답")]
    (lost,) = grading.grade_submissions([_write(tmp_path, "b.json", b"")], chapter)
    assert [(s.score, s.points) for s in lost.scores] == [(0.0, 0), (0.0, 1)]


def test_every_other_id_in_the_notebook_is_listed():
    nb = {"cells": [code('check("fixture-servce", a)'), code('check("fixture-srvice", a)')]}
    _, service, _ = grading.score_exercises(CHAPTER, nb, NotebookRun(), {})
    assert service.reason.endswith(" 노트북에 있는 다른 id: fixture-servce, fixture-srvice.")


def test_a_sheet_problem_costs_only_its_own_exercise(tmp_path):
    path = _write(tmp_path, "a.json", sheet(answers=[{"exercise": "fixture-hours", "answer": {"v": 720}},
                                                     {"exercise": "fixture-service", "answer": "Lambda"},
                                                     {"exercise": "fixture-downtime", "answer": "43.2분"}]))
    (graded,) = grading.grade_submissions([path], CHAPTER)
    assert [(s.exercise, s.score, s.reason) for s in graded.scores] == [
        ("fixture-hours", 0.0, "답이 글자나 수가 아닙니다(dict)"), ("fixture-service", 1.0, "정답"),
        ("fixture-downtime", 2.0, "정답")]


def test_a_notebook_run_keeps_its_path_and_a_recognisable_work_folder(tmp_path, monkeypatch):
    kernel = FakeKernel()
    monkeypatch.setattr(grading, "run_cells", kernel)
    path = _notebook(tmp_path, "kim.ipynb")
    (graded,) = grading.grade_submissions([path], CHAPTER)
    assert graded.path == path and graded.student == "kim"
    # A folder left behind by a crash is easy to recognise in the temp directory.
    assert Path(kernel.calls[0]["cwd"]).name.startswith("awsbook-grade-")


def test_fractional_time_limits_are_allowed_and_zero_is_not():
    assert grading.grade_submissions([], CHAPTER, timeout=0.5, cell_timeout=0.5) == []
    with pytest.raises(ValueError, match="매개변수 'cell_timeout'"):
        grading.grade_submissions([], CHAPTER, cell_timeout=0)
    with pytest.raises(ValueError, match="매개변수 'timeout'"):
        grading.grade_submissions([], CHAPTER, timeout=-0.5)


def test_a_manifest_can_make_an_exercise_worth_nothing(tmp_path):
    # The teacher's manifest says 0 points for fixture-hours (its key says 2): a right answer scores 0 of 0.
    chapter = Chapter("90_fixture", "", (ExerciseInfo("fixture-hours", 0, True), ExerciseInfo("fixture-service", 1, True)))
    hours, _ = grading.score_exercises(chapter, NOTEBOOK, ALL_OK, {"fixture-hours": record(2, 2, "720", "정답")})
    assert (hours.score, hours.points, hours.reason) == (0.0, 0, "정답")
    hours, _ = grading.score_exercises(chapter, {"cells": []}, NotebookRun(), {})
    assert (hours.score, hours.points, hours.recorded) == (0.0, 0, False)
    (graded,) = grading.grade_submissions([_write(tmp_path, "a.json", sheet())], chapter)
    assert [(s.score, s.points, s.reason) for s in graded.scores][0] == (0.0, 0, "정답")


# --------------------------------------------------------------------------- third round (issue 29): sheet versions

def test_a_sheet_without_a_version_is_not_read():
    data = sheet()
    del data["version"]
    readable = "이 채점기는 1, 2판을 읽습니다."
    assert sheets.read_sheet(json.dumps(data).encode(), "90_fixture", IDS) == (
        None, f"지원하지 않는 답안지 버전입니다(None). {readable}")
    for version, shown in ((0, "0"), (3, "3"), (2.5, "2.5"), ("2", "'2'"), ([2], "[2]"), (False, "False")):
        assert sheets.read_sheet(sheet_bytes(version=version), "90_fixture", IDS) == (
            None, f"지원하지 않는 답안지 버전입니다({shown}). {readable}")


@pytest.mark.parametrize("version, student_id, read_as, notes", [
    (2, " 2026 １２３４ ", "20261234", []),           # NFKC and no spaces, as the book's answer box writes it
    (2, 20261234, "20261234", []),
    (2, None, "", []), (2, "", "", []),
    (2, ["2026"], "", ["학번(student_id)을 읽을 수 없어 책의 기본 수로 채점했습니다."]),
    (2, True, "", ["학번(student_id)을 읽을 수 없어 책의 기본 수로 채점했습니다."]),
    (2, "1" * 41, "", ["학번(student_id)을 읽을 수 없어 책의 기본 수로 채점했습니다."]),   # 40 characters at most
    (2, "1" * 40, "1" * 40, []),
    (1, "20261234", "", []),                          # a version 1 sheet has no student id: the book's numbers
])
def test_a_version_2_sheet_names_its_students_numbers(version, student_id, read_as, notes):
    got, problem = sheets.read_sheet(sheet_bytes(version=version, student_id=student_id), "90_fixture", IDS)
    assert problem == "" and (got.student_id, got.notes) == (read_as, notes)
    assert got.answers == {"fixture-hours": "720"}


def test_a_version_2_sheet_may_leave_the_student_id_out():
    data = sheet(version=2)
    got, problem = sheets.read_sheet(json.dumps(data).encode(), "90_fixture", IDS)
    assert problem == "" and got.student_id == "" and got.notes == []
