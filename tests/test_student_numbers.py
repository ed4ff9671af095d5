"""Per-student numbers and choice exercises: one student id gives the same numbers in the notebook,
the grader and the teacher's key; choices give each option's own feedback.

Expected values are worked by hand from the exercise's formula (written in the test), never read
back from the key under test.
"""

from __future__ import annotations

import csv
import json

import pytest

import awsbook
from awsbook import exercises
from awsbook.classroom import cli, grading, notebooks, sheets, student
from awsbook.exercises import Exercise, Option, Param, answers, students
from awsbook.validate import RefusedType, RefusedValue
from conftest import ROOT

BURN = "slo-burn-days"      # 30-day SLO 99.9 %: days = 30 / (error_rate / 0.1)
CHOICE = "sla-credit-meaning"


@pytest.fixture(autouse=True)
def no_student(monkeypatch):
    monkeypatch.delenv(students.STUDENT_ENV, raising=False)
    students.student(None)
    yield
    students.student(None)


# --------------------------------------------------------------------------- ids and variants

def test_fnv1a_matches_the_published_test_vectors():
    # FNV-1a 32-bit reference values (Fowler–Noll–Vo test suite): "" → 0x811c9dc5, "a" → 0xe40c292c,
    # "foobar" → 0xbf9cf968.
    assert students.fnv1a("") == 0x811C9DC5
    assert students.fnv1a("a") == 0xE40C292C
    assert students.fnv1a("foobar") == 0xBF9CF968


def test_student_ids_are_normalised_and_checked():
    assert students.normalize(" 2026 1234\u3000") == "20261234" == students.normalize("２０２６１２３４")
    assert students.normalize(None) == "" and students.normalize(20261234) == "20261234"
    with pytest.raises(RefusedValue):
        students.normalize("x" * 41)
    with pytest.raises(RefusedType):
        students.normalize(["2026"])


def test_a_variant_is_one_of_the_students_and_never_the_books():
    assert students.variant(BURN, "") == 0 and students.variant(BURN, None) == 0
    seen = {students.variant(BURN, f"2026{n:04d}") for n in range(300)}
    assert seen <= set(range(1, students.VARIANTS)) and len(seen) == students.VARIANTS - 1
    # 1 + FNV-1a("slo-burn-days|20261234") mod 29, computed from the hash alone
    assert students.variant(BURN, "20261234") == 1 + students.fnv1a(f"{BURN}|20261234") % 29


def test_two_students_get_different_numbers_for_most_numeric_exercises():
    with_params = [i for i in exercises.registered() if exercises.get(i).params]
    assert with_params
    for exercise_id in with_params:
        differ = sum(exercises.numbers(exercise_id, f"s{n}") != exercises.numbers(exercise_id, f"s{n + 1}")
                     for n in range(20))
        assert differ >= 15, exercise_id
        for values in exercises.variant_numbers(exercise_id)[1:]:
            assert values != exercises.numbers(exercise_id)  # never the book's numbers


def test_every_numeric_exercise_in_the_chapters_draws_per_student_numbers():
    numeric = [e.id for c in student.chapters_from(ROOT / "chapters") for e in c.graded
               if exercises.get(e.id).kind == "number"]
    assert len(numeric) >= 40
    assert [i for i in numeric if not exercises.get(i).params] == []


def test_param_values_follow_the_documented_range():
    p = Param(0.5, low=0.2, high=1.5, step=0.1, unit="%")
    assert p.values() == (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5)
    assert all(exercises.numbers(BURN, f"s{i}")["error_rate"] in p.values() for i in range(60))
    with pytest.raises(ValueError):
        Param(2.0, low=0.2, high=1.5, step=0.1)
    with pytest.raises(ValueError):
        Param(0.55, low=0.2, high=1.5, step=0.1)


def test_a_students_answer_is_computed_from_the_students_numbers():
    sid = "20261234"
    error_rate = exercises.numbers(BURN, sid)["error_rate"]
    days = 30 / (error_rate / 0.1)                       # the formula by hand
    assert exercises.expected_value(BURN, sid) == pytest.approx(days, abs=1e-6)
    assert exercises.expected_value(BURN) == pytest.approx(6.0, abs=1e-6)   # 30 / (0.5 / 0.1)
    assert exercises.key(BURN, sid)["v"] == pytest.approx(days, abs=1e-6)
    shown = exercises.figures(BURN, sid)
    assert shown["error_rate"] == f"{error_rate:g}" and shown["burn"] == f"{error_rate / 0.1:.3g}"
    assert shown["answer"] == f"{days:,.4g}"
    page = exercises.page_key(BURN)
    k = students.variant(BURN, sid)
    assert page["vs"][k] == pytest.approx(days, abs=1e-6)
    assert page["fv"][k][page["fn"].index("error_rate")] == f"{error_rate:g}"
    assert page["fv"][0] == [exercises.figures(BURN)[n] for n in page["fn"]]


