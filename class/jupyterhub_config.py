"""JupyterHub for trying a class on one machine; started by ``bash scripts/class-hub.sh --port P``.

Not for a real class: every student's server runs as the same operating-system user on this
machine (JupyterHub's "simple" spawner).  For a real class use ``class/z2jh-values.yaml``.

- The hub listens on 127.0.0.1:``CLASS_HUB_PORT`` only.
- Any user name (the student id, 학번) logs in with the one password in ``CLASS_HUB_PASSWORD``
  (JupyterHub's shared-password authenticator).
- Before a student's JupyterLab starts, nbgitpuller (its ``gitpuller`` command) pulls the student
  copies from the git repository ``CLASS_HUB_REPO`` into ``~/awsbook``: a first login clones
  it, a later one merges the teacher's new commits and keeps the student's own edits.  This is
  what the Kubernetes setup does with a ``postStart`` hook.  The server's start page is the
  nbgitpuller link, so opening it again pulls again.
- Every kernel gets the user name as ``AWSBOOK_STUDENT_ID``: the exercises show and check that
  student's numbers.
- Everything the hub writes (database, cookie secret, students' home folders) goes to
  ``CLASS_HUB_STATE``.  Stopping the hub stops every student's server and the proxy.
"""

import asyncio
import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlencode

c = get_config()  # noqa: F821 (JupyterHub's config loader provides get_config)

STATE = Path(os.environ["CLASS_HUB_STATE"]).resolve()
REPO = os.environ["CLASS_HUB_REPO"]
BRANCH = "main"
#: The folder in each student's home that holds the student copies.
FOLDER = "awsbook"
BIN = Path(sys.executable).parent
#: Allowed user names: letters (Korean too), digits, '.', '_' and '-'; a name becomes a folder name.
USER_NAME = r"^\w[\w.-]*$"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nbgitpuller_link() -> str:
    """The single-user path that pulls the student copies again and opens them in JupyterLab."""
    query = urlencode({"repo": REPO, "branch": BRANCH, "targetpath": FOLDER, "urlpath": f"lab/tree/{FOLDER}"})
    return f"/git-pull?{query}"


async def pull_student_copies(spawner) -> None:
    """Clone or update ``~/awsbook`` from the student copies' repository (nbgitpuller's merge rules)."""
    home = Path(spawner.home_dir)
    home.mkdir(parents=True, exist_ok=True)
    proc = await asyncio.create_subprocess_exec(
        str(BIN / "gitpuller"), REPO, BRANCH, str(home / FOLDER), cwd=home,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await proc.communicate()
    if proc.returncode != 0:
        spawner.log.error("gitpuller failed for %s:\n%s", spawner.user.name, output.decode(errors="replace"))
        raise RuntimeError(f"학생용 노트북을 가져오지 못했습니다(gitpuller 종료 코드 {proc.returncode}). "
                           "허브를 실행한 터미널의 로그를 확인하세요.")
    spawner.log.info("Student copies pulled into %s", home / FOLDER)


c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = int(os.environ["CLASS_HUB_PORT"])
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = free_port()
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [os.environ["CLASS_HUB_PROXY"]]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = os.environ["CLASS_HUB_PASSWORD"]
c.Authenticator.allow_all = True
c.Authenticator.username_pattern = USER_NAME

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "users" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = nbgitpuller_link()
c.Spawner.pre_spawn_hook = pull_student_copies
c.Spawner.environment = {"AWSBOOK_STUDENT_ID": lambda spawner: spawner.user.name}
# One machine serves every student: on a busy one a server can take longer than the default 30 s.
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
if os.geteuid() == 0:
    c.Spawner.args = ["--allow-root"]  # the single-user server refuses to run as root otherwise
