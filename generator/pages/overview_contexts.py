"""What the home page, the overview pages (timeline, positions, quotes) and the section indexes
are given: one dataclass per template, built by the page builders.

Each field is documented, and used by its template (tests/unit/test_template_contexts.py checks both).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..disputes import EventMarks, Fact
from ..model import EventStatus, Position, When
from ..positions import Held
from ..whos_who import Profile
from .contexts import DatedEntry, StatementItem
from .paging import Group


@dataclass(frozen=True)
class EventSummary:
    """An event in a list: its date, status, outcome or condition, each cited."""

    id: str  # the event's id
    date: When | None  # its shown date
    status: EventStatus  # held, planned, proposed, conditional
    outcome: Fact | None  # what came of it
    condition: Fact | None  # what it depends on
    marks: EventMarks  # its disputed facts, and whether it was overtaken


@dataclass(frozen=True)
class ActorHeld:
    """An actor's latest position on a sticking point."""

    actor: str  # the actor's id
    held: Held  # its latest stated position


@dataclass(frozen=True)
class StickingPoint:
    """An issue on which actors' latest positions differ, as the home page shows it."""

    issue: str  # the issue's id
    stances: list[ActorHeld]  # the first few actors' latest positions
    hidden: int  # how many more stances it has


@dataclass(frozen=True)
class HomeContext:
    """``home.md.j2``: what happened, the sticking points, what comes next.

    Each list holds at most ``limit`` entries; the ``*_total`` fields count them all, so the page
    can say how many it leaves out and link to where they are.
    """

    held: list[EventSummary]  # the latest held events, oldest first
    held_total: int  # every held event
    sticking: list[StickingPoint]  # the issues with the most disagreeing stances
    sticking_total: int  # every issue on which actors differ
    upcoming: list[EventSummary]  # the next planned, proposed or conditional events
    upcoming_total: int  # every one of them
    overtaken: list[EventSummary]  # expected events whose date passed with no report since
    sources: list[str]  # the latest sources
    counts: dict[str, int]  # how many notes of each kind: "sources", "actors", ...


@dataclass(frozen=True)
class TimelineMonth:
    """``_timeline_body.md.j2``: a month of the timeline."""

    heading: str  # "December 2025", "Undated"
    entries: list[DatedEntry]  # oldest first


@dataclass(frozen=True)
class PositionRow:
    """A position on the positions page: who holds it, what it is, the statement that states it."""

    holder: str  # the actor whose view it is (the speaker, or whom the speaker relays)
    position: Position  # the position as noted: issue, stance
    statement: StatementItem  # the statement that states it


@dataclass(frozen=True)
class IssuePositions:
    """``_positions_body.md.j2``: an issue and each position stated on it."""

    issue: str  # the issue's id
    rows: list[PositionRow]  # by holder's name


@dataclass(frozen=True)
class IssueQuotes:
    """A speaker's quotes on one issue (``issue`` None: on no issue)."""

    issue: str | None  # the issue's id
    statements: list[StatementItem]  # the quotes, in the order the speaker's statements are listed


@dataclass(frozen=True)
class SpeakerQuotes:
    """``_quotes_body.md.j2``: a speaker and their quotes, by issue."""

    speaker: str  # the speaker's id
    by_issue: list[IssueQuotes]  # by issue name, quotes on no issue last


OverviewGroup = TimelineMonth | IssuePositions | SpeakerQuotes


@dataclass(frozen=True)
class OverviewContext:
    """``timeline.md.j2``, ``positions.md.j2``, ``quotes.md.j2``: an overview page on one page."""

    title: str  # "Timeline", "Positions", "Quotes"
    intro: str  # what the page shows, and in what order
    groups: Sequence[OverviewGroup]  # what its body template shows, under its headings


@dataclass(frozen=True)
class SectionEntry:
    """An entry of a section's index: what its kind of entry shows beside its link."""

    kind: str  # "actor", "issue", "event" or "source": how it is linked and what it shows
    id: str  # the actor's, issue's, event's or source's id
    marks: EventMarks | None = None  # an event's: its date and which of its facts are disputed
    status: EventStatus | None = None  # an event's: held, planned, proposed, conditional
    published: When | None = None  # a source's publication date
    profile: Profile | None = None  # an actor's roles and side (Who's who)


@dataclass(frozen=True)
class SectionContext:
    """``section_index.md.j2``: a section's index (actors, issues, events, sources) on one page."""

    title: str  # "Who's who", "Issues", "Events", "Sources"
    intro: str  # what the section lists, and in what order
    groups: list[Group[SectionEntry]]  # the entries under their headings (a side, a letter, a month)
