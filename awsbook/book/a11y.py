"""Sphinx extension: the book-wide stylesheet (``static/awsbook.css``).

It raises the contrast of the theme's link colour, which is too light on the
tinted background of admonitions, and keeps wide tables and formulas scrolling
inside their own box on a phone instead of widening the page.  Charts get their
accessible names, live result text and data tables from :mod:`awsbook.book.render`.
"""

from __future__ import annotations

import functools

from awsbook.book import copy_static

CSS = "awsbook.css"


def setup(app):
    app.add_css_file(CSS)
    app.connect("build-finished", functools.partial(copy_static, files=(CSS,)))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
