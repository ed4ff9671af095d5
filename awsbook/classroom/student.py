"""Student copies of the chapter notebooks, a zip for an LMS and the exercise manifest."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

from awsbook import exercises, validate
from awsbook.classroom import notebooks

MANIFEST_NAME = "manifest.json"
ZIP_NAME = "awsbook-student-copies.zip"
#: The glossary page the chapters link to (appendix/glossary.md), copied next to the copies.
GLOSSARY = "glossary.md"
#: The hands-on labs (pages and their artifacts), copied whole into ``labs/`` beside the copies.
LABS = "labs"
#: Files of the labs folder that are not part of a lab.
_NOT_LAB_FILES = ("__pycache__", ".ipynb_checkpoints")
#: Fixed timestamp of the zip entries, so the same input gives the same zip.
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)

STUDENT_README = """\
AWS 컴퓨팅 교과서 - 학생용 노트북

1. 노트북을 JupyterLab에서 엽니다. 교과서의 파이썬 패키지(awsbook)가 설치된
   환경이어야 합니다(선생님이 안내한 실습실 PC나 JupyterHub).
2. 위에서부터 차례로 셀을 실행합니다. 답을 아직 쓰지 않은 문제는
   "아직 답하지 않았습니다"라고 나옵니다.
3. "# 여기에 답을 작성하세요"가 붙은 줄의 None을 지우고 답을 계산하는 코드를 씁니다.
4. 바로 아래의 check(...) 셀은 지우거나 고치지 마세요. 자동 채점에 쓰입니다.
5. 다 풀었으면 노트북 파일을 그대로 제출합니다. 파일 이름은 선생님이 정한 대로
   (예: 홍길동이면 hong_gildong.ipynb) 바꿉니다.
"""


@dataclass(frozen=True)
class ExerciseInfo:
    """One exercise of a chapter; ``points`` is ``None`` when it is not auto-checked."""

    id: str
    points: int | None
    auto_checked: bool


@dataclass(frozen=True)
class Chapter:
    """A chapter notebook and its exercises (``name`` is the file stem, e.g. ``03_sla``)."""

    name: str
    title: str
    exercises: tuple[ExerciseInfo, ...]

    @property
    def graded(self) -> tuple[ExerciseInfo, ...]:
        """The auto-checked exercises, in reading order."""
        return tuple(e for e in self.exercises if e.auto_checked)


def read_notebook(path: Path) -> dict:
    """Read a chapter notebook (nbformat 4 JSON)."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    if nb.get("nbformat") != 4:
        raise ValueError(f"{path}: nbformat 4 노트북만 허용됩니다(주어진 값: {nb.get('nbformat')!r}).")
    return nb


def chapter_info(name: str, nb: dict) -> Chapter:
    """Exercises of the chapter notebook ``nb``: ids, points and whether they are auto-checked."""
    checked = notebooks.checked_ids(nb)
    ids = notebooks.exercise_labels(nb)
    ids += [i for i in checked if i not in ids]
    infos = []
    for exercise_id in ids:
        points = None
        if exercise_id in checked:
            try:
                points = exercises.get(exercise_id).points
            except ValueError as exc:
                raise ValueError(f"{name}.ipynb: {exc}") from None
        infos.append(ExerciseInfo(exercise_id, points, exercise_id in checked))
    return Chapter(name, notebooks.title(nb), tuple(infos))


def chapter_notebooks(chapters_dir: Path) -> list[Path]:
    """The chapter notebooks in ``chapters_dir``, sorted by file name."""
    found = sorted(Path(chapters_dir).glob("*.ipynb"))
    if not found:
        raise validate.refuse("chapters_dir", str(chapters_dir), "장 노트북(*.ipynb)이 들어 있는 폴더")
    return found


def chapters_from(chapters_dir: Path) -> list[Chapter]:
    """Read every chapter notebook in ``chapters_dir``."""
    return [chapter_info(p.stem, read_notebook(p)) for p in chapter_notebooks(chapters_dir)]


