"""Long listing and overview pages, cut into group pages (a letter, a month, a part of a long one)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import When
from .shown_dates import month_label

# A section with at most this many entries lists them all on its index page. Above it, the
# index links to one page per group (letter or month), and no listing page shows more entries.
LISTING_THRESHOLD = 150
# Where a long section's group pages go: a folder, so they never collide with entity pages.
LISTING_FOLDERS = {"actors": "by-name", "issues": "by-name", "events": "by-month", "sources": "by-month"}
# Where a long overview page's group pages go (quotes by speaker, positions by issue, the timeline by month):
# the same threshold applies, counting quotes, positions and dated entries.
OVERVIEW_FOLDERS = {"quotes": "quotes/by-speaker", "positions": "positions/by-issue", "timeline": "timeline"}


def letter_key(name: str) -> tuple[str, str]:
    """A name's group as ``(key, heading)``: ("a", "A"); ("u00c9", "É"); ("other", "#") for no letter."""
    # The first character of the upper-cased letter: some letters upper-case to two ("ᾍ" to "ἍΙ").
    first = name[:1].upper()[:1]
    if not first.isalpha():
        return "other", "#"
    return (first.lower() if first.isascii() else f"u{ord(first):04x}"), first


def month_key(when: When | None) -> tuple[str, str]:
    """A date's month as ``(key, heading)``: ("2025-12", "December 2025"); ("undated", "Undated")."""
    return ("undated" if when is None else "-".join(when.value.split("-")[:2])), month_label(when)


def with_neighbours(parts: list) -> list[tuple[Any, Any, Any]]:
    """Each part with the one before and the one after it (None at the ends)."""
    return [(part, parts[n - 1] if n else None, parts[n + 1] if n + 1 < len(parts) else None)
            for n, part in enumerate(parts)]


def merge_groups(keyed) -> list[tuple[str, str, list[str]]]:
    """``[(key, heading, ids)]`` from ``((key, heading), id)`` pairs, groups in order of first entry."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for (key, heading), ident in keyed:
        groups.setdefault(key, (heading, []))[1].append(ident)
    return [(key, heading, ids) for key, (heading, ids) in groups.items()]


def cut(keyed_groups: list[tuple[str, str, list[Any]]], folder: str, step: int) -> list[tuple[str, str, list[Any]]]:
    """``[(label, path, entries)]``: a page per group, ``<folder>/<key>.md``, and a group longer
    than ``step`` cut into parts of at most that many entries (``<key>-part-2.md``)."""
    cut = []
    for key, label, entries in keyed_groups:
        chunks = [entries[i:i + step] for i in range(0, len(entries), step)]
        for n, chunk in enumerate(chunks, 1):
            cut.append((label if len(chunks) == 1 else f"{label}, part {n} of {len(chunks)}",
                        f"{folder}/{key}.md" if n == 1 else f"{folder}/{key}-part-{n}.md", chunk))
    return cut


@dataclass(frozen=True)
class ListingPart:
    """One page of a long section's listing: a group (a letter, a month) or a part of a long group."""

    label: str  # "Persons · A", "December 2025", "I, part 2 of 3"
    path: str  # "actors/by-name/person-a.md", "events/by-month/2025-12.md"
    ids: list[str]


@dataclass(frozen=True)
class ListingIndexContext:
    """``listing_index.md.j2``: a long section's index, a link per group page with its entry count."""

    title: str
    intro: str
    total: int
    parts: list[ListingPart]


@dataclass(frozen=True)
class ListingPartContext:
    """``listing_part.md.j2``: one group page, its entries, and links to the index and its neighbours."""

    title: str
    section_title: str
    index: str  # the section's index page
    kind: str  # "actor", "issue", "event" or "source": how an entry is linked
    total: int
    part: ListingPart
    previous: ListingPart | None
    next: ListingPart | None


@dataclass(frozen=True)
class OverviewPart:
    """One group page of a long overview page: a letter or a month, or a part of a long one."""

    label: str  # "Speakers · A", "December 2025", "Issues · I, part 2 of 3"
    path: str  # "quotes/by-speaker/a.md", "positions/by-issue/i-part-2.md", "timeline/2025-12.md"
    count: int  # the quotes, positions or timeline entries it shows
    groups: list[tuple[Any, list[Any]]]  # what the overview's body template shows, for these entries only


@dataclass(frozen=True)
class OverviewIndexContext:
    """``overview_index.md.j2``: a long overview page, a link per group page with its number of entries."""

    title: str
    intro: str
    noun: str  # what is counted: "quotes", "positions", "entries"
    total: int
    parts: list[OverviewPart]


@dataclass(frozen=True)
class OverviewPartContext:
    """``overview_part.md.j2``: one group page of a long overview page, its entries shown as the
    overview shows them (``body``, the overview's body template), and links to the overview and
    to the neighbouring group pages."""

    title: str
    overview_title: str
    overview: str  # the overview page: "quotes.md"
    noun: str
    total: int
    part: OverviewPart
    previous: OverviewPart | None
    next: OverviewPart | None
    body: str  # "_quotes_body.md.j2"

    @property
    def groups(self) -> list[tuple[Any, list[Any]]]:
        return self.part.groups
