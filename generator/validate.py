"""Stage 2: turn plain data into typed notes and check every reference.

Every problem in every file is collected, so one ``briefing check`` shows a
contributor all there is to fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .cited import uncited_problems
from .corpus import Corpus, Located, SourceDoc
from .disputes import check_claims
from .errors import Problem
from .evidence import check_evidence
from .load import Key, NotesFile, RawNotes
from .model import Actor, ActorKind, Event, Issue, Note, Source, Statement, StatementsFile
from .said import said_at_problems
from .stories import build_stories, check_story_references, story_body_problems

if TYPE_CHECKING:
    from .build_state import BuildState

NoteT = TypeVar("NoteT", bound=Note)
T = TypeVar("T")
# The notes that are one file each in seeds/actors, seeds/issues and seeds/events.
NamedT = TypeVar("NamedT", Actor, Issue, Event)

# Fields of earlier versions of the notes format, and what to write instead.
REPLACED_FIELDS = {
    "event": "'event' is now either 'said_at: <event id>' (the speaker spoke at that held event) or "
    "'about_events: [<event id>]' (the statement refers to it); say which",
}


def _describe(error: ErrorDetails, file: NotesFile) -> str:
    field = next((str(p) for p in reversed(error["loc"]) if isinstance(p, str)), "value")
    kind = error["type"]
    # ~, null and an empty value mean "no value" with every YAML parser: the loader leaves such keys out.
    if kind == "missing" and file.written_without_value(tuple(error["loc"])):
        return (
            f"'{field}' has no value: ~, null and an empty value all mean none; write the {field}, "
            'or put it in quotes ("~") if you mean those characters'
        )
    if error.get("input", "") is None:
        return f"'{field}' has an empty entry (~, null or nothing); write its value or remove it"
    if kind == "missing":
        return f"missing required field '{field}'; add it (see the notes format in the README)"
    if kind == "extra_forbidden":
        if field in REPLACED_FIELDS and error["loc"][0] == "statements":
            return REPLACED_FIELDS[field]
        return f"unknown field '{field}'; remove it or correct its spelling"
    message = error["msg"].removeprefix("Value error, ")
    if kind in {"string_type", "list_type", "model_type", "dict_type", "model_attributes_type"}:
        expected = {"string_type": "text", "list_type": "a list", "dict_type": "a mapping"}.get(kind, "a mapping")
        return f"'{field}' should be {expected}; check its indentation and dashes"
    if kind == "string_too_short":
        return f"'{field}' is empty; fill it in, or remove the line if the field is optional"
    if kind == "too_short":
        return f"'{field}' needs at least one entry"
    return f"'{field}': {message}"


def _built(model: type[NoteT], file: NotesFile) -> NoteT | list[Problem]:
    try:
        return model.model_validate(file.data)
    except ValidationError as err:
        return [file.problem(tuple(e["loc"]), _describe(e, file)) for e in err.errors()]


def build_model(model: type[NoteT], file: NotesFile, state: BuildState | None = None) -> NoteT | list[Problem]:
    """The note ``file`` holds, or its problems. With a ``state`` (serve), a file the loader parsed
    from unchanged bytes (the same object) gives last time's note: an edit then validates one file
    again, and unchanged notes stay the same objects, which makes comparing pages' contexts cheap
    (see reuse.py)."""
    if state is None:
        return _built(model, file)
    # BuildState.model serves every model class, so its signature says only Note; it keeps each
    # file's result per class, so a note it gives back was built by ``model``.
    return cast("NoteT | list[Problem]", state.model(file, model, lambda: _built(model, file)))


def _located(note: T, file: NotesFile, key: Key = (), state: BuildState | None = None) -> Located[T]:
    """``Located(note, file, key)``; with a ``state``, the same object as last time when nothing changed."""
    if state is None:
        return Located(note, file, key)
    return state.located(note, file, key, lambda: Located(note, file, key))


def _check_file_name(file: NotesFile, note_id: str, expected: str, what: str) -> Iterator[Problem]:
    if note_id != expected:
        yield file.problem(("id",), f"id {note_id!r} does not match the {what} {expected!r}; make them the same")


def _parse_named(
    files: list[NotesFile],
    model: type[NamedT],
    into: dict[str, Located[NamedT]],
    unreadable: dict[str, set[str]],
    state: BuildState | None,
) -> list[Problem]:
    """Each file's note of one kind into ``into`` (by id); the problems of those that are not one."""
    problems: list[Problem] = []
    for file in files:
        note = build_model(model, file, state)
        if isinstance(note, list):
            problems.extend(note)
            unreadable[file.kind].add(file.path.stem)
            continue
        problems.extend(_check_file_name(file, note.id, file.path.stem, "file name"))
        into[note.id] = _located(note, file, (), state)
    return problems


def parse_notes(raw: RawNotes, state: BuildState | None = None) -> tuple[Corpus, list[Problem]]:
    """Typed notes from plain data; duplicate ids and misnamed files are problems."""
    corpus = Corpus()
    problems = _parse_named(raw.actors, Actor, corpus.actors, raw.unreadable, state)
    problems += _parse_named(raw.issues, Issue, corpus.issues, raw.unreadable, state)
    problems += _parse_named(raw.events, Event, corpus.events, raw.unreadable, state)
    for folder in raw.sources:
        source = build_model(Source, folder.meta, state)
        if isinstance(source, list):
            problems.extend(source)
            raw.unreadable["source"].add(folder.folder.name)
            continue
        problems.extend(_check_file_name(folder.meta, source.id, folder.folder.name, "folder name"))
        statements: list[Located[Statement]] = []
        if folder.statements is not None:
            parsed = build_model(StatementsFile, folder.statements, state)
            if isinstance(parsed, list):
                problems.extend(parsed)
                raw.unreadable.setdefault("statements", set()).add(folder.folder.name)
            else:
                statements = [
                    _located(s, folder.statements, ("statements", i), state) for i, s in enumerate(parsed.statements)
                ]
        doc = SourceDoc(source, folder.meta, folder.text, folder.article_path, tuple(statements))
        corpus.sources[source.id] = doc
        for statement in statements:
            if statement.id in corpus.statements:
                first = corpus.statements[statement.id]
                problems.append(
                    statement.problem(
                        "id",
                        message=(
                            f"duplicate statement id {statement.id!r}, first used at {first.file.display}:{first.line}; "
                            "give each statement its own id"
                        ),
                    )
                )
                continue
            corpus.statements[statement.id] = statement
            corpus.statement_source[statement.id] = source.id
    return corpus, problems


