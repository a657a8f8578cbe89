"""What each page template is given: one dataclass per template, built by the page builders.

Python chooses and orders what a page shows; the template decides how it looks. Each field is
documented, and used by its template (tests/unit/test_template_contexts.py checks both).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..actor_statements import Run
from ..disputes import EventMarks, Fact
from ..link import Citation
from ..markup import SafeMarkdown
from ..model import EventStatus, Stance, Statement, When
from ..positions import Held
from ..wording import Wording


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
class GroupedContext:
    """Listing pages: entries grouped under headings (a letter, a month)."""

    title: str
    intro: str
    groups: list[tuple[str, list[Any]]]
