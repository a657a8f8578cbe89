"""Fault-injection points, for the tests that kill a build at an exact step.

``BRIEFING_TEST_KILL_AT=<point>`` (or ``<point>#<n>`` for its n-th pass) makes
the process SIGKILL itself when it reaches that point, as a power cut or the
OOM killer would. Unset, as it always is in normal use, a point is a single
dictionary lookup. The points: ``docs-replace`` (after each page replaced in
docs/), ``docs-journal`` (journal written, nothing replaced yet),
``site-aside`` (the old site moved aside, the new one not yet in place; only
without RENAME_EXCHANGE) and ``site-swapped`` (new site in place, old not yet
deleted).

``BRIEFING_TEST_RENAME_EXCHANGE=0`` makes the site swap take the way it takes
where the system cannot exchange two folders in one step (see site.py).
"""

from __future__ import annotations

import os
import signal

_passes: dict[str, int] = {}


def kill_point(name: str) -> None:
    wanted = os.environ.get("BRIEFING_TEST_KILL_AT")
    if not wanted:
        return
    point, _, nth = wanted.partition("#")
    if point != name:
        return
    _passes[name] = _passes.get(name, 0) + 1
    if _passes[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)


def fail_point(name: str) -> None:
    """``BRIEFING_TEST_FAIL_AT=<point>`` raises an unexpected error there, as a bug would: the tests
    check that an internal error is reported (with its traceback under ``--debug``), never hidden.
    The point: ``generate`` (before a run of the generator, in whichever process runs it)."""
    if os.environ.get("BRIEFING_TEST_FAIL_AT") == name:
        raise RuntimeError(f"a fault injected at {name!r} (BRIEFING_TEST_FAIL_AT)")
