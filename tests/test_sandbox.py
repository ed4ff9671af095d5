"""The grading sandbox: hostile submissions graded beside an honest one, through the command line.

The honest submission is the teacher's own chapter notebook (with its solutions): it must get full
marks inside the sandbox.  Each hostile submission is the same notebook with one answer cell turned
into an attack, so it loses that one exercise (with a reason naming what was blocked) and keeps the
others.  Afterwards the test looks at the file system, the listener it started on 127.0.0.1, the
process table and the grades.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

from awsbook import exercises
from awsbook.classroom import grading, notebooks, sandbox, student

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "classroom"
CHAPTER = "03_sla"  # the example: a submitted chapter-3 notebook
TEACHER = ROOT / "chapters" / f"{CHAPTER}.ipynb"
#: Unique in this run: the duration of the `sleep` processes the attacks start, found later in the process table.
MARK = f"4242.{random.randrange(10**8):08d}"
SECRET = f"SECRET-{random.randrange(10**12)}"

pytestmark = pytest.mark.skipif(sandbox.Bubblewrap.problem() != "", reason="bubblewrap가 동작하지 않습니다.")


def _run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awsbook.classroom", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, env=env)


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _first_solution(nb: dict) -> tuple[int, str, str]:
    """(index, exercise id, answer variable) of the first solution cell followed by its check cell whose
    exercise is worth points (a 먼저 예측해 보기 question, worth none, costs nothing when attacked)."""
    for index, cell in enumerate(nb["cells"][:-1]):
        call = re.search(r"check\(\s*['\"]([^'\"]+)['\"]\s*,\s*(\w+)", notebooks.source(nb["cells"][index + 1]))
        if "solution" in notebooks.tags(cell) and call and exercises.get(call[1]).points:
            return index, call[1], call[2]
    raise AssertionError("풀이 셀 다음에 check(...) 셀이 오는 연습 문제가 없습니다.")


def _attacked(teacher: dict, code: str, *, replace: bool = False) -> dict:
    """The teacher's notebook with ``code`` before (or instead of) its first solution cell's code."""
    nb = json.loads(json.dumps(teacher))
    index, _, _ = _first_solution(nb)
    cell = nb["cells"][index]
    cell["source"] = code if replace else f"{code}\n{notebooks.source(cell)}"
    return nb


class Listener:
    """A TCP server on 127.0.0.1 that records every connection it accepts."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.accepted: list[tuple] = []
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                conn, address = self.server.accept()
            except OSError:
                continue
            self.accepted.append(address)
            conn.close()

    def stop(self):
        self.running = False
        self.thread.join()
        self.server.close()


