"""Stage 4: the linked notes as Markdown pages, through Jinja2 templates.

Python chooses and orders what a page shows (its context dataclass); the
template decides how it looks. Every value a template prints is escaped unless
it is ``SafeMarkdown`` (links, citations, sanitised prose).
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import jinja2

from . import cite as cite_it
from . import whos_who
from .actor_statements import Run, said_by_issue
from .citations import citation_link, passage_markers, place_label
from .cited import cited_counts
from .corpus import Corpus
from .disputes import EventMarks, Fact, event_marks, ordered_versions, publication_start
from .link import Citation, Links, sort_key_date
from .markup import SafeMarkdown, escape_html, escape_md, render_prose
from .model import EventStatus, Stance, Statement, When
from .pages.page import Page, relative_url
from .pages.shown_dates import format_date, month_label
from .positions import STANCE_SIGN, Held, positions_matrix, side_of
from .reuse import PageMemo, Reads, Rendered
from .stories import all_members
from .story_page import prose_with_refs, stories_home_context, story_context
from .urls import href
from .wording import Wording, quoted, wordings

UPCOMING = {EventStatus.planned, EventStatus.proposed, EventStatus.conditional}
SECTION = {"actor": "actors", "issue": "issues", "event": "events", "source": "sources"}
# A section with at most this many entries lists them all on its index page. Above it, the
# index links to one page per group (letter or month), and no listing page shows more entries.
LISTING_THRESHOLD = 150
# Where a long section's group pages go: a folder, so they never collide with entity pages.
LISTING_FOLDERS = {"actors": "by-name", "issues": "by-name", "events": "by-month", "sources": "by-month"}
# Where a long overview page's group pages go (quotes by speaker, positions by issue, the timeline by month):
# the same threshold applies, counting quotes, positions and dated entries.
OVERVIEW_FOLDERS = {"quotes": "quotes/by-speaker", "positions": "positions/by-issue", "timeline": "timeline"}
# The home page shows at most this many events, sticking points, stances per sticking point and
# sources, and links to the full listing for the rest: its size does not grow with the corpus.
HOME_LIST_LIMIT = 10


def _letter_key(name: str) -> tuple[str, str]:
    """A name's group as ``(key, heading)``: ("a", "A"); ("u00c9", "É"); ("other", "#") for no letter."""
    # The first character of the upper-cased letter: some letters upper-case to two ("ᾍ" to "ἍΙ").
    first = name[:1].upper()[:1]
    if not first.isalpha():
        return "other", "#"
    return (first.lower() if first.isascii() else f"u{ord(first):04x}"), first


def _month_key(when: When | None) -> tuple[str, str]:
    """A date's month as ``(key, heading)``: ("2025-12", "December 2025"); ("undated", "Undated")."""
    return ("undated" if when is None else "-".join(when.value.split("-")[:2])), month_label(when)


def _with_neighbours(parts: list) -> list[tuple[Any, Any, Any]]:
    """Each part with the one before and the one after it (None at the ends)."""
    return [(part, parts[n - 1] if n else None, parts[n + 1] if n + 1 < len(parts) else None)
            for n, part in enumerate(parts)]


