"""Pages kept between renders, so that in ``serve`` an edit re-renders only the pages it changes.

Two levels, both answering "are this result's inputs the same as last time?" rather than
"which notes does this page depend on?", so a kept page is never stale:

- a render task (one entity page, or an overview with its group pages) reads the notes
  through ``LoggedTable`` views; while every value it looked up is the same, the task is
  not run at all;
- a page whose task did run is still not rendered again when its template, its context and
  the values its link helpers looked up (``PageLinks.reads``) equal last time's.

Comparisons are cheap because unchanged notes stay the same objects between runs
(``BuildState.files``, see build_state.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rendered:
    """One page as rendered, with everything its Markdown was made from."""

    inputs: tuple  # template, title, origin, searchable and the context
    reads: dict[tuple[str, str], Any]  # (kind, id) -> the value the page's helpers read
    page: Any  # pages.page.Page, without its backlinks
    targets: frozenset[str]


class PageMemo:
    """The last render of every page, and of every page's backlinks."""

    def __init__(self) -> None:
        self._pages: dict[str, Rendered] = {}
        self._finished: dict[str, tuple[tuple, Any]] = {}
        self.reused: set[str] = set()  # the pages last reused, and last rendered: see ``begin``
        self.rendered: set[str] = set()
        self.tasks = TaskMemo()

    def run(self, task, reads: Reads, run: Callable[[], list]) -> list:
        """``run()``'s pages for ``task``, or last time's if no lookup it made finds a changed value."""
        kept = self.tasks.result(task)
        if kept is not None:
            self.reused.update(page.path for page, _ in kept)
            return kept
        reads.log = {}
        try:
            result = run()
        finally:
            log, reads.log = reads.log, None
        self.tasks.keep(task, log, result)
        return result

    def begin(self) -> None:
        """Start counting a new render's reused and rendered pages."""
        self.reused, self.rendered = set(), set()

    def page(self, path: str, inputs: tuple, still: Callable[[tuple[str, str], Any], bool]) -> Rendered | None:
        """Last time's page at ``path``, if made from ``inputs`` and every value it read is ``still`` the same."""
        kept = self._pages.get(path)
        if kept is None or kept.inputs != inputs or not all(still(key, value) for key, value in kept.reads.items()):
            return None
        self.reused.add(path)
        return kept

    def keep(self, path: str, rendered: Rendered) -> None:
        self._pages[path] = rendered
        self.rendered.add(path)

    def finished(self, path: str, inputs: tuple, make: Callable[[], Any]) -> Any:
        """A page with its backlinks: last time's if made from the same ``inputs``, else ``make()``."""
        kept = self._finished.get(path)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        page = make()
        self._finished[path] = (inputs, page)
        return page

    def forget_except(self, paths: set[str]) -> None:
        """Drop pages the site no longer has (a note was removed), so memory stays bounded."""
        for store in (self._pages, self._finished):
            for path in set(store) - paths:
                del store[path]

    def paths(self) -> set[str]:
        """Every page something is kept for: its render, its page with backlinks, or a task's result."""
        return set(self._pages) | set(self._finished) | self.tasks.paths()


# ------------------------------------------------------------------ whole render tasks

MISSING = object()  # a key a table did not have
EVERY_KEY = object()  # the key under which a table's whole key order is logged


