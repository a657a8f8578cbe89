"""Dates as pages print them: "2 December 2025", "around 9 January 2025", "December 2025"."""

from __future__ import annotations

from functools import lru_cache

from ..model import When

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def format_date(when: When | None) -> str:
    if when is None:
        return "undated"
    text = _day_text(when.value, bool(when.precision and when.precision.value == "approximate"))
    # The article's own words, where they could not be checked against its publication day.
    # Asked of the class (a ClassVar of disputes.py's dates): asking a pydantic note for a field it
    # lacks goes through its slow __getattr__ (about 4% of rendering under the profiler at 5,505 pages).
    return f"{text} (“{when.phrase}”)" if getattr(type(when), "words_beside", False) and when.phrase else text


@lru_cache(maxsize=1 << 14)  # pages print the same few thousand days again and again
def _day_text(value: str, approximate: bool) -> str:
    parts = [int(p) for p in value.split("-")]
    text = {1: "{0}", 2: "{1} {0}", 3: "{2} {1} {0}"}[len(parts)].format(
        parts[0], MONTHS[parts[1] - 1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
    )
    return f"around {text}" if approximate else text


def month_label(when: When | None) -> str:
    if when is None:
        return "Undated"
    parts = when.value.split("-")
    return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}" if len(parts) > 1 else parts[0]