def _merge_groups(keyed) -> list[tuple[str, str, list[str]]]:
    """``[(key, heading, ids)]`` from ``((key, heading), id)`` pairs, groups in order of first entry."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for (key, heading), ident in keyed:
        groups.setdefault(key, (heading, []))[1].append(ident)
    return [(key, heading, ids) for key, (heading, ids) in groups.items()]


@dataclass(frozen=True)
class StatementItem:
    """A statement as pages show it: the note, its resolved date and its citations."""

    id: str
    note: Statement
    date: When | None
    citations: tuple[Citation, ...]
    # When sources report it differently: each wording (or date) with its citations.
    wordings: tuple[Wording, ...] = ()
    dates: tuple[tuple[str, tuple[Citation, ...]], ...] = ()
    # When sources give the words to different speakers: each speaker's id with its citations.
    speakers: tuple[tuple[str, tuple[Citation, ...]], ...] = ()
    wording_disputed: bool = False  # two sources quote different exact words
    # The first report's source and publication date (None if undated): shown when no source says
    # when it was said.
    reported: tuple[str, When | None] | None = None


# What link helpers look up in the notes: (kind, id) -> the value a page shows.
LOOKUPS = {
    "actor": lambda corpus, ident: corpus.actors[ident].note.name,
    "issue": lambda corpus, ident: corpus.issues[ident].note.name,
    "event": lambda corpus, ident: corpus.events[ident].note.name,
    "source": lambda corpus, ident: corpus.sources[ident].note.title,
    "cite": lambda corpus, ident: (corpus.sources[ident].note.publisher, corpus.sources[ident].note.published,
                                   corpus.sources[ident].note.url),
}


class PageLinks:
    """Link helpers bound to one page, recording every link (for the backlinks) and every value
    they look up in the notes (so a kept page can tell whether it is still current)."""

    def __init__(self, path: str, corpus: Corpus, lookup: Callable[[str, str], Any] | None = None):
        self.path, self.corpus = path, corpus
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
        return citation_link(label, self.url(f"sources/{citation.source}.md", citation.anchor), citation.said,
                             url, citation.passage)

    def short_cites(self, citations) -> SafeMarkdown:
        """Citations under a heading that names their source: "¶3", still opening the cited sentence."""
        return SafeMarkdown("<small>;</small> ".join(
            citation_link(place_label(c.anchor) or "the article", self.url(f"sources/{c.source}.md", c.anchor),
                          c.said, None, c.passage) for c in citations))

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
        return cite_it.control(permalink, cite_it.statement_text(self._read, s))

    def fact_anchor(self, fact: Fact) -> SafeMarkdown:
        return self.anchor(cite_it.fact_anchor(fact.name))

    def cite_fact(self, label: str, fact: Fact) -> SafeMarkdown:
        """An event fact's cite control: its permalink on the event's page and its citation (cite.py)."""
        permalink = self.url(f"events/{fact.event}.md", cite_it.fact_anchor(fact.name), backlink=False)
        return cite_it.control(permalink, cite_it.fact_text(self._read, fact.event, label, fact))

    def dispute(self, event_id: str, fact: str) -> SafeMarkdown:
        """The fact's name ("date"), linking to where the event's page lists the sources' versions."""
        return self._link(fact, f"events/{event_id}.md", f"disputed-{fact}")


# ------------------------------------------------------------------ contexts


@dataclass(frozen=True)
class ActorContext:
    """``actor.md.j2``: who an actor is, what they said, where they were, whom they met."""

    id: str
    actor: Any
    roles: list[tuple[Any, tuple[Citation, ...], tuple[Citation, ...]]]  # (role, citations, contradicted by)
    said_by_issue: list[tuple[str | None, tuple[Run, ...]]]  # newest first, in runs by source
    side: str | None  # the organisation it speaks for (positions.side_of), not itself
    relayed: list[StatementItem]
    reported: list[StatementItem]
    events: list[EventMarks]
    met: list[str]
    members: list[str]
    about: SafeMarkdown
    about_citations: tuple[Citation, ...]


@dataclass(frozen=True)
class IssueContext:
    """``issue.md.j2``: an issue's summary, each actor's stance, its events and developments."""

    id: str
    issue: Any
    summary: SafeMarkdown
    summary_citations: tuple[Citation, ...]
    related: list[str]
    stances: list[tuple[str, list[tuple[Stance | None, StatementItem]]]]
    events: list[EventMarks]
    developments: list[tuple[When | None, str, str]]  # (date, "event"|"statement", id)
    statements: dict[str, StatementItem]


@dataclass(frozen=True)
class EventContext:
    """``event.md.j2``: when, where, who, which issues, outcome, statements made there."""

    id: str
    event: Any
    date: Fact | None
    place: Fact | None
    duration: Fact | None
    outcome: Fact | None
    condition: Fact | None
    overtaken: When | None  # expected, its date passed: the last report's date
    participants: list[tuple[str, tuple[Citation, ...]]]
    statements: list[StatementItem]  # said at it
    summary: SafeMarkdown
    summary_citations: tuple[Citation, ...]
    statements_about: list[StatementItem] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class SourceContext:
    """``source.md.j2``: a source's metadata, every note taken from it, and its text."""

    id: str
    source: Any
    paragraphs: Any
    # Before a sentence: markers of the cited passages that start there, each with its sentences.
    passages: dict[str, list[tuple[str, str]]]
    statements: list[StatementItem]
    events: list[str]
    actors: list[str]
    issues: list[str]


@dataclass(frozen=True)
class EventSummary:
    """An event in a list: its date, status, outcome or condition, each cited."""

    id: str
    date: When | None
    status: EventStatus
    outcome: Fact | None
    condition: Fact | None
    marks: EventMarks


