"""Korean-aware search: the stemmer in Python (index) and in the page's
JavaScript (query) agree, and searching the built book finds inflected words."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from sphinx.search.en import SearchEnglish

from awsbook.book import PARTS
from awsbook.book.search_ko import JS_STEMMER, MIN_STEM, SUFFIXES, SearchKorean, stem
from conftest import ROOT, pages

#: (word as written, expected stem) — worked out by hand from SUFFIXES.
CASES = [
    ("서버를", "서버"),
    ("함수는", "함수"),
    ("가용성을", "가용성"),
    ("컨테이너의", "컨테이너"),
    ("리전에서", "리전"),
    ("서버에서는", "서버"),          # 에서 + 는, stripped one at a time
    ("리전까지의", "리전"),          # 까지 + 의
    ("인스턴스만으로도", "인스턴스"),  # 만 + 으로 + 도
    ("컨테이너입니다", "컨테이너"),
    ("손익분기점보다", "손익분기점"),
    ("이", "이"),                    # a lone particle syllable is kept (MIN_STEM)
    ("에서", "에서"),
    ("Lambda를", "lambda"),          # particle after a Latin word, then Porter
    ("EC2의", "ec2"),
    ("SLA", "sla"),
    ("instances", "instanc"),         # Porter, exactly as Sphinx's English search
]

#: Book terms, including nouns whose last syllable looks like a particle (결과, 차이, 속도).
NOUNS = ["인스턴스", "서버리스", "가용성", "가용", "영역", "오류", "예산", "손익분기점", "컨테이너",
         "작업", "리전", "서버", "함수", "클러스터", "요금", "결과", "차이", "속도", "부하", "노드"]


def corpus_words() -> list[str]:
    """Every word of the book's pages and notebooks (prose and code), lowercased."""
    texts = [p.read_text(encoding="utf-8") for p in [ROOT / "intro.md", *ROOT.glob("appendix/*.md")]]
    for nb in sorted(ROOT.glob("chapters/*.ipynb")):
        texts += ["".join(c["source"]) for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]]
    return sorted(set(re.findall(r"\w+", "\n".join(texts).lower())))


def inflected_words() -> list[str]:
    """Each noun with each suffix, and with two stacked suffixes."""
    return sorted({n + a + b for n in NOUNS for a in ("", *SUFFIXES) for b in ("", *SUFFIXES)})


# --- Python (index side) ----------------------------------------------------

@pytest.mark.parametrize("word, expected", CASES)
def test_stem_cases(word, expected):
    assert stem(word) == expected


def test_a_noun_and_its_inflections_share_one_stem():
    for noun in NOUNS:
        for suffix in SUFFIXES:
            assert stem(noun + suffix) == stem(noun), (noun, suffix)
            assert stem(noun + suffix + "는") == stem(noun), (noun, suffix)


def test_words_without_hangul_stem_like_sphinx_english():
    english = SearchEnglish({})
    for word in ["EC2", "Lambda", "SLA", "Fargate", "containers", "running", "availability"]:
        assert stem(word) == english.stem(word)


def test_stem_never_empties_a_word():
    for word in SUFFIXES:
        assert len(stem(word)) >= MIN_STEM, word


def test_search_language_is_registered_for_korean():
    assert SearchKorean.lang == "ko"
    assert SearchKorean({}).stem("서버를") == "서버"
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "awsbook.book.search_ko" in PARTS and "awsbook.book" in config


# --- JavaScript (query side) ------------------------------------------------

STEM_ALL_JS = """([code, words]) => {
  const Stemmer = new Function(code + "\\nreturn Stemmer;")();
  const s = new Stemmer();
  return words.map((w) => s.stemWord(w));
}"""


@pytest.fixture(scope="module")
def js_stem(browser):
    page = browser.new_page()
    yield lambda words: page.evaluate(STEM_ALL_JS, [JS_STEMMER, list(words)])
    page.close()


@pytest.mark.browser
def test_js_stemmer_cases(js_stem):
    words = [w for w, _ in CASES]
    assert js_stem([w.lower() for w in words]) == [e for _, e in CASES]


@pytest.mark.browser
def test_js_and_python_agree_on_every_word(js_stem):
    # "us", "technology": Sphinx's hand-written JS Porter stems these unlike Python's.
    words = inflected_words() + corpus_words() + ["ec2", "lambda를", "us", "technology", "possibly"]
    js = js_stem(words)
    differ = [(w, p, j) for w, p, j in zip(words, map(stem, words), js) if p != j]
    assert differ == [], differ[:20]


# --- The built book ---------------------------------------------------------

#: (query, word): the query must find every page that has the word in any inflected form.
#: The first five are the issue's; an inflected query must work as well as the bare word.
QUERIES = [("서버", "서버"), ("함수", "함수"), ("가용성", "가용성"), ("컨테이너", "컨테이너"), ("Lambda", "Lambda"),
           ("EC2", "EC2"), ("SLA", "SLA"), ("서버를", "서버"), ("컨테이너의", "컨테이너"), ("Lambda는", "Lambda")]
_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_SUFFIX_RE = "|".join(re.escape(s) for s in sorted(SUFFIXES, key=len, reverse=True))


def pages_containing(site, term: str) -> set[str]:
    """Pages whose article text has ``term`` as a word, bare or followed by particles."""
    word = re.compile(rf"(?<!\w){re.escape(term)}(?:{_SUFFIX_RE})*(?!\w)", re.I)
    found = set()
    for page in pages(site):
        match = _ARTICLE.search(page.read_text(encoding="utf-8"))
        text = re.sub(r"<[^>]+>", " ", _SCRIPT.sub(" ", match.group(1))) if match else ""
        if word.search(text):
            found.add(page.relative_to(site).as_posix())
    return found


def search_results(browser, server, query: str) -> set[str]:
    """Pages listed by the book's own search page for ``query``."""
    page = browser.new_page()
    try:
        page.goto(f"{server}/search.html?q={quote(query)}")
        page.wait_for_function(
            "() => { const s = document.querySelector('#search-results .search-summary');"
            " return s && s.innerText.trim() !== ''; }", timeout=15000)
        hrefs = page.eval_on_selector_all("#search-results ul.search li > a",
                                          "els => els.map(e => e.getAttribute('href'))")
        return {h.split("#")[0] for h in hrefs}
    finally:
        page.close()


def test_built_site_uses_the_generated_stemmer(site):
    assert JS_STEMMER.strip() in (site / "_static" / "language_data.js").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("query, word", QUERIES)
def test_search_finds_inflected_words(browser, server, site, query, word):
    expected = pages_containing(site, word)
    assert expected, f"'{word}'가 들어 있는 페이지가 없습니다"
    found = search_results(browser, server, query)
    assert expected <= found, f"'{query}' 검색에서 빠진 페이지: {sorted(expected - found)}"
