"""Sphinx extension: write the book's math as MathML at build time.

MathJax 3 is over a megabyte of JavaScript per page.  Browsers render MathML
Core natively (Chromium since version 109, Firefox, Safari), so the book
converts each ``$…$`` and ``$$…$$`` to MathML with ``latex2mathml`` while
writing the page: no script, nothing to download, and a screen reader reads
the formula.  JupyterLab still typesets the same LaTeX with its own MathJax.
"""

from __future__ import annotations

from docutils import nodes
from latex2mathml.converter import convert

RENDERER = "mathml"


def to_mathml(latex: str, *, block: bool = False) -> str:
    """MathML for ``latex`` (``<math>`` element; ``display="block"`` when ``block``)."""
    return convert(latex.strip(), display="block" if block else "inline")


def _visit_inline(self, node: nodes.math) -> None:
    self.body.append(to_mathml(node.astext()))
    raise nodes.SkipNode


def _visit_block(self, node: nodes.math_block) -> None:
    # A wide formula scrolls inside its own box on a phone; the box takes focus so that a keyboard can scroll it.
    self.body.append(f'<div class="math-block" tabindex="0">{to_mathml(node.astext(), block=True)}</div>')
    raise nodes.SkipNode


def _choose(app, config) -> None:
    config.html_math_renderer = RENDERER


def setup(app):
    app.add_html_math_renderer(RENDERER, (_visit_inline, None), (_visit_block, None))
    app.connect("config-inited", _choose)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
