"""Dates as pages print them: "2 December 2025", "around 9 January 2025", "December 2025"."""

from __future__ import annotations

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
    parts = [int(p) for p in when.value.split("-")]
    text = {1: "{0}", 2: "{1} {0}", 3: "{2} {1} {0}"}[len(parts)].format(
        parts[0], MONTHS[parts[1] - 1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
    )
    text = f"around {text}" if when.precision and when.precision.value == "approximate" else text
    # The article's own words, where they could not be checked against its publication day.
    return f"{text} (“{when.phrase}”)" if getattr(when, "words_beside", False) and when.phrase else text


def month_label(when: When | None) -> str:
    if when is None:
        return "Undated"
    parts = when.value.split("-")
    return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}" if len(parts) > 1 else parts[0]
