"""Bad notes: every problem in one run, as path:line, a non-zero exit, and nothing written."""

from __future__ import annotations

import re

from helpers import ACTOR, EVENT, STATEMENTS, assert_fails_at, briefing, edit, line_of, tree_bytes


def test_broken_yaml(generated):
    edit(generated, ACTOR, "aliases: [Lund]", "aliases: [Lund")
    # The parser notices on the next line; the message points back at the open bracket.
    result = assert_fails_at(generated, ACTOR, line_of(generated, ACTOR, "roles:"), "YAML syntax error")
    assert f"opened on line {line_of(generated, ACTOR, 'aliases')}" in result.stderr


def test_missing_required_field(generated):
    edit(generated, ACTOR, "kind: person\n", "")
    assert_fails_at(generated, ACTOR, 1, "missing required field 'kind'")


def test_unknown_reference_suggests_the_closest_id(generated):
    edit(generated, STATEMENTS, "speaker: ada-lund", "speaker: ada-lun")
    assert_fails_at(
        generated,
        STATEMENTS,
        line_of(generated, STATEMENTS, "speaker: ada-lun"),
        "unknown actor 'ada-lun'; did you mean 'ada-lund'\\?",
    )


def test_duplicate_id(generated):
    edit(generated, STATEMENTS, "id: okafor-step-backwards", "id: lund-not-there-yet")
    lines = (generated / STATEMENTS).read_text("utf-8").splitlines()
    second = [n for n, line in enumerate(lines, 1) if "id: lund-not-there-yet" in line][1]
    assert_fails_at(generated, STATEMENTS, second, "duplicate statement id 'lund-not-there-yet'")


def test_duplicate_key(generated):
    edit(generated, ACTOR, "name: Ada Lund", "name: Ada Lund\nname: Ada Lund-Berg")
    assert_fails_at(generated, ACTOR, line_of(generated, ACTOR, "Lund-Berg"), "duplicate key 'name'")


def test_invalid_date(generated):
    edit(generated, EVENT, 'value: "2024-03-05"', 'value: "2024-02-30"')
    assert_fails_at(generated, EVENT, line_of(generated, EVENT, "date:"), "does not exist")


def test_id_that_is_not_a_safe_slug(generated):
    edit(generated, ACTOR, "id: ada-lund", "id: Ada_Lund")
    assert_fails_at(generated, ACTOR, 1, "'Ada_Lund' is not a safe id")


def test_every_problem_is_reported_in_one_run(generated):
    edit(generated, ACTOR, "kind: person", "kind: robot")
    edit(generated, EVENT, "status: held", "status: maybe")
    result = assert_fails_at(generated, ACTOR, 2, "kind")
    assert f"{EVENT}:" in result.stderr
    assert "2 problems found; nothing was written." in result.stderr


def test_check_writes_nothing_either(mini_project):
    edit(mini_project, ACTOR, "id: ada-lund", "id: ada-lund-2")
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    assert f"{ACTOR}:1:" in result.stderr and "does not match the file name" in result.stderr
    assert not (mini_project / "docs" / "actors").exists()


def test_a_hand_written_file_is_never_overwritten_or_deleted(mini_project):
    mine = mini_project / "docs" / "actors" / "ada-lund.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My own notes on Ada Lund\n")
    result = briefing(mini_project, "generate")
    assert result.returncode == 1
    assert "docs/actors/ada-lund.md" in result.stderr and "was not written by briefing" in result.stderr
    assert mine.read_text() == "# My own notes on Ada Lund\n"
    assert not (mini_project / "docs" / "actors" / "ben-okafor.md").exists()


def test_a_failed_site_build_keeps_the_last_good_site(mini_built_copy):
    before = tree_bytes(mini_built_copy / "site")
    about = mini_built_copy / "docs" / "about.md"
    about.write_text(about.read_text() + "\n[broken](nowhere.md)\n")
    result = briefing(mini_built_copy, "build")
    assert result.returncode == 1
    assert "site" in result.stderr and "unchanged" in result.stderr
    assert tree_bytes(mini_built_copy / "site") == before


def test_a_bad_note_stops_the_build_before_anything_is_touched(mini_built_copy):
    """`briefing build` generates in a child process: its errors must still reach the user intact."""
    docs, site = tree_bytes(mini_built_copy / "docs"), tree_bytes(mini_built_copy / "site")
    note = mini_built_copy / "seeds" / "actors" / "ada-lund.yml"
    note.write_text(note.read_text().replace("kind: person", "kind: robot"))
    result = briefing(mini_built_copy, "build")
    assert result.returncode == 1
    assert re.search(r"^seeds/actors/ada-lund\.yml:\d+:\d+: .*'kind'", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert tree_bytes(mini_built_copy / "docs") == docs and tree_bytes(mini_built_copy / "site") == site
