"""Every fact is checked against its source; disagreeing sources show a dispute."""

from __future__ import annotations

import re
import shutil

from helpers import FIXTURES, SEED_SOURCE, briefing, edit, line_of, make_project

STATEMENTS = "seeds/sources/gazette-2024-03-06-harbour-talks/statements.yml"
EVENT = "seeds/events/harbour-talks-2024-03-05.yml"


def test_an_altered_quote_is_an_error_at_its_line(mini_project):
    edit(mini_project, STATEMENTS, "quote: a step backwards", "quote: a giant step backwards")
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    line = line_of(mini_project, STATEMENTS, "a giant step")
    assert re.search(rf"^{STATEMENTS}:{line}:\d+: quoted words do not occur", result.stderr, re.M), result.stderr


def test_a_passage_not_in_the_source_shows_the_closest_sentence(mini_project):
    edit(
        mini_project,
        STATEMENTS,
        "the union rejected the proposed wage freeze",
        "the union accepted the proposed wage freeze",
    )
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    line = line_of(mini_project, STATEMENTS, "the union accepted")
    assert f"{STATEMENTS}:{line}:" in result.stderr
    assert "passage not found in seeds/sources/gazette-2024-03-06-harbour-talks/article.txt" in result.stderr
    assert 'Closest sentence: "Okafor said the union rejected the proposed wage freeze' in result.stderr


def test_a_wrong_weekday_is_an_error(mini_project):
    edit(mini_project, EVENT, 'value: "2024-03-05"', 'value: "2024-03-04"')
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    line = line_of(mini_project, EVENT, "2024-03-04")
    assert f"{EVENT}:{line}:" in result.stderr
    assert "2024-03-04 is a Monday, not a Tuesday" in result.stderr


def test_typography_is_tolerated(mini_project):
    edit(
        mini_project,
        STATEMENTS,
        "passage: “We are not there yet,” Lund said afterwards.",
        "passage: '\"We are not there yet,\"   Lund [...] afterwards.'",
    )
    edit(mini_project, STATEMENTS, "Okafor said the union rejected", "Okafor said the union rejected")
    result = briefing(mini_project, "check")
    assert result.returncode == 0, result.stderr


def test_a_second_source_with_another_date_makes_the_meeting_disputed(tmp_path):
    root = make_project(tmp_path / "p")
    second = "tass-2025-12-04-moscow-talks"
    shutil.copytree(FIXTURES / "second-source" / second, root / "seeds" / "sources" / second)
    event = next(
        p
        for p in (root / "seeds" / "events").glob("*.yml")
        if "steve-witkoff" in p.read_text() and "Moscow" in p.read_text() and "status: held" in p.read_text()
    )
    text = event.read_text("utf-8")
    text = text.replace(
        "date:\n",
        'date:\n  - value: "2025-12-01"\n    phrase: on Monday\n    evidence:\n'
        f"      source: {second}\n      passage: in the Kremlin on Monday\n  -\n",
        1,
    )
    # The first claim's keys now belong to the list's second item.
    text = re.sub(
        r"(date:\n(?:  .*\n)+?  -\n)((?:  \S.*\n|    .*\n)+?)(?=\S)",
        lambda m: m.group(1).replace("  -\n", "") + "  - " + m.group(2).lstrip().replace("\n  ", "\n    "),
        text,
    )
    event.write_text(text, "utf-8")
    result = briefing(root, "build")
    assert result.returncode == 0, result.stderr + text
    page = (root / "site" / "events" / event.stem / "index.html").read_text("utf-8")
    assert "disputed" in page
    assert "1 December 2025" in page and "2 December 2025" in page
    assert f"sources/{second}/#p2-s1" in page and f"sources/{SEED_SOURCE}/#p" in page


def test_seed_coverage_is_complete_and_notices_a_missing_statement(tmp_path):
    root = make_project(tmp_path / "p")
    result = briefing(root, "check", "--coverage")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{SEED_SOURCE}: complete" in result.stdout

    notes = root / "seeds" / "sources" / SEED_SOURCE / "statements.yml"
    text = notes.read_text("utf-8")
    start = text.index("  - id: trump-not-easy")
    end = text.index("  - id:", start + 5)
    notes.write_text(text[:start] + text[end:], "utf-8")
    result = briefing(root, "check", "--coverage")
    assert result.returncode == 1
    assert f"{SEED_SOURCE}: incomplete" in result.stdout
    assert "quotation not covered by any statement: “not an easy situation”" in result.stdout
