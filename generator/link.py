"""Stage 3: cross-link the notes: who said what where, with every citation resolved."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from .citations import span_anchor
from .corpus import Corpus
from .disputes import (
    Fact,
    as_reported,
    disputed_facts,
    event_fact,
    newest_publication,
    publication_start,
    shown_date,
)
from .model import Actor, Event, EventStatus, Evidence, Issue, Note, Statement, When


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: a source and the sentence that supports it."""

    source: str
    anchor: str  # the sentence it starts in, or a marker for the sentences it spans (citations.span_anchor)
    passage: str
    said: str = ""  # the whole sentences cited, for the citation's tooltip


@dataclass
class Links:
    corpus: Corpus
    statements_by_speaker: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statements_on_behalf: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statements_reported: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statements_by_issue: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statements_at_event: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    statements_about_event: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_actor: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    events_by_issue: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    met: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    related_issues: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # Reports of the same statement in other sources, by the first report's id.
    variants: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    cited_by_source: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    # {"publication": the newest source's publication date}: a table of its own, so that in serve
    # only pages showing which expected events are overtaken depend on it, not on every source.
    newest: dict[str, dt.date] = field(default_factory=dict)

    def cite(self, evidence: Evidence, default_source: str | None = None) -> Citation:
        source_id = evidence.source or default_source or ""
        span = self.corpus.sources[source_id].prepared.span(evidence.passage)
        if not span:
            return Citation(source_id, "", evidence.passage)
        return Citation(
            source_id, span_anchor(span[0].anchor, span[-1].anchor), evidence.passage, " ".join(s.text for s in span)
        )

    def event_fact(self, event_id: str, name: str) -> Fact | None:
        """An event's fact ("date", "place", ...) with every version the sources give (see disputes.py)."""
        return event_fact(self.corpus, self.cite, event_id, name)

    def statement_citations(self, statement_id: str) -> tuple[Citation, ...]:
        """The statement's citations, and those of every other source that reports it."""
        return tuple(c for sid in (statement_id, *self.variants.get(statement_id, ())) for c in self.own_citations(sid))

    def own_citations(self, statement_id: str) -> tuple[Citation, ...]:
        statement = self.corpus.statements[statement_id].note
        source = self.corpus.statement_source[statement_id]
        return tuple(self.cite(e, source) for e in statement.evidence)

    def event_date(self, event_id: str) -> When | None:
        """The date lists show: the first version by the documented rule, not the notes' order."""
        return shown_date(self.corpus, event_id)

    def statement_date(self, statement_id: str) -> When | None:
        """When the statement was made, as its reports say: a report's own date (with its words beside
        it when that report's day cannot be checked), else the date of the held event it was said at
        when the sources do not dispute it. None when no report says: pages then show when it was
        reported (``statement_report``), never another date."""
        for sid in (statement_id, *self.variants.get(statement_id, ())):
            statement: Statement = self.corpus.statements[sid].note
            if statement.date:
                return as_reported(statement.date, self.corpus.sources.get(self.corpus.statement_source[sid]))
        for sid in (statement_id, *self.variants.get(statement_id, ())):
            said_at = self.corpus.statements[sid].note.said_at
            if said_at and "date" not in disputed_facts(self.corpus, said_at):
                return shown_date(self.corpus, said_at)
        return None

    def statement_report(self, statement_id: str) -> tuple[str, When | None]:
        """The source that reported the statement first, and its publication date (None if undated)."""
        reports = [self.corpus.statement_source[sid] for sid in (statement_id, *self.variants.get(statement_id, ()))]
        # Earliest publication; on the same day, the statement's own report (the one first noted).
        first = min(reports, key=lambda s: (publication_start(self.corpus.sources[s].note), reports.index(s)))
        return first, self.corpus.sources[first].note.published

    def statement_placed(self, statement_id: str) -> tuple[When | None, bool]:
        """Where a list by date puts a statement: when it was made, else (``True``) when it was reported."""
        when = self.statement_date(statement_id)
        return (when, False) if when else (self.statement_report(statement_id)[1], True)

    def article_position(self, statement_id: str) -> tuple[dt.date, str, int]:
        """Where the statement stands in its source: the source (by publication, then id) and the
        offset of the first sentence its evidence cites, so that statements of a day read in article order."""
        source_id = self.corpus.statement_source[statement_id]
        source = self.corpus.sources[source_id]
        starts = [
            span[0].start
            for e in self.corpus.statements[statement_id].note.evidence
            if (span := source.prepared.span(e.passage))
        ]
        return publication_start(source.note), source_id, min(starts, default=0)

    def statement_key(self, statement_id: str) -> tuple:
        """Statements by date (made, else first reported); on a day, in article order."""
        return sort_key_date(self.statement_placed(statement_id)[0]), self.article_position(statement_id), statement_id

    def entry_key(self, when: When | None, kind: str, ident: str) -> tuple:
        """A list of events and statements by date: on a day, events first, then statements in article order."""
        position = self.article_position(ident) if kind != "event" else (dt.date.min, "", 0)
        return sort_key_date(when), kind != "event", position, ident


