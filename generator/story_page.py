"""What a story page and the stories' home page show, chosen from the notes a story holds.

The renderer (pages/overview_pages.py) calls ``story_context`` and ``stories_home_context``; the templates
``story.md.j2`` and ``home_stories.md.j2`` decide how it looks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .citations import place_label
from .cited import cited_counts
from .disputes import UPCOMING, Fact, period_end
from .link import sort_key_date
from .markup import PROSE_TAGS, SafeMarkdown, escape_md, render_prose
from .model import EventStatus, When
from .pictures import Mark, date_text, meetings_svg, timeline_svg
from .positions import PositionsMatrix, positions_matrix
from .stories import Members, as_of, story_members
from .story_refs import Target, html_href, replace_refs
from .wording import quoted

if TYPE_CHECKING:
    from .pages.builder import PageBuilder as Renderer
    from .pages.contexts import StatementItem
    from .pages.overview_contexts import EventSummary

# How many developments each story shows on the home page.
HOME_DEVELOPMENTS = 3


@dataclass(frozen=True)
class Development:
    """One line of "What happened": a held event or a statement, with its date."""

    date: When | None
    kind: str  # "event" | "statement"
    id: str
    item: Any  # EventSummary for an event, StatementItem for a statement


@dataclass(frozen=True)
class StoryContext:
    """``story.md.j2``: the briefing on one story."""

    id: str
    title: str
    status: str
    as_of: When | None
    lede: str  # Markdown with [[references]], rendered by ``prose_with_refs`` in the template
    rest: str
    happened: list[Development]  # dated, newest first
    undated: list[Development]
    matrix: PositionsMatrix
    disputed_facts: list[tuple[str, Fact]]  # (event id, fact) the sources disagree on
    disputed_statements: list[StatementItem]  # wording, date or speaker differs between sources
    upcoming: list[EventSummary]  # planned, proposed or conditional, not overtaken
    overtaken: list[EventSummary]
    sources: list[tuple[str, str, When | None]]  # (id, publisher, published), newest first
    issues: list[str]
    timeline: SafeMarkdown  # pictures.py: the developments and what is expected, on a time axis
    meetings: SafeMarkdown  # pictures.py: who met whom, who reported whom
    met: list[tuple[str, list[str]]]  # in words: each actor and whom they met at the story's events
    reported: list[tuple[str, list[str]]]  # each actor and whose words they reported


@dataclass(frozen=True)
class StoryCard:
    """A story on the home page: headline, as of, lede and newest developments."""

    id: str
    title: str
    as_of: When | None
    lede: str
    latest: list[Development]
    more: int  # developments not shown


@dataclass(frozen=True)
class StoriesHomeContext:
    """``home_stories.md.j2``: the site's purpose, then each story, latest development first."""

    cards: list[StoryCard]
    counts: dict[str, int]


def _as_when(day: dt.date | None) -> When | None:
    return When(value=day.isoformat()) if day else None


def developments(renderer: Renderer, members: Members) -> tuple[list[Development], list[Development]]:
    """Held events and dated statements, newest first; the undated apart."""
    corpus, links = renderer.corpus, renderer.links
    found = [
        Development(links.event_date(e), "event", e, renderer._summary(e))
        for e in members.events
        if corpus.events[e].note.status is EventStatus.held
    ]
    # A statement made at an event is shown with it (on the event's page); one with its own date, or
    # made nowhere noted, is a development of its own.
    # Dated as the statement's own reports date it (link.statement_date): never a borrowed date.
    found += [
        Development(links.statement_date(s), "statement", s, renderer.item(s))
        for s in members.statements
        if corpus.statements[s].note.date or not corpus.statements[s].note.said_at
    ]
    dated = sorted(
        (d for d in found if d.date), key=lambda d: (sort_key_date(d.date), d.kind == "event", d.id), reverse=True
    )
    undated = sorted((d for d in found if not d.date), key=lambda d: (d.kind, d.id))
    return dated, undated


def story_context(renderer: Renderer, story_id: str) -> StoryContext:
    corpus, links = renderer.corpus, renderer.links
    story = corpus.stories[story_id]
    members = story_members(corpus, story_id)
    happened, undated = developments(renderer, members)
    ordered_events = sorted(members.events, key=renderer._event_order)
    disputed_facts = [
        (e, fact)
        for e in ordered_events
        for name in renderer._marks(e).disputed
        if (fact := links.event_fact(e, name)) is not None
    ]
    disputed_statements = [
        item for item in (renderer.item(s) for s in members.statements) if item.wordings or item.dates or item.speakers
    ]
    expected = [renderer._marks(e) for e in ordered_events if corpus.events[e].note.status in UPCOMING]
    sources = sorted(members.sources, key=renderer._source_order, reverse=True)
    upcoming = [m.id for m in expected if not m.overtaken]
    met, reported = _meetings(renderer, members)
    names = {a: renderer._lookup("actor", a) for pair in met | reported for a in pair}
    newest_source_day = as_of(corpus, members)  # the story is as of then: what comes after is expected
    return StoryContext(
        id=story_id,
        title=story.note.title,
        status=story.note.status.value,
        as_of=_as_when(newest_source_day),
        lede=story.lede,
        rest=story.rest,
        happened=happened,
        undated=undated,
        matrix=positions_matrix(renderer, members),
        disputed_facts=disputed_facts,
        disputed_statements=disputed_statements,
        upcoming=[renderer._summary(m.id) for m in expected if not m.overtaken],
        overtaken=[renderer._summary(m.id) for m in expected if m.overtaken],
        sources=[(s, corpus.sources[s].note.publisher, corpus.sources[s].note.published) for s in sources],
        issues=sorted(members.issues, key=renderer._issue_name),
        timeline=timeline_svg(_marks(renderer, happened, upcoming), newest_source_day, f"timeline-{story_id}"),
        meetings=meetings_svg(names, met, reported, f"meetings-{story_id}"),
        met=_in_words(renderer, met, both_ways=True),
        reported=_in_words(renderer, reported),
    )


