"""Editing one note rewrites only the pages that show what changed."""

from __future__ import annotations

from helpers import briefing, edit, tree_bytes


def generate_and_snapshot(root):
    assert briefing(root, "generate").returncode == 0
    docs = root / "docs"
    return tree_bytes(docs), {p: (docs / p).stat().st_mtime_ns for p in tree_bytes(docs)}


def test_editing_a_summary_rewrites_only_its_page(mini_project):
    before, mtimes = generate_and_snapshot(mini_project)
    edit(mini_project, "seeds/issues/wage-freeze.yml", "harbour dispute", "quayside quarrel")
    after, new_mtimes = generate_and_snapshot(mini_project)
    changed = {p for p in after if after[p] != before.get(p)}
    # The summary is also in the data download: its table, and the package's checksum of it.
    download = {"data/issues.csv", "data/issues.json", "data/datapackage.json"}
    assert changed == {"issues/wage-freeze.md", ".briefing-manifest.json", *download}
    assert {p for p in after if new_mtimes[p] != mtimes[p]} == changed


def test_editing_a_name_rewrites_exactly_the_pages_that_show_it(mini_project):
    before, mtimes = generate_and_snapshot(mini_project)
    edit(mini_project, "seeds/actors/ben-okafor.yml", "name: Ben Okafor", "name: Benjamin Okafor")
    after, new_mtimes = generate_and_snapshot(mini_project)
    showing = {p for p, data in before.items() if p.endswith(".md") and b"Ben Okafor" in data}
    changed = {p for p in after if p.endswith(".md") and after[p] != before.get(p)}
    assert changed == showing and len(showing) > 3
    assert all(b"Benjamin Okafor" in after[p] for p in changed)
    # The data download and the feeds name him too; every file that did not change is left alone.
    untouched = {p for p in after if after[p] == before.get(p)}
    assert untouched and all(new_mtimes[p] == mtimes[p] for p in untouched)
    assert b"Benjamin Okafor" in after["feeds/actors/ben-okafor.xml"]
