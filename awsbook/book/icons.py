"""The theme's icons as inline SVG instead of Font Awesome's 1.5 MB script and 156 KB web font.

pydata-sphinx-theme draws its toolbar icons (menu, search, download, theme
switch, …) with ``fontawesome.js``, which is about 1.5 MB — more than the
book's plotly.js — and which the theme loads on every page.  After the build,
:mod:`awsbook.book.assets` removes that script from every page and replaces each
``<i class="fa-solid fa-…">`` with the same icon as inline SVG (what the script
would have done in the browser; each icon's path is written once per page, in
a hidden sprite), so pages look the same and load far less.

The theme also draws the icon of each admonition's title (note, warning, exercise, …)
as a glyph of Font Awesome's web font, a 156 KB download on the way to a chapter's first
paint.  Pages with admonitions get those icons as SVG masks instead (:func:`admonition_css`,
coloured like the glyphs were), so no page downloads the font.

The path data below are the Font Awesome Free 6 "solid" icons the theme uses,
copied from the theme's ``fontawesome.js`` (Font Awesome Free, icons licensed
CC BY 4.0, https://fontawesome.com/license/free).  A page that uses an icon
not listed here makes the build fail with the icon's name.
"""

from __future__ import annotations

import re

#: name -> (width, height, SVG path) of the Font Awesome Free solid icons the theme uses.
ICONS = {
    "angle-left": (320, 512, "M41.4 233.4c-12.5 12.5-12.5 32.8 0 45.3l160 160c12.5 12.5 32.8 12.5 45.3 0s12.5-32.8 0-45.3L109.3 256 246.6 118.6c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 0l-160 160z"),
    "angle-right": (320, 512, "M278.6 233.4c12.5 12.5 12.5 32.8 0 45.3l-160 160c-12.5 12.5-32.8 12.5-45.3 0s-12.5-32.8 0-45.3L210.7 256 73.4 118.6c-12.5-12.5-12.5-32.8 0-45.3s32.8-12.5 45.3 0l160 160z"),
    "arrow-up": (384, 512, "M214.6 41.4c-12.5-12.5-32.8-12.5-45.3 0l-160 160c-12.5 12.5-12.5 32.8 0 45.3s32.8 12.5 45.3 0L160 141.2V448c0 17.7 14.3 32 32 32s32-14.3 32-32V141.2L329.4 246.6c12.5 12.5 32.8 12.5 45.3 0s12.5-32.8 0-45.3l-160-160z"),
    "bars": (448, 512, "M0 96C0 78.3 14.3 64 32 64H416c17.7 0 32 14.3 32 32s-14.3 32-32 32H32C14.3 128 0 113.7 0 96zM0 256c0-17.7 14.3-32 32-32H416c17.7 0 32 14.3 32 32s-14.3 32-32 32H32c-17.7 0-32-14.3-32-32zM448 416c0 17.7-14.3 32-32 32H32c-17.7 0-32-14.3-32-32s14.3-32 32-32H416c17.7 0 32 14.3 32 32z"),
    "bell": (448, 512, "M224 0c-17.7 0-32 14.3-32 32V51.2C119 66 64 130.6 64 208v18.8c0 47-17.3 92.4-48.5 127.6l-7.4 8.3c-8.4 9.4-10.4 22.9-5.3 34.4S19.4 416 32 416H416c12.6 0 24-7.4 29.2-18.9s3.1-25-5.3-34.4l-7.4-8.3C401.3 319.2 384 273.9 384 226.8V208c0-77.4-55-142-128-156.8V32c0-17.7-14.3-32-32-32zm45.3 493.3c12-12 18.7-28.3 18.7-45.3H224 160c0 17 6.7 33.3 18.7 45.3s28.3 18.7 45.3 18.7s33.3-6.7 45.3-18.7z"),
    "chevron-down": (512, 512, "M233.4 406.6c12.5 12.5 32.8 12.5 45.3 0l192-192c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 0L256 338.7 86.6 169.4c-12.5-12.5-32.8-12.5-45.3 0s-12.5 32.8 0 45.3l192 192z"),
    "circle-exclamation": (512, 512, "M256 512A256 256 0 1 0 256 0a256 256 0 1 0 0 512zm0-384c13.3 0 24 10.7 24 24V264c0 13.3-10.7 24-24 24s-24-10.7-24-24V152c0-13.3 10.7-24 24-24zM224 352a32 32 0 1 1 64 0 32 32 0 1 1 -64 0z"),
    "circle-half-stroke": (512, 512, "M448 256c0-106-86-192-192-192V448c106 0 192-86 192-192zM0 256a256 256 0 1 1 512 0A256 256 0 1 1 0 256z"),
    "circle-info": (512, 512, "M256 512A256 256 0 1 0 256 0a256 256 0 1 0 0 512zM216 336h24V272H216c-13.3 0-24-10.7-24-24s10.7-24 24-24h48c13.3 0 24 10.7 24 24v88h8c13.3 0 24 10.7 24 24s-10.7 24-24 24H216c-13.3 0-24-10.7-24-24s10.7-24 24-24zm40-208a32 32 0 1 1 0 64 32 32 0 1 1 0-64z"),
    "circle-xmark": (512, 512, "M256 512A256 256 0 1 0 256 0a256 256 0 1 0 0 512zM175 175c9.4-9.4 24.6-9.4 33.9 0l47 47 47-47c9.4-9.4 24.6-9.4 33.9 0s9.4 24.6 0 33.9l-47 47 47 47c9.4 9.4 9.4 24.6 0 33.9s-24.6 9.4-33.9 0l-47-47-47 47c-9.4 9.4-24.6 9.4-33.9 0s-9.4-24.6 0-33.9l47-47-47-47c-9.4-9.4-9.4-24.6 0-33.9z"),
    "download": (512, 512, "M288 32c0-17.7-14.3-32-32-32s-32 14.3-32 32V274.7l-73.4-73.4c-12.5-12.5-32.8-12.5-45.3 0s-12.5 32.8 0 45.3l128 128c12.5 12.5 32.8 12.5 45.3 0l128-128c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 0L288 274.7V32zM64 352c-35.3 0-64 28.7-64 64v32c0 35.3 28.7 64 64 64H448c35.3 0 64-28.7 64-64V416c0-35.3-28.7-64-64-64H346.5l-45.3 45.3c-25 25-65.5 25-90.5 0L165.5 352H64zm368 56a24 24 0 1 1 0 48 24 24 0 1 1 0-48z"),
    "expand": (448, 512, "M32 32C14.3 32 0 46.3 0 64v96c0 17.7 14.3 32 32 32s32-14.3 32-32V96h64c17.7 0 32-14.3 32-32s-14.3-32-32-32H32zM64 352c0-17.7-14.3-32-32-32s-32 14.3-32 32v96c0 17.7 14.3 32 32 32h96c17.7 0 32-14.3 32-32s-14.3-32-32-32H64V352zM320 32c-17.7 0-32 14.3-32 32s14.3 32 32 32h64v64c0 17.7 14.3 32 32 32s32-14.3 32-32V64c0-17.7-14.3-32-32-32H320zM448 352c0-17.7-14.3-32-32-32s-32 14.3-32 32v64H320c-17.7 0-32 14.3-32 32s14.3 32 32 32h96c17.7 0 32-14.3 32-32V352z"),
    "file": (384, 512, "M0 64C0 28.7 28.7 0 64 0H224V128c0 17.7 14.3 32 32 32H384V448c0 35.3-28.7 64-64 64H64c-35.3 0-64-28.7-64-64V64zm384 64H256V0L384 128z"),
    "file-pdf": (512, 512, "M0 64C0 28.7 28.7 0 64 0L224 0l0 128c0 17.7 14.3 32 32 32l128 0 0 144-208 0c-35.3 0-64 28.7-64 64l0 144-48 0c-35.3 0-64-28.7-64-64L0 64zm384 64l-128 0L256 0 384 128zM176 352l32 0c30.9 0 56 25.1 56 56s-25.1 56-56 56l-16 0 0 32c0 8.8-7.2 16-16 16s-16-7.2-16-16l0-48 0-80c0-8.8 7.2-16 16-16zm32 80c13.3 0 24-10.7 24-24s-10.7-24-24-24l-16 0 0 48 16 0zm96-80l32 0c26.5 0 48 21.5 48 48l0 64c0 26.5-21.5 48-48 48l-32 0c-8.8 0-16-7.2-16-16l0-128c0-8.8 7.2-16 16-16zm32 128c8.8 0 16-7.2 16-16l0-64c0-8.8-7.2-16-16-16l-16 0 0 96 16 0zm80-112c0-8.8 7.2-16 16-16l48 0c8.8 0 16 7.2 16 16s-7.2 16-16 16l-32 0 0 32 32 0c8.8 0 16 7.2 16 16s-7.2 16-16 16l-32 0 0 48c0 8.8-7.2 16-16 16s-16-7.2-16-16l0-64 0-64z"),
    "lightbulb": (384, 512, "M272 384c9.6-31.9 29.5-59.1 49.2-86.2l0 0c5.2-7.1 10.4-14.2 15.4-21.4c19.8-28.5 31.4-63 31.4-100.3C368 78.8 289.2 0 192 0S16 78.8 16 176c0 37.3 11.6 71.9 31.4 100.3c5 7.2 10.2 14.3 15.4 21.4l0 0c19.8 27.1 39.7 54.4 49.2 86.2H272zM192 512c44.2 0 80-35.8 80-80V416H112v16c0 44.2 35.8 80 80 80zM112 176c0 8.8-7.2 16-16 16s-16-7.2-16-16c0-61.9 50.1-112 112-112c8.8 0 16 7.2 16 16s-7.2 16-16 16c-44.2 0-80 35.8-80 80z"),
    "list": (512, 512, "M40 48C26.7 48 16 58.7 16 72v48c0 13.3 10.7 24 24 24H88c13.3 0 24-10.7 24-24V72c0-13.3-10.7-24-24-24H40zM192 64c-17.7 0-32 14.3-32 32s14.3 32 32 32H480c17.7 0 32-14.3 32-32s-14.3-32-32-32H192zm0 160c-17.7 0-32 14.3-32 32s14.3 32 32 32H480c17.7 0 32-14.3 32-32s-14.3-32-32-32H192zm0 160c-17.7 0-32 14.3-32 32s14.3 32 32 32H480c17.7 0 32-14.3 32-32s-14.3-32-32-32H192zM16 232v48c0 13.3 10.7 24 24 24H88c13.3 0 24-10.7 24-24V232c0-13.3-10.7-24-24-24H40c-13.3 0-24 10.7-24 24zM40 368c-13.3 0-24 10.7-24 24v48c0 13.3 10.7 24 24 24H88c13.3 0 24-10.7 24-24V392c0-13.3-10.7-24-24-24H40z"),
    "magnifying-glass": (512, 512, "M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4c12.5 12.5 12.5 32.8 0 45.3s-32.8 12.5-45.3 0L330.7 376c-34.4 25.2-76.8 40-122.7 40C93.1 416 0 322.9 0 208S93.1 0 208 0S416 93.1 416 208zM208 352a144 144 0 1 0 0-288 144 144 0 1 0 0 288z"),
    "moon": (384, 512, "M223.5 32C100 32 0 132.3 0 256S100 480 223.5 480c60.6 0 115.5-24.2 155.8-63.4c5-4.9 6.3-12.5 3.1-18.7s-10.1-9.7-17-8.5c-9.8 1.7-19.8 2.6-30.1 2.6c-96.9 0-175.5-78.8-175.5-176c0-65.8 36-123.1 89.3-153.3c6.1-3.5 9.2-10.5 7.7-17.3s-7.3-11.9-14.3-12.5c-6.3-.5-12.6-.8-19-.8z"),
    "outdent": (448, 512, "M0 64C0 46.3 14.3 32 32 32H416c17.7 0 32 14.3 32 32s-14.3 32-32 32H32C14.3 96 0 81.7 0 64zM192 192c0-17.7 14.3-32 32-32H416c17.7 0 32 14.3 32 32s-14.3 32-32 32H224c-17.7 0-32-14.3-32-32zm32 96H416c17.7 0 32 14.3 32 32s-14.3 32-32 32H224c-17.7 0-32-14.3-32-32s14.3-32 32-32zM0 448c0-17.7 14.3-32 32-32H416c17.7 0 32 14.3 32 32s-14.3 32-32 32H32c-17.7 0-32-14.3-32-32zM.2 268.6c-8.2-6.4-8.2-18.9 0-25.3l101.9-79.3c10.5-8.2 25.8-.7 25.8 12.6V335.3c0 13.3-15.3 20.8-25.8 12.6L.2 268.6z"),
    "pencil": (512, 512, "M410.3 231l11.3-11.3-33.9-33.9-62.1-62.1L291.7 89.8l-11.3 11.3-22.6 22.6L58.6 322.9c-10.4 10.4-18 23.3-22.2 37.4L1 480.7c-2.5 8.4-.2 17.5 6.1 23.7s15.3 8.5 23.7 6.1l120.3-35.4c14.1-4.2 27-11.8 37.4-22.2L387.7 253.7 410.3 231zM160 399.4l-9.1 22.7c-4 3.1-8.5 5.4-13.3 6.9L59.4 452l23-78.1c1.4-4.9 3.8-9.4 6.9-13.3l22.7-9.1v32c0 8.8 7.2 16 16 16h32zM362.7 18.7L348.3 33.2 325.7 55.8 314.3 67.1l33.9 33.9 62.1 62.1 33.9 33.9 11.3-11.3 22.6-22.6 14.5-14.5c25-25 25-65.5 0-90.5L453.3 18.7c-25-25-65.5-25-90.5 0zm-47.4 168l-144 144c-6.2 6.2-16.4 6.2-22.6 0s-6.2-16.4 0-22.6l144-144c6.2-6.2 16.4-6.2 22.6 0s6.2 16.4 0 22.6z"),
    "share": (512, 512, "M307 34.8c-11.5 5.1-19 16.6-19 29.2v64H176C78.8 128 0 206.8 0 304C0 417.3 81.5 467.9 100.2 478.1c2.5 1.4 5.3 1.9 8.1 1.9c10.9 0 19.7-8.9 19.7-19.7c0-7.5-4.3-14.4-9.8-19.5C108.8 431.9 96 414.4 96 384c0-53 43-96 96-96h96v64c0 12.6 7.4 24.1 19 29.2s25 3 34.4-5.4l160-144c6.7-6.1 10.6-14.7 10.6-23.8s-3.8-17.7-10.6-23.8l-160-144c-9.4-8.5-22.9-10.6-34.4-5.4z"),
    "sun": (512, 512, "M361.5 1.2c5 2.1 8.6 6.6 9.6 11.9L391 121l107.9 19.8c5.3 1 9.8 4.6 11.9 9.6s1.5 10.7-1.6 15.2L446.9 256l62.3 90.3c3.1 4.5 3.7 10.2 1.6 15.2s-6.6 8.6-11.9 9.6L391 391 371.1 498.9c-1 5.3-4.6 9.8-9.6 11.9s-10.7 1.5-15.2-1.6L256 446.9l-90.3 62.3c-4.5 3.1-10.2 3.7-15.2 1.6s-8.6-6.6-9.6-11.9L121 391 13.1 371.1c-5.3-1-9.8-4.6-11.9-9.6s-1.5-10.7 1.6-15.2L65.1 256 2.8 165.7c-3.1-4.5-3.7-10.2-1.6-15.2s6.6-8.6 11.9-9.6L121 121 140.9 13.1c1-5.3 4.6-9.8 9.6-11.9s10.7-1.5 15.2 1.6L256 65.1 346.3 2.8c4.5-3.1 10.2-3.7 15.2-1.6zM160 256a96 96 0 1 1 192 0 96 96 0 1 1 -192 0zm224 0a128 128 0 1 0 -256 0 128 128 0 1 0 256 0z"),
    "triangle-exclamation": (512, 512, "M256 32c14.2 0 27.3 7.5 34.5 19.8l216 368c7.3 12.4 7.3 27.7 .2 40.1S486.3 480 472 480H40c-14.3 0-27.6-7.7-34.7-20.1s-7-27.8 .2-40.1l216-368C228.7 39.5 241.8 32 256 32zm0 128c-13.3 0-24 10.7-24 24V296c0 13.3 10.7 24 24 24s24-10.7 24-24V184c0-13.3-10.7-24-24-24zm32 224a32 32 0 1 0 -64 0 32 32 0 1 0 64 0z"),
}