def test_grade_and_check_use_the_students_numbers(capsys, monkeypatch):
    sid = "20261234"
    days = 30 / (exercises.numbers(BURN, sid)["error_rate"] / 0.1)
    assert days != pytest.approx(6.0, abs=0.05)
    assert exercises.grade(BURN, 6.0, sid)[0] == 0 and exercises.grade(BURN, days, sid)[0] == 1
    assert exercises.grade(BURN, 6.0)[0] == 1
    assert awsbook.student(sid) == sid
    n = exercises.exercise_numbers(BURN)
    assert n.error_rate == exercises.numbers(BURN, sid)["error_rate"]
    assert f"학번 {sid}의 수: error_rate = {n.error_rate:g}%" in capsys.readouterr().out
    exercises.check(BURN, days)
    assert "정답입니다" in capsys.readouterr().out
    awsbook.student("")
    monkeypatch.setenv(students.STUDENT_ENV, "hub-user")      # a class hub sets the id for the kernel
    assert students.current() == "hub-user"
    assert exercises.numbers(BURN, students.current()) == exercises.numbers(BURN, "hub-user")
    monkeypatch.delenv(students.STUDENT_ENV)
    assert exercises.exercise_numbers(BURN).error_rate == 0.5 and capsys.readouterr().out == ""


def test_another_students_answer_is_recognised():
    sid, other = "20261234", "20269999"
    assert students.variant(BURN, sid) != students.variant(BURN, other)
    theirs = exercises.expected_value(BURN, other)
    assert exercises.grade(BURN, theirs, sid)[0] == 0
    assert students.variant(BURN, other) in exercises.matching_variants(BURN, theirs, sid)
    # a student's own answer is not "another student's"
    assert students.variant(BURN, sid) not in exercises.matching_variants(BURN, exercises.expected_value(BURN, sid), sid)


# --------------------------------------------------------------------------- choice exercises

def test_a_choice_gives_each_options_own_feedback(capsys):
    ex = exercises.get(CHOICE)
    assert exercises.grade(CHOICE, "가") == (1.0, "정답")
    for option in ex.options[1:]:
        score, reason = exercises.grade(CHOICE, option.key)
        assert score == 0 and reason == f"오답: {option.key} — {option.feedback}"
        exercises.check(CHOICE, f"({option.key})")
        assert option.feedback in capsys.readouterr().out
    assert exercises.grade(CHOICE, ex.options[1].text)[0] == 0        # the whole text names the option too
    assert exercises.grade(CHOICE, "마")[1].startswith("보기(가, 나, 다, 라) 가운데 하나를 고르세요")
    assert exercises.grade(CHOICE, 1)[1].startswith("보기의 글자(가, 나, 다, 라)를 문자열로")
    assert exercises.expected_text(CHOICE).startswith("가 (")


def duplicate_feedback(ex: Exercise) -> list[str]:
    """Wrong options of ``ex`` that share their feedback with another option (a defect)."""
    seen: dict[str, str] = {}
    found = []
    for option in ex.options:
        text = answers.normalize_text(option.feedback)
        if text in seen:
            found.append(f"{seen[text]}/{option.key}")
        seen[text] = option.key
    return found


def test_no_two_options_of_a_choice_exercise_share_their_feedback():
    choices = [i for i in exercises.registered() if exercises.get(i).options]
    assert choices
    assert {i: duplicate_feedback(exercises.get(i)) for i in choices if duplicate_feedback(exercises.get(i))} == {}
    assert all(len(exercises.get(i).options) >= 3 for i in choices if exercises.get(i).points > 0)
    twin = Exercise("x-twin", lambda: "가", "h", options=(
        Option("가", "맞는 것", "좋습니다"), Option("나", "틀린 것 1", "같은 말"), Option("다", "틀린 것 2", "같은  말")))
    assert duplicate_feedback(twin) == ["나/다"]


@pytest.mark.parametrize("options, message", [
    ((Option("가", "a", "f1"), Option("가", "b", "f2")), "겹칩니다"),
    ((Option("가", "a", ""), Option("나", "b", "f2")), "피드백"),
])
def test_a_broken_choice_exercise_is_refused(options, message):
    with pytest.raises(ValueError, match=message):
        exercises.register(Exercise("x-broken", lambda: "가", "h", options=options))


# --------------------------------------------------------------------------- sheets, notebooks, keys

def _sheet(student_name, answers_by_id, *, version=2, student_id="20261234", chapter="08_slo_operations"):
    data = {"format": sheets.SHEET_FORMAT, "version": version, "book": "b", "book_version": "v",
            "chapter": chapter, "student": student_name, "exported_at": "2026-12-07T09:00:00.000Z",
            "answers": [{"exercise": e, "answer": a} for e, a in answers_by_id.items()]}
    if version >= 2:
        data["student_id"] = student_id
    return json.dumps(data, ensure_ascii=False)


def _chapter(name):
    return next(c for c in student.chapters_from(ROOT / "chapters") if c.name == name)


