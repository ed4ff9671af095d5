"""The hands-on labs (labs/): every command runs against a local AWS emulator and cleans up after
itself, every artifact is valid offline, and the app and the Lambda handler do what the pages say.

* The emulator is moto in server mode, started here with the book's own command
  (``bash scripts/emulator.sh``) on a free 127.0.0.1 port; the labs' commands reach it through
  environment variables only (``AWS_ENDPOINT_URL`` …), with the real ``aws`` CLI of ``.venv-labs``.
* Each lab's ``commands.sh`` runs step by step up to its ``# [cleanup]`` step; the test lists
  every resource kind the labs create (``tests/labtools/inventory.py``), checks the lab's own are
  there, runs the cleanup and checks that nothing at all is left.
* Every ``aws`` command of every script goes through the CLI's parser and botocore's validation
  without being sent (``tests/labtools/cli_check.py``): an option the operation lacks fails.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from awsbook import cost, labs as lab_model
from awsbook.book import artifacts
from conftest import ROOT

LABS = ROOT / "labs"
LABS_PYTHON = ROOT / ".venv-labs" / "bin" / "python"
SCRIPTS = sorted(p for p in LABS.glob("*/*.sh") if p.name != "user-data.sh")
#: Labs whose commands.sh the emulator runs, and the resource kinds each must have created
#: before its cleanup step (names as tests/labtools/inventory.py lists them).
CREATES = {
    "app": {"ecr repositories"},
    "budget": {"budgets"},
    "ec2": {"ec2 instances", "ec2 security groups"},
    "lambda": {"iam roles", "lambda functions"},
    "ecs": {"ecs clusters", "ecs services", "ecs task definitions", "iam roles", "iam instance profiles",
            "ec2 instances", "ec2 security groups"},
    "eks": {"eks clusters", "eks node groups", "iam roles"},
    "fargate": {"ecs clusters", "ecs services", "ecs task definitions", "iam roles", "logs log groups",
                "ec2 security groups"},
}
#: What the budget lab needs from the student (a USD amount and an address), as in account_safety.md.
BUDGET_ENV = {"BUDGET_USD": "7.5", "ALERT_EMAIL": "student@example.com"}


def _need_labs_python():
    if not LABS_PYTHON.exists():
        pytest.fail("실습용 가상 환경이 없습니다: VENV=.venv-labs bash scripts/setup.sh requirements-labs.txt")


# --------------------------------------------------------------------------- the emulator

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def emulator():
    """Environment for the aws CLI pointed at a moto server started by scripts/emulator.sh."""
    _need_labs_python()
    port = _free_port()
    proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "emulator.sh")], env={**os.environ, "PORT": str(port)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            pytest.fail("에뮬레이터가 30초 안에 뜨지 않았습니다.")
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ENDPOINT_URL=url, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                   AWS_DEFAULT_REGION="us-east-1", AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull,
                   AWS_PAGER="", PATH=f"{LABS_PYTHON.parent}:{os.environ['PATH']}")
        yield env
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the emulator this fixture started, and only it
        proc.wait(timeout=30)


def _reset(env: dict) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{env['AWS_ENDPOINT_URL']}/moto-api/reset", method="POST"))


def _inventory(env: dict) -> dict[str, list[str]]:
    out = subprocess.run([str(LABS_PYTHON), str(ROOT / "tests" / "labtools" / "inventory.py")],
                         env=env, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def leftovers(inventory: dict[str, list[str]]) -> dict[str, list[str]]:
    """The resource kinds that still hold something."""
    return {kind: names for kind, names in inventory.items() if names}


def run_lab(script: Path, env: dict, *, drop: str | None = None) -> tuple[dict, dict, str]:
    """Run ``script`` in the emulator: every step, an inventory before the cleanup step, the cleanup step,
    an inventory after.  ``drop`` removes the cleanup lines containing it (a lab that forgets something).
    Returns (inventory before cleanup, inventory after, output)."""
    text = script.read_text(encoding="utf-8")
    head, cleanup = text.split("# [cleanup]", 1)
    if drop:
        cleanup = "\n".join(line for line in cleanup.splitlines() if drop not in line)
    mid = script.parent / ".inventory-before-cleanup.json"
    probe = f'\n"{LABS_PYTHON}" "{ROOT / "tests" / "labtools" / "inventory.py"}" > "{mid}"\n# [cleanup]'
    _reset(env)
    try:
        # bash -c SCRIPT NAME: $0 is the script's own path, so its `cd "$(dirname "$0")"` works.
        proc = subprocess.run(["bash", "-c", head + probe + cleanup, str(script)], env={**env, **BUDGET_ENV},
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{script}: 실패했습니다\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        before = json.loads(mid.read_text(encoding="utf-8"))
    finally:
        mid.unlink(missing_ok=True)
    return before, _inventory(env), proc.stdout


@pytest.mark.parametrize("lab", sorted(CREATES))
def test_each_lab_creates_describes_and_deletes_everything_in_the_emulator(emulator, lab):
    script = LABS / lab / "commands.sh"
    before, after, output = run_lab(script, emulator)
    assert set(leftovers(before)) == CREATES[lab], before
    assert leftovers(after) == {}, f"{lab}: 정리한 뒤에도 남은 자원이 있습니다: {leftovers(after)}"
    # The describe step printed what it found (one line per describe command at least).
    assert output.strip(), output


def test_a_lab_that_forgets_a_resource_fails(emulator):
    # The Fargate lab without the line that deletes its security group leaves that group behind.
    _, after, _ = run_lab(LABS / "fargate" / "commands.sh", emulator, drop="delete-security-group")
    assert leftovers(after) == {"ec2 security groups": ["sugang-fargate"]}


# --------------------------------------------------------------------------- every aws command, offline

def _cli_check(*scripts: Path) -> list[dict]:
    _need_labs_python()
    proc = subprocess.run([str(LABS_PYTHON), str(ROOT / "tests" / "labtools" / "cli_check.py"), *map(str, scripts)],
                          capture_output=True, text=True, timeout=300)
    assert proc.stderr == "" or proc.returncode in (0, 1), proc.stderr[-3000:]
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def checked() -> list[dict]:
    return _cli_check(*SCRIPTS)


def test_every_aws_command_of_every_script_is_valid_for_its_operation(checked):
    errors = [f"{Path(r['file']).relative_to(ROOT)}:{r['line']}: {r['error'][-300:]}" for r in checked if "error" in r]
    assert errors == []


def test_the_checker_saw_every_aws_command(checked):
    # Count the `aws <service>` words of each script independently of the checker's own parsing.
    for script in SCRIPTS:
        code = "\n".join(line for line in script.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))
        expected = len(re.findall(r"(?<![\w-])aws (?=[a-z])", code))
        seen = sum(Path(r["file"]) == script for r in checked)
        assert seen == expected > 0, script


def test_the_labs_use_the_operations_they_describe(checked):
    ops = {(r["service"], r["operation"]) for r in checked}
    assert {("ec2", "RunInstances"), ("ec2", "TerminateInstances"), ("lambda", "CreateFunction"),
            ("lambda", "Invoke"), ("ecs", "RegisterTaskDefinition"), ("ecs", "CreateService"),
            ("ecs", "DeleteService"), ("eks", "CreateCluster"), ("eks", "CreateNodegroup"),
            ("eks", "DeleteCluster"), ("budgets", "CreateBudget"), ("ecr", "CreateRepository")} <= ops


def test_a_cli_option_that_does_not_exist_fails(tmp_path):
    script = tmp_path / "commands.sh"
    script.write_text("aws ec2 run-instances --image-id ami-1 --instance-type t3.micro --instance-typo x\n"
                      "aws lambda delete-function --function-name f --qualifier 1 --force\n"
                      "aws lambda delete-function --function-name f --qualifier 1\n", encoding="utf-8")
    results = _cli_check(script)
    assert "Unknown options: --instance-typo" in results[0]["error"]
    assert "Unknown options: --force" in results[1]["error"]
    assert "error" not in results[2] and results[2]["params"] == {"FunctionName": "f", "Qualifier": "1"}


def test_an_invalid_task_definition_fails(tmp_path):
    good = json.loads((LABS / "fargate" / "task-definition.json").read_text(encoding="utf-8"))
    for name, broken in {"int-cpu.json": {**good, "cpu": 256},
                         "typo.json": {**{k: v for k, v in good.items() if k != "networkMode"}, "networkmode": "awsvpc"},
                         "no-containers.json": {k: v for k, v in good.items() if k != "containerDefinitions"}}.items():
        (tmp_path / name).write_text(json.dumps(broken), encoding="utf-8")
    script = tmp_path / "commands.sh"
    script.write_text("".join(f"aws ecs register-task-definition --cli-input-json file://{n}\n"
                              for n in ("int-cpu.json", "typo.json", "no-containers.json")), encoding="utf-8")
    errors = [r.get("error", "") for r in _cli_check(script)]
    assert "Invalid type for parameter cpu" in errors[0]
    assert 'Unknown parameter in input: "networkmode"' in errors[1]
    assert 'Missing required parameter in input: "containerDefinitions"' in errors[2]


def test_every_script_is_valid_bash():
    for script in SCRIPTS + sorted(LABS.glob("*/user-data.sh")):
        proc = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True)
        assert proc.returncode == 0, (script, proc.stderr)


# --------------------------------------------------------------------------- the task definitions

def _task(lab: str) -> dict:
    return json.loads((LABS / lab / "task-definition.json").read_text(encoding="utf-8"))


def test_the_fargate_task_definition_is_one_fargate_can_run():
    task = _task("fargate")
    assert task["networkMode"] == "awsvpc" and task["requiresCompatibilities"] == ["FARGATE"]
    # Task-level cpu and memory as strings, and a size Fargate offers (data/fargate_task_sizes.csv):
    # "256" CPU units = 0.25 vCPU, "512" MiB = 0.5 GB.
    assert (task["cpu"], task["memory"]) == ("256", "512")
    assert 0.5 in cost.fargate_task_sizes()[0.25]
    assert task["executionRoleArn"].endswith(":role/sugang-ecs-task-execution")
    (web,) = task["containerDefinitions"]
    assert web["portMappings"] == [{"containerPort": 8000, "protocol": "tcp"}]
    assert web["logConfiguration"]["options"]["awslogs-group"] == "/ecs/sugang-web"
    script = (LABS / "fargate" / "commands.sh").read_text(encoding="utf-8")
    assert "--log-group-name /ecs/sugang-web" in script and "--role-name sugang-ecs-task-execution" in script


def test_the_ecs_task_definition_maps_the_app_port_to_the_opened_host_port():
    task = _task("ecs")
    assert task["networkMode"] == "bridge" and task["requiresCompatibilities"] == ["EC2"]
    (web,) = task["containerDefinitions"]
    assert web["portMappings"] == [{"containerPort": 8000, "hostPort": 80, "protocol": "tcp"}]
    assert "--protocol tcp --port 80 \\" in (LABS / "ecs" / "commands.sh").read_text(encoding="utf-8")


def test_every_image_is_the_one_the_app_lab_pushes():
    pushed = "<ACCOUNT_ID>.dkr.ecr.<REGION>.amazonaws.com/sugang-app:1.0"
    images = [c["image"] for lab in ("ecs", "fargate") for c in _task(lab)["containerDefinitions"]]
    images += [c["image"] for c in _manifest("deployment.yaml")["spec"]["template"]["spec"]["containers"]]
    assert images == [pushed] * 3
    push = (LABS / "app" / "push.sh").read_text(encoding="utf-8")
    assert '"$REGISTRY/sugang-app:1.0"' in push and 'REGISTRY="$ACCOUNT_ID.dkr.ecr.$REGION.amazonaws.com"' in push


# --------------------------------------------------------------------------- the Kubernetes manifests

def _manifest(name: str) -> dict:
    (doc,) = yaml.safe_load_all((LABS / "eks" / name).read_text(encoding="utf-8"))
    return doc


@pytest.mark.parametrize("name", ["deployment.yaml", "service.yaml"])
def test_the_manifests_follow_the_kubernetes_schema(name):
    import kubernetes_validate

    kubernetes_validate.validate(_manifest(name), kubernetes_validate.latest_version(), strict=True)


def test_a_broken_manifest_fails_the_schema():
    import kubernetes_validate

    broken = _manifest("deployment.yaml")
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, kubernetes_validate.latest_version(), strict=True)


def test_the_deployment_and_service_fit_together():
    deployment, service = _manifest("deployment.yaml"), _manifest("service.yaml")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    containers = deployment["spec"]["template"]["spec"]["containers"]
    for container in containers:
        assert container["image"]
        # Requests set (the scheduler places pods by them; EKS on Fargate sizes pods from them).
        assert set(container["resources"]["requests"]) == {"cpu", "memory"}
    ports = {p["containerPort"] for c in containers for p in c["ports"]}
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= ports == {8000}


# --------------------------------------------------------------------------- the app, its image and the handler

def test_the_dockerfile_pins_its_base_image_exposes_the_app_port_and_drops_root():
    lines = [line.split(None, 1) for line in (LABS / "app" / "Dockerfile").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    words = {k: v for k, v in lines}
    image, _, tag = words["FROM"].partition(":")
    assert image == "python" and tag and tag != "latest" and "@" not in image
    assert words["EXPOSE"] == "8000"
    assert words["USER"] not in ("root", "0")
    assert [k for k, _ in lines].index("USER") > [k for k, _ in lines].index("RUN")  # root only while installing
    for name in words["COPY"].split()[:-1]:
        assert (LABS / "app" / name).is_file()


@pytest.fixture(scope="module")
def app_url():
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=LABS / "app", stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PORT": str(port), "HOST": "127.0.0.1"})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/health", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _call(url: str, path: str, body: object = None) -> tuple[int, dict]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_web_app_serves_health_courses_and_registration(app_url):
    assert _call(app_url, "/health") == (200, {"status": "ok"})
    status, body = _call(app_url, "/courses")
    assert status == 200
    assert {c["course_id"]: c["seats_left"] for c in body["courses"]} == {"CS101": 40, "CS205": 30, "AWS300": 1}
    status, body = _call(app_url, "/register", {"student_id": "20261234", "course_id": "CS101"})
    assert (status, body["seats_left"]) == (201, 39)  # 40 seats, one taken
    assert _call(app_url, "/register", {"student_id": "20261234", "course_id": "CS101"})[0] == 409  # twice
    assert _call(app_url, "/register", {"student_id": "20260001", "course_id": "AWS300"})[0] == 201
    assert _call(app_url, "/register", {"student_id": "20260002", "course_id": "AWS300"})[1]["seats_left"] == 0
    assert _call(app_url, "/register", {"student_id": "2026", "course_id": "CS101"})[0] == 400
    assert _call(app_url, "/register", {"student_id": "20261234", "course_id": "CS999"})[0] == 404
    assert _call(app_url, "/nowhere")[0] == 404


def test_the_lambda_handler_answers_every_sample_event():
    sys.path[:0] = [str(LABS / "lambda"), str(LABS / "app")]
    try:
        import handler
    finally:
        del sys.path[:2]
    expected = {  # file -> status, in file-name order within one execution environment
        "list_courses.json": 200, "register_bad_student_id.json": 400, "register_ok.json": 201,
        "register_seminar_first.json": 201, "register_seminar_second.json": 409,  # AWS300 has 1 seat
        "register_unknown_course.json": 404}
    got = {}
    for path in sorted((LABS / "lambda" / "events").glob("*.json")):
        response = handler.lambda_handler(json.loads(path.read_text(encoding="utf-8")), None)
        assert response["headers"]["Content-Type"].startswith("application/json")
        json.loads(response["body"])
        got[path.name] = response["statusCode"]
    assert got == expected
    assert handler.lambda_handler({"routeKey": "POST /register", "body": "{"}, None)["statusCode"] == 400


# --------------------------------------------------------------------------- the pages

LAB_PAGES = sorted(LABS.glob("*/lab.ipynb"))


def test_every_lab_page_shows_its_files_as_they_are():
    assert artifacts.problems() == []


@pytest.mark.parametrize("page", LAB_PAGES, ids=lambda p: p.parent.name)
def test_every_lab_page_shows_every_step_of_its_commands_and_says_what_the_emulator_cannot(page):
    shown = {(b.path, b.step) for b in artifacts.blocks(page)}
    script = f"labs/{page.parent.name}/commands.sh"
    steps = artifacts.steps((ROOT / script).read_text(encoding="utf-8"))
    assert {(script, s) for s in steps} <= shown
    text = page.read_text(encoding="utf-8")
    assert "에뮬레이터가 보여 주지 않는 것" in text and "정리" in text and "켜 둔 채로 두면" in text


def test_the_cost_lines_come_from_the_artifacts():
    # t3.micro 0.0104 + public IPv4 0.005 = 0.0154 USD/h (data/ec2_prices.csv, data/public_ipv4_prices.csv)
    assert lab_model.hourly_cost("ec2") == pytest.approx(0.0154)
    # EKS 0.10 + t3.small 0.0208 + IPv4 0.005 = 0.1258 USD/h
    assert lab_model.hourly_cost("eks") == pytest.approx(0.1258)
    # Fargate 0.25 × 0.04048 + 0.5 × 0.004445 + IPv4 0.005 = 0.0173425 USD/h
    assert lab_model.hourly_cost("fargate") == pytest.approx(0.0173425)
    assert lab_model.monthly_cost("fargate") == pytest.approx(0.0173425 * 730)
    # 1 M × 0.0000002 + 1 M × 0.1 s × 0.125 GB × 0.0000166667 = 0.2 + 0.20833375
    assert lab_model.lambda_cost_per_million() == pytest.approx(0.40833375)
    assert lab_model.hourly_cost("lambda") == 0
