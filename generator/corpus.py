"""The validated notes: what every stage after validation works from."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from .load import Key, NotesFile
from .model import Actor, Event, Evidence, Issue, Source, Statement
from .text import SourceText, layout_pairs, prepare

T = TypeVar("T")


@dataclass(frozen=True)
class Located(Generic[T]):
    """A note with the file and the place in it where it was written."""

    note: T
    file: NotesFile
    key: Key = ()

    @property
    def id(self) -> str:
        return self.note.id  # type: ignore[attr-defined]

    def problem(self, *subkey: str | int, message: str):
        return self.file.problem(self.key + subkey, message)

    @property
    def line(self) -> int:
        return self.file.where(self.key)[0]


@dataclass(frozen=True)
class SourceDoc:
    """An article: its metadata, its verbatim text and the statements noted from it."""

    note: Source
    file: NotesFile
    text: str
    article_path: str  # article.txt as problems name it: relative to the project root
    statements: tuple[Located[Statement], ...] = ()

    @property
    def id(self) -> str:
        return self.note.id

    @property
    def prepared(self) -> SourceText:
        """The text split into its paragraphs and sentences, body and other lines apart."""
        return prepare(self.text, layout_pairs(self.note.layout))


# A note that cites passages as evidence (a source's metadata cites none).
Citing = Located[Actor] | Located[Issue] | Located[Event] | Located[Statement]


@dataclass
class Corpus:
    sources: dict[str, SourceDoc] = field(default_factory=dict)
    actors: dict[str, Located[Actor]] = field(default_factory=dict)
    issues: dict[str, Located[Issue]] = field(default_factory=dict)
    events: dict[str, Located[Event]] = field(default_factory=dict)
    statements: dict[str, Located[Statement]] = field(default_factory=dict)
    # The source each statement was noted from.
    statement_source: dict[str, str] = field(default_factory=dict)
    stories: dict = field(default_factory=dict)  # id -> stories.StoryDoc

    @cached_property
    def evidence(self) -> list[tuple[Citing, Key, Evidence]]:
        """Every (note, key, evidence) in the notes, statements' evidence with its source filled in.

        Validation, linking and the evidence check each walk it: it is made once."""
        found: list[tuple[Citing, Key, Evidence]] = []
        for notes in (self.actors, self.issues, self.events):
            for located in notes.values():
                for j, ev in enumerate(located.note.evidence):
                    found.append((located, ("evidence", j), ev))
        # A passage that contradicts a claim is evidence too: it must be in its source.
        for actor in self.actors.values():
            for i, role in enumerate(actor.note.roles):
                for field_name in ("evidence", "contradicted_by"):
                    for j, ev in enumerate(getattr(role, field_name)):
                        found.append((actor, ("roles", i, field_name, j), ev))
        for event in self.events.values():
            note = event.note
            for name in ("date", "place", "duration", "outcome", "condition"):
                for i, claim in enumerate(getattr(note, name) or ()):
                    for field_name in ("evidence", "contradicted_by"):
                        for j, ev in enumerate(getattr(claim, field_name)):
                            found.append((event, (name, i, field_name, j), ev))
            for i, participant in enumerate(note.participants):
                for j, ev in enumerate(participant.evidence):
                    found.append((event, ("participants", i, "evidence", j), ev))
        for statement in self.statements.values():
            source = self.statement_source[statement.id]
            for j, ev in enumerate(statement.note.evidence):
                found.append(
                    (statement, ("evidence", j), ev if ev.source else ev.model_copy(update={"source": source}))
                )
        return found
