"""When each note was first written into the briefing and when it last changed, from git.

A file that holds one note (an actor, an issue, an event, a source) has the dates of the first
and the last commit that touched it. A statement shares its ``statements.yml`` with others, so
its dates come from the lines it spans: the history of those files is replayed from one
``git log -p`` (each version rebuilt from the one before, each statement found by parsing it),
and a statement changed when a commit changed one of its lines.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .corpus import Corpus
from .export import _environment
from .history import _head, _repo_prefix
from .link import Links
from .markup import SafeMarkdown, escape_md
from .pages.links import PageLinks
from .pages.page import Page
from .pages.shown_dates import MONTHS

if TYPE_CHECKING:
    from .build_state import BuildState

PAGE = "changes.md"

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# libyaml where installed: composing every version of every statements file in pure Python took
# most of a generation with history (13 s of 33 s profiled at 5,505 pages).
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STATEMENTS_GLOB = "sources/*/statements.yml"
# Oldest first, along the main line: a merged branch's changes count from the day they were merged,
# and each step's diff is against the version before it, so the files can be replayed.
MAIN_LINE = ("--reverse", "--first-parent", "--diff-merges=first-parent")


@dataclass(frozen=True)
class Dates:
    first: str  # YYYY-MM-DD: the commit that first held the note
    last: str  # the last commit that changed it


@dataclass
class NoteHistory:
    files: dict[str, Dates]  # by path relative to the project root
    statements: dict[str, Dates]  # by statement id


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _file_dates(root: Path, folder: str, prefix: str) -> dict[str, Dates]:
    out = _git(root, "log", *MAIN_LINE, "--format=%x00%cs", "--name-only", "--no-renames", "--", folder)
    found: dict[str, Dates] = {}
    date = ""
    for line in (out or "").splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line and date:
            path = line[len(prefix) :] if prefix and line.startswith(prefix) else line
            found[path] = Dates(found[path].first if path in found else date, date)
    return found


def _blocks(lines: list[str]) -> list[tuple[str, int, int]]:
    """(id, first line, last line) of each statement in a statements.yml's text (1-based lines)."""
    try:
        root = yaml.compose("".join(lines), Loader=_COMPOSER)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    found = []
    for key, value in root.value:
        if key.value != "statements" or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            ident = next((v.value for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)), None)
            if ident:
                found.append((ident, item.start_mark.line + 1, max(item.end_mark.line, item.start_mark.line + 1)))
    return found


def _apply(old: list[str], hunks: list[tuple[int, int, list[str]]]) -> list[str]:
    """A file's next version from its last one and a zero-context diff's hunks (old start, count, new lines)."""
    new, cursor = [], 0
    for start, count, added in hunks:
        keep_to = start if count == 0 else start - 1  # "-a,0" inserts after line a
        new += old[cursor:keep_to]
        new += added
        cursor = keep_to + count
    return new + old[cursor:]


