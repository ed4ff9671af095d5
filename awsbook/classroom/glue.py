"""Put the values of myst-nb ``{glue:text}`` roles into a notebook's markdown.

The book's prose quotes computed numbers with glue roles, which only the
Jupyter Book build fills in; JupyterLab shows the raw role.  Student copies
therefore get the values written in: the original chapter (the book's own,
trusted notebook) is executed once and every glued value is substituted.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: ``{glue}`name``` or ``{glue:text}`name:format_spec```.
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([^`:]+)(?::([^`]*))?`")


def glued_values(path: Path, *, timeout: int = 120) -> dict[str, object]:
    """Execute the notebook at ``path`` and return ``{glue name: value}``.

    Values are read back from the ``text/plain`` of each glue output (numbers
    and strings become Python values; anything else stays text).
    """
    nb = nbformat.read(path, as_version=4)
    if not GLUE_ROLE.search("\n".join(c.source for c in nb.cells if c.cell_type == "markdown")):
        return {}
    NotebookClient(nb, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook", {})
            name = scrap.get("name")
            # Hidden glue (display=False) prefixes its mimetypes, e.g. application/papermill.record/.
            text = output.get("data", {}).get(scrap.get("mime_prefix", "") + "text/plain")
            if name and text is not None:
                try:
                    values[name] = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    values[name] = text
    return values


def fill(markdown: str, values: dict[str, object]) -> str:
    """``markdown`` with every glue role whose name is in ``values`` replaced by its formatted value."""
    def replace(match: re.Match) -> str:
        name, spec = match.group(1), match.group(2) or ""
        if name not in values:
            return match.group(0)
        try:
            return format(values[name], spec)
        except (TypeError, ValueError):
            return str(values[name])

    return GLUE_ROLE.sub(replace, markdown)
