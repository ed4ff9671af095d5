"""The layers run one way: the domain modules (and the numbers the prose quotes) load no plotting,
widget or build library, so ``import awsbook.cost`` stays cheap for a reader's own script."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

DOMAIN = ["awsbook", "awsbook.datasets", "awsbook.validate", "awsbook.formats", "awsbook.cost", "awsbook.availability",
          "awsbook.sli", "awsbook.containers", "awsbook.crossover", "awsbook.elasticity", "awsbook.latency",
          "awsbook.money", "awsbook.lambda_charges", "awsbook.lambda_concurrency", "awsbook.api_gateway",
          "awsbook.os_support", "awsbook.registration", "awsbook.prose", "awsbook.exercises"]
HEAVY = ("plotly", "ipywidgets", "IPython", "sphinx", "nbclient", "playwright", "myst_nb")


@pytest.mark.parametrize("module", DOMAIN)
def test_domain_module_loads_no_heavy_library(module):
    code = f"import sys, {module}; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "", f"{module} loads {out.stdout.strip()}"
