"""Problems are values: collected across a whole run, each with a location."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    # "warning": something a contributor should look at that does not stop a build
    # (a date the checker could not check). Everything else is an error.
    severity: str = "error"
    # What kind of problem, for a command that knowingly tolerates one (``UNCITED_SOURCE``: an
    # article waiting for `briefing draft`). Empty for most.
    kind: str = ""

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {'warning: ' if self.is_warning else ''}{self.message}"

    def github_annotation(self) -> str:
        """The workflow command that shows this problem on the pull request's diff.

        A note's file name comes from a stranger's pull request: escaped as GitHub's runner
        escapes a property, a newline, ``,`` or ``::`` in it cannot end the command or start another."""
        col = f",col={self.column}" if self.column else ""
        return (
            f"::{self.severity} file={_escape_property(self.path)},line={self.line}{col}::{_escape_data(self.message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


UNCITED_SOURCE = "uncited-source"


def display_path(path: Path, root: Path | None) -> str:
    """A path as the contributor would type it: relative to the project root."""
    if root is not None:
        # Most paths lie under the root: slicing costs far less than relpath, which shows at 10,000 notes.
        inside, prefix = str(path), str(root).rstrip("/") + "/"
        if inside.startswith(prefix) and "/../" not in inside and os.sep == "/":
            return inside[len(prefix) :]
        try:
            return Path(os.path.relpath(path, root)).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def errors_only(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_warning]


class NotesError(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # crosses process boundaries intact (see cli._generate_apart)
        return NotesError, (self.problems,)
