"""Which files under seeds/ the loader may read, and reading them: regular files only, up to a cap.

Notes come from strangers' pull requests. A symbolic link (to ``/etc/passwd``, to the
``.git/config`` that holds a CI token, to another note), a named pipe, a device or a folder
where a file belongs is refused with the reason, before anything is read; a file is opened
without following a link or waiting for a pipe's writer, and checked again once open.
A hidden note is reported, not skipped, and so is anything else out of place.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

ENTITY_FOLDERS = {"actors": "actor", "issues": "issue", "events": "event"}
SOURCE_FILES = {"source.yml", "article.txt", "statements.yml"}
# Written by `briefing draft` for the contributor to review; never read as notes, but it must
# still be a regular file, since `briefing draft --accept` reads it.
DRAFT_FILES = {"statements.draft.yml"}

# A file changed within this long of being read may change again with the same timestamp
# (timestamps tick coarsely): its stat is not trusted, and its bytes are compared (as git does).
_SETTLED_NS = 2_000_000_000
_PUT_FILE = "notes must be regular files inside seeds/ — replace it with the file itself"


class NotRead(Exception):
    """A file that is not read: ``message`` says why, or it is ``size`` bytes, over its cap."""

    def __init__(self, message: str = "", size: int = 0):
        self.message, self.size = message, size
        super().__init__(message or f"{size} bytes")


def not_regular(mode: int, expected: str = "file") -> str | None:
    """Why an entry of type ``mode`` (as lstat gives it) cannot stand where a ``expected``
    ("file" or "folder") belongs, or None when it can."""
    if stat.S_ISLNK(mode):
        return f"is a symbolic link; notes must be regular files inside seeds/ — replace it with the {expected} itself"
    if stat.S_ISDIR(mode):
        return None if expected == "folder" else "is a folder, not a file; " + _PUT_FILE
    if expected == "folder":
        return "is not a folder; make it a folder"
    if stat.S_ISREG(mode):
        return None
    what = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    return f"is {what}, not a file; " + _PUT_FILE


@dataclass
class Survey:
    """The notes files found under seeds/ that may be read."""

    notes: dict[str, list[Path]] = field(default_factory=lambda: {name: [] for name in ENTITY_FOLDERS})
    # Each article folder with its files by name; None for one that is there but refused (and reported).
    sources: list[tuple[Path, dict[str, Path | None]]] = field(default_factory=list)
    stories: list[Path] = field(default_factory=list)  # seeds/stories/<id>.md
    # Ids of notes that are there but refused, by kind: references to them are not reported again.
    refused: dict[str, set[str]] = field(
        default_factory=lambda: {"actor": set(), "issue": set(), "event": set(), "source": set(), "story": set()}
    )


def survey(seeds: Path, show: Callable[[Path], str]) -> tuple[Survey, list[Problem]]:
    """The files under ``seeds`` to read, and a problem for each entry that is out of place."""
    found, problems = Survey(), []

    def refuse(path: Path, message: str) -> None:
        problems.append(Problem(show(path), 1, 1, message))

    def unexpected(path: Path, message: str) -> None:
        problems.append(Problem(show(path), 1, 0, message))

    try:
        refused = not_regular(seeds.lstat().st_mode, "folder")
    except OSError:
        return found, [Problem(show(seeds), 1, 0, "notes folder not found; run from the project root")]
    if refused:
        return found, [Problem(show(seeds), 1, 1, refused)]
    for name, mode in entries(seeds):
        entry, refused = seeds / name, not_regular(mode, "folder" if name != "README.md" else "file")
        if name.startswith("."):
            continue
        if name not in ENTITY_FOLDERS and name not in ("sources", "stories", "README.md"):
            unexpected(
                entry, "unexpected entry in the notes folder; use actors/, issues/, events/, sources/<id>/ or stories/"
            )
        elif refused:
            refuse(entry, refused)
        elif name in ENTITY_FOLDERS:
            found.notes[name] += _note_files(
                entry,
                ".yml",
                f"not a notes file; {name}/ holds <id>.yml files only",
                found.refused[ENTITY_FOLDERS[name]],
                refuse,
                unexpected,
            )
        elif name == "stories":
            found.stories += _note_files(
                entry,
                ".md",
                "not a story; stories/ holds <id>.md files only",
                found.refused["story"],
                refuse,
                unexpected,
            )
        elif name == "sources":
            for folder_name, folder_mode in entries(entry):
                folder, refused = entry / folder_name, not_regular(folder_mode, "folder")
                if folder_name.startswith("."):
                    if stat.S_ISDIR(folder_mode) or hidden_note(folder_name):
                        refuse(folder, hidden_message(folder_name))
                    continue
                if stat.S_ISLNK(folder_mode):
                    refuse(folder, refused or "")
                elif refused:
                    unexpected(folder, "sources/ holds one folder per article: sources/<id>/source.yml")
                else:
                    found.sources.append((folder, _article_files(folder, refuse, unexpected)))
                    continue
                found.refused["source"].add(folder_name)
    return found, problems


def _note_files(folder: Path, suffix: str, misplaced: str, refused_ids: set[str], refuse, unexpected) -> list[Path]:
    """The regular ``<id><suffix>`` files of a notes folder; what else is there is reported, and the
    ids of refused files are added to ``refused_ids`` (references to them are not reported again)."""
    files = []
    for file_name, file_mode in entries(folder):
        path, refused = folder / file_name, not_regular(file_mode)
        if file_name.startswith("."):
            if hidden_note(file_name):
                refuse(path, hidden_message(file_name))
        elif not file_name.endswith(suffix) and not stat.S_ISLNK(file_mode):
            unexpected(path, misplaced)
        elif refused:
            refuse(path, refused)
            refused_ids.add(file_name.removesuffix(suffix))
        else:
            files.append(path)
    return files


def _article_files(folder: Path, refuse, unexpected) -> dict[str, Path | None]:
    files: dict[str, Path | None] = {}
    for name, mode in entries(folder):
        path, refused = folder / name, not_regular(mode)
        if name.startswith("."):
            if hidden_note(name):
                refuse(path, hidden_message(name))
        elif name in DRAFT_FILES and not refused:
            continue
        elif name not in SOURCE_FILES | DRAFT_FILES and not stat.S_ISLNK(mode):
            unexpected(path, "unexpected file; an article folder holds source.yml, article.txt and statements.yml")
        elif refused:
            refuse(path, refused)
            if name in SOURCE_FILES:
                files[name] = None
        else:
            files[name] = path
    return files


def entries(folder: Path) -> list[tuple[str, int]]:
    """The names in ``folder``, sorted, each with its type as lstat gives it (a link is a link)."""
    with os.scandir(folder) as listing:
        return sorted((entry.name, _type(entry)) for entry in listing)


def _type(entry: os.DirEntry) -> int:
    # The directory listing already says what most entries are: no stat call for a plain file.
    if entry.is_file(follow_symlinks=False):
        return stat.S_IFREG
    if entry.is_dir(follow_symlinks=False):
        return stat.S_IFDIR
    return stat.S_IFMT(entry.stat(follow_symlinks=False).st_mode)


def hidden_note(name: str) -> bool:
    """Whether a hidden name looks like a note (``.draft.yml``), which is reported rather than
    skipped. Editors' and systems' own hidden files (``.ada-lund.yml.swp``, Emacs' ``.#ada-lund.yml``
    lock link, ``.DS_Store``) come and go while a contributor works: they are skipped, never read."""
    return name.startswith(".") and not name.startswith(".#") and name.endswith((".yml", ".yaml", ".txt", ".md"))


def hidden_message(name: str) -> str:
    return (
        f"hidden notes are never read; rename it to '{name.lstrip('.')}' to publish it, or keep drafts outside seeds/"
    )


def file_state(path: Path) -> tuple[tuple[int, ...], bool]:
    """A file's stat signature, and whether it may be trusted later to mean "unchanged": only
    when the file had not changed for a while when it was taken (git's racy-clean rule)."""
    return _state(path.stat())


def _state(info: os.stat_result) -> tuple[tuple[int, ...], bool]:
    signature = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
    return signature, time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > _SETTLED_NS


def read_regular(
    path: Path, limit: int, kept: tuple[tuple[int, ...], bytes] | None = None
) -> tuple[bytes, tuple[int, ...], bool]:
    """The bytes of the regular file ``path`` (at most ``limit``), its stat signature, and whether that
    may be trusted later (see ``file_state``). ``kept``: the signature and bytes of the last read, when
    trusted; while the signature is the same, those bytes are returned unread. Raises NotRead."""
    if kept is not None:
        # Not opened while unchanged: opening every note on each edit sent a watcher of seeds/ two
        # events per file (21,628 at 5,600 pages), enough to overflow the system's event queue.
        # lstat does not follow a link, so only a regular file with the same signature is kept.
        try:
            info = os.lstat(path)
        except OSError:
            info = None
        if info is not None and stat.S_ISREG(info.st_mode) and info.st_size <= limit:
            signature, trusted = _state(info)
            if signature == kept[0]:
                return kept[1], signature, trusted
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        if err.errno == errno.ELOOP:  # replaced by a link since its folder was listed
            raise NotRead(not_regular(stat.S_IFLNK) or "") from None
        raise
    try:
        info = os.fstat(fd)
        refused = not_regular(info.st_mode)
        if refused:
            raise NotRead(refused)
        if info.st_size > limit:
            raise NotRead(size=info.st_size)
        signature, trusted = _state(info)
        if kept is not None and kept[0] == signature:
            return kept[1], signature, trusted
        return _read_at_most(fd, limit), signature, trusted
    finally:
        os.close(fd)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:  # a file that grows while it is read stops at the cap, not at the end of memory
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise NotRead(size=size)
