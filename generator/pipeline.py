"""load -> validate -> link -> render -> write, as one call per command."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .changes import changes_page, note_history
from .corpus import Corpus
from .errors import NotesError, Problem, errors_only
from .export import export_files
from .feeds import feed_files
from .link import link
from .load import load_notes
from .lock import project_lock
from .pages.paging import LISTING_THRESHOLD
from .render_all import render, renders_apart
from .site_config import SiteConfig, read_site_config
from .structured_data import describe_pages
from .validate import validate
from .workers import apart
from .write import WriteReport, write_pages

if TYPE_CHECKING:
    from .build_state import BuildState


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


def check(project: Project, state: BuildState | None = None) -> tuple[Corpus, list[Problem]]:
    from .docs_refs import docs_page_problems  # [[references]] in hand-written docs/ pages

    raw, problems = load_notes(project.seeds, project.root, state)
    corpus, more = validate(raw, state)
    more += docs_page_problems(project.docs, corpus, project.root)
    return corpus, sorted(set(problems + more))


@dataclass(frozen=True)
class Generated:
    """What ``generate`` wrote, and the build time the notes fix (for SOURCE_DATE_EPOCH)."""

    report: WriteReport
    epoch: int


def newest_source(corpus: Corpus) -> dt.date:
    """The newest source's publication day (a fixed day when there is none)."""
    dates = [s.note.published.start for s in corpus.sources.values() if s.note.published]
    return max(dates) if dates else dt.date(2000, 1, 1)


def notes_epoch(corpus: Corpus) -> int:
    """The newest source's publication day as a Unix time: builds of the same notes are identical."""
    day = newest_source(corpus)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def site_config(project: Project) -> SiteConfig:
    """Where the site is published (mkdocs.yml's site_url), or NotesError saying what to fix."""
    found = read_site_config(project.root)
    if isinstance(found, Problem):
        raise NotesError([found])
    return found


def checked_corpus(project: Project, state: BuildState | None = None) -> Corpus:
    """The validated notes, or NotesError with every problem; warnings alone do not stop a build."""
    corpus, problems = check(project, state)
    if errors_only(problems):
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


def generate(project: Project, state: BuildState | None = None) -> Generated:
    """Check everything first, then write; a bad note leaves ``docs/`` as it was.

    Under the project's lock (see lock.py): another build waits until this one has written.
    ``state``: what a long-running process (serve) keeps between runs, so that a run parses, builds
    and renders only what changed since the last (see build_state.py); a one-off build passes none."""
    from .history import last_changed

    with project_lock(project.root), _without_cycle_collection():
        corpus = checked_corpus(project, state)
        files = generated_files(project, corpus, last_changed(project.root, state=state), state=state)
        return Generated(write_pages(files, project.docs, project.root, state), notes_epoch(corpus))


def generated_files(
    project: Project,
    corpus: Corpus,
    history: dict[str, str] | None = None,
    listing_threshold: int = LISTING_THRESHOLD,
    state: BuildState | None = None,
) -> list:
    """Every file ``generate`` writes: the pages (described for machines), the data download, the feeds
    and What changed."""
    site = site_config(project)
    links = link(corpus)

    def other_files() -> list:
        files = export_files(corpus, links, site) + feed_files(corpus, links, site, newest_source(corpus))
        return [*files, changes_page(corpus, note_history(project.root, state=state))]

    # When the pages render over forked workers (a one-off build of a large corpus), the data download,
    # the feeds and What changed (with the notes' git history) are made in one more meanwhile, instead of
    # one after another once the render is done: every core stays busy to the end. Otherwise (serve
    # keeps what it makes; a small corpus would pay more for the fork) they are made here.
    with apart(other_files, "briefing-files", alone=state is not None or not renders_apart(corpus)) as made:
        pages = render(corpus, links, history, listing_threshold, state)
        files = pages + made()
    return describe_pages(files, corpus, links, site, state)
