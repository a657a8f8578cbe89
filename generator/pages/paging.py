"""Long listing and overview pages, cut into group pages (a letter, a month, a part of a long one)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

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


T = TypeVar("T")


@dataclass(frozen=True)
class Group(Generic[T]):
    """Entries under one heading of a listing or overview page: a letter, a month, a side."""

    key: str  # names the group's page: "a", "u00c9", "other", "2025-12", "undated"
    heading: str  # "A", "É", "#", "December 2025", "Undated"
    entries: list[T]  # in page order


def merge_groups(keyed: Iterable[tuple[tuple[str, str], T]]) -> list[Group[T]]:
    """Groups from ``((key, heading), entry)`` pairs, in order of each group's first entry."""
    groups: dict[str, Group[T]] = {}
    for (key, heading), entry in keyed:
        groups.setdefault(key, Group(key, heading, [])).entries.append(entry)
    return list(groups.values())


@dataclass(frozen=True)
class Part(Generic[T]):
    """One group page of a long page: a group (a letter, a month) or a part of a long group."""

    label: str  # "Persons · A", "December 2025", "Issues · I, part 2 of 3"
    path: str  # "actors/by-name/a.md", "quotes/by-speaker/a.md", "timeline/2025-12-part-2.md"
    entries: list[T]  # the entries it shows: a section's entries, or quotes, positions, timeline entries

    @property
    def count(self) -> int:
        return len(self.entries)


def cut(groups: list[Group[T]], folder: str, step: int) -> list[Part[T]]:
    """A page per group, ``<folder>/<key>.md``, and a group longer than ``step`` cut into parts
    of at most that many entries (``<key>-part-2.md``)."""
    parts = []
    for group in groups:
        entries = group.entries
        chunks = [entries[i : i + step] for i in range(0, len(entries), step)]
        for n, chunk in enumerate(chunks, 1):
            parts.append(
                Part(
                    group.heading if len(chunks) == 1 else f"{group.heading}, part {n} of {len(chunks)}",
                    f"{folder}/{group.key}.md" if n == 1 else f"{folder}/{group.key}-part-{n}.md",
                    chunk,
                )
            )
    return parts


@dataclass(frozen=True)
class GroupIndexContext:
    """``group_index.md.j2``: a page too long for one page (a section's index, an overview page),
    as a link per group page with its number of entries."""

    title: str  # "Who's who", "Quotes"
    intro: str  # what the page shows, said before the count
    noun: str  # what is counted: "entries", "quotes", "positions"
    total: int  # the entries of every group page
    parts: list[Part[Any]]  # the group pages, in order


@dataclass(frozen=True)
class GroupPartContext:
    """``group_part.md.j2``: one group page, its entries shown by ``body``, and links to the whole
    page and to the neighbouring group pages."""

    title: str  # "Quotes: Speakers · A"
    whole_title: str  # the title of the page it is part of: "Quotes"
    whole: str  # the path of that page: "quotes.md", "actors/index.md"
    noun: str  # what is counted: "entries", "quotes", "positions"
    total: int  # the entries of every group page of the whole
    part: Part[Any]  # this page
    previous: Part[Any] | None  # the group page before it, if any
    next: Part[Any] | None  # the group page after it, if any
    body: str  # the template that shows the entries: "_section_part_body.md.j2", "_quotes_body.md.j2"
    # What an overview's body template shows of this part's entries (under their headings); None on
    # a section's group page, whose body lists ``part.entries``.
    groups: Any = None


def paginate(
    title: str,
    intro: str,
    noun: str,
    whole: str,
    parts: list[Part[T]],
    body: str,
    show: Callable[[list[T]], Any] | None = None,
) -> tuple[GroupIndexContext, list[GroupPartContext]]:
    """The index of a page cut into ``parts`` and each part's page, linked to its neighbours.
    ``show(entries)`` is what an overview's ``body`` shows of a part's entries."""
    total = sum(part.count for part in parts)
    pages = [
        GroupPartContext(
            title=f"{title}: {part.label}",
            whole_title=title,
            whole=whole,
            noun=noun,
            total=total,
            part=part,
            previous=parts[n - 1] if n else None,
            next=parts[n + 1] if n + 1 < len(parts) else None,
            body=body,
            groups=show(part.entries) if show else None,
        )
        for n, part in enumerate(parts)
    ]
    return GroupIndexContext(title, intro, noun, total, parts), pages
