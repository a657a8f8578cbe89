"""When each note last changed, from the git history of the notes folder."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .build_state import BuildState


def last_changed(root: Path, folder: str = "seeds", state: BuildState | None = None) -> dict[str, str]:
    """Path (relative to ``root``) -> date (YYYY-MM-DD) of the last commit that touched it.

    One ``git log`` for the whole folder; no git, or no history, gives an empty map. The
    history only changes with a commit: with a ``state`` (serve), git is asked once while HEAD stays.
    """
    if state is None:
        return _log(root, folder)
    return state.git_history(_head(root), f"last_changed {folder}", lambda: _log(root, folder))


def _head(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""


def _log(root: Path, folder: str) -> dict[str, str]:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", folder],
            capture_output=True,
            text=True,
            timeout=60,
        )
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
            path = line[len(prefix) :] if prefix and line.startswith(prefix) else line
            changed.setdefault(path, date)  # newest first: keep the first date seen
    return changed


def _repo_prefix(root: Path) -> str:
    """``root``'s path inside its repository (git log names files from the top)."""
    result = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-prefix"], capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else ""
