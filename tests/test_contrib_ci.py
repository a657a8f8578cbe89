"""CI: workflows are valid GitHub workflows; note errors become inline annotations there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import REPO, briefing, edit

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def test_workflow_files_validate_against_the_github_schema():
    assert len(WORKFLOWS) == 2
    checker = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pages_workflow_publishes_with_the_official_actions():
    text = (REPO / ".github" / "workflows" / "publish.yml").read_text()
    for action in ("actions/upload-pages-artifact@v3", "actions/deploy-pages@v4", "cache: pip"):
        assert action in text


def test_errors_are_annotations_on_github_and_plain_text_elsewhere(mini_project):
    edit(mini_project, "seeds/actors/ada-lund.yml", "kind: person", "kind: robot")
    plain = briefing(mini_project, "check")
    assert plain.returncode == 1
    assert plain.stderr.startswith("seeds/actors/ada-lund.yml:2:1: 'kind'")
    annotated = briefing(mini_project, "check", env={"GITHUB_ACTIONS": "true"})
    assert annotated.returncode == 1
    assert annotated.stderr.startswith("::error file=seeds/actors/ada-lund.yml,line=2,col=1::'kind'")


def test_no_generated_page_is_committed(seed_site):
    """A generated file kept in git is stale after the next notes change, and a fresh clone's build then
    refuses to overwrite it ("was not written by briefing"): every file the generator writes into
    docs/ is left out of git by .gitignore."""
    manifest = json.loads((seed_site / "docs" / ".briefing-manifest.json").read_text("utf-8"))
    generated = sorted(f"docs/{path}" for path in manifest["files"])
    assert "docs/changes.md" in generated and "docs/index.md" in generated
    tracked = subprocess.run(
        ["git", "ls-files", "--", *generated], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert tracked == []
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--", *generated], cwd=REPO, capture_output=True, text=True
    ).stdout.split()
    assert sorted(ignored) == generated
