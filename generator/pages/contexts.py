"""What each page template is given: one dataclass per template, built by the page builders.

Python chooses and orders what a page shows; the template decides how it looks. Each field is
documented, and used by its template (tests/unit/test_template_contexts.py checks both).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..actor_statements import Run
from ..disputes import EventMarks, Fact
from ..link import Citation
from ..markup import SafeMarkdown
from ..model import EventStatus, Position, Stance, Statement, When
from ..positions import Held
from ..whos_who import Profile
from ..wording import Wording
from .paging import Group


@dataclass(frozen=True)
class StatementItem:
    """A statement as pages show it: the note, its resolved date and its citations."""

    id: str
    note: Statement
    date: When | None
    citations: tuple[Citation, ...]
    # When sources report it differently: each wording (or date) with its citations.
    wordings: tuple[Wording, ...] = ()
    dates: tuple[tuple[str, tuple[Citation, ...]], ...] = ()
    # When sources give the words to different speakers: each speaker's id with its citations.
    speakers: tuple[tuple[str, tuple[Citation, ...]], ...] = ()
    wording_disputed: bool = False  # two sources quote different exact words
    # The first report's source and publication date (None if undated): shown when no source says
    # when it was said.
    reported: tuple[str, When | None] | None = None


@dataclass(frozen=True)
class ActorContext:
    """``actor.md.j2``: who an actor is, what they said, where they were, whom they met."""

    id: str
    actor: Any
    roles: list[tuple[Any, tuple[Citation, ...], tuple[Citation, ...]]]  # (role, citations, contradicted by)
    said_by_issue: list[tuple[str | None, tuple[Run, ...]]]  # newest first, in runs by source
    side: str | None  # the organisation it speaks for (positions.side_of), not itself
    relayed: list[StatementItem]
    reported: list[StatementItem]
    events: list[EventMarks]
    met: list[str]
    members: list[str]
    about: SafeMarkdown
    about_citations: tuple[Citation, ...]


@dataclass(frozen=True)
class IssueContext:
    """``issue.md.j2``: an issue's summary, each actor's stance, its events and developments."""

    id: str
    issue: Any
    summary: SafeMarkdown
    summary_citations: tuple[Citation, ...]
    related: list[str]
    stances: list[tuple[str, list[tuple[Stance | None, StatementItem]]]]
    events: list[EventMarks]
    developments: list[tuple[When | None, str, str]]  # (date, "event"|"statement", id)
    statements: dict[str, StatementItem]


@dataclass(frozen=True)
class EventContext:
    """``event.md.j2``: when, where, who, which issues, outcome, statements made there."""

    id: str
    event: Any
    date: Fact | None
    place: Fact | None
    duration: Fact | None
    outcome: Fact | None
    condition: Fact | None
    overtaken: When | None  # expected, its date passed: the last report's date
    participants: list[tuple[str, tuple[Citation, ...]]]
    statements: list[StatementItem]  # said at it
    summary: SafeMarkdown
    summary_citations: tuple[Citation, ...]
    statements_about: list[StatementItem] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class SourceContext:
    """``source.md.j2``: a source's metadata, every note taken from it, and its text."""

    id: str
    source: Any
    paragraphs: Any
    # Before a sentence: markers of the cited passages that start there, each with its sentences.
    passages: dict[str, list[tuple[str, str]]]
    statements: list[StatementItem]
    events: list[str]
    actors: list[str]
    issues: list[str]


@dataclass(frozen=True)
class EventSummary:
    """An event in a list: its date, status, outcome or condition, each cited."""

    id: str
    date: When | None
    status: EventStatus
    outcome: Fact | None
    condition: Fact | None
    marks: EventMarks


@dataclass(frozen=True)
class HomeContext:
    """``home.md.j2``: what happened, the sticking points, what comes next.

    Each list holds at most ``limit`` entries; the ``*_total`` fields count them all, so the page
    can say how many it leaves out and link to where they are.
    """

    held: list[EventSummary]  # the latest held events, oldest first
    held_total: int
    # The issues with the most disagreeing stances, each with the stances shown (actor, stance)
    # and the number of its stances left out.
    sticking: list[tuple[str, list[tuple[str, Held]], int]]
    sticking_total: int
    upcoming: list[EventSummary]  # the next planned, proposed or conditional events
    upcoming_total: int
    overtaken: list[EventSummary]  # expected events whose date passed with no report since
    sources: list[str]  # the latest sources
    counts: dict[str, int]


@dataclass(frozen=True)
class TimelineEntry:
    """An entry of the timeline: an event, or a statement on the day it was made or first reported."""

    date: When | None  # the event's or statement's date; a reported statement's first report's
    kind: str  # "event", "statement", or "reported" (no source says when it was said)
    id: str  # the event's or the statement's
    event: EventMarks | None = None  # an event's marks (disputed facts, overtaken)
    statement: StatementItem | None = None  # a statement as pages show it


@dataclass(frozen=True)
class TimelineMonth:
    """``_timeline_body.md.j2``: a month of the timeline."""

    heading: str  # "December 2025", "Undated"
    entries: list[TimelineEntry]  # oldest first


@dataclass(frozen=True)
class PositionRow:
    """A position on the positions page: who holds it, what it is, the statement that states it."""

    holder: str  # the actor whose view it is (the speaker, or whom the speaker relays)
    position: Position
    statement: StatementItem


@dataclass(frozen=True)
class IssuePositions:
    """``_positions_body.md.j2``: an issue and each position stated on it."""

    issue: str
    rows: list[PositionRow]  # by holder's name


@dataclass(frozen=True)
class IssueQuotes:
    """A speaker's quotes on one issue (``issue`` None: on no issue)."""

    issue: str | None
    statements: list[StatementItem]


@dataclass(frozen=True)
class SpeakerQuotes:
    """``_quotes_body.md.j2``: a speaker and their quotes, by issue."""

    speaker: str
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
    id: str
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
