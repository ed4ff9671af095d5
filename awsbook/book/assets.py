"""Sphinx extension: what each page loads, all of it from the book's own ``_static``.

* Charts: pages with a chart (:mod:`awsbook.book.render`) load ``awsbook-charts.js``,
  which loads the vendored plotly.js basic bundle (``static/vendor``) only when
  the first chart nears the screen (or the page is printed); other pages load
  neither.  A page's chart data (every precomputed state) moves out of the page
  into ``_static/charts/<page>.js``, loaded after the first paint like every
  script file (below): the text of the page arrives and shows first, the charts
  follow (a script element, not ``fetch``, so it works from ``file://`` too).
* The kernels the build starts get ``AWSBOOK_OUTPUT=book``, so figures are
  written as the book's HTML (see :mod:`awsbook.book.render`).
* Scripts and stylesheets a page does not need are dropped: sphinx-thebe's (thebe
  is off; its inline config is emitted twice, a console error, and names a CDN),
  the search index and its tools except on the search page (about 170 KB; the
  theme writes them into every page), sphinx-design's on pages without its
  components, the copy button's and the code colours on pages without code,
  sphinx-togglebutton's on pages without toggles, and Font Awesome's 1.5 MB
  script, 156 KB web font and the 95 KB of its CSS the theme's stylesheet
  bundles; its icons become inline SVG (:mod:`awsbook.book.icons`).
* What a phone waits for before it can paint is kept short: every script file
  (the theme's, the extensions', the book's) loads after the first paint, in
  document order (``static/awsbook-later.js``, written into each page; they all
  wait for the DOM anyway), the theme's script preloads are dropped, other
  packages' stylesheets and blocking scripts under 4 KB are written into the
  page, and pages link Sphinx's ``basic.css`` themselves instead of through the
  theme's ``@import``.  The search page keeps Sphinx's own loading.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from awsbook.book import STATIC, copy_static
from awsbook.book.icons import inline_icons, without_font_awesome
from awsbook.book.render import OUTPUT_ENV

#: The book's icon (browsers ask for one; without it every page logs a 404 for /favicon.ico).
FAVICON = STATIC / "favicon.svg"
#: Files copied into _build/html/_static (paths below ``static/``).
FILES = ("vendor/plotly-basic.min.js", "awsbook-charts.js", "awsbook-charts.css")


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset) or "").split("?")[0]


def _is_thebe(script) -> bool:
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return _name(script).endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body


def _has_code(body: str) -> bool:
    return 'class="highlight' in body


def _has_toggles(body: str) -> bool:
    """Whether sphinx-togglebutton has anything to do (its selector is ``.toggle, .admonition.dropdown``)."""
    return re.search(r'class="(?:[^"]*\s)?(?:toggle|dropdown)(?:\s[^"]*)?"', body) is not None


#: Scripts (by file name) and stylesheets a page loads only when it has what they serve.
_ONLY_WITH = {"clipboard.min.js": _has_code, "copybutton.js": _has_code, "copybutton.css": _has_code,
              "pygments.css": _has_code, "togglebutton.js": _has_toggles, "togglebutton.css": _has_toggles,
              "design-tabs.js": lambda body: "sd-tab" in body, "sphinx-design.min.css": lambda body: "sd-" in body}
#: sphinx-togglebutton's inline settings, dropped with its script.
_TOGGLE_SETTINGS = ("toggleHint", "toggleOpenOnPrint", "togglebuttonSelector")
#: Sphinx's page settings, read by inline scripts right after it: the one script left blocking.
_BLOCKING = "documentation_options.js"


def _unneeded(asset, pagename: str, body: str) -> bool:
    name = _name(asset).rsplit("/", 1)[-1]
    if _is_thebe(asset) or name == "sphinx-thebe.css":
        return True
    inline = str(getattr(asset, "attributes", {}).get("body", ""))
    if any(setting in inline for setting in _TOGGLE_SETTINGS):
        return not _has_toggles(body)
    return name in _ONLY_WITH and not _ONLY_WITH[name](body)


def _deferred(script, pagename: str):
    """``script`` loaded with ``defer``, and so after the first paint (:func:`_later`): the theme's and
    extensions' scripts wait for the DOM anyway.  Not Sphinx's settings (inline scripts read them at
    once), nor on the search page, whose search tools use Sphinx's scripts as they load."""
    attributes = dict(getattr(script, "attributes", {}))
    name = _name(script)
    if (pagename == "search" or not name or name.endswith(_BLOCKING)
            or {"defer", "async", "body"} & set(attributes)):
        return script
    return type(script)(script.filename, priority=script.priority, **(attributes | {"defer": "defer"}))


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