class _Placed(Protocol):
    """Where ids are written: a located note, or a story (its front matter)."""

    @property
    def file(self) -> NotesFile: ...

    @property
    def key(self) -> Key: ...


class _References:
    """Checks that ids point at notes that exist, suggesting the closest one."""

    def __init__(self, corpus: Corpus, unreadable: dict[str, set[str]]):
        self.known: dict[str, Mapping[str, object]] = {
            "actor": corpus.actors,
            "issue": corpus.issues,
            "event": corpus.events,
            "source": corpus.sources,
            "statement": corpus.statements,
        }
        self.unreadable = unreadable
        self.problems: list[Problem] = []

    def check(self, located: _Placed, key: Key, kind: str, ref: str | None) -> bool:
        if ref is None or ref in self.known[kind]:
            return True
        if ref in self.unreadable.get(kind, ()):
            return False  # that note's own problem is reported; one error per cause
        close = difflib.get_close_matches(ref, list(self.known[kind]), n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"add seeds/{kind}s/{ref}.yml or fix the id"
        if kind == "source" and not close:
            hint = f"add seeds/sources/{ref}/ or fix the id"
        self.problems.append(located.file.problem(located.key + key, f"unknown {kind} {ref!r}; {hint}"))
        return False

    def check_all(self, located: _Placed, key: Key, kind: str, refs: Iterable[str]) -> None:
        for i, ref in enumerate(refs):
            self.check(located, key + (i,), kind, ref)


def check_references(corpus: Corpus, unreadable: dict[str, set[str]] | None = None) -> list[Problem]:
    refs = _References(corpus, unreadable or {})
    for actor in corpus.actors.values():
        for i, role in enumerate(actor.note.roles):
            if refs.check(actor, ("roles", i, "affiliation"), "actor", role.affiliation) and role.affiliation:
                if corpus.actors[role.affiliation].note.kind is not ActorKind.organisation:
                    refs.problems.append(
                        actor.problem(
                            "roles",
                            i,
                            "affiliation",
                            message=(f"affiliation {role.affiliation!r} is a person; name an organisation"),
                        )
                    )
    for issue in corpus.issues.values():
        refs.check_all(issue, ("related",), "issue", issue.note.related)
    for event in corpus.events.values():
        for i, participant in enumerate(event.note.participants):
            refs.check(event, ("participants", i, "actor"), "actor", participant.actor)
        refs.check_all(event, ("issues",), "issue", event.note.issues)
    for statement in corpus.statements.values():
        note = statement.note
        refs.check(statement, ("speaker",), "actor", note.speaker)
        refs.check(statement, ("on_behalf_of",), "actor", note.on_behalf_of)
        refs.check_all(statement, ("reported_by",), "actor", note.reported_by)
        refs.check_all(statement, ("issues",), "issue", note.issues)
        refs.check(statement, ("said_at",), "event", note.said_at)
        refs.check_all(statement, ("about_events",), "event", note.about_events)
        for i, position in enumerate(note.positions):
            refs.check(statement, ("positions", i, "issue"), "issue", position.issue)
        if note.same_as and refs.check(statement, ("same_as",), "statement", note.same_as):
            target = corpus.statements[note.same_as].note
            if note.same_as == statement.id or target.same_as:
                refs.problems.append(
                    statement.problem(
                        "same_as",
                        message=("same_as must name the first report of the statement, which itself has no same_as"),
                    )
                )
    for where, key, evidence in corpus.evidence:
        refs.check(where, key + ("source",), "source", evidence.source)
    return refs.problems


def missing_source_problems(corpus: Corpus) -> list[Problem]:
    """Evidence outside a source's own statements must say which source it cites."""
    problems = []
    for where, key, evidence in corpus.evidence:
        if evidence.source is None:
            problems.append(
                where.file.problem(
                    where.key + key, ("evidence needs 'source: <source id>' here; only statements.yml may leave it out")
                )
            )
    return problems


def check_stories(corpus: Corpus, unreadable: dict[str, set[str]]) -> list[Problem]:
    """The ids a story's front matter names, and its body's references and quotations."""
    refs = _References(corpus, unreadable)
    check_story_references(corpus, unreadable, refs.check_all)
    return refs.problems + story_body_problems(corpus)


def validate(raw: RawNotes, state: BuildState | None = None) -> tuple[Corpus, list[Problem]]:
    corpus, problems = parse_notes(raw, state)
    corpus.stories, story_problems = build_stories(raw.stories, partial(build_model, state=state))
    problems += story_problems
    problems += missing_source_problems(corpus)
    problems += check_references(corpus, raw.unreadable)
    problems += check_evidence(corpus)
    problems += check_claims(corpus)
    problems += said_at_problems(corpus)
    problems += uncited_problems(corpus, raw)
    problems += check_stories(corpus, raw.unreadable)
    return corpus, sorted(set(problems))
