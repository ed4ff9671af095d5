"""Sphinx extension: serve plotly.js and the book's own scripts locally.

Listed in ``_config.yml`` under ``sphinx.extra_extensions``.  Files are copied
from installed packages into ``_build/html/_static`` when the build finishes,
so nothing is vendored in the repository and no page loads anything from
another host.  Scripts are added only to pages that contain a plotly figure.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly

STATIC = Path(__file__).resolve().parent / "static"
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


def _is_thebe(script) -> bool:
    """sphinx-thebe's scripts: its inline config is emitted twice (a console error)
    and names a CDN; the book turns thebe off, so neither is needed."""
    name = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return name.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def _add_page_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = [s for s in scripts if not _is_thebe(s)]
    body = context.get("body", "")
    if "plotly-graph-div" in body:
        app.builder.add_js_file("plotly.min.js", priority=300)
        app.builder.add_js_file("awsbook-controls.js", priority=310)


def _copy_assets(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_JS, static / "plotly.min.js")
    shutil.copyfile(STATIC / "awsbook-controls.js", static / "awsbook-controls.js")


def setup(app):
    app.connect("html-page-context", _add_page_scripts)
    app.connect("build-finished", _copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


class PlotlyMimeSkip:
    """myst-nb mime plugin: drop plotly's JSON mimetype without a warning.

    Figures carry a ``text/html`` twin (see :mod:`awsbook.book.render`) that the book
    renders; the JSON is for JupyterLab only.  Registered as an entry point in
    ``pyproject.toml`` (group ``myst_nb.mime_renderers``).
    """

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline):
        if data.mime_type == "application/vnd.plotly.v1+json":
            return []
        return None
