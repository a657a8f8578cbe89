"""A kill at any step, or a second build at the same time, leaves docs/ and site/ whole and the next build working.

Kills happen at exact steps through BRIEFING_TEST_KILL_AT (see generator/faults.py): the process
SIGKILLs itself there, as the OOM killer or a power cut would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import FIXTURES, briefing, make_project, tree_bytes

ADA = Path("seeds/actors/ada-lund.yml")


def _leftovers(root: Path) -> list[str]:
    found = [p.name for p in root.iterdir() if p.name.startswith((".site-new-", ".site-old-"))]
    found += [p.relative_to(root).as_posix() for p in (root / "docs").rglob(".tmp-*.part")]
    return sorted(found + [p.name for p in (root / "docs").glob(".briefing-journal.json")])


def _rename_ada(root: Path, name: str) -> None:
    note = root / ADA
    note.write_text(note.read_text("utf-8").replace("name: Ada Lund", f"name: {name}"), "utf-8")


def _clean_docs(tmp_path: Path, root: Path) -> dict[str, bytes]:
    """docs/ as an uninterrupted run makes it from the same notes, in a fresh project."""
    fresh = make_project(tmp_path / "fresh", root / "seeds")
    result = briefing(fresh, "generate")
    assert result.returncode == 0, result.stderr
    return tree_bytes(fresh / "docs")


def test_a_generate_killed_while_replacing_pages_leaves_docs_that_the_next_run_completes(mini_project, tmp_path):
    root = mini_project
    killed = briefing(root, "generate", env={"BRIEFING_TEST_KILL_AT": "docs-replace#1"})
    assert killed.returncode == -signal.SIGKILL
    first = root / "docs" / "actors" / "ada-lund.md"  # pages are replaced in path order: this one is in
    assert "Ada Lund" in first.read_text("utf-8")
    assert list((root / "docs").rglob(".tmp-*.part")), "the other pages were staged, not yet in place"

    # The notes change before the next run: the page the killed run wrote is now neither what the
    # manifest knows nor what this run writes. Only the killed run's journal says it is briefing's.
    _rename_ada(root, "Ada Lund-Berg")
    again = briefing(root, "generate")
    assert again.returncode == 0, again.stderr
    assert "Ada Lund-Berg" in first.read_text("utf-8")
    assert _leftovers(root) == []
    assert tree_bytes(root / "docs") == _clean_docs(tmp_path, root)


def test_a_page_already_holding_what_would_be_written_is_adopted(mini_project, mini_built):
    root = mini_project
    # Killed after the journal was written and the pages were replaced, the journal then lost too
    # (as by a kill while removing it): the pages are exactly what the next run writes.
    assert briefing(root, "generate", env={"BRIEFING_TEST_KILL_AT": "docs-replace#3"}).returncode == -signal.SIGKILL
    (root / "docs" / ".briefing-journal.json").unlink()
    again = briefing(root, "generate")
    assert again.returncode == 0, again.stderr
    assert _leftovers(root) == []
    assert tree_bytes(root / "docs") == tree_bytes(mini_built / "docs")  # the same notes, uninterrupted


def test_a_generate_killed_twice_in_a_row_is_still_completed(mini_project, tmp_path):
    root = mini_project
    assert briefing(root, "generate").returncode == 0
    _rename_ada(root, "Ada Lund-Berg")
    assert briefing(root, "generate", env={"BRIEFING_TEST_KILL_AT": "docs-replace#2"}).returncode == -signal.SIGKILL
    _rename_ada(root, "Ada Lund-Berg-Holm")  # "Ada Lund-Berg" -> "Ada Lund-Berg-Holm"
    assert briefing(root, "generate", env={"BRIEFING_TEST_KILL_AT": "docs-replace#1"}).returncode == -signal.SIGKILL
    note = root / ADA
    note.write_text(note.read_text("utf-8").replace("Ada Lund-Berg-Holm", "Ada Holm"), "utf-8")
    final = briefing(root, "generate")
    assert final.returncode == 0, final.stderr
    assert _leftovers(root) == []
    assert tree_bytes(root / "docs") == _clean_docs(tmp_path, root)


def test_a_build_killed_right_after_the_site_swap_leaves_the_new_site_and_no_leftovers(mini_built_copy):
    root = mini_built_copy
    _rename_ada(root, "Ada Lund-Berg")
    killed = briefing(root, "build", env={"BRIEFING_TEST_KILL_AT": "site-swapped"})
    assert killed.returncode == -signal.SIGKILL
    assert "Ada Lund-Berg" in (root / "site" / "actors" / "ada-lund" / "index.html").read_text("utf-8")
    assert [p.name for p in root.glob(".site-*")], "the old site waits to be deleted"
    again = briefing(root, "build")
    assert again.returncode == 0, again.stderr
    assert _leftovers(root) == []


def test_without_an_atomic_exchange_a_kill_between_the_renames_loses_no_site(mini_built_copy):
    root = mini_built_copy
    good = tree_bytes(root / "site")
    _rename_ada(root, "Ada Lund-Berg")
    no_exchange = {"BRIEFING_TEST_RENAME_EXCHANGE": "0"}
    killed = briefing(root, "build", env={**no_exchange, "BRIEFING_TEST_KILL_AT": "site-aside"})
    assert killed.returncode == -signal.SIGKILL
    # The next build fails (a bad note) and must still give back the last good site.
    note = root / ADA
    note.write_text(note.read_text("utf-8").replace("kind: person", "kind: robot"), "utf-8")
    failed = briefing(root, "build", env=no_exchange)
    assert failed.returncode == 1
    assert tree_bytes(root / "site") == good
    assert _leftovers(root) == []
    note.write_text(note.read_text("utf-8").replace("kind: robot", "kind: person"), "utf-8")
    rebuilt = briefing(root, "build", env=no_exchange)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "Ada Lund-Berg" in (root / "site" / "actors" / "ada-lund" / "index.html").read_text("utf-8")
    assert _leftovers(root) == []


def test_leftover_sites_of_killed_builds_are_removed_but_nothing_else(mini_project):
    root = mini_project
    assert briefing(root, "build", env={"BRIEFING_TEST_KILL_AT": "site-swapped"}).returncode == 0  # no old site
    _rename_ada(root, "Ada Lund-Berg")
    assert briefing(root, "build", env={"BRIEFING_TEST_KILL_AT": "site-swapped"}).returncode == -signal.SIGKILL
    mine = root / ".site-new-by-hand"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    assert briefing(root, "build").returncode == 0
    assert sorted(p.name for p in root.glob(".site-*")) == [".site-new-by-hand"]
    assert (mine / "notes.txt").read_text() == "mine"


def test_a_second_build_waits_for_the_first_and_both_end_well(tmp_path, mini_built):
    root = make_project(tmp_path / "project", FIXTURES / "mini" / "seeds")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "generator", "--root", str(root), "build"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = root / ".briefing.lock"
    deadline = time.monotonic() + 30
    while not (lock.is_file() and lock.read_text().strip() == str(first.pid)):  # the first holds the lock
        assert time.monotonic() < deadline and first.poll() is None, "the first build never took the lock"
        time.sleep(0.01)
    second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out1, err1 = first.communicate(timeout=120)
    out2, err2 = second.communicate(timeout=120)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert f"waiting for another briefing build in {root} (pid {first.pid})" in err2
    assert _leftovers(root) == []
    alone = mini_built  # the same notes built alone
    assert tree_bytes(root / "site") == tree_bytes(alone / "site")
    assert tree_bytes(root / "docs") == tree_bytes(alone / "docs")


def test_a_build_whose_generator_worker_is_killed_says_so_and_the_next_build_works(mini_project, mini_built):
    root = mini_project
    # `briefing build` generates in a forked worker; the kill point fires there, as the OOM killer would.
    killed = briefing(root, "build", env={"BRIEFING_TEST_KILL_AT": "docs-replace#2"})
    assert killed.returncode == 1
    assert "the generator process was killed before it finished" in killed.stderr
    assert "internal error" not in killed.stderr
    again = briefing(root, "build")
    assert again.returncode == 0, again.stderr
    assert _leftovers(root) == []
    assert tree_bytes(root / "docs") == tree_bytes(mini_built / "docs")  # the same notes, uninterrupted
