"""Plain `mkdocs serve` regenerates pages from edited notes, and settles."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from generator.docs_watch import DocsWatcher
from generator.pipeline import Project, generate
from generator.write import MANIFEST, TEMP_PREFIX, TEMP_SUFFIX

from helpers import FIXTURES, descendants, get, make_project, start_serving, wait_for


def test_editing_a_note_shows_in_plain_mkdocs_serve_built_once(served_mini):
    root, base, log = served_mini
    page = base + "/issues/wage-freeze/"
    assert "harbour dispute" in (get(page) or "")
    builds = log.read_text().count("Building documentation")
    note = root / "seeds" / "issues" / "wage-freeze.yml"
    note.write_text(note.read_text("utf-8").replace("harbour dispute", "quayside quarrel"), "utf-8")

    assert wait_for(lambda: "quayside quarrel" in (get(page) or ""), 20), "the edit never reached the served page"
    # The pages the build regenerated into docs/ are the generator's own: they start no second build
    # (which would regenerate, build and index search all over again), and no loop.
    time.sleep(4)
    assert log.read_text().count("Building documentation") == builds + 1, "an edit was built more than once"


def test_a_hand_written_page_edited_or_a_file_added_while_serving_shows(served_mini):
    root, base, _ = served_mini
    about = root / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nA line added while serving.\n", "utf-8")
    assert wait_for(lambda: "A line added while serving" in (get(base + "/about/") or ""), 20), "edit not shown"
    (root / "docs" / "assets" / "method.txt").write_text("Written while serving.\n", "utf-8")
    assert wait_for(lambda: "Written while serving" in (get(base + "/assets/method.txt") or ""), 20), "file not served"


def test_a_broken_note_keeps_the_last_good_pages_while_serving(served_mini):
    root, base, log = served_mini
    page = base + "/actors/ada-lund/"
    assert "Ada Lund" in (get(page) or "")
    note = root / "seeds" / "actors" / "ada-lund.yml"
    note.write_text(note.read_text("utf-8").replace("kind: person", "kind: [person"), "utf-8")

    assert wait_for(lambda: "seeds/actors/ada-lund.yml:" in log.read_text(), 20), log.read_text()
    assert "Ada Lund" in (get(page) or "")
    assert (root / "docs" / "actors" / "ada-lund.md").is_file()


def test_briefing_serve_rebuilds_every_page_an_edit_changes_and_indexes_search(mini_project, tmp_path):
    """`briefing serve` rebuilds only changed pages (--dirty): all of them, not just the edited note's."""
    process, log, base = start_serving(mini_project, tmp_path, ["generator", "--root", str(mini_project), "serve"])
    try:
        actor, issue = base + "/actors/ada-lund/", base + "/issues/wage-freeze/"
        assert wait_for(lambda: "Ada Lund" in (get(issue) or ""), 30), "briefing serve did not start"
        assert wait_for(lambda: get(base + "/pagefind/pagefind-entry.json") is not None, 30), "no search index"
        index_before = get(base + "/actors/")
        note = mini_project / "seeds" / "actors" / "ada-lund.yml"
        note.write_text(note.read_text("utf-8").replace("name: Ada Lund", "name: Ada Lindqvist"), "utf-8")
        assert wait_for(lambda: "Ada Lindqvist" in (get(actor) or ""), 20), "the edited actor's page is stale"
        assert wait_for(lambda: "Ada Lindqvist" in (get(issue) or ""), 5), "a page naming the actor is stale"
        assert "Ada Lund" not in (get(issue) or "") and "Ada Lindqvist" in (get(base + "/actors/") or "")
        assert index_before != get(base + "/actors/")
        assert "dirty" not in (tmp_path / "serve.log").read_text()  # MkDocs' warning about dirty builds is noise here
        helpers = descendants(process.pid)
        assert len(helpers) >= 2  # mkdocs serve and its generator worker
    finally:
        process.terminate()
        process.wait(10)
        log.close()
    assert wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in helpers), 10), "processes left behind"


