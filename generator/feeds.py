"""Atom and JSON Feed: follow the whole briefing, an actor or an issue.

One entry per development, newest first (the newest ``FEED_LIMIT``): a statement, what a source says about an event
(its date, place, participants...), or a new source. An entry is dated by its source's
publication and links to a statement's permalink (``said-<id>`` on its source's page, see
cite.py), an event's page, or a source's page. Entries are plain text,
so nothing in a note can become markup in a feed reader.

Written with the pages under ``docs/feeds/`` (``all.xml`` and ``all.json``,
``actors/<id>.xml``, ``issues/<id>.xml``, ...); pages link to theirs in their head (see
structured_data.py and site_theme/partials/briefing-meta.html).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .cite import statement_anchor, statement_page
from .corpus import Corpus
from .export import DataFile
from .link import Links
from .model import Source
from .pages.shown_dates import format_date
from .site_config import SiteConfig
from .stories import story_members
from .wording import quoted

FOLDER = "feeds"
# A feed holds the newest developments, as feeds do; the whole history is in the data download.
FEED_LIMIT = 100
ATOM = "http://www.w3.org/2005/Atom"
# XML 1.0 cannot carry these; a note could (YAML's escapes): they become U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Entry:
    id: str  # names the entry's row in the data download
    url: str
    title: str
    text: str
    published: dt.date
    actors: frozenset[str]
    issues: frozenset[str]


def _day(source: Source) -> dt.date:
    """The day an entry is dated by: its source's publication, or when it was read if the page gives no date."""
    when = source.published or source.retrieved
    return when.start if when else dt.date(2000, 1, 1)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


class _Entries:
    def __init__(self, corpus: Corpus, links: Links, site: SiteConfig):
        self.corpus, self.links, self.site = corpus, links, site

    def name(self, actor_id: str) -> str:
        return self.corpus.actors[actor_id].note.name

    def cited(self, source_id: str, anchor: str) -> str:
        note = self.corpus.sources[source_id].note
        paragraph = anchor.split("-")[0].lstrip("p")
        return f"{note.publisher}, {format_date(note.published)}" + (f", paragraph {paragraph}" if paragraph else "")

    def statement(self, sid: str) -> Entry:
        note = self.corpus.statements[sid].note
        source = self.corpus.statement_source[sid]
        citation = self.links.own_citations(sid)[0]
        words = f"“{quoted(note.quote)}”" if note.quote else f"(paraphrase) {note.paraphrase}"
        lines = [f"{self.name(note.speaker)}: {words}"]
        if note.quote and note.paraphrase:
            lines.append(f"Paraphrase: {note.paraphrase}")
        if note.on_behalf_of:
            lines.append(f"Relaying the view of {self.name(note.on_behalf_of)}.")
        if note.said_at:
            lines.append(f"At: {self.corpus.events[note.said_at].note.name}.")
        if note.about_events:
            lines.append("About: " + "; ".join(self.corpus.events[e].note.name for e in note.about_events) + ".")
        lines.append(f"Source: {self.cited(citation.source, citation.anchor)}.")
        # The statement's permalink, where the site shows it with its citation (cite.py).
        url = self.site.page_url(statement_page(source)) + "#" + statement_anchor(sid)
        return Entry(
            self.site.file_url(f"data/statements.json#{sid}"),
            url,
            _short(lines[0]),
            "\n".join(lines),
            _day(self.corpus.sources[source].note),
            frozenset({note.speaker, *([note.on_behalf_of] if note.on_behalf_of else []), *note.reported_by}),
            frozenset({*note.issues, *(p.issue for p in note.positions)}),
        )

    def event_reports(self, eid: str) -> list[Entry]:
        """What each source says about an event: one entry per source."""
        note = self.corpus.events[eid].note
        said: dict[str, list[str]] = defaultdict(list)
        facts = [("When", format_date(claim), claim.evidence) for claim in note.date or ()]
        facts += [
            (label, claim.value, claim.evidence)
            for label, claims in (
                ("Where", note.place),
                ("Duration", note.duration),
                ("Outcome", note.outcome),
                ("Depends on", note.condition),
            )
            for claim in claims or ()
        ]
        facts += [("Who", self.name(p.actor), p.evidence) for p in note.participants]
        for label, value, evidence in facts:
            for source in dict.fromkeys(e.source for e in evidence if e.source):
                said[source].append(f"{label}: {value}")
        entries = []
        for source, lines in sorted(said.items()):
            publisher = self.corpus.sources[source].note.publisher
            entries.append(
                Entry(
                    self.site.file_url(f"data/event_claims.json#{eid}@{source}"),
                    self.site.page_url(f"events/{eid}.md"),
                    _short(f"{note.name} ({note.status.value}), as {publisher} reports it"),
                    "\n".join([*dict.fromkeys(lines), f"Source: {self.cited(source, '')}."]),
                    _day(self.corpus.sources[source].note),
                    frozenset(p.actor for p in note.participants),
                    frozenset(note.issues),
                )
            )
        return entries

    def source(self, source_id: str) -> Entry:
        doc = self.corpus.sources[source_id]
        noted = self.links.cited_by_source.get(source_id, {})
        speakers = {self.corpus.statements[s].note.speaker for s in noted.get("statements", ())}
        counts = f"{len(noted.get('statements', ()))} statement(s) noted from it."
        return Entry(
            self.site.file_url(f"data/sources.json#{source_id}"),
            self.site.page_url(f"sources/{source_id}.md"),
            _short(f"{doc.note.publisher}: {doc.note.title}"),
            f"{doc.note.title}\n{doc.note.publisher}, {format_date(doc.note.published)}. {counts}",
            _day(doc.note),
            frozenset(speakers),
            frozenset(noted.get("issues", ())),
        )


