"""Korean typesetting and terminology across the book.

* Particles stick to the word before them, also after a bold, link or emphasis span: the built
  HTML must never show ``</strong> 라고``, only ``</strong>라고`` (checked on every built page,
  code blocks left out).
* One Korean term per concept: the glossary's table of chosen terms (``{table} 이 책이 고른 용어``
  in ``appendix/glossary.md``) lists, for each concept, the term the book uses and the variants it
  must not use; no variant may appear in the prose of the chapters, the intro or the appendix.
* Units one way ("3 GB", with a space) and one heading style (noun phrases: no heading ends in a
  sentence ending such as 합니다, 빌린다 or 고를까).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import pages

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "appendix" / "glossary.md"
TERM_TABLE = "```{table} 이 책이 고른 용어"

# --------------------------------------------------------------------------- particles after a span in the HTML

PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "로", "으로", "와", "과", "도", "만",
             "까지", "부터", "처럼", "보다", "라고", "이라고", "란", "이란", "입니다", "이며", "이고", "이나", "나")
_SPAN_THEN_PARTICLE = re.compile(
    r"</(strong|a|em|b|i)>(\s+)(" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")(?=[\s.,;:!?)\]」』”’\"'<]|$)")
# Code blocks, inline code, scripts and styles: their text is not prose.  They become one placeholder
# character, so that a particle after inline code ("</strong> <code>x</code>의") is not taken for one
# after the bold span.
_NOT_PROSE = re.compile(r"<(pre|code|script|style)\b[^>]*>.*?</\1>", re.S | re.I)
_PLACEHOLDER = "\ufffc"


def particle_spacing_problems(page_html: str) -> list[str]:
    """Each place where a closing ``</strong>``, ``</a>`` or ``</em>`` is followed by a space and a particle."""
    text = _NOT_PROSE.sub(_PLACEHOLDER, page_html)
    found = []
    for m in _SPAN_THEN_PARTICLE.finditer(text):
        before = re.sub(r"<[^>]+>", "", text[max(0, m.start() - 120):m.start()])[-30:]
        found.append(html.unescape(f"{before}</{m[1]}>{m[2]}{m[3]}"))
    return found


def stray_emphasis_marks(page_html: str) -> list[str]:
    """Literal ``**`` left in the text (Markdown emphasis that did not parse, e.g. ``**a(b)**라고``)."""
    text = re.sub(r"<[^>]+>", " ", _NOT_PROSE.sub(" ", page_html))
    return [html.unescape(text[max(0, m.start() - 20):m.end() + 20]) for m in re.finditer(r"\*\*", text)]


def test_particle_check_flags_a_space_after_a_span_and_nothing_else():
    assert particle_spacing_problems("빌린 컴퓨터를 <strong>인스턴스(instance)</strong> 라고 부릅니다.")
    assert particle_spacing_problems('<a href="g.html#x">컨테이너</a> 는 가볍습니다.')
    assert particle_spacing_problems("<em>작업 역할</em>\n은 권한입니다.")
    assert particle_spacing_problems("<strong>Amazon Linux</strong> 입니다.")
    assert not particle_spacing_problems("<strong>인스턴스</strong>(instance)라고 부릅니다.")
    assert not particle_spacing_problems("<strong>AL2023</strong>을 고릅니다. <a href='x'>EC2</a> 요금")
    assert not particle_spacing_problems("<pre><strong>x</strong> 는 코드입니다</pre>")
    assert not particle_spacing_problems("<strong>구분합니다.</strong> <code>a.ipynb</code>의 이름")
    assert not particle_spacing_problems("<strong>이벤트</strong> 가운데")  # 가운데 is a noun, not 가
    assert stray_emphasis_marks("<p>**인스턴스(instance)**라고</p>") and not stray_emphasis_marks("<pre>a ** b</pre>")


def test_no_particle_is_spaced_from_its_span_on_any_built_page(site):
    problems = {}
    for page in pages(site):
        found = particle_spacing_problems(page.read_text(encoding="utf-8"))
        if found:
            problems[page.relative_to(site).as_posix()] = found
    assert problems == {}, "강조·링크 뒤의 조사를 띄어 썼습니다:\n" + json.dumps(problems, ensure_ascii=False, indent=1)


def test_no_unparsed_emphasis_on_any_built_page(site):
    problems = {}
    for page in pages(site):
        found = stray_emphasis_marks(page.read_text(encoding="utf-8"))
        if found:
            problems[page.relative_to(site).as_posix()] = found
    assert problems == {}, "굵게 표시가 적용되지 않은 곳이 있습니다:\n" + json.dumps(problems, ensure_ascii=False, indent=1)


# --------------------------------------------------------------------------- the prose, as written

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
_INLINE_CODE = re.compile(r"`[^`\n]*`")


def source_files() -> list[Path]:
    """The chapters, the intro, the appendix pages and the lab pages."""
    return (sorted(ROOT.glob("chapters/*.ipynb")) + [ROOT / "intro.md"] + sorted(ROOT.glob("appendix/*.md"))
            + sorted(ROOT.glob("labs/*.md")) + sorted(ROOT.glob("labs/*/lab.ipynb")))


def markdown_of(path: Path) -> str:
    """The Markdown prose of ``path``: a notebook's markdown cells, or the whole Markdown file."""
    if path.suffix == ".ipynb":
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return path.read_text(encoding="utf-8")


