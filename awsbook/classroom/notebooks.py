"""Find exercises, answer checks and solutions in chapter notebooks (MyST conventions).

A chapter notebook marks its parts like this (see ``awsbook.exercises``):

* markdown ``{exercise}`` directives with ``:label: <id>``;
* markdown ``{solution} <id>`` directives, or a gated ``{solution-start} <id>`` ...
  ``{solution-end}`` region that may span several cells;
* a code cell tagged ``solution`` that assigns the answer variable(s);
* a code cell that calls ``check("<id>", <variable>)``.

Notebooks are handled as plain ``dict`` objects in the nbformat 4 layout.
"""

from __future__ import annotations

import ast
import copy
import re

SOLUTION_TAG = "solution"
#: Tag of the answer cell that replaces a solution cell in a student copy.
ANSWER_TAG = "answer"
STUB_COMMENT = "여기에 답을 작성하세요"
#: Tag of the cell a student copy adds at the top: the student's id (학번) for per-student numbers.
STUDENT_TAG = "student-id"
STUDENT_CELL = (
    "# 따옴표 안에 학번을 적고 이 셀을 실행하세요. 숫자 문제가 내 학번의 수로 바뀌고, 그 수로 채점합니다.\n"
    "# (JupyterHub에서 실습하면 비워 두어도 로그인 이름이 학번으로 쓰입니다.)\n"
    "import awsbook\n"
    'awsbook.student("")'
)
#: Tags of cells that only draw something in the book (setup, charts, live dashboards).
DISPLAY_TAGS = frozenset({"remove-cell", "hide-input", "skip-execution"})
#: Tags that hide a cell or its code in the book; a student's answer cell must stay visible.
_HIDING_TAGS = frozenset({"remove-cell", "remove-input", "hide-cell", "hide-input"})

_FENCE_OPEN = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\s*\{(?P<name>[\w-]+)\}")
_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*?)\s*$")
_CHECK_CALL = re.compile(r"\bcheck\(\s*(['\"])(?P<id>[^'\"\n]+)\1")
_SOLUTION_DIRECTIVES = ("solution", "solution-start", "solution-end")
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def source(cell: dict) -> str:
    """The cell's source as one string (nbformat allows a list of lines)."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else str(text)


def tags(cell: dict) -> list[str]:
    """The cell's tags (an empty list when there are none)."""
    metadata = cell.get("metadata")
    found = metadata.get("tags", []) if isinstance(metadata, dict) else []
    return [t for t in found if isinstance(t, str)] if isinstance(found, list) else []


def check_ids(code: str) -> list[str]:
    """Exercise ids of the ``check("<id>", ...)`` calls in ``code``, in order."""
    return [m["id"] for m in _CHECK_CALL.finditer(code)]


