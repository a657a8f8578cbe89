"""Plain `mkdocs serve` regenerates pages from edited notes, and settles."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from benchmarks.run import descendants


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def _start(project: Path, tmp_path: Path, command: list[str]):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", *command, "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    return process, log, f"http://127.0.0.1:{port}"


@pytest.fixture
def served_mini(mini_project: Path, tmp_path: Path):
    process, log, base = _start(mini_project, tmp_path, ["mkdocs", "serve"])
    try:
        assert _wait_for(lambda: _get(base + "/issues/wage-freeze/") is not None, 30), "mkdocs serve did not start"
        yield mini_project, base, tmp_path / "serve.log"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


def test_editing_a_note_shows_in_plain_mkdocs_serve_without_a_rebuild_loop(served_mini):
    root, base, log = served_mini
    page = base + "/issues/wage-freeze/"
    assert "harbour dispute" in _get(page)
    note = root / "seeds" / "issues" / "wage-freeze.yml"
    note.write_text(note.read_text("utf-8").replace("harbour dispute", "quayside quarrel"), "utf-8")

    assert _wait_for(lambda: "quayside quarrel" in (_get(page) or ""), 20), "the edit never reached the served page"
    # Regenerating inside a build may wake the watcher once more; after that it must stay quiet.
    time.sleep(3)
    builds = log.read_text().count("Building documentation")
    time.sleep(4)
    assert log.read_text().count("Building documentation") == builds, "mkdocs serve keeps rebuilding"


def test_a_broken_note_keeps_the_last_good_pages_while_serving(served_mini):
    root, base, log = served_mini
    page = base + "/actors/ada-lund/"
    assert "Ada Lund" in _get(page)
    note = root / "seeds" / "actors" / "ada-lund.yml"
    note.write_text(note.read_text("utf-8").replace("kind: person", "kind: [person"), "utf-8")

    assert _wait_for(lambda: "seeds/actors/ada-lund.yml:" in log.read_text(), 20), log.read_text()
    assert "Ada Lund" in _get(page)
    assert (root / "docs" / "actors" / "ada-lund.md").is_file()


def test_briefing_serve_rebuilds_every_page_an_edit_changes_and_indexes_search(mini_project, tmp_path):
    """`briefing serve` rebuilds only changed pages (--dirty): all of them, not just the edited note's."""
    process, log, base = _start(mini_project, tmp_path, ["generator", "--root", str(mini_project), "serve"])
    try:
        actor, issue = base + "/actors/ada-lund/", base + "/issues/wage-freeze/"
        assert _wait_for(lambda: "Ada Lund" in (_get(issue) or ""), 30), "briefing serve did not start"
        assert _wait_for(lambda: _get(base + "/pagefind/pagefind-entry.json") is not None, 30), "no search index"
        index_before = _get(base + "/actors/")
        note = mini_project / "seeds" / "actors" / "ada-lund.yml"
        note.write_text(note.read_text("utf-8").replace("name: Ada Lund", "name: Ada Lindqvist"), "utf-8")
        assert _wait_for(lambda: "Ada Lindqvist" in (_get(actor) or ""), 20), "the edited actor's page is stale"
        assert _wait_for(lambda: "Ada Lindqvist" in (_get(issue) or ""), 5), "a page naming the actor is stale"
        assert "Ada Lund" not in _get(issue) and "Ada Lindqvist" in _get(base + "/actors/")
        assert index_before != _get(base + "/actors/")
        assert "dirty" not in (tmp_path / "serve.log").read_text()  # MkDocs' warning about dirty builds is noise here
        helpers = descendants(process.pid)
        assert len(helpers) >= 2  # mkdocs serve and its generator worker
    finally:
        process.terminate()
        process.wait(10)
        log.close()
    assert _wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in helpers), 10), "processes left behind"


def test_plain_mkdocs_build_generates_pages_and_indexes_search(mini_project):
    """The hook alone is enough: `mkdocs build` regenerates docs/ from the notes and indexes search."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("BRIEFING_BUILD", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=mini_project,
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert "Ada Lund" in (mini_project / "site" / "actors" / "ada-lund" / "index.html").read_text("utf-8")
    assert (mini_project / "site" / "pagefind" / "pagefind-entry.json").is_file()
