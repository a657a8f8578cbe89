"""Pages kept between renders, so that in ``serve`` an edit re-renders only the pages it changes.

A page's Markdown is a function of its template, its context and the values its link
helpers look up while rendering (names, titles, source labels; ``PageLinks.reads``). When
all of these equal last time's, last time's page is the answer: nothing needs to know
which notes a page depends on, and a page is never stale. Comparing a context costs far
less than rendering it, above all when unchanged notes are the same objects as before
(``load.keep_parsed_notes``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rendered:
    """One page as rendered, with everything its Markdown was made from."""

    inputs: tuple  # template, title, origin, searchable and the context
    reads: dict[tuple[str, str], Any]  # (kind, id) -> the value the page's helpers read
    page: Any  # render.Page, without its backlinks
    targets: frozenset[str]


class PageMemo:
    """The last render of every page, and of every page's backlinks."""

    def __init__(self) -> None:
        self._pages: dict[str, Rendered] = {}
        self._finished: dict[str, tuple[tuple, Any]] = {}
        self.reused: set[str] = set()  # the pages last reused, and last rendered: see ``begin``
        self.rendered: set[str] = set()

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
