"""Code blocks that show the labs' files (awsbook.book.artifacts): filled from the file, never stale."""

from __future__ import annotations

import json

from awsbook.book import artifacts
from conftest import ROOT


def _book(tmp_path, page_text: str, *, notebook: bool = False):
    (tmp_path / "labs" / "x").mkdir(parents=True)
    (tmp_path / "labs" / "x" / "commands.sh").write_text(
        "#!/usr/bin/env bash\nset -e\n\n# [make] 만듭니다\naws ec2 create-security-group \\\n  --group-name a\n\n"
        "# [cleanup] 지웁니다\naws ec2 delete-security-group --group-name a\n", encoding="utf-8")
    (tmp_path / "labs" / "x" / "task.json").write_text('{\n  "family": "a"\n}\n', encoding="utf-8")
    if notebook:
        nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": page_text.splitlines(keepends=True)}],
              "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        page = tmp_path / "labs" / "x" / "lab.ipynb"
        page.write_text(json.dumps(nb), encoding="utf-8")
    else:
        page = tmp_path / "labs" / "page.md"
        page.write_text(page_text, encoding="utf-8")
    return page


def test_the_book_shows_every_file_as_it_is():
    assert artifacts.problems() == []
    assert len([b for p in artifacts.pages() for b in artifacts.blocks(p)]) > 40


def test_steps_are_the_lines_between_tags():
    text = (ROOT / "labs" / "ec2" / "commands.sh").read_text(encoding="utf-8")
    steps = artifacts.steps(text)
    assert list(steps) == ["ami", "security-group", "user-data", "launch", "describe", "cleanup"]
    assert steps["cleanup"].splitlines()[-1] == 'aws ec2 delete-security-group --group-id "$SG_ID"'


def test_sync_fills_a_stale_block_in_markdown_and_check_then_passes(tmp_path):
    page = _book(tmp_path, "글\n\n<!--artifact labs/x/commands.sh#make-->\n```bash\nold\n```\n\n"
                           "<!--artifact labs/x/task.json-->\n```json\n{}\n```\n")
    assert len(artifacts.problems(tmp_path)) == 2
    changed = artifacts.sync(tmp_path)
    assert [(b.path, b.step) for b in changed] == [("labs/x/commands.sh", "make"), ("labs/x/task.json", None)]
    assert page.read_text(encoding="utf-8") == (
        "글\n\n<!--artifact labs/x/commands.sh#make-->\n```bash\naws ec2 create-security-group \\\n  --group-name a\n```\n\n"
        '<!--artifact labs/x/task.json-->\n```json\n{\n  "family": "a"\n}\n```\n')
    assert artifacts.problems(tmp_path) == [] and artifacts.sync(tmp_path) == []


def test_sync_works_in_notebook_markdown_cells(tmp_path):
    page = _book(tmp_path, "<!--artifact labs/x/commands.sh#cleanup-->\n```bash\n```\n", notebook=True)
    artifacts.sync(tmp_path)
    source = "".join(json.loads(page.read_text(encoding="utf-8"))["cells"][0]["source"])
    assert source == "<!--artifact labs/x/commands.sh#cleanup-->\n```bash\naws ec2 delete-security-group --group-name a\n```\n"


def test_check_names_a_missing_file_or_step(tmp_path):
    _book(tmp_path, "<!--artifact labs/x/none.sh-->\n```\n```\n\n<!--artifact labs/x/commands.sh#nope-->\n```\n```\n")
    found = artifacts.problems(tmp_path)
    assert "'labs/x/none.sh' 파일이 없습니다." in found[0]
    assert "'# [nope]' 단계가 없습니다(있는 단계: make, cleanup)" in found[1]


def test_check_command_exits_1_on_drift(tmp_path, capsys):
    _book(tmp_path, "<!--artifact labs/x/task.json-->\n```json\n{}\n```\n")
    assert artifacts.main(["check", "--root", str(tmp_path)]) == 1
    assert "python -m awsbook.book.artifacts sync" in capsys.readouterr().out
    assert artifacts.main(["sync", "--root", str(tmp_path)]) == 0
    assert artifacts.main(["check", "--root", str(tmp_path)]) == 0
