"""Where a briefing lives. Apart from pipeline.py so that the MkDocs plugin, which every build's
MkDocs process loads, can name a project without importing the whole generator (a fifth of a
second per process)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
