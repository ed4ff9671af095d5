"""The labs' real files, shown in the book exactly as they are in the repository.

A fenced code block preceded by a marker comment is filled from a file of the repository::

    <!--artifact labs/fargate/task-definition.json-->
    ```json
    …the file's text…
    ```

``<!--artifact labs/ec2/commands.sh#launch-->`` shows one step of a shell script: the lines after
the step's tag comment ``# [launch] …`` up to the next tag.  The comment is invisible in the HTML
book, in JupyterLab and on GitHub, so every reader sees the file itself.  Markers work in Markdown
files and in the Markdown cells of notebooks (the pages of ``labs/`` and the chapters)::

    python -m awsbook.book.artifacts sync    # rewrite every block from its file, print what moved
    python -m awsbook.book.artifacts check   # exit 1 if any block differs from its file
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Pages that may show artifacts (notebooks: Markdown cells only).
SOURCES = ("labs/*.md", "labs/*/lab.ipynb", "chapters/*.ipynb")

MARKER = re.compile(
    r"^<!--artifact (?P<path>[^#\s]+?)(?:#(?P<step>[\w-]+))?-->\n"
    r"(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.M | re.S)
#: A step's tag in a shell script: ``# [name] what the step does``.
STEP = re.compile(r"^# \[(?P<name>[\w-]+)\]")


def steps(text: str) -> dict[str, str]:
    """A shell script's steps by name: the lines after each ``# [name]`` tag up to the next tag."""
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        tag = STEP.match(line)
        if tag:
            current = tag["name"]
            found[current] = []
        elif current is not None:
            found[current].append(line)
    return {name: "\n".join(lines).strip("\n") for name, lines in found.items()}


def artifact_text(path: str, step: str | None = None, root: Path = ROOT) -> str:
    """The text a block shows: the whole file, or one step of a shell script (no trailing newline)."""
    file = root / path
    if not file.is_file():
        raise LookupError(f"'{path}' 파일이 없습니다.")
    text = file.read_text(encoding="utf-8")
    if step is None:
        return text.rstrip("\n")
    found = steps(text)
    if step not in found:
        raise LookupError(f"'{path}'에 '# [{step}]' 단계가 없습니다(있는 단계: {', '.join(found) or '없음'}).")
    return found[step]


@dataclass(frozen=True)
class Block:
    """One marked code block of a page: which file it shows and whether it shows it as it is."""

    page: str
    path: str
    step: str | None
    text: str
    expected: str | None  # None: the file or the step does not exist
    problem: str | None

    @property
    def stale(self) -> bool:
        return self.expected is not None and self.text != self.expected


def pages(root: Path = ROOT) -> list[Path]:
    """Every page that may show artifacts, in a stable order."""
    return sorted(p for pattern in SOURCES for p in root.glob(pattern))


def _markdown(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    return [path.read_text(encoding="utf-8")]


def blocks(path: Path, root: Path = ROOT) -> list[Block]:
    """Every marked block of one page."""
    name = path.relative_to(root).as_posix()
    found = []
    for text in _markdown(path):
        for m in MARKER.finditer(text):
            try:
                expected, problem = artifact_text(m["path"], m["step"], root), None
            except LookupError as exc:
                expected, problem = None, str(exc)
            found.append(Block(name, m["path"], m["step"], m["body"].rstrip("\n"), expected, problem))
    return found


def _rewrite(text: str, root: Path) -> str:
    def sub(m: re.Match) -> str:
        try:
            body = artifact_text(m["path"], m["step"], root)
        except LookupError:
            return m.group(0)
        step = f"#{m['step']}" if m["step"] else ""
        return f"<!--artifact {m['path']}{step}-->\n{m['fence']}{m['info']}\n{body}\n{m['fence']}"

    return MARKER.sub(sub, text)


def sync(root: Path = ROOT) -> list[Block]:
    """Rewrite every stale block from its file; return the blocks that changed.

    Notebooks keep their JSON layout (one string per source line, as Jupyter writes it).
    """
    changed = []
    for path in pages(root):
        stale = [b for b in blocks(path, root) if b.stale]
        if not stale:
            continue
        changed += stale
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                if cell["cell_type"] == "markdown":
                    cell["source"] = _rewrite("".join(cell["source"]), root).splitlines(keepends=True)
            path.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            path.write_text(_rewrite(path.read_text(encoding="utf-8"), root), encoding="utf-8")
    return changed


def problems(root: Path = ROOT) -> list[str]:
    """Korean descriptions of blocks that differ from their file or name a file or step that does not exist."""
    out = []
    for path in pages(root):
        for b in blocks(path, root):
            where = f"{b.path}#{b.step}" if b.step else b.path
            if b.problem:
                out.append(f"{b.page}: {b.problem}")
            elif b.stale:
                out.append(f"{b.page}: '{where}'를 보여 주는 코드 블록이 파일과 다릅니다. "
                           "'python -m awsbook.book.artifacts sync'로 고치세요.")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m awsbook.book.artifacts",
                                     description="Code blocks that show the labs' files.")
    parser.add_argument("command", choices=("sync", "check"),
                        help="sync: rewrite stale blocks from their files; check: list them (exit 1 if any)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's folder (default: this checkout)")
    args = parser.parse_args(argv)
    if args.command == "check":
        found = problems(args.root)
        print("\n".join(found) if found else "책의 코드 블록이 모두 파일과 같습니다.")
        return 1 if found else 0
    changed = sync(args.root)
    for b in changed:
        print(f"{b.page}: {b.path}{'#' + b.step if b.step else ''}")
    print(f"{len(changed)}개의 코드 블록을 고쳤습니다." if changed else "바뀐 코드 블록이 없습니다.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
