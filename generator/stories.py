"""Stories: a contributor's Markdown telling what happened, over the notes it draws on.

A story is ``seeds/stories/<id>.md``: YAML front matter (title, status, the story's issues and
any events or actors it adds by hand) and a Markdown body whose first paragraph is the lede. The
body refers to notes as ``[[vladimir-putin]]`` or ``[[ft-2025-12-03-russia-no-deal#p5]]``
(see story_refs.py).

Membership (also in the README): a story holds the issues it lists; every event about one of them
(or listed by hand); every statement about one of them or made at one of its events; every actor
who speaks in it or takes part in its events (or listed by hand); and every source those notes
cite, or the body cites.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from .errors import Problem
from .load import Key, NotesFile, _parse_bytes, read_capped
from .model import Event, Issue, Note, Slug, Statement, Text, check_slug

if TYPE_CHECKING:
    from .build_state import BuildState

FRONT_MATTER_FENCE = "---"


class StoryStatus(str, Enum):
    developing = "developing"  # still in the news
    concluded = "concluded"  # over; kept for the record


class Story(Note):
    """A story's front matter."""

    id: Slug
    title: Text = Field(description="The headline, as the home page and the story page show it.")
    status: StoryStatus
    issues: list[Slug] = Field(
        default_factory=list,
        description="The story's issues: their events, statements, actors and sources belong to the story.",
    )
    events: list[Slug] = Field(default_factory=list, description="Events added by hand (beyond its issues').")
    actors: list[Slug] = Field(
        default_factory=list, description="Actors added by hand (beyond those who speak or take part)."
    )


@dataclass(frozen=True)
class StoryFile:
    """A story file as read: its front matter as plain data, and its body with the line it starts on."""

    front: NotesFile
    body: str
    body_line: int  # the file's line number of the body's first line


@dataclass(frozen=True)
class StoryDoc:
    """A validated story: its front matter and its Markdown body."""

    note: Story
    file: NotesFile
    body: str
    body_line: int

    @property
    def id(self) -> str:
        return self.note.id

    @property
    def key(self) -> Key:
        return ()

    def problem(self, *subkey: str | int, message: str) -> Problem:
        return self.file.problem(subkey, message)

    def body_problem(self, line: int, column: int, message: str) -> Problem:
        """A problem at ``line`` (0-based, in the body) and ``column`` (1-based)."""
        return Problem(self.file.display, self.body_line + line, column, message)

    @property
    def lede(self) -> str:
        """The body's first paragraph."""
        return self.body.strip().split("\n\n", 1)[0].strip()

    @property
    def rest(self) -> str:
        """The body after the lede: what it means."""
        parts = self.body.strip().split("\n\n", 1)
        return parts[1].strip() if len(parts) > 1 else ""


def read_story(path: Path, display: str, state: BuildState | None = None) -> StoryFile | Problem:
    """A story file split into front matter and body, read like every note (load.read_capped)."""
    read = read_capped(path, display, state)
    if isinstance(read, Problem):
        return read
    raw = read[0]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Problem(display, raw[: err.start].count(b"\n") + 1, 0, "not valid UTF-8; save the file as UTF-8")
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != FRONT_MATTER_FENCE:
        return Problem(
            display,
            1,
            1,
            "a story starts with front matter: a line '---', the fields (title, status, "
            "issues), and another line '---'; then the story in Markdown",
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip("\r") == FRONT_MATTER_FENCE), None)
    if end is None:
        return Problem(display, 1, 1, "the front matter is not closed; add a line '---' after its last field")
    front = _parse_bytes("\n".join(lines[1:end]).encode("utf-8") + b"\n", path, display, "story")
    if isinstance(front, Problem):  # lines counted from the line after the opening '---'
        return Problem(front.path, front.line + 1, front.column, front.message)
    front.lines = {key: (line + 1, col) for key, (line, col) in front.lines.items()}
    return StoryFile(front, "\n".join(lines[end + 1 :]), end + 2)


def load_stories(
    paths: list[Path], show, state: BuildState | None = None
) -> tuple[list[StoryFile], list[Problem], set[str]]:
    """Every ``<id>.md`` of ``seeds/stories/`` that notefiles.survey found regular; the ids of
    unreadable ones."""
    stories: list[StoryFile] = []
    problems: list[Problem] = []
    unreadable: set[str] = set()
    for path in paths:
        read = read_story(path, show(path), state)
        if isinstance(read, Problem):
            problems.append(read)
            unreadable.add(path.stem)
        else:
            stories.append(read)
    return stories, problems, unreadable


