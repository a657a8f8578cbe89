"""Where and when a statement was made: said at an event, or about it (a validation check).

``said_at`` places a statement at a held event: the speaker spoke during it or at it, so the
statement was made on the event's date. ``about_events`` only says what it refers to, and tells
nothing about when or where it was said. A statement is never shown at an event it was not said at,
nor at an event that has not happened.
"""

from __future__ import annotations

from .corpus import Corpus
from .errors import Problem
from .model import EventStatus, When


def dates_agree(first: When, second: When) -> bool:
    """Whether two dates can mean the same day: equal, or one is a month or year holding the other."""
    return first.value.startswith(second.value) or second.value.startswith(first.value)


def said_at_problems(corpus: Corpus) -> list[Problem]:
    problems = []
    for statement in corpus.statements.values():
        note = statement.note
        located = corpus.events.get(note.said_at or "")
        if located is None:
            continue  # none, or an unknown event (reported already)
        event = located.note
        if event.status is not EventStatus.held:
            problems.append(
                statement.problem(
                    "said_at",
                    message=(
                        f"said_at names {event.id!r}, which is {event.status.value}, not held: nothing can be said at "
                        f"an event that has not happened; write 'about_events: [{event.id}]' for a statement about it"
                    ),
                )
            )
        elif note.date and event.date and not any(dates_agree(note.date, claim) for claim in event.date):
            dates = " or ".join(claim.value for claim in event.date)
            problems.append(
                statement.problem(
                    "date",
                    message=(
                        f"date {note.date.value} is not the date of {event.id!r} ({dates}), where said_at says it was "
                        f"said; fix the date, or write 'about_events: [{event.id}]' if it was said about the event, "
                        "not at it"
                    ),
                )
            )
    return problems