#: What fontawesome.js adds to the page's CSS for its SVGs (the parts the theme's icons need).
CSS = (".svg-inline--fa{display:inline-block;height:1em;overflow:visible;vertical-align:-.125em;"
       "box-sizing:content-box}.svg-inline--fa.fa-lg{vertical-align:-.2em}"
       ".fa-lg{font-size:1.25em;line-height:.05em}")

#: Admonition class -> icon of its title, as pydata-sphinx-theme (and sphinx-exercise for exercises) draw
#: them; a class not listed gets the theme's default, "admonition".
ADMONITION_ICONS = {
    "admonition": "bell", "note": "circle-info", "attention": "circle-exclamation",
    "important": "circle-exclamation", "caution": "triangle-exclamation", "warning": "triangle-exclamation",
    "danger": "triangle-exclamation", "error": "circle-xmark", "hint": "lightbulb", "tip": "lightbulb",
    "seealso": "share", "admonition-todo": "pencil", "exercise": "pencil",
}
#: The theme's admonition glyphs, emptied so that no title needs the web font.
_THEME_GLYPHS = ("default", "note", "attention", "caution", "warning", "danger", "error", "hint", "tip",
                 "important", "seealso", "todo")
_ADMONITION = re.compile(r'<div class="([^"]*\badmonition\b[^"]*)"')


