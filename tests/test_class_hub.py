"""The class hub on one machine: ``bash scripts/class-hub.sh --port P``, used over HTTP by two students.

The script starts on a free port with a scratch state folder.  Two students log in with the
shared password; each one's server holds every chapter of ``_toc.yml`` as the student copy
(``python -m awsbook.classroom student-copy``, no solutions), pulled by nbgitpuller; one
student runs a chapter in a kernel of their own server and the kernel knows the student id
(``AWSBOOK_STUDENT_ID``, from the user name); the nbgitpuller link brings a teacher's new commit
and keeps the student's own edit; stopping the hub leaves no process and no open port.  The
measured start times and memory are printed (run with ``-s`` to see them) and memory is held to
the guarantee of the Kubernetes values file.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from jupyterhub.traitlets import ByteSpecification

from awsbook.classroom import notebooks, student
from awsbook.exercises import NOT_ANSWERED
from classhub import FOLDER, PASSWORD, Hub, Student, port_open, rss_mb
from conftest import ROOT, toc_files

CHAPTERS = [Path(f).name for f in toc_files() if f.startswith("chapters/")]
NAMES = ("20260001", "20260002")
RUN_CHAPTER = "03_sla"
VALUES = ROOT / "class" / "z2jh-values.yaml"
#: Budgets on this 2-core machine: measured 4–12 s and 3–11 s while other jobs loaded it to 3–13,
#: and 33 s and 26 s at load 14; the budgets catch a hang, not a slow machine.
HUB_START_BUDGET_S, SERVER_START_BUDGET_S = 90, 60
MEASURED: dict[str, float] = {}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    folder = tmp_path_factory.mktemp("class-hub")
    hub = Hub(folder / "state", folder / "hub.log")
    MEASURED["hub start, s"] = hub.start_seconds
    yield hub
    for leftover in hub.stop():  # when the stopping test did not run or failed
        leftover.kill()


@pytest.fixture(scope="module")
def students(hub) -> dict[str, Student]:
    """Both students logged in, their servers started one after the other."""
    found = {}
    for name in NAMES:
        s = Student(hub, name)
        r = s.login()
        assert r.status_code == 302, f"{name} 로그인 실패({r.status_code}):\n{hub.text()[-3000:]}"
        s.start_server()
        found[name] = s
    MEASURED["first server start, s"] = found[NAMES[0]].spawn_seconds
    MEASURED["second server start, s"] = found[NAMES[1]].spawn_seconds
    return found


@pytest.fixture(scope="module")
def expected_copies(tmp_path_factory) -> Path:
    """The student copies made independently of the hub, to compare with what the servers hold."""
    out = tmp_path_factory.mktemp("expected-copies")
    student.make_student_copies(ROOT / "chapters", out)
    return out


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, text=True, check=True).stdout


def test_the_copies_repository_takes_a_teachers_folder_and_commits_only_changes(tmp_path):
    mine, repo = tmp_path / "mine", tmp_path / "copies.git"
    (mine / ".git").mkdir(parents=True)
    (mine / "week1.ipynb").write_text("{}", encoding="utf-8")
    (mine / "notes.md").write_text("1주차", encoding="utf-8")

    def make() -> str:
        proc = subprocess.run(["bash", str(ROOT / "class" / "student-copies-repo.sh"), str(repo), str(mine)],
                              capture_output=True, text=True, check=True)
        return proc.stdout

    assert "학생용 노트북 1개" in make()
    assert _git(repo, "ls-tree", "-r", "--name-only", "main").split() == ["notes.md", "week1.ipynb"]
    make()  # nothing changed: no new commit
    assert _git(repo, "rev-list", "--count", "main").strip() == "1"
    (mine / "notes.md").unlink()
    (mine / "week2.ipynb").write_text("{}", encoding="utf-8")
    assert "학생용 노트북 2개" in make()
    assert _git(repo, "ls-tree", "-r", "--name-only", "main").split() == ["week1.ipynb", "week2.ipynb"]
    assert _git(repo, "rev-list", "--count", "main").strip() == "2"


def test_the_hub_starts_in_time_and_refuses_a_wrong_password_or_name(hub):
    assert hub.start_seconds <= HUB_START_BUDGET_S
    stranger = Student(hub, "20269999")
    assert stranger.login(password=PASSWORD + "x").status_code == 403
    # A user name becomes a folder name: one that could leave the students' folder is refused.
    assert Student(hub, "../20269999").login().status_code == 403
    # The script committed a student copy of every chapter to the repository nbgitpuller pulls from.
    # (the chapters and the hands-on labs, which hold no solutions)
    notebooks_count = len(CHAPTERS) + len(list(ROOT.glob("labs/*/*.ipynb")))
    assert re.search(rf"학생용 노트북 {notebooks_count}개: \S+student-copies\.git", hub.text()), hub.text()[:2000]


def test_both_servers_start_in_time(students):
    for s in students.values():
        assert s.spawn_seconds <= SERVER_START_BUDGET_S, s.name


@pytest.mark.parametrize("name", NAMES)
def test_each_server_holds_every_chapter_without_solutions(students, expected_copies, name):
    s = students[name]
    listing = s.listing()
    assert len(CHAPTERS) >= 8
    assert [c for c in CHAPTERS if f"{c}.ipynb" not in listing] == []
    for chapter in CHAPTERS:
        served = s.notebook(f"{FOLDER}/{chapter}.ipynb")
        original = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
        # It is the student copy: equal to what student-copy writes (nbformat may add cell ids).
        made = json.loads((expected_copies / f"{chapter}.ipynb").read_text(encoding="utf-8"))
        assert [c["source"] for c in served["cells"]] == [notebooks.source(c) for c in made["cells"]], chapter
        # And it holds no solution: no solution cell, no {solution} block, no line of a solution cell.
        assert not any("solution" in notebooks.tags(c) for c in served["cells"]), chapter
        text = "\n".join(c["source"] for c in served["cells"])
        assert not re.search(r"\{solution(-start|-end)?\}", text), chapter
        # (Lines that also stand outside the solution cells, such as imports, are not the solution.)
        solved = [c for c in original["cells"] if "solution" in notebooks.tags(c)]
        rest = "\n".join(notebooks.source(c) for c in original["cells"] if c not in solved)
        # (The lines that give the student their own numbers, and the imports they need, stay on purpose.)
        kept = {line for c in solved for line in notebooks.numbers_lines(notebooks.source(c))}
        solution_lines = {line.strip() for c in solved for line in notebooks.source(c).splitlines()
                          if len(line.strip()) > 12 and not line.strip().startswith("#") and line.strip() not in rest
                          and line.strip() not in kept}
        assert [line for line in solution_lines if line in text] == [], chapter
        if solution_lines:
            assert notebooks.STUB_COMMENT in text, chapter
    assert "glossary.md" in listing and "images" in listing


def test_a_student_runs_a_chapter_in_their_own_server_with_their_id(hub, students):
    first, second = (students[n] for n in NAMES)
    server = hub.server_of(first.name)
    MEASURED["idle server RSS, MB"] = rss_mb([server])
    kernel = first.kernel(f"{FOLDER}/{RUN_CHAPTER}.ipynb")
    started = time.monotonic()
    replies = kernel.run_notebook(first.notebook(f"{FOLDER}/{RUN_CHAPTER}.ipynb"))
    MEASURED[f"Run All {RUN_CHAPTER}, s"] = time.monotonic() - started
    assert [r.error for r in replies if r.error] == []
    # The answer cells are empty stubs, so every check says the exercise is not answered yet.
    assert sum(NOT_ANSWERED in r.text for r in replies) >= 1
    assert kernel.execute("import os; print(os.environ['AWSBOOK_STUDENT_ID'])").text.strip() == first.name
    kernels = server.children(recursive=True)
    MEASURED["kernel RSS after Run All, MB"] = rss_mb(kernels)
    MEASURED["server + kernel RSS, MB"] = rss_mb([server] + kernels)
    kernel.close()
    # The other student's kernel has the other id.
    other = second.kernel(f"{FOLDER}/{CHAPTERS[0]}.ipynb")
    assert other.execute("import os; print(os.environ['AWSBOOK_STUDENT_ID'])").text.strip() == second.name
    other.close()
    # The Kubernetes values file guarantees each student at least what was measured here.
    guarantee = yaml.safe_load(VALUES.read_text(encoding="utf-8"))["singleuser"]["memory"]["guarantee"]
    assert MEASURED["server + kernel RSS, MB"] * 1e6 <= ByteSpecification().validate(None, guarantee)


def test_the_nbgitpuller_link_brings_a_teacher_update_and_keeps_the_students_edit(hub, students, tmp_path):
    s = students[NAMES[0]]
    # The server's start page is the nbgitpuller link.
    link = s.session.get(f"{s.base}/", allow_redirects=False).headers["location"]
    assert "/git-pull?" in link and "targetpath=awsbook" in link
    # The student edits a notebook; the teacher adds a file to the student copies' repository.
    path = f"{FOLDER}/{CHAPTERS[0]}.ipynb"
    nb = s.notebook(path)
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "학생이 쓴 메모"})
    assert s.session.put(f"{s.base}/api/contents/{path}", headers=s.headers(),
                         json={"type": "notebook", "format": "json", "content": nb}).ok
    repo = hub.state / "student-copies.git"
    git = ["git", "-c", "user.name=teacher", "-c", "user.email=teacher@localhost"]
    subprocess.run(["git", "clone", "-q", str(repo), str(tmp_path / "w")], check=True)
    (tmp_path / "w" / "notice.md").write_text("다음 주 과제 안내\n", encoding="utf-8")
    subprocess.run(git + ["-C", str(tmp_path / "w"), "add", "notice.md"], check=True)
    subprocess.run(git + ["-C", str(tmp_path / "w"), "commit", "-q", "-m", "notice"], check=True)
    subprocess.run(["git", "-C", str(tmp_path / "w"), "push", "-q", "origin", "main"], check=True)
    query = link.split("?", 1)[1]
    events = s.get(f"git-pull/api?{query}", timeout=120).text
    assert '"phase": "finished"' in events, events[-2000:]
    assert "notice.md" in s.listing()
    assert s.notebook(path)["cells"][-1]["source"] == "학생이 쓴 메모"


def test_stopping_the_hub_stops_every_server_kernel_and_the_proxy(hub, students):
    ports = [hub.port] + [c.laddr.port for p in hub.processes() for c in p.net_connections("inet")
                          if c.status == "LISTEN"]
    assert len(hub.processes()) >= 4  # hub, proxy, two servers
    alive = hub.stop()
    assert alive == []
    assert [p for p in ports if port_open(p)] == []
    print("\nclass hub measured: " + ", ".join(f"{k} {v:.1f}" for k, v in MEASURED.items()))
