"""`briefing check` on where and when a statement was said, on its words, and on notes nothing cites.

Each case is a note a contributor could write, and each error is located and says how to fix it.
"""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import FIXTURES, assert_fails_at, briefing, edit, line_of, make_project

STATEMENTS = "seeds/sources/gazette-2024-03-06-harbour-talks/statements.yml"
REAL_STORIES = FIXTURES / "real-stories"
STRAITS_TIMES = "straitstimes-2025-12-06-ushakov-friendly"


def with_real_stories(tmp_path):
    root = make_project(tmp_path / "p")
    for folder in sorted(p for p in REAL_STORIES.iterdir() if p.is_dir()):
        shutil.copytree(folder, root / "seeds" / "sources" / folder.name)
    assert briefing(root, "generate").returncode == 0
    return root


# ------------------------------------------------------------------ said at, or about


def test_a_statement_cannot_be_said_at_a_planned_meeting(generated):
    edit(generated, STATEMENTS, "about_events: [harbour-talks-2024-03-05]", "said_at: harbour-talks-next-week")
    assert_fails_at(
        generated,
        STATEMENTS,
        line_of(generated, STATEMENTS, "said_at:"),
        "said_at names 'harbour-talks-next-week', which is planned, not held: .*"
        r"write 'about_events: \[harbour-talks-next-week\]'",
    )


def test_a_statement_said_at_a_meeting_has_the_meetings_date(tmp_path):
    """Reuters has Ushakov speaking on Friday 5 December: not at Tuesday's talks."""
    root = with_real_stories(tmp_path)
    notes = f"seeds/sources/{STRAITS_TIMES}/statements.yml"
    edit(
        root,
        notes,
        "about_events: [putin-witkoff-moscow-talks-2025-12-02]",
        "said_at: putin-witkoff-moscow-talks-2025-12-02",
    )
    assert_fails_at(
        root,
        notes,
        line_of(root, notes, '"2025-12-05"'),
        "date 2025-12-05 is not the date of 'putin-witkoff-moscow-talks-2025-12-02' "
        r"\(2025-12-02\), where said_at says it was said; .*about_events",
    )


def test_a_statement_said_at_a_held_meeting_on_its_day_is_accepted(generated):
    edit(generated, STATEMENTS, "about_events: [harbour-talks-2024-03-05]", "said_at: harbour-talks-2024-03-05")
    result = briefing(generated, "check")
    assert result.returncode == 0, result.stderr


def test_the_old_event_field_says_what_replaced_it(generated):
    edit(generated, STATEMENTS, "about_events: [harbour-talks-2024-03-05]", "event: harbour-talks-2024-03-05")
    assert_fails_at(
        generated,
        STATEMENTS,
        line_of(generated, STATEMENTS, "event: harbour"),
        r"'event' is now either 'said_at: <event id>' .* or 'about_events: \[<event id>\]'",
    )


def test_a_paraphrase_may_not_bring_its_own_quotation_marks(generated):
    edit(
        generated,
        STATEMENTS,
        "paraphrase: The union rejected the proposed wage freeze.",
        "paraphrase: The union called the wage freeze “a step back”.",
    )
    assert_fails_at(
        generated,
        STATEMENTS,
        line_of(generated, STATEMENTS, "paraphrase:"),
        "a paraphrase may not contain quotation marks; put the exact words in 'quote'",
    )


# ------------------------------------------------------------------ every one cited


def test_an_actor_nothing_cited_names_is_an_error(generated):
    (generated / "seeds" / "actors" / "cara-holt.yml").write_text(
        "id: cara-holt\nkind: person\nname: Cara Holt\naliases: []\nroles: []\n", "utf-8"
    )
    assert_fails_at(
        generated,
        "seeds/actors/cara-holt.yml",
        5,
        "actor 'cara-holt' has no cited role and no statement and takes part in no event",
    )


def test_an_issue_nothing_refers_to_is_an_error(generated):
    (generated / "seeds" / "issues" / "ferry-fares.yml").write_text(
        "id: ferry-fares\nname: Ferry fares\nsummary: Fares rise in April.\n", "utf-8"
    )
    assert_fails_at(generated, "seeds/issues/ferry-fares.yml", 1, "no statement or event refers to issue 'ferry-fares'")


def test_an_empty_article_and_a_source_nothing_cites_are_errors(generated):
    folder = generated / "seeds" / "sources" / "courier-2024-03-12-ferry"
    folder.mkdir()
    (folder / "source.yml").write_text(
        'id: courier-2024-03-12-ferry\ntitle: Ferry fares to rise\npublisher: The Courier\npublished: "2024-03-12"\n',
        "utf-8",
    )
    (folder / "article.txt").write_text("\n  \n", "utf-8")
    result = assert_fails_at(
        generated,
        "seeds/sources/courier-2024-03-12-ferry/article.txt",
        1,
        "article.txt is empty; paste the article's text here",
    )
    assert re.search(
        r"^seeds/sources/courier-2024-03-12-ferry/source\.yml:1:\d+: no note cites source "
        "'courier-2024-03-12-ferry'",
        result.stderr,
        re.M,
    ), result.stderr
    assert "2 problems found" in result.stderr


