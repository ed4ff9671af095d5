"""Sphinx extension: the book-wide stylesheet (``static/awsbook.css``).

It raises the contrast of the theme's link colour, which is too light on the
tinted background of admonitions, and keeps wide tables and formulas scrolling
inside their own box on a phone instead of widening the page.  Charts get their
accessible names, live result text and data tables from :mod:`awsbook.book.render`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CSS = Path(__file__).resolve().parent / "static" / "awsbook.css"


def _copy_css(app, exception) -> None:
    if exception is None and app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CSS, static / CSS.name)


def setup(app):
    app.add_css_file(CSS.name)
    app.connect("build-finished", _copy_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