def _statement_dates(root: Path, folder: str) -> dict[str, Dates]:
    """Each statement's dates, from replaying the statements files' history (keyed by git's paths)."""
    out = _git(
        root,
        "log",
        *MAIN_LINE,
        "--no-renames",
        "-p",
        "-U0",
        "--no-color",
        "--format=%x00%cs",
        "--",
        f"{folder}/{STATEMENTS_GLOB}",
    )
    versions: dict[str, list[str]] = {}
    dates: dict[str, Dates] = {}
    date = ""
    path: str | None = None  # the file the current diff writes; None before one, or if it deletes it
    hunks: list[tuple[int, int, list[str]]] = []  # (old start, old count, new lines) of the current file
    changed: list[int] = []  # its lines the current commit wrote (new numbering)

    def finish() -> None:
        if path is None:
            return
        text = _apply(versions.get(path, []), hunks)
        versions[path] = text
        touched = [line for line in changed if 0 < line <= len(text) and text[line - 1].strip()]  # not blank lines
        for ident, first, last in _blocks(text):
            if ident not in dates:
                dates[ident] = Dates(date, date)
            elif any(first <= line <= last for line in touched):
                dates[ident] = Dates(dates[ident].first, date)

    lines = (out or "").splitlines(keepends=True)
    n = 0
    while n < len(lines):
        line = lines[n]
        if line.startswith("\0"):
            finish()
            date, path, hunks, changed = line[1:].strip(), None, [], []
        elif line.startswith("diff --git "):
            finish()
            path, hunks, changed = None, [], []
        elif line.startswith("+++ "):
            target = line[4:].rstrip("\n")
            path = None if target == "/dev/null" else target[2:]
        elif line.startswith("--- ") and n + 1 < len(lines) and lines[n + 1].startswith("+++ /dev/null"):
            versions.pop(line[6:].rstrip("\n"), None)
        elif (match := _HUNK.match(line)) and path is not None:
            old_start, old_count = int(match[1]), int(match[2] if match[2] is not None else 1)
            new_start, new_count = int(match[3]), int(match[4] if match[4] is not None else 1)
            added = []
            n += 1
            while n < len(lines) and lines[n][:1] in ("-", "+", "\\"):
                if lines[n].startswith("+"):
                    added.append(lines[n][1:])
                elif lines[n].startswith("\\") and added:
                    added[-1] = added[-1].rstrip("\n")
                n += 1
            hunks.append((old_start, old_count, added))
            changed += list(range(new_start, new_start + new_count)) or [new_start, new_start + 1]
            continue
        n += 1
    finish()
    return dates


def note_history(root: Path, folder: str = "seeds", state: BuildState | None = None) -> NoteHistory:
    """Every note file's and every statement's first and last dates; empty without git history.

    The history changes only with a commit: with a ``state`` (serve), it is read once while HEAD stays."""

    def read() -> NoteHistory:
        return NoteHistory(_file_dates(root, folder, _repo_prefix(root)), _statement_dates(root, folder))

    if state is None:
        return read()
    return state.git_history(_head(root), f"note_history {folder}", read)


# ------------------------------------------------------------------ the page

# The page lists at most this many notes (the newest changes); it does not grow with the history.
CHANGES_LIMIT = 150
KINDS = ("Source", "Event", "Statement", "Issue", "Actor")


@dataclass(frozen=True)
class Change:
    kind: str  # "Statement", "Event", ...
    what: SafeMarkdown  # a link to where it is shown, with its words for a statement
    dates: Dates


@dataclass(frozen=True)
class ChangesContext:
    """``changes.md.j2``: notes by the day they last changed, newest first."""

    days: list[tuple[str, list[Change]]]
    shown: int
    total: int


def _day(value: str) -> str:
    year, month, day = (int(p) for p in value.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def changes_page(corpus: Corpus, history: NoteHistory) -> Page:
    h, links = PageLinks(PAGE, corpus), Links(corpus)
    found: list[Change] = []
    for kind, notes, link in (
        ("Actor", corpus.actors, h.actor),
        ("Issue", corpus.issues, h.issue),
        ("Event", corpus.events, h.event),
        ("Source", corpus.sources, h.source),
    ):
        for ident, note in notes.items():
            if note.file.display in history.files:
                found.append(Change(kind, link(ident), history.files[note.file.display]))
    for sid, statement in corpus.statements.items():
        if sid in history.statements:
            said = statement.note
            words = f"“{said.quote}”" if said.quote else f"paraphrase: {said.paraphrase}"
            citation = links.own_citations(sid)[0]
            what = SafeMarkdown(f"{h.actor(said.speaker)}: {escape_md(words)} {h.cite(citation)}")
            found.append(Change("Statement", what, history.statements[sid]))
    found.sort(key=lambda c: (KINDS.index(c.kind), str(c.what)))
    found.sort(key=lambda c: c.dates.last, reverse=True)  # newest day first; within a day, by kind
    shown = found[:CHANGES_LIMIT]
    days = [(_day(day), list(group)) for day, group in groupby(shown, key=lambda c: c.dates.last)]
    context = ChangesContext(days, len(shown), len(found))
    return Page(PAGE, "What changed", _environment().get_template("changes.md.j2").render(c=context, day=_day))
