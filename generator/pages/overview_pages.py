"""Overview pages: the home page, the story pages, and the timeline, positions and quotes pages
(each cut into group pages when it is too long, see paging.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import groupby

from ..cited import cited_counts
from ..model import EventStatus, Position
from ..positions import positions_matrix
from ..stories import all_members
from ..story_page import stories_home_context, story_context
from .builder import UPCOMING, PageBuilder
from .contexts import StatementItem
from .overview_contexts import (
    ActorHeld,
    HomeContext,
    IssuePositions,
    IssueQuotes,
    OverviewContext,
    OverviewGroup,
    PositionRow,
    SpeakerQuotes,
    StickingPoint,
    TimelineMonth,
)
from .page import Page
from .paging import OVERVIEW_FOLDERS, Group, T, cut, letter_key, merge_groups, month_key, paginate
from .shown_dates import format_date, month_label

# The home page shows at most this many events, sticking points, stances per sticking point and
# sources, and links to the full listing for the rest: its size does not grow with the corpus.
HOME_LIST_LIMIT = 10


class OverviewPages(PageBuilder):
    def render_home_page(self):
        if self.corpus.stories:  # the stories, each briefly; without any, the whole notes' briefing below
            return self._page("home_stories.md.j2", "index.md", "Briefing", None, c=stories_home_context(self))
        limit = HOME_LIST_LIMIT
        events = sorted(self.corpus.events, key=self._event_order)
        # Issues where different actors' latest positions differ, most positions first (see positions.py).
        sticking = sorted(positions_matrix(self, all_members(self.corpus)).sticking, key=lambda kv: -len(kv[1]))
        held = [e for e in events if self.corpus.events[e].note.status is EventStatus.held]
        expected = [self._marks(e) for e in events if self.corpus.events[e].note.status in UPCOMING]
        upcoming = [m.id for m in expected if not m.overtaken]
        overtaken = [m.id for m in expected if m.overtaken]
        context = HomeContext(
            held=[self._summary(e) for e in held[-limit:]],
            held_total=len(held),
            sticking=[
                StickingPoint(
                    issue,
                    [ActorHeld(actor, cell.latest) for actor, cell in holders[:limit]],
                    max(0, len(holders) - limit),
                )
                for issue, holders in sticking[:limit]
            ],
            sticking_total=len(sticking),
            upcoming=[self._summary(e) for e in upcoming[:limit]],
            upcoming_total=len(upcoming),
            overtaken=[self._summary(e) for e in overtaken[-limit:]],
            sources=self._latest_sources(limit),
            counts=cited_counts(self.corpus),
        )
        return self._page("home.md.j2", "index.md", "Briefing", None, c=context)

    def render_story_page(self, story_id: str):
        story = self.corpus.stories[story_id]
        return self._page(
            "story.md.j2",
            f"stories/{story_id}.md",
            story.note.title,
            story.file.display,
            c=story_context(self, story_id),
        )

    def _overview(
        self,
        name: str,
        title: str,
        intro: str,
        noun: str,
        groups: list[Group[T]],
        show: Callable[[list[T]], Sequence[OverviewGroup]],
        key: Callable[[T], str] = str,
        entry_name: Callable[[T], str] = str,
    ) -> list[tuple[Page, set[str]]]:
        """An overview page (``<name>.md``), plus one page per group when it shows too many entries.

        ``groups`` are the entries in page order; ``key(entry)`` and ``entry_name(entry)`` name a group page
        that starts at the entry (see ``paging.cut``);
        ``show(entries)`` turns entries into what
        ``_<name>_body.md.j2`` shows. Up to ``listing_threshold`` entries the overview shows them
        all, as ``<name>.md.j2``. Above it, the overview links to a page per group,
        ``OVERVIEW_FOLDERS[name]/<key>.md``, cut into parts of at most that many entries, as the
        section indexes are.
        """
        path = f"{name}.md"
        if sum(len(g.entries) for g in groups) <= self.listing_threshold:
            context = OverviewContext(title, intro, show([e for g in groups for e in g.entries]))
            return [self._page(f"{name}.md.j2", path, title, None, c=context)]
        whole, parts = paginate(
            title,
            intro,
            noun,
            path,
            cut(groups, OVERVIEW_FOLDERS[name], self.listing_threshold, key, entry_name),
            f"_{name}_body.md.j2",
            show,
        )
        return [
            self._page("group_index.md.j2", path, title, None, c=whole),
            *(self._page("group_part.md.j2", part.part.path, part.title, None, False, c=part) for part in parts),
        ]

    def render_timeline_page(self) -> list[tuple[Page, set[str]]]:
        entries = [(self.links.event_date(e), "event", e) for e in self.corpus.events]
        # Every statement: on the day it was made, or else on the day it was first reported, marked so.
        entries += [
            (when, "reported" if reported else "statement", s)
            for s in self.corpus.statements
            if not self.corpus.statements[s].note.same_as
            for when, reported in [self.links.statement_placed(s)]
        ]
        entries.sort(key=lambda d: self.links.entry_key(*d))
        return self._overview(
            "timeline",
            "Timeline",
            "Events and statements, oldest first. A statement whose sources do not say "
            "when it was made is placed on the day it was first reported, and marked so.",
            "entries",
            merge_groups((month_key(entry[0]), entry) for entry in entries),
            lambda chunk: [
                TimelineMonth(
                    label,
                    [self._dated_entry(when, kind, ident) for when, kind, ident in month],
                )
                for label, month in groupby(chunk, key=lambda d: month_label(d[0]))
            ],
            key=lambda entry: f"{entry[1]} {entry[2]}",  # (when, kind, id): an event's or a statement's
            entry_name=lambda entry: format_date(entry[0]),
        )

    def render_positions_page(self) -> list[tuple[Page, set[str]]]:
        entries: list[tuple[str, str, Position]] = []  # (issue, statement, position), by issue, then holder
        for issue_id in sorted(self.corpus.issues, key=self._issue_name):
            rows = [
                (s, p)
                for s in self.links.statements_by_issue.get(issue_id, [])
                for p in self.corpus.statements[s].note.positions
                if p.issue == issue_id
            ]
            rows.sort(key=lambda r: (self._actor_name(self._holder(r[0])), r[0]))
            entries += [(issue_id, s, p) for s, p in rows]

        def groups(chunk: list[tuple[str, str, Position]]) -> list[IssuePositions]:
            return [
                IssuePositions(issue_id, [PositionRow(self._holder(s), p, self.item(s)) for _, s, p in rows])
                for issue_id, rows in groupby(chunk, key=lambda e: e[0])
            ]

        return self._overview(
            "positions",
            "Positions",
            "Where each actor stands on each issue, as stated.",
            "positions",
            [
                Group(g.key, f"Issues · {g.heading}", g.entries)
                for g in merge_groups((letter_key(self._lookup("issue", e[0])), e) for e in entries)
            ],
            groups,
            key=lambda entry: f"{entry[0]} {entry[1]}",  # (issue, statement, position)
            entry_name=lambda entry: self._lookup("issue", entry[0]),
        )

    def render_quotes_page(self) -> list[tuple[Page, set[str]]]:
        quoted = [
            s
            for s in self.corpus.statements
            if self.corpus.statements[s].note.quote and not self.corpus.statements[s].note.same_as
        ]
        quoted_set = set(quoted)
        speakers = sorted(
            {self.corpus.statements[s].note.speaker for s in quoted}, key=lambda a: (self._actor_name(a), a)
        )
        # Under its first report's speaker only; a disputed attribution shows the other speakers.
        entries = [
            s
            for speaker in speakers
            for s in self.links.statements_by_speaker[speaker]
            if s in quoted_set and self.corpus.statements[s].note.speaker == speaker
        ]

        def groups(chunk: list[str]) -> list[SpeakerQuotes]:
            result = []
            for speaker, mine in groupby(chunk, key=lambda s: self.corpus.statements[s].note.speaker):
                by_issue: dict[str | None, list[StatementItem]] = defaultdict(list)
                for sid in mine:
                    issues: list[str | None] = [*self.corpus.statements[sid].note.issues] or [None]
                    for issue in issues:
                        by_issue[issue].append(self.item(sid))
                result.append(
                    SpeakerQuotes(
                        speaker,
                        [
                            IssueQuotes(issue, items)
                            for issue, items in sorted(
                                by_issue.items(), key=lambda kv: (kv[0] is None, self._issue_name(kv[0]))
                            )
                        ],
                    )
                )
            return result

        return self._overview(
            "quotes",
            "Quotes",
            "Every direct quotation, by speaker and issue.",
            "quotes",
            [
                Group(g.key, f"Speakers · {g.heading}", g.entries)
                for g in merge_groups(
                    (letter_key(self._lookup("actor", self.corpus.statements[s].note.speaker)), s) for s in entries
                )
            ],
            groups,
            entry_name=lambda s: self._lookup("actor", self.corpus.statements[s].note.speaker),
        )
