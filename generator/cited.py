"""'Every one cited': what the site shows must rest on a passage of a source.

An actor nothing cited names, an issue nothing refers to, an empty article and a source no note
cites are errors, not pages. The home page's count line counts what ``cited`` finds, so it stays
true for events too (an event may be noted before any source gives a fact about it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .corpus import Corpus
from .errors import UNCITED_SOURCE, Problem
from .load import RawNotes
from .model import Actor, Event


@dataclass(frozen=True)
class Cited:
    """The ids of the notes that rest on at least one cited passage."""

    sources: frozenset[str]
    actors: frozenset[str]
    issues: frozenset[str]
    events: frozenset[str]
    statements: frozenset[str]


def cited(corpus: Corpus) -> Cited:
    sources: set[str] = set()
    actors: set[str] = set()
    issues: set[str] = set()
    events: set[str] = set()
    for where, key, evidence in corpus.evidence:
        if evidence.source:  # None only where validation has reported it
            sources.add(evidence.source)
        if isinstance(where.note, Actor) and key[0] == "roles":
            actors.add(where.id)
        elif isinstance(where.note, Event):
            events.add(where.id)
            if key[0] == "participants" and isinstance(key[1], int):
                actors.add(where.note.participants[key[1]].actor)
    for statement in corpus.statements.values():  # every statement cites its evidence
        note = statement.note
        actors.update(filter(None, (note.speaker, note.on_behalf_of, *note.reported_by)))
        issues.update(note.issues)
        issues.update(p.issue for p in note.positions)
    for event in corpus.events.values():
        issues.update(event.note.issues)
    return Cited(
        *(
            frozenset(ids) & set(table)
            for ids, table in (
                (sources, corpus.sources),
                (actors, corpus.actors),
                (issues, corpus.issues),
                (events, corpus.events),
                (set(corpus.statements), corpus.statements),
            )
        )
    )


def _every_note_read(raw: RawNotes) -> bool:
    """Whether every notes file could be read: otherwise what cites a note may be in an unread file."""
    return not any(raw.unreadable.values()) and all(
        folder.statements is not None or not (folder.folder / "statements.yml").is_file() for folder in raw.sources
    )


def uncited_problems(corpus: Corpus, raw: RawNotes) -> list[Problem]:
    """Notes the site would show with nothing cited. Skipped while some notes cannot be read:
    what cites them may be in that file, and its own error is the one cause."""
    problems = [
        Problem(doc.article_path, 1, 0, "article.txt is empty; paste the article's text here, exactly as published")
        for doc in corpus.sources.values()
        if not doc.text.strip()
    ]
    if not _every_note_read(raw):
        return problems
    found = cited(corpus)
    for source_id, doc in corpus.sources.items():
        if source_id not in found.sources:
            problems.append(
                dataclasses.replace(
                    doc.file.problem(
                        ("id",),
                        (
                            f"no note cites source {source_id!r}; note its statements in statements.yml beside it (`briefing "
                            f"draft {source_id}` proposes them) or cite it as evidence, or remove seeds/sources/{source_id}/"
                        ),
                    ),
                    kind=UNCITED_SOURCE,
                )
            )
    for actor_id, actor in corpus.actors.items():
        if actor_id not in found.actors:
            problems.append(
                actor.problem(
                    "roles" if actor.note.roles or "roles" in actor.file.data else "id",
                    message=(
                        f"actor {actor_id!r} has no cited role and no statement and takes part in no event; add a role "
                        "with evidence, or name them in a statement or as an event's participant, or remove this file"
                    ),
                )
            )
    for issue_id, issue in corpus.issues.items():
        if issue_id not in found.issues:
            problems.append(
                issue.problem(
                    "id",
                    message=(
                        f"no statement or event refers to issue {issue_id!r}; list it under a statement's or an event's "
                        "'issues', or remove this file"
                    ),
                )
            )
    return problems


def cited_counts(corpus: Corpus) -> dict[str, int]:
    """The home page's count line: only notes that rest on a cited passage."""
    found = cited(corpus)
    return {
        "sources": len(found.sources),
        "actors": len(found.actors),
        "issues": len(found.issues),
        "events": len(found.events),
        "statements": len(found.statements),
    }
