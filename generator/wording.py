"""A statement's words as pages show them: exact words in quotation marks, a paraphrase never.

Only a statement's ``quote`` (checked to occur in the cited passage) is ever printed between
quotation marks. A quote is noted as printed, so it may end with the comma, semicolon or colon
the article puts before "he said" ("No compromise has been found yet,"); that mark belongs to the
article's sentence, not to the speaker's words, and is not shown inside the quotation marks.
Full stops, question and exclamation marks end the speaker's own sentence and stay.

A cut is shown as what it is: a contributor's ``[...]`` as the editorial cut "[…]"; a cut the article
prints itself ("[ . . . ]"), which the quote must copy (``article_cuts``), as the article prints it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Statement
from .text import GAP_RE, normalize

# Punctuation that closes the quoted words only because the article's sentence goes on.
TRAILING_MARKS = ",;:"
# How a contributor marks a cut of their own; shown as the editorial cut EDITORIAL_CUT.
CONTRIBUTOR_CUTS = ("[...]", "[…]")
EDITORIAL_CUT = "[…]"


def quoted(quote: str) -> str:
    """The words to print between quotation marks: the quote without a trailing , ; or :, with a
    contributor's cut shown as "[…]" and the article's own cut marker as the article prints it."""
    words = quote.rstrip().rstrip(TRAILING_MARKS).rstrip()
    return GAP_RE.sub(lambda m: EDITORIAL_CUT if m.group() in CONTRIBUTOR_CUTS else m.group(), words)


def article_cuts(quote: str, normalized: str, raw: str) -> list[str]:
    """The article's own cut markers, as printed in ``raw``, where ``quote`` cuts with another marker.

    ``normalized`` is the article's normalised text. Where the words on both sides of a cut in the
    quote stand in the article with only a cut marker between them, that marker is the article's,
    and the quote must copy it: pages then show it as printed, not as a cut of the contributor's."""
    segments, marks = GAP_RE.split(quote), GAP_RE.findall(quote)
    wrong, cursor = [], 0
    for i, mark in enumerate(marks):
        left, right = normalize(segments[i]), normalize(segments[i + 1])
        at = normalized.find(left, cursor) if left else -1
        if at < 0 or not right:
            continue
        cursor = at + len(left)
        following = normalized.find(right, cursor)
        gap = normalized[cursor:following].strip() if following >= 0 else ""
        if GAP_RE.fullmatch(gap) and normalize(mark) != gap:
            wrong += [m for m in GAP_RE.findall(raw) if normalize(m) == gap][:1] or [gap]
    return wrong


@dataclass(frozen=True)
class Wording:
    """One source's wording of a statement: its exact words (``is_quote``) or its paraphrase."""

    text: str
    is_quote: bool
    citations: tuple


def wording_of(note: Statement) -> tuple[str, bool] | None:
    """What a report says the speaker said: the exact words if it quotes any, else its paraphrase."""
    if note.quote:
        return quoted(note.quote), True
    return (note.paraphrase, False) if note.paraphrase else None


def wordings(reports: list[tuple[Statement, tuple]]) -> tuple[tuple[Wording, ...], bool]:
    """Each distinct wording of a statement among its reports ``(note, citations)``, and whether the
    wording is disputed: two reports quoting different exact words. Empty when all reports agree.

    A paraphrase beside another source's exact words is another wording, not a dispute; wordings
    differing only in typography or in the trailing mark ``quoted`` leaves out are the same."""
    found: dict[tuple[bool, str], Wording] = {}
    for note, citations in reports:
        wording = wording_of(note)
        if wording is None:
            continue
        key = (wording[1], normalize(wording[0]).casefold())
        kept = found.get(key)
        found[key] = Wording(*wording, (kept.citations if kept else ()) + tuple(citations))
    if len(found) < 2:
        return (), False
    return tuple(found.values()), sum(w.is_quote for w in found.values()) > 1