@dataclass(frozen=True)
class HomeContext:
    """``home.md.j2``: what happened, the sticking points, what comes next.

    Each list holds at most ``limit`` entries; the ``*_total`` fields count them all, so the page
    can say how many it leaves out and link to where they are.
    """

    held: list[EventSummary]  # the latest held events, oldest first
    held_total: int
    # The issues with the most disagreeing stances, each with the stances shown (actor, stance)
    # and the number of its stances left out.
    sticking: list[tuple[str, list[tuple[str, Held]], int]]
    sticking_total: int
    upcoming: list[EventSummary]  # the next planned, proposed or conditional events
    upcoming_total: int
    overtaken: list[EventSummary]  # expected events whose date passed with no report since
    sources: list[str]  # the latest sources
    counts: dict[str, int]


@dataclass(frozen=True)
class GroupedContext:
    """Listing pages: entries grouped under headings (a letter, a month)."""

    title: str
    intro: str
    groups: list[tuple[str, list[Any]]]


@dataclass(frozen=True)
class ListingPart:
    """One page of a long section's listing: a group (a letter, a month) or a part of a long group."""

    label: str  # "Persons · A", "December 2025", "I, part 2 of 3"
    path: str  # "actors/by-name/person-a.md", "events/by-month/2025-12.md"
    ids: list[str]


@dataclass(frozen=True)
class ListingIndexContext:
    """``listing_index.md.j2``: a long section's index, a link per group page with its entry count."""

    title: str
    intro: str
    total: int
    parts: list[ListingPart]


@dataclass(frozen=True)
class ListingPartContext:
    """``listing_part.md.j2``: one group page, its entries, and links to the index and its neighbours."""

    title: str
    section_title: str
    index: str  # the section's index page
    kind: str  # "actor", "issue", "event" or "source": how an entry is linked
    total: int
    part: ListingPart
    previous: ListingPart | None
    next: ListingPart | None


@dataclass(frozen=True)
class OverviewPart:
    """One group page of a long overview page: a letter or a month, or a part of a long one."""

    label: str  # "Speakers · A", "December 2025", "Issues · I, part 2 of 3"
    path: str  # "quotes/by-speaker/a.md", "positions/by-issue/i-part-2.md", "timeline/2025-12.md"
    count: int  # the quotes, positions or timeline entries it shows
    groups: list[tuple[Any, list[Any]]]  # what the overview's body template shows, for these entries only


@dataclass(frozen=True)
class OverviewIndexContext:
    """``overview_index.md.j2``: a long overview page, a link per group page with its number of entries."""

    title: str
    intro: str
    noun: str  # what is counted: "quotes", "positions", "entries"
    total: int
    parts: list[OverviewPart]


@dataclass(frozen=True)
class OverviewPartContext:
    """``overview_part.md.j2``: one group page of a long overview page, its entries shown as the
    overview shows them (``body``, the overview's body template), and links to the overview and
    to the neighbouring group pages."""

    title: str
    overview_title: str
    overview: str  # the overview page: "quotes.md"
    noun: str
    total: int
    part: OverviewPart
    previous: OverviewPart | None
    next: OverviewPart | None
    body: str  # "_quotes_body.md.j2"

    @property
    def groups(self) -> list[tuple[Any, list[Any]]]:
        return self.part.groups


# ------------------------------------------------------------------ renderer