def _marked_processes(mark: str) -> list[str]:
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        line = " ".join(proc.info["cmdline"] or [])
        if mark in line:
            found.append(f"{proc.pid}: {line}")
    return found


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    base = tmp_path_factory.mktemp("sandbox")
    submissions, outside = base / "submissions", base / "outside"
    submissions.mkdir()
    outside.mkdir()
    planted = outside / "secret.txt"
    planted.write_text(SECRET, encoding="utf-8")
    listener = Listener()
    teacher = json.loads(TEACHER.read_text(encoding="utf-8"))
    _, attacked, var = _first_solution(teacher)
    home_file = Path.home() / f"hacked-{MARK}.txt"
    attacks = {
        "write_outside": (f"open({str(outside / 'hacked.txt')!r}, 'w').write('hacked')", False),
        # The sandbox's own home (/tmp) takes the first write; the teacher's real home path is refused.
        "write_home": ("import pathlib\n(pathlib.Path.home() / 'hacked.txt').write_text('hacked')\n"
                       f"open({str(home_file)!r}, 'w').write('hacked')", False),
        "write_repository": (f"open({str(ROOT / f'hacked-{MARK}.txt')!r}, 'w').write('hacked')", False),
        "read_planted": (f"{var} = open({str(planted)!r}).read()", True),
        "read_submission": (f"{var} = open({str(submissions / 'teacher.ipynb')!r}).read()[:80]", True),
        "env_secret": (f"import os\n{var} = os.environ.get('AWS_SECRET_ACCESS_KEY', '없음')", True),
        "network": (f"import socket\nsocket.create_connection(('127.0.0.1', {listener.port}), timeout=5)", False),
        "memory": ("blob = bytearray(6 * 2**30)", False),
        "processes": (f"import subprocess\nchildren = [subprocess.Popen(['sleep', '{MARK}']) for _ in range(200)]",
                      False),
        "outlive": (f"import subprocess\nsubprocess.Popen(['sleep', '{MARK}'], start_new_session=True)", False),
    }
    (submissions / "teacher.ipynb").write_text(json.dumps(teacher, ensure_ascii=False), encoding="utf-8")
    for name, (code, replace) in attacks.items():
        nb = _attacked(teacher, code, replace=replace)
        (submissions / f"{name}.ipynb").write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in submissions.iterdir()}
    out = base / "grades" / "grades.csv"
    env = {**os.environ, "AWS_SECRET_ACCESS_KEY": SECRET}
    try:
        proc = _run_cli("grade", str(submissions), "--out", str(out), "--chapter", CHAPTER, "--jobs", "2", env=env)
    finally:
        listener.stop()
    grades, details, _ = grading.report_paths(out)
    return {
        "proc": proc, "grades": {r["student"]: r for r in _rows(grades)} if grades.exists() else {},
        "details": _rows(details) if details.exists() else [], "texts": [p.read_text(encoding="utf-8-sig")
                                                                          for p in grading.report_paths(out)
                                                                          if p.exists()],
        "accepted": listener.accepted, "left": _marked_processes(MARK), "before": before,
        "submissions": submissions, "outside": outside, "home_file": home_file, "points": _points(),
        "attacked": attacked,
    }


def _points() -> int:
    chapter = next(c for c in student.chapters_from(ROOT / "chapters") if c.name == CHAPTER)
    return sum(e.points or 0 for e in chapter.graded)


def _attacked_reason(batch, name: str) -> str:
    return next(d["reason"] for d in batch["details"] if d["student"] == name and d["exercise"] == batch["attacked"])


def test_the_batch_ran_in_the_sandbox(batch):
    proc = batch["proc"]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "채점 샌드박스: bubblewrap(메모리 2 GB, 프로세스·스레드 64개, 네트워크 없음" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_the_teachers_notebook_gets_full_marks_inside_the_sandbox(batch):
    row = batch["grades"]["teacher"]
    assert float(row["total"]) == batch["points"]
    assert not any(word in row["note"] for word in ("샌드박스", "제한", "커널")), row["note"]


# (submission, piece of the attacked exercise's reason in the details file); each loses that exercise only.
BLOCKED = [
    ("write_outside", "제출 폴더 밖의 파일은 채점 샌드박스에서 보이지 않습니다"),
    ("write_home", "채점 샌드박스가 제출 폴더 밖에 쓰기를 막았습니다(제출 폴더와 /tmp에만 쓸 수 있습니다)"),
    ("write_repository", "채점 샌드박스가 제출 폴더 밖에 쓰기를 막았습니다"),
    ("read_planted", "제출 폴더 밖의 파일은 채점 샌드박스에서 보이지 않습니다"),
    ("read_submission", "제출 폴더 밖의 파일은 채점 샌드박스에서 보이지 않습니다"),
    ("env_secret", "'없음'"),  # the answer is what the sandbox's environment holds
    ("network", "채점 샌드박스가 네트워크 연결을 막았습니다(127.0.0.1을 포함해 네트워크가 없습니다)"),
    ("memory", "에서 오류: 메모리 제한 2 GB를 넘어 중단했습니다: MemoryError. 그 결과"),
    ("processes", "프로세스 수 제한 64개(스레드 포함)를 넘어 새 프로세스를 만들지 못했습니다: BlockingIOError"),
]


@pytest.mark.parametrize("name, reason", BLOCKED, ids=[b[0] for b in BLOCKED])
def test_each_attack_is_blocked_with_a_reason_and_costs_one_exercise(batch, name, reason):
    assert reason in _attacked_reason(batch, name)
    assert float(batch["grades"][name]["total"]) == batch["points"] - 1
    lost = [d["exercise"] for d in batch["details"] if d["student"] == name and d["reason"] != grading.CORRECT]
    assert len(lost) == 1


