"""Helper package for the Korean AWS compute textbook.

Layers, one direction only::

    data/*.csv -> datasets (validated loader) -> models (cost, availability, ...)
               -> charts (plotly figures) -> widgets (ipywidgets dashboards) -> chapters

The domain modules (``datasets``, ``validate``, ``cost``, ``availability`` …)
need only numpy and pandas; importing them loads no plotting, widget or build
library.  Tooling for the book build lives in :mod:`awsbook.book`.

Notebooks start with ``awsbook.setup_notebook()`` so that plotly figures show
both in JupyterLab and in the static HTML book.
"""

__all__ = ["setup_notebook", "student"]


def setup_notebook() -> None:
    """Register the book's plotly renderer in this kernel (see :mod:`awsbook.book.render`)."""
    from awsbook.book.render import setup_notebook as setup

    setup()


def student(student_id=None) -> str | None:
    """Use ``student_id``'s own numbers in this notebook's exercises (``awsbook.student("20261234")``).

    Without an id (or ``""``) the class hub's ``AWSBOOK_STUDENT_ID`` is used, and
    without that the book's numbers.  Returns the id in use.  See
    :mod:`awsbook.exercises.students`.
    """
    from awsbook.exercises.students import student as choose

    return choose(student_id)
