"""Long listing and overview pages, cut into group pages (a letter, a month, a part of a long one)."""

from __future__ import annotations

import hashlib
import re
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

    label: str  # "Persons · A", "December 2025", "Issues · I, from Issue 12 on talks"
    path: str  # "actors/by-name/a.md", "quotes/by-speaker/a.md", "timeline/2025-12-from-event-event-7.md"
    entries: list[T]  # the entries it shows: a section's entries, or quotes, positions, timeline entries

    @property
    def count(self) -> int:
        return len(self.entries)


def cut(
    groups: list[Group[T]], folder: str, step: int, key: Callable[[T], str] = str, name: Callable[[T], str] = str
) -> list[Part[T]]:
    """A page per group, ``<folder>/<key>.md``, and a group longer than ``step`` cut into parts of at
    most that many entries (see ``_chunks``), each after the first named by its first entry, as a
    dictionary's pages are by their first word: labelled "<heading>, from <its name>" (``name(entry)``),
    and its page ``<key>-from-<its key>.md`` (``key(entry)``); the first part is ``<heading>``, ``<key>.md``. Not numbered:
    a new part would renumber every later part, and change each page that links to one."""
    parts: list[Part[T]] = []
    paths: set[str] = set()
    for group in groups:
        chunks = _chunks(group.entries, step, key)
        for n, chunk in enumerate(chunks, 1):
            path = f"{folder}/{group.key}.md" if n == 1 else f"{folder}/{group.key}-from-{_slug(key(chunk[0]))}.md"
            while path in paths:  # two entries' keys alike once slugged: the second part's page apart
                path = path.removesuffix(".md") + "-2.md"
            paths.add(path)
            # The first part is the group's heading alone: it starts where the letter or month does, and
            # renaming its first entry (who changes most often: the group's first name) relabels nothing.
            label = group.heading if n == 1 else f"{group.heading}, from {name(chunk[0])}"
            parts.append(Part(label, path, chunk))
    return parts


def _slug(key: str) -> str:
    """A key as a file name's part: lowercase ASCII letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "entry"


def _chunks(entries: list[T], step: int, key: Callable[[T], str]) -> list[list[T]]:
    """``entries`` in parts of at most ``step``, each starting where its first entry's key says.

    Cut every ``step`` entries, one new entry would move an entry from each later part to the next,
    and every later part (and the page of each entry moved) would change. Here an entry whose key
    hashes to a mark (one in ``step // 3``) starts a part, unless another mark is among the
    ``step // 3`` entries before it: that depends on a few neighbours, not on where the part began,
    so a new entry changes the part it goes to, and starts or ends another one time in ``step // 3``
    at most. A part longer than ``step`` (about one in eight) is cut before its entry of least hash
    past ``step // 3``: a new entry moves that cut only if it is that entry, or pushes it out.
    """
    if len(entries) <= step:
        return [entries]
    every = least = max(1, step // 3)
    hashes = [_hash(key(entry)) for entry in entries]
    starts, last_mark = [0], -least
    for n, value in enumerate(hashes):
        if value % every == 0:
            if n >= least and n - last_mark >= least:
                starts.append(n)
            last_mark = n
    chunks = []
    for begin, end in zip(starts, [*starts[1:], len(entries)], strict=True):
        while end - begin > step:
            cut_at = min(range(begin + least, begin + step), key=lambda n: hashes[n])
            chunks.append(entries[begin:cut_at])
            begin = cut_at
        chunks.append(entries[begin:end])
    return chunks


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


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
    page and to the neighbouring group pages. It shows no figure of the whole (its total, its number
    of parts): one new entry would change them on every group page, and each page linking to one.
    The whole page says them."""

    title: str  # "Quotes: Speakers · A"
    whole_title: str  # the title of the page it is part of: "Quotes"
    whole: str  # the path of that page: "quotes.md", "actors/index.md"
    noun: str  # what is counted: "entries", "quotes", "positions"
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
            part=part,
            previous=parts[n - 1] if n else None,
            next=parts[n + 1] if n + 1 < len(parts) else None,
            body=body,
            groups=show(part.entries) if show else None,
        )
        for n, part in enumerate(parts)
    ]
    return GroupIndexContext(title, intro, noun, total, parts), pages
