"""Pictures drawn at build time as inline SVG: a story's timeline, and who met whom.

Static markup only: no script, no request, nothing to load. Every text in a picture comes from
the notes and is escaped here. Each picture is an ``<svg role="img">`` with a title and a
description a screen reader reads out, next to the lists on the page that say the same in words.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

from .markup import SafeMarkdown

WIDTH = 360  # the viewBox width: drawn for a phone, scaled up (to at most 640 px) on a desktop
ROW = 20  # the least vertical space between two entries of the timeline
LABEL_CHARS = 44
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Mark:
    """One entry of the timeline: a held event or a dated statement, or an expected event."""

    start: dt.date | None
    end: dt.date | None  # the last day a disputed date may be: drawn as a range
    label: str
    date_text: str  # the date as written beside it: "2 Dec 2025", "Dec 2025", "no date"
    kind: str  # "event" | "statement" | "expected"


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_text(when) -> str:
    """A ``When`` as the timeline writes it: as precise as the notes, "~" when approximate."""
    if when is None:
        return "no date"
    parts = [int(p) for p in when.value.split("-")]
    if len(parts) == 3:
        text = _day(when.start)
    else:
        text = f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])
    return ("~" + text) if when.effective_precision.value == "approximate" else text


def _svg(title: str, description: str, height: int, body: list[str], ident: str) -> SafeMarkdown:
    # One line per element and no blank line: Markdown passes the block through as it is.
    lines = [
        '<figure class="picture" markdown="0">',
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" width="100%" font-size="11" '
        'fill="currentColor">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
        f"<figcaption>{escape(title)}: the list below says the same in words.</figcaption>",
        "</figure>",
    ]
    return SafeMarkdown("\n".join(lines))


def timeline_svg(marks: list[Mark], as_of: dt.date | None, ident: str) -> SafeMarkdown:
    """Entries down a time axis, oldest at the top; a disputed date as a bar over its range;
    what is expected after ``as_of`` (the newest source's date) below a dashed line."""
    # Held events and dated statements, each with its first day (one without a date is not drawn).
    held = sorted(
        ((m.start, m) for m in marks if m.kind != "expected" and m.start), key=lambda dated: (dated[0], dated[1].label)
    )
    expected = sorted((m for m in marks if m.kind == "expected"), key=lambda m: (m.start or dt.date.max, m.label))
    if not held and not expected:
        return SafeMarkdown("")
    if not held and as_of is None:
        # Nothing dated and no source dated to the day (published by month, or not at all): there is
        # no time to draw an axis along, and a made-up one would say what no source says.
        return SafeMarkdown("")
    first = held[0][0] if held else as_of or dt.date.min
    last = max([m.end or start for start, m in held] + ([as_of] if as_of else []))
    span = max((last - first).days, 1)
    scale = 160 / span  # days to pixels for the proportional part; entries are then pushed apart
    body: list[str] = []
    y: float = 24
    previous: float | None = None  # where the entry above ends
    positions: list[tuple[Mark, float, float]] = []
    for start, mark in held:
        wanted = 24 + (start - first).days * scale
        y = max(wanted, (previous + ROW) if previous is not None else wanted)
        end_y = y + max(((mark.end - start).days if mark.end else 0) * scale, 0)
        positions.append((mark, y, end_y))
        previous = max(y, end_y)
    bottom = (previous or 24) + ROW
    body.append(f'<line x1="80" y1="12" x2="80" y2="{bottom:.0f}" stroke="#5c5c5c" stroke-width="2"/>')
    for mark, top, end in positions:
        if end > top:
            body.append(
                f'<rect x="76" y="{top:.0f}" width="8" height="{end - top:.0f}" fill="#e65100" fill-opacity="0.35" stroke="#e65100"/>'
            )
        shape = (
            f'<circle cx="80" cy="{top:.0f}" r="5" fill="#303f9f"/>'
            if mark.kind == "event"
            else f'<rect x="76" y="{top - 4:.0f}" width="8" height="8" fill="#00695c"/>'
        )
        body.append(shape)
        body.append(f'<text x="0" y="{top + 4:.0f}" font-size="10" fill="currentColor">{escape(mark.date_text)}</text>')
        disputed = " (date disputed)" if mark.end else ""
        body.append(f'<text x="92" y="{top + 4:.0f}">{escape(_short(mark.label) + disputed)}</text>')
    y = bottom
    if expected:
        label = f"Expected after {_day(as_of)}" if as_of else "Expected"
        body.append(f'<line x1="0" y1="{y:.0f}" x2="{WIDTH}" y2="{y:.0f}" stroke="#5c5c5c" stroke-dasharray="4 3"/>')
        body.append(
            f'<text x="92" y="{y + 16:.0f}" font-size="11" font-weight="bold" fill="currentColor">{escape(label)}</text>'
        )
        y += 24
        for mark in expected:
            y += ROW
            body.append(f'<circle cx="80" cy="{y - 4:.0f}" r="5" fill="#ffffff" stroke="#303f9f" stroke-width="2"/>')
            body.append(f'<text x="0" y="{y:.0f}" font-size="10" fill="currentColor">{escape(mark.date_text)}</text>')
            body.append(f'<text x="92" y="{y:.0f}">{escape(_short(mark.label))}</text>')
    described = (
        f"{len(held)} dated developments from {_day(first)} to {_day(held[-1][0])}" if held else "No dated developments"
    ) + (f"; {len(expected)} expected" if expected else "")
    return _svg("Timeline", described + ".", int(y + ROW), body, ident)


def meetings_svg(
    names: dict[str, str], met: set[tuple[str, str]], reported: set[tuple[str, str]], ident: str
) -> SafeMarkdown:
    """Actors on a circle; a solid line between two who took part in the same event, a dashed
    arrow from an actor to whoever they reported."""
    actors = sorted({a for pair in met | reported for a in pair}, key=lambda a: (names[a].casefold(), a))
    if len(actors) < 2:
        return SafeMarkdown("")
    # An ellipse, narrower than the picture, leaves room for the names on either side.
    across, down, centre = 70, 110, (WIDTH / 2, 150)
    place = {
        a: (
            centre[0] + across * math.cos(2 * math.pi * i / len(actors) - math.pi / 2),
            centre[1] + down * math.sin(2 * math.pi * i / len(actors) - math.pi / 2),
        )
        for i, a in enumerate(actors)
    }
    body = [
        f'<defs><marker id="{ident}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#5c5c5c"/></marker>'
        "</defs>"
    ]
    for a, b in sorted(met):
        (x1, y1), (x2, y2) = place[a], place[b]
        body.append(
            f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#303f9f" stroke-width="1.5"/>'
        )
    for a, b in sorted(reported):
        (x1, y1), (x2, y2) = place[a], place[b]
        body.append(
            f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" stroke="#5c5c5c" stroke-dasharray="4 3" '
            f'marker-end="url(#{ident}-arrow)"/>'
        )
    for a in actors:
        x, y = place[a]
        anchor = "middle" if abs(x - centre[0]) < 15 else ("start" if x > centre[0] else "end")
        dx = 0 if anchor == "middle" else (8 if anchor == "start" else -8)
        dy = -9 if y < centre[1] - 20 else (16 if y > centre[1] + 20 else 4)
        body.append(f'<circle cx="{x:.0f}" cy="{y:.0f}" r="5" fill="#303f9f"/>')
        body.append(
            f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}">{escape(_short(names[a], 17))}</text>'
        )
    described = (
        f"{len(actors)} actors; {len(met)} pairs who took part in the same event (solid lines)"
        f"{f', and {len(reported)} reports of what another said (dashed arrows)' if reported else ''}."
    )
    return _svg("Who met whom", described, 300, body, ident)