def _mask(name: str) -> str:
    width, height, path = ICONS[name]
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
    return 'url("data:image/svg+xml,' + svg.replace("<", "%3C").replace(">", "%3E") + '")'


def admonition_css(page: str) -> str:
    """CSS drawing the title icon of every kind of admonition on ``page`` as an SVG mask (empty without one)."""
    kinds = {kind for m in _ADMONITION.finditer(page) for kind in m[1].split() if kind in ADMONITION_ICONS}
    if not kinds:
        return ""
    rules = [":root{" + "".join(f'--pst-icon-admonition-{g}:"";' for g in _THEME_GLYPHS) + "}",
             ".admonition>.admonition-title::after,div.admonition>.admonition-title::after{font:inherit;"
             "background-color:currentColor;-webkit-mask:var(--awsbook-icon) center/contain no-repeat;"
             "mask:var(--awsbook-icon) center/contain no-repeat}",
             'div.exercise p.admonition-title::after{content:""}']
    rules += [f"div.{kind}{'.admonition' if kind != 'admonition' else ''}{{--awsbook-icon:{_mask(ADMONITION_ICONS[kind])}}}"
              for kind in sorted(kinds | {"admonition"})]
    return "".join(rules)


#: Selectors of Font Awesome's own rules in a stylesheet that bundles its CSS.
_FA_SELECTOR = re.compile(r"^(?:\.(?:fa|fas|far|fab|svg-inline--fa)(?![\w-])|\.fa-[\w-]+|:host|:root)")
_FA_BANNER = re.compile(r"/\*!\s*\* Font Awesome.*?\*/", re.S)


