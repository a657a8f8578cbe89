"""Date phrases resolve to the one day (or span) they mean in an article of a given day."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.dates import resolve

WED = dt.date(2025, 12, 3)  # Wednesday 3 December 2025, the seed article's day
SUN = dt.date(2014, 4, 27)  # a Sunday
D = dt.date

# (phrase, published, looks ahead?, first day meant, last day meant)
CASES = [
    # A weekday looks back for a held event or a statement: the latest such day, a week back at most.
    ("on Tuesday", WED, False, D(2025, 12, 2), None),
    ("on Wednesday", WED, False, WED, None),
    ("on Thursday", WED, False, D(2025, 11, 27), None),
    ("Tuesday's", WED, False, D(2025, 12, 2), None),
    ("on Friday afternoon", WED, False, D(2025, 11, 28), None),
    ("last Tuesday", WED, False, D(2025, 12, 2), None),
    ("last Wednesday", WED, False, D(2025, 11, 26), None),
    # ... and ahead for a planned one: the next such day.
    ("on Tuesday", WED, True, D(2025, 12, 9), None),
    ("on Friday", WED, True, D(2025, 12, 5), None),
    ("on Wednesday", WED, True, WED, None),
    ("next Wednesday", WED, True, D(2025, 12, 10), None),
    ("yesterday", WED, False, D(2025, 12, 2), None),
    ("last night", WED, False, D(2025, 12, 2), None),
    ("today", WED, False, WED, None),
    ("this morning", WED, False, WED, None),
    ("tomorrow", WED, True, D(2025, 12, 4), None),
    ("two days ago", WED, False, D(2025, 12, 1), None),
    ("this week", WED, False, D(2025, 12, 1), D(2025, 12, 7)),
    ("last week", WED, False, D(2025, 11, 24), D(2025, 11, 30)),
    ("next week", WED, True, D(2025, 12, 8), D(2025, 12, 14)),
    ("over the weekend", WED, False, D(2025, 11, 29), D(2025, 11, 30)),
    ("over the weekend", SUN, False, D(2014, 4, 26), D(2014, 4, 27)),
    ("last weekend", SUN, False, D(2014, 4, 19), D(2014, 4, 20)),
    ("this weekend", WED, True, D(2025, 12, 6), D(2025, 12, 7)),
    ("in August", WED, False, D(2025, 8, 1), D(2025, 8, 31)),
    ("in August", WED, True, D(2026, 8, 1), D(2026, 8, 31)),
    ("in December", WED, False, D(2025, 12, 1), D(2025, 12, 31)),
    ("in March 2003", WED, False, D(2003, 3, 1), D(2003, 3, 31)),
    # Written-out dates: without a year, the nearest on the right side of publication.
    ("on Nov. 16", WED, False, D(2025, 11, 16), None),
    ("on Nov. 16", WED, True, D(2026, 11, 16), None),
    ("December 3, 2025", WED, False, WED, None),
    ("on Jan. 20", D(2017, 2, 28), False, D(2017, 1, 20), None),
    ("on Aug. 7", D(2020, 8, 18), False, D(2020, 8, 7), None),
    ("3 Dec", WED, False, WED, None),
    ("16th of November 2024", WED, False, D(2024, 11, 16), None),
    ("Monday Nov. 17, 2003", WED, False, D(2003, 11, 17), None),
    ("on the 16th", WED, False, D(2025, 11, 16), None),
    ("on the 16th", WED, True, D(2025, 12, 16), None),
    ("on the 3rd", WED, False, WED, None),
]


@pytest.mark.parametrize("phrase, published, ahead, first, last", CASES)
def test_a_phrase_means_one_day_or_span(phrase, published, ahead, first, last):
    meant = resolve(phrase, published, ahead=ahead)
    assert meant is not None, phrase
    assert (meant.first, meant.last) == (first, last or first)


@pytest.mark.parametrize("phrase", ["earlier", "recently", "as talks continued", "they may meet", "in Brussels"])
def test_words_with_no_date_rule_resolve_to_nothing(phrase):
    assert resolve(phrase, WED) is None
