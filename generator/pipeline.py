"""load -> validate -> link -> render -> write, as one call per command."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .corpus import Corpus
from .errors import NotesError, Problem
from .link import link
from .load import keep_parsed_notes, load_notes
from .render import keep_rendered_pages, render
from .validate import keep_built_notes, validate
from .write import WriteReport, keep_written_pages, write_pages


@dataclass(frozen=True)
class Project:
    """Where a briefing lives: its notes and the docs folder the generator writes."""

    root: Path

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def site(self) -> Path:
        return self.root / "site"


def keep_between_runs(keep: bool = True) -> None:
    """In a long-running process (serve): parse, build and render only what changed since the
    last run (see reuse.py). ``keep_between_runs(False)`` forgets it all."""
    keep_parsed_notes(keep)
    keep_built_notes(keep)
    keep_rendered_pages(keep)
    keep_written_pages(keep)


def check(project: Project) -> tuple[Corpus, list[Problem]]:
    from .docs_refs import docs_page_problems  # [[references]] in hand-written docs/ pages

    raw, problems = load_notes(project.seeds, project.root)
    corpus, more = validate(raw)
    more += docs_page_problems(project.docs, corpus, project.root)
    return corpus, sorted(set(problems + more))


@dataclass(frozen=True)
class Generated:
    """What ``generate`` wrote, and the build time the notes fix (for SOURCE_DATE_EPOCH)."""

    report: WriteReport
    epoch: int


def notes_epoch(corpus: Corpus) -> int:
    """The newest source's publication day as a Unix time: builds of the same notes are identical."""
    dates = [s.note.published.start for s in corpus.sources.values() if s.note.published]
    day = max(dates) if dates else dt.date(2000, 1, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def checked_corpus(project: Project) -> Corpus:
    """The validated notes, or NotesError with every problem."""
    corpus, problems = check(project)
    if problems:
        raise NotesError(problems)
    return corpus


@contextmanager
def _without_cycle_collection():
    """Generating makes millions of short-lived objects, freed by reference counting; Python's
    cycle collector would walk all the live ones again and again (a fifth of the time at 5,000
    pages). Cycles made meanwhile are collected once it is back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate(project: Project) -> Generated:
    """Check everything first, then write; a bad note leaves ``docs/`` as it was."""
    from .history import last_changed

    with _without_cycle_collection():
        corpus = checked_corpus(project)
        pages = render(corpus, link(corpus), last_changed(project.root))
        return Generated(write_pages(pages, project.docs, project.root), notes_epoch(corpus))