class Renderer:
    def __init__(self, corpus: Corpus, links: Links, listing_threshold: int = LISTING_THRESHOLD,
                 reads: Reads | None = None, memo: PageMemo | None = None):
        if listing_threshold < 1:
            raise ValueError("listing_threshold must be at least 1")
        self.corpus, self.links, self.listing_threshold = corpus, links, listing_threshold
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("generator", "templates"),
            finalize=escape_md,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
        )
        # safe_md marks a macro's output, already escaped inside the macro, as Markdown.
        self.env.filters.update(date=format_date, html=escape_html, md=escape_md, safe_md=SafeMarkdown, href=href,
                                quoted=quoted)
        self.env.globals.update(EventStatus=EventStatus, prose_with_refs=prose_with_refs, STANCE_SIGN=STANCE_SIGN)
        self._items: dict[str, StatementItem] = {}
        # With kept pages: the lookups of the running task (see reuse.py), and those each item made.
        self._reads = reads
        self._item_reads: dict[str, dict] = {}
        self._memo = memo  # the pages kept from the last run, in serve (see render_all.py)

    def item(self, statement_id: str) -> StatementItem:
        """A statement as pages show it, made once per render and shared by every page showing it."""
        if statement_id in self._items:
            if self._reads is not None and self._reads.log is not None:
                self._reads.log.update(self._item_reads[statement_id])  # this task depends on it too
            return self._items[statement_id]
        outer = self._reads.log if self._reads is not None else None
        if self._reads is not None:
            self._reads.log = {}
        try:
            reports = (statement_id, *self.links.variants.get(statement_id, ()))
            versions, disputed = wordings([(self.corpus.statements[sid].note, self.links.own_citations(sid))
                                           for sid in reports])
            dates = self._versions(reports, lambda n: format_date(n.date) if n.date else "")
            speakers = ordered_versions(self.corpus, self._versions(reports, lambda n: n.speaker))
            self._items[statement_id] = StatementItem(
                statement_id, self.corpus.statements[statement_id].note,
                self.links.statement_date(statement_id), self.links.statement_citations(statement_id),
                versions, dates, speakers, disputed, self.links.statement_report(statement_id))
        finally:
            if self._reads is not None:
                self._item_reads[statement_id], self._reads.log = self._reads.log, outer
                if outer is not None:
                    outer.update(self._item_reads[statement_id])
        return self._items[statement_id]

    def _still_reads(self, key: tuple[str, str], value: Any) -> bool:
        """Whether a link helper looking up ``key`` in these notes would read ``value``.

        Looked up again each time, through ``_lookup``, so the running task logs it too."""
        try:
            return self._lookup(*key) == value
        except KeyError:
            return False  # the note is gone

    def _versions(self, reports, value) -> tuple:
        """Each distinct version of a statement's detail with its sources; empty when they agree."""
        versions: dict[str, list[Citation]] = {}
        for sid in reports:
            text = value(self.corpus.statements[sid].note)
            if text:
                versions.setdefault(text, []).extend(self.links.own_citations(sid))
        return tuple((k, tuple(v)) for k, v in versions.items()) if len(versions) > 1 else ()

    def _page(self, template: str, path: str, title: str, origin: str | None, searchable: bool = True,
              **context) -> tuple[Page, set[str]]:
        inputs = (template, title, origin, searchable, context)
        if self._memo is not None:
            kept = self._memo.page(path, inputs, self._still_reads)
            if kept is not None:
                return kept.page, set(kept.targets)
        helpers = PageLinks(path, self.corpus, self._lookup)
        text = self.env.get_template(template).render(h=helpers, **context)
        page = Page(path, title, text, origin, searchable=searchable)
        if self._memo is not None:
            self._memo.keep(path, Rendered(inputs, helpers.reads, page, frozenset(helpers.targets)))
        return page, helpers.targets

    # -- entity pages

    def render_actor_page(self, actor_id: str):
        located = self.corpus.actors[actor_id]
        actor = located.note
        side = side_of(self, actor_id)
        context = ActorContext(
            id=actor_id, actor=actor,
            roles=[(r, tuple(map(self.links.cite, r.evidence)), tuple(map(self.links.cite, r.contradicted_by)))
                   for r in actor.roles],
            said_by_issue=said_by_issue(self, actor_id), side=None if side == actor_id else side,
            relayed=[self.item(s) for s in self.links.statements_on_behalf.get(actor_id, [])],
            reported=[self.item(s) for s in self.links.statements_reported.get(actor_id, [])],
            events=[self._marks(e) for e in self.links.events_by_actor.get(actor_id, [])],
            met=sorted(self.links.met.get(actor_id, ()), key=self._actor_name),
            members=self.links.members.get(actor_id, []),
            about=render_prose(actor.about),
            about_citations=tuple(self.links.cite(e) for e in actor.evidence),
        )
        return self._page("actor.md.j2", f"actors/{actor_id}.md", actor.name, located.file.display, c=context)

    def render_issue_page(self, issue_id: str):
        located = self.corpus.issues[issue_id]
        by_actor: dict[str, list] = defaultdict(list)
        statement_ids = self.links.statements_by_issue.get(issue_id, [])
        for sid in statement_ids:
            note = self.corpus.statements[sid].note
            holder = note.on_behalf_of or note.speaker
            stances = [p.stance for p in note.positions if p.issue == issue_id] or [None]
            for stance in stances:
                by_actor[holder].append((stance, self.item(sid)))
        developments = [(self.links.event_date(e), "event", e) for e in self.links.events_by_issue.get(issue_id, [])]
        developments += [(when, "reported" if reported else "statement", s)
                         for s in statement_ids for when, reported in [self.links.statement_placed(s)]]
        developments.sort(key=lambda d: self.links.entry_key(*d))
        context = IssueContext(
            id=issue_id, issue=located.note, summary=render_prose(located.note.summary),
            summary_citations=tuple(self.links.cite(e) for e in located.note.evidence),
            related=sorted(self.links.related_issues.get(issue_id, ()), key=self._issue_name),
            stances=sorted(by_actor.items(), key=lambda kv: self._actor_name(kv[0])),
            events=[self._marks(e) for e in self.links.events_by_issue.get(issue_id, [])],
            developments=developments,
            statements={s: self.item(s) for s in statement_ids},
        )
        return self._page("issue.md.j2", f"issues/{issue_id}.md", located.note.name, located.file.display, c=context)

    def render_event_page(self, event_id: str):
        located = self.corpus.events[event_id]
        event = located.note
        context = EventContext(
            id=event_id, event=event,
            date=self.links.event_fact(event_id, "date"),
            place=self.links.event_fact(event_id, "place"),
            duration=self.links.event_fact(event_id, "duration"),
            outcome=self.links.event_fact(event_id, "outcome"),
            condition=self.links.event_fact(event_id, "condition"),
            overtaken=self._marks(event_id).overtaken,
            participants=[(p.actor, tuple(self.links.cite(e) for e in p.evidence)) for p in event.participants],
            statements=[self.item(s) for s in self.links.statements_at_event.get(event_id, [])],
            summary=render_prose(event.summary),
            summary_citations=tuple(self.links.cite(e) for e in event.evidence),
            statements_about=[self.item(s) for s in self.links.statements_about_event.get(event_id, [])],
        )
        return self._page("event.md.j2", f"events/{event_id}.md", event.name, located.file.display, c=context)

    def render_source_page(self, source_id: str):
        doc = self.corpus.sources[source_id]
        cited = self.links.cited_by_source.get(source_id, {})
        context = SourceContext(
            id=source_id, source=doc.note, paragraphs=doc.prepared.paragraphs,
            passages=passage_markers(doc.prepared, cited.get("passages", ())),
            statements=[self.item(s) for s in sorted(cited.get("statements", ()),
                                                      key=lambda s: self.corpus.statements[s].line)],
            events=sorted(cited.get("events", ()), key=self._event_order),
            actors=sorted(cited.get("actors", ()), key=self._actor_name),
            issues=sorted(cited.get("issues", ()), key=self._issue_name),
        )
        return self._page("source.md.j2", f"sources/{source_id}.md", doc.note.title, doc.file.display, c=context)

    # -- overview pages

    def render_story_page(self, story_id: str):
        story = self.corpus.stories[story_id]
        return self._page("story.md.j2", f"stories/{story_id}.md", story.note.title, story.file.display,
                          c=story_context(self, story_id))

    def render_home_page(self):
        if self.corpus.stories:  # the stories, each briefly; without any, the whole notes' briefing below
            return self._page("home_stories.md.j2", "index.md", "Briefing", None, c=stories_home_context(self))
        limit = HOME_LIST_LIMIT
        events = sorted(self.corpus.events, key=self._event_order)
        # Issues where different actors' latest positions differ, most positions first (see positions.py).
        sticking = sorted(positions_matrix(self, all_members(self.corpus)).sticking, key=lambda kv: -len(kv[1]))
        held = [e for e in events if self.corpus.events[e].note.status is EventStatus.held]
        expected = [self._marks(e) for e in events if self.corpus.events[e].note.status in UPCOMING]
        upcoming = [m.id for m in expected if not m.overtaken]
        overtaken = [m.id for m in expected if m.overtaken]
        context = HomeContext(
            held=[self._summary(e) for e in held[-limit:]], held_total=len(held),
            sticking=[(issue, [(actor, cell.latest) for actor, cell in holders[:limit]], max(0, len(holders) - limit))
                      for issue, holders in sticking[:limit]],
            sticking_total=len(sticking),
            upcoming=[self._summary(e) for e in upcoming[:limit]], upcoming_total=len(upcoming),
            overtaken=[self._summary(e) for e in overtaken[-limit:]],
            sources=self._latest_sources(limit),
            counts=cited_counts(self.corpus),
        )
        return self._page("home.md.j2", "index.md", "Briefing", None, c=context)

    def _overview(self, name: str, title: str, intro: str, noun: str,
                  keyed_groups: list[tuple[str, str, list[Any]]], groups, **extra) -> list[tuple[Page, set[str]]]:
        """An overview page (``<name>.md``), plus one page per group when it shows too many entries.

        ``keyed_groups`` are ``[(key, label, entries)]`` in page order; ``groups(entries)`` turns
        entries into what ``_<name>_body.md.j2`` shows. Up to ``listing_threshold`` entries the
        overview shows them all, as ``<name>.md.j2`` always did. Above it, the overview links to a
        page per group, ``OVERVIEW_FOLDERS[name]/<key>.md``, cut into parts of at most that many
        entries, as the section listings are.
        """
        path, body = f"{name}.md", f"_{name}_body.md.j2"
        total = sum(len(entries) for _, _, entries in keyed_groups)
        if total <= self.listing_threshold:
            context = GroupedContext(title, intro, groups([e for _, _, entries in keyed_groups for e in entries]))
            return [self._page(f"{name}.md.j2", path, title, None, c=context, **extra)]
        parts = [OverviewPart(label, part_path, len(chunk), groups(chunk)) for label, part_path, chunk
                 in self._cut(keyed_groups, OVERVIEW_FOLDERS[name])]
        pages = [self._page("overview_index.md.j2", path, title, None,
                            c=OverviewIndexContext(title, intro, noun, total, parts))]
        for part, previous, following in _with_neighbours(parts):
            context = OverviewPartContext(
                title=f"{title}: {part.label}", overview_title=title, overview=path, noun=noun, total=total,
                part=part, previous=previous, next=following, body=body)
            pages.append(self._page("overview_part.md.j2", part.path, context.title, None, False, c=context, **extra))
        return pages

    def render_timeline_page(self) -> list[tuple[Page, set[str]]]:
        entries = [(self.links.event_date(e), "event", e) for e in self.corpus.events]
        # Every statement: on the day it was made, or else on the day it was first reported, marked so.
        entries += [(when, "reported" if reported else "statement", s) for s in self.corpus.statements
                    if not self.corpus.statements[s].note.same_as
                    for when, reported in [self.links.statement_placed(s)]]
        entries.sort(key=lambda d: self.links.entry_key(*d))
        return self._overview(
            "timeline", "Timeline", "Events and statements, oldest first. A statement whose sources do not say "
            "when it was made is placed on the day it was first reported, and marked so.", "entries",
            _merge_groups((_month_key(entry[0]), entry) for entry in entries),
            lambda chunk: [(label, [(when, kind, ident, self.item(ident) if kind != "event" else self._marks(ident))
                                    for when, kind, ident in entries])
                           for label, entries in groupby(chunk, key=lambda d: month_label(d[0]))])

    def _letter_groups(self, ids, name) -> list[tuple[str, str, list[str]]]:
        """``[(key, letter, ids)]`` by name, "#" for names without a letter; ``key`` names the
        group's page ("a", "other")."""
        ordered = sorted(ids, key=lambda i: (name(i).casefold(), i))
        return _merge_groups((_letter_key(name(i)), i) for i in ordered)

    def _month_groups(self, ordered, date) -> list[tuple[str, str, list[str]]]:
        """``[(key, month, ids)]`` in the given order; ``key`` is "2025-12", "2025" or "undated"."""
        return _merge_groups((_month_key(date(i)), i) for i in ordered)

    def _cut(self, keyed_groups: list[tuple[str, str, list[Any]]], folder: str) -> list[tuple[str, str, list[Any]]]:
        """``[(label, path, entries)]``: a page per group, ``<folder>/<key>.md``, and a group longer
        than the threshold cut into parts of at most that many entries (``<key>-part-2.md``)."""
        step, cut = self.listing_threshold, []
        for key, label, entries in keyed_groups:
            chunks = [entries[i:i + step] for i in range(0, len(entries), step)]
            for n, chunk in enumerate(chunks, 1):
                cut.append((label if len(chunks) == 1 else f"{label}, part {n} of {len(chunks)}",
                            f"{folder}/{key}.md" if n == 1 else f"{folder}/{key}-part-{n}.md", chunk))
        return cut

    def _section_listing(self, section: str, kind: str, title: str, intro: str, template: str,
                         keyed_groups: list[tuple[str, str, list[str]]],
                         marks: dict[str, EventMarks] | None = None, profiles: dict | None = None,
                         **shown) -> list[tuple[Page, set[str]]]:
        """A section's index page, plus one page per group when the section is too long for one page.

        Up to ``listing_threshold`` entries, the index lists every entry under its group's heading
        (``template``). Above it, the index links to a page per group, ``<section>/<folder>/<key>.md``,
        and a group longer than the threshold is cut into parts of at most that many entries.
        """
        index = f"{section}/index.md"
        total = sum(len(ids) for _, _, ids in keyed_groups)
        if total <= self.listing_threshold:
            context = GroupedContext(title, intro, [(label, ids) for _, label, ids in keyed_groups])
            return [self._page(template, index, title, None, c=context, marks=marks or {}, profiles=profiles or {},
                               **shown)]
        parts = [ListingPart(*cut) for cut in self._cut(keyed_groups, f"{section}/{LISTING_FOLDERS[section]}")]
        pages = [self._page("listing_index.md.j2", index, title, None,
                            c=ListingIndexContext(title, intro, total, parts))]
        for part, previous, following in _with_neighbours(parts):
            context = ListingPartContext(
                title=f"{title}: {part.label}", section_title=title, index=index, kind=kind, total=total,
                part=part, previous=previous, next=following)
            pages.append(self._page("listing_part.md.j2", part.path, context.title, None, False, c=context,
                                    marks={i: marks[i] for i in part.ids} if marks else {},
                                    profiles={i: profiles[i] for i in part.ids} if profiles else {}))
        return pages

    def render_actor_index(self) -> list[tuple[Page, set[str]]]:
        # By side while it fits on one page; a longer Who's who is paged by the sort key's letter.
        total = len(self.corpus.actors)
        groups = (whos_who.groups_by_side(self) if total <= self.listing_threshold
                  else whos_who.groups_by_letter(self, _letter_key))
        return self._section_listing("actors", "actor", "Who's who",
                                     "People and organisations in the briefing, by organisation or country, "
                                     "then by surname." if total <= self.listing_threshold else
                                     "People and organisations in the briefing, by surname or name.",
                                     "actor_index.md.j2", groups,
                                     profiles={a: whos_who.profile(self, a) for a in self.corpus.actors})

    def render_issue_index(self) -> list[tuple[Page, set[str]]]:
        return self._section_listing("issues", "issue", "Issues", "What is under discussion, by name.",
                                     "issue_index.md.j2",
                                     self._letter_groups(self.corpus.issues, self._issue_name))

    def render_event_index(self) -> list[tuple[Page, set[str]]]:
        ordered = sorted(self.corpus.events, key=self._event_order)
        # Held events by month, then what is expected, then held events of unknown date: apart.
        held = [e for e in ordered if self.corpus.events[e].note.status is EventStatus.held]
        dated, undated = [e for e in held if self.links.event_date(e)], [e for e in held if not self.links.event_date(e)]
        expected = [e for e in ordered if self.corpus.events[e].note.status in UPCOMING]
        groups = self._month_groups(dated, self.links.event_date)
        groups += [("expected", "Planned, proposed or conditional", expected)] if expected else []
        groups += [("undated", "Held, date unknown", undated)] if undated else []
        return self._section_listing("events", "event", "Events",
                                     "Held events by month; then planned, proposed and conditional ones; then held "
                                     "events whose date is not known.",
                                     "event_index.md.j2", groups,
                                     marks={e: self._marks(e) for e in ordered},
                                     statuses={e: self.corpus.events[e].note.status.value for e in ordered})

    def render_source_index(self) -> list[tuple[Page, set[str]]]:
        ordered = sorted(self.corpus.sources, key=self._source_order)
        return self._section_listing("sources", "source", "Sources",
                                     "Every article the notes are taken from, by month of publication.",
                                     "source_index.md.j2",
                                     self._month_groups(ordered, lambda s: self.corpus.sources[s].note.published),
                                     dates={s: self.corpus.sources[s].note.published for s in ordered})

    def render_positions_page(self) -> list[tuple[Page, set[str]]]:
        entries = []  # (issue, statement, position), by issue name, then holder's name
        for issue_id in sorted(self.corpus.issues, key=self._issue_name):
            rows = [(s, p) for s in self.links.statements_by_issue.get(issue_id, [])
                    for p in self.corpus.statements[s].note.positions if p.issue == issue_id]
            rows.sort(key=lambda r: (self._actor_name(self._holder(r[0])), r[0]))
            entries += [(issue_id, s, p) for s, p in rows]

        def groups(chunk):
            return [(issue_id, [(self._holder(s), p, self.item(s)) for _, s, p in rows])
                    for issue_id, rows in groupby(chunk, key=lambda e: e[0])]

        return self._overview(
            "positions", "Positions", "Where each actor stands on each issue, as stated.", "positions",
            [(key, f"Issues · {letter}", rows) for key, letter, rows in
             _merge_groups((_letter_key(self._lookup("issue", e[0])), e) for e in entries)],
            groups)

    def render_quotes_page(self) -> list[tuple[Page, set[str]]]:
        quoted = [s for s in self.corpus.statements
                  if self.corpus.statements[s].note.quote and not self.corpus.statements[s].note.same_as]
        quoted_set = set(quoted)
        speakers = sorted({self.corpus.statements[s].note.speaker for s in quoted},
                          key=lambda a: (self._actor_name(a), a))
        # Under its first report's speaker only; a disputed attribution shows the other speakers.
        entries = [s for speaker in speakers for s in self.links.statements_by_speaker[speaker]
                   if s in quoted_set and self.corpus.statements[s].note.speaker == speaker]

        def groups(chunk):
            result = []
            for speaker, mine in groupby(chunk, key=lambda s: self.corpus.statements[s].note.speaker):
                by_issue: dict[str | None, list[StatementItem]] = defaultdict(list)
                for sid in mine:
                    for issue in self.corpus.statements[sid].note.issues or [None]:
                        by_issue[issue].append(self.item(sid))
                result.append((speaker, sorted(by_issue.items(),
                                               key=lambda kv: (kv[0] is None, self._issue_name(kv[0])))))
            return result

        return self._overview(
            "quotes", "Quotes", "Every direct quotation, by speaker and issue.", "quotes",
            [(key, f"Speakers · {letter}", sids) for key, letter, sids in _merge_groups(
                (_letter_key(self._lookup("actor", self.corpus.statements[s].note.speaker)), s)
                for s in entries)],
            groups)

    # -- helpers

    def _summary(self, event_id: str) -> EventSummary:
        marks = self._marks(event_id)
        return EventSummary(event_id, marks.date, self.corpus.events[event_id].note.status,
                            self.links.event_fact(event_id, "outcome"),
                            self.links.event_fact(event_id, "condition"), marks)

    def _marks(self, event_id: str) -> EventMarks:
        return event_marks(self.corpus, event_id, self.links.newest.get("publication"))

    def _source_order(self, source_id: str):
        """By publication date, undated sources after every dated one (and first when reversed)."""
        return (publication_start(self.corpus.sources[source_id].note), source_id)

    def _latest_sources(self, limit: int) -> list[str]:
        """The newest dated sources first, then the undated."""
        dated = [s for s in self.corpus.sources if self.corpus.sources[s].note.published]
        undated = sorted(s for s in self.corpus.sources if not self.corpus.sources[s].note.published)
        return (sorted(dated, key=self._source_order, reverse=True) + undated)[:limit]

    def _holder(self, statement_id: str) -> str:
        note = self.corpus.statements[statement_id].note
        return note.on_behalf_of or note.speaker

    def _lookup(self, kind: str, ident: str) -> Any:
        """``LOOKUPS[kind]`` for ``ident``; with kept pages, logged as that value (see reuse.py)."""
        if self._reads is None:
            return LOOKUPS[kind](self.corpus, ident)
        return self._reads.derived(f"lookup.{kind}", ident, lambda: LOOKUPS[kind](self.corpus, ident))

    def _actor_name(self, actor_id: str) -> str:
        return self._lookup("actor", actor_id).casefold()

    def _issue_name(self, issue_id: str | None) -> str:
        return self._lookup("issue", issue_id).casefold() if issue_id else ""

    def _event_order(self, event_id: str):
        return (sort_key_date(self.links.event_date(event_id)), event_id)

    def render_backlinks(self, page: Page, sources: list[Page], updated: str | None = None) -> Page:
        text = self.env.get_template("backlinks.md.j2").render(
            h=PageLinks(page.path, self.corpus), pages=sorted(sources, key=lambda p: (p.path != "index.md", p.path)),
            updated=updated)
        return Page(page.path, page.title, page.text + text, page.origin, updated, page.searchable)
