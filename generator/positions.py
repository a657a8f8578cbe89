"""Where each actor stands: one cell per actor and issue, and the issues where actors disagree.

The rules (also in the README, "Where they stand"):

- A cell shows the actor's latest position on the issue: its stance, what it is about (``on``),
  its date and citations. Positions are ordered by their statement's date; an undated one by the
  date it was first reported (it shows no date of its own). Earlier positions that differ are shown in the cell as
  "earlier"; a different position of the same day as "also".
- Two positions are the same when their stance and their ``on`` phrase are the same: two
  actors both "concerned", one about sanctions and one about a ceasefire, do not agree.
- A sticking point is an issue on which at least two different actors' latest positions differ.
  One actor changing its mind is not one.
- Rows are grouped by side: an actor's first affiliation (the organisation named in its roles),
  or, for an organisation, the organisation itself.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Stance, When

if TYPE_CHECKING:
    from .link import Citation
    from .pages.builder import PageBuilder as Renderer
    from .stories import Members

# What each stance word means: shown as the legend, and in the README.
STANCE_MEANING = {
    Stance.supports: "wants it to happen",
    Stance.accepts: "agrees to it, as proposed",
    Stance.open: "willing to discuss it, undecided",
    Stance.mixed: "accepts some parts, rejects others",
    Stance.concerned: "worried about it (see what about)",
    Stance.opposes: "wants it not to happen",
    Stance.rejects: "refuses it, as proposed",
}


# A sign for each stance, shown with its word and colour (so colour is never the only cue).
STANCE_SIGN = {
    Stance.supports: "+",
    Stance.accepts: "✓",
    Stance.open: "?",
    Stance.mixed: "±",
    Stance.concerned: "!",
    Stance.opposes: "−",
    Stance.rejects: "✗",
}


@dataclass(frozen=True)
class Held:
    """One position as stated: stance, what about, when, where it is cited."""

    stance: Stance
    on: str | None
    date: When | None
    citations: tuple[Citation, ...]
    statement: str
    # When the statement was made, else when it was first reported (link.statement_placed): an
    # undated statement is no older than its report, so it orders by that, but shows no date.
    placed: When | None = None

    @property
    def same_as_key(self) -> tuple[Stance, str]:
        return (self.stance, (self.on or "").casefold().strip())


@dataclass(frozen=True)
class Cell:
    """An actor's stance on an issue: the latest, and the earlier or same-day ones that differ."""

    latest: Held
    earlier: tuple[Held, ...]  # differing positions stated before the latest, newest first
    also: tuple[Held, ...]  # differing positions stated the same day (or both undated)
    sources_differ: bool  # the sources report the latest statement differently

    @property
    def changed(self) -> bool:
        return bool(self.earlier)


@dataclass(frozen=True)
class Row:
    actor: str
    cells: tuple[Cell | None, ...]  # one per issue of the matrix, in its order


@dataclass(frozen=True)
class PositionsMatrix:
    issues: tuple[str, ...]
    groups: tuple[tuple[str | None, tuple[Row, ...]], ...]  # (side's actor id, or None for "Others"; rows)
    sticking: tuple[tuple[str, tuple[tuple[str, Cell], ...]], ...]  # (issue, (actor, cell) by actor)
    stances: tuple[tuple[Stance, str], ...]  # the legend: stances shown, with their meaning

    @property
    def empty(self) -> bool:
        return not self.issues


def _order(held: Held) -> tuple[dt.date, str]:
    when = held.date or held.placed
    return (when.start if when else dt.date.min, held.statement)


def _cell(positions: list[Held], differ: bool) -> Cell:
    positions.sort(key=_order)
    latest = positions[-1]
    same_time = [
        p
        for p in positions[:-1]
        if p.date == latest.date or (p.date and latest.date and p.date.start == latest.date.start)
    ]
    earlier = [p for p in reversed(positions[:-1]) if p not in same_time]
    seen = {latest.same_as_key}

    def differing(items):
        kept = []
        for p in items:
            if p.same_as_key not in seen:
                seen.add(p.same_as_key)
                kept.append(p)
        return tuple(kept)

    also = differing(same_time)
    return Cell(latest, differing(earlier), also, differ)


def side_of(renderer: Renderer, actor_id: str) -> str | None:
    """The organisation an actor speaks for: its first affiliation, or itself for an organisation."""
    actor = renderer.corpus.actors[actor_id].note
    for role in actor.roles:
        if role.affiliation and role.affiliation in renderer.corpus.actors:
            return role.affiliation
    return actor_id if actor.kind.value == "organisation" else None


def positions_matrix(renderer: Renderer, members: Members) -> PositionsMatrix:
    links = renderer.links
    held: dict[tuple[str, str], list[Held]] = defaultdict(list)
    differ: dict[tuple[str, str], bool] = {}
    story_issues = set(members.issues)
    for sid in members.statements:
        item = renderer.item(sid)
        holder = renderer._holder(sid)
        for position in item.note.positions:
            if position.issue in story_issues:
                key = (holder, position.issue)
                held[key].append(
                    Held(
                        position.stance,
                        position.on,
                        links.statement_date(sid),
                        item.citations,
                        sid,
                        links.statement_placed(sid)[0],
                    )
                )
                differ[key] = differ.get(key, False) or bool(item.wordings or item.speakers or item.dates)
    cells = {key: _cell(list(positions), differ[key]) for key, positions in held.items()}
    issues = tuple(sorted({i for _, i in cells}, key=renderer._issue_name))
    actors = sorted({a for a, _ in cells}, key=lambda a: (renderer._actor_name(a), a))
    by_side: dict[str | None, list[Row]] = defaultdict(list)
    for actor in actors:
        by_side[side_of(renderer, actor)].append(Row(actor, tuple(cells.get((actor, i)) for i in issues)))
    groups = tuple(
        (side, tuple(rows))
        for side, rows in sorted(
            by_side.items(), key=lambda kv: (kv[0] is None, renderer._actor_name(kv[0]) if kv[0] else "")
        )
    )
    sticking = []
    for issue in issues:
        holders = tuple((a, cells[(a, issue)]) for a in actors if (a, issue) in cells)
        if len({c.latest.same_as_key for _, c in holders}) > 1:
            sticking.append((issue, holders))
    shown = {c.latest.stance for c in cells.values()} | {h.stance for c in cells.values() for h in c.earlier + c.also}
    legend = tuple((s, STANCE_MEANING[s]) for s in STANCE_MEANING if s in shown)
    return PositionsMatrix(issues, groups, tuple(sticking), legend)
