"""While serving, docs/ is watched by the system (inotify), and the generator's own writes start no build.

MkDocs polls docs/ every 0.5 s (a walk of every file in it: 9,000 at 5,600 pages) and rebuilds on
any change. The generator writes docs/ while a build runs (the plugin's ``on_pre_build``, or the
serve worker just before), so each edit of a note was built twice: once for the note, and once
more, with a second regeneration, MkDocs build and Pagefind run, for the pages the first had just
written. Here a change to docs/ starts a build unless it is the generator's own: a file whose bytes
are those the generator's manifest records, a file the generator owned that is gone (it removed
it), its temporary files, its manifest and its journal. Editing, adding or removing a hand-written
page starts a build as before; so does a change this cannot tell apart, which costs one build more,
never a change missed.

Changes are judged once docs/ has been quiet for ``QUIET`` seconds: the generator writes its
manifest after its pages, so judging each event at once would find pages newer than the manifest.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .notes_watch import observe, rebuild_trigger
from .write import JOURNAL, MANIFEST, TEMP_PREFIX, TEMP_SUFFIX, digest, read_manifest

log = logging.getLogger("mkdocs.plugins.briefing")

QUIET = 0.3  # seconds without a change to docs/ before the changes are judged


class DocsWatcher:
    """A native observer of docs/ that asks the dev server to rebuild for changes the generator did not make."""

    def __init__(self, docs: Path):
        # As MkDocs names the folder it watches (abspath, links not resolved), so that it can be unwatched.
        self._docs = Path(os.path.abspath(docs))
        self._lock = threading.Lock()
        self._pending: set[Path] = set()
        self._changed = threading.Event()
        self._manifest: dict[str, str] = {}
        self._owned: set[str] = set()  # every file a manifest seen so far listed
        self._manifest_stamp: tuple[int, int, int] | None = None
        self._observer: Any = None  # watchdog's Observer, imported only when serving

    def watch(self, server) -> bool:
        """Watch docs/ in place of the dev server's own poll. False (the server keeps polling) when the
        server is not the one this knows or the system cannot watch."""
        trigger = rebuild_trigger(server)
        if trigger is None:
            return False
        try:
            observer = observe(str(self._docs), self._heard)
        except OSError as err:
            log.warning("briefing: watching %s by polling (%s)", self._docs, err)
            return False
        self._observer = observer
        self._read_manifest()
        threading.Thread(target=self._judge_when_quiet, args=(trigger,), daemon=True).start()
        try:
            server.unwatch(str(self._docs))
        except KeyError:  # the server was not watching it: nothing to replace
            pass
        return True

    def stop(self) -> None:
        if self._observer is not None:
            self._observer.stop()

    def _heard(self, event) -> None:
        with self._lock:
            self._pending.add(Path(str(event.src_path)))
            if event.event_type == "moved":
                self._pending.add(Path(str(event.dest_path)))
        self._changed.set()

    def _judge_when_quiet(self, trigger: Callable[[], None]) -> None:
        while True:
            self._changed.wait()
            self._changed.clear()
            while self._changed.wait(QUIET):  # wait until docs/ has been quiet for QUIET seconds
                self._changed.clear()
            with self._lock:
                paths, self._pending = self._pending, set()
            try:
                own = all(self.made_by_generator(path) for path in paths)
            except Exception as err:  # this thread must not die: in doubt, build
                log.warning("briefing: could not tell who changed docs/ (%s); rebuilding", err)
                own = False
            if not own:
                trigger()

    def _read_manifest(self) -> dict[str, str]:
        """The manifest now, read again only when its file changed; every file it listed is remembered."""
        try:
            info = (self._docs / MANIFEST).stat()
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
        except OSError:
            stamp = None
        if stamp != self._manifest_stamp or stamp is None:
            self._manifest_stamp, self._manifest = stamp, read_manifest(self._docs)
            self._owned.update(self._manifest)  # its keys
        return self._manifest

    def made_by_generator(self, path: Path) -> bool:
        """Whether the change at ``path`` is the generator's own (see the module's docstring)."""
        name = path.name
        if name in (MANIFEST, JOURNAL) or (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
            return True
        try:
            relative = path.relative_to(self._docs).as_posix()
        except ValueError:
            return False
        manifest = self._read_manifest()
        if relative not in manifest and relative not in self._owned:
            return False  # a hand-written page
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return False  # the generator writes regular files only; a link is someone else's
            data = path.read_bytes()
        except FileNotFoundError:
            return True  # a page the generator owned and removed
        except OSError:
            return False
        return relative in manifest and digest(data) == manifest[relative]