def _marks(renderer: Renderer, happened: list[Development], upcoming: list[str]) -> list[Mark]:
    """The timeline's entries: a disputed date spans every version the sources give."""
    marks = []
    for d in happened:
        if d.date is None:
            continue  # "What happened" holds dated developments only
        if d.kind == "event":
            fact = renderer.links.event_fact(d.id, "date")
            versions = [v.when for v in fact.versions if v.when] if fact and fact.disputed else []
            start = min((w.start for w in versions), default=d.date.start)
            end = max((period_end(w) for w in versions), default=None)
            shown = "disputed" if end else date_text(d.date)
            marks.append(Mark(start, end, renderer._lookup("event", d.id), shown, "event"))
        else:
            note = d.item.note
            said = f"“{quoted(note.quote)}”" if note.quote else note.paraphrase
            marks.append(
                Mark(
                    d.date.start,
                    None,
                    f"{renderer._lookup('actor', note.speaker)}: {said}",
                    date_text(d.date),
                    "statement",
                )
            )
    for e in upcoming:
        when = renderer.links.event_date(e)
        marks.append(
            Mark(when.start if when else None, None, renderer._lookup("event", e), date_text(when), "expected")
        )
    return marks


def _meetings(renderer: Renderer, members: Members) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """Pairs of actors who took part in the same held event; (reporter, speaker) pairs."""
    corpus, met, reported = renderer.corpus, set(), set()
    for e in members.events:
        event = corpus.events[e].note
        if event.status is EventStatus.held:
            actors = sorted({p.actor for p in event.participants})
            met |= {(a, b) for i, a in enumerate(actors) for b in actors[i + 1 :]}
    for s in members.statements:
        note = corpus.statements[s].note
        reported |= {(r, note.speaker) for r in note.reported_by if r != note.speaker}
    return met, reported


def _in_words(renderer: Renderer, pairs: set[tuple[str, str]], both_ways: bool = False) -> list[tuple[str, list[str]]]:
    linked: dict[str, set[str]] = {}
    for a, b in pairs:
        linked.setdefault(a, set()).add(b)
        if both_ways:
            linked.setdefault(b, set()).add(a)
    order = lambda a: (renderer._actor_name(a), a)  # noqa: E731
    return [(a, sorted(linked[a], key=order)) for a in sorted(linked, key=order)]


def stories_home_context(renderer: Renderer) -> StoriesHomeContext:
    corpus = renderer.corpus
    cards = []
    for story_id in corpus.stories:
        story = corpus.stories[story_id]
        members = story_members(corpus, story_id)
        happened, undated = developments(renderer, members)
        cards.append(
            StoryCard(
                story_id,
                story.note.title,
                _as_when(as_of(corpus, members)),
                story.lede,
                happened[:HOME_DEVELOPMENTS],
                len(happened) + len(undated) - HOME_DEVELOPMENTS,
            )
        )
    # Latest development first: the newest source, then the newest dated development; then the title.
    cards.sort(
        key=lambda c: (
            c.as_of.start if c.as_of else dt.date.min,
            c.latest[0].date.start if c.latest and c.latest[0].date else dt.date.min,
        ),
        reverse=True,
    )
    counted = cited_counts(corpus)  # only what rests on a citation (issue 11)
    return StoriesHomeContext(
        cards,
        {
            "stories": len(corpus.stories),
            "sources": counted["sources"],
            "events": counted["events"],
            "statements": counted["statements"],
        },
    )


def prose_with_refs(h, text: str) -> SafeMarkdown:
    """A story's Markdown with its [[references]] as links, sanitised like every contributor's prose.

    The links are in HTML, which MkDocs does not rewrite: they point where the built site has the
    pages (see story_refs.html_href). Each counts as a link for the target's "Linked from"."""

    def link(target: Target) -> str:
        h.targets.add(target.page)
        if target.kind == "source" and target.anchor:
            publisher, published, _url = h._read("cite", target.id)
            from .pages.shown_dates import format_date

            label = ", ".join(filter(None, (publisher, format_date(published), place_label(target.anchor))))
        elif target.kind == "story":
            label = h.corpus.stories[target.id].note.title
        else:
            label = h._read(target.kind, target.id)
        markdown = f"[{escape_md(target.label or label)}]({html_href(h.path, target)})"
        # A citation is small print, as on every page (and, like it, left out of the search index).
        return f"<small>{markdown}</small>" if target.kind == "source" and target.anchor else markdown

    return render_prose(replace_refs(text, h.corpus, link), PROSE_TAGS | {"small"})
