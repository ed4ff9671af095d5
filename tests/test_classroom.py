"""Classroom kit: student copies without solutions, batch auto-grading, broken submissions.

The grader is tested on a small chapter of its own (tests/fixtures/classroom),
whose exercises are registered from a file outside the book's package.  The
student copies of the real chapters are checked too, so the checks keep
running as chapters gain exercises.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from awsbook import exercises
from awsbook.classroom import cli, grading, notebooks, sheets, student
from awsbook.classroom.kernel import CellRun, NotebookRun, error_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "classroom"
FIXTURE_CHAPTERS = FIXTURE / "chapters"
FIXTURE_EXERCISES = FIXTURE / "exercises.py"
SAMPLES = FIXTURE / "submissions"
BOOK_CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
#: Short limits for the sample folder so that the hanging cases end quickly.
SAMPLE_TIMEOUT, SAMPLE_CELL_TIMEOUT = 12, 3


@pytest.fixture(scope="module", autouse=True)
def fixture_exercises():
    """Register the test chapter's exercises here and in every kernel or subprocess started."""
    exercises.load_file(FIXTURE_EXERCISES)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(exercises.EXTRA_FILES_ENV, str(FIXTURE_EXERCISES))
        yield


def _run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awsbook.classroom", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def _text(nb: dict) -> str:
    return "\n".join(notebooks.source(c) for c in nb["cells"])


# --- An independent oracle for solution text (deliberately not the code under test) ---

_SOLUTION_BLOCK = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
                             re.M | re.S)
_GATED = re.compile(r"\{solution-start\}[^\n]*\n(?P<body>.*?)\n[^\n]*\{solution-end\}", re.S)


def _solution_parts(nb: dict) -> tuple[list[str], str]:
    """(solution texts, the rest of the notebook's text) of an original chapter."""
    parts, rest = [], []
    for cell in nb["cells"]:
        text = notebooks.source(cell)
        if "solution" in cell.get("metadata", {}).get("tags", []):
            parts.append(text)
            text = ""
        parts += [m["body"] for m in _SOLUTION_BLOCK.finditer(text)]
        rest.append(_SOLUTION_BLOCK.sub("", text))
    joined = "\n".join(rest)
    parts += [m["body"] for m in _GATED.finditer(joined)]
    return parts, _GATED.sub("", joined)


def _leaks(original: dict, copy: dict) -> tuple[list[str], list[str]]:
    """(non-trivial solution lines checked, those found in the student copy)."""
    parts, rest = _solution_parts(original)
    lines = {line.strip() for part in parts for line in part.splitlines()}
    # The lines that fetch a student's numbers (n = exercise_numbers("id")) are meant to stay.
    kept = set()
    for part in parts:
        try:
            kept.update(notebooks.numbers_lines(part))
        except SyntaxError:  # a solution's prose, not its code
            continue
    checked = sorted(line for line in lines
                     if len(line) >= 4 and re.search(r"\w", line)
                     and not re.match(r"^:[\w-]+:", line) and line not in rest and line not in kept)
    copy_text = _text(copy)
    return checked, [line for line in checked if line in copy_text]


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Student copies of the test chapter (through the command line) and of the book's chapters."""
    out = tmp_path_factory.mktemp("student-copies")
    proc = _run_cli("student-copy", str(out / "fixture"), "--chapters", str(FIXTURE_CHAPTERS),
                    "--exercises", str(FIXTURE_EXERCISES))
    assert proc.returncode == 0, proc.stderr
    student.make_student_copies(ROOT / "chapters", out / "book")
    return out


def _pairs(copies: Path) -> list[tuple[Path, Path]]:
    return ([(p, copies / "book" / p.name) for p in BOOK_CHAPTERS]
            + [(FIXTURE_CHAPTERS / "90_fixture.ipynb", copies / "fixture" / "90_fixture.ipynb")])


# --- Student copies ---

def test_fixture_copy_has_stubs_checks_and_no_solutions(copies):
    original = json.loads((FIXTURE_CHAPTERS / "90_fixture.ipynb").read_text(encoding="utf-8"))
    copy = json.loads((copies / "fixture" / "90_fixture.ipynb").read_text(encoding="utf-8"))
    answers = [notebooks.source(c) for c in copy["cells"] if "answer" in c["metadata"].get("tags", [])]
    # Only the checked variables are stubbed: the helper `hours_per_day` of the solution is not.
    assert answers == [
        "answer_hours = None  # 여기에 답을 작성하세요",
        "answer_service = None  # 여기에 답을 작성하세요",
        "answer_downtime = None  # 여기에 답을 작성하세요",
    ]
    assert notebooks.checked_ids(copy) == notebooks.checked_ids(original) == [
        "fixture-hours", "fixture-service", "fixture-downtime"]
    assert notebooks.exercise_labels(copy) == notebooks.exercise_labels(original)
    assert copy["metadata"]["awsbook"] == {"chapter": "90_fixture", "student_copy": True}
    checked, leaked = _leaks(original, copy)
    # The oracle sees every kind of solution: a {solution} block, a ::: block, a gated region, a cell.
    for line in ["하루 24시간에 날수 30을 곱해 720시간을 얻습니다.", "정답은 서버리스 함수 서비스인 Lambda입니다.",
                 "계산하면 약 43.2분입니다.", "minutes_in_30_days = 30 * 24 * 60", "hours_per_day = 24",
                 "요청이 드물고 짧게 끝나서 서버가 대부분 놀고 있는 경우입니다."]:
        assert line in checked
    assert leaked == []
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in copy["cells"] if c["cell_type"] == "code")


