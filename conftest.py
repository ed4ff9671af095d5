"""Repository-wide pytest hooks (also for ``python -m pytest chapters/``, which tests/conftest.py does not reach).

The chapter notebooks run under nbval with strict answer checks: their kernels
start with ``AWSBOOK_STRICT_CHECKS=1``, so a solution cell whose answer fails its
own ``check()`` fails the test.  Only kernels of ``chapters/*.ipynb`` get it;
the variable is removed again right after, so unit tests, student copies and
the grader keep the lenient checks students see.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHAPTERS = Path(__file__).resolve().parent / "chapters"
STRICT_ENV = "AWSBOOK_STRICT_CHECKS"  # awsbook.exercises.STRICT_ENV


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item):
    # nbval starts a notebook's kernel while setting up its first cell: the kernel inherits the variable.
    strict = item.path.suffix == ".ipynb" and item.path.parent == CHAPTERS
    before = os.environ.get(STRICT_ENV)
    if strict:
        os.environ[STRICT_ENV] = "1"
    try:
        yield
    finally:
        if strict:
            if before is None:
                os.environ.pop(STRICT_ENV, None)
            else:
                os.environ[STRICT_ENV] = before
