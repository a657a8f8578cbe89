"""Two sources on the same statement: one entry, both citations, differing wording shown as disputed."""

from __future__ import annotations

import re
import shutil

from helpers import FIXTURES, briefing

HERALD = "herald-2024-03-07-harbour"


def visible(html: str) -> str:
    """The page's text, without tags (citations carry the cited sentence as a tooltip attribute)."""
    return re.sub(r"<[^>]*>", " ", html)


def add_herald(project):
    shutil.copytree(FIXTURES / "herald" / HERALD, project / "seeds" / "sources" / HERALD)


def test_a_statement_reported_twice_shows_both_sources_and_the_disputed_wording(mini_project):
    add_herald(mini_project)
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stderr

    html = (mini_project / "site" / "actors" / "ada-lund" / "index.html").read_text("utf-8")
    shown = html[html.index("<article") : html.index("</article>")]  # not the page's structured data
    shown = re.sub(r'<details class="cite".*?</details>', "", shown, flags=re.S)  # nor the cite controls' copies
    assert visible(shown).count("We are not there yet") == 2  # the first report, and again among the versions
    assert "We are not quite there yet." in html
    assert "disputed wording" in html
    assert f"../../sources/{HERALD}/#p2-s1" in html
    assert "../../sources/gazette-2024-03-06-harbour-talks/#p3-s1" in html
    # The herald's report is listed on its own source page, not twice on the quotes page.
    quotes = (mini_project / "site" / "quotes" / "index.html").read_text("utf-8")
    assert visible(quotes).count("We are not quite there yet.") == 1
    source = (mini_project / "site" / "sources" / HERALD / "index.html").read_text("utf-8")
    assert "We are not quite there yet." in source


def test_same_as_must_name_an_existing_statement(mini_project):
    add_herald(mini_project)
    notes = mini_project / "seeds" / "sources" / HERALD / "statements.yml"
    notes.write_text(notes.read_text("utf-8").replace("same_as: lund-not-there-yet", "same_as: lund-not-there"))
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    assert f"seeds/sources/{HERALD}/statements.yml:3:" in result.stderr
    assert "did you mean 'lund-not-there-yet'?" in result.stderr
