"""Grading sandboxes: a submitted notebook's kernel runs where it cannot reach the teacher's machine.

:func:`find` returns the first sandbox that works on this machine — bubblewrap
(``bwrap``), else podman, else docker (a working engine, not just the program) —
or refuses with a Korean message naming what to install.
:func:`awsbook.classroom.grading.grade_submissions` uses it by default, so every
caller (the command line, a class hub) grades in a sandbox unless it passes
``sandbox=False`` (``--no-sandbox``).

What the kernel of one submission sees (:class:`Jail`):

* its private work folder (a copy of the submission, the results file), the
  only writable place besides a private ``/tmp``; both are folders on disk;
* read-only: ``/usr`` (system programs and libraries), the loader cache and
  time zone of ``/etc`` (``passwd``, ``group`` and ``hosts`` are written for the
  sandbox), the Python environment, the ``awsbook`` package, ``data/`` and the
  teacher's exercise files (``AWSBOOK_EXERCISE_FILES``);
* nothing else: no home folder, no repository (chapters with solutions,
  tests), no other submission, no network (a network namespace of its own, so
  not even the teacher's 127.0.0.1), no other process (a process namespace of
  its own), only ``AWSBOOK_*`` and locale variables of the teacher's environment.

Limits (:class:`Limits`): memory (each process's address space; with
bubblewrap a watchdog also stops the sandbox when all its processes together
use more; podman and docker use their memory cgroup), processes and threads
(``RLIMIT_NPROC`` counted for the sandbox's own user, or the container's pids
limit), the largest file it may write (the memory limit), and the grader's time
limits.  When the kernel ends, the sandbox's process namespace ends, and with it
everything the submission started (``start_new_session`` or not).

The grader talks to the kernel over ZeroMQ IPC sockets in a folder bound into
the sandbox at the same path; the kernel is interrupted by a message on its
control channel (the sandbox is a session of its own).
"""

from __future__ import annotations

import asyncio
import errno
import functools
import io
import os
import random
import re
import shutil
import signal
import site
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

import awsbook
from awsbook import datasets, exercises, validate

DEFAULT_MEMORY_MB = 2048
#: Processes and threads together: an idle kernel has about 10 threads.
DEFAULT_PROCESSES = 64
#: Below these a kernel with numpy and pandas cannot start.
MIN_MEMORY_MB, MIN_PROCESSES = 1024, 24
#: Seconds between two looks at the memory of all the sandbox's processes (bubblewrap).
WATCH_INTERVAL = 0.25
#: The users a sandbox becomes when the grader runs as root, one per notebook (the process limit counts per user).
SANDBOX_UIDS = range(1_900_000_000, 2_000_000_000)
CONFINE = Path(__file__).with_name("confine.py")
#: The empty image podman and docker start from: everything the kernel sees is bound in read-only.
IMAGE = "awsbook-sandbox:empty"
_PASSED_ENV = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")
_PROBE_TIMEOUT = 60

INSTALL = ("bubblewrap을 설치하세요(Debian·Ubuntu: sudo apt-get install bubblewrap, "
           "Fedora: sudo dnf install bubblewrap). podman이나 docker가 동작하는 컴퓨터라면 그것을 씁니다. "
           "Windows에서는 WSL의 리눅스 안에서 채점하세요")
NO_SANDBOX_RISK = ("샌드박스 없이 채점합니다(--no-sandbox). 학생 노트북의 코드가 이 컴퓨터에서 채점하는 사용자의 "
                   "권한으로 실행되므로 교사의 파일을 읽거나 지우고, 다른 학생의 제출물과 정답을 읽고, 네트워크에 "
                   "접속하고, 메모리를 모두 쓰고, 채점이 끝난 뒤에도 남는 프로세스를 띄울 수 있습니다. "
                   "믿을 수 있는 제출물에만 쓰세요.")


