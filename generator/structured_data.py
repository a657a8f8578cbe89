"""What a page says about itself to machines: a description, its Open Graph type, and schema.org JSON-LD.

Added to each rendered page's front matter, where the site theme prints them into the page's
head (site_theme/partials/briefing-meta.html): ``description`` (Material's meta description,
and the Open Graph and Twitter card text), ``og_type``, and ``json_ld``. Actors are ``Person``
or ``Organization``, events ``Event``, sources ``NewsArticle``, and exact quotations
``Quotation`` (a paraphrase is not the speaker's words, so it is not one).

Everything is text from the notes: the description is escaped for the HTML attribute it goes
into, and the JSON-LD is escaped so that nothing in a note can end its script element.
"""

from __future__ import annotations

import dataclasses
import html
import json
from typing import TYPE_CHECKING, Any

import nh3

from .corpus import Corpus
from .feeds import feed_of_page
from .link import Links
from .markup import render_prose
from .model import EventStatus, Precision, When
from .pages.page import Page
from .pages.shown_dates import format_date
from .site_config import SiteConfig
from .wording import quoted

if TYPE_CHECKING:
    from .build_state import BuildState

DESCRIPTION_LENGTH = 200
# schema.org has no status for an event that is only proposed, or that depends on something.
EVENT_STATUS = {
    EventStatus.held: "https://schema.org/EventScheduled",
    EventStatus.planned: "https://schema.org/EventScheduled",
}
# schema.org has no type for a group of people speaking together; Organization is the nearest that
# Quotation.spokenByCharacter accepts. An unnamed speaker is still a person.
ACTOR_TYPE = {"person": "Person", "organisation": "Organization", "group": "Organization", "anonymous": "Person"}
Node = dict[str, Any]


def script_json(data: Any) -> str:
    """JSON for inside ``<script type="application/ld+json">``: ASCII, with ``<``, ``>`` and ``&``
    escaped, so no text in it can close the element or open a comment. U+2028 and U+2029 come out
    escaped as every non-ASCII character does."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plain_text(markdown: str | None) -> str:
    """Contributor prose (Markdown) as the plain text a reader sees, on one line."""
    if not markdown:
        return ""
    return " ".join(html.unescape(nh3.clean(render_prose(markdown), tags=set())).split())


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _attribute(text: str) -> str:
    """Text for an HTML attribute that MkDocs' themes print as it is; characters beyond the Basic
    Multilingual Plane as references, since the front matter's YAML would split them."""
    escaped = html.escape(text, quote=True)
    return "".join(c if ord(c) <= 0xFFFF else f"&#x{ord(c):X};" for c in escaped)


def _iso(when: When | None) -> str | None:
    """An ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD); none for a date the source gives only roughly."""
    return when.value if when and when.effective_precision is not Precision.approximate else None


def _compact(node: Node) -> Node:
    return {k: v for k, v in node.items() if v not in (None, "", [])}


class _Nodes:
    """schema.org nodes for the notes, each named by the address of the page that shows it."""

    def __init__(self, corpus: Corpus, links: Links, site: SiteConfig):
        self.corpus, self.links, self.site = corpus, links, site

    def actor_ref(self, actor_id: str) -> Node:
        note = self.corpus.actors[actor_id].note
        url = self.site.page_url(f"actors/{actor_id}.md")
        return {"@type": ACTOR_TYPE[note.kind.value], "@id": url + "#actor", "name": note.name, "url": url}

    def source_ref(self, source_id: str) -> Node:
        note = self.corpus.sources[source_id].note
        return {
            "@type": "NewsArticle",
            "@id": self.site.page_url(f"sources/{source_id}.md") + "#article",
            "headline": note.title,
        }

    def issue_ref(self, issue_id: str) -> Node:
        return {
            "@type": "Thing",
            "name": self.corpus.issues[issue_id].note.name,
            "url": self.site.page_url(f"issues/{issue_id}.md"),
        }

    def actor(self, actor_id: str) -> Node:
        note = self.corpus.actors[actor_id].note
        roles = [r.title for r in note.roles]
        person = note.kind.value == "person"
        return _compact(
            {
                **self.actor_ref(actor_id),
                "alternateName": list(note.aliases),
                "description": shorten(plain_text(note.about)),
                "jobTitle": roles if person else None,
                "affiliation": [self.actor_ref(r.affiliation) for r in note.roles if r.affiliation] if person else None,
            }
        )

    def event(self, event_id: str) -> Node:
        note = self.corpus.events[event_id].note
        dates, places = note.date or [], note.place or []
        return _compact(
            {
                "@type": "Event",
                "@id": self.site.page_url(f"events/{event_id}.md") + "#event",
                "name": note.name,
                "url": self.site.page_url(f"events/{event_id}.md"),
                # A date or place the sources dispute is on the page with each source, not asserted here.
                "startDate": _iso(dates[0]) if len({d.value for d in dates}) == 1 else None,
                "location": {"@type": "Place", "name": places[0].value}
                if len({p.value for p in places}) == 1
                else None,
                "eventStatus": EVENT_STATUS.get(note.status),
                "attendee": [self.actor_ref(p.actor) for p in note.participants],
                "about": [self.issue_ref(i) for i in note.issues],
                "description": shorten(plain_text(note.summary)),
            }
        )

    def source(self, source_id: str) -> Node:
        note = self.corpus.sources[source_id].note
        return _compact(
            {
                **self.source_ref(source_id),
                "datePublished": _iso(note.published),
                "publisher": {"@type": "Organization", "name": note.publisher},
                "author": [{"@type": "Person", "name": name} for name in note.byline],
                "inLanguage": note.language,
                "url": note.url,
            }
        )

    def quotations(self, statement_ids, described: Node) -> list[Node]:
        """Exact quotes as Quotation nodes; the speaker or source ``described`` in the same graph is
        named by its @id alone, not repeated with every quote."""

        def ref(node: Node) -> Node:
            return {"@id": node["@id"]} if node["@id"] == described["@id"] else node

        found = []
        for sid in statement_ids:
            note = self.corpus.statements[sid].note
            if not note.quote:
                continue
            found.append(
                _compact(
                    {
                        "@type": "Quotation",
                        "text": quoted(note.quote),
                        "spokenByCharacter": ref(self.actor_ref(note.speaker)),
                        "isBasedOn": ref(self.source_ref(self.corpus.statement_source[sid])),
                        "dateCreated": _iso(note.date),
                        "about": [self.issue_ref(i) for i in note.issues],
                    }
                )
            )
        return found


