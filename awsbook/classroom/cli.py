"""Command line: ``awsbook-classroom student-copy`` and ``awsbook-classroom grade``.

Also available as ``python -m awsbook.classroom``.  See the teacher guide
(appendix/classroom.md, a page of the book) for a worked example.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

from awsbook import exercises, validate
from awsbook.classroom import grading, key, sandbox, sheets, student

DEFAULT_CHAPTERS = "chapters"


def _chapters_dir(args) -> Path:
    """The chapter folder; outside the book's repository the default does not exist: say what to pass."""
    folder = Path(args.chapters)
    if args.chapters == DEFAULT_CHAPTERS and not folder.is_dir():
        extra = (" student-copy가 만든 manifest.json이 있으면 --manifest로 지정해도 됩니다."
                 if args.command == "grade" else "")
        raise ValueError(
            f"현재 폴더({Path.cwd()})에 장 노트북 폴더 'chapters'가 없습니다. 교과서 저장소 밖에서 실행할 때는 "
            f"--chapters로 장 노트북 폴더를 지정하세요(예: --chapters ~/awsbook/chapters).{extra}"
        )
    return folder


def _use_exercise_files(files: list[str] | None) -> None:
    """Register a teacher's own exercise files here and in every kernel started later."""
    if not files:
        return
    paths = [str(Path(f).expanduser().resolve()) for f in files]
    for path in paths:
        exercises.load_file(path)
    known = [e for e in os.environ.get(exercises.EXTRA_FILES_ENV, "").split(os.pathsep) if e]
    os.environ[exercises.EXTRA_FILES_ENV] = os.pathsep.join(known + [p for p in paths if p not in known])


def _student_copy(args) -> None:
    made = student.make_student_copies(_chapters_dir(args), Path(args.outdir))
    print(f"학생용 노트북 {len(made.notebooks)}개를 {args.outdir}에 썼습니다.")
    for chapter in made.chapters:
        graded = chapter.graded
        print(f"  {chapter.name}: 연습 문제 {len(chapter.exercises)}개, 자동 채점 {len(graded)}개"
              f"({sum(e.points or 0 for e in graded)}점)")
    if made.files:
        print(f"노트북이 쓰는 파일 {len(made.files)}개(그림 등)를 함께 복사했습니다.")
    print(f"목록: {made.manifest}")
    print(f"LMS 업로드용 압축 파일: {made.zip}")


def _chapter_of(paths: list[Path]) -> str | None:
    """The chapter most submissions name in their metadata (student copies carry it)."""
    votes: Counter[str] = Counter()
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if sheets.is_sheet_file(path.name):
            if chapter := sheets.chapter_of(data):
                votes[chapter] += 1
            continue
        nb, _ = grading.parse_submission(data)
        meta = nb.get("metadata") if nb else None
        info = meta.get("awsbook") if isinstance(meta, dict) else None
        chapter = info.get("chapter") if isinstance(info, dict) else None
        if isinstance(chapter, str):
            votes[chapter] += 1
    return votes.most_common(1)[0][0] if votes else None


def _pick_chapter(args, paths: list[Path]) -> student.Chapter:
    chapters = (student.read_manifest(Path(args.manifest)) if args.manifest
                else student.chapters_from(_chapters_dir(args)))
    by_name = {c.name: c for c in chapters}
    name = args.chapter or _chapter_of(paths) or Path(args.submissions).resolve().name
    validate.choice("chapter", name, sorted(by_name))
    if not by_name[name].graded:
        raise ValueError(f"{name} 장에는 자동 채점 연습 문제가 없습니다.")
    return by_name[name]


def _sandbox(args, notebooks: int) -> sandbox.Sandbox | bool:
    """The sandbox for the notebooks (none for answer sheets alone), or ``False`` with ``--no-sandbox``."""
    if args.no_sandbox:
        print(f"경고: {sandbox.NO_SANDBOX_RISK}", file=sys.stderr)
        return False
    limits = sandbox.Limits(memory_mb=args.memory_mb, processes=args.max_processes)
    if not notebooks:
        return False
    box = sandbox.find(limits)
    print(box.describe())
    return box