def test_a_process_meant_to_outlive_grading_is_gone_and_costs_nothing(batch):
    assert float(batch["grades"]["outlive"]["total"]) == batch["points"]
    assert batch["left"] == []  # neither the 200 children's survivors nor the new session's process


def test_nothing_outside_the_folders_was_written_or_leaked(batch):
    assert sorted(p.name for p in batch["outside"].iterdir()) == ["secret.txt"]
    assert not (Path.home() / "hacked.txt").exists() and not batch["home_file"].exists()
    assert not list(ROOT.glob(f"hacked-{MARK}*"))
    assert {p.name: p.read_bytes() for p in batch["submissions"].iterdir()} == batch["before"]
    assert not any(SECRET in text for text in batch["texts"])  # neither the planted file nor the environment


def test_the_listener_on_loopback_got_no_connection(batch):
    assert batch["accepted"] == []


def test_memory_of_all_processes_together_is_limited(tmp_path):
    # Four children of ~350 MB each (1.4 GB) under a 1 GB limit: each is under its own address-space limit,
    # so only the watchdog over the sandbox's processes together can stop them.
    teacher = json.loads(TEACHER.read_text(encoding="utf-8"))
    child = "s = 'x' * (350 * 2**20); import time; time.sleep(60)"
    code = ("import subprocess, sys, time\n"
            f"kids = [subprocess.Popen([sys.executable, '-c', {child!r}, '{MARK}']) for _ in range(4)]\n"
            "time.sleep(60)")  # longer than the cell limit: only the watchdog can give a memory reason
    path = tmp_path / "hog.ipynb"
    path.write_text(json.dumps(_attacked(teacher, code)), encoding="utf-8")
    chapter = next(c for c in student.chapters_from(ROOT / "chapters") if c.name == CHAPTER)
    box = sandbox.find(sandbox.Limits(memory_mb=1024))
    (graded,) = grading.grade_submissions([path], chapter, sandbox=box)
    _, attacked, _ = _first_solution(teacher)
    lost = next(s for s in graded.scores if s.exercise == attacked)
    assert "메모리 제한 1 GB를 넘어 중단했습니다(샌드박스 안 모든 프로세스의 합계)" in lost.reason and lost.score == 0
    assert "메모리 제한 1 GB를 넘어 중단했습니다" in graded.note
    assert _marked_processes(MARK) == []


