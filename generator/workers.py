"""Work run in forked worker processes: the pages, rendered over the cores (render_all.py). Forked, so
a worker starts with everything the parent has; only its results are pickled back."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from typing import Any

from .lifeline import die_with_parent


def worker_count(items: int, parallel_from: int) -> int:
    """How many processes to share ``items`` jobs over: one below ``parallel_from`` jobs (forking and
    sending results back would cost more than it saves), else one per core, up to four."""
    # Forking a process that runs other threads (such as `mkdocs serve`) can deadlock: stay in one.
    if items < parallel_from or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    # The cores this process may use (`taskset`, a container's CPU set), as mkdocs_build.py counts them.
    return min(len(os.sched_getaffinity(0)), 4)


def in_workers(function: Callable[[Any], Any], items: list, workers: int, name: str = "briefing-worker") -> list:
    """``[function(item) for item in items]``, over ``workers`` forked processes when more than one.

    Worker k does items k, k + workers, ... A forked worker inherits ``function`` and ``items``
    as they are (nothing is pickled on the way in, nothing is kept in a global); its results come
    back through a pipe. An error a worker raises is raised here."""
    if workers < 2:
        return [function(item) for item in items]
    started: list = []
    try:
        _start(function, items, workers, name, started)
        return _collect(started, len(items), name)
    finally:
        _stop(started)


def _start(function: Callable[[Any], Any], items: list, workers: int, name: str, started: list) -> None:
    context = multiprocessing.get_context("fork")
    for start in range(workers):
        receiving, sending = context.Pipe(duplex=False)
        worker = context.Process(
            target=_run_share,
            args=(function, items[start::workers], sending, os.getpid()),
            name=name,
            daemon=True,
        )
        worker.start()
        sending.close()  # else a worker that dies leaves the pipe open and the read waits forever
        started.append((worker, receiving))


def _collect(started: list, count: int, name: str) -> list:
    results: list = [None] * count
    for start, (worker, receiving) in enumerate(started):
        try:
            ok, share = receiving.recv()
        except EOFError:
            worker.join()
            raise RuntimeError(f"a worker process ({name}) stopped (exit code {worker.exitcode})") from None
        if not ok:
            raise share
        results[start :: len(started)] = share
    return results


def _stop(started: list, wait: bool = True) -> None:
    for worker, receiving in started:
        receiving.close()
        if worker.is_alive() and wait:
            worker.join(5)
        if worker.is_alive():
            worker.terminate()
            worker.join()


def _run_share(function: Callable[[Any], Any], items: list, sending: Any, parent: int) -> None:
    """In a forked worker: ``function`` over its share of the items, sent back (or the error it raised)."""
    die_with_parent(parent)
    try:
        reply: tuple[bool, Any] = (True, [function(item) for item in items])
    except Exception as err:
        reply = (False, err)
    try:
        sending.send(reply)
    except Exception as err:  # an error that does not pickle
        sending.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
    finally:
        sending.close()
