"""Rebuild as soon as the system reports a change to a note (inotify on Linux), while serving.

MkDocs polls what it watches every 0.5 s, and a poll of 10,000 notes takes a while more: an edit
waited up to a second to be seen. Here a native watchdog observer sets the rebuild flag MkDocs' own
watcher sets. That flag is private to MkDocs' dev server: mkdocs_private.py is the one place that
touches it (tests/unit/test_mkdocs_private.py and tests/test_mkdocs_plugin.py fail if the pinned MkDocs
changes it); without it, or without a native observer, MkDocs polls the notes as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from .mkdocs_private import private_mkdocs

log = logging.getLogger("mkdocs.plugins.briefing")

# What changes a note; reading one (opened, closed without writing) does not.
_CHANGES = {"created", "modified", "deleted", "moved", "closed"}
# A change that is complete: a "modified" file is usually still being written, and "closed"
# follows; generating at "modified" would only mean generating twice.
WRITTEN = {"created", "deleted", "moved", "closed"}


def change_events() -> list[type]:
    """The watchdog events that can change a note, for ``Observer.schedule(event_filter=...)``: the
    system then reports only these. Opening and reading are left out: every edit's regeneration, an
    editor or ``git status`` reads thousands of notes, and each read was two events to the server."""
    from watchdog import events

    return [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]


def observe(folder: str, changed: Callable[[Any], None]) -> Any:
    """A started native observer (watchdog's) that calls ``changed(event)`` for each change to a file
    under ``folder``; folders' own events and reads are left out. OSError when the system cannot
    watch it (e.g. its limit on watches is reached)."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: None if event.is_directory else changed(event)  # type: ignore[method-assign]
    observer = Observer()
    observer.daemon = True
    observer.schedule(handler, folder, recursive=True, event_filter=change_events())
    observer.start()
    return observer


def rebuild_trigger(server) -> Callable[[], None] | None:
    """A function that makes MkDocs' dev server rebuild now, as its own watcher does; None when the
    server is not the one this knows (LiveReloadServer of mkdocs 1.6, which is pinned)."""
    return private_mkdocs().rebuild_trigger(server)


class NotesWatcher:
    """Native observers of note folders, stopped together when the server stops."""

    def __init__(self) -> None:
        self._observers: list = []

    def watch(self, server, folder: str, written: Callable[[], None]) -> bool:
        """Rebuild on any change under ``folder``; call ``written`` once a change is complete.
        False when MkDocs should poll the folder itself."""
        trigger = rebuild_trigger(server)
        if trigger is None:
            return False

        def changed(event) -> None:
            if event.event_type not in _CHANGES:
                return
            if event.event_type in WRITTEN:
                written()
            trigger()

        try:
            observer = observe(folder, changed)
        except OSError as err:
            log.warning("briefing: watching %s by polling (%s)", folder, err)
            return False
        self._observers.append(observer)
        return True

    def stop(self) -> None:
        for observer in self._observers:
            observer.stop()
        self._observers.clear()