def write_manifest(chapters: list[Chapter], path: Path) -> None:
    """Write the manifest (chapter, exercise ids, points) as JSON."""
    data = {"format": 1, "chapters": [
        {**asdict(c), "total_points": sum(e.points or 0 for e in c.graded)} for c in chapters
    ]}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_manifest(path: Path) -> list[Chapter]:
    """Read a manifest written by :func:`write_manifest`."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return [
            Chapter(c["name"], c["title"], tuple(ExerciseInfo(**e) for e in c["exercises"]))
            for c in data["chapters"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise validate.refuse("manifest", str(path), f"student-copy 명령이 만든 {MANIFEST_NAME} 파일",
                              reason=f"읽을 수 없습니다({exc}).") from None


_FILE_REFERENCE = re.compile(r"(?<![\w/.:-])((?:\.{1,2}/)?[\w][\w./-]*\.[A-Za-z0-9]{2,5})\b")


def referenced_files(nb: dict, chapters_dir: Path) -> list[str]:
    """Files in ``chapters_dir`` that the notebook names (figures such as ``images/x.svg``), relative paths.

    Any cell text that looks like a relative file path counts (``{figure}``
    arguments, Markdown images and links, ``src="..."``, file names in code);
    only existing files inside ``chapters_dir``, other than notebooks, are kept.
    """
    root = Path(chapters_dir).resolve()
    found: list[str] = []
    for cell in nb.get("cells", []):
        for name in _FILE_REFERENCE.findall(notebooks.source(cell)):
            target = (root / name).resolve()
            if (target.is_file() and target.suffix != ".ipynb" and root in target.parents
                    and (relative := target.relative_to(root).as_posix()) not in found):
                found.append(relative)
    return found


@dataclass(frozen=True)
class StudentCopies:
    """What :func:`make_student_copies` wrote."""

    notebooks: tuple[Path, ...]
    manifest: Path
    zip: Path
    chapters: tuple[Chapter, ...]
    files: tuple[Path, ...] = ()


def make_student_copies(chapters_dir: Path, outdir: Path) -> StudentCopies:
    """Write a student copy of every chapter notebook, the manifest and a zip for an LMS.

    Code cells tagged ``solution`` become stubs (``answer = None  # 여기에 답을
    작성하세요``), solution directives disappear from the markdown, and the
    answer checks stay, so a copy runs top to bottom without errors.  The
    prose already carries its numbers as text (see :mod:`awsbook.prose`).
    Files the notebooks name (the figures in ``images/``) are copied next to
    them, in the folder and in the zip, and so is the glossary: links to
    ``../appendix/glossary.md`` become links to ``glossary.md`` beside the copies.
    The hands-on labs (``labs/``: their pages and every artifact; they hold no
    solutions) are copied whole into ``labs/``, and links to ``../labs/`` follow.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written, chapters, needed = [], [], []
    for path in chapter_notebooks(chapters_dir):
        nb = read_notebook(path)
        chapters.append(chapter_info(path.stem, nb))
        target = outdir / path.name
        copy = notebooks.student_notebook(nb, path.stem)
        for cell in copy["cells"]:
            if cell["cell_type"] == "markdown":
                cell["source"] = (notebooks.source(cell).replace(f"](../appendix/{GLOSSARY}", f"]({GLOSSARY}")
                                  .replace(f"](../{LABS}/", f"]({LABS}/"))
        target.write_text(json.dumps(copy, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(target)
        needed += [f for f in referenced_files(nb, Path(chapters_dir)) if f not in needed]
    files = []
    for relative in sorted(needed):
        target = outdir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(chapters_dir) / relative, target)
        files.append(target)
    glossary = Path(chapters_dir).resolve().parent / "appendix" / GLOSSARY
    if glossary.is_file():
        shutil.copyfile(glossary, outdir / GLOSSARY)
        files.append(outdir / GLOSSARY)
    labs = Path(chapters_dir).resolve().parent / LABS
    for source in sorted(labs.rglob("*")) if labs.is_dir() else []:
        if source.is_file() and not set(source.relative_to(labs).parts) & set(_NOT_LAB_FILES):
            target = outdir / LABS / source.relative_to(labs)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            files.append(target)
    manifest = outdir / MANIFEST_NAME
    write_manifest(chapters, manifest)
    archive = outdir / ZIP_NAME
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("README.txt", STUDENT_README.encode("utf-8"))] + [
            (p.relative_to(outdir).as_posix(), p.read_bytes()) for p in written + files
        ]:
            zf.writestr(zipfile.ZipInfo(name, _ZIP_DATE), data, zipfile.ZIP_DEFLATED)
    return StudentCopies(tuple(written), manifest, archive, tuple(chapters), tuple(files))
