"""Source text: typographic normalisation and stable sentence anchors.

Shared by the evidence check (does a passage occur?) and the source pages
(which sentence does a citation open?), so both always agree.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pysbd

_CHAR_MAP = {
    **dict.fromkeys("‘’‚‛′`", "'"),
    **dict.fromkeys("“”„‟″«»", '"'),
    **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...",
}
# An editor's cut: "[...]", "[ . . . ]", "[…]"; also a bare ". . ." ellipsis.
GAP_RE = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|\[\s*\.\.\.\s*\]")
_SPACED_ELLIPSIS = re.compile(r"\.\s\.\s\.")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"“‘']?[A-Z0-9])")
# Where a full stop may end an abbreviation rather than a sentence: a short capitalised word
# ("Gen.", "Nov.", "Okla."), a dotted one ("U.S.", "p.m."), an initial ("J."). Only paragraphs
# with such a stop go to pysbd, which costs about a millisecond a paragraph.
_MAYBE_ABBREVIATION = re.compile(r"(?:\b[A-Z][A-Za-z]{0,4}|\.[A-Za-z]+|\b[a-z])\.[\"'”’)]?\s*$")
_SEGMENTER = pysbd.Segmenter(language="en", clean=False, char_span=True)
# Lines of article.txt that are not the article's body, as source.yml's ``layout`` names them.
TEXT_PARTS = ("headline", "standfirst", "byline", "caption", "newsletter", "furniture")


_CHAR_PAIRS = tuple(_CHAR_MAP.items())


def _plain_typography(text: str) -> str:
    # A few str.replace calls are ~40x faster than str.translate with a dict table.
    if text.isascii():
        return text
    for fancy, plain in _CHAR_PAIRS:
        if fancy in text:
            text = text.replace(fancy, plain)
    return text


@lru_cache(maxsize=1 << 16)  # passages are normalised again on every check in serve, and for anchors
def normalize(text: str) -> str:
    """What typography may change without changing the words."""
    text = _plain_typography(unicodedata.normalize("NFKC", text))
    text = _SPACED_ELLIPSIS.sub("...", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 16)
def pieces(words: str) -> tuple[str, ...]:
    """A quote or passage split at editorial cuts, each piece normalised."""
    return tuple(p for p in (normalize(part) for part in GAP_RE.split(words)) if p)


def find_in_order(parts: tuple[str, ...], haystack: str, start: int = 0) -> int | None:
    """Offset of the first part if every part occurs in order, else None."""
    found = find_span_in_order(parts, haystack, start)
    return found[0] if found else None


def find_span_in_order(parts: tuple[str, ...], haystack: str, start: int = 0) -> tuple[int, int] | None:
    """Where the first part starts and the last one ends, if every part occurs in order."""
    first = None
    for part in parts:
        found = haystack.find(part, start)
        if found < 0:
            return None
        first = found if first is None else first
        start = found + len(part)
    return (first, start) if first is not None else None


@dataclass(frozen=True)
class Sentence:
    anchor: str
    text: str
    start: int  # offset in the source text
    end: int


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]
    kind: str = "body"  # or one of TEXT_PARTS


def _sentence_bounds(paragraph: str) -> list[int]:
    """Where each sentence of a paragraph ends."""
    ends = [m.end() for m in _SENTENCE_END.finditer(paragraph)]
    if any(_MAYBE_ABBREVIATION.search(paragraph, 0, end) for end in ends):
        found = [span.end for span in _SEGMENTER.segment(paragraph)][:-1]
        # pysbd finds its spans by searching the text again; keep them only if they are in order.
        if all(a < b for a, b in zip([0, *found], [*found, len(paragraph)], strict=True)):
            ends = found
    return ends + [len(paragraph)]


def split_sentences(text: str, layout: tuple[tuple[int, str], ...] = ()) -> tuple[Paragraph, ...]:
    """Paragraphs (non-empty lines) and their sentences, anchored ``p<n>-s<m>``.

    ``layout`` gives the kind of the lines (1-based, as an editor numbers them) that are not the
    article's body: they are anchored ``<kind><n>-s<m>`` instead, so ``p1`` is the body's first
    paragraph. Sources are kept verbatim and never edited, so positional anchors are stable.
    """
    kinds = dict(layout)
    paragraphs: list[Paragraph] = []
    counts: dict[str, int] = {}
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if stripped:
            base = offset + line.index(stripped[0])
            kind = kinds.get(number, "body")
            counts[kind] = counts.get(kind, 0) + 1
            prefix = f"p{counts[kind]}" if kind == "body" else f"{kind}{counts[kind]}"
            sentences: list[Sentence] = []
            cursor = 0
            for end in _sentence_bounds(stripped):
                chunk = stripped[cursor:end].strip()
                if chunk:
                    anchor = f"{prefix}-s{len(sentences) + 1}"
                    start = cursor + len(stripped[cursor:end]) - len(stripped[cursor:end].lstrip())
                    sentences.append(Sentence(anchor, chunk, base + start, base + start + len(chunk)))
                cursor = end
            paragraphs.append(Paragraph(tuple(sentences), kind))
        offset += len(line)
    return tuple(paragraphs)


@dataclass(frozen=True)
class SourceText:
    """A source's text, prepared once for every lookup."""

    raw: str
    normalized: str  # the normalised sentences joined by single spaces
    starts: tuple[int, ...]  # where each sentence starts in ``normalized``
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]

    def locate(self, passage: str) -> Sentence | None:
        """The sentence in which ``passage`` starts, if the passage occurs."""
        span = self.span(passage)
        return span[0] if span else None

    def span(self, passage: str) -> tuple[Sentence, ...]:
        """Every sentence ``passage`` covers, from the one it starts in to the one it ends in."""
        found = find_span_in_order(pieces(passage), self.normalized)
        if found is None or not self.sentences:
            return ()
        first = max(0, bisect.bisect_right(self.starts, found[0]) - 1)
        last = max(first, bisect.bisect_right(self.starts, found[1] - 1) - 1)
        return self.sentences[first : last + 1]


@lru_cache(maxsize=4096)
def prepare(text: str, layout: tuple[tuple[int, str], ...] = ()) -> SourceText:
    paragraphs = split_sentences(text, layout)
    sentences = tuple(s for p in paragraphs for s in p.sentences)
    parts, starts, cursor = [], [], 0
    for sentence in sentences:
        part = normalize(sentence.text)
        starts.append(cursor)
        parts.append(part)
        cursor += len(part) + 1
    return SourceText(text, " ".join(parts), tuple(starts), paragraphs, sentences)


def layout_pairs(layout) -> tuple[tuple[int, str], ...]:
    """source.yml's ``layout`` ({kind: [line, ...]}) as sorted (line, kind) pairs, for ``prepare``."""
    if not layout:
        return ()
    return tuple(sorted((int(line), getattr(kind, "value", kind)) for kind, lines in layout.items() for line in lines))
