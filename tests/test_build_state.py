"""What serve keeps between runs (generator/build_state.py), through whole ``generate`` runs: a deleted
note leaves nothing behind, and a new commit is seen although no note changed."""

from __future__ import annotations

import subprocess

from generator.build_state import BuildState
from generator.pipeline import Project, generate

from helpers import briefing, commit_notes, edit, tree_bytes

ISSUE = "seeds/issues/wage-freeze.yml"
PAGE = "issues/wage-freeze.md"
EVENT_PAGE = "events/harbour-talks-next-week.md"


def test_a_deleted_note_leaves_nothing_kept(mini_project):
    state, project = BuildState(), Project(mini_project)
    note = mini_project / "seeds" / "events" / "harbour-talks-next-week.yml"  # no other note names it
    generate(project, state)
    target = (project.docs / EVENT_PAGE).as_posix()
    assert note in state.files and EVENT_PAGE in state.pages.paths()
    assert target in state.written and EVENT_PAGE in state.described

    note.unlink()
    assert EVENT_PAGE in generate(project, state).report.removed
    assert note not in state.files  # its stamp, bytes, parse and model
    assert EVENT_PAGE not in state.pages.paths()  # its rendered page
    assert target not in state.written and EVENT_PAGE not in state.described
    assert (project.docs / PAGE).as_posix() in state.written  # the pages still there are still known


def test_a_new_commit_is_read_although_no_note_changed(mini_project):
    subprocess.run(["git", "init", "-q", str(mini_project)], check=True)
    commit_notes(mini_project, "2024-03-06", "the notes")
    state, project = BuildState(), Project(mini_project)
    generate(project, state)
    assert "last changed on 2024-03-06" in (project.docs / PAGE).read_text("utf-8")

    edit(mini_project, ISSUE, "Wage freeze", "Harbour wage freeze")  # saved, not yet committed
    generate(project, state)
    page = (project.docs / PAGE).read_text("utf-8")
    assert "Harbour wage freeze" in page and "last changed on 2024-03-06" in page
    read_at = state.history_head

    commit_notes(mini_project, "2024-03-08", "rename the issue")  # only the history changes
    generate(project, state)
    assert state.history_head != read_at
    assert "last changed on 2024-03-08" in (project.docs / PAGE).read_text("utf-8")
    assert "8 March 2024" in (project.docs / "changes.md").read_text("utf-8")
    served = tree_bytes(project.docs)
    assert briefing(mini_project, "generate").returncode == 0  # a fresh run, in its own process
    assert tree_bytes(project.docs) == served
