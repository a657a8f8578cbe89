"""What each page template is given: one dataclass per template, built by the page builders.

Python chooses and orders what a page shows; the template decides how it looks. Each field is
documented, and used by its template (tests/unit/test_template_contexts.py checks both).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..actor_statements import Run
from ..disputes import EventMarks, Fact
from ..link import Citation
from ..markup import SafeMarkdown
from ..model import Actor, Event, EventStatus, Issue, Position, Role, Source, Stance, Statement, When
from ..positions import Held
from ..text import Paragraph
from ..whos_who import Profile
from ..wording import Wording
from .paging import Group


class Reported(NamedTuple):
    """A statement's first report (a tuple: cite.py reads it by position)."""

    source: str  # the source's id
    published: When | None  # its publication date, None if it is undated


@dataclass(frozen=True)
class Version:
    """One version of a statement's detail (its date, its speaker) when the sources differ."""

    value: str  # the date as printed, or the speaker's id
    citations: tuple[Citation, ...]  # the sources that give it


@dataclass(frozen=True)
class StatementItem:
    """A statement as pages show it: the note, its resolved date and its citations."""

    id: str  # the statement's id: its anchor and permalink (links.py)
    note: Statement  # the note as written
    date: When | None  # when it was said, as the sources give it (None: they do not say)
    citations: tuple[Citation, ...]  # every source that reports it
    # When sources report it differently: each wording with its citations.
    wordings: tuple[Wording, ...] = ()
    dates: tuple[Version, ...] = ()  # when sources give different dates: each date with its citations
    # When sources give the words to different speakers: each speaker's id with its citations.
    speakers: tuple[Version, ...] = ()
    wording_disputed: bool = False  # two sources quote different exact words
    # The first report: shown when no source says when it was said.
    reported: Reported | None = None


@dataclass(frozen=True)
class RoleShown:
    """A role on an actor's page, with the sources that give it and those that contradict it."""

    role: Role  # the role as noted: its title and organisation
    citations: tuple[Citation, ...]  # the sources that give it
    contradicted_by: tuple[Citation, ...]  # the sources that contradict it


@dataclass(frozen=True)
class IssueRuns:
    """What an actor said on one issue (``issue`` None: on no issue), newest first."""

    issue: str | None  # the issue's id
    runs: tuple[Run, ...]  # consecutive statements from the same sources (actor_statements.py)


@dataclass(frozen=True)
class ActorContext:
    """``actor.md.j2``: who an actor is, what they said, where they were, whom they met."""

    actor: Actor  # the note: name, kind, aliases
    roles: list[RoleShown]  # its roles, as noted
    said_by_issue: list[IssueRuns]  # by issue name, statements on no issue last
    side: str | None  # the organisation it speaks for (positions.side_of), not itself
    relayed: list[StatementItem]  # others' statements relaying its view
    reported: list[StatementItem]  # statements it reported (others' words, through it)
    events: list[EventMarks]  # the events it took part in
    met: list[str]  # the actors it met, by name
    members: list[str]  # the people in this organisation
    about: SafeMarkdown  # the note's prose, sanitised
    about_citations: tuple[Citation, ...]  # the sources of that prose


@dataclass(frozen=True)
class DatedEntry:
    """An event, or a statement on the day it was made or first reported (the timeline, an issue's
    developments)."""

    date: When | None  # the event's or statement's date; a reported statement's first report's
    kind: str  # "event", "statement", or "reported" (no source says when it was said)
    id: str  # the event's or the statement's
    event: EventMarks | None = None  # an event's marks (disputed facts, overtaken)
    statement: StatementItem | None = None  # a statement as pages show it


@dataclass(frozen=True)
class StanceRow:
    """A statement on an issue's page, under its holder, with the stance it states (None: none)."""

    stance: Stance | None  # the stance on this issue it states, if any
    statement: StatementItem  # the statement


@dataclass(frozen=True)
class ActorStances:
    """An actor's statements on an issue's page."""

    actor: str  # whose view (the speaker, or whom the speaker relays)
    rows: list[StanceRow]  # its statements, with their stances


@dataclass(frozen=True)
class IssueContext:
    """``issue.md.j2``: an issue's summary, each actor's stance, its events and developments."""

    issue: Issue  # the note: name, aliases
    summary: SafeMarkdown  # the note's prose, sanitised
    summary_citations: tuple[Citation, ...]  # the sources of that prose
    related: list[str]  # related issues, by name
    stances: list[ActorStances]  # each actor's statements on it, by actor name
    events: list[EventMarks]  # the events where it was raised
    developments: list[DatedEntry]  # its events and statements, oldest first


@dataclass(frozen=True)
class Participant:
    """Who took part in an event, and the sources that say so."""

    actor: str  # the actor's id
    citations: tuple[Citation, ...]  # the sources that say it took part


@dataclass(frozen=True)
class EventContext:
    """``event.md.j2``: when, where, who, which issues, outcome, statements made there."""

    event: Event  # the note: name, kind, status, issues
    date: Fact | None  # when, as each source gives it
    place: Fact | None  # where
    duration: Fact | None  # how long
    outcome: Fact | None  # what came of it
    condition: Fact | None  # what it depends on (an expected event)
    overtaken: When | None  # expected, its date passed: the last report's date
    participants: list[Participant]  # who took part
    statements: list[StatementItem]  # said at it
    summary: SafeMarkdown  # the note's prose, sanitised
    summary_citations: tuple[Citation, ...]  # the sources of that prose
    statements_about: list[StatementItem] = dataclasses.field(default_factory=list)  # said about it


@dataclass(frozen=True)
class Passage:
    """A cited passage, marked before the sentence it starts at on the source's page."""

    marker: str  # its anchor, which citations open: "p3-s1-to-p3-s3"
    sentences: str  # the anchors of the sentences it spans, space-separated, highlighted together


@dataclass(frozen=True)
class SourceContext:
    """``source.md.j2``: a source's metadata, every note taken from it, and its text."""

    source: Source  # the note: title, publisher, dates, byline, address
    paragraphs: tuple[Paragraph, ...]  # its text, in paragraphs and sentences
    passages: dict[str, list[Passage]]  # by the anchor of the sentence they start at
    statements: list[StatementItem]  # the statements noted from it, in the notes' order
    events: list[str]  # the events it is cited for
    actors: list[str]  # the actors it is cited for
    issues: list[str]  # the issues it is cited for


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
