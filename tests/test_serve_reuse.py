"""In serve, the generator keeps what it parsed and rendered, and an edit redoes only what it changes.

Whatever it reuses, the pages must be exactly those a fresh ``briefing generate`` writes.
"""

from __future__ import annotations

import shutil
import time

import pytest

from generator.build_state import BuildState
from generator.errors import NotesError
from generator.pipeline import Project, checked_corpus, generate

from helpers import REPO, briefing, edit, make_project, tree_bytes

SOURCE = "seeds/sources/ft-2025-12-03-russia-no-deal"
NOTE = "seeds/actors/steve-witkoff.yml"
EDITS = [  # (what a contributor does, file, old text, new text)
    ("rewords an issue's summary", "seeds/issues/territory.yml", "was raised in Moscow", "came up in Moscow"),
    ("renames an actor", "seeds/actors/steve-witkoff.yml", "name: Steve Witkoff", "name: Steven Witkoff"),
    (
        "renames an event",
        "seeds/events/putin-trump-meeting.yml",
        "name: Potential Putin–Trump meeting",
        "name: A possible Putin–Trump summit",
    ),
    ("changes the source's publisher", f"{SOURCE}/source.yml", "publisher: Financial Times", "publisher: The FT"),
    ("retitles the source", f"{SOURCE}/source.yml", "title: Russia says", "title: Kremlin says"),
    ("turns a quote into a paraphrase", f"{SOURCE}/statements.yml", "    quote: substance\n", ""),
    (
        "takes a stance out",
        f"{SOURCE}/statements.yml",
        "    positions:\n      - {issue: us-peace-plan, stance: mixed}\n",
        "",
    ),
]


@pytest.fixture
def kept():
    return BuildState()


def fresh_pages(root):
    """What a fresh run writes for the notes in ``root`` (in its own process, nothing kept)."""
    result = briefing(root, "generate")
    assert result.returncode == 0, result.stderr
    return tree_bytes(root / "docs")


def test_each_edit_gives_the_pages_a_fresh_run_gives(tmp_path, kept):
    served, fresh = make_project(tmp_path / "served"), make_project(tmp_path / "fresh")
    generate(Project(served), kept)
    for what, note, old, new in EDITS:
        for root in (served, fresh):
            edit(root, note, old, new)
        report = generate(Project(served), kept).report
        assert report.written, f"nothing changed when a contributor {what}"
        assert tree_bytes(served / "docs") == fresh_pages(fresh), f"kept pages are stale after a contributor {what}"


def test_a_broken_note_then_its_fix_gives_the_pages_a_fresh_run_gives(tmp_path, kept):
    served, fresh = make_project(tmp_path / "served"), make_project(tmp_path / "fresh")
    generate(Project(served), kept)
    before = tree_bytes(served / "docs")
    edit(served, "seeds/actors/steve-witkoff.yml", "kind: person", "kind: persn")
    with pytest.raises(NotesError):
        generate(Project(served), kept)
    assert tree_bytes(served / "docs") == before
    for root in (served, fresh):
        shutil.copy(REPO / "seeds" / "actors" / "steve-witkoff.yml", root / "seeds" / "actors")
        edit(root, "seeds/actors/steve-witkoff.yml", "name: Steve Witkoff", "name: S. Witkoff")
    generate(Project(served), kept)
    assert tree_bytes(served / "docs") == fresh_pages(fresh)


def test_a_new_and_a_removed_note_give_the_pages_a_fresh_run_gives(tmp_path, kept):
    served, fresh = make_project(tmp_path / "served"), make_project(tmp_path / "fresh")
    generate(Project(served), kept)
    for root in (served, fresh):  # an actor needs a cited role
        (root / "seeds" / "actors" / "henry-foy.yml").write_text(
            "id: henry-foy\nkind: person\nname: Henry Foy\nroles:\n  - title: additional reporting\n"
            "    evidence: {source: ft-2025-12-03-russia-no-deal, passage: Additional reporting by Henry Foy}\n",
            "utf-8",
        )
    assert "actors/henry-foy.md" in generate(Project(served), kept).report.written
    assert tree_bytes(served / "docs") == fresh_pages(fresh)
    for root in (served, fresh):
        (root / "seeds" / "actors" / "henry-foy.yml").unlink()
    assert "actors/henry-foy.md" in generate(Project(served), kept).report.removed
    assert tree_bytes(served / "docs") == fresh_pages(fresh)


