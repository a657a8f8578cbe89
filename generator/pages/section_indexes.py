"""The four section indexes (actors, issues, events, sources), each cut into group pages when
it is too long for one page (see paging.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .. import whos_who
from ..model import EventStatus, When
from .builder import UPCOMING, PageBuilder
from .overview_contexts import SectionContext, SectionEntry
from .page import Page
from .paging import LISTING_FOLDERS, Group, cut, letter_key, merge_groups, month_key, paginate


class SectionIndexes(PageBuilder):
    def _letter_groups(self, ids: Iterable[str], name: Callable[[str], str]) -> list[Group[str]]:
        """Ids by name, "#" for names without a letter; each group's key names its page ("a", "other")."""
        ordered = sorted(ids, key=lambda i: (name(i).casefold(), i))
        return merge_groups((letter_key(name(i)), i) for i in ordered)

    def _month_groups(self, ordered: list[str], date: Callable[[str], When | None]) -> list[Group[str]]:
        """Ids by month, in the given order; each group's key is "2025-12", "2025" or "undated"."""
        return merge_groups((month_key(date(i)), i) for i in ordered)

    def _section_listing(
        self, section: str, title: str, intro: str, groups: list[Group[str]], entry: Callable[[str], SectionEntry]
    ) -> list[tuple[Page, set[str]]]:
        """A section's index page, plus one page per group when the section is too long for one page.

        Up to ``listing_threshold`` entries, the index lists every entry under its group's heading.
        Above it, the index links to a page per group, ``<section>/<folder>/<key>.md``, and a group
        longer than the threshold is cut into parts of at most that many entries.
        """
        index = f"{section}/index.md"
        entries = [Group(g.key, g.heading, [entry(i) for i in g.entries]) for g in groups]
        if sum(len(g.entries) for g in entries) <= self.listing_threshold:
            return [self._page("section_index.md.j2", index, title, None, c=SectionContext(title, intro, entries))]
        whole, parts = paginate(
            title,
            intro,
            "entries",
            index,
            cut(
                entries,
                f"{section}/{LISTING_FOLDERS[section]}",
                self.listing_threshold,
                key=lambda e: e.id,
                name=lambda e: self._lookup(e.kind, e.id),
            ),
            "_section_part_body.md.j2",
        )
        return [
            self._page("group_index.md.j2", index, title, None, c=whole),
            *(self._page("group_part.md.j2", part.part.path, part.title, None, False, c=part) for part in parts),
        ]

    def render_actor_index(self) -> list[tuple[Page, set[str]]]:
        # By side while it fits on one page; a longer Who's who is paged by the sort key's letter.
        one_page = len(self.corpus.actors) <= self.listing_threshold
        groups = whos_who.groups_by_side(self) if one_page else whos_who.groups_by_letter(self, letter_key)
        return self._section_listing(
            "actors",
            "Who's who",
            "People and organisations in the briefing, by organisation or country, then by surname."
            if one_page
            else "People and organisations in the briefing, by surname or name.",
            [Group(*group) for group in groups],
            lambda a: SectionEntry("actor", a, profile=whos_who.profile(self, a)),
        )

    def render_issue_index(self) -> list[tuple[Page, set[str]]]:
        return self._section_listing(
            "issues",
            "Issues",
            "What is under discussion, by name.",
            self._letter_groups(self.corpus.issues, self._issue_name),
            lambda i: SectionEntry("issue", i),
        )

    def render_event_index(self) -> list[tuple[Page, set[str]]]:
        ordered = sorted(self.corpus.events, key=self._event_order)
        # Held events by month, then what is expected, then held events of unknown date: apart.
        held = [e for e in ordered if self.corpus.events[e].note.status is EventStatus.held]
        dated, undated = (
            [e for e in held if self.links.event_date(e)],
            [e for e in held if not self.links.event_date(e)],
        )
        expected = [e for e in ordered if self.corpus.events[e].note.status in UPCOMING]
        groups = self._month_groups(dated, self.links.event_date)
        groups += [Group("expected", "Planned, proposed or conditional", expected)] if expected else []
        groups += [Group("undated", "Held, date unknown", undated)] if undated else []
        return self._section_listing(
            "events",
            "Events",
            "Held events by month; then planned, proposed and conditional ones; then held "
            "events whose date is not known.",
            groups,
            lambda e: SectionEntry("event", e, marks=self._marks(e), status=self.corpus.events[e].note.status),
        )

    def render_source_index(self) -> list[tuple[Page, set[str]]]:
        ordered = sorted(self.corpus.sources, key=self._source_order)
        return self._section_listing(
            "sources",
            "Sources",
            "Every article the notes are taken from, by month of publication.",
            self._month_groups(ordered, lambda s: self.corpus.sources[s].note.published),
            lambda s: SectionEntry("source", s, published=self.corpus.sources[s].note.published),
        )
