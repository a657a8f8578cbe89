"""The four section indexes (actors, issues, events, sources), each cut into group pages when
it is too long for one page (see paging.py)."""

from __future__ import annotations

from .. import whos_who
from ..disputes import EventMarks
from ..model import EventStatus
from .builder import UPCOMING, PageBuilder
from .contexts import GroupedContext
from .page import Page
from .paging import (
    LISTING_FOLDERS,
    ListingIndexContext,
    ListingPart,
    ListingPartContext,
    cut,
    letter_key,
    merge_groups,
    month_key,
    with_neighbours,
)


class SectionIndexes(PageBuilder):
    def _letter_groups(self, ids, name) -> list[tuple[str, str, list[str]]]:
        """``[(key, letter, ids)]`` by name, "#" for names without a letter; ``key`` names the
        group's page ("a", "other")."""
        ordered = sorted(ids, key=lambda i: (name(i).casefold(), i))
        return merge_groups((letter_key(name(i)), i) for i in ordered)

    def _month_groups(self, ordered, date) -> list[tuple[str, str, list[str]]]:
        """``[(key, month, ids)]`` in the given order; ``key`` is "2025-12", "2025" or "undated"."""
        return merge_groups((month_key(date(i)), i) for i in ordered)

    def _section_listing(self, section: str, kind: str, title: str, intro: str, template: str,
                         keyed_groups: list[tuple[str, str, list[str]]],
                         marks: dict[str, EventMarks] | None = None, profiles: dict | None = None,
                         **shown) -> list[tuple[Page, set[str]]]:
        """A section's index page, plus one page per group when the section is too long for one page.

        Up to ``listing_threshold`` entries, the index lists every entry under its group's heading
        (``template``). Above it, the index links to a page per group, ``<section>/<folder>/<key>.md``,
        and a group longer than the threshold is cut into parts of at most that many entries.
        """
        index = f"{section}/index.md"
        total = sum(len(ids) for _, _, ids in keyed_groups)
        if total <= self.listing_threshold:
            context = GroupedContext(title, intro, [(label, ids) for _, label, ids in keyed_groups])
            return [self._page(template, index, title, None, c=context, marks=marks or {}, profiles=profiles or {},
                               **shown)]
        parts = [ListingPart(*group) for group in cut(keyed_groups, f"{section}/{LISTING_FOLDERS[section]}", self.listing_threshold)]
        pages = [self._page("listing_index.md.j2", index, title, None,
                            c=ListingIndexContext(title, intro, total, parts))]
        for part, previous, following in with_neighbours(parts):
            part_context = ListingPartContext(
                title=f"{title}: {part.label}", section_title=title, index=index, kind=kind, total=total,
                part=part, previous=previous, next=following)
            pages.append(self._page("listing_part.md.j2", part.path, part_context.title, None, False, c=part_context,
                                    marks={i: marks[i] for i in part.ids} if marks else {},
                                    profiles={i: profiles[i] for i in part.ids} if profiles else {}))
        return pages

    def render_actor_index(self) -> list[tuple[Page, set[str]]]:
        # By side while it fits on one page; a longer Who's who is paged by the sort key's letter.
        total = len(self.corpus.actors)
        groups = (whos_who.groups_by_side(self) if total <= self.listing_threshold
                  else whos_who.groups_by_letter(self, letter_key))
        return self._section_listing("actors", "actor", "Who's who",
                                     "People and organisations in the briefing, by organisation or country, "
                                     "then by surname." if total <= self.listing_threshold else
                                     "People and organisations in the briefing, by surname or name.",
                                     "actor_index.md.j2", groups,
                                     profiles={a: whos_who.profile(self, a) for a in self.corpus.actors})

    def render_issue_index(self) -> list[tuple[Page, set[str]]]:
        return self._section_listing("issues", "issue", "Issues", "What is under discussion, by name.",
                                     "issue_index.md.j2",
                                     self._letter_groups(self.corpus.issues, self._issue_name))

    def render_event_index(self) -> list[tuple[Page, set[str]]]:
        ordered = sorted(self.corpus.events, key=self._event_order)
        # Held events by month, then what is expected, then held events of unknown date: apart.
        held = [e for e in ordered if self.corpus.events[e].note.status is EventStatus.held]
        dated, undated = [e for e in held if self.links.event_date(e)], [e for e in held if not self.links.event_date(e)]
        expected = [e for e in ordered if self.corpus.events[e].note.status in UPCOMING]
        groups = self._month_groups(dated, self.links.event_date)
        groups += [("expected", "Planned, proposed or conditional", expected)] if expected else []
        groups += [("undated", "Held, date unknown", undated)] if undated else []
        return self._section_listing("events", "event", "Events",
                                     "Held events by month; then planned, proposed and conditional ones; then held "
                                     "events whose date is not known.",
                                     "event_index.md.j2", groups,
                                     marks={e: self._marks(e) for e in ordered},
                                     statuses={e: self.corpus.events[e].note.status.value for e in ordered})

    def render_source_index(self) -> list[tuple[Page, set[str]]]:
        ordered = sorted(self.corpus.sources, key=self._source_order)
        return self._section_listing("sources", "source", "Sources",
                                     "Every article the notes are taken from, by month of publication.",
                                     "source_index.md.j2",
                                     self._month_groups(ordered, lambda s: self.corpus.sources[s].note.published),
                                     dates={s: self.corpus.sources[s].note.published for s in ordered})