def _grade(args) -> None:
    paths = grading.submission_files(Path(args.submissions))
    if not paths:
        raise ValueError(f"{args.submissions} 폴더에 제출된 노트북(*.ipynb)이나 HTML 답안지(*.json)가 없습니다.")
    chapter = _pick_chapter(args, paths)
    graded = chapter.graded
    count = sum(sheets.is_sheet_file(p.name) for p in paths)
    kinds = f"노트북 {len(paths) - count}개, HTML 답안지 {count}개" if count else f"{len(paths)}개"
    box = _sandbox(args, notebooks=len(paths) - count)
    print(f"{chapter.name} 장, 제출 {kinds}, 자동 채점 문제 {len(graded)}개"
          f"(만점 {sum(e.points or 0 for e in graded)}점)를 채점합니다...")
    started = time.monotonic()
    submissions = grading.grade_submissions(
        paths, chapter, timeout=args.timeout, cell_timeout=args.cell_timeout, jobs=args.jobs, full=args.full,
        ids_from_names=args.ids_from_names,
        sandbox=box,
    )
    elapsed = time.monotonic() - started
    files = grading.write_reports(submissions, chapter, Path(args.out))
    print(f"채점을 마쳤습니다({elapsed:.1f}초).")
    print("문제별 요약:")
    for row in grading.summarize(submissions, chapter):
        common = f", 가장 흔한 오답 {row.common_wrong_answer}({row.common_wrong_count}명)" if row.common_wrong_count else ""
        print(f"  {row.exercise}: 평균 {row.mean_score:g}/{row.points}점, 정답 {row.correct}명, "
              f"오답 {row.wrong}명, 미응답 {row.unanswered}명, 채점 불가 {row.not_graded}명{common}")
    problems = [s for s in submissions if s.note]
    if problems:
        print("제출 전체에 관한 문제나 메모:")
        for sub in problems:
            print(f"  {sub.student}: {sub.note}")
    print("성적표: {}\n상세(감점 이유): {}\n문제별 요약: {}".format(*files))


