"""The glossary covers the book's key terms and every chapter links the terms it uses."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from awsbook.book import glossary

CHAPTERS = sorted((Path(__file__).resolve().parent.parent / "chapters").glob("*.ipynb"))
REQUIRED = ["인스턴스", "서버리스", "콜드 스타트", "오케스트레이션", "컨트롤 플레인", "가용 영역",
            "SLA", "SLI", "SLO", "오류 예산", "손익분기점", "가용성", "리전", "컨테이너"]


def test_glossary_has_the_key_terms_once_each():
    found = glossary.terms()
    assert set(REQUIRED) <= set(found)
    assert len(found) == len(set(found))


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda p: p.name)
def test_chapter_links_every_glossary_term_it_uses(notebook):
    assert glossary.unlinked_terms(notebook) == []


def _notebook(tmp_path, *markdown):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(m) for m in markdown])
    path = tmp_path / "ch.ipynb"
    nbformat.write(nb, path)
    return path


def test_detects_and_links_plain_uses_but_not_code_or_headings(tmp_path):
    path = _notebook(tmp_path, "# 인스턴스 고르기", "`인스턴스`는 코드입니다.\n\n스팟 인스턴스를 씁니다. 인스턴스는 서버입니다.")
    assert set(glossary.unlinked_terms(path)) == {"인스턴스", "스팟 인스턴스"}
    assert sorted(glossary.link_first_uses(path)) == ["스팟 인스턴스", "인스턴스"]
    text = nbformat.read(path, 4).cells[1].source
    assert "[스팟 인스턴스](../appendix/glossary.md#스팟-인스턴스)를 씁니다. [인스턴스](../appendix/glossary.md#인스턴스)는 서버입니다." in text
    assert nbformat.read(path, 4).cells[0].source == "# 인스턴스 고르기"
    assert glossary.unlinked_terms(path) == []


def test_a_term_inside_a_longer_word_does_not_count(tmp_path):
    path = _notebook(tmp_path, "SLAs와 고가용성은 다른 이야기입니다.")
    assert glossary.unlinked_terms(path) == []
