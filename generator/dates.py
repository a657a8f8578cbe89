"""What an article's date words mean: "on Tuesday" in an article of Wednesday 3 December 2025.

Each phrase resolves to one day, or one span (a week, a weekend, a month), counted from
the publication day. Whether the words look back or ahead depends on what they date: a
held event or a statement happened on or before publication; a planned event lies ahead.
Phrases with no rule here ("earlier", "recently") resolve to nothing and are not checked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .text import normalize

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
# Full names first, so "march" is not read as "mar".
_MONTH_WORDS = {
    **{m: i + 1 for i, m in enumerate(_MONTH_NAMES)},
    **{m[:3]: i + 1 for i, m in enumerate(_MONTH_NAMES)},
    "sept": 9,
}
_MONTH = r"\b(" + "|".join(sorted(_MONTH_WORDS, key=len, reverse=True)) + r")\b\.?"
_DAY = r"\b(\d{1,2})(?:st|nd|rd|th)?\b"
_YEAR = r"(?:,?\s+(\d{4})\b)?"
_MONTH_DAY = re.compile(_MONTH + r"\s+" + _DAY + _YEAR)  # "Nov. 16", "December 3, 2025"
_DAY_MONTH = re.compile(_DAY + r"\s+(?:of\s+)?" + _MONTH + _YEAR)  # "3 Dec", "16th of November 2025"
_NTH = re.compile(r"\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b")  # "on the 16th"
# A month alone only after a word that makes it one ("may" is also a verb).
_MONTH_ONLY = re.compile(
    r"\b(?:in|of|early|late|mid|since|until|by|during)[\s-]+" + _MONTH + _YEAR + r"|" + _MONTH + r"\s+(\d{4})\b"
)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1}
_AGO = re.compile(r"\b(\d+|one|two|three|four|five|six|a)\s+(day|week)s?\s+ago\b")
_WEEKDAY = re.compile(r"\b(?:(last|next|this|coming|past)\s+)?(" + "|".join(WEEKDAYS) + r")\b")
_WEEK = re.compile(r"\b(last|next|this|coming|past)\s+week\b|\blater\s+this\s+week\b|\bearlier\s+this\s+week\b")
_WEEKEND = re.compile(r"\b(last|next|this|coming|past|over\s+the|at\s+the|on\s+the)\s+weekend\b")
_TODAY = re.compile(r"\b(today|tonight|this\s+(?:morning|afternoon|evening))\b")
_YESTERDAY = re.compile(r"\b(yesterday|last\s+night)\b")
_TOMORROW = re.compile(r"\btomorrow\b")


@dataclass(frozen=True)
class Span:
    """The days a phrase or a date can mean, first and last included."""

    first: dt.date
    last: dt.date

    def overlaps(self, other: Span) -> bool:
        return self.first <= other.last and other.first <= self.last

    def __str__(self) -> str:
        if self.first == self.last:
            return f"{WEEKDAYS[self.first.weekday()].title()} {self.first.isoformat()}"
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def day(date: dt.date) -> Span:
    return Span(date, date)


def month_span(year: int, month: int) -> Span:
    return Span(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))


def span_of(value: str) -> Span:
    """The days a YYYY, YYYY-MM or YYYY-MM-DD value covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return day(dt.date(*parts))
    if len(parts) == 2:
        return month_span(*parts)
    return Span(dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31))


def _weekday_back(published: dt.date, weekday: int, strictly: bool) -> dt.date:
    """The latest such weekday on or before (strictly: before) publication."""
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(back or (7 if strictly else 0))


def _weekday_ahead(published: dt.date, weekday: int, strictly: bool) -> dt.date:
    ahead = (weekday - published.weekday()) % 7
    return published + dt.timedelta(ahead or (7 if strictly else 0))


def _calendar_date(year: int | None, month: int, day_of_month: int, published: dt.date, ahead: bool) -> Span | None:
    """A written-out date; without a year, the one nearest publication on the right side of it."""
    years = (
        [year] if year else ([published.year, published.year + 1] if ahead else [published.year, published.year - 1])
    )
    for candidate_year in years:
        try:
            date = dt.date(candidate_year, month, day_of_month)
        except ValueError:
            continue
        if year or (date >= published if ahead else date <= published):
            return day(date)
    return None


