"""Every fact must be in its source: passages, quoted words and relative dates."""

from __future__ import annotations

import dataclasses
import difflib
from typing import TYPE_CHECKING

from .dates import WEEKDAYS, named_weekday, resolve, span_of
from .errors import Problem
from .model import EventStatus
from .text import find_in_order, normalize, pieces, prepare
from .wording import article_cuts

if TYPE_CHECKING:
    from .corpus import Corpus, SourceDoc


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


def check_layout(source: SourceDoc) -> list[Problem]:
    """Every line ``layout`` names is a line of article.txt with text on it, named once."""
    problems: list[Problem] = []
    seen: dict[int, str] = {}  # line number -> the kind of line it was marked first
    lines = source.text.splitlines()
    for kind, numbers in source.note.layout.items():
        for i, number in enumerate(numbers):
            key = ("layout", kind.value) + ((i,) if len(numbers) > 1 else ())
            if number > len(lines) or not lines[number - 1].strip():
                problems.append(
                    source.file.problem(
                        key,
                        (
                            f"line {number} of {source.article_path} is {'empty' if number <= len(lines) else 'not there'}; "
                            "name the line numbers of the lines that are not the article's body"
                        ),
                    )
                )
            elif number in seen:
                problems.append(
                    source.file.problem(key, f"line {number} is already marked {seen[number]}; mark it once")
                )
            seen.setdefault(number, kind.value)
    return problems


def check_evidence(corpus: Corpus) -> list[Problem]:
    problems: list[Problem] = []
    for doc in corpus.sources.values():
        problems += check_layout(doc)
    for where, key, evidence in corpus.evidence:
        source = corpus.sources.get(evidence.source or "")
        if source is None:
            continue  # reported as an unknown source already
        text = source.prepared
        if find_in_order(pieces(evidence.passage), text.normalized) is None:
            problems.append(
                where.file.problem(
                    where.key + key + ("passage",),
                    (
                        f"passage not found in {source.article_path}; copy it exactly from the article. "
                        f'Closest sentence: "{closest_passage(evidence.passage, source.text)}"'
                    ),
                )
            )
    for statement in corpus.statements.values():
        note = statement.note
        if note.quote:
            passages = [normalize(ev.passage) for ev in note.evidence]
            if not any(find_in_order(pieces(note.quote), p) is not None for p in passages):
                problems.append(
                    statement.problem(
                        "quote",
                        message=(
                            "quoted words do not occur in the evidence passage; quote the article's exact words "
                            "(mark a cut with [...]) or use 'paraphrase'"
                        ),
                    )
                )
            else:
                source = corpus.sources.get(corpus.statement_source[statement.id])
                for printed in article_cuts(note.quote, source.prepared.normalized, source.text) if source else ():
                    problems.append(
                        statement.problem(
                            "quote",
                            message=(
                                f"the article prints its own cut here as {printed}; copy it into the quote as printed "
                                "(a cut of your own, where the article has words, is written [...])"
                            ),
                        )
                    )
        if note.date:
            source = corpus.sources.get(corpus.statement_source[statement.id])
            problems += _check_date(statement, ("date",), note.date, source, note.evidence, "a statement")
    for event in corpus.events.values():
        status = event.note.status
        what = "a held event" if status is EventStatus.held else f"a {status.value} event"
        for i, claim in enumerate(event.note.date or ()):
            source = corpus.sources.get(claim.evidence[0].source or "")
            problems += _check_date(event, ("date", i), claim, source, claim.evidence, what)
    return problems


def _check_date(where, key, when, source, evidence, what: str) -> list[Problem]:
    """The date of a statement or an event claim against its source's words and publication.

    ``what`` says what is dated: a statement or a held event lies on or before publication;
    a planned (proposed, conditional) one is read ahead of it.
    """
    if source is None:
        return []
    found = []
    if when.phrase and not any(normalize(when.phrase).lower() in normalize(ev.passage).lower() for ev in evidence):
        found.append(
            where.problem(
                *key,
                "phrase",
                message=(f"date phrase {when.phrase!r} is not in the cited passage; copy the article's words"),
            )
        )
    published = source.note.published  # None if the notes format lets a source's date be unknown
    looks_back = what in ("a statement", "a held event")
    approximate = when.effective_precision.value == "approximate"
    if (
        published is not None
        and looks_back
        and not approximate
        and (span_of(when.value).first > span_of(published.value).last)
    ):
        found.append(
            where.problem(
                *key,
                "value",
                message=(
                    f"date {when.value} is after {source.id} was published ({published.value}), but it dates {what}, "
                    "which must have happened by then; fix the date, or mark the event planned"
                ),
            )
        )
        return found
    if not when.phrase or approximate:
        return found  # an approximate date is the contributor's reading of vague words
    if published is None or published.effective_precision.value != "day":
        given = "no publication date" if published is None else f"its publication date as {published.value!r}"
        found.append(
            dataclasses.replace(
                where.problem(
                    *key,
                    "phrase",
                    message=(
                        f"cannot check {when.phrase!r} against {when.value}: {source.id} gives {given}, not a day; "
                        "check the date by hand, or give the day in its source.yml 'published'"
                    ),
                ),
                severity="warning",
            )
        )
        return found
    meant = resolve(when.phrase, published.start, ahead=not looks_back)
    if meant is None or meant.overlaps(span_of(when.value)):
        return found
    weekday = named_weekday(when.phrase)
    hint = ""
    if weekday is not None and when.effective_precision.value == "day" and when.start.weekday() != weekday:
        hint = f" ({when.value} is a {WEEKDAYS[when.start.weekday()].title()}, not a {WEEKDAYS[weekday].title()})"
    found.append(
        where.problem(
            *key,
            "value",
            message=(
                f"date {when.value} does not match {when.phrase!r} in {source.id} (published {published.value}, "
                f"a {WEEKDAYS[published.start.weekday()].title()}): for {what} it means {meant}{hint}; fix the date"
            ),
        )
    )
    return found
