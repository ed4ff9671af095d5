"""The chapter notebooks as a student meets them: JupyterLab with jupyterlab-myst in Chromium.

A real ``jupyter lab`` on 127.0.0.1 serves a copy of the chapters (so nothing is ever saved into
the repository).  For every chapter and one student copy: the prose reads cleanly before and after
Run All (numbers as numbers, no raw MyST roles or format specs, glossary links to a file that
exists), Run All ends with no error output and no "Cross reference target was not found" console
error, every dashboard and chart calculator renders, and changing a control changes its output.
Run All is timed per chapter."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from awsbook import prose
from awsbook.classroom.student import make_student_copies
from conftest import ROOT

pytestmark = pytest.mark.browser
CHAPTERS = sorted(p.name for p in (ROOT / "chapters").glob("*.ipynb"))
SHOTS = ROOT / "_build" / "screenshots"
RUN_ALL_BUDGET_S = 10
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}
#: Text that must never show in rendered prose: MyST roles JupyterLab cannot resolve, format specs,
#: the book's number markers, and code names (snake_case) that leaked out of a role.
RAW = [re.compile(p) for p in (r"\{glue", r"\{term\}", r"\{doc\}", r"\{eval\}", r"<!--", r":,\.\d+f",
                               r"\b[a-z]+_[a-z0-9_]+\b")]
MARKDOWN_TEXT_JS = """() => [...document.querySelectorAll('.jp-MarkdownCell .myst')].map(cell => {
  const c = cell.cloneNode(true);
  c.querySelectorAll('code, pre, mjx-container, .jp-InputArea-editor, .cm-editor, math').forEach(e => e.remove());
  return c.innerText;
})"""
GLOSSARY_LINKS_JS = """() => [...document.querySelectorAll('.jp-MarkdownCell .myst a[href*="glossary"]')]
  .map(a => a.href)"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the chapters and one student copy; yields its base URL."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "chapters", root / "chapters")
    shutil.copytree(ROOT / "appendix", root / "appendix")
    make_student_copies(ROOT / "chapters", root / "student")
    settings = tmp_path_factory.mktemp("lab-settings")
    for name, value in SETTINGS.items():
        (settings / name).parent.mkdir(parents=True, exist_ok=True)
        (settings / name).write_text(json.dumps(value), encoding="utf-8")
    port = _free_port()
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), PYTHONPATH=str(ROOT),
               JUPYTER_CONFIG_DIR=str(tmp_path_factory.mktemp("jupyter-config")))
    env.pop("AWSBOOK_OUTPUT", None)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1", f"--port={port}",
           "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
           f"--ServerApp.root_dir={root}", "--LabApp.news_url=", "--allow-root"]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/lab", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("jupyter lab이 60초 안에 시작하지 않았습니다")
        yield url, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


class Notebook:
    """One notebook open in JupyterLab."""

    def __init__(self, browser, url, path):
        self.errors = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        workspace = re.sub(r"\W", "-", path)
        self.page.goto(f"{url}/lab/workspaces/{workspace}/tree/{path}?reset", wait_until="load")
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.wait_idle()
        # jupyterlab-myst renders each Markdown cell into a `.myst` element, asynchronously.
        self.page.wait_for_function("() => { const cells = document.querySelectorAll('.jp-MarkdownCell');"
                                    " return cells.length > 0 && [...cells].every(c => c.querySelector('.myst')); }",
                                    timeout=60_000)

    def wait_idle(self, timeout=60_000):
        self.page.wait_for_selector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', timeout=timeout)
        self.page.wait_for_function(
            "() => ![...document.querySelectorAll('.jp-InputPrompt')].some(p => p.textContent.includes('*'))",
            timeout=timeout)

    def run_all(self) -> float:
        start = time.perf_counter()
        self.page.get_by_role("menuitem", name="Run", exact=True).click()
        self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        self.page.wait_for_timeout(500)
        self.wait_idle(timeout=120_000)
        return time.perf_counter() - start

    def prose_problems(self) -> list[str]:
        found = []
        for text in self.page.evaluate(MARKDOWN_TEXT_JS):
            for pattern in RAW:
                found += [f"{pattern.pattern}: …{text[max(m.start() - 20, 0):m.end() + 20]}…"
                          for m in pattern.finditer(text)]
        return found

    def close(self):
        self.context.close()


