"""Worker processes die with the process that started them.

A forked worker blocked on its pipe would otherwise outlive a killed
``briefing build`` forever, holding the caller's terminal and the project lock.
On Linux the kernel kills the worker when its parent dies (PR_SET_PDEATHSIG);
elsewhere nothing changes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Call first thing in a forked child (or as a subprocess's ``preexec_fn``), with the pid of the
    parent taken before the fork."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)  # libc's, already loaded
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def children_by_parent() -> dict[int, list[int]]:
    """Every process's children, by its id, from one read of /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # it ended meanwhile
            children.setdefault(ppid, []).append(int(entry))
    return children


def descendants(pid: int) -> list[int]:
    """Every process started, directly or not, by ``pid`` (Linux /proc)."""
    children = children_by_parent()
    found, todo = [], list(children.get(pid, []))
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found
