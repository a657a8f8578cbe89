"""A generator process that lives as long as ``serve``.

It keeps parsed notes and rendered pages between edits in one BuildState (see
build_state.py and reuse.py), so an edit re-renders only what it changes, and it
keeps that memory and work out of the server's process. It is forked once, before ``mkdocs serve`` starts its
threads: forking a threaded process can deadlock.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading

from .build_state import BuildState
from .lifeline import die_with_parent
from .pipeline import Generated, Project, generate


class GeneratorWorker:
    """``generate(project)`` run by a long-lived child process, errors included."""

    def __init__(self, project: Project):
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        # Not a daemon: stop() ends it, and is registered to run at exit.
        self._process = context.Process(target=_answer, args=(theirs, self._connection, project, os.getpid()),
                                        name="briefing-generator")
        self._process.start()
        theirs.close()
        atexit.register(self.stop)  # runs before multiprocessing joins its children

        self._lock = threading.Lock()  # guards sending, from the build and from the notes watcher
        self._waiting = 0  # requests sent whose answers are not read yet
        self._changed_since_sent = True  # whether the notes changed after the last request was sent

    @staticmethod
    def possible() -> bool:
        return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()

    def _send(self) -> None:  # with the lock held
        self._connection.send("generate")
        self._waiting += 1
        self._changed_since_sent = False

    def notes_changed(self) -> None:
        """Start generating now, while MkDocs waits for the edit to settle and loads its config.

        Called from the notes watcher's thread. If a run is already going, ``generate`` starts
        one more: the going run may have read the notes before this change.
        """
        with self._lock:
            self._changed_since_sent = True
            if self._waiting == 0:
                self._send()

    def generate(self) -> Generated:
        """The answer of a run started after the last change to the notes."""
        with self._lock:
            if self._waiting == 0 or self._changed_since_sent:
                self._send()
            waiting = self._waiting
        for _ in range(waiting):  # only this thread reads answers; the last one is current
            ok, value = self._connection.recv()
            with self._lock:
                self._waiting -= 1
        if ok:
            return value
        raise value

    def stop(self) -> None:
        self._connection.close()  # the worker sees the end of the pipe and returns
        self._process.join(5)


def _answer(connection, parents_end, project: Project, parent: int) -> None:
    die_with_parent(parent)  # a killed server must not leave this process generating on
    parents_end.close()  # else the pipe outlives the parent, and a killed server leaves this process behind
    state = BuildState()  # what this worker keeps from one run to the next
    while True:
        try:
            connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[bool, object] = (True, generate(project, state))
        except Exception as err:  # the caller reports it as it would its own
            reply = (False, err)
        try:
            connection.send(reply)
        except Exception as err:  # an error that does not pickle
            connection.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
