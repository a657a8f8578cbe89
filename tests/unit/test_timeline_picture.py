"""The story page's timeline picture draws only what its marks and sources date."""

from __future__ import annotations

import datetime as dt

from generator.pictures import Mark, timeline_svg

EXPECTED = Mark(None, None, "Summit in Budapest", "no date", "expected")


def test_only_undated_expected_events_and_no_dated_source_draw_no_axis():
    """A story whose sources give no day and whose events are all still expected has no time to draw."""
    assert str(timeline_svg([EXPECTED], None, "timeline-x")) == ""


def test_expected_events_are_drawn_after_the_newest_sources_day():
    picture = str(timeline_svg([EXPECTED], dt.date(2025, 12, 3), "timeline-x"))
    assert "<svg" in picture and "Summit in Budapest" in picture