def test_without_any_sandbox_grading_refuses_and_names_what_to_install(tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "kim.ipynb").write_bytes((FIXTURE / "submissions" / "all_correct.ipynb").read_bytes())
    env = {**os.environ, "PATH": str(tmp_path / "nothing")}  # no bwrap, podman or docker
    proc = _run_cli("grade", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv"), "--chapters",
                    str(FIXTURE / "chapters"), "--exercises", str(FIXTURE / "exercises.py"), env=env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "채점 샌드박스를 만들 수 없어 노트북을 채점하지 않았습니다" in proc.stderr
    assert "sudo apt-get install bubblewrap" in proc.stderr and "--no-sandbox" in proc.stderr
    assert "bubblewrap: bwrap 명령이 없습니다; podman: podman 명령이 없습니다" in proc.stderr
    assert not (tmp_path / "g.csv").exists()
    # Answer sheets are never executed: they are graded without any sandbox.
    (tmp_path / "subs" / "kim.ipynb").unlink()
    (tmp_path / "subs" / "a.json").write_bytes((FIXTURE / "submissions" / "sheet_right.json").read_bytes())
    proc = _run_cli("grade", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv"), "--chapters",
                    str(FIXTURE / "chapters"), "--exercises", str(FIXTURE / "exercises.py"), env=env)
    assert proc.returncode == 0, proc.stderr
    # --no-sandbox grades the notebook and says what it risks.
    (tmp_path / "subs" / "kim.ipynb").write_bytes((FIXTURE / "submissions" / "all_correct.ipynb").read_bytes())
    proc = _run_cli("grade", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv"), "--chapters",
                    str(FIXTURE / "chapters"), "--exercises", str(FIXTURE / "exercises.py"), "--no-sandbox",
                    env=env)
    assert proc.returncode == 0, proc.stderr
    assert "경고: 샌드박스 없이 채점합니다(--no-sandbox)" in proc.stderr and "교사의 파일을 읽거나 지우고" in proc.stderr
    assert {r["student"]: r["total"] for r in _rows(tmp_path / "g.csv")} == {"kim": "5", "김하늘": "5"}


def test_what_the_teacher_keeps_under_tmp_is_still_bound_read_only(tmp_path):
    # The sandbox's /tmp is its own; a teacher's exercise file (or Python environment) under the host's /tmp
    # must still be seen, and only read.
    extra = tmp_path / "my_exercises.py"
    extra.write_text("X = 1\n", encoding="utf-8")
    extra.chmod(0o666)  # only the read-only binding stops a write
    folder = tmp_path / "work"
    folder.mkdir()
    box = sandbox.find()
    code = f"print(open({str(extra)!r}).read(), end='')\ntry:\n    open({str(extra)!r}, 'a')\nexcept OSError as e:\n    print(e.errno)"
    with box.jail(folder, {"AWSBOOK_EXERCISE_FILES": str(extra)}) as jail:
        proc = subprocess.run(box.wrap(jail, [sys.executable, "-I", "-S", "-c", code]), capture_output=True,
                              text=True, env=jail.env, cwd=folder, timeout=60)
    assert proc.stdout == "X = 1\n30\n", proc.stderr  # 30: EROFS


def test_a_container_program_without_a_working_engine_is_not_a_sandbox(tmp_path, monkeypatch):
    fake = tmp_path / "docker"  # a docker client with no engine behind it, as on this machine
    fake.write_text("#!/bin/sh\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.' >&2\n"
                    "exit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert sandbox.Docker.missing() == ("docker 엔진이 동작하지 않습니다: Cannot connect to the Docker daemon at "
                                        "unix:///var/run/docker.sock.")
    assert sandbox.Podman.missing() == "podman 명령이 없습니다"


def test_a_container_gets_no_network_no_rights_and_read_only_binds(tmp_path):
    box = sandbox.Docker(sandbox.Limits(memory_mb=1536, processes=32))
    with box.jail(tmp_path, {"AWSBOOK_EXERCISE_FILES": str(FIXTURE / "exercises.py")}) as jail:
        args = box.wrap(jail, ["python", "-m", "ipykernel_launcher"])
        pairs = set(zip(args, args[1:]))
        for pair in [("--network", "none"), ("--cap-drop", "ALL"), ("--memory", "1536m"), ("--memory-swap", "1536m"),
                     ("--pids-limit", "32"), ("--security-opt", "no-new-privileges"), ("-w", str(tmp_path))]:
            assert pair in pairs, pair
        mounts = [b for a, b in pairs if a == "-v"]
        writable = sorted(m for m in mounts if not m.endswith(":ro"))
        assert writable == sorted([f"{jail.tmp}:/tmp", f"{jail.run}:{jail.run}", f"{tmp_path}:{tmp_path}"])
        assert not any(m.split(":")[1] in (str(ROOT), str(ROOT / "chapters"), str(Path.home())) for m in mounts)
        assert args[-3:] == ["python", "-m", "ipykernel_launcher"] and "--read-only" in args


def test_limits_out_of_range_are_refused_in_korean(tmp_path):
    proc = _run_cli("grade", str(FIXTURE / "submissions"), "--out", str(tmp_path / "g.csv"), "--chapters",
                    str(FIXTURE / "chapters"), "--exercises", str(FIXTURE / "exercises.py"), "--memory-mb", "100")
    assert proc.returncode == 2 and "매개변수 'memory_mb'에 100이(가) 주어졌습니다. 1,024 이상의 정수만" in proc.stderr
    with pytest.raises(ValueError, match="매개변수 'processes'"):
        sandbox.Limits(processes=3)


@pytest.mark.parametrize("memory_mb, text", [(2048, "2 GB"), (1536, "1.5 GB"), (1100, "1,100 MB"), (4096, "4 GB")])
def test_memory_limit_in_words(memory_mb, text):
    assert sandbox.Limits(memory_mb=memory_mb).memory_text == text


LIMITS = sandbox.Limits()
FOLDER = "/tmp/awsbook-grade-abc"


@pytest.mark.parametrize("ename, evalue, piece", [
    ("MemoryError", "", "메모리 제한 2 GB를 넘어"),
    ("_ArrayMemoryError", "Unable to allocate 44.7 GiB for an array with shape (6000000000,)", "메모리 제한 2 GB"),
    ("BlockingIOError", "[Errno 11] Resource temporarily unavailable", "프로세스 수 제한 64개"),
    ("RuntimeError", "can't start new thread", "프로세스 수 제한 64개"),
    ("ConnectionRefusedError", "[Errno 111] Connection refused", "네트워크 연결을 막았습니다"),
    ("OSError", "[Errno 101] Network is unreachable", "네트워크 연결을 막았습니다"),
    ("gaierror", "[Errno -3] Temporary failure in name resolution", "네트워크 연결을 막았습니다"),
    ("URLError", "<urlopen error [Errno 111] Connection refused>", "네트워크 연결을 막았습니다"),
    ("OSError", "[Errno 30] Read-only file system: '/work/book/x.txt'", "제출 폴더 밖에 쓰기를 막았습니다"),
    ("PermissionError", "[Errno 13] Permission denied: '/dev/x'", "제출 폴더 밖에 쓰기를 막았습니다"),
    ("PermissionError", "[Errno 13] Permission denied: '/tmp/book/x.txt'", "제출 폴더 밖에 쓰기를 막았습니다"),
    ("FileNotFoundError", "[Errno 2] No such file or directory: '/home/teacher/key.csv'", "보이지 않습니다"),
    ("OSError", "[Errno 27] File too large", "파일 크기 제한 2 GB"),
    # Errors of the student's own making keep their plain text.
    ("ZeroDivisionError", "division by zero", ""),
    ("FileNotFoundError", "[Errno 2] No such file or directory: 'data.csv'", ""),
    ("FileNotFoundError", f"[Errno 2] No such file or directory: '{FOLDER}/data.csv'", ""),
    ("FileNotFoundError", "[Errno 2] No such file or directory: '/tmp/teacher.csv'", "/tmp도 이 제출만의 빈 폴더"),
    ("PermissionError", f"[Errno 13] Permission denied: '{FOLDER}/locked.txt'", ""),
    ("ValueError", "[Errno 11] not an OS error", ""),
])
def test_blocked_errors_are_explained_and_others_are_not(ename, evalue, piece):
    reason = sandbox.explain(ename, evalue, FOLDER, LIMITS)
    assert (piece in reason) if piece else reason == ""


def test_the_kernel_sees_no_teacher_secret_and_no_repository():
    env = sandbox.kernel_env({"AWSBOOK_RESULTS": "/tmp/r.jsonl", "AWS_SECRET_ACCESS_KEY": "k",
                              "JUPYTERHUB_API_TOKEN": "t", "LANG": "ko_KR.UTF-8", "PATH": "/opt/teacher/bin"})
    assert env["AWSBOOK_RESULTS"] == "/tmp/r.jsonl" and env["LANG"] == "ko_KR.UTF-8" and env["HOME"] == "/tmp"
    assert "AWS_SECRET_ACCESS_KEY" not in env and "JUPYTERHUB_API_TOKEN" not in env
    assert "/opt/teacher/bin" not in env["PATH"]
    # The kernel imports the grader's own package (bound below), not what an editable install points at.
    assert env["PYTHONPATH"] == str(ROOT)
    paths = sandbox.read_only_paths({"AWSBOOK_EXERCISE_FILES": str(FIXTURE / "exercises.py")})
    assert str(ROOT / "awsbook") in paths and str(ROOT / "data") in paths and str(FIXTURE / "exercises.py") in paths
    # Neither the repository (chapters with solutions, tests) nor a folder above it is bound.
    for hidden in (ROOT / "chapters", ROOT / "tests" / "fixtures" / "classroom" / "chapters", Path.home()):
        assert not any(hidden == Path(p) or hidden.is_relative_to(p) for p in paths), hidden
