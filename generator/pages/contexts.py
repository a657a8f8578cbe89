"""What each entity page template is given (actor, issue, event, source), and a statement as
every page shows it: one dataclass per template, built by the page builders (the home, overview
and section pages' are in overview_contexts.py).

Python chooses and orders what a page shows; the template decides how it looks. Each field is
documented, and used by its template (tests/unit/test_template_contexts.py checks both).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import NamedTuple

from ..actor_statements import Run
from ..disputes import EventMarks, Fact
from ..link import Citation
from ..markup import SafeMarkdown
from ..model import Actor, Event, Issue, Role, Source, Stance, Statement, When
from ..text import Paragraph
from ..wording import Wording


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
