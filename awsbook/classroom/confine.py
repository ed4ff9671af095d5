"""The first program inside a grading sandbox: set the limits, leave root, start the kernel.

:mod:`awsbook.classroom.sandbox` runs it by path, with the standard library only
(``python -I -S confine.py MEMORY PROCESSES UID -- KERNEL COMMAND ...``; ``-1`` keeps a value):

* ``MEMORY`` (bytes) becomes the address-space limit of every process (a bigger
  allocation raises ``MemoryError``) and the largest file it may write;
* ``PROCESSES`` the number of processes and threads (``RLIMIT_NPROC``; set here,
  inside the sandbox, so that it counts the sandbox's user only);
* ``UID`` the unprivileged user (and group) to become when the grader runs as
  root, so that the process limit applies at all (Linux exempts root) and no
  capability is left.

``JPY_PARENT_PID`` is dropped: it names the grader's process id outside the
sandbox's process namespace, where the kernel would take its parent for gone.
"""

import os
import resource
import sys


def main(argv: list[str]) -> None:
    memory, processes, uid = (int(a) for a in argv[:3])
    if argv[3:4] != ["--"] or len(argv) < 5:
        raise SystemExit("usage: confine.py MEMORY PROCESSES UID -- COMMAND ...")
    command = argv[4:]
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (memory, memory))
    if processes >= 0:
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))
    if uid >= 0:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)  # from root to another user: every capability is dropped
    env = {k: v for k, v in os.environ.items() if k != "JPY_PARENT_PID"}
    os.execve(command[0], command, env)


if __name__ == "__main__":
    main(sys.argv[1:])
