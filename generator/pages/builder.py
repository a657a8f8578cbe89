"""What every page builder shares: the templates, statements as pages show them, the memo of
kept pages (in serve), and how pages order and name what they list."""

from __future__ import annotations

from typing import Any

import jinja2

from ..corpus import Corpus
from ..disputes import UPCOMING, EventMarks, event_marks, ordered_versions, publication_start
from ..link import Citation, Links, sort_key_date
from ..model import When
from ..reuse import PageMemo, Reads, Rendered
from ..wording import wordings
from .contexts import DatedEntry, Reported, StatementItem, Version
from .links import LOOKUPS, PageLinks
from .overview_contexts import EventSummary
from .page import Page
from .paging import LISTING_THRESHOLD
from .shown_dates import format_date
from .templating import page_environment

__all__ = ["UPCOMING", "PageBuilder"]


class PageBuilder:
    """Builds pages from templates and contexts; the page families (entity_pages, overview_pages,
    section_indexes) add a ``render_*`` method per kind of page."""

    def __init__(
        self,
        corpus: Corpus,
        links: Links,
        listing_threshold: int = LISTING_THRESHOLD,
        reads: Reads | None = None,
        memo: PageMemo | None = None,
        env: jinja2.Environment | None = None,
    ):
        if listing_threshold < 1:
            raise ValueError("listing_threshold must be at least 1")
        self.corpus, self.links, self.listing_threshold = corpus, links, listing_threshold
        # ``env``: one made by an earlier builder, kept with its compiled templates (see build_state.py).
        self.env = env if env is not None else page_environment()
        self._items: dict[str, StatementItem] = {}
        self._citations: dict[
            str, tuple[StatementItem, str, tuple]
        ] = {}  # each item's citation text, made once (see PageLinks._statement_text)
        # With kept pages: the lookups of the running task (see reuse.py), and those each item made.
        self._reads = reads
        self._item_reads: dict[str, dict] = {}
        self._memo = memo  # the pages kept from the last run, in serve (see render_all.py)

    def item(self, statement_id: str) -> StatementItem:
        """A statement as pages show it, made once per render and shared by every page showing it."""
        if statement_id in self._items:
            if self._reads is not None and self._reads.log is not None:
                self._reads.log.update(self._item_reads[statement_id])  # this task depends on it too
            return self._items[statement_id]
        outer = self._reads.log if self._reads is not None else None
        if self._reads is not None:
            self._reads.log = {}
        try:
            reports = (statement_id, *self.links.variants.get(statement_id, ()))
            versions, disputed = wordings(
                [(self.corpus.statements[sid].note, self.links.own_citations(sid)) for sid in reports]
            )
            dates = self._versions(reports, lambda n: format_date(n.date) if n.date else "")
            speakers = tuple(
                Version(*v) for v in ordered_versions(self.corpus, self._versions(reports, lambda n: n.speaker))
            )
            self._items[statement_id] = StatementItem(
                statement_id,
                self.corpus.statements[statement_id].note,
                self.links.statement_date(statement_id),
                self.links.statement_citations(statement_id),
                versions,
                tuple(Version(*v) for v in dates),
                speakers,
                disputed,
                None if (report := self.links.statement_report(statement_id)) is None else Reported(*report),
            )
        finally:
            if self._reads is not None:
                self._item_reads[statement_id], self._reads.log = self._reads.log or {}, outer
                if outer is not None:
                    outer.update(self._item_reads[statement_id])
        return self._items[statement_id]

    def _still_reads(self, key: tuple[str, str], value: Any) -> bool:
        """Whether a link helper looking up ``key`` in these notes would read ``value``.

        Looked up again each time, through ``_lookup``, so the running task logs it too."""
        try:
            return self._lookup(*key) == value
        except KeyError:
            return False  # the note is gone

    def _versions(self, reports, value) -> tuple:
        """Each distinct version of a statement's detail with its sources; empty when they agree."""
        versions: dict[str, list[Citation]] = {}
        for sid in reports:
            text = value(self.corpus.statements[sid].note)
            if text:
                versions.setdefault(text, []).extend(self.links.own_citations(sid))
        return tuple((k, tuple(v)) for k, v in versions.items()) if len(versions) > 1 else ()

    def _page(
        self, template: str, path: str, title: str, origin: str | None, searchable: bool = True, **context
    ) -> tuple[Page, set[str]]:
        inputs = (template, title, origin, searchable, context)
        if self._memo is not None:
            kept = self._memo.page(path, inputs, self._still_reads)
            if kept is not None:
                return kept.page, set(kept.targets)
        helpers = PageLinks(path, self.corpus, self._lookup, self._citations)
        text = self.env.get_template(template).render(h=helpers, **context)
        page = Page(path, title, text, origin, searchable=searchable)
        if self._memo is not None:
            self._memo.keep(path, Rendered(inputs, helpers.reads, page, frozenset(helpers.targets)))
        return page, helpers.targets

    def _summary(self, event_id: str) -> EventSummary:
        marks = self._marks(event_id)
        return EventSummary(
            event_id,
            marks.date,
            self.corpus.events[event_id].note.status,
            self.links.event_fact(event_id, "outcome"),
            self.links.event_fact(event_id, "condition"),
            marks,
        )

    def _marks(self, event_id: str) -> EventMarks:
        return event_marks(self.corpus, event_id, self.links.newest.get("publication"))

    def _dated_entry(self, when: When | None, kind: str, ident: str) -> DatedEntry:
        """An event (with its marks) or a statement (as pages show it) on a dated list."""
        if kind == "event":
            return DatedEntry(when, kind, ident, event=self._marks(ident))
        return DatedEntry(when, kind, ident, statement=self.item(ident))

    def _source_order(self, source_id: str):
        """By publication date, undated sources after every dated one (and first when reversed)."""
        return (publication_start(self.corpus.sources[source_id].note), source_id)

    def _latest_sources(self, limit: int) -> list[str]:
        """The newest dated sources first, then the undated."""
        dated = [s for s in self.corpus.sources if self.corpus.sources[s].note.published]
        undated = sorted(s for s in self.corpus.sources if not self.corpus.sources[s].note.published)
        return (sorted(dated, key=self._source_order, reverse=True) + undated)[:limit]

    def _holder(self, statement_id: str) -> str:
        note = self.corpus.statements[statement_id].note
        return note.on_behalf_of or note.speaker

    def _lookup(self, kind: str, ident: str) -> Any:
        """``LOOKUPS[kind]`` for ``ident``; with kept pages, logged as that value (see reuse.py)."""
        if self._reads is None:
            return LOOKUPS[kind](self.corpus, ident)
        return self._reads.derived(f"lookup.{kind}", ident, lambda: LOOKUPS[kind](self.corpus, ident))

    def _actor_name(self, actor_id: str) -> str:
        return self._lookup("actor", actor_id).casefold()

    def _issue_name(self, issue_id: str | None) -> str:
        return self._lookup("issue", issue_id).casefold() if issue_id else ""

    def _event_order(self, event_id: str):
        return (sort_key_date(self.links.event_date(event_id)), event_id)
