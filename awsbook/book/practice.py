"""Sphinx extension: answer boxes for the auto-checked exercises of the HTML book.

An exercise is auto-checked when its sphinx-exercise ``:label:`` is registered in
:mod:`awsbook.exercises`.  For each page with such exercises the build

* puts an answer box under each of them (``<input data-exercise="<label>">``, or
  for a choice exercise a radio group ``<input type="radio" data-exercise="<label>"
  value="<option key>">``, a 확인 button, a feedback line
  ``data-exercise-feedback="<label>"``);
* puts a bar at the top of the section holding the last of them (연습 문제):
  progress ("3/5 정답"), the student's name and 학번 (``input[data-student-id]``),
  답안 내보내기 and a reset button;
* embeds the answer keys of that page (:func:`awsbook.exercises.page_key`:
  expected value, tolerances, unit words, hint, a choice's options and feedback,
  and every variant of a per-student exercise) as JSON in the page itself, so
  the page also works from ``file://`` with no request at all;
* turns an exercise's quoted numbers (``<!--num <id>.<name>-->…<!--/num-->``) into
  ``<span data-x="<id>.<name>">`` so the script can show a student's own numbers,
  and marks a choice exercise's printed option list (``<!--choices <id>-->``),
  which the radio group replaces on screen;
* loads ``awsbook-practice.js`` and ``awsbook-practice.css`` on that page only.

When any answer key changes (new prices in ``data/``, a new exercise), the
config value ``awsbook_practice_keys`` (a hash of every key) changes too and
Sphinx re-reads every page, so no page keeps a stale key.

The script judges typed answers with the rules of :mod:`awsbook.exercises.answers`,
keeps answers in ``localStorage`` (per book) and writes an answer sheet that
``python -m awsbook.classroom grade`` scores with the same keys.  The boxes are
hidden until the script runs and in print; solutions stay in their dropdowns.
The single-page build used for the PDF gets no boxes.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import subprocess
from pathlib import Path

from docutils import nodes

from awsbook.book import copy_static
from awsbook.classroom import sheets
from awsbook.exercises import students

JS = "awsbook-practice.js"
CSS = "awsbook-practice.css"
DATA_ID = "awsbook-practice-data"


def book_version(srcdir: str | Path) -> str:
    """The git commit of the book's sources (12 hex digits), else ``awsbook <package version>``."""
    try:
        proc = subprocess.run(["git", "-C", str(srcdir), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10)
        if proc.returncode == 0 and proc.stdout.strip():
            return proc.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    from importlib import metadata

    try:
        return f"awsbook {metadata.version('awsbook')}"
    except metadata.PackageNotFoundError:
        return "awsbook"


def _exercise_nodes(doctree):
    from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node

    return [n for n in doctree.findall(lambda n: isinstance(n, (exercise_node, exercise_enumerable_node)))]


def _number(env, docname: str, node) -> str:
    """"연습 3" for the third numbered exercise of the page (empty when it has no number)."""
    ids = node.get("ids") or [""]
    number = env.toc_fignumbers.get(docname, {}).get("exercise", {}).get(ids[0], ())
    return f"연습 {'.'.join(map(str, number))}" if number else ""


def _feedback_html(e: str) -> str:
    return (f'<p class="awsbook-feedback" data-exercise-feedback="{e}" role="status" aria-live="polite" '
            f'aria-atomic="true"></p>')


def choice_box_html(label: str, number: str, options, prediction: bool = False) -> str:
    """A choice exercise's radio group: one ``input[type=radio][data-exercise]`` per option (value = its key)."""
    e = html.escape(label, quote=True)
    legend = "내 예측" if prediction else " ".join(p for p in (number, "답") if p)
    radios = "".join(
        f'<label class="awsbook-option"><input type="radio" name="awsbook-answer-{e}" data-exercise="{e}" '
        f'value="{html.escape(o.key, quote=True)}"><span><strong>{html.escape(o.key)}.</strong> {html.escape(o.text)}</span></label>'
        for o in options)
    return (f'<form class="awsbook-answer awsbook-choice" data-exercise-box="{e}" hidden>'
            f'<fieldset><legend>{html.escape(legend)}</legend>{radios}</fieldset>'
            f'<button type="submit">확인</button>{_feedback_html(e)}</form>')


def box_html(label: str, number: str, unit: str, choices: tuple[str, ...] = ()) -> str:
    """The answer box under one exercise (hidden until the script runs)."""
    label_text = " ".join(p for p in (number, "답") if p)
    if choices:
        label_text += f" (보기: {', '.join(choices)})"
    elif unit.strip():
        label_text += f" (단위: {unit.strip()})"
    e = html.escape(label, quote=True)
    return (
        f'<form class="awsbook-answer" data-exercise-box="{e}" hidden>'
        f'<label for="awsbook-answer-{e}">{html.escape(label_text)}</label>'
        f'<span class="awsbook-row"><input id="awsbook-answer-{e}" data-exercise="{e}" type="text" '
        f'maxlength="200" autocomplete="off" spellcheck="false">'
        f'<button type="submit">확인</button></span>{_feedback_html(e)}</form>'
    )


def bar_html(data: dict) -> str:
    """Progress, name, export and reset for the page, with the page's answer keys as JSON."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return (
        '<div class="awsbook-practice-bar" hidden>'
        '<p class="awsbook-progress">이 장의 연습: <strong data-practice-progress>'
        f'0/{len(data["x"])} 정답</strong></p>'
        '<span class="awsbook-row"><label for="awsbook-practice-name">이름</label>'
        '<input id="awsbook-practice-name" type="text" maxlength="60" autocomplete="name"></span>'
        '<span class="awsbook-row"><label for="awsbook-student-id">학번</label>'
        f'<input id="awsbook-student-id" data-student-id type="text" maxlength="{students.MAX_ID_CHARS}" '
        'autocomplete="off" spellcheck="false" aria-describedby="awsbook-student-id-note"></span>'
        '<p id="awsbook-student-id-note" class="awsbook-note">학번을 적으면 숫자 문제가 내 학번의 수로 바뀌고, '
        '그 수로 채점합니다. 학번은 이 브라우저에만 저장됩니다.</p>'
        '<span class="awsbook-row">'
        '<button type="button" data-practice-export>답안 내보내기</button>'
        '<button type="button" data-practice-reset>이 장의 기록 지우기</button></span>'
        '<p data-practice-message role="status" aria-live="polite"></p></div>'
        f'<script type="application/json" id="{DATA_ID}">{payload}</script>'
    )


def _compact(value):
    """``1.0`` -> ``1`` (the same number once parsed, two bytes fewer), recursively."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def _section_of(node):
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def add_practice(app, doctree, docname: str) -> None:
    """Insert the answer boxes, the bar and the page's answer keys (``doctree-resolved``)."""
    if app.builder.format != "html" or app.builder.name == "singlehtml":
        return
    from awsbook import exercises

    known = set(exercises.registered())
    keys: dict[str, dict] = {}
    last = None
    for node in _exercise_nodes(doctree):
        label = node.get("label", "")
        if label not in known or label in keys:
            continue
        ex = exercises.get(label)
        keys[label] = exercises.page_key(label)
        number = _number(app.env, docname, node)
        markup = (choice_box_html(label, number, ex.options, prediction=ex.points == 0) if ex.options
                  else box_html(label, number, ex.unit, ex.choices))
        node.parent.insert(node.parent.index(node) + 1, nodes.raw("", markup, format="html"))
        last = node
    if not keys:
        return
    _drop_check_cells(doctree, set(keys))
    data = {"b": app.config.html_title or app.config.project, "v": app.config.awsbook_version,
            "c": Path(docname).name, "f": [sheets.SHEET_FORMAT, sheets.SHEET_VERSION],
            "n": students.VARIANTS, "x": {label: _compact(k) for label, k in keys.items()}}
    bar = nodes.raw("", bar_html(data), format="html")
    section = _section_of(last)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, bar)
    else:
        last.parent.insert(last.parent.index(last), bar)