def all_entries(corpus: Corpus, links: Links, site: SiteConfig) -> list[Entry]:
    """Every development, newest first (ties in a fixed order: by address)."""
    make = _Entries(corpus, links, site)
    entries = [make.statement(s) for s in sorted(corpus.statements) if not corpus.statements[s].note.same_as]
    entries += [e for eid in sorted(corpus.events) for e in make.event_reports(eid)]
    entries += [make.source(s) for s in sorted(corpus.sources)]
    return sorted(entries, key=lambda e: (-e.published.toordinal(), e.id))


@dataclass(frozen=True)
class Feed:
    path: str  # without extension: "feeds/actors/ada-lund"
    title: str
    page: str  # the page it follows, relative to docs/
    entries: list[Entry]


def feed_of_page(docs_path: str) -> str | None:
    """The feed a page offers beside the whole site's: an actor's, an issue's or a story's."""
    section, _, rest = docs_path.partition("/")
    if section in ("actors", "issues", "stories") and rest.endswith(".md") and "/" not in rest and rest != "index.md":
        return f"{FOLDER}/{section}/{rest[:-3]}"
    return None


SITE_FEED = f"{FOLDER}/all"


def feeds(corpus: Corpus, links: Links, site: SiteConfig) -> list[Feed]:
    entries = all_entries(corpus, links, site)
    by_actor: dict[str, list[Entry]] = defaultdict(list)
    by_issue: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:  # newest first, as in the site's feed
        for aid in entry.actors:
            by_actor[aid].append(entry)
        for iid in entry.issues:
            by_issue[iid].append(entry)
    found = [Feed(SITE_FEED, site.name, "index.md", entries[:FEED_LIMIT])]
    found += [
        Feed(
            f"{FOLDER}/actors/{aid}",
            f"{corpus.actors[aid].note.name} · {site.name}",
            f"actors/{aid}.md",
            by_actor[aid][:FEED_LIMIT],
        )
        for aid in sorted(corpus.actors)
    ]
    found += [
        Feed(
            f"{FOLDER}/issues/{iid}",
            f"{corpus.issues[iid].note.name} · {site.name}",
            f"issues/{iid}.md",
            by_issue[iid][:FEED_LIMIT],
        )
        for iid in sorted(corpus.issues)
    ]
    found += [story_feed(corpus, links, site, sid) for sid in sorted(corpus.stories)]
    return found


def story_feed(corpus: Corpus, links: Links, site: SiteConfig, story_id: str) -> Feed:
    """A story's developments: its statements, what sources say of its events, its sources (stories.py)."""
    make, members = _Entries(corpus, links, site), story_members(corpus, story_id)
    entries = [make.statement(s) for s in members.statements]
    entries += [e for eid in members.events for e in make.event_reports(eid)]
    entries += [make.source(s) for s in members.sources]
    entries.sort(key=lambda e: (-e.published.toordinal(), e.id))
    return Feed(
        f"{FOLDER}/stories/{story_id}",
        f"{corpus.stories[story_id].note.title} · {site.name}",
        f"stories/{story_id}.md",
        entries[:FEED_LIMIT],
    )


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _text(value: str) -> str:
    return escape(_clean(value))


def _attr(value: str) -> str:
    return quoteattr(_clean(value))


def atom(feed: Feed, site: SiteConfig, fallback: dt.date) -> str:
    """The feed as Atom 1.0 (RFC 4287), every text escaped for XML."""
    self_url = site.file_url(f"{feed.path}.xml")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}">',
        f"  <id>{_text(self_url)}</id>",
        f"  <title>{_text(feed.title)}</title>",
        f"  <updated>{_stamp(feed.entries[0].published if feed.entries else fallback)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={_attr(self_url)}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(site.page_url(feed.page))}/>',
        f"  <author><name>{_text(site.name)}</name></author>",
    ]
    for entry in feed.entries:
        lines += [
            "  <entry>",
            f"    <id>{_text(entry.id)}</id>",
            f"    <title>{_text(entry.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={_attr(entry.url)}/>',
            f"    <published>{_stamp(entry.published)}</published>",
            f"    <updated>{_stamp(entry.published)}</updated>",
            f'    <content type="text">{_text(entry.text)}</content>',
            "  </entry>",
        ]
    return "\n".join([*lines, "</feed>"]) + "\n"


def json_feed(feed: Feed, site: SiteConfig) -> str:
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _clean(feed.title),
        "home_page_url": site.page_url(feed.page),
        "feed_url": site.file_url(f"{feed.path}.json"),
        "authors": [{"name": site.name}],
        "language": "en",
        "items": [
            {
                "id": e.id,
                "url": e.url,
                "title": _clean(e.title),
                "content_text": _clean(e.text),
                "date_published": _stamp(e.published),
            }
            for e in feed.entries
        ],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


# Material's script reads every <link rel="alternate"> as another language's copy of the site and
# fetches sitemap.xml beside it; an empty one beside the feeds answers it without a 404.
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
)


def feed_files(corpus: Corpus, links: Links, site: SiteConfig, fallback: dt.date) -> list[DataFile]:
    """Every feed as Atom (``.xml``) and JSON Feed (``.json``); ``fallback`` dates a feed with no entries."""
    files = [
        DataFile(f"{folder}/sitemap.xml", EMPTY_SITEMAP)
        for folder in (FOLDER, f"{FOLDER}/actors", f"{FOLDER}/issues", f"{FOLDER}/stories")
    ]
    for feed in feeds(corpus, links, site):
        files.append(DataFile(f"{feed.path}.xml", atom(feed, site, fallback)))
        files.append(DataFile(f"{feed.path}.json", json_feed(feed, site)))
    return files