def test_sheets_are_graded_with_their_students_numbers(tmp_path):
    chapter = _chapter("08_slo_operations")
    mine = exercises.expected_value(BURN, "20261234")
    other = next(f"s{n}" for n in range(50)
                 if exercises.grade(BURN, exercises.expected_value(BURN, f"s{n}"), "20261234")[0] == 0)
    theirs = exercises.expected_value(BURN, other)
    files = {
        "own.json": _sheet("나", {BURN: f"{mine:.4f}일"}),
        "copied.json": _sheet("베낌", {BURN: f"{theirs:.4f}"}),
        "old.json": _sheet("옛판", {BURN: "6일"}, version=1),
        "no-id.json": _sheet("무학번", {BURN: "6"}, student_id=""),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    subs = {s.student: s for s in grading.grade_submissions(grading.submission_files(tmp_path), chapter, jobs=1)}
    score = lambda who: next(s for s in subs[who].scores if s.exercise == BURN)
    assert score("나").score == 1 and score("옛판").score == 1 and score("무학번").score == 1
    assert grading.NO_ID_NOTE in subs["옛판"].note and grading.NO_ID_NOTE in subs["무학번"].note
    assert grading.NO_ID_NOTE not in subs["나"].note
    copied = score("베낌")
    assert copied.score == 0 and "다른 학생의 변형" in copied.reason, copied.reason
    listed = copied.reason.split("다른 학생의 변형 ")[1].split("번")[0].split(", ")
    assert str(students.variant(BURN, other)) in listed and str(students.variant(BURN, "20261234")) not in listed


def test_a_notebook_names_its_student_with_awsbook_student():
    nb = {"cells": [{"cell_type": "code", "source": 'import awsbook\nawsbook.student(" 2026 1234 ")'},
                    {"cell_type": "code", "source": "x = 1"}]}
    assert grading.notebook_student_id(nb) == "20261234"
    assert grading.notebook_student_id({"cells": [{"cell_type": "code", "source": 'awsbook.student("")'}]}) == ""
    assert grading.notebook_student_id({"cells": [{"cell_type": "code", "source": "student(name)"}]}) == ""


def test_a_student_copy_asks_for_the_id_and_keeps_the_numbers_line():
    nb = student.read_notebook(ROOT / "chapters" / "08_slo_operations.ipynb")
    copy = notebooks.student_notebook(nb, "08_slo_operations")
    id_cells = [c for c in copy["cells"] if notebooks.STUDENT_TAG in notebooks.tags(c)]
    assert len(id_cells) == 1 and 'awsbook.student("")' in notebooks.source(id_cells[0])
    stub = next(notebooks.source(c) for c in copy["cells"] if "answer_burn_days = None" in notebooks.source(c))
    assert 'n = exercise_numbers("slo-burn-days")' in stub and "from awsbook.exercises import exercise_numbers" in stub
    assert "time_to_exhaustion" not in stub   # the solution itself is gone


def test_the_key_command_writes_each_students_answers(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("\ufeffstudent_id,name\n20261234,홍길동\n20269999,김철수\n", encoding="utf-8")
    out = tmp_path / "key.csv"
    assert cli.main(["key", "--roster", str(roster), "--out", str(out), "--chapters", str(ROOT / "chapters")]) == 0
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"chapter", "exercise", "expected"} <= set(rows[0])
    burn = {r["student_id"]: r for r in rows if r["exercise"] == BURN}
    for sid in ("20261234", "20269999"):
        days = 30 / (exercises.numbers(BURN, sid)["error_rate"] / 0.1)
        assert float(burn[sid]["expected"].rstrip("일")) == pytest.approx(days, rel=1e-5)
        assert burn[sid]["variant"] == str(students.variant(BURN, sid))
    assert len({r["exercise"] for r in rows}) == len(rows) // 2
    one = tmp_path / "one.csv"
    assert cli.main(["key", "--student", "20261234", "--out", str(one), "--chapters", str(ROOT / "chapters")]) == 0
    assert cli.main(["key", "--out", str(one)]) == 2
    assert "--student 학번 또는 --roster" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("name\n홍길동\n", encoding="utf-8")
    assert cli.main(["key", "--roster", str(bad), "--out", str(one), "--chapters", str(ROOT / "chapters")]) == 2
    assert "student_id 열" in capsys.readouterr().err


def test_the_teacher_guide_lists_each_per_student_range():
    from awsbook.classroom.key import number_ranges

    table = number_ranges(ROOT / "chapters")
    row = table[(table["문제 id"] == BURN) & (table["수"] == "error_rate")].iloc[0]
    assert row["책의 값"] == "0.5%" and row["학생별 범위"] == "0.2% ~ 1.5%, 0.1% 간격"
    in_chapters = {e.id for c in student.chapters_from(ROOT / "chapters") for e in c.graded
                   if exercises.get(e.id).params}
    assert set(table["문제 id"]) == in_chapters