_CHECK_CELL = re.compile(r"^(?:from awsbook\.exercises import check\s*)?check\(\s*[\"'](?P<id>[^\"']+)[\"']\s*,[^\n]*\)\s*$")


def _drop_check_cells(doctree, labels: set[str]) -> None:
    """Remove the code cells that only call ``check("<label>", …)``: in the HTML book the answer box does
    their work, and their printed verdict ("정답입니다! …") would give the answer away."""
    for cell in list(doctree.findall(lambda n: isinstance(n, nodes.container) and "cell" in n.get("classes", []))):
        blocks = list(cell.findall(nodes.literal_block))
        match = _CHECK_CELL.match(blocks[0].astext().strip()) if blocks else None
        if match and match["id"] in labels and cell.parent is not None:
            cell.parent.remove(cell)


_FIGURE = re.compile(r"<!--num (?P<key>(?P<id>[a-z0-9_-]+)\.[a-z0-9_]+)(?::[^>]*?)?-->(?P<text>.*?)<!--/num-->")
_CHOICE_LIST = re.compile(r"<!--choices (?P<id>[a-z0-9_.-]+)-->(?P<gap>\s*)<ul")


def mark_figures(body: str, known: set[str]) -> str:
    """``<!--num <id>.<name>-->text<!--/num-->`` of a registered exercise → ``<span data-x="<id>.<name>">text</span>``;
    a choice exercise's printed list gets ``data-choices="<id>"`` (the radio group shows it on screen)."""
    def figure(m: re.Match) -> str:
        if m["id"] not in known:
            return m.group(0)
        return f'<span data-x="{html.escape(m["key"], quote=True)}">{m["text"]}</span>'

    def choices(m: re.Match) -> str:
        return f'{m.group(0)[:-3]}<ul data-choices="{html.escape(m["id"], quote=True)}"' if m["id"] in known \
            else m.group(0)

    return _CHOICE_LIST.sub(choices, _FIGURE.sub(figure, body))


