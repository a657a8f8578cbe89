"""Entity pages: one per actor, issue, event and source."""

from __future__ import annotations

from collections import defaultdict

from ..actor_statements import said_by_issue
from ..citations import passage_markers
from ..markup import render_prose
from ..model import Stance
from ..positions import side_of
from .builder import PageBuilder
from .contexts import (
    ActorContext,
    ActorStances,
    EventContext,
    IssueContext,
    IssueRuns,
    Participant,
    Passage,
    RoleShown,
    SourceContext,
    StanceRow,
)


class EntityPages(PageBuilder):
    def render_actor_page(self, actor_id: str):
        located = self.corpus.actors[actor_id]
        actor = located.note
        side = side_of(self, actor_id)
        context = ActorContext(
            actor=actor,
            roles=[
                RoleShown(r, tuple(map(self.links.cite, r.evidence)), tuple(map(self.links.cite, r.contradicted_by)))
                for r in actor.roles
            ],
            said_by_issue=[IssueRuns(issue, runs) for issue, runs in said_by_issue(self, actor_id)],
            side=None if side == actor_id else side,
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
        by_actor: dict[str, list[StanceRow]] = defaultdict(list)
        statement_ids = self.links.statements_by_issue.get(issue_id, [])
        for sid in statement_ids:
            note = self.corpus.statements[sid].note
            holder = note.on_behalf_of or note.speaker
            stances: list[Stance | None] = [p.stance for p in note.positions if p.issue == issue_id] or [None]
            for stance in stances:
                by_actor[holder].append(StanceRow(stance, self.item(sid)))
        dated = [(self.links.event_date(e), "event", e) for e in self.links.events_by_issue.get(issue_id, [])]
        dated += [
            (when, "reported" if reported else "statement", s)
            for s in statement_ids
            for when, reported in [self.links.statement_placed(s)]
        ]
        dated.sort(key=lambda d: self.links.entry_key(*d))
        context = IssueContext(
            issue=located.note,
            summary=render_prose(located.note.summary),
            summary_citations=tuple(self.links.cite(e) for e in located.note.evidence),
            related=sorted(self.links.related_issues.get(issue_id, ()), key=self._issue_name),
            stances=[
                ActorStances(actor, rows)
                for actor, rows in sorted(by_actor.items(), key=lambda kv: self._actor_name(kv[0]))
            ],
            events=[self._marks(e) for e in self.links.events_by_issue.get(issue_id, [])],
            developments=[self._dated_entry(when, kind, ident) for when, kind, ident in dated],
        )
        return self._page("issue.md.j2", f"issues/{issue_id}.md", located.note.name, located.file.display, c=context)

    def render_event_page(self, event_id: str):
        located = self.corpus.events[event_id]
        event = located.note
        context = EventContext(
            event=event,
            date=self.links.event_fact(event_id, "date"),
            place=self.links.event_fact(event_id, "place"),
            duration=self.links.event_fact(event_id, "duration"),
            outcome=self.links.event_fact(event_id, "outcome"),
            condition=self.links.event_fact(event_id, "condition"),
            overtaken=self._marks(event_id).overtaken,
            participants=[
                Participant(p.actor, tuple(self.links.cite(e) for e in p.evidence)) for p in event.participants
            ],
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
            source=doc.note,
            paragraphs=doc.prepared.paragraphs,
            passages={
                anchor: [Passage(marker, spanned) for marker, spanned in passages]
                for anchor, passages in passage_markers(doc.prepared, cited.get("passages", ())).items()
            },
            statements=[
                self.item(s) for s in sorted(cited.get("statements", ()), key=lambda s: self.corpus.statements[s].line)
            ],
            events=sorted(cited.get("events", ()), key=self._event_order),
            actors=sorted(cited.get("actors", ()), key=self._actor_name),
            issues=sorted(cited.get("issues", ()), key=self._issue_name),
        )
        return self._page("source.md.j2", f"sources/{source_id}.md", doc.note.title, doc.file.display, c=context)