@dataclass(frozen=True)
class Limits:
    """What one submission may use: ``memory_mb`` (MiB, all its processes together) and ``processes``
    (processes and threads together)."""

    memory_mb: int = DEFAULT_MEMORY_MB
    processes: int = DEFAULT_PROCESSES

    def __post_init__(self):
        validate.number("memory_mb", self.memory_mb, low=MIN_MEMORY_MB, integer=True)
        validate.number("processes", self.processes, low=MIN_PROCESSES, integer=True)

    @property
    def memory_bytes(self) -> int:
        return int(self.memory_mb) * 2**20

    @property
    def memory_text(self) -> str:
        """``"2 GB"`` for 2,048 MiB, ``"1.5 GB"``, ``"1,100 MB"``."""
        gb = self.memory_mb / 1024
        return f"{gb:g} GB" if (gb * 10).is_integer() else f"{int(self.memory_mb):,} MB"


# --------------------------------------------------------------------------- reasons a teacher understands

def memory_reason(limits: Limits) -> str:
    return f"메모리 제한 {limits.memory_text}를 넘어 중단했습니다"


_ERRNO = re.compile(r"\[Errno (-?\d+)\]")
_QUOTED_PATH = re.compile(r": '([^']*)'")
_NETWORK_ERRNOS = {errno.ECONNREFUSED, errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EADDRNOTAVAIL,
                   -2, -3}  # -2, -3: socket.EAI_NONAME, EAI_AGAIN (no name service in the sandbox)


def _inside(path: str, folders: tuple[str, ...]) -> bool:
    path = os.path.normpath(path)
    return any(path == f or path.startswith(f.rstrip("/") + "/") for f in folders)


def explain(ename: str, evalue: str, folder: str, limits: Limits) -> str:
    """The Korean reason for an error the sandbox caused in a cell, or ``""`` for any other error.

    ``ename``/``evalue`` are the kernel's exception name and text; ``folder`` is
    the submission's work folder (writable, like ``/tmp``).
    """
    if ename.endswith("MemoryError"):
        return memory_reason(limits)
    found = _ERRNO.search(evalue)
    code = int(found[1]) if found else None
    if (code == errno.EAGAIN and ename in ("BlockingIOError", "OSError")) or "can't start new thread" in evalue:
        return f"프로세스 수 제한 {limits.processes}개(스레드 포함)를 넘어 새 프로세스를 만들지 못했습니다"
    if code in _NETWORK_ERRNOS or ename == "gaierror":
        return "채점 샌드박스가 네트워크 연결을 막았습니다(127.0.0.1을 포함해 네트워크가 없습니다)"
    if code == errno.EFBIG:
        return f"파일 크기 제한 {limits.memory_text}를 넘어 쓰지 못했습니다"
    quoted = _QUOTED_PATH.search(evalue)
    path = quoted[1] if quoted and os.path.isabs(quoted[1]) else ""
    # Refused outside the folder: also under /tmp, where the sandbox's mount points belong to root.
    if code == errno.EROFS or (code in (errno.EACCES, errno.EPERM) and path and not _inside(path, (folder,))):
        return "채점 샌드박스가 제출 폴더 밖에 쓰기를 막았습니다(제출 폴더와 /tmp에만 쓸 수 있습니다)"
    if code == errno.ENOENT and path and not _inside(path, (folder,)):
        return "제출 폴더 밖의 파일은 채점 샌드박스에서 보이지 않습니다(/tmp도 이 제출만의 빈 폴더입니다)"
    return ""


# --------------------------------------------------------------------------- what the kernel sees

