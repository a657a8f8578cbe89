"""What a long-running process (``briefing serve``, ``mkdocs serve``) keeps between builds, in one object.

After Sphinx's ``BuildEnvironment`` and Pelican's file-stamp cache: the serve worker (serve_worker.py)
and the MkDocs hook make one ``BuildState`` and pass it to ``pipeline.generate``, which hands it to
every stage. A one-off build passes ``state=None``: nothing is kept and nothing is compared.

Nothing kept here is trusted to say what a page depends on; each stage only asks "are these inputs
the same as last time?" (see reuse.py), so what is kept can make a build faster, never different:
the served pages are byte for byte those a fresh ``briefing generate`` writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .notefiles import read_regular
from .reuse import PageMemo

if TYPE_CHECKING:
    import jinja2

    from .corpus import Located
    from .errors import Problem
    from .load import Key, NotesFile
    from .model import Note
    from .pages.page import Page

T = TypeVar("T")
Stamp = tuple[int, ...]  # a file's stat signature (see notefiles.file_state)
# Per page file in docs/, by its path: its stamp when settled (else None), its digest, and the Page it holds.
WrittenPages = dict[str, tuple[Stamp | None, str, "Page | None"]]


@dataclass
class KeptFile:
    """One file under seeds/ (a YAML note, an article.txt, a story) as last read, and what was made from it.

    Replaced by a fresh one, dropping all it holds, when the file's bytes change; dropped when a
    load no longer reads the file (it was deleted, renamed or refused).
    """

    stamp: Stamp  # the file's stat signature when it was read
    settled: bool  # the file had stopped changing when stamped: an equal stamp then means equal bytes
    data: bytes  # the bytes read
    # The parse of those bytes, by (display path, kind): the same object while the bytes are the same.
    parsed: dict[tuple[str, str], NotesFile | Problem] = field(default_factory=dict)
    # The model built from that parse, by model class, with the parse it came from (compared by identity).
    models: dict[type, tuple[NotesFile, Note | list[Problem]]] = field(default_factory=dict)
    # Each note's place in the file (corpus.Located), by its key in the file: the same object while
    # its note and parse are, which keeps comparing pages' contexts cheap (see reuse.py).
    placed: dict[Key, Located] = field(default_factory=dict)


class BuildState:
    """Everything one project's builds keep between runs in a long-running process.

    Fields, each with when it is invalidated:

    - ``files``: per notes file (by path) its stamp, bytes, parse, models and placed notes
      (``KeptFile``); an entry is replaced when the file's bytes change, and dropped by
      ``forget_unread`` when a load did not read the file (a deleted note is forgotten).
    - ``pages``: the render memo (reuse.PageMemo): the last render of every page and render task;
      a page is re-rendered when any input it read differs, and dropped when the site no longer has it.
    - ``written``: per page file in docs/ (by its path) its stat stamp (None until settled), its
      digest and the Page it holds; a stamp that differs makes write.py read the file again, and
      ``forget_written_except`` drops files the last write no longer has.
    - ``described``: per page path, the last page given its metadata (structured_data.py), the
      metadata, and the page that came out; replaced on each run, so pages gone are dropped.
    - ``history``: what the notes' git history gave (history.py, changes.py), by what was asked,
      for the commit ``history_head``; all of it is dropped when HEAD moves (a new commit).
    - ``templates``: the Jinja environment pages are rendered with, made by the first render and
      kept, with its compiled templates, for the life of the state (Jinja itself compiles again a
      template whose file changed).
    - ``swept``: the docs folders already cleared of temporary files a killed run left; kept for the
      life of the state (a run killed later takes the state with it).
    """

    def __init__(self) -> None:
        self.files: dict[Path, KeptFile] = {}
        self.pages = PageMemo()
        self.written: WrittenPages = {}
        self.described: dict[str, tuple[Page, tuple, Page]] = {}
        self.history_head = ""
        self.history: dict[str, Any] = {}
        self.templates: jinja2.Environment | None = None
        self.swept: set[Path] = set()
        self._read: set[Path] = set()  # the files the running load has read

    # ------------------------------------------------------------------ notes files

    def start_reading(self) -> None:
        """A load begins: from now on, a file it does not read is forgotten at ``forget_unread``."""
        self._read = set()

    def read(self, path: Path, limit: int) -> tuple[bytes, bool]:
        """The bytes of the notes file ``path`` (see notefiles.read_regular), and whether they are
        the ones last read: not read again when its stamp is settled and unchanged."""
        self._read.add(path)
        kept = self.files.get(path)
        try:
            raw, stamp, settled = read_regular(path, limit, (kept.stamp, kept.data) if kept and kept.settled else None)
        except BaseException:
            self.files.pop(path, None)  # unreadable now: nothing made from it may be reused
            raise
        if kept is not None and (raw is kept.data or raw == kept.data):
            kept.stamp, kept.settled = stamp, settled
            return raw, True
        self.files[path] = KeptFile(stamp, settled, raw)
        return raw, False

    def forget_unread(self) -> None:
        """Drop every file the load that just ran did not read: notes deleted since the last run."""
        for path in set(self.files) - self._read:
            del self.files[path]

    def parsed(self, path: Path, how: tuple[str, str], parse: Callable[[], NotesFile | Problem]) -> NotesFile | Problem:
        """``parse()`` of the file just read at ``path`` (``how``: its display path and kind), or the
        parse of the same bytes last time."""
        kept = self.files.get(path)
        if kept is None:  # not read through this state
            return parse()
        if how not in kept.parsed:
            kept.parsed[how] = parse()
        return kept.parsed[how]

    def model(self, file: NotesFile, model: type, build: Callable[[], Note | list[Problem]]) -> Note | list[Problem]:
        """``build()`` of ``model`` from ``file``, or last time's while ``file`` is the same parse."""
        kept = self.files.get(file.path)
        if kept is None:
            return build()
        last = kept.models.get(model)
        if last is not None and last[0] is file:
            return last[1]
        result = build()
        kept.models[model] = (file, result)
        return result

    def located(self, note: Any, file: NotesFile, key: Key, place: Callable[[], Located]) -> Located:
        """``place()`` (the note at ``key`` in ``file``), or last time's while its note and file are the same."""
        kept = self.files.get(file.path)
        if kept is None:
            return place()
        last = kept.placed.get(key)
        if last is None or last.note is not note or last.file is not file:
            last = kept.placed[key] = place()
        return last

    # ------------------------------------------------------------------ git history

    def git_history(self, head: str, what: str, read: Callable[[], T]) -> T:
        """``read()``, or what it gave while HEAD was ``head``: the history changes only with a commit.
        Without a HEAD (no git, no commit) it is read every time."""
        if not head:
            return read()
        if head != self.history_head:
            self.history_head, self.history = head, {}
        if what not in self.history:
            self.history[what] = read()
        result: T = self.history[what]
        return result

    # ------------------------------------------------------------------ docs/

    def forget_written_except(self, targets: set[str]) -> None:
        """Drop the page files a write no longer has (their note was removed)."""
        for target in set(self.written) - targets:
            del self.written[target]
