"""Per-story feeds: each story in seeds/stories/ has an Atom and a JSON feed of its own developments,
announced in the story page's head."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
import yaml

from helpers import read_links, statements

SITE_URL = "https://briefing.example.org/"


@pytest.fixture
def project(three_stories) -> Path:
    """The shipped story and the two of tests/fixtures/three-stories, built (conftest.py: built once
    for test_stories.py too)."""
    return three_stories


def _stories(seeds: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text("utf-8").split("---")[1]) for p in (seeds / "stories").glob("*.md")}


def _expected_statements(seeds: Path, story: dict) -> set[str]:
    """The story's statements by the rule stories.py states: on its issues, or at or about its events."""
    issues = set(story.get("issues", []))
    events = set(story.get("events", []))
    for path in (seeds / "events").glob("*.yml"):
        note = yaml.safe_load(path.read_text("utf-8"))
        if issues & set(note.get("issues", [])):
            events.add(note["id"])
    found = set()
    for s in statements(seeds):
        on = {*s.get("issues", []), *(p["issue"] for p in s.get("positions", []))}
        if not s.get("same_as") and (
            issues & on or s.get("said_at") in events or events & set(s.get("about_events", []))
        ):
            found.add(s["id"])
    return found


def test_each_story_has_an_atom_and_a_json_feed_of_its_own_statements(project):
    site, seeds = project / "site", project / "seeds"
    stories = _stories(seeds)
    assert len(stories) == 3
    for story_id, story in stories.items():
        atom = feedparser.parse((site / "feeds" / "stories" / f"{story_id}.xml").read_bytes())
        assert not atom.bozo and atom.version == "atom10"
        assert atom.feed.title.startswith(story["title"])
        said = {e.id.rsplit("#", 1)[1] for e in atom.entries if "/data/statements.json#" in e.id}
        assert said == _expected_statements(seeds, story) != set(), story_id
        for entry in atom.entries:  # every entry opens a page of the site, at an anchor it has
            path, _, anchor = entry.link[len(SITE_URL) :].partition("#")
            target = site / path / "index.html"
            assert target.is_file() and (not anchor or anchor in read_links(target).ids), entry.link
        items = json.loads((site / "feeds" / "stories" / f"{story_id}.json").read_text("utf-8"))
        assert items["version"] == "https://jsonfeed.org/version/1.1"
        assert [i["id"] for i in items["items"]] == [e.id for e in atom.entries]
    transit = feedparser.parse((site / "feeds" / "stories" / "new-york-transit-strike.xml").read_bytes())
    text = " ".join(e.content[0].value for e in transit.entries)
    assert "COP28" not in text and "Putin" not in text


def test_the_story_page_announces_its_feeds(project):
    site = project / "site"
    for story_id in _stories(project / "seeds"):
        page = site / "stories" / story_id / "index.html"
        hrefs = re.findall(
            r'<link rel="alternate" type="application/(?:atom\+xml|feed\+json)"[^>]*href="([^"]+)"',
            page.read_text("utf-8"),
        )
        targets = {(page.parent / href).resolve() for href in hrefs}
        assert (site / "feeds" / "stories" / f"{story_id}.xml").resolve() in targets
        assert (site / "feeds" / "stories" / f"{story_id}.json").resolve() in targets
