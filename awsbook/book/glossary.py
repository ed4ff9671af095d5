"""Glossary links: every chapter links each glossary term it uses at least once.

The terms are the ``##`` headings of ``appendix/glossary.md``.  A link is a
plain Markdown link to the heading's anchor, ``[가용 영역](../appendix/glossary.md#가용-영역)``:
Sphinx resolves it through MyST's heading anchors (``myst_heading_anchors``),
and JupyterLab, GitHub and VS Code open the glossary file, so the link works
everywhere the chapter is read (a ``{term}`` role works only in Sphinx).

:func:`unlinked_terms` finds the terms a chapter uses in its prose without a
link (the test suite fails on any); ``python -m awsbook.book.glossary
chapters/*.ipynb`` links the first plain use of each such term in place.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "appendix" / "glossary.md"

_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")
_SKIP_SPANS = re.compile(r"\{[a-z:-]+\}`[^`]*`|`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]+>|https?://\S+")


def terms(path: Path = GLOSSARY) -> list[str]:
    """Return the glossary's terms (its ``##`` headings) in file order."""
    return [line[3:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]


def anchor(term: str) -> str:
    """The heading anchor MyST gives ``term`` (its default slug: lower case, spaces to hyphens)."""
    return re.sub(r"[^\w\- ]", "", term.strip().lower()).replace(" ", "-")


def link(term: str, text: str | None = None) -> str:
    """A Markdown link from a chapter to ``term`` in the glossary, showing ``text`` (default: the term)."""
    return f"[{text or term}](../appendix/glossary.md#{anchor(term)})"


def _pattern(term: str) -> re.Pattern:
    # Not inside a longer word on the left; Latin terms also need a boundary on the right.
    right = r"(?![A-Za-z0-9])" if term.isascii() else ""
    return re.compile(rf"(?<![가-힣A-Za-z0-9]){re.escape(term)}{right}")


def _prose_lines(markdown: str):
    """Yield ``(index, line)`` for lines of prose: not code, headings or directive options."""
    code = False
    for i, line in enumerate(markdown.splitlines()):
        fence = _FENCE.match(line.strip())
        if fence:
            info = fence.group(2).strip()
            if code:
                code = False
            elif info and not info.startswith("{"):
                code = True  # a code block, not a MyST directive
            elif info.startswith(("{code", "{math")):
                code = True
            continue
        if code or line.lstrip().startswith(("#", ":")):
            continue
        yield i, line


def _plain(line: str) -> str:
    """``line`` with roles, inline code, links and HTML blanked out (same length)."""
    return _SKIP_SPANS.sub(lambda m: " " * len(m.group(0)), line)


def _markdown_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "markdown"]


def _linked(text: str, term: str) -> bool:
    return f"](../appendix/glossary.md#{anchor(term)})" in text


def unlinked_terms(notebook: Path, glossary_terms: list[str] | None = None) -> list[str]:
    """Terms that ``notebook`` uses in prose but never links to the glossary."""
    nb = nbformat.read(notebook, as_version=4)
    text = "\n".join(c["source"] for c in _markdown_cells(nb))
    missing = []
    for term in glossary_terms or terms():
        if _linked(text, term):
            continue
        pat = _pattern(term)
        if any(pat.search(_plain(line)) for _, line in _prose_lines(text)):
            missing.append(term)
    return missing


def link_first_uses(notebook: Path) -> list[str]:
    """Link the first plain use of every unlinked term in ``notebook``; return the terms linked."""
    nb = nbformat.read(notebook, as_version=4)
    done = []
    # Longer terms first, so that "컨테이너 이미지" is linked whole before "컨테이너".
    for term in sorted(unlinked_terms(notebook), key=len, reverse=True):
        pat = _pattern(term)
        for cell in _markdown_cells(nb):
            text = cell["source"]
            lines = text.splitlines(keepends=True)
            hit = next(((i, m) for i, line in _prose_lines(text)
                        for m in [pat.search(_plain(line))] if m), None)
            if hit:
                i, m = hit
                lines[i] = lines[i][:m.start()] + link(term, m.group(0)) + lines[i][m.end():]
                cell["source"] = "".join(lines)
                done.append(term)
                break
    if done:
        nbformat.write(nb, notebook)
    return done


def main(argv: list[str]) -> int:
    for name in argv:
        linked = link_first_uses(Path(name))
        print(f"{name}: {', '.join(linked) if linked else '변경 없음'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
