"""Plain `mkdocs serve` regenerates pages from edited notes, and settles."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


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


@pytest.fixture
def served_mini(mini_project: Path, tmp_path: Path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=mini_project, stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
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