def test_a_second_source_cited_by_an_event_needs_no_statements(tmp_path):
    """An article may only confirm an event's facts: citing it from the event is enough."""
    root = make_project(tmp_path / "p")
    second = "tass-2025-12-04-moscow-talks"
    shutil.copytree(FIXTURES / "second-source" / second, root / "seeds" / "sources" / second)
    result = briefing(root, "check")
    assert result.returncode == 1 and f"no note cites source '{second}'" in result.stderr
    edit(
        root,
        "seeds/events/putin-witkoff-moscow-talks-2025-12-02.yml",
        "participants:\n",
        "participants:\n  - actor: steve-witkoff\n    evidence: {source: "
        + second
        + ", passage: Russian President Vladimir Putin received US envoy Steve Witkoff}\n",
    )
    result = briefing(root, "check")
    assert result.returncode == 0, result.stderr


def test_uncited_notes_are_not_reported_while_a_statements_file_cannot_be_read(generated):
    """A broken statements.yml is the one cause: its speakers and issues are not reported as uncited.
    Once it is fixed, an actor nothing cites is."""
    (generated / "seeds" / "actors" / "cara-holt.yml").write_text(
        "id: cara-holt\nkind: person\nname: Cara Holt\n", "utf-8"
    )
    edit(generated, STATEMENTS, "statements:\n", "statements: [\n")
    result = briefing(generated, "check")
    assert result.returncode == 1
    assert "YAML syntax error" in result.stderr
    assert "no cited role" not in result.stderr and "refers to issue" not in result.stderr
    edit(generated, STATEMENTS, "statements: [\n", "statements:\n")
    result = briefing(generated, "check")
    assert result.returncode == 1
    assert re.findall(r"^(\S+):\d+:\d+: actor '(\S+)' has no cited role", result.stderr, re.M) == [
        ("seeds/actors/cara-holt.yml", "cara-holt")
    ], result.stderr


def test_the_home_page_counts_only_what_is_cited(mini_project):
    (mini_project / "seeds" / "events" / "harbour-vote.yml").write_text(
        "id: harbour-vote\nname: Harbour vote\nkind: vote\nstatus: proposed\nissues: [wage-freeze]\n", "utf-8"
    )
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stderr
    home = (mini_project / "site" / "index.html").read_text("utf-8")
    assert "1 source, 2 actors, 1 issue, 2 events and 2 statements, every one cited to its source." in home
    assert (mini_project / "site" / "events" / "harbour-vote" / "index.html").is_file()


# ------------------------------------------------------------------ scaffolds


FILLED = {
    "event": {  # a meeting the gazette of Wednesday 6 March says is next week
        "status:                       #": "status: planned               #",
        "  value:                      #": '  value: "2024-03-11"         #',
        "    source: <source id>": "    source: gazette-2024-03-06-harbour-talks",
        "    passage: <words copied exactly from the article>": "    passage: The two sides will meet again next week.",
        "  - actor: <actor id>": "  - actor: ada-lund",
        "{source: <source id>, passage: <words copied exactly from the article>}": "{source: gazette-2024-03-06-harbour-talks, passage: The two sides will meet again next week.}",
        "issues: [<issue id>]": "issues: [wage-freeze]",
    },
    "actor": {
        "  - title: <title as the article puts it, e.g. aide to Russia's president>": "  - title: union leader",
        "      source: <source id>": "      source: gazette-2024-03-06-harbour-talks",
        "      passage: <words copied exactly from the article>": "      passage: union leader Ben Okafor",
    },
}


@pytest.mark.parametrize("kind,ident", [("event", "harbour-talks-2024-03-11"), ("actor", "ben-okafor-2")])
def test_a_scaffold_fails_check_until_every_field_is_filled_in(mini_project, kind, ident):
    assert briefing(mini_project, "new", kind, ident, "--name", "Harbour talks on Monday").returncode == 0
    path = mini_project / "seeds" / ("events" if kind == "event" else "actors") / f"{ident}.yml"
    scaffold = path.read_text("utf-8")
    for left_out in FILLED[kind]:
        text = scaffold
        for placeholder, value in FILLED[kind].items():
            assert placeholder in text, placeholder
            if placeholder != left_out:
                text = text.replace(placeholder, value, 1)
        path.write_text(text, "utf-8")
        result = briefing(mini_project, "check")
        assert result.returncode == 1, f"{kind} scaffold passes check with {left_out!r} not filled in"
        line = next(n for n, row in enumerate(text.splitlines(), 1) if left_out.strip() in row)
        assert re.search(rf"^{re.escape(path.relative_to(mini_project).as_posix())}:{line}:", result.stderr, re.M), (
            left_out,
            result.stderr,
        )
    text = scaffold
    for placeholder, value in FILLED[kind].items():
        text = text.replace(placeholder, value, 1)
    path.write_text(text, "utf-8")
    result = briefing(mini_project, "check")
    assert result.returncode == 0, result.stderr