_DATA_NODE = re.compile(rf'<script type="application/json" id="{DATA_ID}">(?P<json>.*?)</script>', re.S)
#: Where a page's answer keys go, under ``_static``: a script that sets ``window.awsbookPracticeData``.
DATA_FOLDER = "practice"
DATA_VARIABLE = "window.awsbookPracticeData"


def move_data(body: str, pagename: str, outdir: Path) -> tuple[str, str | None]:
    """Move the page's answer keys out of ``body`` into ``_static/practice/<page>.js`` (loaded after the
    first paint, before ``awsbook-practice.js``), as the charts' data is: the page's own HTML stays small.
    Returns the new body and the script's path relative to ``_static`` (None without keys)."""
    found = _DATA_NODE.search(body)
    if not found:
        return body, None
    name = f"{DATA_FOLDER}/{pagename.replace('/', '-')}.js"
    target = outdir / "_static" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"{DATA_VARIABLE} = {found['json']};\n", encoding="utf-8")
    return body[:found.start()] + body[found.end():], name


def read_data(script: str) -> dict:
    """The answer keys a script written by :func:`move_data` holds (for tests and tools)."""
    return json.loads(script.strip().removeprefix(f"{DATA_VARIABLE} = ").removesuffix(";"))


def _on_page(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if isinstance(body, str) and f'id="{DATA_ID}"' in body:
        from awsbook import exercises

        body, data = move_data(mark_figures(body, set(exercises.registered())), pagename, Path(app.outdir))
        context["body"] = body
        app.builder.add_css_file(CSS, priority=600)
        app.builder.add_js_file(data, priority=590, defer="defer")
        app.builder.add_js_file(JS, priority=600, defer="defer")


def _set_version(app) -> None:
    if not app.config.awsbook_version:
        app.config.awsbook_version = book_version(app.srcdir)


def keys_digest() -> str:
    """A hash of every registered answer key (what the pages embed)."""
    from awsbook import exercises

    keys = {label: exercises.page_key(label) for label in exercises.registered()}
    return hashlib.sha256(json.dumps(keys, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def _set_digest(app, config) -> None:
    config.awsbook_practice_keys = keys_digest()


def setup(app):
    app.add_config_value("awsbook_version", "", "")
    app.add_config_value("awsbook_practice_keys", "", "env")
    app.connect("config-inited", _set_digest)
    app.connect("builder-inited", _set_version)
    app.connect("doctree-resolved", add_practice)
    app.connect("html-page-context", _on_page)
    app.connect("build-finished", functools.partial(copy_static, files=(JS, CSS)))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
