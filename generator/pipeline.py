"""load -> validate -> link -> render -> write, as one call per command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .corpus import Corpus
from .errors import NotesError, Problem
from .link import link
from .load import load_notes
from .render import Page, render
from .validate import validate
from .write import WriteReport, write_pages


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


def check(project: Project) -> tuple[Corpus, list[Problem]]:
    raw, problems = load_notes(project.seeds, project.root)
    corpus, more = validate(raw)
    return corpus, sorted(set(problems + more))


def generate_pages(project: Project) -> list[Page]:
    """Every page, or NotesError with every problem; nothing is written here."""
    corpus, problems = check(project)
    if problems:
        raise NotesError(problems)
    from .history import last_changed

    return render(corpus, link(corpus), last_changed(project.root))


def generate(project: Project) -> WriteReport:
    """Check everything first, then write; a bad note leaves ``docs/`` as it was."""
    return write_pages(generate_pages(project), project.docs, project.root)
