"""Sphinx extension: what each page loads, all of it from the book's own ``_static``.

* Charts: pages with a chart (:mod:`awsbook.book.render`) load ``awsbook-charts.js``,
  which loads the vendored plotly.js basic bundle (``static/vendor``) only when
  the first chart nears the screen (or the page is printed); other pages load
  neither.  A page's chart data (every precomputed state) moves out of the page
  into ``_static/charts/<page>.js``, loaded with ``defer``: the text of the page
  arrives and shows first, the charts follow (``<script src>``, not ``fetch``,
  so it works from ``file://`` too).
* The kernels the build starts get ``AWSBOOK_OUTPUT=book``, so figures are
  written as the book's HTML (see :mod:`awsbook.book.render`).
* Scripts a page does not need are dropped: sphinx-thebe (thebe is off; its
  inline config is emitted twice, a console error, and names a CDN), the search
  index and its tools except on the search page (about 170 KB; the theme writes
  them into every page), sphinx-design's tab script on pages without tabs, and
  Font Awesome's 1.5 MB script, whose icons become inline SVG
  (:mod:`awsbook.book.icons`).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from awsbook.book import STATIC, copy_static
from awsbook.book.icons import inline_icons
from awsbook.book.render import OUTPUT_ENV

#: The book's icon (browsers ask for one; without it every page logs a 404 for /favicon.ico).
FAVICON = STATIC / "favicon.svg"
#: Files copied into _build/html/_static (paths below ``static/``).
FILES = ("vendor/plotly-basic.min.js", "awsbook-charts.js", "awsbook-charts.css")


def _name(script) -> str:
    return str(getattr(script, "filename", script) or "")


def _is_thebe(script) -> bool:
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return _name(script).endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def _unneeded(script, pagename: str, body: str) -> bool:
    name = _name(script).split("?")[0]
    if _is_thebe(script):
        return True
    return name.endswith("design-tabs.js") and "sd-tab" not in body


_SPEC = re.compile(r'<figure class="awsbook-chart" id="(?P<id>[^"]+)">(?P<inner>.*?)'
                   r'<script type="application/json" class="awsbook-chart-spec">(?P<spec>.*?)</script></figure>', re.S)


def move_chart_data(body: str, pagename: str, outdir: Path) -> tuple[str, str | None]:
    """Move each chart's JSON out of ``body`` into one script per page under ``_static/charts``.

    Returns the new body and the script's path relative to ``_static`` (None when the
    page has no chart).  The script registers each chart's data with ``awsbook-charts.js``.
    """
    found = list(_SPEC.finditer(body))
    if not found:
        return body, None
    name = f"charts/{pagename.replace('/', '-')}.js"
    lines = ["window.awsbookChartData = window.awsbookChartData || {};"]
    lines += [f"window.awsbookChartData[{json.dumps(m['id'])}] = {m['spec']};" for m in found]
    target = outdir / "_static" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = _SPEC.sub(lambda m: f'<figure class="awsbook-chart" id="{m["id"]}">{m["inner"]}</figure>', body)
    return body, name


_SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:searchtools|language_data|searchindex)\.js[^"]*"></script>')


def trim_page(page: str, *, search_page: bool = False) -> str:
    """A written page without the scripts it does not need (see the module docstring)."""
    page = inline_icons(page)
    return page if search_page else _SEARCH_SCRIPTS.sub("", page)


def _trim_pages(outdir: Path) -> None:
    for path in outdir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new = trim_page(text, search_page=path.relative_to(outdir).as_posix() == "search.html")
        if new != text:
            path.write_text(new, encoding="utf-8")
    (outdir / "_static" / "scripts" / "fontawesome.js").unlink(missing_ok=True)


def _page_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    scripts = context.get("script_files")
    if isinstance(scripts, list):
        scripts[:] = [s for s in scripts if not _unneeded(s, pagename, body)]
    if "awsbook-chart" in body:
        context["body"], data = move_chart_data(body, pagename, Path(app.outdir))
        if data:
            app.builder.add_js_file(data, priority=305, defer="defer")
        app.builder.add_js_file("awsbook-charts.js", priority=310, defer="defer")
        app.builder.add_css_file("awsbook-charts.css")


def _finish_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    copy_static(app, exception, FILES)
    _trim_pages(Path(app.outdir))


def _favicon(app, config) -> None:
    if not config.html_favicon:
        config.html_favicon = str(FAVICON)


def _book_output(app) -> None:
    os.environ[OUTPUT_ENV] = "book"  # inherited by the kernels that execute the notebooks


def _done(app, exception) -> None:
    os.environ.pop(OUTPUT_ENV, None)
    _finish_site(app, exception)


def setup(app):
    app.connect("config-inited", _favicon)
    app.connect("builder-inited", _book_output)
    app.connect("html-page-context", _page_assets)
    app.connect("build-finished", _done)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
