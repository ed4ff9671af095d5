"""Hand a chapter's computed numbers to the book's prose (myst-nb ``glue``).

A chapter's hidden cell calls ``glue_numbers(chapter_numbers())``; the prose
then quotes a value with ``{glue:text}`name:,.2f```, so a price update in
``data/`` changes the text too.
"""

from __future__ import annotations

from collections.abc import Mapping


def glue_numbers(numbers: Mapping[str, float]) -> None:
    """Glue every ``name: value`` pair for the prose, without displaying anything."""
    from myst_nb import glue

    for name, value in numbers.items():
        glue(name, value, display=False)
