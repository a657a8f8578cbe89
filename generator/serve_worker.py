"""A generator process that lives as long as ``serve``.

It keeps parsed notes and rendered pages between edits (see reuse.py), so an
edit re-renders only what it changes, and it keeps that memory and work out of
the server's process. It is forked once, before ``mkdocs serve`` starts its
threads: forking a threaded process can deadlock.
"""

from __future__ import annotations

import atexit
import multiprocessing
import threading

from .pipeline import Generated, Project, generate, keep_between_runs


class GeneratorWorker:
    """``generate(project)`` run by a long-lived child process, errors included."""

    def __init__(self, project: Project):
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe()
        # Not a daemon: daemons may not fork, and the worker forks to render.
        self._process = context.Process(target=_answer, args=(theirs, self._connection, project),
                                        name="briefing-generator")
        self._process.start()
        theirs.close()
        atexit.register(self.stop)  # runs before multiprocessing joins its children

    @staticmethod
    def possible() -> bool:
        return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()

    def generate(self) -> Generated:
        self._connection.send("generate")
        ok, value = self._connection.recv()
        if ok:
            return value
        raise value

    def stop(self) -> None:
        self._connection.close()  # the worker sees the end of the pipe and returns
        self._process.join(5)


def _answer(connection, parents_end, project: Project) -> None:
    parents_end.close()  # else the pipe outlives the parent, and a killed server leaves this process behind
    keep_between_runs()
    while True:
        try:
            connection.recv()
        except (EOFError, OSError):
            return
        try:
            reply = (True, generate(project))
        except Exception as err:  # noqa: BLE001 - the caller reports it as it would its own
            reply = (False, err)
        try:
            connection.send(reply)
        except Exception as err:  # noqa: BLE001 - an error that does not pickle
            connection.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