def kernel_env(env: dict[str, str]) -> dict[str, str]:
    """The environment of a sandboxed kernel: ``AWSBOOK_*`` and locale variables of ``env``, nothing else
    of the teacher's (no tokens, no credentials); one thread per numerical library.  ``PYTHONPATH`` names
    the folder of the ``awsbook`` package the grader runs, which :func:`read_only_paths` binds: the kernel
    grades with the same package, even where the environment's editable install points at another
    checkout, which the sandbox does not show."""
    kept = {k: v for k, v in env.items() if k.startswith("AWSBOOK_") or k in _PASSED_ENV}
    return {**kept, "PYTHONPATH": str(Path(awsbook.__file__).parent.parent),
            "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp",
            "TMPDIR": "/tmp", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def read_only_paths(env: dict[str, str]) -> list[str]:
    """Folders and files bound read-only besides ``/usr``: the Python environment, the ``awsbook`` package,
    ``data/`` and the exercise files named in ``env`` (each at its own path; nested ones left out)."""
    wanted = [sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix, *site.getsitepackages(),
              Path(awsbook.__file__).parent, datasets.DATA_DIR,
              *(e.strip() for e in env.get(exercises.EXTRA_FILES_ENV, "").split(os.pathsep) if e.strip())]
    if site.ENABLE_USER_SITE:
        wanted.append(site.getusersitepackages())
    paths = {p for w in wanted if os.path.exists(w)
             for p in (os.path.abspath(w), os.path.realpath(w)) if p != "/"}
    return sorted(p for p in paths
                  if not any(p != q and _inside(p, (q,)) for q in paths | {"/usr"}))


def _system_binds() -> list[str]:
    """bubblewrap arguments for ``/usr``, the top-level links or folders into it, and the loader's files."""
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for name in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime"):
        args += ["--ro-bind-try", name, name]
    return args


class _JailedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel command is the jail's (IPC sockets, confined Python)."""

    jail: Jail

    def format_kernel_cmd(self, extra_arguments=None) -> list[str]:
        return self.jail.sandbox.wrap(self.jail, [sys.executable, "-m", "ipykernel_launcher",
                                                  "-f", self.connection_file])

    def write_connection_file(self, **kwargs) -> None:
        super().write_connection_file(**kwargs)
        if self.jail.chown:
            os.chown(self.connection_file, self.jail.uid, self.jail.uid)


class Jail:
    """The confinement of one notebook run (a context manager): its folders, its user, its kernel
    manager, a memory watchdog, and the reasons for what it blocked.

    ``folder`` is the run's work folder (made by the grader); ``env`` the
    environment the grader would give an unconfined kernel.
    """

    def __init__(self, sandbox: Sandbox, folder: str | os.PathLike, env: dict[str, str]):
        self.sandbox, self.limits = sandbox, sandbox.limits
        self.folder = os.path.abspath(folder)
        self.env = kernel_env(env)
        self.read_only = read_only_paths(env)
        self.name = f"awsbook-grade-{random.getrandbits(48):012x}"
        #: As root, the sandbox becomes a user of its own (see confine.py); its folders are handed to it.
        self.chown = os.geteuid() == 0
        self.uid = random.choice(SANDBOX_UIDS) if self.chown else os.geteuid()
        self.dir = Path()
        self._watch: asyncio.Task | None = None
        self._stopped = ""

    @property
    def tmp(self) -> str:
        return str(self.dir / "tmp")

    @property
    def run(self) -> str:
        return str(self.dir / "run")

    def __enter__(self) -> Jail:
        self.dir = Path(tempfile.mkdtemp(prefix="awsbook-sandbox-"))
        etc = self.dir / "etc"
        for sub in ("tmp", "run", "etc"):
            (self.dir / sub).mkdir()
        (etc / "passwd").write_text(f"root:x:0:0::/root:/usr/sbin/nologin\nstudent:x:{self.uid}:{self.uid}::/tmp:"
                                    "/usr/sbin/nologin\n", encoding="utf-8")
        (etc / "group").write_text(f"root:x:0:\nstudent:x:{self.uid}:\n", encoding="utf-8")
        (etc / "hosts").write_text("127.0.0.1 localhost\n", encoding="utf-8")
        if self.chown:
            os.chmod(self.folder, 0o711)  # bubblewrap enters it as root without capabilities
            for top in (self.folder, self.tmp, self.run):
                os.chown(top, self.uid, self.uid)
                for root, dirs, files in os.walk(top):
                    for name in dirs + files:
                        os.chown(os.path.join(root, name), self.uid, self.uid, follow_symlinks=False)
        return self

    def __exit__(self, *exc) -> None:
        if self._watch:
            self._watch.cancel()
        self.sandbox.cleanup(self)
        shutil.rmtree(self.dir, ignore_errors=True)

    def confine(self, kernel: list[str], *, uid: int, processes: int) -> list[str]:
        """``kernel`` behind confine.py: the limits, then the sandbox's user (``-1``: keep)."""
        return [sys.executable, "-I", "-S", str(CONFINE), str(self.limits.memory_bytes), str(processes),
                str(uid), "--", *kernel]

    def manager(self) -> AsyncKernelManager:
        km = _JailedKernelManager(kernel_name="python3", transport="ipc",
                                  connection_file=f"{self.run}/kernel.json", ip=f"{self.run}/kernel")
        km.jail = self
        km.kernel_spec.interrupt_mode = "message"  # a signal would stop at the sandbox's own session
        return km

    def watch(self, km: AsyncKernelManager) -> None:
        """Stop the whole sandbox when all its processes together use more memory than the limit."""
        if self.sandbox.watches_memory:
            self._watch = asyncio.get_running_loop().create_task(self._watch_memory(km.provisioner))

    async def _watch_memory(self, provisioner) -> None:
        while True:
            await asyncio.sleep(WATCH_INTERVAL)
            if over_memory(provisioner.pid, self.limits.memory_bytes):
                self._stopped = f"{memory_reason(self.limits)}(샌드박스 안 모든 프로세스의 합계)"
                try:
                    os.killpg(provisioner.pgid, signal.SIGKILL)
                except (OSError, TypeError):
                    pass
                return

    def explain(self, ename: str, evalue: str) -> str:
        return explain(ename, evalue, self.folder, self.limits)

    def stopped(self) -> str:
        """Why the sandbox stopped the kernel (``""`` if it did not)."""
        return self._stopped or self.sandbox.stop_reason(self)


def descendants(pid: int) -> list[int]:
    """``pid`` and every process under it, from the kernel's lists of each thread's children
    (``/proc/PID/task/TID/children``): a look costs what the sandbox holds, not the whole process table."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as fh:
                    todo += [int(child) for child in fh.read().split()]
            except OSError:
                continue
    return found


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _resident(pid: int) -> int:
    """Resident bytes of process ``pid`` (``/proc/PID/statm``); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _proportional(pid: int) -> int:
    """Proportional set size of process ``pid`` in bytes (``/proc/PID/smaps_rollup``); 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def over_memory(pid: int, limit: int) -> bool:
    """Whether process ``pid`` and its descendants use more than ``limit`` bytes together.

    Resident sizes are summed first (cheap); only when they pass the limit is
    the proportional set size read, which counts a page shared after ``fork``
    once instead of in every process.
    """
    family = descendants(pid)
    return (sum(map(_resident, family)) > limit
            and sum(map(_proportional, family)) > limit)


# --------------------------------------------------------------------------- the sandboxes

class Sandbox:
    """A way to confine kernels, for a whole batch; :meth:`jail` confines one notebook run."""

    tool = ""
    #: Whether :class:`Jail` watches the memory of all the sandbox's processes (no memory cgroup).
    watches_memory = False

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or Limits()

    def jail(self, folder: str | os.PathLike, env: dict[str, str]) -> Jail:
        return Jail(self, folder, env)

    def describe(self) -> str:
        """One Korean line for the teacher: which sandbox and its limits."""
        return (f"채점 샌드박스: {self.tool}(메모리 {self.limits.memory_text}, 프로세스·스레드 "
                f"{self.limits.processes}개, 네트워크 없음, 제출 폴더 밖 쓰기 금지)")

    def wrap(self, jail: Jail, kernel: list[str]) -> list[str]:
        """The command that starts ``kernel`` inside ``jail``."""
        raise NotImplementedError

    def cleanup(self, jail: Jail) -> None:
        """Remove what outlives the kernel process (a container)."""

    def stop_reason(self, jail: Jail) -> str:
        """Why the engine stopped the kernel (``""``: it did not, or it cannot say)."""
        return ""

    @classmethod
    def missing(cls) -> str:
        """What this machine lacks for this sandbox (Korean), ``""`` when nothing."""
        raise NotImplementedError

    @classmethod
    def problem(cls) -> str:
        """Why this sandbox cannot run here (Korean), or ``""`` when a trial run works (checked once)."""
        return _probe(cls)


@functools.cache
def _probe(kind: type[Sandbox]) -> str:
    found = kind.missing()
    if found:
        return found
    folder = tempfile.mkdtemp(prefix="awsbook-probe-")
    try:
        with kind().jail(folder, dict(os.environ)) as jail:
            # What every kernel needs first: the interpreter, its packages and the book's package.
            proc = subprocess.run(jail.sandbox.wrap(jail, [sys.executable, "-c", "import ipykernel, awsbook"]),
                                  capture_output=True, text=True, timeout=_PROBE_TIMEOUT, cwd=folder, env=jail.env)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"시험 실행이 실패했습니다({type(exc).__name__}: {exc})"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if proc.returncode != 0:
        return f"시험 실행이 실패했습니다: {(proc.stderr or proc.stdout).strip()[-300:]}"
    return ""


class Bubblewrap(Sandbox):
    """bubblewrap: namespaces of its own (mounts, processes, network, IPC, host name), no extra rights."""

    tool = "bubblewrap"
    watches_memory = True

    @classmethod
    def missing(cls) -> str:
        if not shutil.which("bwrap"):
            return "bwrap 명령이 없습니다"
        if not os.path.exists(f"/proc/self/task/{os.getpid()}/children"):
            return "이 리눅스 커널에는 메모리 감시에 쓰는 /proc/PID/task/TID/children이 없습니다"
        return ""

    def wrap(self, jail: Jail, kernel: list[str]) -> list[str]:
        args = [shutil.which("bwrap") or "bwrap", "--die-with-parent", "--new-session", "--unshare-ipc",
                "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox"]
        if jail.chown:  # root: keep only what confine.py needs to become the sandbox's user
            args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:
            args += ["--unshare-user", "--disable-userns"]
        args += _system_binds()
        for name in ("passwd", "group", "hosts"):
            args += ["--ro-bind", str(jail.dir / "etc" / name), f"/etc/{name}"]
        made = {"/", "/tmp"}
        binds = [("--bind", jail.tmp, "/tmp")]  # first: a Python environment may live under the host's /tmp
        binds += [("--ro-bind", p, p) for p in jail.read_only]
        binds += [("--bind", jail.run, jail.run), ("--bind", jail.folder, jail.folder)]
        for kind, source, dest in binds:
            for parent in reversed(Path(dest).parents):  # bubblewrap would make them readable by root only
                if str(parent) not in made:
                    made.add(str(parent))
                    args += ["--perms", "0755", "--dir", str(parent)]
            args += [kind, source, dest]
        args += ["--dev", "/dev", "--proc", "/proc", "--remount-ro", "/", "--remount-ro", "/dev",
                 "--chdir", jail.folder, "--"]
        return args + jail.confine(kernel, uid=jail.uid if jail.chown else -1, processes=self.limits.processes)


class Container(Sandbox):
    """podman or docker: a container from an empty image with everything bound in read-only, no network,
    the memory and pids limits of its cgroup, no capabilities."""

    @classmethod
    def missing(cls) -> str:
        if not shutil.which(cls.tool):
            return f"{cls.tool} 명령이 없습니다"
        try:
            if _engine(cls.tool, "image", "inspect", IMAGE).returncode != 0:
                proc = _engine(cls.tool, "import", "-", IMAGE, input=_empty_tar())
                if proc.returncode != 0:
                    return f"{cls.tool} 엔진이 동작하지 않습니다: {proc.stderr.decode(errors='replace').strip()[-300:]}"
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{cls.tool} 엔진이 응답하지 않습니다({type(exc).__name__})"
        return ""

    def wrap(self, jail: Jail, kernel: list[str]) -> list[str]:
        tool = shutil.which(self.tool) or self.tool
        args = [tool, "run", "--name", jail.name, "--network", "none", "--read-only", "--cap-drop", "ALL",
                "--security-opt", "no-new-privileges", "--init", "--pids-limit", str(self.limits.processes),
                "--memory", f"{self.limits.memory_mb}m", "--memory-swap", f"{self.limits.memory_mb}m",
                "--user", f"{jail.uid}:{jail.uid}", "--log-driver", "none", "--ulimit", "nofile=1024:1024"]
        if self.tool == "podman":  # podman's default process limit may be above what the grader may grant
            args += ["--ulimit", f"nproc={self.limits.processes}:{self.limits.processes}"]
            args += [] if jail.chown else ["--userns", "keep-id"]
        for path in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/usr", "/etc/ld.so.cache",
                     "/etc/localtime", *jail.read_only):
            if os.path.exists(path):
                args += ["-v", f"{os.path.realpath(path)}:{path}:ro"]
        for name in ("passwd", "group", "hosts"):
            args += ["-v", f"{jail.dir / 'etc' / name}:/etc/{name}:ro"]
        args += ["-v", f"{jail.tmp}:/tmp", "-v", f"{jail.run}:{jail.run}", "-v", f"{jail.folder}:{jail.folder}",
                 "-w", jail.folder]
        for key, value in jail.env.items():
            args += ["-e", f"{key}={value}"]
        # The pids cgroup limits processes; RLIMIT_NPROC would count every process of a non-root teacher.
        return args + [IMAGE] + jail.confine(kernel, uid=-1, processes=-1)

    def stop_reason(self, jail: Jail) -> str:
        killed = _engine(self.tool, "inspect", "--format", "{{.State.OOMKilled}}", jail.name).stdout
        return f"{memory_reason(self.limits)}(컨테이너 전체)" if killed.strip() == b"true" else ""

    def cleanup(self, jail: Jail) -> None:
        _engine(self.tool, "rm", "--force", jail.name)


def _engine(tool: str, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([tool, *args], input=input, capture_output=True, timeout=_PROBE_TIMEOUT)


class Podman(Container):
    tool = "podman"


class Docker(Container):
    tool = "docker"


def _empty_tar() -> bytes:
    buffer = io.BytesIO()
    tarfile.open(fileobj=buffer, mode="w").close()
    return buffer.getvalue()


SANDBOXES: tuple[type[Sandbox], ...] = (Bubblewrap, Podman, Docker)


def find(limits: Limits | None = None) -> Sandbox:
    """The first sandbox that works here (bubblewrap, podman, docker) with ``limits``.

    Raises ``ValueError`` with a Korean message naming what to install and what
    each candidate lacked.
    """
    problems = []
    for kind in SANDBOXES:
        problem = kind.problem()
        if not problem:
            return kind(limits)
        problems.append(f"{kind.tool}: {problem}")
    raise ValueError(f"채점 샌드박스를 만들 수 없어 노트북을 채점하지 않았습니다. 제출된 노트북은 학생이 쓴 코드를 "
                     f"실행하므로 교사의 파일·네트워크·메모리에 닿지 못하는 샌드박스 안에서 채점합니다. {INSTALL}. "
                     f"확인한 내용: {'; '.join(problems)}. 샌드박스를 쓸 수 없는 컴퓨터에서는 위험을 이해한 뒤 "
                     "--no-sandbox로 채점할 수 있습니다.")


class Unsandboxed:
    """No sandbox (``--no-sandbox``): the kernel runs with the grader's rights, over TCP on 127.0.0.1."""

    def jail(self, folder: str | os.PathLike, env: dict[str, str]) -> _Open:
        return _Open(env)


class _Open:
    """The :class:`Jail` interface without confinement."""

    def __init__(self, env: dict[str, str]):
        self.env = env

    def __enter__(self) -> _Open:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def manager(self) -> AsyncKernelManager:
        return AsyncKernelManager(kernel_name="python3")

    def watch(self, km: AsyncKernelManager) -> None:
        pass

    def explain(self, ename: str, evalue: str) -> str:
        return ""

    def stopped(self) -> str:
        return ""


UNSANDBOXED = Unsandboxed()
