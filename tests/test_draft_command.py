"""`briefing draft` end to end: a draft beside the article, accepted statements that pass `briefing check`."""

from __future__ import annotations

import yaml

from helpers import briefing

SOURCE = "gazette-2024-03-07-harbour-vote"
ARTICLE = """Harbour vote set for next month
By Jo Reed
PORTHAVEN (Gazette) — The harbour plan is “ready for a vote”, a senior aide to the mayor said on Wednesday.
Karin Holm said the council would vote in April.
“We have listened,” Lund said, “and we have changed the plan.”
Port director Samir Haddad said: “The cranes are old.
“We will replace them next year.”
The so-called “harbour deal” is not signed.
Photo: Harbour Gazette / Lee Snap
"""


def new_source(root):
    result = briefing(
        root,
        "new",
        "source",
        SOURCE,
        "--title",
        "Harbour vote set for next month",
        "--publisher",
        "The Harbour Gazette",
        "--published",
        "2024-03-07",
    )
    assert result.returncode == 0, result.stderr
    folder = root / "seeds" / "sources" / SOURCE
    source = folder / "source.yml"
    source.write_text(source.read_text("utf-8").replace("byline: []", "byline: [Jo Reed]"), "utf-8")
    (folder / "article.txt").write_text(ARTICLE, "utf-8")
    return folder


def test_a_draft_is_written_beside_the_article_and_passes_check_once_accepted(mini_project):
    root = mini_project
    folder = new_source(root)
    contributors = (folder / "statements.yml").read_bytes()

    result = briefing(root, "draft", SOURCE)
    assert result.returncode == 0, result.stderr
    assert f"wrote seeds/sources/{SOURCE}/statements.draft.yml: 4 statements" in result.stdout
    assert (folder / "statements.yml").read_bytes() == contributors  # never written over
    draft = yaml.safe_load((folder / "statements.draft.yml").read_text("utf-8"))
    said = {s["quote"]: (s["speaker"], s["evidence"]["passage"]) for s in draft["statements"]}
    assert said == {
        "ready for a vote": (
            "karin-holm",
            "The harbour plan is “ready for a vote”, a senior aide to the mayor said on Wednesday.",
        ),  # the dateline is not part of the sentence
        "We have listened, [...] and we have changed the plan.": (
            "ada-lund",
            "“We have listened,” Lund said, “and we have changed the plan.”",
        ),
        "The cranes are old.": ("samir-haddad", "Port director Samir Haddad said: “The cranes are old."),
        "We will replace them next year.": ("samir-haddad", "“We will replace them next year.”"),
    }
    vote = next(s for s in draft["statements"] if s["quote"] == "ready for a vote")
    assert vote["date"] == {"value": "2024-03-06", "phrase": "on Wednesday"}
    assert [(a["id"], a["name"]) for a in draft["actors"]] == [
        ("karin-holm", "Karin Holm"),
        ("samir-haddad", "Samir Haddad"),
    ]
    haddad = draft["actors"][1]
    assert haddad["roles"][0]["title"] == "Port director"
    assert draft["uncertain_quotations"] == ["harbour deal"]

    ids = [s["id"] for s in draft["statements"]]
    accepted = briefing(root, "draft", SOURCE, "--accept", *ids)
    assert accepted.returncode == 0, accepted.stderr
    assert not (folder / "statements.draft.yml").exists()  # every statement taken: the draft is gone
    notes = (folder / "statements.yml").read_bytes()
    assert notes.startswith(contributors.replace(b"statements: []", b"statements:"))
    assert (root / "seeds" / "actors" / "samir-haddad.yml").is_file()
    check = briefing(root, "check")
    assert check.returncode == 0, check.stderr
    assert "6 statements" in check.stdout  # 2 in the fixture, 4 accepted (the split quote is one)


