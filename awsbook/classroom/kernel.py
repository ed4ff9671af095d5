"""Run a submitted notebook's code cells in a fresh kernel process, with time limits.

Student code runs only in the kernel (a separate process started with
``jupyter_client``), never in the grader's process, and by default inside a
sandbox (:mod:`awsbook.classroom.sandbox`): its own files only, no network,
memory and process limits.  The time limits are kept here, outside the sandbox.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
from dataclasses import dataclass, field
from queue import Empty

from awsbook.classroom.sandbox import UNSANDBOXED, Sandbox

#: Seconds to wait for a fresh kernel to answer.
STARTUP_TIMEOUT = 60
#: Seconds a timed-out cell gets to stop after an interrupt (KeyboardInterrupt) before the kernel is killed.
INTERRUPT_GRACE = 3.0
_POLL = 1.0


@dataclass
class CellRun:
    """How one code cell ran: ``status`` is ``ok``, ``error``, ``timeout`` or ``not-run``."""

    status: str
    detail: str = ""


@dataclass
class NotebookRun:
    """Result of :func:`run_cells`: a :class:`CellRun` per cell index, and why the run stopped early."""

    cells: dict[int, CellRun] = field(default_factory=dict)
    stopped: str = ""


async def _reply(kc, km, msg_id: str, seconds: float):
    """The ``execute_reply`` to ``msg_id``; ``None`` after ``seconds``; ``"dead"`` if the kernel died."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while True:
        left = end - loop.time()
        if left <= 0:
            return None
        try:
            msg = await kc.get_shell_msg(timeout=min(_POLL, left))
        except Empty:
            if not await km.is_alive():
                return "dead"
            continue
        if msg.get("parent_header", {}).get("msg_id") == msg_id:
            return msg


_INTERNAL_FILE = re.compile(r"\((?:[^(),]*[\\/])?[^(),]*(?:\.py|>), line (\d+)\)")


def error_text(ename: str, evalue: str) -> str:
    """``SyntaxError: invalid syntax (2번째 줄)``: the kernel's internal file name (``(336925810.py, line 2)``)
    means nothing to a teacher, the line within the cell does.  An empty ``evalue`` gives just ``MemoryError``."""
    text = _INTERNAL_FILE.sub(lambda m: f"({m.group(1)}번째 줄)", str(evalue)).strip()
    return f"{ename}: {text}" if text else ename


def _death(index: int, jail) -> str:
    """Why the kernel is gone at cell ``index``: what the sandbox stopped, or an abnormal end."""
    why = jail.stopped()
    return f"{index + 1}번 셀에서 {why}." if why else f"{index + 1}번 셀에서 커널이 비정상 종료되었습니다."


def _kill_group(pgid: int | None) -> None:
    """Kill what is left of the kernel's process group (processes the student code started)."""
    if pgid and hasattr(os, "killpg") and pgid != os.getpgrp():
        try:
            os.killpg(pgid, signal.SIGKILL)
        except OSError:
            pass


async def run_cells(
    cells: list[tuple[int, str]],
    *,
    env: dict[str, str],
    cwd: str,
    timeout: float,
    cell_timeout: float,
    sandbox: Sandbox | None = None,
) -> NotebookRun:
    """Run ``cells`` (``(cell index, code)`` pairs) one after another in a new kernel.

    A cell that raises is recorded and the next cells still run.  A cell that
    runs longer than ``cell_timeout`` seconds, or past ``timeout`` seconds for
    the whole notebook (kernel start-up not counted), is interrupted; if it
    does not stop, the kernel is killed and the remaining cells are ``not-run``.
    With a ``sandbox`` the kernel runs inside it (``cwd`` is its private work
    folder) and what the sandbox blocked is said in Korean; ``None`` runs it
    unconfined.
    """
    with (sandbox or UNSANDBOXED).jail(cwd, env) as jail:
        return await _run_in(jail, cells, cwd=cwd, timeout=timeout, cell_timeout=cell_timeout)


async def _run_in(jail, cells: list[tuple[int, str]], *, cwd: str, timeout: float,
                  cell_timeout: float) -> NotebookRun:
    result = NotebookRun()
    km = jail.manager()
    try:
        await km.start_kernel(env=jail.env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except Exception as exc:  # any start-up failure is reported, the batch goes on
        result.stopped = f"커널을 시작하지 못했습니다({type(exc).__name__}: {exc})."
        return result
    jail.watch(km)
    pgid = getattr(km.provisioner, "pgid", None)
    kc = km.client()
    kc.start_channels()
    loop = asyncio.get_running_loop()
    try:
        try:
            await kc.wait_for_ready(timeout=STARTUP_TIMEOUT)
        except RuntimeError as exc:
            result.stopped = f"커널이 응답하지 않습니다({exc})."
            return result
        deadline = loop.time() + timeout
        for position, (index, code) in enumerate(cells):
            left = deadline - loop.time()
            if left <= 0:
                result.stopped = f"노트북 실행 제한 시간({timeout:g}초)을 넘겼습니다."
            if result.stopped:
                for later, _ in cells[position:]:
                    result.cells[later] = CellRun("not-run", result.stopped)
                break
            if not code.strip():
                result.cells[index] = CellRun("ok")
                continue
            limit = min(cell_timeout, left)
            msg_id = kc.execute(code, allow_stdin=False, stop_on_error=False)
            reply = await _reply(kc, km, msg_id, limit)
            if reply is None:
                why = (f"셀 실행 제한 시간({cell_timeout:g}초)을 넘겨 중단했습니다."
                       if limit == cell_timeout
                       else f"노트북 실행 제한 시간({timeout:g}초)을 넘겨 중단했습니다.")
                result.cells[index] = CellRun("timeout", why)
                await km.interrupt_kernel()
                reply = await _reply(kc, km, msg_id, INTERRUPT_GRACE)
                if reply is None:
                    result.stopped = f"{index + 1}번 셀이 중단 요청에도 멈추지 않아 커널을 종료했습니다."
                elif reply == "dead":
                    result.stopped = _death(index, jail)
                elif limit != cell_timeout:
                    result.stopped = why
                continue
            if reply == "dead":
                why = jail.stopped()
                result.cells[index] = CellRun("error", f"{why}." if why else "커널이 비정상 종료되었습니다.")
                result.stopped = _death(index, jail)
                continue
            content = reply.get("content", {})
            if content.get("status") == "ok":
                result.cells[index] = CellRun("ok")
            else:
                ename, evalue = content.get("ename", "오류"), content.get("evalue", "")
                why = jail.explain(ename, evalue)
                detail = error_text(ename, evalue)
                result.cells[index] = CellRun("error", f"{why}: {detail}" if why else detail)
        return result
    finally:
        kc.stop_channels()
        try:
            await km.shutdown_kernel(now=True)
        except Exception:  # the kernel may already be gone; the group is killed below
            pass
        _kill_group(pgid)