def _blocks(css: str):
    """Top-level ``(prelude, body)`` pairs of a minified stylesheet (strings and comments kept whole)."""
    depth, start, body_start, i = 0, 0, 0, 0
    while i < len(css):
        c = css[i]
        if c in "\"'":
            i = css.index(c, i + 1) + 1
            while css[i - 2] == "\\":  # an escaped quote inside the string
                i = css.index(c, i) + 1
            continue
        if css.startswith("/*", i):
            i = css.index("*/", i + 2) + 2
            continue
        if c == "{":
            depth += 1
            if depth == 1:
                body_start = i + 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                yield css[start:body_start - 1], css[body_start:i]
                start = i + 1
        i += 1


def without_font_awesome(css: str) -> str:
    """``css`` without Font Awesome's rules, web fonts and animations.

    pydata-sphinx-theme bundles Font Awesome's CSS (about 95 KB, a third of its stylesheet) into
    the stylesheet every page waits for before its first paint; the book draws the theme's icons as
    SVG instead (:func:`inline_icons`, :func:`admonition_css`) and uses none of it."""
    out = []
    for prelude, body in _blocks(_FA_BANNER.sub("", css)):
        head = prelude.strip()
        if head.startswith("@media") or head.startswith("@supports"):
            inner = without_font_awesome(body)
            if inner:
                out.append(f"{head}{{{inner}}}")
            continue
        if ((head.startswith("@font-face") and "Font Awesome" in body) or re.match(r"@(?:-webkit-)?keyframes fa-", head)
                or all(_FA_SELECTOR.match(sel.strip()) for sel in head.split(",")) and
                (not head.startswith((":host", ":root")) or all(d.strip().startswith("--fa-") for d in body.split(";") if d.strip()))):
            continue
        out.append(f"{prelude}{{{body}}}")
    return "".join(out)