def _nth(day_of_month: int, published: dt.date, ahead: bool) -> Span | None:
    """ "the 16th": the nearest 16th of a month on the right side of publication."""
    year, month = published.year, published.month
    for _ in range(3):
        try:
            date = dt.date(year, month, day_of_month)
        except ValueError:
            date = None
        if date and (date >= published if ahead else date <= published):
            return day(date)
        month += 1 if ahead else -1
        if month in (0, 13):
            year, month = year + (1 if ahead else -1), 12 if month == 0 else 1
    return None


def _month(month: int, year: int | None, published: dt.date, ahead: bool) -> Span:
    if year is None:
        year = published.year
        if ahead and month < published.month:
            year += 1
        if not ahead and month > published.month:
            year -= 1
    return month_span(year, month)


def resolve(phrase: str, published: dt.date, ahead: bool = False) -> Span | None:
    """The day or days ``phrase`` means in an article published on ``published``.

    ``ahead`` is for what was still to come at publication (a planned event); otherwise
    the phrase looks back (a held event, a statement). None: no rule reads this phrase.
    """
    words = normalize(phrase).lower()
    for pattern, order in ((_MONTH_DAY, (3, 1, 2)), (_DAY_MONTH, (3, 2, 1))):
        match = pattern.search(words)
        if match:
            year, month, day_of_month = (match.group(i) for i in order)
            return _calendar_date(int(year) if year else None, _MONTH_WORDS[month], int(day_of_month), published, ahead)
    match = _NTH.search(words)
    if match:
        return _nth(int(match.group(1)), published, ahead)
    match = _MONTH_ONLY.search(words)
    if match:
        month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        return _month(_MONTH_WORDS[month], int(year) if year else None, published, ahead)
    if _TODAY.search(words):
        return day(published)
    if _YESTERDAY.search(words):
        return day(published - dt.timedelta(1))
    if _TOMORROW.search(words):
        return day(published + dt.timedelta(1))
    match = _AGO.search(words)
    if match:
        count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS[match.group(1)]
        return day(published - dt.timedelta(count * (7 if match.group(2) == "week" else 1)))
    match = _WEEKEND.search(words)
    if match:
        # A weekend is Saturday and Sunday; "last weekend" is the one before publication.
        qualifier = match.group(1)
        if ahead and qualifier not in ("last", "past"):
            # The weekend not yet over at publication ("next weekend" on a weekend: the one after).
            saturday = published - dt.timedelta(1) if published.weekday() == 6 else _weekday_ahead(published, 5, False)
            if qualifier == "next" and published.weekday() >= 5:
                saturday += dt.timedelta(7)
        else:
            saturday = _weekday_back(published, 5, strictly=False)
            if qualifier in ("last", "past") and published.weekday() >= 5:
                saturday -= dt.timedelta(7)
        return Span(saturday, saturday + dt.timedelta(1))
    match = _WEEK.search(words)
    if match:
        shift = {"last": -7, "past": -7, "next": 7, "coming": 7}.get(match.group(1) or "this", 0)
        monday = published - dt.timedelta(published.weekday()) + dt.timedelta(shift)
        return Span(monday, monday + dt.timedelta(6))
    match = _WEEKDAY.search(words)
    if match:
        weekday = WEEKDAYS.index(match.group(2))
        qualifier = match.group(1)
        if qualifier in ("last", "past"):
            return day(_weekday_back(published, weekday, strictly=True))
        if qualifier in ("next", "coming"):
            return day(_weekday_ahead(published, weekday, strictly=True))
        if ahead:
            return day(_weekday_ahead(published, weekday, strictly=False))
        return day(_weekday_back(published, weekday, strictly=False))
    return None


def named_weekday(phrase: str) -> int | None:
    """The weekday a phrase names, if any (0 is Monday)."""
    match = _WEEKDAY.search(normalize(phrase).lower())
    return WEEKDAYS.index(match.group(2)) if match else None
