"""The briefing plugin's checks hold when `briefing build` builds the pages in forked worker processes,
and the seed story built that way equals plain `mkdocs build --strict`'s site, byte for byte."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import REPO, briefing, built, make_project, synthetic_project, tree_bytes

TWO = {"BRIEFING_BUILD_WORKERS": "2"}
SITE_URL = "https://example.org/briefing/"


def test_an_inline_script_in_a_page_built_by_a_worker_stops_the_build(after_a_build):
    root, output = after_a_build
    assert "over 2 processes" in output
    before = tree_bytes(root / "site")
    about = root / "docs/about.md"
    about.write_text(about.read_text("utf-8") + "\n<script>alert(1)</script>\n", "utf-8")
    for args in ((), ("--incremental",)):
        result = briefing(root, "build", *args, env=TWO)
        assert result.returncode == 1, result.stdout
        assert "docs/about.md: the built page has an inline script the theme did not write" in result.stderr
        assert tree_bytes(root / "site") == before


def test_a_generated_page_whose_front_matter_mkdocs_cannot_read_stops_the_worker_build(tmp_path):
    """The build `briefing build` runs once docs/ is generated; a page outside the nav is read by a worker."""
    root = synthetic_project(tmp_path)
    assert briefing(root, "generate").returncode == 0
    command = [
        sys.executable,
        "-m",
        "generator.mkdocs_build",
        "--config-file",
        "mkdocs.yml",
        "--site-dir",
        str(tmp_path / "out"),
        "--state-out",
        str(tmp_path / "state.json"),
    ]
    env = {**os.environ, **TWO, "BRIEFING_BUILD": "1", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    good = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert good.returncode == 0 and "over 2 processes" in good.stdout, good.stderr
    page = root / "docs/actors/actor-1.md"
    text = page.read_text("utf-8")
    page.write_text(re.sub(r'^title: "', r'title: "\\ud83c\\uddfa ', text, count=1, flags=re.M), "utf-8")
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/actors/actor-1.md: MkDocs could not read the front matter" in result.stdout + result.stderr


def test_a_hook_that_does_not_say_it_can_build_pages_apart_gets_plain_mkdocs_build(tmp_path):
    """A hook may gather pages in one event and write them out in another: workers would lose that."""
    root = synthetic_project(tmp_path)
    (root / "gather.py").write_text(
        "titles = []\n\n\ndef on_page_markdown(markdown, page, **kwargs):\n    titles.append(page.file.src_uri)\n"
        "    return markdown\n\n\ndef on_post_build(config):\n"
        "    (__import__('pathlib').Path(config.site_dir) / 'titles.txt').write_text(str(len(titles)))\n",
        "utf-8",
    )
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(config + "\nhooks:\n  - gather.py\n", "utf-8")
    output = built(root)
    assert "all built by plain mkdocs build" in output
    pages = len(list((root / "docs").rglob("*.md")))
    assert (root / "site/titles.txt").read_text() == str(pages)


def test_the_seed_story_built_over_two_processes_equals_mkdocs_build(tmp_path):
    """Stories, feeds, data downloads, the sitemap, JSON-LD, and hand-written [[references]]."""
    root = make_project(tmp_path / "seed")
    about = root / "docs/about.md"
    about.write_text(
        about.read_text("utf-8") + "\nAsk [[vladimir-putin]]; read [[russia-us-ukraine-talks]].\n", "utf-8"
    )
    env = {**TWO, "BRIEFING_SITE_URL": SITE_URL}
    result = briefing(root, "build", env=env)
    assert result.returncode == 0, result.stderr
    assert "over 2 processes" in result.stdout
    from generator.pipeline import Project, checked_corpus, notes_epoch

    epoch = notes_epoch(checked_corpus(Project(root)))
    plain = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "mkdocs-site"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, **env, "NO_MKDOCS_2_WARNING": "1", "BRIEFING_BUILD": "1", "SOURCE_DATE_EPOCH": str(epoch)},
    )
    assert plain.returncode == 0, plain.stderr
    ours = {
        path: data
        for path, data in tree_bytes(root / "site").items()
        if not path.startswith("pagefind/") and path != ".briefing-site"
    }
    assert ours == tree_bytes(root / "mkdocs-site")
    # What a reader or a crawler would look at, there in both.
    assert any(path.startswith("stories/") and path.endswith("index.html") for path in ours)
    assert "feeds/all.xml" in ours and any(path.startswith("data/") and path.endswith(".csv") for path in ours)
    assert f"<loc>{SITE_URL}stories/russia-us-ukraine-talks/</loc>".encode() in ours["sitemap.xml"]
    page = ours["actors/vladimir-putin/index.html"].decode()
    json_ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json_ld is not None
    data = json.loads(json_ld[1])
    assert SITE_URL in json.dumps(data)
    shown = ours["about/index.html"].decode()
    assert '<a href="../actors/vladimir-putin/">Vladimir Putin</a>' in shown
    assert 'href="../stories/russia-us-ukraine-talks/"' in shown and "[[" not in shown
    assert Path(root / "site/about/index.html").read_bytes() == ours["about/index.html"]