def test_manifest_and_zip(copies):
    data = json.loads((copies / "fixture" / student.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert data["chapters"] == [{
        "name": "90_fixture", "title": "교실 도구 시험용 장", "total_points": 5,
        "exercises": [
            {"id": "fixture-hours", "points": 2, "auto_checked": True},
            {"id": "fixture-service", "points": 1, "auto_checked": True},
            {"id": "fixture-downtime", "points": 2, "auto_checked": True},
            {"id": "fixture-essay", "points": None, "auto_checked": False},
        ],
    }]
    assert student.read_manifest(copies / "fixture" / student.MANIFEST_NAME) == student.chapters_from(FIXTURE_CHAPTERS)
    with zipfile.ZipFile(copies / "fixture" / student.ZIP_NAME) as zf:
        assert sorted(zf.namelist()) == ["90_fixture.ipynb", "README.txt"]  # it names no other file
        assert zf.read("90_fixture.ipynb") == (copies / "fixture" / "90_fixture.ipynb").read_bytes()
        assert "여기에 답을 작성하세요" in zf.read("README.txt").decode("utf-8")


def test_every_book_chapter_gets_a_student_copy(copies):
    assert BOOK_CHAPTERS
    assert sorted(p.name for p in (copies / "book").glob("*.ipynb")) == [p.name for p in BOOK_CHAPTERS]
    manifest = student.read_manifest(copies / "book" / student.MANIFEST_NAME)
    assert [c.name for c in manifest] == [p.stem for p in BOOK_CHAPTERS]


def test_student_copies_carry_the_figures_the_notebooks_show(copies):
    # Every ```{figure} path of a chapter, found here with a regex of its own, must exist next to the copy.
    figures = sorted({m for p in BOOK_CHAPTERS
                      for m in re.findall(r"\{figure\}\s+([^\s\\\"]+)", p.read_text(encoding="utf-8"))})
    assert figures, "장 노트북에 그림이 하나도 없습니다."
    with zipfile.ZipFile(copies / "book" / student.ZIP_NAME) as zf:
        names = set(zf.namelist())
        for figure in figures:
            assert (copies / "book" / figure).read_bytes() == (ROOT / "chapters" / figure).read_bytes()
            assert zf.read(figure) == (ROOT / "chapters" / figure).read_bytes()
    assert not any(n.endswith(".py") for n in names if not n.startswith(f"{student.LABS}/"))


def test_student_copies_carry_the_labs_whole(copies):
    # The hands-on labs hold no solutions: every page and artifact arrives unchanged, in the folder and the zip.
    labs = sorted(p for p in (ROOT / "labs").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert {p.relative_to(ROOT).as_posix() for p in labs} >= {
        "labs/account_safety.md", "labs/ec2/lab.ipynb", "labs/lambda/handler.py", "labs/app/Dockerfile",
        "labs/fargate/task-definition.json", "labs/eks/deployment.yaml", "labs/eks/service.yaml"}
    with zipfile.ZipFile(copies / "book" / student.ZIP_NAME) as zf:
        for path in labs:
            name = path.relative_to(ROOT).as_posix()
            assert (copies / "book" / name).read_bytes() == path.read_bytes() == zf.read(name), name


def test_referenced_files_stay_inside_the_chapter_folder(tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "a.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "other.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path.parent / "secret.txt").write_text("x", encoding="utf-8")
    nb = {"cells": [{"cell_type": "markdown", "source": "![a](img/a.svg) [b](other.ipynb) ../secret.txt img/none.png"},
                    {"cell_type": "code", "source": 'open("img/a.svg")'}]}
    assert student.referenced_files(nb, tmp_path) == ["img/a.svg"]


@pytest.mark.parametrize("index", range(len(BOOK_CHAPTERS) + 1))
def test_no_solution_text_survives(copies, index):
    original_path, copy_path = _pairs(copies)[index]
    original = json.loads(original_path.read_text(encoding="utf-8"))
    copy = json.loads(copy_path.read_text(encoding="utf-8"))
    _, leaked = _leaks(original, copy)
    assert leaked == [], f"{copy_path.name}: 학생용 노트북에 풀이가 남아 있습니다: {leaked}"
    assert not any("solution" in c.get("metadata", {}).get("tags", []) for c in copy["cells"])


def test_student_copies_pass_nbval(copies):
    # -c /dev/null: the repository's pytest settings (testpaths, addopts) must not apply here.
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(copies), "-q", str(copies / "fixture"), str(copies / "book")],
        cwd=copies, capture_output=True, text=True, timeout=900,
        env={k: v for k, v in os.environ.items() if k != exercises.STRICT_ENV},  # students are never strict
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and " failed" not in proc.stdout


def test_solution_cell_without_assignment_is_a_clear_error():
    with pytest.raises(ValueError, match="03_sla.ipynb 7번 셀: solution 셀이 답 변수를"):
        notebooks.answer_stub("print(42)", "03_sla.ipynb 7번 셀", set())
    with pytest.raises(ValueError, match="해석할 수 없습니다"):
        notebooks.answer_stub("answer =", "x", set())


def test_answer_stub_handles_tuples_and_annotations():
    code = "helper = 3\nanswer_a, (answer_b, *more) = 1, (2, 3, 4)\nanswer_c: float = helper * 2"
    stub = notebooks.answer_stub(code, "x", {"answer_a", "answer_b", "more", "answer_c"})
    assert stub.splitlines() == [f"{n} = None  # 여기에 답을 작성하세요"
                                 for n in ("answer_a", "answer_b", "more", "answer_c")]
    # No checked name assigned: every assigned name becomes a stub.
    assert notebooks.answer_stub("x = 1\ny = 2", "x", set()).count("= None") == 2


def test_a_student_copy_keeps_the_numbers_line_with_the_imports_it_needs():
    # The student's numbers line runs on its own: every name it uses is imported, nothing of the solution is.
    code = ("# 풀이\nfrom awsbook import cost, exercises, registration\nimport numpy as np\n"
            "n, month = exercises.exercise_numbers(\"a\"), registration.monthly_requests()\n"
            "answer_x = cost.lambda_monthly_cost(month, n.ms, 512) + np.pi")
    assert notebooks.numbers_lines(code) == [
        "from awsbook import exercises, registration",
        'n, month = exercises.exercise_numbers("a"), registration.monthly_requests()']
    code = "from awsbook.exercises import exercise_numbers\nn = exercise_numbers(\"b\")\nanswer_y = n.a * 2"
    assert notebooks.numbers_lines(code) == ["from awsbook.exercises import exercise_numbers", 'n = exercise_numbers("b")']
    assert notebooks.numbers_lines("answer_z = 3") == []


def test_strip_solutions_keeps_the_rest_and_tracks_gated_regions():
    text = ("앞\n\n````{solution} a\n:class: dropdown\n\n```python\nsecret = 1\n```\n````\n\n가운데\n\n"
            ":::{solution} b\n비밀\n:::\n뒤\n```{solution-start} c\n```\n풀이 시작")
    kept, gated = notebooks.strip_solutions(text, False)
    assert kept == "앞\n\n가운데\n\n뒤" and gated is True
    kept, gated = notebooks.strip_solutions("풀이 계속\n```{solution-end}\n```\n다음 글", True)
    assert kept == "다음 글" and gated is False


def test_make_student_copies_rejects_a_folder_without_notebooks(tmp_path):
    with pytest.raises(ValueError, match="chapters_dir"):
        student.make_student_copies(tmp_path, tmp_path / "out")


# --- Grading: pure parts ---

@pytest.mark.parametrize("data, reason", [
    (b"", "빈 파일입니다."),
    (b"  \n", "빈 파일입니다."),
    (b'{"cells": [', "JSON 형식이 아닙니다"),
    (b"\xff\xfe\x00", "UTF-8 텍스트 파일이 아닙니다."),
    (b"[1, 2]", "주피터 노트북 형식이 아닙니다"),
    (b'{"cells": [{"source": "x"}]}', "주피터 노트북 형식이 아닙니다"),
    (b'{"cells": [{"cell_type": "code", "source": ["x = ", 1]}]}', "주피터 노트북 형식이 아닙니다"),
])
def test_unreadable_submissions_are_explained(data, reason):
    nb, problem = grading.parse_submission(data)
    assert nb is None and problem.startswith(reason)


def test_a_notebook_with_byte_order_mark_is_read():
    nb, problem = grading.parse_submission('\ufeff{"cells": []}'.encode("utf-8"))
    assert nb == {"cells": []} and problem == ""


def test_light_grading_runs_only_the_imports_of_drawing_cells():
    def code(tags, src):
        return {"cell_type": "code", "metadata": {"tags": tags}, "source": src}

    nb = {"cells": [
        code(["remove-cell"], "import awsbook\nawsbook.setup_notebook()"),
        {"cell_type": "markdown", "metadata": {}, "source": "글"},
        code(["hide-input"], "from a.b import c as d, e\nimport p.q\nd()"),  # d and p are used later
        code(["skip-execution"], "%magic\nimport x"),
        code([], ["y = 1\n", "y + d(p.q)"]),
        code(["remove-cell"], "import m\nexample = m.f()\nglue('x', example)"),  # binds a name: runs
        code(["hide-input"], "print(z := 3)"),  # binds z: runs
        code(["solution", "hide-input"], "import m\nanswer = m.g()"),
        code(["answer", "hide-input"], "m.h()"),
        code(["hide-input"], "from awsbook.charts import chart\nchart()"),  # nothing later: nothing runs
        code([], "from awsbook.exercises import check"),
    ]}
    assert grading.cells_to_run(nb, full=False) == [
        (0, "import awsbook"), (2, "from a.b import c as d, e\nimport p.q"), (3, "%magic\nimport x"),
        (4, "y = 1\ny + d(p.q)"), (5, "import m\nexample = m.f()\nglue('x', example)"),
        (6, "print(z := 3)"), (7, "import m\nanswer = m.g()"), (8, "m.h()"), (9, ""),
        (10, "from awsbook.exercises import check")]
    assert grading.cells_to_run(nb, full=True)[0] == (0, "import awsbook\nawsbook.setup_notebook()")


def test_the_last_check_record_counts_and_bad_lines_are_ignored(tmp_path):
    path = tmp_path / "results.jsonl"
    path.write_text(
        '{"id": "a", "score": 0, "points": 2, "answer": "1", "reason": "오답: 1"}\n'
        "not json\n"
        '{"id": "a", "score": 2, "points": 2, "answer": "720", "reason": "정답"}\n'
        '{"id": "b"}\n', encoding="utf-8")
    assert grading.read_records(path) == {"a": {"score": 2.0, "points": 2.0, "answer": "720", "reason": "정답"}}
    assert grading.read_records(tmp_path / "missing.jsonl") == {}


def test_scores_are_capped_by_the_manifest_points():
    chapter = student.Chapter("c", "", (student.ExerciseInfo("a", 3, True),))
    nb = {"cells": [{"cell_type": "code", "metadata": {}, "source": 'check("a", x)'}]}
    run = NotebookRun({0: CellRun("ok")})
    (score,) = grading.score_exercises(chapter, nb, run, {"a": {"score": 1, "points": 1, "answer": "5", "reason": "정답"}})
    assert (score.score, score.points, score.reason) == (3.0, 3, "정답")
    (score,) = grading.score_exercises(chapter, nb, run, {})
    assert score.score == 0 and "점수를 기록하지 않았습니다" in score.reason


def test_an_unexpected_failure_costs_only_that_submission(tmp_path, monkeypatch):
    chapter = student.chapters_from(FIXTURE_CHAPTERS)[0]
    odd = tmp_path / "odd.ipynb"
    odd.write_text('{"cells": [{"cell_type": "code", "metadata": [], "source": "x = 1"}]}', encoding="utf-8")
    real = grading.cells_to_run

    def fail_on_odd(nb, full):
        if nb["cells"][0]["metadata"] == []:
            raise KeyError("metadata")
        return real(nb, full)

    monkeypatch.setattr(grading, "cells_to_run", fail_on_odd)
    odd_result, good = grading.grade_submissions([odd, SAMPLES / "all_correct.ipynb"], chapter, jobs=2)
    assert odd_result.total == 0 and odd_result.note.startswith("채점 중 예기치 않은 오류가 났습니다(KeyError")
    assert all(s.reason == odd_result.note for s in odd_result.scores)
    assert good.total == 5
    assert notebooks.tags({"metadata": []}) == [] and notebooks.tags({"metadata": {"tags": "x"}}) == []


@pytest.mark.parametrize("kwargs, name", [
    ({"timeout": 0}, "timeout"), ({"cell_timeout": -1}, "cell_timeout"), ({"jobs": 0}, "jobs"),
    ({"jobs": 1.5}, "jobs"),
])
def test_grade_submissions_rejects_bad_limits(kwargs, name):
    chapter = student.chapters_from(FIXTURE_CHAPTERS)[0]
    with pytest.raises(ValueError, match=f"매개변수 '{name}'"):
        grading.grade_submissions([], chapter, **kwargs)


def test_cli_errors_are_korean_and_exit_2(tmp_path, capsys):
    assert cli.main(["grade", str(tmp_path), "--out", str(tmp_path / "g.csv")]) == 2
    assert "제출된 노트북(*.ipynb)이나 HTML 답안지(*.json)가 없습니다" in capsys.readouterr().err
    shutil.copy(SAMPLES / "all_correct.ipynb", tmp_path / "kim.ipynb")
    assert cli.main(["grade", str(tmp_path), "--out", str(tmp_path / "g.csv"), "--chapters",
                     str(FIXTURE_CHAPTERS), "--chapter", "03_sal"]) == 2
    assert "매개변수 'chapter'에 '03_sal'" in capsys.readouterr().err
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    assert cli.main(["grade", str(tmp_path), "--out", str(tmp_path / "g.csv"),
                     "--manifest", str(tmp_path / "manifest.json")]) == 2
    assert "매개변수 'manifest'" in capsys.readouterr().err
    assert cli.main(["student-copy", str(tmp_path / "o"), "--chapters", str(tmp_path / "none")]) == 2
    assert "매개변수 'chapters_dir'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["grade", "student-copy"])
def test_outside_the_repository_the_cli_says_to_pass_chapters(tmp_path, command):
    (tmp_path / "subs").mkdir()
    shutil.copy(SAMPLES / "sheet_right.json", tmp_path / "subs" / "a.json")
    args = ["grade", "subs", "--out", "g.csv"] if command == "grade" else ["student-copy", "out"]
    proc = _run_cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "--chapters로 장 노트북 폴더를 지정하세요" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


# --- Grading the sample folder of broken submissions ---

def _sample_files() -> list[Path]:
    return sorted([*SAMPLES.glob("*.ipynb"), *SAMPLES.glob("*.json")])


def test_sample_submissions_are_up_to_date():
    spec = importlib.util.spec_from_file_location("make_submissions", FIXTURE / "make_submissions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.build()
    assert sorted(p.name for p in _sample_files()) == sorted(expected)
    for name, data in expected.items():
        assert (SAMPLES / name).read_bytes() == data, f"{name}: make_submissions.py를 다시 실행하세요"


@pytest.fixture(scope="module")
def sample_grades(tmp_path_factory):
    """Grade the sample folder once through the command line; return the three CSV files as rows."""
    out = tmp_path_factory.mktemp("grades") / "grades.csv"
    started = time.monotonic()
    proc = _run_cli("grade", str(SAMPLES), "--out", str(out), "--chapters", str(FIXTURE_CHAPTERS),
                    "--timeout", str(SAMPLE_TIMEOUT), "--cell-timeout", str(SAMPLE_CELL_TIMEOUT), "--jobs", "2")
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # No English kernel chatter ("[IPKernelApp] WARNING | Kernel is running over TCP ...") for the teacher.
    assert "IPKernelApp" not in proc.stdout + proc.stderr and "WARNING" not in proc.stdout + proc.stderr

    def rows(path):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return list(csv.DictReader(fh))

    paths = grading.report_paths(out)
    return {"grades": {r["student"]: r for r in rows(paths[0])}, "details": rows(paths[1]),
            "summary": {r["exercise"]: r for r in rows(paths[2])}, "stdout": proc.stdout, "seconds": elapsed}


#: The student of an answer sheet is the name in it (a sheet that cannot be read keeps its file stem).
SHEET_STUDENTS = {"sheet_right": "김하늘", "sheet_wrong": "이바다", "sheet_tampered": "박고침"}
# (student, total of 5, {exercise: piece of the reason})
SAMPLE_CASES = [
    ("all_correct", 5, {}),
    ("mixed_wrong", 2, {"fixture-hours": "오답: 744", "fixture-service": "오답: 'EC2'"}),
    ("also_wrong", 0, {"fixture-hours": "오답: 744", "fixture-downtime": "아직 답하지 않았습니다"}),
    ("unanswered", 0, {"fixture-hours": "아직 답하지 않았습니다", "fixture-service": "아직 답하지 않았습니다"}),
    ("wrong_type", 3, {"fixture-hours": "수를 기대했지만 list 값 ['720']"}),
    ("typed_number", 5, {}),  # "720시간", "LAMBDA", "약 43.2분" are read like the book's answer boxes
    ("syntax_error", 3, {"fixture-hours": "SyntaxError: invalid syntax (1번째 줄)"}),
    ("exception_in_cell", 3, {"fixture-hours": "ZeroDivisionError"}),
    ("renamed_variable", 3, {"fixture-hours": "NameError: name 'answer_hours' is not defined"}),
    ("infinite_loop", 4, {"fixture-service": f"셀 실행 제한 시간({SAMPLE_CELL_TIMEOUT}초)을 넘겨 중단"}),
    ("ignores_interrupt", 3, {"fixture-downtime": "중단 요청에도 멈추지 않아 커널을 종료"}),
    ("too_slow", 3, {"fixture-downtime": f"노트북 실행 제한 시간({SAMPLE_TIMEOUT}초)"}),
    ("kernel_dies", 2, {"fixture-service": "커널이 비정상 종료", "fixture-downtime": "커널이 비정상 종료"}),
    ("deleted_check_cell", 4, {"fixture-service": '채점 셀 check("fixture-service", ...)이(가) 노트북에 없습니다'}),
    ("renamed_exercise", 4, {"fixture-service": "다른 id: fixture-servce"}),
    ("not_json", 0, {"fixture-hours": "JSON 형식이 아닙니다", "fixture-downtime": "JSON 형식이 아닙니다"}),
    ("empty", 0, {"fixture-service": "빈 파일입니다"}),
    ("not_a_notebook", 0, {"fixture-hours": "주피터 노트북 형식이 아닙니다"}),
    # HTML answer sheets
    ("김하늘", 5, {}),
    ("이바다", 0, {"fixture-hours": "오답: '744'; 정답 720시간 (허용 오차 ±1%)",
                 "fixture-service": "오답: 'EC2'; 정답 'Lambda'", "fixture-downtime": "아직 답하지 않았습니다"}),
    ("박고침", 0, {"fixture-hours": "같은 문제의 답이 답안지에 2번", "fixture-service": "답이 글자나 수가 아닙니다(list)",
                 "fixture-downtime": "수로 읽을 수 없는 답입니다: '사십삼'"}),
    ("sheet_no_name", 0, {"fixture-hours": "학생 이름(student)이 없습니다"}),
    ("sheet_other_chapter", 0, {"fixture-service": "다른 장(03_sla)의 답안지입니다"}),
    ("sheet_not_json", 0, {"fixture-downtime": "HTML 답안지: JSON 형식이 아닙니다"}),
    ("sheet_not_a_sheet", 0, {"fixture-hours": "'답안 내보내기'로 만든 답안지가 아닙니다"}),
]


def test_sample_cases_cover_the_whole_folder():
    assert sorted(c[0] for c in SAMPLE_CASES) == sorted(SHEET_STUDENTS.get(p.stem, p.stem) for p in _sample_files())


@pytest.mark.parametrize("name, total, reasons", SAMPLE_CASES, ids=[f"case{i}" for i in range(len(SAMPLE_CASES))])
def test_each_broken_submission_loses_only_what_it_affects(sample_grades, name, total, reasons):
    row = sample_grades["grades"][name]
    assert float(row["total"]) == total
    details = {d["exercise"]: d for d in sample_grades["details"] if d["student"] == name}
    assert sorted(details) == ["fixture-downtime", "fixture-hours", "fixture-service"]
    for exercise, piece in reasons.items():
        assert piece in details[exercise]["reason"], details[exercise]
    for d in details.values():
        if float(d["score"]) < float(d["points"]):
            assert d["reason"] and d["reason"] != grading.CORRECT, d
        else:
            assert d["reason"] == grading.CORRECT, d
    assert sum(float(d["score"]) for d in details.values()) == total


def test_sample_summary_and_timing(sample_grades):
    hours = sample_grades["summary"]["fixture-hours"]
    # 9 of 25 submissions answered 720 (2 points each): mean 18 / 25 = 0.72.  Wrong: two notebooks and one
    # sheet said 744, one notebook a list, one sheet a duplicated answer; not graded: 6 broken notebooks
    # and 4 unreadable sheets.
    assert (hours["mean_score"], hours["correct"], hours["wrong"], hours["unanswered"], hours["not_graded"]) == (
        "0.72", "9", "5", "1", "10")
    assert (hours["most_common_wrong_answer"], hours["most_common_wrong_count"]) == ("744", "3")
    assert sample_grades["grades"]["too_slow"]["note"].startswith(f"노트북 실행 제한 시간({SAMPLE_TIMEOUT}초)")
    assert "문제별 요약" in sample_grades["stdout"]
    # Two kernels at a time; the slowest case stops at the 12 s notebook limit.
    assert sample_grades["seconds"] < 120


def test_reasons_lead_with_the_cause_and_wrong_rows_show_the_expected_answer(sample_grades):
    details = {(d["student"], d["exercise"]): d for d in sample_grades["details"]}
    for student_name, cause in [("syntax_error", "SyntaxError"), ("exception_in_cell", "ZeroDivisionError"),
                                ("infinite_loop", "셀 실행 제한 시간(3초)")]:
        row = next(d for (s, _), d in details.items() if s == student_name and "NameError" in d["reason"])
        assert row["reason"].startswith("답 셀(") and row["reason"].index(cause) < row["reason"].index("NameError")
    dead = details[("kernel_dies", "fixture-downtime")]["reason"]
    assert dead.startswith("10번 셀에서 커널이 비정상 종료") and "채점 셀(14번 셀)을 실행하지 못했습니다" in dead
    assert "336925810.py" not in details[("syntax_error", "fixture-hours")]["reason"]
    renamed = details[("renamed_variable", "fixture-hours")]["reason"]
    assert "답 셀이 answer_hours에 값을 넣지 않습니다" in renamed
    # 30 x 24 = 720 hours and 30 x 1,440 x 0.001 = 43.2 minutes (tests/fixtures/classroom/exercises.py).
    assert details[("mixed_wrong", "fixture-hours")]["expected"] == "720시간 (허용 오차 ±1%)"
    assert details[("mixed_wrong", "fixture-hours")]["reason"] == "오답: 744; 정답 720시간 (허용 오차 ±1%)"
    assert details[("all_correct", "fixture-downtime")]["expected"] == "43.2분 (허용 오차 ±0.1분 또는 ±1%)"
    assert details[("all_correct", "fixture-downtime")]["answer"] == "43.2"
    assert details[("unanswered", "fixture-hours")]["answer"] == ""


def test_check_records_answers_without_float_noise(tmp_path, monkeypatch, capsys):
    results = tmp_path / "results.jsonl"
    monkeypatch.setenv(exercises.RESULTS_ENV, str(results))
    # 30 x 1,440 x (1 - 0.999) is 43.2 on paper but 43.20000000000004 in floating point.
    exercises.check("fixture-downtime", 30 * 1440 * (1 - 0.999))
    exercises.check("fixture-hours", 744.0000000000001)
    records = grading.read_records(results)
    assert records["fixture-downtime"]["answer"] == "43.2" and records["fixture-downtime"]["reason"] == "정답"
    assert records["fixture-hours"] == {"score": 0.0, "points": 2.0, "answer": "744", "reason": "오답: 744"}
    out = capsys.readouterr().out
    assert "744.0000000000001" not in out and "720" not in out  # the student is not told the answer


def test_strict_mode_raises_on_wrong_or_missing_answers(monkeypatch, capsys):
    exercises.check("fixture-hours", 744)  # lenient: prints, never raises
    monkeypatch.setenv(exercises.STRICT_ENV, "1")
    exercises.check("fixture-hours", "720시간")
    for answer in (744, None, "칠백"):
        with pytest.raises(exercises.CheckFailed, match=r"기대한 답: 720시간 \(허용 오차 ±1%\)"):
            exercises.check("fixture-hours", answer)
    assert "다시 생각해 보세요" in capsys.readouterr().out


def test_grader_kernels_are_never_strict(monkeypatch):
    monkeypatch.setenv(exercises.STRICT_ENV, "1")
    chapter = student.chapters_from(FIXTURE_CHAPTERS)[0]
    (graded,) = grading.grade_submissions([SAMPLES / "mixed_wrong.ipynb"], chapter, jobs=1)
    assert [s.reason.split(";")[0] for s in graded.scores] == ["오답: 744", "오답: 'EC2'", "정답"]


def test_kernel_errors_name_the_line_not_the_internal_file():
    assert error_text("SyntaxError", "invalid syntax (336925810.py, line 2)") == "SyntaxError: invalid syntax (2번째 줄)"
    assert error_text("SyntaxError", "invalid syntax (/tmp/ipykernel_7/1.py, line 12)").endswith("(12번째 줄)")
    assert error_text("NameError", "name 'x' is not defined") == "NameError: name 'x' is not defined"
    assert error_text("MemoryError", "") == "MemoryError"


def test_reports_never_hand_a_formula_to_a_spreadsheet(tmp_path):
    chapter = student.Chapter("c", "", (student.ExerciseInfo("fixture-hours", 2, True),))
    sub = grading.Submission("=HYPERLINK(\"http://x\")", tmp_path / "x.json", [
        grading.ExerciseScore("fixture-hours", 0.0, 2, "-5", "오답: '-5'", True),
    ], note="@SUM(A1)")
    grades, details, _ = grading.write_reports([sub], chapter, tmp_path / "g.csv")
    with open(grades, encoding="utf-8-sig", newline="") as fh:
        row = list(csv.DictReader(fh))[0]
    assert row["student"] == "'=HYPERLINK(\"http://x\")" and row["note"] == "'@SUM(A1)"
    with open(details, encoding="utf-8-sig", newline="") as fh:
        assert list(csv.DictReader(fh))[0]["answer"] == "-5"  # a plain negative number stays a number


def _sheet_bytes(**changes) -> bytes:
    sheet = json.loads((SAMPLES / "sheet_right.json").read_text(encoding="utf-8"))
    sheet.update(changes)
    return json.dumps(sheet, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("data, reason", [
    (b"", "빈 파일입니다."),
    (b"\xff\xfe", "UTF-8 텍스트 파일이 아닙니다."),
    (b"[]", "'답안 내보내기'로 만든 답안지가 아닙니다"),
    (b" " * (sheets.MAX_BYTES + 1), "답안지 파일이 너무 큽니다"),
    (_sheet_bytes(version=3), "지원하지 않는 답안지 버전입니다(3)"),
    (_sheet_bytes(student=42), "학생 이름(student)이 없습니다"),
    (_sheet_bytes(chapter=None), "장(chapter)이 적혀 있지 않습니다"),
    (_sheet_bytes(answers={"fixture-hours": "720"}), "답 목록(answers)이 없거나"),
])
def test_unreadable_sheets_are_explained(data, reason):
    sheet, problem = sheets.read_sheet(data, "90_fixture", ["fixture-hours"])
    assert sheet is None and reason in problem


def test_a_sheet_entry_that_is_too_long_or_a_boolean_loses_only_its_exercise():
    data = _sheet_bytes(answers=[{"exercise": "fixture-hours", "answer": "7" * 201},
                                 {"exercise": "fixture-service", "answer": True},
                                 {"exercise": "fixture-downtime", "answer": 43.2}])
    sheet, problem = sheets.read_sheet(data, "90_fixture", ["fixture-hours", "fixture-service", "fixture-downtime"])
    assert problem == "" and sheet.student == "김하늘" and sheet.notes == []
    assert sheet.problems == {"fixture-hours": "답이 너무 깁니다(201자, 최대 200자)",
                              "fixture-service": "답이 글자나 수가 아닙니다(bool)"}
    assert sheet.answers == {"fixture-downtime": 43.2}


def test_the_book_chapters_solutions_get_full_marks(copies):
    graded = [(p, c) for p, c in zip(BOOK_CHAPTERS, student.chapters_from(ROOT / "chapters")) if c.graded]
    if not graded:
        pytest.skip("아직 자동 채점 연습 문제가 있는 장이 없습니다.")
    for path, chapter in graded:
        original, blank = grading.grade_submissions([path, copies / "book" / path.name], chapter, jobs=2)
        lost = [(s.exercise, s.reason) for s in original.scores if s.score < s.points]
        assert lost == [], f"{path.name}: 풀이가 만점을 받지 못했습니다: {lost}"
        assert all(s.reason == exercises.NOT_ANSWERED for s in blank.scores), blank.scores


def test_thirty_submissions_are_graded_within_a_minute(tmp_path):
    chapter = student.chapters_from(FIXTURE_CHAPTERS)[0]
    kinds = ["all_correct", "mixed_wrong", "unanswered"]
    paths = []
    for i in range(30):
        path = tmp_path / f"student_{i:02d}.ipynb"
        shutil.copy(SAMPLES / f"{kinds[i % 3]}.ipynb", path)
        paths.append(path)
    started = time.monotonic()
    graded = grading.grade_submissions(paths, chapter, jobs=2)
    elapsed = time.monotonic() - started
    print(f"30 submissions graded in {elapsed:.1f} s")
    assert [s.total for s in graded] == [5.0, 2.0, 0.0] * 10
    assert elapsed <= 60


def test_teacher_guide_names_only_existing_exercises():
    """The guide refers to exercises by id; a renamed or deleted exercise must not leave a stale id."""
    guide = "\n".join((ROOT / "appendix" / name).read_text(encoding="utf-8") for name in ("teacher_guide.md", "classroom.md"))
    chapters = student.chapters_from(ROOT / "chapters")
    ids = {e.id for c in chapters for e in c.exercises}
    prefixes = {i.split("-")[0] for i in ids}
    named = set(re.findall(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`", guide))
    mentioned = {n for n in named if n.split("-")[0] in prefixes}
    assert mentioned, "안내서가 연습 문제 id를 하나도 언급하지 않습니다."
    assert sorted(mentioned - ids) == []
    for command in ("student-copy student-copies", "grade submissions/03_sla --out grades/03_sla.csv",
                    "--exercises tests/fixtures/classroom/exercises.py"):
        assert command in guide


def test_answer_key_lists_every_exercise_with_computed_answers():
    from awsbook.classroom.key import answer_key

    key = answer_key(FIXTURE_CHAPTERS)
    assert key.to_dict("records") == [
        {"장": "90_fixture", "문제 id": "fixture-hours", "채점": "자동", "배점": 2, "정답": "720시간",
         "허용 오차": "±1%"},
        {"장": "90_fixture", "문제 id": "fixture-service", "채점": "자동", "배점": 1, "정답": "Lambda",
         "허용 오차": "대소문자·띄어쓰기 무시"},
        # 30 x 1,440 x 0.001 = 43.2 minutes, shown with 6 significant digits.
        {"장": "90_fixture", "문제 id": "fixture-downtime", "채점": "자동", "배점": 2, "정답": "43.2분",
         "허용 오차": "±0.1분 또는 ±1%"},
        {"장": "90_fixture", "문제 id": "fixture-essay", "채점": "교사", "배점": "", "정답": "풀이 참고(서술형)",
         "허용 오차": ""},
    ]


def test_student_copies_carry_the_prose_numbers(copies):
    # The prose quotes numbers as text (awsbook.prose), so a copy carries them too.
    for original, copy in _pairs(copies):
        text = copy.read_text(encoding="utf-8")
        assert "{glue" not in text, copy.name
    # The numbers sit between <!--num KEY:FORMAT--> markers; what a reader sees is the text between them.
    eks = re.sub(r"<!--/?num[^>]*-->", "", (copies / "book" / "06_eks.ipynb").read_text(encoding="utf-8"))
    assert "시간당 0.10달러, 한 달 730시간이면 73.00달러" in eks  # 0.10 × 730 from data/eks_prices.csv


def test_student_copies_carry_the_glossary_their_links_point_to(copies):
    book = copies / "book"
    assert (book / "glossary.md").read_text(encoding="utf-8") == (ROOT / "appendix" / "glossary.md").read_text(
        encoding="utf-8")
    with zipfile.ZipFile(book / student.ZIP_NAME) as zf:
        assert "glossary.md" in zf.namelist()
    for copy in sorted(book.glob("*.ipynb")):
        text = copy.read_text(encoding="utf-8")
        assert "../appendix/glossary.md" not in text, copy.name
        for target in re.findall(r"\]\((?!https?://)([^)#]+)#", text):   # a web address with an anchor is not a file
            assert (book / target).is_file(), (copy.name, target)