def _fence_end(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fence opened at ``lines[start]`` (the last line if unclosed)."""
    closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for j in range(start + 1, len(lines)):
        if closing.match(lines[j]):
            return j
    return len(lines) - 1


def exercise_labels(nb: dict) -> list[str]:
    """Labels of the ``{exercise}`` / ``{exercise-start}`` directives, in reading order."""
    labels = []
    for cell in nb["cells"]:
        if cell.get("cell_type") != "markdown":
            continue
        lines = source(cell).splitlines()
        for i, line in enumerate(lines):
            m = _FENCE_OPEN.match(line)
            if not m or m["name"] not in ("exercise", "exercise-start"):
                continue
            for option in lines[i + 1:]:
                opt = _OPTION.match(option)
                if not opt:
                    break
                if opt["key"] == "label" and opt["value"] not in labels:
                    labels.append(opt["value"])
    return labels


def checked_ids(nb: dict) -> list[str]:
    """Ids that the notebook's code cells check, in order, without repeats."""
    ids: list[str] = []
    for cell in nb["cells"]:
        if cell.get("cell_type") == "code":
            ids += [i for i in check_ids(source(cell)) if i not in ids]
    return ids


def title(nb: dict) -> str:
    """The text of the first ``# `` heading (empty if there is none)."""
    for cell in nb["cells"]:
        if cell.get("cell_type") == "markdown":
            for line in source(cell).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return ""


def _drop_directives(markdown: str, names: tuple[str, ...], gated: bool) -> tuple[list[str], bool]:
    """Lines of ``markdown`` outside its fenced directives named ``names`` and outside a gated
    ``solution-start`` … ``solution-end`` region (``gated``: the text starts inside one; the returned
    flag: it ends inside one)."""
    lines = markdown.splitlines()
    kept: list[str] = []
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if m and m["name"] in names:
            if m["name"] in ("solution-start", "solution-end"):
                gated = m["name"] == "solution-start"
            i = _fence_end(lines, i, m["fence"]) + 1
            continue
        if not gated:
            kept.append(lines[i])
        i += 1
    return kept, gated


def strip_solutions(markdown: str, gated: bool) -> tuple[str, bool]:
    """Remove solution directives from ``markdown``.

    ``gated`` says whether the text starts inside a ``solution-start`` region;
    the returned flag says whether it ends inside one.
    """
    kept, gated = _drop_directives(markdown, _SOLUTION_DIRECTIVES, gated)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    return text, gated


def without_directives(markdown: str, names: tuple[str, ...] = ("exercise", "solution")) -> str:
    """``markdown`` without its fenced directives named ``names`` (by default exercise and solution
    boxes), so what is left is the body prose around them."""
    return "\n".join(_drop_directives(markdown, names, False)[0])


def assigned_names(code: str) -> list[str]:
    """Names that ``code`` assigns at top level (``a = ...``, ``a, b = ...``, ``a: float = ...``)."""
    names: list[str] = []

    def collect(target: ast.AST) -> None:
        if isinstance(target, ast.Name) and target.id not in names:
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                collect(element)
        elif isinstance(target, ast.Starred):
            collect(target.value)

    for node in ast.parse(code).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                collect(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            collect(node.target)
    return names


def identifiers(code: str) -> list[str]:
    """Every word of ``code`` that looks like a Python identifier (strings and comments included)."""
    return _IDENTIFIER.findall(code)


def checked_names(nb: dict) -> set[str]:
    """Every identifier written in the code cells that call ``check(...)``."""
    return {
        word
        for cell in nb["cells"]
        if cell.get("cell_type") == "code" and check_ids(source(cell))
        for word in identifiers(source(cell))
    }


def answer_stub(code: str, where: str, checked: set[str]) -> str:
    """The student's version of a solution cell: each answer variable set to ``None``.

    Answer variables are the names the cell assigns that the check cells use
    (helper variables of the solution are left out); all assigned names if none
    is checked.  ``where`` names the cell in error messages (e.g. ``"03_sla.ipynb 12번 셀"``).
    """
    try:
        assigned = assigned_names(code)
    except SyntaxError as exc:
        raise ValueError(f"{where}: solution 셀을 파이썬 코드로 해석할 수 없습니다({exc.msg}).") from None
    kept = numbers_lines(code)
    numbers = {n for line in kept for n in assigned_names(line)}
    names = [n for n in assigned if n in checked] or [n for n in assigned if n not in numbers]
    if not names:
        raise ValueError(
            f"{where}: solution 셀이 답 변수를 하나도 대입하지 않습니다. "
            "solution 셀에는 `answer_x = ...`처럼 최상위 대입문만 두어야 합니다."
        )
    return "\n".join(kept + [f"{name} = None  # {STUB_COMMENT}" for name in names])


def numbers_lines(code: str) -> list[str]:
    """The lines of a solution cell that fetch the student's numbers (``n = exercise_numbers("id")``) and the
    imports of the names they use; a student copy keeps them, so the answer cell shows which numbers to use."""
    tree = ast.parse(code)
    fetches = [node for node in tree.body if isinstance(node, (ast.Assign, ast.Expr))
               and any(isinstance(c, ast.Call) and (getattr(c.func, "id", None) or getattr(c.func, "attr", None))
                       == "exercise_numbers" for c in ast.walk(node))]
    used = {n.id for node in fetches for n in ast.walk(node) if isinstance(n, ast.Name)}
    imports = []
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a for a in node.names if (a.asname or a.name.split(".")[0]) in used]
            if names:
                listed = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in names)
                imports.append(f"from {node.module} import {listed}" if isinstance(node, ast.ImportFrom)
                               else f"import {listed}")
    return imports + [ast.get_source_segment(code, node) for node in fetches]


def student_notebook(nb: dict, chapter: str) -> dict:
    """A student copy of ``nb``: solutions removed, answer cells stubbed, no outputs.

    The copy records ``chapter`` in ``metadata.awsbook`` so the grader can tell
    which chapter a submission belongs to.
    """
    out = copy.deepcopy(nb)
    cells = []
    gated = False
    checked = checked_names(nb)
    for index, cell in enumerate(out["cells"]):
        kind = cell.get("cell_type")
        if kind == "markdown":
            text, gated_after = strip_solutions(source(cell), gated)
            gated = gated_after
            if text.strip():
                cell["source"] = text
                cells.append(cell)
            continue
        if kind == "code":
            cell_tags = tags(cell)
            if SOLUTION_TAG in cell_tags:
                cell["source"] = answer_stub(source(cell), f"{chapter}.ipynb {index + 1}번 셀", checked)
                cell["metadata"]["tags"] = [ANSWER_TAG if t == SOLUTION_TAG else t
                                            for t in cell_tags if t not in _HIDING_TAGS]
                cell["metadata"].pop("jupyter", None)  # the answer cell is open for typing
            elif gated and not check_ids(source(cell)):
                continue
            cell["outputs"] = []
            cell["execution_count"] = None
            cells.append(cell)
        elif not gated:
            cells.append(cell)
    first_code = next((i for i, c in enumerate(cells) if c.get("cell_type") == "code"), len(cells) - 1)
    cells.insert(first_code + 1, {"cell_type": "code", "execution_count": None, "id": "awsbook-student-id",
                                  "metadata": {"tags": [STUDENT_TAG]}, "outputs": [], "source": STUDENT_CELL})
    out["cells"] = cells
    out.setdefault("metadata", {})["awsbook"] = {"chapter": chapter, "student_copy": True}
    return out