class Reads:
    """What the running render task has looked up in the notes: (table, key) -> what it found."""

    def __init__(self) -> None:
        self.log: dict[tuple[str, Any], Any] | None = None

    def derived(self, name: str, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, logged as one lookup of its result (``derived("lookup.issue", "x", ...)``
        for an issue's name) instead of the lookups it makes: then a task that shows an issue's
        name does not depend on its summary."""
        outer, self.log = self.log, None
        try:
            value = compute()
        finally:
            self.log = outer
        if outer is not None:
            outer[name, key] = value
        return value


class Derived:
    """A table of values computed from the notes, for checking ``Reads.derived`` lookups."""

    def __init__(self, compute: Callable[[Any], Any]):
        self._compute = compute
        self._computed: dict[Any, Any] = {}  # many tasks check the same names

    def get(self, key, default=None):
        if key not in self._computed:
            try:
                self._computed[key] = self._compute(key)
            except KeyError:
                self._computed[key] = MISSING
        value = self._computed[key]
        return default if value is MISSING else value


class LoggedTable(Mapping):
    """One table of the notes or links (``actors``, ``statements_by_issue``, ...) that logs each
    lookup into ``reads``, so a task's result can be reused while every value it read is the same."""

    __slots__ = ("_name", "_data", "_reads")

    def __init__(self, name: str, data: dict, reads: Reads):
        self._name, self._data, self._reads = name, data, reads

    def _found(self, key) -> Any:
        value = self._data.get(key, MISSING)
        if self._reads.log is not None:
            self._reads.log[self._name, key] = value
        return value

    def __getitem__(self, key):
        value = self._found(key)
        return self._data[key] if value is MISSING else value  # a defaultdict makes its default

    def get(self, key, default=None):
        value = self._found(key)
        return default if value is MISSING else value

    def __contains__(self, key) -> bool:
        return self._found(key) is not MISSING

    def __iter__(self):
        keys = tuple(self._data)
        if self._reads.log is not None:
            self._reads.log[self._name, EVERY_KEY] = keys
        return iter(keys)

    def __len__(self) -> int:
        return len(tuple(iter(self)))


def changes(old: dict[str, Any], new: dict[str, Any], looked_up: dict[str, str]) -> set[tuple[str, Any]]:
    """Every (table, key) whose value differs between two renders' tables, as a task would log it.

    ``looked_up`` names, for each table of ``Reads.derived`` values ("lookup.actor"), the
    table whose entries it is computed from ("actors"): only those entries' keys can change it.
    """
    changed: set[tuple[str, Any]] = set()
    for name, table in new.items():
        if name in looked_up:
            continue
        before = old[name]
        if tuple(before) != tuple(table):
            changed.add((name, EVERY_KEY))
        for key in before.keys() | table.keys():
            was, now = before.get(key, MISSING), table.get(key, MISSING)
            if was is not now and was != now:
                changed.add((name, key))
    for name, source in looked_up.items():
        for key in [key for table, key in changed if table == source and key is not EVERY_KEY]:
            was, now = old[name].get(key, MISSING), new[name].get(key, MISSING)
            if was is not now and was != now:
                changed.add((name, key))
    return changed


class TaskMemo:
    """The last result of every render task (a page, or an overview with its group pages),
    with the lookups it made: a task none of whose lookups finds a changed value is not run again.

    What changed is worked out once per render, by comparing its tables with the last
    render's; a task's lookups are then a set to test against it.
    """

    def __init__(self) -> None:
        self._tasks: dict[Any, tuple[frozenset, Any]] = {}
        self._tables: dict[str, Any] | None = None  # the last finished render's
        self._changed: set[tuple[str, Any]] = set()
        self._pending: dict[str, Any] | None = None  # the running render's

    def begin(self, tables: dict[str, Any], looked_up: dict[str, str]) -> None:
        """Start a render over ``tables``; without a finished render to compare with, keep nothing."""
        if self._tables is None:
            self._tasks.clear()
        else:
            self._changed = changes(self._tables, tables, looked_up)
        self._pending = tables

    def result(self, task) -> Any | None:
        kept = self._tasks.get(task)
        return kept[1] if kept is not None and kept[0].isdisjoint(self._changed) else None

    def keep(self, task, log: dict, result) -> None:
        self._tasks[task] = (frozenset(log), result)

    def paths(self) -> set[str]:
        """The pages of every kept task's result."""
        return {page.path for _, result in self._tasks.values() for page, _ in result}

    def finish(self, tasks: set) -> None:
        """The render went through: compare the next one with it, and forget tasks it no longer has."""
        self._tables, self._changed = self._pending, set()
        for task in set(self._tasks) - tasks:
            del self._tasks[task]

    def abandon(self) -> None:
        """The render failed part way: what it kept cannot be compared with any finished render."""
        self._tables = None
        self._tasks.clear()
