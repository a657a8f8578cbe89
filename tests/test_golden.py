"""The generated Markdown of the mini story, byte for byte.

After an intended change to the output: scripts/test tests/test_golden.py --update-goldens
"""

from __future__ import annotations

import shutil

from helpers import FIXTURES, briefing, make_project, tree_bytes

GOLDENS = FIXTURES.parent / "goldens" / "mini"


def generated_markdown(root):
    assert briefing(root, "generate").returncode == 0
    return {
        path: data for path, data in tree_bytes(root / "docs").items() if path.endswith(".md") and path != "about.md"
    }


def test_generated_markdown_matches_the_goldens(mini_project, update_goldens):
    pages = generated_markdown(mini_project)
    if update_goldens:
        shutil.rmtree(GOLDENS, ignore_errors=True)
        for path, data in pages.items():
            (GOLDENS / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDENS / path).write_bytes(data)
    goldens = tree_bytes(GOLDENS)
    assert sorted(pages) == sorted(goldens), "pages added or removed: run with --update-goldens if intended"
    for path in pages:
        assert pages[path] == goldens[path], f"{path} differs from tests/goldens/mini/{path}"


def test_same_notes_give_byte_identical_markdown(tmp_path):
    first = generated_markdown(make_project(tmp_path / "a", FIXTURES / "mini" / "seeds"))
    second = generated_markdown(make_project(tmp_path / "b", FIXTURES / "mini" / "seeds"))
    assert first == second and len(first) > 10


def test_regenerating_unchanged_notes_rewrites_nothing(mini_project):
    assert briefing(mini_project, "generate").returncode == 0
    result = briefing(mini_project, "generate")
    assert "0 written" in result.stdout and "0 removed" in result.stdout