# The notes a source page lists as citing it, by the kind of note (statements are listed apart).
CITED_KINDS: dict[type[Note], str] = {Actor: "actors", Event: "events", Issue: "issues"}


def sort_key_date(when: When | None) -> tuple[dt.date, int]:
    return (when.start, 0) if when else (dt.date.max, 1)


def link(corpus: Corpus) -> Links:
    links = Links(corpus)
    newest = newest_publication(corpus)
    if newest is not None:
        links.newest["publication"] = newest
    for sid, statement in sorted(corpus.statements.items()):
        note = statement.note
        cited = links.cited_by_source[corpus.statement_source[sid]]
        cited["statements"].add(sid)
        # The source page lists every actor it is cited for: who spoke, for whom, and through whom.
        cited["actors"].update({note.speaker, *filter(None, [note.on_behalf_of]), *note.reported_by})
        if note.same_as:  # shown under the first report
            links.variants[note.same_as].append(sid)
            first_speaker = corpus.statements[note.same_as].note.speaker
            # Another speaker for the same words: a disputed attribution, shown on both speakers' pages.
            if note.speaker != first_speaker and note.same_as not in links.statements_by_speaker[note.speaker]:
                links.statements_by_speaker[note.speaker].append(note.same_as)
            continue
        links.statements_by_speaker[note.speaker].append(sid)
        if note.on_behalf_of:
            links.statements_on_behalf[note.on_behalf_of].append(sid)
        for actor in note.reported_by:
            links.statements_reported[actor].append(sid)
        for issue in sorted({*note.issues, *(p.issue for p in note.positions)}):
            links.statements_by_issue[issue].append(sid)
        if note.said_at:
            links.statements_at_event[note.said_at].append(sid)
        for event_id in note.about_events:
            links.statements_about_event[event_id].append(sid)
    for eid, event in sorted(corpus.events.items()):
        actors = sorted({p.actor for p in event.note.participants})
        for actor in actors:
            links.events_by_actor[actor].append(eid)
            if event.note.status is EventStatus.held:
                links.met[actor].update(a for a in actors if a != actor)
        for issue in event.note.issues:
            links.events_by_issue[issue].append(eid)
    for aid, located_actor in sorted(corpus.actors.items()):
        for role in located_actor.note.roles:
            if role.affiliation:
                links.members[role.affiliation].append(aid)
    for iid, located_issue in corpus.issues.items():
        for other in located_issue.note.related:
            links.related_issues[iid].add(other)
            links.related_issues[other].add(iid)
    for where, key, evidence in corpus.evidence:
        kind = CITED_KINDS.get(type(where.note))
        if kind and evidence.source:
            links.cited_by_source[evidence.source][kind].add(where.id)
            if (
                key[0] == "participants" and isinstance(where.note, Event) and isinstance(key[1], int)
            ):  # cited for it too
                participant = where.note.participants[key[1]].actor
                links.cited_by_source[evidence.source]["actors"].add(participant)
        if evidence.source in corpus.sources:  # passages of several sentences get a marker on the source page
            span = corpus.sources[evidence.source].prepared.span(evidence.passage)
            if len(span) > 1:
                links.cited_by_source[evidence.source]["passages"].add(span_anchor(span[0].anchor, span[-1].anchor))
    for members in links.members.values():
        members.sort()
    # A statement stands in about three of these lists: its key (article positions found by
    # searching its source's text) is worked out once.
    statement_key = functools.cache(links.statement_key)

    for by_date in (
        links.statements_by_speaker,
        links.statements_by_issue,
        links.statements_at_event,
        links.statements_about_event,
        links.statements_on_behalf,
        links.statements_reported,
    ):
        for ids in by_date.values():
            ids.sort(key=statement_key)
    for by_event in (links.events_by_actor, links.events_by_issue):
        for ids in by_event.values():
            ids.sort(key=lambda e: (sort_key_date(links.event_date(e)), e))
    return links
