"""Stage 3: cross-link the notes: who said what where, with every citation resolved."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .corpus import Corpus
from .model import Evidence, EventStatus, Statement, When
from .text import prepare


@dataclass(frozen=True)
class Citation:
    """Where a fact comes from: a source and the sentence that supports it."""

    source: str
    anchor: str
    passage: str


@dataclass(frozen=True)
class Claim:
    value: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Fact:
    """One fact as every source gives it; disputed when the sources differ."""

    claims: tuple[Claim, ...]

    @property
    def disputed(self) -> bool:
        return len({c.value for c in self.claims}) > 1


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
        default_factory=lambda: defaultdict(lambda: defaultdict(set)))

    def cite(self, evidence: Evidence, default_source: str | None = None) -> Citation:
        source_id = evidence.source or default_source or ""
        sentence = prepare(self.corpus.sources[source_id].text).locate(evidence.passage)
        return Citation(source_id, sentence.anchor if sentence else "", evidence.passage)

    def fact(self, claims, render=lambda c: c.value) -> Fact | None:
        if not claims:
            return None
        merged: dict[str, list[Citation]] = {}
        for claim in claims:
            merged.setdefault(render(claim), []).extend(self.cite(e) for e in claim.evidence)
        return Fact(tuple(Claim(v, tuple(cs)) for v, cs in merged.items()))

    def statement_citations(self, statement_id: str) -> tuple[Citation, ...]:
        """The statement's citations, and those of every other source that reports it."""
        return tuple(c for sid in (statement_id, *self.variants.get(statement_id, ()))
                     for c in self.own_citations(sid))

    def own_citations(self, statement_id: str) -> tuple[Citation, ...]:
        statement = self.corpus.statements[statement_id].note
        source = self.corpus.statement_source[statement_id]
        return tuple(self.cite(e, source) for e in statement.evidence)

    def event_date(self, event_id: str) -> When | None:
        dates = self.corpus.events[event_id].note.date
        return dates[0] if dates else None

    def statement_date(self, statement_id: str) -> When | None:
        """When the statement was made, as its reports say: a report's own date, else the date of the
        held event it was said at (when the sources agree on it). None when no report says: pages then
        show when it was reported (``statement_report``), never another date."""
        for sid in (statement_id, *self.variants.get(statement_id, ())):
            statement: Statement = self.corpus.statements[sid].note
            if statement.date:
                return statement.date
        for sid in (statement_id, *self.variants.get(statement_id, ())):
            said_at = self.corpus.statements[sid].note.said_at
            dates = self.corpus.events[said_at].note.date if said_at else None
            if dates and len({d.value for d in dates}) == 1:
                return dates[0]
        return None

    def statement_report(self, statement_id: str) -> tuple[str, When]:
        """The source that reported the statement first, and its publication date."""
        reports = [self.corpus.statement_source[sid] for sid in (statement_id, *self.variants.get(statement_id, ()))]
        first = min(reports, key=lambda s: self.corpus.sources[s].note.published.start)
        return first, self.corpus.sources[first].note.published

    def statement_placed(self, statement_id: str) -> tuple[When, bool]:
        """Where a list by date puts a statement: when it was made, else (``True``) when it was reported."""
        when = self.statement_date(statement_id)
        return (when, False) if when else (self.statement_report(statement_id)[1], True)


def sort_key_date(when: When | None) -> tuple[dt.date, int]:
    return (when.start, 0) if when else (dt.date.max, 1)


def link(corpus: Corpus) -> Links:
    links = Links(corpus)
    for sid, statement in sorted(corpus.statements.items()):
        note = statement.note
        links.cited_by_source[corpus.statement_source[sid]]["statements"].add(sid)
        if note.same_as:  # shown under the first report
            links.variants[note.same_as].append(sid)
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
    for aid, actor in sorted(corpus.actors.items()):
        for role in actor.note.roles:
            if role.affiliation:
                links.members[role.affiliation].append(aid)
    for iid, issue in corpus.issues.items():
        for other in issue.note.related:
            links.related_issues[iid].add(other)
            links.related_issues[other].add(iid)
    kinds = {"Actor": "actors", "Event": "events", "Issue": "issues"}
    for where, _key, evidence in corpus.evidence:
        kind = kinds.get(type(where.note).__name__)
        if kind and evidence.source:
            links.cited_by_source[evidence.source][kind].add(where.id)
    for members in links.members.values():
        members.sort()
    for by_date in (links.statements_by_speaker, links.statements_by_issue, links.statements_at_event,
                    links.statements_about_event, links.statements_on_behalf, links.statements_reported):
        for ids in by_date.values():
            ids.sort(key=lambda s: (sort_key_date(links.statement_placed(s)[0]), s))
    for by_event in (links.events_by_actor, links.events_by_issue):
        for ids in by_event.values():
            ids.sort(key=lambda e: (sort_key_date(links.event_date(e)), e))
    return links