def _key(args) -> None:
    if bool(args.student) == bool(args.roster):
        raise ValueError("--student 학번 또는 --roster 명단.csv 가운데 하나를 주세요.")
    roster = [(args.student, "")] if args.student else key.read_roster(args.roster)
    chapters = (student.read_manifest(Path(args.manifest)) if args.manifest
                else student.chapters_from(_chapters_dir(args)))
    rows = key.student_keys(chapters, roster)
    out = key.write_keys(rows, args.out)
    print(f"학생 {len(roster)}명, 자동 채점 문제 {len(rows) // max(len(roster), 1)}개의 정답을 {out}에 썼습니다.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awsbook-classroom",
        description="학생용 노트북을 만들고 제출된 노트북을 자동 채점합니다.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    copy = commands.add_parser("student-copy", help="풀이를 뺀 학생용 노트북, 목록(manifest), zip을 만듭니다.")
    copy.add_argument("outdir", help="학생용 노트북을 쓸 폴더")
    copy.add_argument("--chapters", default=DEFAULT_CHAPTERS, help="장 노트북 폴더(기본값: chapters)")
    copy.add_argument("--exercises", action="append", metavar="FILE.py",
                      help="교사가 직접 만든 연습 문제를 등록하는 파이썬 파일(여러 번 쓸 수 있음)")
    copy.set_defaults(run=_student_copy)

    grade = commands.add_parser(
        "grade", help="제출 폴더의 노트북과 HTML 답안지를 채점합니다.",
        description="제출 폴더의 노트북을 각각 샌드박스 안의 별도 커널 프로세스에서 제한 시간을 두고 실행해 "
                    "채점합니다. 샌드박스 안의 학생 코드는 자기 작업 폴더와 /tmp에만 쓸 수 있고, 교사의 파일과 다른 "
                    "제출물을 볼 수 없고, 네트워크가 없으며, 메모리와 프로세스 수가 제한됩니다. "
                    "HTML 책의 '답안 내보내기'로 만든 답안지(*.json)는 실행하지 않고 같은 정답 키로 채점합니다.",
    )
    grade.add_argument("submissions", help="한 장의 제출 노트북(파일 이름 = 학생 이름)과 HTML 답안지(*.json)가 모인 폴더")
    grade.add_argument("--out", required=True, help="성적표 CSV 경로(예: grades.csv)")
    grade.add_argument("--chapter", help="채점할 장(예: 03_sla). 생략하면 제출 노트북에서 알아냅니다.")
    grade.add_argument("--chapters", default=DEFAULT_CHAPTERS, help="장 노트북 폴더(기본값: chapters)")
    grade.add_argument("--manifest", help="student-copy가 만든 manifest.json(주면 --chapters 대신 사용)")
    grade.add_argument("--timeout", type=float, default=grading.DEFAULT_TIMEOUT,
                       help="노트북 하나의 실행 제한 시간(초, 기본값 60)")
    grade.add_argument("--cell-timeout", type=float, default=grading.DEFAULT_CELL_TIMEOUT,
                       help="셀 하나의 실행 제한 시간(초, 기본값 30)")
    grade.add_argument("--jobs", type=int, default=None, help="동시에 실행할 커널 수(기본값: CPU 코어 수)")
    grade.add_argument("--full", action="store_true",
                       help="차트·대시보드 셀까지 모두 실행합니다(느리지만 학생이 본 그대로).")
    grade.add_argument("--exercises", action="append", metavar="FILE.py",
                       help="교사가 직접 만든 연습 문제를 등록하는 파이썬 파일(여러 번 쓸 수 있음)")
    grade.add_argument("--ids-from-names", action="store_true",
                       help="학번을 정하지 않은 노트북은 파일 이름을 학번으로 봅니다(JupyterHub에서 로그인 이름으로 모은 제출물).")
    grade.add_argument("--memory-mb", type=int, default=sandbox.DEFAULT_MEMORY_MB,
                       help="제출 노트북 하나가 쓸 수 있는 메모리(MB, 모든 프로세스 합계, 기본값 2048)")
    grade.add_argument("--max-processes", type=int, default=sandbox.DEFAULT_PROCESSES,
                       help=f"제출 노트북 하나가 띄울 수 있는 프로세스·스레드 수(기본값 {sandbox.DEFAULT_PROCESSES})")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="샌드박스 없이 채점합니다(위험: 학생 코드가 교사의 권한으로 실행됩니다). "
                            "bubblewrap·podman·docker를 쓸 수 없는 컴퓨터에서 믿을 수 있는 제출물에만 쓰세요.")
    grade.set_defaults(run=_grade)

    keys = commands.add_parser(
        "key", help="학생별 정답표(CSV)를 만듭니다.",
        description="학번마다 달라지는 숫자 문제의 정답을 학생별로 계산해 CSV로 씁니다. "
                    "열: student_id, name, chapter, exercise, expected, tolerance, variant, numbers, points.",
    )
    keys.add_argument("--student", help="학번 한 명")
    keys.add_argument("--roster", help="반 전체 명단 CSV(student_id 열, 선택으로 name 열)")
    keys.add_argument("--out", required=True, help="정답표 CSV 경로(예: key.csv)")
    keys.add_argument("--chapters", default=DEFAULT_CHAPTERS, help="장 노트북 폴더(기본값: chapters)")
    keys.add_argument("--manifest", help="student-copy가 만든 manifest.json(주면 --chapters 대신 사용)")
    keys.add_argument("--exercises", action="append", metavar="FILE.py",
                      help="교사가 직접 만든 연습 문제를 등록하는 파이썬 파일(여러 번 쓸 수 있음)")
    keys.set_defaults(run=_key)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (2 for a usage error, with a Korean message)."""
    args = build_parser().parse_args(argv)
    try:
        _use_exercise_files(args.exercises)
        args.run(args)
    except (ValueError, TypeError) as exc:
        print(f"오류: {exc}", file=sys.stderr)
        return 2
    return 0
