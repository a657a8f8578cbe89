"""The link helpers a template calls as ``h``: links to pages and sources, citations, anchors.

One ``PageLinks`` per page: it records every page linked (for the backlinks) and every value
looked up in the notes (so a kept page can tell whether it is still current, see reuse.py).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import cite as cite_it
from ..citations import citation_link, place_label
from ..corpus import Corpus
from ..disputes import Fact
from ..link import Citation
from ..markup import SafeMarkdown, escape_md
from .page import relative_url
from .shown_dates import format_date

if TYPE_CHECKING:
    from .contexts import StatementItem


# What link helpers look up in the notes: (kind, id) -> the value a page shows.
LOOKUPS = {
    "actor": lambda corpus, ident: corpus.actors[ident].note.name,
    "issue": lambda corpus, ident: corpus.issues[ident].note.name,
    "event": lambda corpus, ident: corpus.events[ident].note.name,
    "source": lambda corpus, ident: corpus.sources[ident].note.title,
    "cite": lambda corpus, ident: (
        corpus.sources[ident].note.publisher,
        corpus.sources[ident].note.published,
        corpus.sources[ident].note.url,
    ),
}


class PageLinks:
    """Link helpers bound to one page, recording every link (for the backlinks) and every value
    they look up in the notes (so a kept page can tell whether it is still current)."""

    def __init__(
        self,
        path: str,
        corpus: Corpus,
        lookup: Callable[[str, str], Any] | None = None,
        citations: dict[str, tuple[StatementItem, str, tuple]] | None = None,
    ):
        self.path, self.corpus = path, corpus
        # Statements' citation texts made on other pages of the same render (see ``_statement_text``).
        self._citations = citations if citations is not None else {}
        self.folder = posixpath.dirname(path)
        self.targets: set[str] = set()
        self.reads: dict[tuple[str, str], Any] = {}
        self.anchors: set[str] = set()  # ids given on this page (see ``anchor``)
        self._lookup = lookup or (lambda kind, ident: LOOKUPS[kind](corpus, ident))

    def _read(self, kind: str, ident: str) -> Any:
        value = self.reads[kind, ident] = self._lookup(kind, ident)
        return value

    def url(self, target: str, anchor: str = "", backlink: bool = True) -> str:
        if backlink:
            self.targets.add(target)
        rel = relative_url(self.folder, target)
        return rel + (f"#{anchor}" if anchor else "")

    def _link(self, text: str, target: str, anchor: str = "") -> SafeMarkdown:
        return SafeMarkdown(f"[{escape_md(text)}]({self.url(target, anchor)})")

    def actor(self, actor_id: str) -> SafeMarkdown:
        return self._link(self._read("actor", actor_id), f"actors/{actor_id}.md")

    def issue(self, issue_id: str) -> SafeMarkdown:
        return self._link(self._read("issue", issue_id), f"issues/{issue_id}.md")

    def event(self, event_id: str) -> SafeMarkdown:
        return self._link(self._read("event", event_id), f"events/{event_id}.md")

    def source(self, source_id: str) -> SafeMarkdown:
        return self._link(self._read("source", source_id), f"sources/{source_id}.md")

    def entry(self, kind: str, ident: str) -> SafeMarkdown:
        """A link to an entity page by kind: ``entry("actor", "ada-lund")`` is ``actor("ada-lund")``."""
        return {"actor": self.actor, "issue": self.issue, "event": self.event, "source": self.source}[kind](ident)

    def page(self, title: str, target: str) -> SafeMarkdown:
        return self._link(title, target)

    def nav(self, title: str, target: str) -> SafeMarkdown:
        """A way back or along (a group page to its section index or its neighbours), not a backlink:
        the target already links here, and would otherwise list every group page under "Linked from"."""
        return SafeMarkdown(f"[{escape_md(title)}]({self.url(target, backlink=False)})")

    def cite(self, citation: Citation) -> SafeMarkdown:
        publisher, published, url = self._read("cite", citation.source)
        label = ", ".join(filter(None, (publisher, format_date(published), place_label(citation.anchor))))
        return citation_link(
            label, self.url(f"sources/{citation.source}.md", citation.anchor), citation.said, url, citation.passage
        )

    def short_cites(self, citations) -> SafeMarkdown:
        """Citations under a heading that names their source: "¶3", still opening the cited sentence."""
        return SafeMarkdown(
            "<small>;</small> ".join(
                citation_link(
                    place_label(c.anchor) or "the article",
                    self.url(f"sources/{c.source}.md", c.anchor),
                    c.said,
                    None,
                    c.passage,
                )
                for c in citations
            )
        )

    def source_cite(self, source_id: str) -> SafeMarkdown:
        """A source as citations name it ("Financial Times, 3 December 2025"), linking to its page. Left out
        of the search index, as citations are: a search for a publisher finds its sources."""
        publisher, published, _ = self._read("cite", source_id)
        link = self._link(", ".join(filter(None, (publisher, format_date(published)))), f"sources/{source_id}.md")
        return SafeMarkdown(f"<span data-pagefind-ignore>{link}</span>")

    def publisher(self, source_id: str) -> SafeMarkdown:
        """Who published a source, as text: "reported 3 December 2025 by Financial Times". Left out of
        the search index, as citations are: a search for a publisher finds its sources."""
        return SafeMarkdown(f"<span data-pagefind-ignore>{escape_md(self._read('cite', source_id)[0])}</span>")

    def cites(self, citations) -> SafeMarkdown:
        # Adjacent citations are separated, so that "¶4" and the next "Financial Times" do not run together.
        return SafeMarkdown("<small>;</small> ".join(self.cite(c) for c in citations))

    def anchor(self, anchor: str) -> SafeMarkdown:
        """An id to link to, once per page (a page may show a statement in two lists)."""
        if anchor in self.anchors:
            return SafeMarkdown("")
        self.anchors.add(anchor)
        return SafeMarkdown(f'<span id="{anchor}"></span>')

    def statement_anchor(self, s: StatementItem) -> SafeMarkdown:
        return self.anchor(cite_it.statement_anchor(s.id))

    def cite_statement(self, s: StatementItem) -> SafeMarkdown:
        """The statement's cite control: its permalink on its source's page and its citation (cite.py)."""
        page = cite_it.statement_page(self.corpus.statement_source[s.id])
        permalink = self.url(page, cite_it.statement_anchor(s.id), backlink=False)
        return cite_it.control(permalink, self._statement_text(s))

    def _statement_text(self, s: StatementItem) -> str:
        """cite.statement_text for ``s``: a statement is shown on about eight pages, and its citation
        text, the same on each, is made once per render. A page that takes it from another still
        looks up what it was made from, so that its reads are what making it would have read."""
        kept = self._citations.get(s.id)
        if kept is not None and kept[0] is s:
            for kind, ident in kept[2]:
                self._read(kind, ident)
            return kept[1]
        asked: list[tuple[str, str]] = []

        def read(kind: str, ident: str) -> Any:
            asked.append((kind, ident))
            return self._read(kind, ident)

        text = cite_it.statement_text(read, s)
        self._citations[s.id] = (s, text, tuple(asked))
        return text

    def fact_anchor(self, fact: Fact) -> SafeMarkdown:
        return self.anchor(cite_it.fact_anchor(fact.name))

    def cite_fact(self, label: str, fact: Fact) -> SafeMarkdown:
        """An event fact's cite control: its permalink on the event's page and its citation (cite.py)."""
        permalink = self.url(f"events/{fact.event}.md", cite_it.fact_anchor(fact.name), backlink=False)
        return cite_it.control(permalink, cite_it.fact_text(self._read, fact.event, label, fact))

    def dispute(self, event_id: str, fact: str) -> SafeMarkdown:
        """The fact's name ("date"), linking to where the event's page lists the sources' versions."""
        return self._link(fact, f"events/{event_id}.md", f"disputed-{fact}")
