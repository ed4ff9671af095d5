"""What a refresh changes, for a person to review: price table changes and the prose numbers that move.

The book's prose numbers are :func:`awsbook.prose.values`, computed from ``data/``.
They are computed twice in a child process, once with the current data folder and
once with the candidate folder (``AWSBOOK_DATA_DIR``, which ``awsbook.datasets``
honours), and every quoted number whose text would change is listed with the
same formatting the prose uses (:func:`awsbook.prose.quotes`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from awsbook.prices.tables import PROVENANCE, Change, Merge

#: The folder that holds the ``awsbook`` package the child processes must import.
PACKAGE_PARENT = Path(__file__).resolve().parents[2]


class ProseError(RuntimeError):
    """The prose numbers could not be computed from a data folder."""


@dataclass(frozen=True)
class Move:
    """A number quoted in the prose that changes: ``chapters/09_choosing_compute ref_be_requests_10k: 1,469 → 1,470``."""

    page: str
    key: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.page} {self.key}: {self.old} → {self.new}"


def prose_values(data_dir: Path, root: Path) -> dict[str, object]:
    """``python -m awsbook.prose values`` run with ``AWSBOOK_DATA_DIR=data_dir`` (a child process)."""
    env = dict(os.environ)
    env["AWSBOOK_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_PARENT), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run([sys.executable, "-m", "awsbook.prose", "values"], cwd=str(root), env=env,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-3:])
        raise ProseError(f"데이터 폴더 {data_dir}로 본문 숫자를 계산하지 못했습니다:\n{tail}")
    return json.loads(proc.stdout)


def prose_moves(before: dict, after: dict, root: Path) -> list[Move]:
    """Every quoted number under ``root`` whose text differs between ``before`` and ``after`` values."""
    from awsbook import prose

    moves = []
    for path in prose.source_files(root):
        old = prose.quotes(path, before, root)
        new = prose.quotes(path, after, root)
        for a, b in zip(old, new):
            if a.expected != b.expected and b.expected is not None:
                page = a.file.rsplit(".", 1)[0] if a.file.endswith((".ipynb", ".md")) else a.file
                moves.append(Move(page, a.key, a.expected or a.text, b.expected))
    return moves


def _pct(change: Change) -> str:
    pct = change.pct
    return "" if pct is None else f"{pct:+.1f}%"


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return [line(header), line(tuple("-" * w for w in widths)), *(line(r) for r in rows)]


def report(merge: Merge, moves: list[Move] | None, *, dry_run: bool) -> str:
    """The Korean review text of a refresh: changed values, added rows, rows gone from AWS's files, prose."""
    out: list[str] = []
    values = [c for c in merge.changes if c.column not in PROVENANCE]
    sources = [c for c in merge.changes if c.column in PROVENANCE]
    out.append(f"== 바뀌는 값 ({len(values)}개) ==")
    if values:
        out += _table([(c.file, c.row, c.column, c.old, c.new, _pct(c)) for c in values],
                      ("파일", "행", "열", "이전", "새 값", "변화"))
    else:
        out.append("(없음)")
    rows: dict[tuple[str, str], list[str]] = {}
    for c in sources:
        if c.column in ("confidence", "price_confidence", "spec_confidence", "as_of"):
            rows.setdefault((c.file, c.row), []).append(f"{c.column} {c.old or '-'} → {c.new}")
        else:
            rows.setdefault((c.file, c.row), []).append(f"{c.column} 바뀜")
    out.append(f"== 출처·날짜·출처 등급·메모가 바뀌는 행 ({len(rows)}개) ==")
    if rows:
        out += _table([(file, row, ", ".join(what)) for (file, row), what in rows.items()], ("파일", "행", "바뀌는 것"))
    else:
        out.append("(없음)")
    out.append(f"== 새로 추가되는 행 ({len(merge.added)}개) ==")
    for file, row, vals in merge.added:
        shown = ", ".join(f"{k}={v}" for k, v in vals.items() if k not in PROVENANCE and v != "")
        out.append(f"+ {file} {row}: {shown}")
    if not merge.added:
        out.append("(없음)")
    out.append(f"== AWS 파일에서 사라진 행 ({len(merge.gone) + len(merge.dropped)}개) ==")
    for file, row, why in merge.gone:
        out.append(f"! {file} {row}: {why}")
    for file, row, why in merge.dropped:
        out.append(f"- {file} {row}: {why} (삭제)")
    if not merge.gone and not merge.dropped:
        out.append("(없음)")
    if moves is not None:
        out.append(f"== 본문에서 바뀌는 숫자 ({len(moves)}개) ==")
        out += [str(m) for m in moves] or ["(없음)"]
    if merge.notices:
        out.append("== 알림 ==")
        out += [f"* {n}" for n in merge.notices]
    out.append("(--dry-run: data/는 바꾸지 않았습니다.)" if dry_run else "")
    return "\n".join(out).rstrip() + "\n"
