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
    first = None
    for part in parts:
        found = haystack.find(part, start)
        if found < 0:
            return None
        first = found if first is None else first
        start = found + len(part)
    return first


@dataclass(frozen=True)
class Sentence:
    anchor: str
    text: str
    start: int  # offset in the source text
    end: int


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]


def split_sentences(text: str) -> tuple[Paragraph, ...]:
    """Paragraphs (non-empty lines) and their sentences, anchored ``p<n>-s<m>``.

    Sources are kept verbatim and never edited, so positional anchors are stable.
    """
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            base = offset + line.index(stripped[0])
            number = len(paragraphs) + 1
            sentences, cursor = [], 0
            bounds = [m.end() for m in _SENTENCE_END.finditer(stripped)] + [len(stripped)]
            for end in bounds:
                chunk = stripped[cursor:end].strip()
                if chunk:
                    anchor = f"p{number}-s{len(sentences) + 1}"
                    sentences.append(Sentence(anchor, chunk, base + cursor, base + end))
                cursor = end
            paragraphs.append(Paragraph(tuple(sentences)))
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
        found = find_in_order(pieces(passage), self.normalized)
        if found is None or not self.sentences:
            return None
        return self.sentences[max(0, bisect.bisect_right(self.starts, found) - 1)]


@lru_cache(maxsize=4096)
def prepare(text: str) -> SourceText:
    paragraphs = split_sentences(text)
    sentences = tuple(s for p in paragraphs for s in p.sentences)
    parts, starts, cursor = [], [], 0
    for sentence in sentences:
        part = normalize(sentence.text)
        starts.append(cursor)
        parts.append(part)
        cursor += len(part) + 1
    return SourceText(text, " ".join(parts), tuple(starts), paragraphs, sentences)
