"""Check ``data/`` before the book runs a notebook, and rerun the notebooks when it changed.

* First thing after the configuration is read (``config-inited``, before any other
  part of the book touches the data) the build runs :func:`awsbook.datasets.check` — the same
  check as ``python -m awsbook.datasets check`` and the price refresh — on
  :data:`awsbook.datasets.DATA_DIR` (``AWSBOOK_DATA_DIR`` when set; the kernels
  that run the notebooks inherit the variable) and stops with one line per
  broken file before any notebook runs.
* Notebook outputs are cached by jupyter-cache, keyed on the notebook's code
  only, and Sphinx rereads only changed sources, so an edit in ``data/`` alone
  would leave every chart as it was.  A fingerprint of the data files is kept
  in the jupyter cache folder and in the build environment; when it differs,
  the cached outputs are dropped and every page is read again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.errors import SphinxError
from sphinx.util import logging

from awsbook import datasets

logger = logging.getLogger(__name__)

#: Name of the file, inside the jupyter cache folder, holding the data fingerprint of its outputs.
STAMP = "awsbook-data.sha256"


class DataCheckError(SphinxError):
    category = "data/ 검사 실패"


def fingerprint(data_dir: Path) -> str:
    """SHA-256 over the names and bytes of the CSV files in ``data_dir``."""
    digest = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def check_data(app, config=None) -> None:
    """Stop the build when a data file has a problem (one line per file, as the CLI prints)."""
    lines, problems = datasets.report(datasets.DATA_DIR)
    if problems:
        bad = [line for line in lines if not line.startswith("OK")]
        raise DataCheckError(
            f"{datasets.DATA_DIR}의 데이터 파일에 문제가 있어 책을 빌드하지 않았습니다.\n" + "\n".join(bad)
            + "\n고친 뒤 'python -m awsbook.datasets check'로 확인하고 다시 빌드하세요.")


def _cache_folder(app) -> Path | None:
    config = getattr(app.env, "mystnb_config", None)
    path = getattr(config, "execution_cache_path", None)
    return Path(path) if path else None


def refresh_when_data_changed(app, env, added, changed, removed) -> list[str]:
    """Drop cached notebook outputs made from other data, and reread every page after a data change."""
    stamp = fingerprint(datasets.DATA_DIR)
    cache = _cache_folder(app)
    if cache is not None:
        stamp_file = cache / STAMP
        if cache.exists() and (not stamp_file.exists() or stamp_file.read_text() != stamp):
            logger.info("data/가 바뀌어 저장해 둔 노트북 실행 결과를 지우고 다시 실행합니다: %s", cache)
            shutil.rmtree(cache)
        cache.mkdir(parents=True, exist_ok=True)
        stamp_file.write_text(stamp)
    previous = getattr(env, "awsbook_data_fingerprint", None)
    env.awsbook_data_fingerprint = stamp
    if previous != stamp:  # also an environment from before this check: its pages may be stale
        return sorted(env.found_docs - set(added) - set(changed))
    return []


def setup(app):
    app.connect("config-inited", check_data, priority=100)
    app.connect("env-get-outdated", refresh_when_data_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
