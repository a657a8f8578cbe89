"""Who's who: every actor with its roles and side, filed by surname, grouped by organisation or country.

The rules (also in the README, "Who's who"):

- An actor is filed by its ``sort_as`` when the note gives one. Otherwise a person by the last word of
  the name, then the rest ("Putin, Vladimir"), leaving out a closing "Jr." or "III"; anyone else by the
  whole name less a leading "The" ("Kremlin, The"). Particles are not guessed at: whether "Ursula von der
  Leyen" is filed under L or V depends on the country, so such a note says ``sort_as: Leyen, Ursula von der``.
- Up to the listing threshold, the page groups actors by side (positions.side_of: the organisation of
  the first role, or the organisation itself), the organisation first, then its people; people with no
  organisation come after the sides, then groups and unnamed speakers, apart. A longer Who's who is
  paged by the first letter of the sort key, persons and organisations apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import Actor
from .positions import side_of

if TYPE_CHECKING:
    from .pages.builder import PageBuilder as Renderer

# Words after a surname that are not the surname: "Martin Luther King Jr." files under K.
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Kinds filed by letter (a long Who's who pages them by letter); the others are listed apart.
FILED_KINDS = ("person", "organisation")
APART = (("group", "Groups"), ("anonymous", "Unnamed speakers"))
NO_SIDE = "No organisation named"


def sort_name(actor: Actor) -> str:
    """The name an actor is filed under: "Putin, Vladimir", "Kremlin, The", or the note's ``sort_as``."""
    if actor.sort_as:
        return actor.sort_as
    words = actor.name.split()
    if actor.kind.value == "person":
        while len(words) > 2 and words[-1].casefold() in _SUFFIXES:
            words = words[:-1]
        return words[-1] + (", " + " ".join(words[:-1]) if len(words) > 1 else "")
    if len(words) > 1 and words[0].casefold() == "the":
        return " ".join(words[1:]) + ", " + words[0]
    return actor.name


@dataclass(frozen=True)
class Profile:
    """What Who's who shows beside an actor's name: its roles (title, organisation) and its side."""

    id: str
    roles: tuple[tuple[str, str | None], ...]
    side: str | None


def profile(renderer: Renderer, actor_id: str) -> Profile:
    actor = renderer.corpus.actors[actor_id].note
    side = side_of(renderer, actor_id)
    return Profile(
        actor_id,
        tuple((r.title, r.affiliation if r.affiliation in renderer.corpus.actors else None) for r in actor.roles),
        None if side == actor_id else side,
    )


def sort_key(renderer: Renderer, actor_id: str) -> tuple[str, str]:
    return sort_name(renderer.corpus.actors[actor_id].note).casefold(), actor_id


def groups_by_side(renderer: Renderer) -> list[tuple[str, str, list[str]]]:
    """``[(key, heading, ids)]``: each side (its organisation first), then people of no organisation."""
    actors = renderer.corpus.actors
    by_side: dict[str | None, list[str]] = {}
    for actor_id in sorted(
        (a for a in actors if actors[a].note.kind.value in FILED_KINDS), key=lambda a: sort_key(renderer, a)
    ):
        by_side.setdefault(side_of(renderer, actor_id), []).append(actor_id)
    sides = sorted((s for s in by_side if s is not None), key=lambda s: sort_key(renderer, s))
    groups = []
    for side in sides:
        ids = by_side[side]
        ids = [i for i in ids if i == side] + [i for i in ids if i != side]
        groups.append((f"side-{side}", actors[side].note.name, ids))
    if None in by_side:
        groups.append(("no-side", NO_SIDE, by_side[None]))
    return groups + groups_apart(renderer)


def groups_by_letter(renderer: Renderer, letter_key) -> list[tuple[str, str, list[str]]]:
    """``[(key, heading, ids)]``: persons, then organisations, by the first letter of their sort key."""
    actors, groups = renderer.corpus.actors, []
    for kind in FILED_KINDS:
        merged: dict[str, tuple[str, list[str]]] = {}
        for actor_id in sorted(
            (a for a in actors if actors[a].note.kind.value == kind), key=lambda a: sort_key(renderer, a)
        ):
            key, letter = letter_key(sort_name(actors[actor_id].note))
            merged.setdefault(key, (letter, []))[1].append(actor_id)
        groups += [(f"{kind}-{key}", f"{kind.title()}s · {letter}", ids) for key, (letter, ids) in merged.items()]
    return groups + groups_apart(renderer)


def groups_apart(renderer: Renderer) -> list[tuple[str, str, list[str]]]:
    # Groups and unnamed speakers are not filed by letter ("a negotiator" is nobody under "A").
    actors, groups = renderer.corpus.actors, []
    for kind, label in APART:
        ids = sorted((a for a in actors if actors[a].note.kind.value == kind), key=lambda a: sort_key(renderer, a))
        if ids:
            groups.append((kind, label, ids))
    return groups
