"""When two claims of an event's fact are one version (more or less detail) or a dispute, and which
version pages show first (README, "Disputed facts")."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from generator.disputes import _compatible, _group, _words, period_end
from generator.model import DateClaim, Source, TextClaim, When


def date(value: str, source: str = "a", **more) -> DateClaim:
    return DateClaim.model_validate({"value": value, "evidence": [{"source": source, "passage": "p"}], **more})


def text(value: str, source: str = "a", **more) -> TextClaim:
    return TextClaim.model_validate({"value": value, "evidence": [{"source": source, "passage": "p"}], **more})


@pytest.mark.parametrize(
    "value, last_day",
    [
        ("2025-12-02", dt.date(2025, 12, 2)),
        ("2025-12", dt.date(2025, 12, 31)),
        ("2024-02", dt.date(2024, 2, 29)),  # a leap year
        ("2025-02", dt.date(2025, 2, 28)),
        ("2025", dt.date(2025, 12, 31)),
    ],
)
def test_period_end_is_the_last_day_a_date_can_mean(value, last_day):
    assert period_end(When(value=value)) == last_day


@pytest.mark.parametrize(
    "value, compared",
    [
        ("Around five hours", "5 hours"),
        ("about about 5 hours", "5 hours"),
        ("NATO headquarters, Brussels", "nato headquarters brussels"),
        ("some twelve hours", "12 hours"),
        ("thirteen hours", "thirteen hours"),  # only zero to twelve are read as numbers
        ("the summit", "the summit"),
    ],
)
def test_text_values_are_compared_without_case_punctuation_or_approximation(value, compared):
    assert _words(value) == compared


@pytest.mark.parametrize(
    "a, b, one_version",
    [
        (text("around five hours"), text("5 hours", "b"), True),
        (text("Brussels"), text("brussels.", "b"), True),
        (text("five hours"), text("six hours", "b"), False),
        (text("Brussels"), text("NATO headquarters, Brussels", "b"), False),
        (text("Brussels"), text("NATO headquarters, Brussels", "b", refines="a"), True),  # says it refines a's claim
        (text("Brussels"), text("Geneva", "b", refines="c"), False),  # refines a source that is not the other's
        (date("2025-12-02"), date("2025-12-02", "b"), True),
        (date("2025-12"), date("2025-12-02", "b"), True),  # a day inside the month
        (date("2025"), date("2025-12-02", "b"), True),
        (date("2025-11"), date("2025-12-02", "b"), False),
        (date("2025-12-01"), date("2025-12-02", "b"), False),
        (date("2025-12-02", precision="approximate"), date("2025-12-03", "b"), False),  # approximate: still that day
    ],
)
def test_two_claims_are_one_version_when_both_can_be_true(a, b, one_version):
    assert _compatible(a, b) is one_version
    assert _compatible(b, a) is one_version


def corpus_of(**published: str) -> Any:
    """Just what ordering reads: each source's note with its publication date."""
    sources = {
        ident: SimpleNamespace(
            note=Source.model_validate({"id": ident, "title": ident, "publisher": "P", "published": day})
        )
        for ident, day in published.items()
    }
    return SimpleNamespace(sources=sources)


def test_versions_are_ordered_by_sources_then_earliest_publication_then_value_never_by_note_order():
    corpus = corpus_of(a="2025-12-03", b="2025-12-01", c="2025-12-02", d="2025-12-04")
    claims = [text("Geneva", "a"), text("Brussels", "d"), text("brussels", "c"), text("Vienna", "b")]
    assert [[c.value for c in version] for version in _group(corpus, claims)] == [
        ["brussels", "Brussels"],  # two sources; within it, the earliest report first
        ["Vienna"],  # one source, published first
        ["Geneva"],
    ]
    assert [[c.value for c in v] for v in _group(corpus, list(reversed(claims)))] == [
        [c.value for c in v] for v in _group(corpus, claims)
    ]


def test_a_version_marked_as_contradicted_comes_after_the_others_and_the_most_detailed_claim_leads_its_version():
    corpus = corpus_of(a="2025-12-01", b="2025-12-02", c="2025-12-03")
    contradicted = date("2025-12-02", "a", contradicted_by=[{"source": "c", "passage": "p"}])
    claims = [contradicted, date("2025-12", "b"), date("2025-12-05", "c")]
    versions = _group(corpus, claims)
    # "2025-12" is compatible with both days, so all three claims are one version: days before the
    # month (more detail), and of the days the one nobody contradicts.
    assert [[c.value for c in v] for v in versions] == [["2025-12-05", "2025-12-02", "2025-12"]]
    apart = _group(corpus, [contradicted, date("2025-12-05", "c")])
    assert [[c.value for c in v] for v in apart] == [["2025-12-05"], ["2025-12-02"]]
