"""The briefing MkDocs plugin: found by name (its entry point), off with `enabled: false`, and the one
private part of MkDocs it uses (the dev server's rebuild flag) still there in the pinned MkDocs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from generator.notes_watch import rebuild_trigger

from helpers import briefing, edit, wait_for

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def test_the_notes_watcher_makes_the_pinned_mkdocs_dev_server_rebuild(tmp_path):
    """If MkDocs renames or drops its dev server's rebuild flag, serving would fall back to polling the
    notes without a word: this fails instead."""
    from mkdocs.livereload import LiveReloadServer

    builds = []
    server = LiveReloadServer(builder=lambda: builds.append(1), host="127.0.0.1", port=0, root=str(tmp_path))
    trigger = rebuild_trigger(server)
    assert trigger is not None, "MkDocs' LiveReloadServer no longer has the rebuild flag notes_watch.py sets"
    serving = threading.Thread(target=server.serve, daemon=True)
    serving.start()
    try:
        trigger()
        assert wait_for(lambda: builds, 10), "the dev server did not rebuild when the notes watcher asked"
    finally:
        server.shutdown()
        serving.join(10)


def test_plain_mkdocs_build_with_the_plugin_off_builds_docs_as_they_are(mini_project):
    """`enabled: false` (BRIEFING_PLUGIN=false in mkdocs.yml): no regenerating, no search index."""
    assert briefing(mini_project, "generate").returncode == 0
    edit(mini_project, "seeds/actors/ada-lund.yml", "name: Ada Lund", "name: Ada Lindqvist")
    off = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=mini_project,
        capture_output=True,
        text=True,
        env={**ENV, "BRIEFING_PLUGIN": "false"},
    )
    assert off.returncode == 0, off.stderr
    page = (mini_project / "site/actors/ada-lund/index.html").read_text("utf-8")
    assert "Ada Lund" in page and "Ada Lindqvist" not in page
    assert not (mini_project / "site/pagefind").exists()
    on = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=mini_project, capture_output=True, text=True, env=ENV
    )
    assert on.returncode == 0, on.stderr
    assert "Ada Lindqvist" in (mini_project / "site/actors/ada-lund/index.html").read_text("utf-8")
    assert (mini_project / "site/pagefind/pagefind-entry.json").is_file()
