"""One briefing at a time writes a project's docs/ and site/.

``briefing generate``, ``briefing build`` (generation and the site swap), each
generation of ``briefing serve`` and the MkDocs plugin take an exclusive
``flock`` on ``.briefing.lock`` in the project root. A second build waits for
the first, and says so. The lock is the kernel's: a killed build holds it no
longer, so there is never a stale lock to delete by hand.
"""

from __future__ import annotations

import fcntl
import os
import sys
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".briefing.lock"

# The lock this process holds (inherited by forked workers, which share it): its file
# descriptor and how many nested `project_lock` blocks hold it.
_held: dict[Path, list[int]] = {}


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


@contextmanager
def project_lock(root: Path):
    """Hold the project's lock for the block; wait, with a message, while another process holds it."""
    root = Path(root).resolve()
    if root in _held:  # nested (build around generate), or a forked worker of the holder
        _held[root][1] += 1
        try:
            yield
        finally:
            _held[root][1] -= 1
        return
    try:
        fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:  # a read-only project root: a lock file already there still locks
        fd = os.open(root / LOCK_FILE, os.O_RDONLY | os.O_CLOEXEC)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"briefing: waiting for another briefing build in {root}{_holder(fd)}…", file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass  # the pid is only for the waiting message
        _held[root] = [fd, 1]
        try:
            yield
        finally:
            del _held[root]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