#: Comments a reader's browser has no use for: the prose's number markers (``<!--num key-->`` …
#: ``<!--/num-->``, kept in the sources for ``python -m awsbook.prose sync``; the exercises' own markers
#: became elements earlier), wherever they stand, and the theme's notes to its developers between tags.
_COMMENTS = re.compile(r"<!--/?num\b[^<>]*?-->|(?<=>)\s*<!-- [^<>]*? -->")
#: The code colours load after the first paint (a print-only stylesheet becomes one for every medium
#: when it has loaded): code sits below the opening text, and plain code for a moment shifts nothing.
_AFTER_PAINT_CSS = re.compile(r'(?P<link><link rel="stylesheet" type="text/css" href="[^"]*_static/pygments\.css[^"]*")\s*/>')
_AFTER_PAINT = "\\g<link> media=\"print\" onload=\"this.media='all'\" />"
_SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:searchtools|language_data|searchindex)\.js[^"]*"></script>')
#: The theme's first stylesheet, which only imports Sphinx's basic.css: pages link basic.css
#: itself, so the browser need not fetch one file to learn of the next before it can paint.
_THEME_CSS = re.compile(r'href="(?P<static>[^"]*_static/)styles/theme\.css(?:\?[^"]*)?"')
_IMPORT_ONLY = re.compile(r'\A(?:\s|/\*.*?\*/)*@import "\.\./(?P<file>[\w.-]+\.css)";\s*\Z', re.S)
#: The theme preloads its two scripts, which it loads with defer at the end of the page: on a phone the
#: preloads compete with the stylesheets the first paint waits for.
_PRELOADS = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*" />')
#: Other packages' stylesheets and blocking scripts at most this big are written into the page: each is
#: one more request before the first paint (a round trip on a phone) for less than a request's own cost.
#: The book's own files (awsbook*.css) stay files: they are its, and shared by every page.
INLINE_MAX_BYTES = 4096
_SMALL = re.compile(r'<link rel="stylesheet" type="text/css" href="(?P<css>(?![^"]*awsbook)[^"?]+)(?:\?[^"]*)?" />'
                    r'|<script src="(?P<js>[^"?]+)(?:\?[^"]*)?"></script>')


def _inline_small(page: str, folder: Path) -> str:
    def inline(m: re.Match) -> str:
        href = m["css"] or m["js"]
        path = folder / href
        if "//" in href or not path.is_file() or path.stat().st_size > INLINE_MAX_BYTES:
            return m[0]
        text = path.read_text(encoding="utf-8").strip()
        tag = "style" if m["css"] else "script"
        if f"</{tag}" in text.lower() or (m["css"] and ("url(" in text or "@import" in text)):
            return m[0]
        return f"<{tag}>{text}</{tag}>"
    return _SMALL.sub(inline, page)


#: A script loaded with defer; it becomes a placeholder that ``awsbook-later.js`` loads after the first paint.
_DEFERRED = re.compile(r'<script defer(?:="defer")? src="(?P<src>[^"]+)"></script>')
LATER_JS = STATIC / "awsbook-later.js"


def _later(page: str) -> str:
    """``page`` with each ``<script defer src>`` turned into a placeholder that ``awsbook-later.js``,
    written into the page, loads after the first paint."""
    page, count = _DEFERRED.subn(lambda m: f'<script type="awsbook/later" data-src="{m["src"]}"></script>', page)
    if count and "</body>" in page:
        page = page.replace("</body>", f"<script>{LATER_JS.read_text(encoding='utf-8').strip()}</script>\n</body>", 1)
    return page


def trim_page(page: str, *, folder: Path | None = None, search_page: bool = False,
              theme_css: str | None = None) -> str:
    """A written page (in ``folder``, for the files it links) without what it does not need, and
    with what its first paint waits for made shorter (see the module docstring).  ``theme_css`` is
    what the theme's ``styles/theme.css`` imports, linked directly."""
    page = _PRELOADS.sub("", _COMMENTS.sub("", inline_icons(page)))
    if theme_css:
        page = _THEME_CSS.sub(lambda m: f'href="{m["static"]}{theme_css}"', page)
    if search_page:  # its search tools need Sphinx's scripts as Sphinx loads them
        return page
    page = _later(_SEARCH_SCRIPTS.sub("", _AFTER_PAINT_CSS.sub(_AFTER_PAINT, page)))
    return page if folder is None else _inline_small(page, folder)


def _trim_pages(outdir: Path) -> None:
    theme = outdir / "_static" / "styles" / "theme.css"
    imported = _IMPORT_ONLY.match(theme.read_text(encoding="utf-8")) if theme.exists() else None
    for path in outdir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new = trim_page(text, folder=path.parent, search_page=path.relative_to(outdir).as_posix() == "search.html",
                        theme_css=imported["file"] if imported else None)
        if new != text:
            path.write_text(new, encoding="utf-8")
    (outdir / "_static" / "scripts" / "fontawesome.js").unlink(missing_ok=True)


def _page_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    scripts, styles = context.get("script_files"), context.get("css_files")
    if isinstance(scripts, list):
        scripts[:] = [_deferred(s, pagename) for s in scripts if not _unneeded(s, pagename, body)]
    if isinstance(styles, list):
        styles[:] = [s for s in styles if not _unneeded(s, pagename, body)]
    if "awsbook-chart" in body:
        context["body"], data = move_chart_data(body, pagename, Path(app.outdir))
        if data:
            app.builder.add_js_file(data, priority=305, defer="defer")
        app.builder.add_js_file("awsbook-charts.js", priority=310, defer="defer")
        app.builder.add_css_file("awsbook-charts.css")


def _without_font_awesome(outdir: Path) -> None:
    """The theme's stylesheet without the Font Awesome CSS it bundles, and no Font Awesome web fonts."""
    for sheet in (outdir / "_static" / "styles").glob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        if "Font Awesome" in text:
            sheet.write_text(without_font_awesome(text), encoding="utf-8")
    shutil.rmtree(outdir / "_static" / "vendor" / "fontawesome", ignore_errors=True)


def _finish_site(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    copy_static(app, exception, FILES)
    _trim_pages(Path(app.outdir))
    _without_font_awesome(Path(app.outdir))


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
