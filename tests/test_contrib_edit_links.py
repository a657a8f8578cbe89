"""Edit links lead to the source of truth; pages say when their notes last changed."""

from __future__ import annotations

import re
import subprocess

from helpers import briefing


def edit_links(html: str) -> list[str]:
    return re.findall(r'href="https://github\.com/briefing-project/briefing/edit/main/([^"]+)"', html)


def test_edit_links_open_the_note_or_the_hand_written_page(mini_built):
    site = mini_built / "site"
    checked = 0
    for page in site.rglob("index.html"):
        links = edit_links(page.read_text("utf-8"))
        relative = page.parent.relative_to(site).as_posix()
        if relative == "about":
            assert links == ["docs/about.md"]
        elif re.match(r"(actors|issues|events|sources)/[a-z0-9-]+$", relative):
            assert len(links) == 1 and links[0].startswith("seeds/"), relative
            assert (mini_built / links[0]).is_file(), links[0]
            assert not links[0].endswith(".md")
            checked += 1
        else:  # overview pages come from every note: no single file to edit
            assert links == [], relative
    assert checked >= 6
    okafor = edit_links((site / "actors" / "ben-okafor" / "index.html").read_text("utf-8"))
    assert okafor == ["seeds/actors/ben-okafor.yml"]


def test_pages_show_when_their_notes_last_changed_in_git(mini_project):
    def git(*args):
        subprocess.run(
            ["git", "-C", str(mini_project), *args],
            check=True,
            capture_output=True,
            env={
                "GIT_AUTHOR_NAME": "t",
                "GIT_AUTHOR_EMAIL": "t@t",
                "GIT_COMMITTER_NAME": "t",
                "GIT_COMMITTER_EMAIL": "t@t",
                "GIT_AUTHOR_DATE": "2024-03-07T10:00:00Z",
                "GIT_COMMITTER_DATE": "2024-03-07T10:00:00Z",
                "PATH": "/usr/bin:/bin",
            },
        )

    git("init", "-q")
    git("add", "seeds")
    git("commit", "-qm", "notes")
    assert briefing(mini_project, "generate").returncode == 0
    page = (mini_project / "docs" / "actors" / "ben-okafor.md").read_text("utf-8")
    assert 'notes_updated: "2024-03-07"' in page
    assert "Notes last changed on 2024-03-07." in page
