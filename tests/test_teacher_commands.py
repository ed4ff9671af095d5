"""Every command of the README's teacher section, after the build alone (issue 25 §7).

``bash scripts/build.sh`` installs only ``requirements.txt``.  This test makes such an environment
(a virtual environment of its own, installed from ``requirements.txt`` only, kept in the temporary
folder between runs because it takes minutes to make), lays out a copy of the repository the way a
teacher has it after the build (the files git tracks, ``.venv`` pointing at that environment, the
build's execution cache), and runs each command exactly as the README writes it.  The commands are
read from the README's "For teachers" section, so the test follows the README.

Each command must end with exit code 0, or, where it cannot work here (no internet, a teacher's own
input file the test does not make), with a Korean message that says what to do, never a Python
traceback; the student copies, grading, the PDF and the data check must work.  The network is closed for the commands (a proxy on a
closed local port): the price refresh says in Korean that it could not download and then runs
again with ``--offers`` on the test's price files, which must work.  The class hub's command
starts a server and installs the hub's packages; ``tests/test_class_hub.py`` runs it, and here it
runs without its password, which must stop it at once with a Korean message.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from awsbook.book import pdf
from awsbook.classroom import sheets, student
from conftest import OUTPUT, ROOT

README = ROOT / "README.md"
#: Commands that start a server instead of finishing, and the test that runs them.
SERVERS = {"scripts/class-hub.sh": "tests/test_class_hub.py"}
#: A proxy on a port nothing listens on: any download fails at once, on this machine.
CLOSED_PROXY = "http://127.0.0.1:9"
TRACEBACK = "Traceback (most recent call last)"
#: Commands that have all they need here (the test lays out the submissions a grade command names):
#: they must end with exit code 0.
MUST_WORK_HERE = (" student-copy ", " grade ", " key ", " awsbook.book.pdf ", " awsbook.datasets check ")
HANGUL = re.compile(r"[가-힣]")


def teacher_commands(readme: str) -> list[str]:
    """The commands of the ``bash`` blocks in the README's "For teachers" section (comments dropped)."""
    section = readme.split("\n## For teachers", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", section, re.S):
        for line in block.splitlines():
            command = line.split(" #", 1)[0].strip()
            if command and not command.startswith("#"):
                commands.append(command)
    return commands


def test_the_readme_section_is_read():
    commands = teacher_commands(README.read_text(encoding="utf-8"))
    assert any("awsbook.classroom student-copy" in c for c in commands)
    assert any("awsbook.prices refresh" in c for c in commands)
    assert teacher_commands("# x\n## For teachers\n```bash\n# note\na --b  # comment\n```\n## Next\n```bash\nc\n```") == ["a --b"]


def _python() -> str:
    """The Python that scripts/setup.sh makes .venv with."""
    return shutil.which("python3") or sys.executable


def _key() -> str:
    """What the environment depends on: the pins, the package's extras, the checkout and the Python."""
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(f"{ROOT}|{_python()}".encode())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def build_only_env() -> Path:
    """A virtual environment with ``requirements.txt`` only, as ``scripts/build.sh`` makes it (cached)."""
    venv = Path(tempfile.gettempdir()) / f"awsbook-build-only-venv-{_key()}"
    stamp = venv / "installed-from-requirements.txt"
    if not stamp.exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([_python(), "-m", "venv", str(venv)], check=True)
        # As scripts/setup.sh does, from the repository's top folder ("-e ." is this checkout).
        for args in (["--upgrade", "pip"], ["-r", "requirements.txt"]):
            proc = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *args], cwd=ROOT,
                                  capture_output=True, text=True, timeout=1800)
            assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        stamp.write_text("ok\n", encoding="utf-8")
    return venv


@pytest.fixture(scope="module")
def teacher_folder(tmp_path_factory, build_only_env, book_build) -> Path:
    """A copy of the repository as a teacher has it after ``bash scripts/build.sh``."""
    folder = tmp_path_factory.mktemp("teacher")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in tracked.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    (folder / ".venv").symlink_to(build_only_env)
    cache = OUTPUT / "_build" / ".jupyter_cache"  # the build's executed notebooks (the PDF reuses them)
    if book_build.returncode == 0 and cache.is_dir():
        shutil.copytree(cache, folder / "_build" / ".jupyter_cache")
    return folder


def _submissions(folder: Path, command: str) -> None:
    """A teacher's folder of submissions for a grade command: a blank student copy and an answer sheet."""
    target = folder / shlex.split(command)[shlex.split(command).index("grade") + 1]
    chapter = target.name
    copies = folder / "_submission-copies"
    student.make_student_copies(folder / "chapters", copies)
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(copies / f"{chapter}.ipynb", target / "kim_minsu.ipynb")
    (target / "lee_jiwoo.json").write_text(json.dumps({
        "format": sheets.SHEET_FORMAT, "version": sheets.SHEET_VERSION, "book": "t", "book_version": "t",
        "chapter": chapter, "student": "이지우", "exported_at": "2026-03-02T09:00:00.000Z", "answers": []},
        ensure_ascii=False), encoding="utf-8")


def _run(folder: Path, command: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWSBOOK_", "CLASS_HUB_", "VIRTUAL_ENV", "PYTHON")) and k.lower() not in ("http_proxy", "https_proxy")}
    env.update(http_proxy=CLOSED_PROXY, https_proxy=CLOSED_PROXY, no_proxy="127.0.0.1,localhost")
    return subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("command", teacher_commands(README.read_text(encoding="utf-8")))
def test_a_teacher_command_works_after_the_build_alone(teacher_folder, command):
    if server := next((s for s in SERVERS if s in command), None):
        # It runs for real in its own test; here, without its password, it must stop at once and say so.
        assert (ROOT / SERVERS[server]).is_file()
        proc = _run(teacher_folder, re.sub(r"^(\w+=\S+\s+)+", "", command))
        assert proc.returncode == 2 and HANGUL.search(proc.stderr) and "CLASS_HUB_PASSWORD" in proc.stderr
        assert not (teacher_folder / ".class-hub").exists()
        return
    if " grade " in f" {command} ":
        _submissions(teacher_folder, command)
    proc = _run(teacher_folder, command)
    output = proc.stdout + proc.stderr
    assert TRACEBACK not in output, output[-4000:]
    if any(part in f" {command} " for part in MUST_WORK_HERE):
        assert proc.returncode == 0, output[-4000:]
    elif proc.returncode != 0:
        # It may need what this machine lacks (the internet, a teacher's own file): it must say so in Korean.
        assert HANGUL.search(proc.stderr), output[-4000:]
    if proc.returncode != 0 and "--offers" in proc.stderr:
        # No internet here: with the test's price files instead, the refresh must work (it reads them with ijson).
        offline = _run(teacher_folder, f"{command} --offers {ROOT / 'tests' / 'fixtures' / 'offers'}")
        assert offline.returncode == 0, (offline.stdout + offline.stderr)[-4000:]
        assert TRACEBACK not in offline.stdout + offline.stderr


def test_the_pdf_says_in_korean_which_debian_packages_are_missing(monkeypatch, capsys):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert pdf.missing_packages() == ["chromium", "fonts-nanum"]
    assert pdf.main([]) == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install -y chromium fonts-nanum" in err and TRACEBACK not in err
