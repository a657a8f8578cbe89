"""An actor page's statements: by issue, newest first, each source's citation said once per run.

Within an issue, statements are ordered by when they were made, else when first reported
(link.statement_placed), newest first; on the same day, in article order; those with no date at all
last. Consecutive statements taken from the same source form a run: the page names the source
once ("Reported by Financial Times, 3 December 2025") and each statement links to its sentence with a
short "¶n". A statement with no date of its own, reported by that same source, then needs no
"reported ... by" either: the run's heading says it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pages.builder import PageBuilder as Renderer
    from .pages.contexts import StatementItem


@dataclass(frozen=True)
class Run:
    """Consecutive statements from the same sources: ``sources`` is one id for a run cited once."""

    sources: tuple[str, ...]
    items: tuple[tuple[StatementItem, bool], ...]  # (statement, whether its line says when)

    @property
    def single(self) -> str | None:
        return self.sources[0] if len(self.sources) == 1 else None


def _sources(item: StatementItem) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.source for c in item.citations))


def _newest_first(renderer: Renderer, statement_ids: list[str]) -> list[str]:
    links = renderer.links
    in_article = sorted(statement_ids, key=lambda s: (links.article_position(s), s))
    # Stable: a day's statements keep article order; the undated (no report date either) go last.
    days = {s: when.start.toordinal() if (when := links.statement_placed(s)[0]) else None for s in statement_ids}
    return sorted(in_article, key=lambda s: (days[s] is None, -(days[s] or 0)))


def runs(renderer: Renderer, statement_ids: list[str]) -> tuple[Run, ...]:
    found: list[tuple[tuple[str, ...], list[tuple[StatementItem, bool]]]] = []
    for sid in _newest_first(renderer, statement_ids):
        item = renderer.item(sid)
        sources = _sources(item)
        if not found or found[-1][0] != sources:
            found.append((sources, []))
        # Every line says when it was said, or that no source says so ("reported <date> by <source>"):
        # a heading naming the source does not tell an undated statement from a dated one (issue 11).
        said_when = True
        found[-1][1].append((item, said_when))
    return tuple(Run(sources, tuple(items)) for sources, items in found)


def said_by_issue(renderer: Renderer, actor_id: str) -> list[tuple[str | None, tuple[Run, ...]]]:
    """``[(issue or None, runs)]``: issues by name, statements on no issue last."""
    by_issue: dict[str | None, list[str]] = defaultdict(list)
    for sid in renderer.links.statements_by_speaker.get(actor_id, []):
        issues: list[str | None] = list(renderer.corpus.statements[sid].note.issues) or [None]
        for issue in issues:
            by_issue[issue].append(sid)
    ordered = sorted(by_issue.items(), key=lambda kv: (kv[0] is None, renderer._issue_name(kv[0])))
    return [(issue, runs(renderer, sids)) for issue, sids in ordered]
