"""Date phrases beyond tests/unit/test_dates.py: counted weeks, impossible days, months that lack
the day, weekends seen from a weekend, and the spans and weekday names the checks compare."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.dates import Span, named_weekday, resolve, span_of

D = dt.date
WED = D(2025, 12, 3)
SAT = D(2025, 12, 6)


@pytest.mark.parametrize(
    "phrase, published, ahead, first, last",
    [
        ("two weeks ago", WED, False, D(2025, 11, 19), None),
        ("a week ago", WED, False, D(2025, 11, 26), None),
        ("3 days ago", WED, False, D(2025, 11, 30), None),
        ("Tonight", WED, False, WED, None),
        ("on Sept. 9", WED, False, D(2025, 9, 9), None),
        # "the 31st" looks for the nearest month that has one.
        ("on the 31st", WED, False, D(2025, 10, 31), None),
        ("on the 31st", WED, True, D(2025, 12, 31), None),
        ("on the 29th", D(2025, 3, 1), False, D(2025, 1, 29), None),  # no 29 February in 2025
        # Seen from a Saturday: "this weekend" is the one under way, "next weekend" the one after.
        ("this weekend", SAT, True, SAT, D(2025, 12, 7)),
        ("next weekend", SAT, True, D(2025, 12, 13), D(2025, 12, 14)),
        ("last weekend", SAT, False, D(2025, 11, 29), D(2025, 11, 30)),
        ("later this week", WED, True, D(2025, 12, 1), D(2025, 12, 7)),
        ("in early March", WED, True, D(2026, 3, 1), D(2026, 3, 31)),
        ("since May", WED, False, D(2025, 5, 1), D(2025, 5, 31)),
    ],
)
def test_more_phrases_mean_one_day_or_span(phrase, published, ahead, first, last):
    meant = resolve(phrase, published, ahead=ahead)
    assert meant is not None, phrase
    assert (meant.first, meant.last) == (first, last or first)


@pytest.mark.parametrize("phrase", ["on Feb. 30", "on the 32nd", "they may agree"])
def test_impossible_or_unreadable_dates_resolve_to_nothing(phrase):
    assert resolve(phrase, WED) is None


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2025-12-03", WED, WED),
        ("2025-12", D(2025, 12, 1), D(2025, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_a_recorded_value_covers_its_days(value, first, last):
    assert span_of(value) == Span(first, last)


@pytest.mark.parametrize(
    "a, b, overlap",
    [
        (Span(WED, WED), Span(WED, SAT), True),
        (Span(D(2025, 12, 1), WED), Span(WED, SAT), True),  # sharing the last day
        (Span(D(2025, 12, 1), D(2025, 12, 2)), Span(WED, SAT), False),
    ],
)
def test_spans_overlap_when_they_share_a_day(a, b, overlap):
    assert a.overlaps(b) is overlap and b.overlaps(a) is overlap


def test_a_span_reads_as_a_weekday_and_date_or_a_range():
    assert str(Span(WED, WED)) == "Wednesday 2025-12-03"
    assert str(Span(WED, SAT)) == "2025-12-03 to 2025-12-06"


@pytest.mark.parametrize(
    "phrase, weekday",
    [
        ("on Tuesday", 1),
        ("Tuesday’s talks", 1),
        ("LAST SUNDAY", 6),
        ("on the 3rd", None),
        ("Monday-ish", 0),
    ],
)
def test_named_weekday(phrase, weekday):
    assert named_weekday(phrase) == weekday