def test_plain_mkdocs_build_generates_pages_and_indexes_search(mini_project):
    """The plugin alone is enough: `mkdocs build` regenerates docs/ from the notes and indexes search."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_BUILD", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=mini_project, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "Ada Lund" in (mini_project / "site" / "actors" / "ada-lund" / "index.html").read_text("utf-8")
    assert (mini_project / "site" / "pagefind" / "pagefind-entry.json").is_file()


class _Reads:
    """Counts the times a file is opened (inotify), as a process reading the notes opens them."""

    def __init__(self, path: Path):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        self.count = 0
        handler = FileSystemEventHandler()

        def opened(event) -> None:
            if event.src_path == str(path):
                self.count += 1

        handler.on_opened = opened  # type: ignore[method-assign]
        self._observer = Observer()
        self._observer.schedule(handler, str(path.parent))
        self._observer.start()

    def settled(self) -> int:
        time.sleep(1)  # the last events are delivered
        return self.count

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(5)


def test_briefing_serve_generates_the_site_once_at_start(mini_project, tmp_path):
    """It generated everything, then started the server, whose first build generated everything again
    in a fresh process: twice the wait before the first page. Each run reads every note."""
    note = mini_project / "seeds" / "actors" / "ada-lund.yml"
    reads = _Reads(note)
    try:
        assert (
            subprocess.run(
                [sys.executable, "-m", "generator", "generate"], cwd=mini_project, capture_output=True
            ).returncode
            == 0
        )
        one_run = reads.settled()
        assert one_run >= 1
        reads.count = 0
        process, log, base = start_serving(mini_project, tmp_path, ["generator", "serve"])
        try:
            assert wait_for(lambda: "Ada Lund" in (get(base + "/actors/ada-lund/") or ""), 30), "did not start"
            assert reads.settled() == one_run, (tmp_path / "serve.log").read_text()
        finally:
            process.terminate()
            process.wait(10)
            log.close()
    finally:
        reads.stop()


def test_briefing_serve_with_a_broken_note_says_where_and_serves_nothing(mini_project, tmp_path):
    note = mini_project / "seeds" / "actors" / "ada-lund.yml"
    note.write_text(note.read_text("utf-8").replace("kind: person", "kind: [person"), "utf-8")
    process, log, base = start_serving(mini_project, tmp_path, ["generator", "serve"])
    try:
        code = process.wait(60)
    finally:
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert code == 1, output
    assert "seeds/actors/ada-lund.yml:" in output and "nothing was written" in output
    assert "Traceback" not in output
    assert get(base + "/") is None


def test_only_the_generators_own_writes_are_told_apart(tmp_path):
    root = make_project(tmp_path / "mini", FIXTURES / "mini" / "seeds")
    generate(Project(root))
    docs = root / "docs"
    watcher = DocsWatcher(docs)
    page, about = docs / "actors" / "ada-lund.md", docs / "about.md"

    assert watcher.made_by_generator(page), "a page as the generator wrote it"
    assert watcher.made_by_generator(docs / MANIFEST)
    assert watcher.made_by_generator(docs / "actors" / f"{TEMP_PREFIX}x{TEMP_SUFFIX}")
    assert not watcher.made_by_generator(about), "a hand-written page"
    assert not watcher.made_by_generator(docs / "new-page.md"), "a page added by hand"

    copy = tmp_path / "same-bytes.md"
    copy.write_bytes(page.read_bytes())
    page.unlink()
    page.symlink_to(copy)
    assert not watcher.made_by_generator(page), "a generated page replaced by a link, even to the same bytes"
    page.unlink()
    page.write_bytes(copy.read_bytes())
    page.write_text(page.read_text("utf-8") + "\nedited by hand\n", "utf-8")
    assert not watcher.made_by_generator(page), "a generated page edited by hand is built"
    page.unlink()
    assert watcher.made_by_generator(page), "a page the generator owned and removed"
    about.unlink()
    assert not watcher.made_by_generator(about), "a hand-written page removed"


def test_mkdocs_serve_of_a_project_named_through_a_link_watches_and_shows_an_edit(mini_project, tmp_path):
    # MkDocs names the folders it watches as given (not resolved); unwatching docs/ by another name failed.
    linked = tmp_path / "linked-project"
    linked.symlink_to(mini_project)
    process, log, base = start_serving(tmp_path, tmp_path, ["mkdocs", "serve", "-f", str(linked / "mkdocs.yml")])
    try:
        page = base + "/issues/wage-freeze/"
        assert wait_for(lambda: "harbour dispute" in (get(page) or ""), 30), "briefing serve did not start"
        note = mini_project / "seeds" / "issues" / "wage-freeze.yml"
        note.write_text(note.read_text("utf-8").replace("harbour dispute", "quayside quarrel"), "utf-8")
        assert wait_for(lambda: "quayside quarrel" in (get(page) or ""), 20), "the edit never reached the served page"
    finally:
        process.terminate()
        process.wait(10)
        log.close()
