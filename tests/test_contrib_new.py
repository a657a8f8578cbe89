"""`briefing new` writes notes that pass `briefing check` once filled, and refuses existing ids."""

from __future__ import annotations

from helpers import briefing

ARTICLE = """Ferry fares to rise

Ferry operator chief Rosa Main said on Monday that fares would rise in April.
“We have no choice,” Main said.
"""


def test_adding_an_article_end_to_end(mini_project):
    root = mini_project
    result = briefing(
        root,
        "new",
        "source",
        "courier-2024-03-12-ferry",
        "--title",
        "Ferry fares to rise",
        "--publisher",
        "The Courier",
        "--published",
        "2024-03-12",
    )
    assert result.returncode == 0, result.stderr
    folder = root / "seeds" / "sources" / "courier-2024-03-12-ferry"
    assert (folder / "source.yml").read_text().startswith("# yaml-language-server: $schema=")
    (folder / "article.txt").write_text(ARTICLE)
    assert briefing(root, "new", "actor", "rosa-main", "--name", "Rosa Main").returncode == 0
    assert briefing(root, "new", "issue", "ferry-fares", "--name", "Ferry fares").returncode == 0

    unfilled = briefing(root, "check")
    assert unfilled.returncode == 1
    assert "seeds/issues/ferry-fares.yml:5:" in unfilled.stderr  # the empty summary, at its line

    actor = root / "seeds" / "actors" / "rosa-main.yml"
    actor.write_text(
        actor.read_text()
        .replace("<title as the article puts it, e.g. aide to Russia's president>", "Ferry operator chief")
        .replace("<source id>", "courier-2024-03-12-ferry")
        .replace("<words copied exactly from the article>", "Ferry operator chief Rosa Main")
    )
    issue = root / "seeds" / "issues" / "ferry-fares.yml"
    issue.write_text(issue.read_text().replace("summary:  ", "summary: Fares rise in April. ", 1))
    statements = folder / "statements.yml"
    statements.write_text(
        statements.read_text().replace(
            "statements: []",
            """statements:
  - id: main-no-choice
    speaker: rosa-main
    quote: We have no choice,
    issues: [ferry-fares]
    evidence:
      passage: “We have no choice,” Main said.""",
        )
    )
    filled = briefing(root, "check")
    assert filled.returncode == 0, filled.stderr
    assert briefing(root, "build").returncode == 0
    assert "We have no choice" in (root / "site" / "actors" / "rosa-main" / "index.html").read_text()


def test_new_refuses_an_existing_id_and_an_unsafe_one(mini_project):
    before = (mini_project / "seeds" / "actors" / "ada-lund.yml").read_text()
    result = briefing(mini_project, "new", "actor", "ada-lund", "--name", "Ada")
    assert result.returncode == 1 and "exists already" in result.stderr
    assert (mini_project / "seeds" / "actors" / "ada-lund.yml").read_text() == before
    result = briefing(mini_project, "new", "event", "Big_Meeting")
    assert result.returncode == 1 and "not a safe id" in result.stderr
    assert briefing(mini_project, "new", "event", "harbour-talks-2024-03-05").returncode == 1
    assert briefing(mini_project, "new", "meeting", "harbour-talks-2024-03-05").returncode == 1


def test_new_event_writes_an_event_and_meeting_is_another_name_for_it(mini_project):
    """`briefing new event` writes seeds/events/<id>.yml; `meeting`, the command's first name for it,
    writes the same note."""
    result = briefing(mini_project, "new", "event", "harbour-vote-2024-03-20", "--name", "Harbour vote")
    assert result.returncode == 0, result.stderr
    event = (mini_project / "seeds" / "events" / "harbour-vote-2024-03-20.yml").read_text("utf-8")
    assert "\nid: harbour-vote-2024-03-20\nname: Harbour vote\n" in event and "\nstatus: " in event
    result = briefing(mini_project, "new", "meeting", "harbour-vote-2024-03-21", "--name", "Harbour vote")
    assert result.returncode == 0, result.stderr
    again = (mini_project / "seeds" / "events" / "harbour-vote-2024-03-21.yml").read_text("utf-8")
    assert again == event.replace("2024-03-20", "2024-03-21")
