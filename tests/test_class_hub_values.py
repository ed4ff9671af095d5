"""The Zero to JupyterHub values file (``class/z2jh-values.yaml``), checked offline as Helm would.

Helm merges the file into the chart's default ``values.yaml`` and validates the result against the
chart's ``values.schema.json``; both are vendored from the chart's 4.4.0 tag in
``class/z2jh-chart/`` (see its README).  A misspelt key, a key in the wrong place or a value of the
wrong type fails here instead of at ``helm upgrade``.  The settings the class depends on are
checked too: the student id, the nbgitpuller pull and link (the same repository), the memory and
CPU limits as KubeSpawner reads them, and the idle-kernel culling; and the teacher's guide
(``appendix/class_hub.md``) divides node memory by the guarantee of this file, with correct arithmetic.
"""

from __future__ import annotations

import copy
import json
import math
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import yaml
from jupyterhub.traitlets import ByteSpecification

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "class" / "z2jh-values.yaml"
CHART = ROOT / "class" / "z2jh-chart"


def merged(defaults: dict, override: dict) -> dict:
    """Helm's merge of user values into chart values: maps merge key by key, anything else replaces."""
    out = copy.deepcopy(defaults)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def defaults() -> dict:
    return yaml.safe_load((CHART / "values.yaml").read_text(encoding="utf-8"))


def test_merge_follows_helm():
    assert merged({"a": {"b": 1, "c": [1]}, "d": 1}, {"a": {"c": [2]}, "e": 2}) == {"a": {"b": 1, "c": [2]}, "d": 1, "e": 2}


def test_the_chart_defaults_alone_are_valid(validator, defaults):
    assert list(validator.iter_errors(defaults)) == []


def test_the_values_file_is_valid_for_the_chart(validator, defaults, values):
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(merged(defaults, values))]
    assert errors == []


@pytest.mark.parametrize("mistake", [
    {"singleuser": {"memory": {"guarantees": "512M"}}},          # misspelt key
    {"singleuser": {"lifecycleHook": {}}},                        # misspelt key
    {"singleuser": {"defaultUrl": 3}},                            # wrong type
    {"singleuser": {"extraFiles": {"x": {"data": {}}}}},          # mountPath missing
    {"memory": {"limit": "1G"}},                                  # top level instead of singleuser
])
def test_a_mistake_is_caught(validator, defaults, values, mistake):
    assert list(validator.iter_errors(merged(merged(defaults, values), mistake)))


def test_each_kernel_gets_the_user_name_as_student_id(values):
    # KubeSpawner 7 (the chart's) formats environment values with the user's fields; unescaped_username is
    # the JupyterHub user name as typed at login (kubespawner/spawner.py, _expand_user_properties).
    assert values["singleuser"]["extraEnv"]["AWSBOOK_STUDENT_ID"] == "{unescaped_username}"


def test_the_pull_at_start_and_the_start_link_use_one_repository(values):
    command = values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller" and len(command) == 4
    _, repo, branch, folder = command
    link = urlsplit(values["singleuser"]["defaultUrl"])
    query = {k: v[0] for k, v in parse_qs(link.query).items()}
    assert link.path == "/git-pull"
    assert query == {"repo": repo, "branch": branch, "targetpath": folder, "urlpath": f"lab/tree/{folder}"}


def test_resources_as_kubespawner_reads_them(values):
    memory, cpu = values["singleuser"]["memory"], values["singleuser"]["cpu"]
    read = ByteSpecification().validate
    # "512M" is 512 * 2**20 bytes for JupyterHub (M = 1024 * 1024).
    assert read(None, memory["guarantee"]) == 512 * 1024 * 1024
    assert read(None, memory["guarantee"]) < read(None, memory["limit"])
    assert 0 < cpu["guarantee"] < cpu["limit"]


def test_idle_kernels_are_culled(values):
    config = values["singleuser"]["extraFiles"]["kernel-culling"]
    assert config["mountPath"].endswith("jupyter_server_config.json")
    assert config["data"]["MappingKernelManager"]["cull_idle_timeout"] > 0


GUIDE = ROOT / "appendix" / "class_hub.md"
_NODE_ROW = re.compile(r"^\| (\d+) GiB \| ([\d,]+) MiB \| ([\d,]+) ÷ (\d+) = ([\d.]+) \| (\d+)명 \| (\d+)대 \|$", re.M)


def test_the_guides_sizing_follows_the_values_file(values):
    """The teacher's guide divides each node's memory by the guarantee of the values file, correctly."""
    guide = GUIDE.read_text(encoding="utf-8")
    read = ByteSpecification().validate
    guarantee_mib = read(None, values["singleuser"]["memory"]["guarantee"]) // 2**20
    limit_gib = read(None, values["singleuser"]["memory"]["limit"]) / 2**30
    assert f"{guarantee_mib} MiB를 보장" in guide and f"상한은 {limit_gib:g} GiB" in guide
    rows = _NODE_ROW.findall(guide)
    assert len(rows) >= 3
    for node, usable, numerator, divisor, quotient, per_node, nodes in rows:
        # 90% of the node's memory in MiB, divided by the guarantee; 300 students over that many per node.
        assert int(usable.replace(",", "")) == int(numerator.replace(",", "")) == int(node) * 1024 * 9 // 10
        assert int(divisor) == guarantee_mib
        assert float(quotient) == round(int(usable.replace(",", "")) / guarantee_mib, 1)
        assert int(per_node) == int(usable.replace(",", "")) // guarantee_mib
        assert int(nodes) == math.ceil(300 / int(per_node))