def _check_solutions_collapsed(nb, path):
    """Worked solutions stay folded: JupyterLab shows only each solution cell's first line, a comment."""
    source = json.loads((ROOT / path).read_text(encoding="utf-8")) if (ROOT / path).exists() else {"cells": []}
    hidden = sum("solution" in c.get("metadata", {}).get("tags", []) for c in source["cells"])
    placeholders = nb.page.locator(".jp-InputPlaceholder")
    assert placeholders.count() >= hidden, f"{path}: 접힌 풀이 셀 {placeholders.count()}개 < {hidden}개"
    for i in range(placeholders.count()):
        assert placeholders.nth(i).inner_text().strip().startswith("# 풀이 코드"), path


def _check_prose(nb, path, root, when):
    problems = nb.prose_problems()
    assert problems == [], f"{path} ({when}): {problems[:5]}"
    links = nb.page.evaluate(GLOSSARY_LINKS_JS)
    assert links, f"{path}: 용어집 링크가 없습니다"
    for href in sorted(set(h.split("#")[0] for h in links)):
        # jupyterlab-myst points a relative link at the server's copy of the file.
        assert nb.page.request.get(href).status == 200, f"{path}: 용어집 링크 {href}가 열리지 않습니다"


def _change_a_dashboard(nb, path):
    """Pick the first dashboard or calculator with a select box; change it; its output must change."""
    page = nb.page
    boxes = page.locator(".jp-OutputArea-output .widget-vbox:has(select)")
    assert boxes.count() > 0, f"{path}: 대시보드가 그려지지 않았습니다"
    box = boxes.first
    select = box.locator("select").first
    before = box.inner_text()
    options = select.locator("option")
    current = select.evaluate("s => s.selectedIndex")
    select.select_option(index=(current + 1) % options.count())
    page.wait_for_function("([el, b]) => el.innerText !== b", arg=[box.element_handle(), before], timeout=15_000)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_reads_right_and_runs_in_jupyterlab(browser, lab, chapter):
    url, root = lab
    path = f"chapters/{chapter}"
    nb = Notebook(browser, url, path)
    try:
        _check_prose(nb, path, root, "실행 전")
        _check_solutions_collapsed(nb, path)
        seconds = nb.run_all()
        print(f"\n{chapter}: Run All {seconds:.1f} s")
        _check_prose(nb, path, root, "실행 후")
        errors = nb.page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
        assert errors.count() == 0, f"{path}: 오류 출력 {errors.first.inner_text()[:500]}"
        assert "Traceback (most recent call last)" not in nb.page.locator(".jp-Notebook").inner_text()
        assert not [e for e in nb.errors if "Cross reference target was not found" in e], nb.errors
        # Dollar amounts in dashboards and tables stay money: JupyterLab's MathJax never typesets an output.
        math = nb.page.locator(".jp-OutputArea-output mjx-container")
        assert math.count() == 0, f"{path}: 출력 안에서 수식으로 바뀐 글: {math.first.inner_text()[:80]}"
        widgets = nb.page.locator(".jp-OutputArea-output .jupyter-widgets")
        if widgets.count():
            assert "Error displaying widget" not in nb.page.locator(".jp-Notebook").inner_text()
            _change_a_dashboard(nb, path)
        assert seconds <= RUN_ALL_BUDGET_S, f"{path}: Run All {seconds:.1f} s"
    except AssertionError:
        SHOTS.mkdir(parents=True, exist_ok=True)
        nb.page.screenshot(path=str(SHOTS / f"jupyterlab-{chapter}.png"), full_page=True)
        raise
    finally:
        nb.close()


def test_current_lambda_memory_limit_reads_as_a_number(browser, lab):
    url, root = lab
    nb = Notebook(browser, url, "chapters/09_choosing_compute.ipynb")
    try:
        text = "\n".join(nb.page.evaluate(MARKDOWN_TEXT_JS))
        assert f"{prose.values()['mem_max_mb']:,.0f} MB" in text  # 10,240 MB, from data/lambda_limits.csv
        assert f"{prose.values()['mem_old_max_mb']:,.0f} MB" in text
    finally:
        nb.close()


def test_a_student_copy_reads_right_and_runs(browser, lab):
    url, root = lab
    path = "student/05_ecs.ipynb"
    nb = Notebook(browser, url, path)
    try:
        _check_prose(nb, path, root, "실행 전")
        nb.run_all()
        _check_prose(nb, path, root, "실행 후")
        text = nb.page.locator(".jp-Notebook").inner_text()
        assert "Traceback (most recent call last)" not in text
        assert "아직 답하지 않았습니다" in text  # the answer cells are empty stubs, and say so
        images = nb.page.locator(".jp-MarkdownCell .myst img")
        assert images.count() > 0, f"{path}: 그림이 없습니다"
        for i in range(images.count()):
            assert images.nth(i).evaluate("img => img.complete && img.naturalWidth > 0"), path
    finally:
        nb.close()
