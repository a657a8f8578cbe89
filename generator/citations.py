"""How a citation reads and where it leads.

A citation stays short ("Financial Times, 3 December 2025, ¶2"); it opens the cited
sentences on the source page, shows them as its tooltip (on hover and on keyboard focus),
and, where the source has a ``url``, links to the passage on the publisher's page with a URL
text fragment (https://wicg.github.io/scroll-to-text-fragment/).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from .markup import SafeMarkdown, escape_md
from .text import GAP_RE

# Words kept at each end of a long passage: enough to find it, short enough for a URL.
FRAGMENT_WORDS = 5
_TITLE_MAX = 400
_ENDS = "\"'“”‘’«» .,;:"
# What may stand in a Markdown link destination without percent-encoding.
_URL_SAFE = ":/?#[]@!$&'*+,;=%~"


def span_anchor(first: str, last: str) -> str:
    """The anchor a citation opens: one sentence's, or a marker for several (``p3-s1-to-p3-s3``)."""
    return first if not last or first == last else f"{first}-to-{last}"


def passage_markers(text, markers) -> dict[str, list[tuple[str, str]]]:
    """For each marker of a cited passage (``p3-s1-to-p3-s3``): the sentence it starts at, and the
    anchors of every sentence it spans, which the source page highlights together."""
    order = [s.anchor for s in text.sentences]
    index = {anchor: i for i, anchor in enumerate(order)}
    found: dict[str, list[tuple[str, str]]] = {}
    for marker in sorted(markers):
        first, _, last = marker.partition("-to-")
        if first in index and last in index:
            found.setdefault(first, []).append((marker, " ".join(order[index[first] : index[last] + 1])))
    return found


def place_label(anchor: str) -> str:
    """Where in the article a citation points: "¶3" for the body's third paragraph, or the kind of
    line ("caption", "headline") for text outside the body."""
    head = anchor.split("-")[0]
    if not head:
        return ""
    if head[0] == "p" and head[1:].isdigit():
        return f"¶{head[1:]}"
    return head.rstrip("0123456789")


def _fragment_term(words: list[str]) -> str:
    # A text fragment must percent-encode "-", "&" and "," (they delimit its parts).
    return quote(" ".join(words), safe="").replace("-", "%2D")


def text_fragment(passage: str) -> str:
    """``:~:text=`` directive for ``passage``: the whole of a short one, else its first and last words.

    The words are the passage's own (the publisher's typography), less quotation marks and
    punctuation at either end, which a contributor may have typed differently."""
    parts = [" ".join(part.split()) for part in GAP_RE.split(passage)]
    parts = [p for p in parts if p.strip(_ENDS)]
    if not parts:
        return ""
    first, last = parts[0].strip(_ENDS).split(), parts[-1].strip(_ENDS).split()
    if len(parts) == 1 and len(first) <= 2 * FRAGMENT_WORDS:
        return ":~:text=" + _fragment_term(first)
    start, end = " ".join(first[:FRAGMENT_WORDS]).strip(_ENDS), " ".join(last[-FRAGMENT_WORDS:]).strip(_ENDS)
    return ":~:text=" + _fragment_term(start.split()) + "," + _fragment_term(end.split())


# A passage is cited on every page that shows its statement (about eight at 5,000 pages): its
# link and title are made once.
@lru_cache(maxsize=1 << 16)
def original_url(url: str, passage: str) -> str:
    """The publisher's page, scrolled to ``passage`` by browsers that support text fragments."""
    directive = text_fragment(passage)
    base = quote(url, safe=_URL_SAFE)
    return base + ("" if "#" in base else "#") + directive if directive else base


@lru_cache(maxsize=1 << 16)
def tooltip(text: str) -> str:
    """Cited sentences as a Markdown link title: Python-Markdown ends a title at '")' and
    reads entities and code spans in it, so straight quotes become typographic ones (the
    evidence check treats them as equal), backticks apostrophes, and '&' an entity."""
    text = " ".join(text.split())
    if len(text) > _TITLE_MAX:
        text = text[: _TITLE_MAX - 1].rstrip() + "…"
    text = re.sub(r'(^|[\s(\[])"', "\\1“", text).replace('"', "”").replace("`", "'")
    return text.replace("&", "&amp;")


def citation_link(label: str, href: str, said: str, url: str | None, passage: str) -> SafeMarkdown:
    """``<small>[label](href "cited sentences") [original](publisher's page)</small>``."""
    title = f' "{tooltip(said)}"' if said else ""
    link = f"[{escape_md(label)}]({href}{title})"
    if url:
        link += f' [original]({original_url(url, passage)} "{tooltip("The passage on the publisher’s page")}")'
    return SafeMarkdown(f"<small>{link}</small>")
