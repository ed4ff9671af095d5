"""Tooling for the book build: Sphinx extensions, the plotly renderer, the PDF.

Nothing here is a model of AWS; chapters never import this package except
through ``awsbook.setup_notebook()``.  ``_config.yml`` lists ``awsbook.book``
as one Sphinx extension, which sets up every part below:

* :mod:`~awsbook.book.assets` — what each page loads (plotly.js only when a chart nears the screen,
  no Font Awesome, search scripts only on the search page, script files after the first paint), all
  from ``_static``;
* :mod:`~awsbook.book.mathml` — writes math as MathML at build time (no MathJax);
* :mod:`~awsbook.book.search_ko` — Korean-aware full-text search;
* :mod:`~awsbook.book.datacheck` — stops the build on a broken ``data/`` file;
* :mod:`~awsbook.book.a11y` — the book-wide stylesheet (link contrast, wide tables on phones);
* :mod:`~awsbook.book.practice` — answer boxes under auto-checked exercises, checked in the browser.

Also here: :mod:`~awsbook.book.render` (how a figure becomes the book's HTML or a
JupyterLab calculator), :mod:`~awsbook.book.icons` (the theme's icons as SVG),
:mod:`~awsbook.book.glossary` (glossary-link checker) and
:mod:`~awsbook.book.pdf` (``python -m awsbook.book.pdf``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: The files the book's pages load from ``_static`` (scripts, stylesheets, the vendored plotly.js).
STATIC = Path(__file__).resolve().parent / "static"

PARTS = ("awsbook.book.datacheck", "awsbook.book.assets", "awsbook.book.mathml", "awsbook.book.search_ko",
         "awsbook.book.a11y", "awsbook.book.practice")


def copy_static(app, exception, files) -> None:
    """After a successful HTML build, copy ``files`` (paths below :data:`STATIC`) flat into ``_static``."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name in files:
        shutil.copyfile(STATIC / name, static / Path(name).name)


def setup(app):
    for name in PARTS:
        app.setup_extension(name)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
