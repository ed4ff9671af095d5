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

__all__ = ["setup_notebook"]


def setup_notebook() -> None:
    """Register the book's plotly renderer in this kernel (see :mod:`awsbook.book.render`)."""
    from awsbook.book.render import setup_notebook as setup

    setup()
