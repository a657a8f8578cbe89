"""The validated notes: what every stage after validation works from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .load import Key, NotesFile
from .model import Actor, Event, Issue, Source, Statement

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
    text_display: str
    statements: tuple[Located[Statement], ...] = ()

    @property
    def id(self) -> str:
        return self.note.id


@dataclass
class Corpus:
    sources: dict[str, SourceDoc] = field(default_factory=dict)
    actors: dict[str, Located[Actor]] = field(default_factory=dict)
    issues: dict[str, Located[Issue]] = field(default_factory=dict)
    events: dict[str, Located[Event]] = field(default_factory=dict)
    statements: dict[str, Located[Statement]] = field(default_factory=dict)
    # The source each statement was noted from.
    statement_source: dict[str, str] = field(default_factory=dict)
