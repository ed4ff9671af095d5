"""Drive the local class hub (``scripts/class-hub.sh``) as a teacher and as students, over HTTP.

Shared by ``tests/test_class_hub.py`` and ``benchmarks/bench_class_hub.py``.  A student logs in
through the hub's login form, starts their server, reads files through the Jupyter REST API and
runs a notebook's code cells one by one in a kernel of their own server, over the kernel's
websocket, as JupyterLab's Run All does.  Memory is read from the processes on this machine.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "class-hub.sh"
PASSWORD = "class-hub-test-password"
#: The folder of the student copies in each student's home (class/jupyterhub_config.py FOLDER).
FOLDER = "awsbook"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:``port``."""
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    """Poll ``predicate`` until it returns something true; fail with ``what`` after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(interval)
    raise TimeoutError(f"{what}: {timeout:.0f}초 안에 되지 않았습니다")


class Hub:
    """``scripts/class-hub.sh --port P --state DIR`` running in the background."""

    def __init__(self, state: Path, log: Path, *, copies: Path | None = None, env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.state, self.log = Path(state), Path(log)
        args = ["bash", str(SCRIPT), "--port", str(self.port), "--state", str(self.state)]
        if copies:
            args += ["--copies", str(copies)]
        started = time.monotonic()
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                         env=dict(env or os.environ, CLASS_HUB_PASSWORD=PASSWORD))
        wait_for(self._answers, 180, "허브 시작")
        self.start_seconds = time.monotonic() - started

    def _answers(self) -> bool:
        if self.proc.poll() is not None:
            raise RuntimeError(f"class-hub.sh가 끝나 버렸습니다(종료 코드 {self.proc.returncode}):\n{self.text()}")
        try:
            return requests.get(f"{self.url}/hub/api", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def text(self) -> str:
        """The hub's log so far (its own lines, the proxy's and every student server's)."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def processes(self) -> list[psutil.Process]:
        """The hub and everything it started (proxy, student servers, their kernels)."""
        try:
            hub = psutil.Process(self.proc.pid)
            return [hub] + hub.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def server_of(self, name: str) -> psutil.Process:
        """The single-user server process of student ``name``."""
        for proc in self.processes()[1:]:
            try:
                if "jupyterhub-singleuser" in " ".join(proc.cmdline()) and proc.environ().get("JUPYTERHUB_USER") == name:
                    return proc
            except psutil.NoSuchProcess:
                continue
        raise LookupError(f"{name}의 서버 프로세스가 없습니다")

    def stop(self, timeout: float = 60) -> list[psutil.Process]:
        """Stop the hub as Ctrl-C would; return the processes it had started that are still alive."""
        started = self.processes()
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        _, alive = psutil.wait_procs(started, timeout=10)
        return alive


def rss_mb(processes: list[psutil.Process]) -> float:
    """Resident memory of ``processes`` together, in MB (10^6 bytes)."""
    return sum(p.memory_info().rss for p in processes) / 1e6


@dataclass
class Student:
    """A student's browser session with the hub: cookies and the two xsrf tokens."""

    hub: Hub
    name: str
    session: requests.Session = field(default_factory=requests.Session)
    spawn_seconds: float = 0.0

    @property
    def base(self) -> str:
        return f"{self.hub.url}/user/{quote(self.name)}"

    def login(self, password: str = PASSWORD) -> requests.Response:
        """Fill in the hub's login form (the form's ``_xsrf`` is the cookie for path ``/hub/``)."""
        self.session.get(f"{self.hub.url}/hub/login").raise_for_status()
        return self.session.post(f"{self.hub.url}/hub/login", allow_redirects=False, data={
            "username": self.name, "password": password, "_xsrf": self.session.cookies.get("_xsrf", path="/hub/")})

    def start_server(self, timeout: float = 120) -> None:
        """Ask the hub for this student's server (as the page after login does) and wait until it runs."""
        started = time.monotonic()
        self.session.get(f"{self.hub.url}/hub/spawn/{quote(self.name)}", allow_redirects=False).raise_for_status()
        hub_xsrf = {"X-XSRFToken": self.session.cookies.get("_xsrf", path="/hub/")}

        def ready():
            r = self.session.get(f"{self.hub.url}/hub/api/users/{quote(self.name)}", headers=hub_xsrf)
            r.raise_for_status()
            server = r.json()["servers"].get("")
            return server and server["ready"]

        wait_for(ready, timeout, f"{self.name}의 서버 시작")
        self.spawn_seconds = time.monotonic() - started
        # Opening JupyterLab sets the server's own _xsrf cookie (path /user/<name>/).
        self.session.get(f"{self.base}/lab").raise_for_status()

    def headers(self) -> dict:
        return {"X-XSRFToken": self.session.cookies.get("_xsrf", path=f"/user/{quote(self.name)}/")}

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(f"{self.base}/{path}", headers=self.headers(), **kwargs)

    def post(self, path: str, body: dict) -> requests.Response:
        return self.session.post(f"{self.base}/{path}", headers=self.headers(), json=body)

    def delete(self, path: str) -> requests.Response:
        return self.session.delete(f"{self.base}/{path}", headers=self.headers())

    def listing(self, folder: str = FOLDER) -> list[str]:
        """Names in ``folder`` of the student's server (the Jupyter contents API)."""
        r = self.get(f"api/contents/{folder}")
        r.raise_for_status()
        return sorted(item["name"] for item in r.json()["content"])

    def notebook(self, path: str) -> dict:
        """The notebook at ``path`` as the server stores it."""
        r = self.get(f"api/contents/{path}", params={"content": 1})
        r.raise_for_status()
        return r.json()["content"]

    def kernel(self, notebook_path: str) -> Kernel:
        """A kernel started for ``notebook_path`` as JupyterLab does (a session; its folder is the cwd)."""
        r = self.post("api/sessions", {"path": notebook_path, "type": "notebook", "name": Path(notebook_path).name,
                                       "kernel": {"name": "python3"}})
        r.raise_for_status()
        kernel_id = r.json()["kernel"]["id"]
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies
                           if c.path in ("/", f"/user/{quote(self.name)}/"))
        url = f"ws://127.0.0.1:{self.hub.port}/user/{quote(self.name)}/api/kernels/{kernel_id}/channels"
        ws = websocket.create_connection(url, timeout=120, header=[f"Cookie: {cookie}"] + [
            f"{k}: {v}" for k, v in self.headers().items()])
        return Kernel(kernel_id, ws)


@dataclass
class Reply:
    """What one cell printed: text of stream and display outputs, and the error if there was one."""

    text: str
    error: str | None


@dataclass
class Kernel:
    """One kernel of a student's server, spoken to through its websocket (Jupyter messaging, JSON)."""

    id: str
    ws: websocket.WebSocket
    session: str = field(default_factory=lambda: uuid.uuid4().hex)

    def execute(self, code: str) -> Reply:
        """Run ``code``; wait until the kernel is idle again; collect what it printed."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": self.session,
                       "username": "", "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        texts, error = [], None
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                texts.append(content["text"])
            elif kind in ("display_data", "execute_result"):
                texts.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                error = f"{content['ename']}: {content['evalue']}"
            elif kind == "status" and content["execution_state"] == "idle":
                return Reply("".join(texts), error)

    def run_notebook(self, nb: dict) -> list[Reply]:
        """Run every code cell of ``nb`` in order, as Run All does; stop at the first error."""
        replies = []
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            replies.append(self.execute(source))
            if replies[-1].error:
                break
        return replies

    def close(self) -> None:
        self.ws.close()
