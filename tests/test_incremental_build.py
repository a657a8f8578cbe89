"""`briefing build --incremental` builds only what changed, and its site equals a clean build's.

Also: the pages are built over several processes, and that site equals plain `mkdocs build`'s.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.synthetic import _dump

from helpers import REPO, briefing, built, default_site_url, edit, synthetic_project, tree_bytes


def pages_of(root: Path) -> int:
    """How many pages MkDocs builds: every Markdown file under docs/."""
    return len(list((root / "docs").rglob("*.md")))


def built_and_kept(output: str) -> tuple[int, int]:
    found = re.search(r"pages: (\d+) built over \d+ process(?:es)?, (\d+) kept from the last build", output)
    assert found, output
    return int(found[1]), int(found[2])


def clean_build(root: Path, built_once, env: dict | None = None) -> dict[str, bytes]:
    """The same notes, theme and config built from nothing in a fresh project: its site, file by file.

    Built once per run for each set of inputs (several tests make the same edit to the same project,
    and the same inputs build the same site: test_reproducible), named by a digest of all of them."""
    inputs = {
        "env": json.dumps(env or {}, sort_keys=True).encode(),
        "docs/about.md": (root / "docs/about.md").read_bytes(),
        "mkdocs.yml": (root / "mkdocs.yml").read_bytes(),
    }
    for name in ("seeds", "theme"):
        inputs.update({f"{name}/{path}": data for path, data in tree_bytes(root / name).items()})
    digest = hashlib.sha256()
    for path in sorted(inputs):
        digest.update(f"{path}\0{len(inputs[path])}\0".encode() + inputs[path])

    def build(fresh: Path) -> Path:
        for name in ("seeds", "theme"):
            shutil.copytree(root / name, fresh / name)
        shutil.copy(root / "mkdocs.yml", fresh / "mkdocs.yml")
        (fresh / "docs").mkdir()
        shutil.copy(root / "docs" / "about.md", fresh / "docs")  # the project's hand-written page, as edited
        shutil.copytree(REPO / "docs" / "assets", fresh / "docs" / "assets")
        built(fresh, workers=1, env=env)
        return fresh / "site"

    return tree_bytes(built_once(f"clean-{digest.hexdigest()[:16]}", build))


def assert_same_site(root: Path, built_once, env: dict | None = None) -> None:
    clean, incremental = clean_build(root, built_once, env), tree_bytes(root / "site")
    assert sorted(incremental) == sorted(clean)
    differing = [path for path in clean if clean[path] != incremental[path]]
    assert differing == [], differing


def add_source(root: Path) -> None:
    """A new article, newer than every other, with its three statements."""
    shutil.copytree(root / "seeds/sources/wire-00003", root / "seeds/sources/wire-00900")
    edit(root, "seeds/sources/wire-00900/source.yml", "id: wire-00003", "id: wire-00900")
    edit(root, "seeds/sources/wire-00900/source.yml", "published: '2025-01-09'", "published: '2025-06-30'")
    statements = root / "seeds/sources/wire-00900/statements.yml"
    statements.write_text(statements.read_text("utf-8").replace("id: st-3-", "id: st-900-"), "utf-8")


def delete_event(root: Path, event: str) -> None:
    """The event's note, and every statement's mention of it."""
    (root / "seeds/events" / f"{event}.yml").unlink()
    for path in (root / "seeds/sources").glob("*/statements.yml"):
        notes = yaml.safe_load(path.read_text("utf-8"))
        for statement in notes["statements"]:
            if event in statement.get("about_events", []):
                statement["about_events"].remove(event)
                if not statement["about_events"]:
                    del statement["about_events"]
            if statement.get("event") == event:
                del statement["event"]
        _dump(path, notes)


def test_a_sequence_of_edits_built_incrementally_equals_clean_builds(tmp_path, built_once):
    root = synthetic_project(tmp_path)
    assert built_and_kept(built(root, "--incremental")) == (pages_of(root), 0)  # nothing to start from: all

    # The edit other tests make too: its clean build is made once for them all.
    edit(root, "seeds/actors/actor-1.yml", "name: ", "name: Renamed ")
    renamed, kept = built_and_kept(built(root, "--incremental"))
    assert 0 < renamed < 40 and kept > 45
    assert_same_site(root, built_once)

    add_source(root)
    new_pages, kept = built_and_kept(built(root, "--incremental"))
    assert 0 < new_pages < 30 and kept > 55
    assert (root / "site/sources/wire-00900/index.html").is_file()
    assert_same_site(root, built_once)

    delete_event(root, "event-5")
    deleted, kept = built_and_kept(built(root, "--incremental"))
    assert 0 < deleted < 40 and kept > 45
    assert not (root / "site/events/event-5").exists()
    assert_same_site(root, built_once)

    edit(root, "theme/main.html", '{% extends "base.html" %}', '{% extends "base.html" %}\n{# changed #}')
    assert built_and_kept(built(root, "--incremental"))[1] == 0  # a theme template changed: everything
    assert_same_site(root, built_once)

    assert built_and_kept(built(root, "--incremental")) == (0, pages_of(root))  # nothing changed: nothing built


def test_a_build_that_changes_no_page_keeps_the_search_index_and_equals_a_clean_build(
    tmp_path, built_once, after_a_build
):
    """A merge that changes no page (the README, the tests) keeps the last search index: Pagefind would
    make the same one. A pagefind.yml changes nothing (Pagefind runs with briefing's options only); any
    changed page makes it anew."""
    root, _ = after_a_build
    entry = root / "site/pagefind/pagefind-entry.json"
    os.link(entry, tmp_path / "last-index-entry.json")  # what the last site held, by its inode

    output = built(root, "--incremental")
    assert built_and_kept(output) == (0, pages_of(root))
    assert "search index kept" in output
    assert os.path.samefile(entry, tmp_path / "last-index-entry.json")  # linked, not made again
    assert_same_site(root, built_once)

    (root / "pagefind.yml").write_text('exclude_selectors: ["h1"]\n', "utf-8")  # not read: see site.py
    output = built(root, "--incremental")
    assert "search index kept" in output
    (root / "pagefind.yml").unlink()

    edit(root, "seeds/actors/actor-1.yml", "name: ", "name: Renamed ")
    output = built(root, "--incremental")
    assert "search index kept" not in output and built_and_kept(output)[0] > 0
    assert_same_site(root, built_once)


def test_a_hand_written_pages_references_follow_the_notes_they_name(built_once, after_a_build):
    """about.md is unchanged, but the name its [[reference]] shows is the note's: renamed, it is built again."""
    root, _ = after_a_build
    about = root / "docs/about.md"
    about.write_text(about.read_text("utf-8") + "\nAsk [[actor-1]].\n", "utf-8")
    built(root, "--incremental")  # the reference is new: about.md is built with it
    edit(root, "seeds/actors/actor-1.yml", "name: ", "name: Renamed ")
    built(root, "--incremental")
    assert "Renamed" in (root / "site/about/index.html").read_text("utf-8")
    assert_same_site(root, built_once)


def test_a_new_site_address_builds_every_page_again(built_once, after_a_build):
    """site_url comes from BRIEFING_SITE_URL (`!ENV` in mkdocs.yml): every page's canonical link names it."""
    root, _ = after_a_build  # built at the address mkdocs.yml gives by default
    old = default_site_url()
    assert f'<link rel="canonical" href="{old}about/">' in (root / "site/about/index.html").read_text("utf-8")
    moved = {"BRIEFING_SITE_URL": "https://new.example.org/"}
    assert built_and_kept(built(root, "--incremental", env=moved))[1] == 0
    about = (root / "site/about/index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://new.example.org/about/">' in about
    assert old not in "".join(p.read_text("utf-8") for p in (root / "site").rglob("*.html"))
    assert_same_site(root, built_once, moved)


def test_incremental_build_never_writes_into_the_last_sites_files(tmp_path, after_a_build):
    """The new site starts as hard links to the last one's pages: a page built again is a new file."""
    root, _ = after_a_build
    page = root / "site/actors/actor-1/index.html"
    before = page.read_bytes()
    os.link(page, tmp_path / "last-build-page.html")  # what the last site held, by its inode
    edit(root, "seeds/actors/actor-1.yml", "name: ", "name: Renamed ")
    assert built_and_kept(built(root, "--incremental"))[1] > 0
    assert b"Renamed" in page.read_bytes()
    assert (tmp_path / "last-build-page.html").read_bytes() == before


def test_incremental_build_links_unchanged_static_files_and_copies_changed_ones(after_a_build, tmp_path, built_once):
    """Feeds and data files (3,400 of them at 5,500 pages) whose source is the one the last build copied
    are the last site's files, by hard link; a changed one is a new file, and the last site's is untouched."""
    root, _ = after_a_build
    unchanged, renamed = root / "site/feeds/actors/actor-2.xml", root / "site/feeds/actors/actor-1.xml"
    os.link(unchanged, tmp_path / "unchanged.xml")  # what the last site held, by its inode
    os.link(renamed, tmp_path / "renamed.xml")
    before = renamed.read_bytes()
    edit(root, "seeds/actors/actor-1.yml", "name: ", "name: Renamed ")
    built(root, "--incremental")
    assert os.path.samefile(unchanged, tmp_path / "unchanged.xml")
    assert b"Renamed" in renamed.read_bytes() and (tmp_path / "renamed.xml").read_bytes() == before
    assert_same_site(root, built_once)


def test_incremental_build_checks_links_to_anchors_of_pages_it_keeps(after_a_build):
    root, _ = after_a_build
    about = root / "docs/about.md"
    about.write_text(about.read_text("utf-8") + "\nSee [who is who](actors/index.md#whos-who).\n", "utf-8")
    assert built_and_kept(built(root, "--incremental")) == (1, pages_of(root) - 1)

    site_before = tree_bytes(root / "site")
    about.write_text(about.read_text("utf-8") + "\nSee [nobody](actors/index.md#no-such-anchor).\n", "utf-8")
    result = briefing(root, "build", "--incremental")
    assert result.returncode == 1
    assert "does not contain an anchor '#no-such-anchor'" in " ".join(result.stderr.split())  # MkDocs wraps lines
    assert tree_bytes(root / "site") == site_before


def test_pages_built_over_two_processes_equal_mkdocs_builds(after_a_build):
    root, output = after_a_build  # built over two processes
    assert "over 2 processes" in output
    from generator.pipeline import Project, checked_corpus, notes_epoch

    epoch = notes_epoch(checked_corpus(Project(root)))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_BUILD": "1", "SOURCE_DATE_EPOCH": str(epoch)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "mkdocs-site"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    ours = {
        path: data
        for path, data in tree_bytes(root / "site").items()
        if not path.startswith("pagefind/") and path != ".briefing-site"
    }
    assert ours == tree_bytes(root / "mkdocs-site")
    assert len([path for path in ours if path.endswith(".html")]) > 80


@pytest.mark.parametrize("kill_at", ["site-swapped"])
def test_a_build_killed_after_the_swap_is_followed_by_a_full_build(tmp_path, built_once, after_a_build, kill_at):
    """The state no longer matches the site: the next incremental build trusts neither, and builds all."""
    root, _ = after_a_build
    edit(root, "seeds/actors/actor-1.yml", "name: ", "name: Renamed ")
    killed = briefing(root, "build", "--incremental", env={"BRIEFING_TEST_KILL_AT": kill_at})
    assert killed.returncode != 0
    assert built_and_kept(built(root, "--incremental")) == (pages_of(root), 0)
    assert_same_site(root, built_once)


def test_the_publish_workflow_builds_incrementally_from_the_last_published_build():
    import yaml

    steps = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text("utf-8"))["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    runs = [step.get("run", "") for step in steps]
    restore, save = uses.index("actions/cache/restore"), uses.index("actions/cache/save")
    build = runs.index("briefing build --incremental")
    assert restore < build < save < uses.index("actions/upload-pages-artifact")
    kept = {"site", ".briefing-build.json"}
    assert set(steps[restore]["with"]["path"].split()) == kept == set(steps[save]["with"]["path"].split())
    assert steps[save]["with"]["key"] == "briefing-build-${{ github.sha }}"
    assert steps[restore]["with"]["key"] == "briefing-build-${{ github.event.before }}"
    assert all(
        step["with"].get("persist-credentials") is False
        for step in steps
        if step.get("uses", "").startswith("actions/checkout")
    )
