"""Every fact must be in its source: passages, quoted words and relative dates."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import TYPE_CHECKING

from .errors import Problem
from .text import find_in_order, normalize, pieces, prepare

if TYPE_CHECKING:
    from .corpus import Corpus

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = re.compile(r"\b(?:(last|next|this)\s+)?(" + "|".join(WEEKDAYS) + r")\b")


def closest_passage(passage: str, source_text: str) -> str:
    """The sentence of the source most like ``passage``, to show next to a mismatch."""
    target = normalize(passage)
    best, best_ratio = "", 0.0
    for sentence in prepare(source_text).sentences:
        matcher = difflib.SequenceMatcher(None, target, normalize(sentence.text), autojunk=False)
        if matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = sentence.text, ratio
    return best if len(best) <= 160 else best[:157] + "..."


def date_matches_phrase(phrase: str, published: dt.date, when: dt.date) -> str | None:
    """Why ``when`` cannot be what ``phrase`` means in an article of ``published``, or None.

    Phrases with no rule here ("earlier", "recently") are not checked.
    """
    words = normalize(phrase).lower()
    days = (when - published).days
    if re.search(r"\btoday\b", words) and days != 0:
        return f"'{phrase}' means {published.isoformat()}, the publication date"
    if re.search(r"\byesterday\b", words) and days != -1:
        return f"'{phrase}' means {(published - dt.timedelta(1)).isoformat()}"
    if re.search(r"\btomorrow\b", words) and days != 1:
        return f"'{phrase}' means {(published + dt.timedelta(1)).isoformat()}"
    week = (when.isocalendar()[:2], published.isocalendar()[:2])
    for word, shift in (("last week", -7), ("next week", 7), ("this week", 0)):
        if word in words:
            expected = (published + dt.timedelta(shift)).isocalendar()[:2]
            if week[0] != expected:
                return f"'{phrase}' means the week of {(published + dt.timedelta(shift - published.weekday())).isoformat()}"
            return None
    match = _WEEKDAY_RE.search(words)
    if match:
        name = match.group(2)
        if when.weekday() != WEEKDAYS.index(name):
            return f"{when.isoformat()} is a {WEEKDAYS[when.weekday()].title()}, not a {name.title()}"
        if abs(days) > 6 and not match.group(1):
            return f"'{phrase}' in an article of {published.isoformat()} means a day within a week of it"
    return None


def check_evidence(corpus: Corpus) -> list[Problem]:
    problems: list[Problem] = []
    for where, key, evidence in corpus.evidence:
        source = corpus.sources.get(evidence.source or "")
        if source is None:
            continue  # reported as an unknown source already
        text = prepare(source.text)
        if find_in_order(pieces(evidence.passage), text.normalized) is None:
            problems.append(where.file.problem(where.key + key + ("passage",), (
                f"passage not found in {source.text_display}; copy it exactly from the article. "
                f"Closest sentence: \"{closest_passage(evidence.passage, source.text)}\"")))
    for statement in corpus.statements.values():
        note = statement.note
        if note.quote:
            passages = [normalize(ev.passage) for ev in note.evidence]
            if not any(find_in_order(pieces(note.quote), p) is not None for p in passages):
                problems.append(statement.problem("quote", message=(
                    "quoted words do not occur in the evidence passage; quote the article's exact words "
                    "(mark a cut with [...]) or use 'paraphrase'")))
        if note.date and note.date.phrase:
            source = corpus.sources.get(corpus.statement_source[statement.id])
            problems += _check_date(statement, ("date",), note.date, source, note.evidence)
    for event in corpus.events.values():
        for i, claim in enumerate(event.note.date or ()):
            if claim.phrase:
                source = corpus.sources.get(claim.evidence[0].source or "")
                problems += _check_date(event, ("date", i), claim, source, claim.evidence)
    return problems


def _check_date(where, key, when, source, evidence) -> list[Problem]:
    if source is None:
        return []
    found = []
    phrase = normalize(when.phrase).lower()
    if not any(phrase in normalize(ev.passage).lower() for ev in evidence):
        found.append(where.problem(*key, "phrase", message=(
            f"date phrase {when.phrase!r} is not in the cited passage; copy the article's words")))
    published = source.note.published
    # Only a day can be checked against a phrase; a month or an approximate date is the contributor's reading.
    if published is None or published.effective_precision.value != "day" or when.effective_precision.value != "day":
        return found
    reason = date_matches_phrase(when.phrase, published.start, when.start)
    if reason:
        found.append(where.problem(*key, "value", message=(
            f"date {when.value} does not match {when.phrase!r} in {source.id} (published "
            f"{published.value}, a {WEEKDAYS[published.start.weekday()].title()}): {reason}; fix the date")))
    return found
