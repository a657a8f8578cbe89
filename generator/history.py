"""When each note last changed, from the git history of the notes folder."""

from __future__ import annotations

import subprocess
from pathlib import Path


def last_changed(root: Path, folder: str = "seeds") -> dict[str, str]:
    """Path (relative to ``root``) -> date (YYYY-MM-DD) of the last commit that touched it.

    One ``git log`` for the whole folder; no git, or no history, gives an empty map. The
    history only changes with a commit: while HEAD stays, serve asks git once.
    """
    head = _head(root)
    if head and _known.get((root, folder), ("", {}))[0] == head:
        return _known[(root, folder)][1]
    changed = _log(root, folder)
    if head:
        _known[(root, folder)] = (head, changed)
    return changed


_known: dict[tuple[Path, str], tuple[str, dict[str, str]]] = {}


def _head(root: Path) -> str:
    try:
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                                timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def _log(root: Path, folder: str) -> dict[str, str]:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder],
            capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode != 0:
        return {}
    prefix = _repo_prefix(root)
    changed: dict[str, str] = {}
    date = ""
    for line in result.stdout.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and date:
            path = line[len(prefix):] if prefix and line.startswith(prefix) else line
            changed.setdefault(path, date)  # newest first: keep the first date seen
    return changed


def _repo_prefix(root: Path) -> str:
    """``root``'s path inside its repository (git log names files from the top)."""
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"],
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else ""