def build_stories(files: list[StoryFile], build_model) -> tuple[dict[str, StoryDoc], list[Problem]]:
    """Typed stories from their front matter; the id is the file name."""
    built, problems = {}, []
    for story in files:
        stem = story.front.path.stem
        try:
            check_slug(stem)
        except ValueError as err:
            problems.append(Problem(story.front.display, 1, 0, f"file name: {err}"))
            continue
        if "id" in story.front.data:
            problems.append(story.front.problem(("id",), "a story's id is its file name; remove 'id'"))
            continue
        front = NotesFile(
            story.front.path, story.front.display, "story", {**story.front.data, "id": stem}, story.front.lines
        )
        note = build_model(Story, front)
        if isinstance(note, list):
            problems.extend(note)
            continue
        built[stem] = StoryDoc(note, front, story.body, story.body_line)
    return built, problems


# ------------------------------------------------------------------ membership


@dataclass(frozen=True)
class Members:
    """The notes a story holds, each sorted by id."""

    issues: tuple[str, ...]
    events: tuple[str, ...]
    statements: tuple[str, ...]  # first reports; their other reports come with them
    actors: tuple[str, ...]
    sources: tuple[str, ...]


def story_members(corpus, story_id: str) -> Members:
    """What belongs to the story, by the rule in this module's docstring."""
    story = corpus.stories[story_id]
    issues = set(story.note.issues)
    events = set(story.note.events) | {e for e, ev in corpus.events.items() if issues & set(ev.note.issues)}
    statements = set()
    for sid, located in corpus.statements.items():
        note = located.note
        if note.same_as:
            continue
        on_issue = issues & {*note.issues, *(p.issue for p in note.positions)}
        if on_issue or note.said_at in events or events.intersection(note.about_events):
            statements.add(sid)
    actors = set(story.note.actors)
    for eid in events:
        actors |= {p.actor for p in corpus.events[eid].note.participants}
    sources: set[str] = set()
    for sid in statements:
        actors |= {corpus.statements[sid].note.speaker}
        actors |= {corpus.statements[sid].note.on_behalf_of} - {None}
    for where, _key, evidence in corpus.evidence:
        note = where.note
        if (
            (isinstance(note, Event) and where.id in events)
            or (isinstance(note, Issue) and where.id in issues)
            or (isinstance(note, Statement) and (where.id in statements or note.same_as in statements))
        ):
            sources.add(evidence.source)
    from .story_refs import cited_sources  # the body's own citations

    sources |= cited_sources(story.body, corpus)
    return Members(
        *(
            tuple(sorted(s & set(table)))
            for s, table in (
                (issues, corpus.issues),
                (events, corpus.events),
                (statements, corpus.statements),
                (actors, corpus.actors),
                (sources, corpus.sources),
            )
        )
    )


def as_of(corpus, members: Members) -> dt.date | None:
    """The newest publication date among the story's sources: how current the story is."""
    dates = [corpus.sources[s].note.published.start for s in members.sources if corpus.sources[s].note.published]
    return max(dates, default=None)


def check_story_references(corpus, unreadable: dict[str, set[str]], check) -> None:
    """The ids in each story's front matter must exist (``check`` is validate's reference checker)."""
    for story in corpus.stories.values():
        check(story, ("issues",), "issue", story.note.issues)
        check(story, ("events",), "event", story.note.events)
        check(story, ("actors",), "actor", story.note.actors)


def story_body_problems(corpus) -> list[Problem]:
    """Each story body's unknown or ambiguous references, and its unsourced quotations."""
    from .story_refs import check_refs

    problems: list[Problem] = []
    for story in corpus.stories.values():

        def report(line: int, col: int, message: str, story: StoryDoc = story) -> None:
            problems.append(story.body_problem(line, col, message))

        check_refs(story.body, corpus, report, quotations=True)
        if not story.lede:
            problems.append(
                story.body_problem(
                    0,
                    0,
                    "the story has no text; write its lede, one paragraph saying what happened, under the front matter",
                )
            )
    return problems


def all_members(corpus) -> Members:
    """Every note, as if one story held them all: the briefing of a corpus without stories."""
    return Members(
        tuple(sorted(corpus.issues)),
        tuple(sorted(corpus.events)),
        tuple(sorted(s for s in corpus.statements if not corpus.statements[s].note.same_as)),
        tuple(sorted(corpus.actors)),
        tuple(sorted(corpus.sources)),
    )
