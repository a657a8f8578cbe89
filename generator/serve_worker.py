"""A generator process that lives as long as ``serve``.

It keeps parsed notes and rendered pages between edits in one BuildState (see
build_state.py and reuse.py), so an edit re-renders only what it changes, and it
keeps that memory and work out of the server's process. It is a one-worker
process pool: a failure in it arrives with the worker's traceback attached
(``__cause__``), and a worker that dies is told, not waited for. It is forked
once, before ``mkdocs serve`` starts its
threads: forking a threaded process can deadlock.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import os
import threading

from .build_state import BuildState
from .faults import fail_point
from .lifeline import die_with_parent
from .pipeline import Generated, Project, generate


class GeneratorWorker:
    """``generate(project)`` run by a long-lived child process, errors included."""

    def __init__(self, project: Project):
        self._project = project
        # The pool forks its one worker at the first request, before it starts its own thread.
        self._pool = concurrent.futures.ProcessPoolExecutor(
            1, mp_context=multiprocessing.get_context("fork"), initializer=_start, initargs=(os.getpid(),)
        )
        atexit.register(self.stop)  # runs before multiprocessing joins its children

        self._lock = threading.Lock()  # guards sending, from the build and from the notes watcher
        self._waiting: list[concurrent.futures.Future] = []  # requests sent whose answers are not read yet
        self._changed_since_sent = True  # whether the notes changed after the last request was sent

    @staticmethod
    def possible() -> bool:
        return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()

    def _send(self) -> None:  # with the lock held
        self._waiting.append(self._pool.submit(_generate, self._project))
        self._changed_since_sent = False

    def notes_changed(self) -> None:
        """Start generating now, while MkDocs waits for the edit to settle and loads its config.

        Called from the notes watcher's thread. If a run is already going, ``generate`` starts
        one more: the going run may have read the notes before this change.
        """
        with self._lock:
            self._changed_since_sent = True
            if not self._waiting:
                self._send()

    def generate(self) -> Generated:
        """The answer of a run started after the last change to the notes."""
        with self._lock:
            if not self._waiting or self._changed_since_sent:
                self._send()
            waiting = list(self._waiting)
        try:
            for future in waiting[:-1]:  # the worker answers in order; the last answer is current
                future.exception()
            return waiting[-1].result()
        finally:
            with self._lock:
                self._waiting = [future for future in self._waiting if future not in waiting]

    def stop(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def _start(parent: int) -> None:
    die_with_parent(parent)  # a killed server must not leave this process generating on
    global _state
    _state = BuildState()


# In the worker process only: what it keeps from one run to the next (set by _start).
_state: BuildState | None = None


def _generate(project: Project) -> Generated:
    fail_point("generate")
    return generate(project, _state)