def prose_lines(markdown: str, *, skip_table: str | None = None):
    """``(line number, line)`` of prose: code fences, code cells and the ``skip_table`` block left out."""
    stack: list[str] = []  # open fences: "code", "skip" or "directive"
    for number, line in enumerate(markdown.splitlines(), 1):
        fence = _FENCE.match(line)
        if fence:
            info = fence.group(2).strip()
            if stack and not info:
                stack.pop()
                continue
            if skip_table and line.strip() == skip_table:
                stack.append("skip")
            elif info.startswith("{") and not info.startswith(("{code", "{math")):
                stack.append("directive")
            else:
                stack.append("code")
            continue
        if any(kind in ("code", "skip") for kind in stack):
            continue
        if line.lstrip().startswith("%"):  # MyST comment
            continue
        yield number, line


def term_choices(path: Path = GLOSSARY) -> list[tuple[str, list[str], list[str]]]:
    """Rows of the glossary's table of chosen terms: (concept, chosen terms, rejected variants).

    The table's third column (the term AWS's Korean console and documentation use) is for readers;
    The check needs only the chosen and rejected columns.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(TERM_TABLE)
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("```"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or set(cells[0]) <= set("-") or cells[0].startswith("개념"):
            continue
        concept, chosen, _aws, rejected = cells
        split = lambda cell: [t.strip() for t in re.split(r",\s*(?![^()]*\))", cell) if t.strip() not in ("", "—")]
        rows.append((concept, split(chosen), split(rejected)))
    return rows


def variant_problems(markdown: str, rejected: list[str], *, skip_table: str | None = None) -> list[str]:
    """Lines of ``markdown`` prose that use one of the ``rejected`` variants (not inside a longer Korean word)."""
    found = []
    patterns = [(v, re.compile(rf"(?<![가-힣]){re.escape(v)}")) for v in rejected]
    for number, line in prose_lines(markdown, skip_table=skip_table):
        text = _INLINE_CODE.sub(" ", line)
        for variant, pattern in patterns:
            if pattern.search(text):
                found.append(f"{number}행 '{variant}': {line.strip()[:80]}")
    return found


def test_the_glossary_records_one_term_per_concept():
    rows = term_choices()
    concepts = [c for c, _, _ in rows]
    assert {"free tier", "timeout", "quota", "peak-to-average ratio", "time window", "task (ECS)",
            "task definition (ECS)", "pod (Kubernetes)"} <= set(concepts)
    assert len(concepts) == len(set(concepts))
    for concept, chosen, rejected in rows:
        assert chosen, concept
        assert not set(chosen) & set(rejected), concept
    assert ("quota", ["할당량"], ["한도", "쿼터"]) in rows


def test_variant_check_ignores_longer_words_code_and_the_term_table():
    assert variant_problems("계정마다 한도가 있습니다.", ["한도"])
    assert not variant_problems("메모리 제한도 있습니다.", ["한도"])
    assert not variant_problems("`무료 사용량`은 코드입니다.", ["무료 사용량"])
    assert not variant_problems("```python\n# 한도\n```", ["한도"])
    table = f"{TERM_TABLE}\n| quota | 할당량 | 할당량 | 한도 |\n```\n본문"
    assert not variant_problems(table, ["한도"], skip_table=TERM_TABLE)
    assert variant_problems(table + "의 한도", ["한도"], skip_table=TERM_TABLE)


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_rejected_term_variant_in_the_prose(path):
    rejected = [v for _, _, variants in term_choices() for v in variants]
    skip = TERM_TABLE if path == GLOSSARY else None
    assert variant_problems(markdown_of(path), rejected, skip_table=skip) == []


# --------------------------------------------------------------------------- units and headings

_UNIT_WITHOUT_SPACE = re.compile(r"(?<![\w.$])\d[\d,.]*(GB|MB|GiB|KB|TB|ms)(?![A-Za-z])")
_SENTENCE_ENDING = re.compile(r"(다|까|요|[는인은]가|[았었]나)[?.!]?$|\?$")


def _heading_text(line: str) -> str:
    return re.sub(r"<!--num [^>]*-->|<!--/num-->", "", line.lstrip("#").strip())


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_units_follow_numbers_after_a_space(path):
    bad = [f"{n}행: {line.strip()[:80]}" for n, line in prose_lines(markdown_of(path))
           if _UNIT_WITHOUT_SPACE.search(_INLINE_CODE.sub(" ", line))]
    assert bad == [], "단위는 숫자와 띄어 씁니다(예: 3 GB)."


@pytest.mark.parametrize("path", source_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_headings_are_noun_phrases(path):
    headings = [_heading_text(line) for _, line in prose_lines(markdown_of(path)) if re.match(r"#{1,6} ", line)]
    assert headings
    assert [h for h in headings if _SENTENCE_ENDING.search(h)] == []


def test_heading_check_catches_each_sentence_ending():
    for heading in ("컴퓨터를 시간 단위로 빌린다", "요금은 요청 수로 매깁니다", "무엇을 고를까", "Fargate는 무엇인가",
                    "하루에 몇 시간 바쁩니까", "오류 예산은 얼마나 남았나"):
        assert _SENTENCE_ENDING.search(heading), heading
    for heading in ("켜 둔 만큼 내는 요금", "업무 시간만 따질 때", "ECS와 EKS 사이의 선택", "요약", "Fargate의 역할"):
        assert not _SENTENCE_ENDING.search(heading), heading


#: Modules whose strings readers see: chart and dashboard labels, prose words, exercise hints.
READER_CODE = sorted([*(ROOT / "awsbook" / "charts").glob("*.py"), *(ROOT / "awsbook" / "widgets").glob("*.py"),
                      *(ROOT / "awsbook" / "exercises").glob("*.py"), ROOT / "awsbook" / "prose.py"])


#: A Python string literal holding Hangul (what a chart or dashboard shows a reader).
_KOREAN_LITERAL = re.compile(r"""(["'])((?:(?!\1).)*[가-힣](?:(?!\1).)*)\1""")


@pytest.mark.parametrize("path", READER_CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_chart_and_dashboard_labels_use_the_chosen_terms(path):
    rejected = [v for _, _, variants in term_choices() for v in variants]
    strings = [m.group(2) for m in _KOREAN_LITERAL.finditer(path.read_text(encoding="utf-8"))]
    found = {(v, s) for s in strings for v in rejected if re.search(rf"(?<![가-힣]){re.escape(v)}", s)}
    assert found == set()