_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
_ICON = re.compile(r'<(?P<tag>i|span) class="(?P<cls>[^"]*\bfa[sb]?-[^"]*)"(?P<attrs>[^>]*)></(?P=tag)>')
_NAME = re.compile(r"\bfa-(?!solid\b|lg\b|brands\b|regular\b)([a-z0-9-]+)")


def _icon_name(classes: list[str]) -> str:
    names = [m for c in classes for m in _NAME.findall(c)]
    if not names or names[0] not in ICONS:
        raise KeyError(f"icon {names} is not in awsbook.book.icons.ICONS; add its path from the theme's fontawesome.js")
    return names[0]


def _use(match: re.Match) -> str:
    classes = match["cls"].split()
    name = _icon_name(classes)
    width, height, _ = ICONS[name]
    keep = " ".join(c for c in classes if c not in ("fa-solid", "fas"))
    return (f'<svg class="svg-inline--fa {keep}"{match["attrs"]} aria-hidden="true" focusable="false" '
            f'viewBox="0 0 {width} {height}"><use href="#fa-{name}"/></svg>')


def inline_icons(page: str) -> str:
    """``page`` without the Font Awesome script: each icon drawn once in a hidden SVG sprite at the
    top of the body and used where the theme placed it, with the icons' CSS in the head."""
    if "fontawesome.js" not in page and "fa-" not in page:
        return page
    page = _SCRIPT.sub("", page)
    used = sorted({_icon_name(m["cls"].split()) for m in _ICON.finditer(page)})
    page = _ICON.sub(_use, page)
    if used and "<body" in page:
        symbols = "".join(f'<symbol id="fa-{n}" viewBox="0 0 {ICONS[n][0]} {ICONS[n][1]}">'
                          f'<path fill="currentColor" d="{ICONS[n][2]}"/></symbol>' for n in used)
        sprite = f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{symbols}</svg>'
        start = page.index(">", page.index("<body")) + 1
        page = page[:start] + sprite + page[start:]
    admonitions = admonition_css(page)
    style = (CSS if used and CSS not in page else "") + (admonitions if admonitions not in page else "")
    if style and "</head>" in page:
        page = page.replace("</head>", f"<style>{style}</style>\n</head>", 1)
    return page
