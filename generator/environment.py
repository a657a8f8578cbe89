"""Errors of the machine, not of briefing: a full disk, a read-only or unwritable folder.

They are told as what happened, where, and what to do, never as an internal error.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

from .errors import display_path

_ADVICE = {
    errno.ENOSPC: ("no space left on the device holding {path}", "free some space there, then run the command again"),
    errno.EDQUOT: (
        "the disk quota is used up on the device holding {path}",
        "free some space or raise the quota, then run the command again",
    ),
    errno.EROFS: (
        "{path} is on a read-only file system",
        "remount it read-write (or work in a writable copy of the project), then run the command again",
    ),
    errno.EACCES: (
        "permission denied on {path}",
        "make it writable for this user (chmod/chown), or run briefing as the user who owns it",
    ),
    errno.EPERM: (
        "operation not permitted on {path}",
        "make it writable for this user (chmod/chown, chattr -i), or run briefing as the user who owns it",
    ),
}
KEPT = "Nothing is lost: docs/ and site/ keep their last complete build, and the next run finishes this one."


def explain(err: OSError, root: Path | None = None) -> str | None:
    """What to tell the user about ``err``, or None when it is not the environment's doing."""
    if err.errno not in _ADVICE:
        return None
    what, todo = _ADVICE[err.errno]
    where = err.filename2 or err.filename  # a copy or rename fails at its destination
    path = display_path(Path(where), root) if where else (str(root) if root else "the project")
    return f"{what.format(path=path)} ({err.strerror}): {todo}."


# Python's "OSError: [Errno 28] No space left on device: '/path'" (or "'/from' -> '/to'" for a copy),
# and Rust's "... (os error 28)".
_PYTHON_OSERROR = re.compile(r"\[Errno (\d+)\] ([^:\n]+?)(?:: '([^'\n]*)'(?: -> '([^'\n]*)')?)?\s*$", re.MULTILINE)
_RUST_OSERROR = re.compile(r"([^\n]*?) \(os error (\d+)\)")


def explain_output(output: str, tool: str, default_path: Path, root: Path | None = None) -> str | None:
    """A tool's whole traceback condensed to one explained line, when an environment error ended it."""
    found = [(int(m[1]), m[2], m[4] or m[3] or str(default_path)) for m in _PYTHON_OSERROR.finditer(output)]
    found += [(int(m[2]), m[1].strip(), str(default_path)) for m in _RUST_OSERROR.finditer(output)]
    for number, text, path in reversed(found):
        message = explain(OSError(number, text, path), root)
        if message:
            return f"{tool} stopped: {message}"
    return None
