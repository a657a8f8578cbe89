"""What serve keeps between runs, in one BuildState (generator/build_state.py): kept while its
inputs are the same, made again when they change, forgotten when a note is deleted."""

from __future__ import annotations

from pathlib import Path

from generator.build_state import BuildState
from generator.link import link
from generator.load import NotesFile, load_notes, parse_yaml
from generator.model import Actor
from generator.pipeline import Project, check
from generator.render_all import render
from generator.validate import build_model

from helpers import FIXTURES, edit, make_project

ACTOR = "seeds/actors/ada-lund.yml"
EVENT_PAGE = "events/harbour-talks-next-week.md"


def mini(tmp_path: Path) -> Path:
    return make_project(tmp_path / "mini", FIXTURES / "mini" / "seeds")


def parsed(path: Path, state: BuildState) -> NotesFile:
    result = parse_yaml(path, ACTOR, "actor", state)
    assert isinstance(result, NotesFile), result
    return result


def test_unchanged_bytes_give_the_same_parse_and_changed_bytes_a_new_one(tmp_path):
    root, state = mini(tmp_path), BuildState()
    path = root / ACTOR
    first = parse_yaml(path, ACTOR, "actor", state)
    assert parse_yaml(path, ACTOR, "actor", state) is first
    path.write_bytes(path.read_bytes())  # written again, the same bytes: still the same parse
    assert parse_yaml(path, ACTOR, "actor", state) is first
    edit(root, ACTOR, "name: Ada Lund", "name: Ada C. Lund")
    changed = parsed(path, state)
    assert changed is not first and changed.data["name"] == "Ada C. Lund"
    # Without a state nothing is kept: each parse is new.
    assert parse_yaml(path, ACTOR, "actor") is not parse_yaml(path, ACTOR, "actor")


def test_a_model_is_kept_while_its_parse_is_the_same(tmp_path):
    root, state = mini(tmp_path), BuildState()
    path = root / ACTOR
    file = parsed(path, state)
    note = build_model(Actor, file, state)
    assert build_model(Actor, file, state) is note
    assert state.files[path].models[Actor] == (file, note)
    edit(root, ACTOR, "name: Ada Lund", "name: Ada C. Lund")
    rebuilt = build_model(Actor, parsed(path, state), state)
    assert rebuilt is not note and isinstance(rebuilt, Actor) and rebuilt.name == "Ada C. Lund"


def test_a_deleted_note_is_forgotten_with_its_parse_model_and_pages(tmp_path):
    root, state = mini(tmp_path), BuildState()
    note = root / "seeds" / "events" / "harbour-talks-next-week.yml"  # no other note names it
    corpus, _ = check(Project(root), state)
    render(corpus, link(corpus), state=state)
    assert state.files[note].parsed and state.files[note].models  # held while the note is there
    assert EVENT_PAGE in state.pages.paths()

    note.unlink()
    corpus, problems = check(Project(root), state)
    assert not problems
    assert EVENT_PAGE not in {page.path for page in render(corpus, link(corpus), state=state)}
    assert note not in state.files
    assert EVENT_PAGE not in state.pages.paths()
    assert root / ACTOR in state.files  # the notes still there are still held


def test_a_file_that_is_no_longer_read_is_forgotten_and_one_still_read_is_not(tmp_path):
    root, state = mini(tmp_path), BuildState()
    load_notes(root / "seeds", root, state)
    held = set(state.files)
    assert root / ACTOR in held and any(p.name == "article.txt" for p in held)  # articles are kept too
    (root / ACTOR).rename(root / "seeds" / "actors" / ".ada-lund.yml")  # hidden: refused, not read
    load_notes(root / "seeds", root, state)
    assert set(state.files) == held - {root / ACTOR}


def test_the_jinja_environment_is_made_once_per_state(tmp_path):
    root, state = mini(tmp_path), BuildState()
    corpus, _ = check(Project(root), state)
    render(corpus, link(corpus), state=state)
    environment = state.templates
    assert environment is not None
    compiled = environment.get_template("actor.md.j2")
    edit(root, ACTOR, "name: Ada Lund", "name: Ada C. Lund")  # the actor's page is rendered again
    corpus, _ = check(Project(root), state)
    pages = {page.path: page for page in render(corpus, link(corpus), state=state)}
    assert "Ada C. Lund" in pages["actors/ada-lund.md"].text
    assert "actors/ada-lund.md" in state.pages.rendered
    assert state.templates is environment
    assert environment.get_template("actor.md.j2") is compiled  # not compiled again


def test_the_git_history_is_read_again_only_when_head_moves():
    state, reads = BuildState(), []

    def read(value: str):
        def run() -> dict[str, str]:
            reads.append(value)
            return {"seeds/actors/a.yml": value}

        return run

    first = state.git_history("c1", "last_changed seeds", read("2024-03-06"))
    assert state.git_history("c1", "last_changed seeds", read("never read")) is first
    assert reads == ["2024-03-06"]
    assert state.git_history("c2", "last_changed seeds", read("2024-03-08")) == {"seeds/actors/a.yml": "2024-03-08"}
    assert state.history_head == "c2" and list(state.history) == ["last_changed seeds"]  # c1's is dropped
    # No HEAD (no git, or no commit yet): read every time, nothing kept.
    state.git_history("", "last_changed seeds", read("a"))
    state.git_history("", "last_changed seeds", read("b"))
    assert reads[-2:] == ["a", "b"] and state.history_head == "c2"


def test_written_pages_no_longer_written_are_forgotten():
    state = BuildState()
    state.written = {"docs/a.md": (None, "1", None), "docs/b.md": (None, "2", None)}
    state.forget_written_except({"docs/a.md", "docs/c.md"})
    assert state.written == {"docs/a.md": (None, "1", None)}