def test_an_edit_renders_only_the_pages_whose_inputs_changed(tmp_path, kept):
    served = make_project(tmp_path / "served")
    first = generate(Project(served), kept).report
    memo = kept.pages
    # The data download, the feeds and What changed are written beside the pages, not rendered.
    pages = {path for path in first.written if not path.startswith(("data/", "feeds/", "changes.md"))}
    assert memo.rendered == pages and not memo.reused
    generate(Project(served), kept)
    assert not memo.rendered and memo.reused == pages
    edit(served, "seeds/issues/territory.yml", "was raised in Moscow", "came up in Moscow")
    written = generate(Project(served), kept).report.written
    assert [path for path in written if not path.startswith(("data/", "feeds/", "changes.md"))] == [
        "issues/territory.md"
    ]
    assert "data/issues.csv" in written  # the download follows the edit
    assert memo.rendered == {"issues/territory.md"}


def test_a_hand_edited_page_is_still_refused_while_pages_are_kept(tmp_path, kept):
    served = make_project(tmp_path / "served")
    generate(Project(served), kept)
    page = served / "docs" / "issues" / "territory.md"
    page.write_text(page.read_text("utf-8") + "\nA reader's note.\n", "utf-8")
    edit(served, "seeds/issues/territory.yml", "was raised in Moscow", "came up in Moscow")
    with pytest.raises(NotesError, match="was not written by briefing"):
        generate(Project(served), kept)
    assert page.read_text("utf-8").endswith("A reader's note.\n")


def test_the_worker_answers_with_a_run_that_saw_the_last_change(tmp_path):
    """The notes watcher starts a run at once; a change made while it runs needs one more."""
    from generator.serve_worker import GeneratorWorker

    served = make_project(tmp_path / "served")
    worker = GeneratorWorker(Project(served))
    try:
        worker.generate()
        page = served / "docs" / "issues" / "territory.md"
        edit(served, "seeds/issues/territory.yml", "was raised in Moscow", "came up in Moscow")
        worker.notes_changed()  # a run starts at once
        deadline = time.monotonic() + 60
        while "came up in Moscow" not in page.read_text("utf-8"):  # it has run, its answer unread
            assert time.monotonic() < deadline, "the run started by the watcher never wrote"
            time.sleep(0.05)
        edit(served, "seeds/issues/territory.yml", "came up in Moscow", "was discussed in Moscow")
        worker.notes_changed()  # a run is still unanswered: this is marked, and generate starts one more
        worker.generate()
        assert "was discussed in Moscow" in page.read_text("utf-8")
        worker.notes_changed()
        assert worker.generate().report.written == []  # nothing changed since: the run wrote nothing
    finally:
        worker.stop()


def settled_project(tmp_path):
    """The seed story, with every file unchanged for longer than a state waits before it trusts a
    file's stamp to mean "unchanged" (notefiles._SETTLED_NS, git's racy-clean rule)."""
    root = make_project(tmp_path / "settled")
    time.sleep(2.1)
    return root


def test_a_load_does_not_open_a_note_whose_stamp_is_unchanged(tmp_path):
    # While serving, seeds/ is watched: a load that opened every note sent the watcher two events a
    # note (21,628 at 5,600 pages), overflowing the system's event queue on every edit.
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    root, state = settled_project(tmp_path), BuildState()
    checked_corpus(Project(root), state)
    opened: list[str] = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: opened.append(str(event.src_path)) if event.event_type == "opened" else None  # type: ignore[method-assign]
    observer = Observer()
    observer.schedule(handler, str(root / "seeds"), recursive=True)
    observer.start()
    try:
        checked_corpus(Project(root), state)
        edit(root, NOTE, "name: Steve Witkoff", "name: Steven Witkoff")
        assert checked_corpus(Project(root), state).actors["steve-witkoff"].note.name == "Steven Witkoff"
        sentinel = root / "seeds" / "sentinel"
        sentinel.write_text("")  # the system reports events in order: once this one is seen, all were
        deadline = time.monotonic() + 10
        while str(sentinel) not in opened and time.monotonic() < deadline:
            sentinel.read_text()
            time.sleep(0.05)
    finally:
        observer.stop()
        observer.join()
    notes = {path for path in opened if path != str(sentinel)}
    assert notes == {str(root / NOTE)}, "only the edited note is opened again"


def test_a_kept_note_replaced_by_a_link_is_refused(tmp_path):
    root, state = settled_project(tmp_path), BuildState()
    checked_corpus(Project(root), state)
    note = root / NOTE
    elsewhere = tmp_path / "elsewhere.yml"
    elsewhere.write_bytes(note.read_bytes())
    note.unlink()
    note.symlink_to(elsewhere)
    with pytest.raises(NotesError) as raised:
        checked_corpus(Project(root), state)
    assert any(problem.path == NOTE and "link" in problem.message for problem in raised.value.problems)
