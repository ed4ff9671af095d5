"""Helper package for the Korean AWS compute textbook.

Layers, one direction only::

    data/*.csv -> datasets (validated loader) -> models (cost, availability, ...)
               -> charts (plotly figures) -> widgets (ipywidgets dashboards) -> chapters

Notebooks start with ``awsbook.setup_notebook()`` so that plotly figures show
both in JupyterLab and in the static HTML book.
"""

from awsbook.render import setup_notebook

__all__ = ["setup_notebook"]
