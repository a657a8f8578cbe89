"""Cite it: a permalink and a plain-text citation for every statement and every event fact.

Anchors come from ids, never from positions, so adding notes moves nothing: a statement's is
``said-<statement id>`` on the page of the source it was noted from (its permalink), an event
fact's is ``fact-<name>`` on the event's page. The control is a ``<details>`` element: it opens
without JavaScript, from the keyboard, and holds the citation as text a reader can copy.
"""

from __future__ import annotations

from typing import Any

from .citations import place_label
from .markup import SafeMarkdown, escape_md
from .pages.shown_dates import format_date
from .wording import quoted


def statement_anchor(statement_id: str) -> str:
    return f"said-{statement_id}"  # ids are slugs: safe in an HTML id and a URL


def statement_page(source_id: str) -> str:
    """The page a statement's permalink opens: its source's, which lists every statement noted from it."""
    return f"sources/{source_id}.md"


def fact_anchor(name: str) -> str:
    return f"fact-{name}"  # ``name`` is one of disputes.FACTS


def source_text(read: Any, source_id: str, anchors: list[str]) -> str:
    """'Financial Times, Title, 3 December 2025, ¶2, ¶4, https://…': one source and where in it."""
    publisher, published, url = read("cite", source_id)
    places = ", ".join(dict.fromkeys(filter(None, (place_label(a) for a in anchors))))
    # The title without quotation marks: only exact words stand between them (wording.py).
    parts = [publisher, read("source", source_id), format_date(published), places, url]
    return ", ".join(p for p in parts if p)


def _sources(read: Any, citations: Any) -> str:
    anchors: dict[str, list[str]] = {}
    for c in citations:
        anchors.setdefault(c.source, []).append(c.anchor)
    texts = [source_text(read, source, places) for source, places in anchors.items()]
    return ("Source: " if len(texts) == 1 else "Sources: ") + "; ".join(texts) + "."


def statement_text(read: Any, s: Any) -> str:
    """Speaker, words (exact words in quotation marks, or a labelled paraphrase), when, source."""
    note = s.note
    who = read("actor", note.speaker)
    if note.on_behalf_of:
        who += f", relaying the view of {read('actor', note.on_behalf_of)}"
    if s.date:
        when = format_date(s.date)
    elif s.reported:
        publisher = read("cite", s.reported[0])[0]
        when = f"reported {format_date(s.reported[1])} by {publisher}" if s.reported[1] else f"reported by {publisher}"
    else:
        when = "undated"
    if note.quote:
        words = f"“{quoted(note.quote)}” (exact words)"
        if note.paraphrase:
            words += f" (paraphrase: {note.paraphrase})"
    else:
        words = f"(paraphrase) {note.paraphrase}"
    return f"{who}, {when}: {words} {_sources(read, s.citations)}"


def fact_text(read: Any, event_id: str, label: str, fact: Any) -> str:
    """The event, the fact as the sources most give it, and those sources."""
    version = fact.shown
    value = format_date(version.when) if version.when else version.value
    disputed = " (disputed: the sources differ)" if fact.disputed else ""
    return f"{read('event', event_id)}, {label.lower()}: {value}{disputed}. {_sources(read, version.citations)}"


def control(permalink: str, text: str) -> SafeMarkdown:
    """The cite control: ``permalink`` is a Markdown link destination (MkDocs resolves it)."""
    return SafeMarkdown(
        '<details class="cite" data-pagefind-ignore><summary>cite</summary>'
        f'<span class="cite-link">[Permalink]({permalink})</span> '
        f'<span class="cite-text">{escape_md(text)}</span></details>'
    )