def page_metadata(page: Page, corpus: Corpus, links: Links, site: SiteConfig) -> tuple[str, str, list[Node]]:
    """A page's description (plain text; empty for the site's own), Open Graph type and JSON-LD nodes."""
    nodes = _Nodes(corpus, links, site)
    url = site.page_url(page.path)
    section, _, rest = page.path.partition("/")
    ident = rest[: -len(".md")] if rest.endswith(".md") and "/" not in rest else None
    if section == "actors" and ident in corpus.actors:
        actor = corpus.actors[ident].note
        roles = "; ".join(r.title for r in actor.roles)
        said = len(links.statements_by_speaker.get(ident, ()))
        text = plain_text(actor.about) or f"{actor.name}{': ' + roles if roles else ''}."
        text += f" {said} statement{'s' if said != 1 else ''} in the briefing, each cited to its source."
        spoken = links.statements_by_speaker.get(ident, [])
        subject = nodes.actor(ident)
        return (
            shorten(text),
            "profile" if actor.kind.value == "person" else "website",
            [subject, *nodes.quotations(spoken, subject)],
        )
    if section == "issues" and ident in corpus.issues:
        return (
            shorten(plain_text(corpus.issues[ident].note.summary)),
            "website",
            [{"@type": "WebPage", "@id": url, "url": url, "name": page.title, "about": nodes.issue_ref(ident)}],
        )
    if section == "events" and ident in corpus.events:
        event = corpus.events[ident].note
        when = links.event_date(ident)
        text = f"{event.kind.capitalize()}, {event.status.value}" + (f", {format_date(when)}" if when else "")
        text += f", {event.place[0].value}." if event.place else "."
        summary = plain_text(event.summary)
        return shorten(f"{text} {summary}" if summary else text), "website", [nodes.event(ident)]
    if section == "sources" and ident in corpus.sources:
        source = corpus.sources[ident].note
        noted = links.cited_by_source.get(ident, {}).get("statements", ())
        text = f"{source.publisher}, {format_date(source.published)}: {source.title}"
        article = nodes.source(ident)
        return shorten(text), "article", [article, *nodes.quotations(sorted(noted), article)]
    if page.path == "index.md":
        return (
            "",
            "website",
            [
                _compact(
                    {"@type": "WebSite", "@id": url, "url": url, "name": site.name, "description": site.description}
                )
            ],
        )
    if page.path == "data/index.md":
        return _dataset_description(), "website", [_dataset(site, url)]
    return "", "website", [{"@type": "WebPage", "@id": url, "url": url, "name": page.title}]


def _dataset_description() -> str:
    return (
        "The briefing's notes as tables, as CSV and JSON, with a Frictionless data package describing "
        "every field: who said what, about which issue, at which event, according to which source."
    )


def _dataset(site: SiteConfig, url: str) -> Node:
    from .dataset import TABLES

    return {
        "@type": "Dataset",
        "@id": url + "#dataset",
        "url": url,
        "name": f"{site.name}: data",
        "description": _dataset_description(),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": t.title,
                "encodingFormat": kind,
                "contentUrl": site.file_url(f"data/{t.name}.{ext}"),
            }
            for t in TABLES
            for ext, kind in (("csv", "text/csv"), ("json", "application/json"))
        ],
    }


def with_metadata(page: Page, corpus: Corpus, links: Links, site: SiteConfig) -> Page:
    description, og_type, graph = page_metadata(page, corpus, links, site)
    meta: tuple[tuple[str, str], ...] = (("description", _attribute(description)),) if description else ()
    meta += (("og_type", og_type), ("json_ld", script_json({"@context": "https://schema.org", "@graph": graph})))
    feed = feed_of_page(page.path)
    if feed:  # an actor's or an issue's own feed, offered beside the whole site's
        meta += (("feed", feed), ("feed_title", _attribute(f"{page.title} · {site.name}")))
    return dataclasses.replace(page, meta=meta)


def describe_pages(
    pages: list, corpus: Corpus, links: Links, site: SiteConfig, state: BuildState | None = None
) -> list:
    """Each page with its metadata in its front matter; other generated files as they are.

    With a ``state`` (serve), a page in and metadata as last time give last time's page out, the same
    object (write.py then skips encoding it)."""
    described = []
    last = state.described if state is not None else {}
    kept_now: dict[str, tuple[Page, tuple, Page]] = {}
    for page in pages:
        if not isinstance(page, Page):
            described.append(page)
            continue
        result = with_metadata(page, corpus, links, site)
        kept = last.get(page.path)
        if kept is not None and kept[0] is page and kept[1] == result.meta:
            result = kept[2]
        kept_now[page.path] = (page, result.meta, result)
        described.append(result)
    if state is not None:
        state.described = kept_now  # pages gone are forgotten
    return described
