"""`briefing check` reads an article's date words as the one date they mean.

Each test gives a date that the checker used to accept (any date on the same weekday within six
days either side, written-out dates not checked at all) and expects a located error now.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from helpers import briefing, edit, event, line_of, real_project, write_note

EVENT = "seeds/events/harbour-talks-2024-03-05.yml"  # mini: "on Tuesday" in an article of Wed 6 March 2024
PLANNED = "seeds/events/harbour-talks-next-week.yml"
ARTICLE = "seeds/sources/gazette-2024-03-06-harbour-talks/article.txt"
STATEMENTS = "seeds/sources/gazette-2024-03-06-harbour-talks/statements.yml"


def replace_all(root, relative, old, new):
    path = root / relative
    assert old in path.read_text("utf-8")
    path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def located_error(result, path: str, line: int, text: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(rf"^{re.escape(path)}:{line}:\d+: (?!warning).*{re.escape(text)}", result.stderr, re.M), (
        result.stderr
    )


def test_a_held_event_on_the_weekday_after_publication_is_an_error(mini_project):
    # "on Tuesday" in an article of Wednesday 6 March: Tuesday 12 March had not happened yet.
    edit(mini_project, EVENT, 'value: "2024-03-05"', 'value: "2024-03-12"')
    result = briefing(mini_project, "check")
    located_error(
        result,
        EVENT,
        line_of(mini_project, EVENT, "2024-03-12"),
        "date 2024-03-12 is after gazette-2024-03-06-harbour-talks was published (2024-03-06)",
    )


def test_last_weekday_means_the_one_before_publication(mini_project):
    replace_all(mini_project, ARTICLE, "on Tuesday", "last Tuesday")
    replace_all(mini_project, EVENT, "on Tuesday", "last Tuesday")
    assert briefing(mini_project, "check").returncode == 0
    edit(mini_project, EVENT, 'value: "2024-03-05"', 'value: "2024-02-27"')  # a Tuesday, a week earlier
    result = briefing(mini_project, "check")
    located_error(
        result,
        EVENT,
        line_of(mini_project, EVENT, "2024-02-27"),
        "'last Tuesday' in gazette-2024-03-06-harbour-talks (published 2024-03-06, a Wednesday): "
        "for a held event it means Tuesday 2024-03-05",
    )


def test_a_statement_dated_after_publication_is_an_error(mini_project):
    edit(mini_project, STATEMENTS, 'date: "2024-03-05"', 'date: "2024-03-07"')
    result = briefing(mini_project, "check")
    located_error(
        result,
        STATEMENTS,
        line_of(mini_project, STATEMENTS, "2024-03-07"),
        "but it dates a statement, which must have happened by then",
    )


def test_a_statement_weekday_looks_back(tmp_path):
    """Reuters, Tuesday 28 February 2017: Spicer "told reporters on Monday" is 27 February, not 6 March."""
    source = "reuters-2017-02-28-trump-congress-speech"
    root = real_project(tmp_path, source)
    write_note(
        root,
        "actors/sean-spicer.yml",
        {
            "id": "sean-spicer",
            "kind": "person",
            "name": "Sean Spicer",
            "roles": [
                {
                    "title": "White House spokesman",
                    "evidence": {"source": source, "passage": "White House spokesman Sean Spicer"},
                }
            ],
        },
    )
    statements = f"sources/{source}/statements.yml"
    note: dict[str, Any] = {
        "statements": [
            {
                "id": "spicer-invite-americans",
                "speaker": "sean-spicer",
                "quote": "He will invite Americans of all backgrounds to come together",
                "date": {"value": "2017-02-27", "phrase": "on Monday"},
                "evidence": {
                    "passage": "“He will invite Americans of all backgrounds to come together "
                    "in the service of a stronger and brighter future for our nation,” "
                    "Spicer told reporters on Monday."
                },
            }
        ]
    }
    write_note(root, statements, note)
    assert briefing(root, "check").returncode == 0, briefing(root, "check").stderr
    note["statements"][0]["date"]["value"] = "2017-03-06"
    write_note(root, statements, note)
    result = briefing(root, "check")
    located_error(
        result,
        f"seeds/{statements}",
        line_of(root, f"seeds/{statements}", "2017-03-06"),
        "after reuters-2017-02-28-trump-congress-speech was published",
    )


# (article, event status, phrase, passage, right date, wrong date the old check let through, what it means)
REAL_DATES = [
    # Sputnik, Monday 14 November 2016: a planned meeting "on Tuesday" is the next day, not the Tuesday before.
    (
        "sputnik-2016-11-14-obama-trip",
        "planned",
        "on Tuesday",
        "Obama is slated to meet with Greek Prime Minister Alexis Tsipras on Tuesday",
        "2016-11-15",
        "2016-11-08",
        "for a planned event it means Tuesday 2016-11-15",
    ),
    # Xinhua, Wednesday 18 July 2018: the Helsinki meeting "on Monday" was 16 July.
    (
        "xinhua-2018-07-18-trump-russia-sanctions",
        "held",
        "on Monday",
        "his meeting with Russian President Vladimir Putin on Monday in Finland's Helsinki",
        "2018-07-16",
        "2018-07-23",
        "is after xinhua-2018-07-18-trump-russia-sanctions was published",
    ),
    # Written-out dates: "on Aug. 7" (New York Daily News), "on Jan. 20" (Reuters).
    (
        "nydailynews-2020-08-18-maine-wedding",
        "held",
        "on Aug. 7",
        "The reception took place at Big Moose Inn in Millinocket, about 70 miles north of Bangor, on Aug. 7",
        "2020-08-07",
        "2020-08-08",
        "for a held event it means Friday 2020-08-07",
    ),
    (
        "reuters-2017-02-28-trump-congress-speech",
        "held",
        "on Jan. 20",
        "Trump, whose inauguration speech on Jan. 20 painted a dark picture",
        "2017-01-20",
        "2017-01-21",
        "for a held event it means Friday 2017-01-20",
    ),
    # Los Angeles Times, Sunday 27 April 2014: "on Sunday" is the day of publication.
    (
        "latimes-2014-04-27-tornado-outbreak",
        "held",
        "on Sunday",
        "The worst tornado outbreak of the year struck several small towns across the central U.S. on Sunday",
        "2014-04-27",
        "2014-04-20",
        "for a held event it means Sunday 2014-04-27",
    ),
]


@pytest.mark.parametrize(
    "source, status, phrase, passage, right, wrong, meaning", REAL_DATES, ids=[case[0] for case in REAL_DATES]
)
def test_real_date_words_resolve_to_one_date(tmp_path, source, status, phrase, passage, right, wrong, meaning):
    root = real_project(tmp_path, source)
    path = write_note(root, "events/the-event.yml", event("the-event", source, status, right, phrase, passage))
    result = briefing(root, "check")
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr
    write_note(root, "events/the-event.yml", event("the-event", source, status, wrong, phrase, passage))
    result = briefing(root, "check")
    located_error(result, "seeds/events/the-event.yml", line_of(root, "seeds/events/the-event.yml", wrong), meaning)
    assert path.exists()


@pytest.mark.parametrize(
    "article, replacement, phrase, wrong, meaning",
    [
        (
            "The two sides will meet again next week.",
            "The two sides will meet again on the 16th.",
            "on the 16th",
            "2024-03-15",
            "for a planned event it means Saturday 2024-03-16",
        ),
        (
            "The two sides will meet again next week.",
            "The two sides will meet again on March 18.",
            "on March 18",
            "2024-03-11",
            "for a planned event it means Monday 2024-03-18",
        ),
        (
            "The two sides will meet again next week.",
            "The two sides will meet again on 18 Mar.",
            "on 18 Mar",
            "2024-03-19",
            "for a planned event it means Monday 2024-03-18",
        ),
    ],
)
def test_written_out_dates_are_checked(mini_project, article, replacement, phrase, wrong, meaning):
    edit(mini_project, ARTICLE, article, replacement)
    replace_all(mini_project, PLANNED, article, replacement)
    edit(mini_project, PLANNED, "phrase: next week", f"phrase: {phrase}")
    edit(mini_project, PLANNED, 'value: "2024-03"\n  precision: approximate', f'value: "{wrong}"')
    result = briefing(mini_project, "check")
    located_error(result, PLANNED, line_of(mini_project, PLANNED, wrong), meaning)


@pytest.mark.parametrize(
    "source, phrase, value, passage",
    [
        (
            "ap-2003-03-british-hold-iraqi-general",
            "on Saturday",
            "2003-03-29",
            "Four American infantrymen were killed in a suicide bomb attack in Iraq on Saturday",
        ),
        (
            "nyt-2024-08-mpox-emergency",
            "on Wednesday",
            "2024-08-14",
            "the World Health Organization on Wednesday declared a global health emergency",
        ),
    ],
)
def test_words_that_cannot_be_checked_are_a_located_warning_and_shown_on_the_page(
    tmp_path, source, phrase, value, passage
):
    """A source published "2003-03": no day to count "on Saturday" from. The check passes with a
    warning at the date's words, and the event page shows the article's words beside the date."""
    root = real_project(tmp_path, source)
    write_note(root, "events/the-event.yml", event("the-event", source, "held", value, phrase, passage))
    result = briefing(root, "check")
    assert result.returncode == 0, result.stderr
    line = line_of(root, "seeds/events/the-event.yml", f"phrase: {phrase}")
    assert re.search(
        rf"^seeds/events/the-event.yml:{line}:\d+: warning: cannot check '{phrase}' against {value}",
        result.stderr,
        re.M,
    ), result.stderr
    result = briefing(root, "build")
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "events" / "the-event" / "index.html").read_text("utf-8")
    day, month, year = value.split("-")[2].lstrip("0"), {"03": "March", "08": "August"}[value[5:7]], value[:4]
    assert f"{day} {month} {year} (“{phrase}”)" in page