def test_accepting_one_statement_appends_it_and_leaves_the_rest_in_the_draft(mini_project):
    root = mini_project
    folder = new_source(root)
    notes = folder / "statements.yml"
    notes.write_text(
        notes.read_text("utf-8").replace(
            "statements: []",
            """statements:
  - id: holm-april-vote
    speaker: ada-lund
    paraphrase: The council votes in April.
    evidence:
      passage: Karin Holm said the council would vote in April.""",
        ),
        "utf-8",
    )
    contributors = notes.read_bytes()
    assert briefing(root, "draft", SOURCE).returncode == 0
    draft = yaml.safe_load((folder / "statements.draft.yml").read_text("utf-8"))
    first, *rest = [s["id"] for s in draft["statements"] if s["speaker"] == "ada-lund"] + [
        s["id"] for s in draft["statements"] if s["speaker"] != "ada-lund"
    ]

    result = briefing(root, "draft", SOURCE, "--accept", first)
    assert result.returncode == 0, result.stderr
    assert notes.read_bytes().startswith(contributors)
    data = yaml.safe_load(notes.read_text("utf-8"))
    assert [s["id"] for s in data["statements"]] == ["holm-april-vote", first]
    left = yaml.safe_load((folder / "statements.draft.yml").read_text("utf-8"))
    assert [s["id"] for s in left["statements"]] == rest
    # Drafting again works with a draft in place, and accepting what is gone says so.
    assert briefing(root, "draft", SOURCE).returncode == 0
    again = briefing(root, "draft", SOURCE, "--accept", first)
    assert again.returncode == 1 and f"not in the draft: {first}" in again.stderr


def test_an_accepted_statement_that_fails_the_check_writes_nothing(mini_project):
    root = mini_project
    folder = new_source(root)
    assert briefing(root, "draft", SOURCE).returncode == 0
    draft_path = folder / "statements.draft.yml"
    text = draft_path.read_text("utf-8").replace("Lund said,", "Lund had said,")  # an edit that breaks the passage
    draft_path.write_text(text, "utf-8")
    before = {p: p.read_bytes() for p in (folder / "statements.yml", draft_path)}
    drafted = yaml.safe_load(text)["statements"]
    ids = [next(s["id"] for s in drafted if s["speaker"] == speaker) for speaker in ("samir-haddad", "ada-lund")]

    result = briefing(root, "draft", SOURCE, "--accept", *ids)
    assert result.returncode == 1
    assert "passage not found" in result.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert not (root / "seeds" / "actors" / "samir-haddad.yml").exists()  # the proposed actor is taken back too


def test_drafting_an_unknown_source_says_which_exist(mini_project):
    result = briefing(mini_project, "draft", "no-such-source")
    assert result.returncode == 1
    assert "no source 'no-such-source'" in result.stderr and "gazette-2024-03-06-harbour-talks" in result.stderr


def test_coverage_flags_people_and_quotations_not_noise(mini_project):
    root = mini_project
    folder = new_source(root)
    with (folder / "article.txt").open("a", encoding="utf-8") as article:
        article.write("On Wednesday North Korea’s envoy arrived. “We wait,” Zelensky said.\n")
    (root / "seeds" / "actors" / "volodymyr-zelenskyy.yml").write_text(
        "id: volodymyr-zelenskyy\nkind: person\nname: Volodymyr Zelenskyy\naliases: [Zelenskyy]\n", "utf-8"
    )
    # Every note must be cited (a source with no notes, an actor who says nothing, is an error), so
    # the article gets one statement; the coverage report then lists what the notes still miss.
    (folder / "statements.yml").write_text(
        "statements:\n  - id: lund-listened\n    speaker: ada-lund\n    quote: We have listened\n"
        '    evidence:\n      passage: "“We have listened,” Lund said"\n'
        "  - id: zelenskyy-we-wait\n    speaker: volodymyr-zelenskyy\n    quote: We wait\n"
        '    evidence:\n      passage: "“We wait,” Zelensky said."\n',
        "utf-8",
    )
    result = briefing(root, "check", "--coverage")
    assert result.returncode == 1
    report = result.stdout[result.stdout.index(f"{SOURCE}:") :]
    names = [line.split(": ", 1)[1].split(" (")[0] for line in report.splitlines() if "name not covered" in line]
    assert names == ["Karin Holm", "Samir Haddad", "Zelensky"]  # no headline, dateline, credit, day or place
    assert "“harbour deal”" in report

    source = folder / "source.yml"
    source.write_text(source.read_text("utf-8") + "not_quotes: [harbour deal]\n", "utf-8")
    assert "“harbour deal”" not in briefing(root, "check", "--coverage").stdout
