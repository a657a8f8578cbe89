"""load -> validate -> link -> render -> write, as one call per command."""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
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
from .project import Project as Project  # re-exported: where callers have always found it
from .render_all import render
from .site_config import SiteConfig, read_site_config
from .structured_data import describe_pages
from .validate import validate
from .write import WriteReport, write_pages

if TYPE_CHECKING:
    from .build_state import BuildState


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

    # The data download, the feeds and What changed are made here once the pages are rendered. Made in
    # one more forked process while the pages render, they saved about a second at 5,505 pages but
    # raised the build's memory peak from ~900 to ~1,280 MiB (their results exist twice: made in the
    # child, unpickled in the parent); see benchmarks/README.md.
    files = render(corpus, links, history, listing_threshold, state) + export_files(corpus, links, site)
    files += feed_files(corpus, links, site, newest_source(corpus))
    files.append(changes_page(corpus, note_history(project.root, state=state)))
    return describe_pages(files, corpus, links, site, state)
