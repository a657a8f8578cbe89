"""Following the briefing: Atom and JSON Feed for the site, each actor and each issue."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from helpers import REPO, SEED_SOURCE, default_site_url, note_ids, pages, read_head, read_links, statements

SEEDS = REPO / "seeds"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) as a JSON Schema: what the spec requires and types.
JSON_FEED = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "language": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "format": "uri"},
                    "title": {"type": "string"},
                    "content_text": {"type": "string"},
                    "date_published": {"type": "string", "pattern": RFC3339.pattern},
                },
            },
        },
    },
}


def _site_path(site: Path, url: str) -> tuple[Path, str]:
    """The built file and anchor an address of the site opens."""
    base = default_site_url()
    assert url.startswith(base), url
    path, _, anchor = url[len(base) :].partition("#")
    target = site / path
    return (target / "index.html" if path.endswith("/") or not path else target), anchor


def _parse(path: Path):
    import feedparser

    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def _expected_entries() -> int:
    """Developments in the notes: statements (one per report), what each source says of each event, sources."""
    said = [s for s in statements(SEEDS) if not s.get("same_as")]
    reports = 0
    for path in sorted((SEEDS / "events").glob("*.yml")):
        event = yaml.safe_load(path.read_text("utf-8"))
        sources = set()
        for name in ("date", "place", "duration", "outcome", "condition", "participants"):
            claims = event.get(name) or []
            for claim in claims if isinstance(claims, list) else [claims]:
                evidence = claim["evidence"]
                sources |= {e["source"] for e in (evidence if isinstance(evidence, list) else [evidence])}
        reports += len(sources)
    return len(said) + reports + len(list((SEEDS / "sources").glob("*/source.yml")))


def test_the_site_feed_has_every_development_newest_first(seed_site):
    site = seed_site / "site"
    feed = _parse(site / "feeds" / "all.xml")
    assert feed.version == "atom10"
    assert len(feed.entries) == _expected_entries() > 30
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    source = yaml.safe_load((SEEDS / "sources" / SEED_SOURCE / "source.yml").read_text("utf-8"))
    for entry in feed.entries:
        assert entry.published.startswith(source["published"])  # the source's publication date
        target, anchor = _site_path(site, entry.link)
        assert target.is_file(), entry.link
        if anchor:
            assert anchor in read_links(target).ids, entry.link
        assert entry.title and entry.content[0].type == "text/plain"


def test_each_statement_links_to_its_permalink(seed_site):
    site = seed_site / "site"
    feed = _parse(site / "feeds" / "all.xml")
    by_id = {e.id.rsplit("#", 1)[1]: e for e in feed.entries if "/data/statements.json#" in e.id}
    for note in statements(SEEDS):
        if note.get("same_as"):
            continue
        entry = by_id[note["id"]]
        target, anchor = _site_path(site, entry.link)
        page = target.read_text("utf-8")
        words = note.get("quote") or note["paraphrase"]
        assert words.split("[...]")[0].strip()[:20] in entry.content[0].value
        # The statement's permalink (cite.py): on its source's page, the list item of this statement.
        assert anchor == f"said-{note['id']}" and target == site / "sources" / SEED_SOURCE / "index.html"
        item = re.search(rf'<li><span id="{anchor}"></span>(.*?)</li>', page, re.S)
        assert item and words.split("[...]")[0].strip()[:20] in item.group(1).replace("&rsquo;", "’")


def test_actor_and_issue_feeds_hold_their_own_developments(seed_site):
    site = seed_site / "site"
    said = [s for s in statements(SEEDS) if not s.get("same_as")]
    for actor in note_ids(SEEDS, "actors"):
        feed = _parse(site / "feeds" / "actors" / f"{actor}.xml")
        ids = {e.id.rsplit("#", 1)[1] for e in feed.entries if "/data/statements.json#" in e.id}
        mine = {s["id"] for s in said if actor in (s["speaker"], s.get("on_behalf_of"), *s.get("reported_by", []))}
        assert ids == mine, actor
    for issue in note_ids(SEEDS, "issues"):
        feed = _parse(site / "feeds" / "issues" / f"{issue}.xml")
        ids = {e.id.rsplit("#", 1)[1] for e in feed.entries if "/data/statements.json#" in e.id}
        about = {
            s["id"] for s in said if issue in {*s.get("issues", []), *(p["issue"] for p in s.get("positions", []))}
        }
        assert ids == about, issue


def test_json_feeds_are_json_feed_1_1_and_match_the_atom_feeds(seed_site):
    import jsonschema

    site = seed_site / "site"
    files = sorted((site / "feeds").rglob("*.json"))
    stories = len(list((SEEDS / "stories").glob("*.md")))
    assert len(files) == 1 + len(note_ids(SEEDS, "actors")) + len(note_ids(SEEDS, "issues")) + stories
    for path in files:
        data = json.loads(path.read_text("utf-8"))
        jsonschema.validate(data, JSON_FEED, format_checker=jsonschema.FormatChecker())
        atom = _parse(path.with_suffix(".xml"))
        assert [i["id"] for i in data["items"]] == [e.id for e in atom.entries]
        assert [i["url"] for i in data["items"]] == [e.link for e in atom.entries]
        assert data["feed_url"] == default_site_url() + path.relative_to(site).as_posix()
        dates = [dt.datetime.fromisoformat(i["date_published"]) for i in data["items"]]
        assert dates == sorted(dates, reverse=True)


def test_pages_announce_their_feeds(seed_site):
    site = seed_site / "site"

    def alternates(page: Path) -> dict[str, str]:
        text = page.read_text("utf-8")
        return {
            href: kind
            for kind, href in re.findall(
                r'<link rel="alternate" type="(application/(?:atom\+xml|feed\+json))"[^>]*href="([^"]+)"', text
            )
        }

    for page in pages(site):
        found = alternates(page)
        targets = {(page.parent / href).resolve() for href in found}
        assert (site / "feeds" / "all.xml").resolve() in targets, page
        assert (site / "feeds" / "all.json").resolve() in targets, page
        assert all(t.is_file() for t in targets), page
    ushakov = site / "actors" / "yuri-ushakov" / "index.html"
    targets = {(ushakov.parent / href).resolve() for href in alternates(ushakov)}
    assert (site / "feeds" / "actors" / "yuri-ushakov.xml").resolve() in targets
    issue = site / "issues" / "us-peace-plan" / "index.html"
    assert (site / "feeds" / "issues" / "us-peace-plan.json").resolve() in {
        (issue.parent / href).resolve() for href in alternates(issue)
    }
    assert read_head(ushakov).canonical  # the head the feeds are announced in is the page's own


@pytest.mark.browser
def test_a_reader_finds_the_actor_feed_from_the_page(seed_site, serve, page):
    base = serve(seed_site / "site")
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base + "/actors/yuri-ushakov/")
    page.wait_for_load_state("networkidle")
    assert failed == []  # announcing feeds costs the reader no failed request
    href = page.evaluate("""() => [...document.querySelectorAll('link[rel=alternate][type="application/atom+xml"]')]
        .map(l => l.href)""")
    feed_url = next(h for h in href if h.endswith("/feeds/actors/yuri-ushakov.xml"))
    response = page.request.get(feed_url)
    assert response.ok
    import feedparser

    parsed = feedparser.parse(response.body())
    assert parsed.feed.title.startswith("Yuri Ushakov") and parsed.entries
    assert urljoin(feed_url, ".") == base + "/feeds/actors/"


def test_a_long_story_feeds_its_newest_developments(tmp_path):
    """Feeds hold the newest FEED_LIMIT entries (the whole history is in the data download)."""
    import feedparser

    from generator.feeds import FEED_LIMIT
    from generator.synthetic import write_corpus

    from helpers import briefing, make_project

    counts = write_corpus(tmp_path / "seeds", 60)
    root = make_project(tmp_path / "p", tmp_path / "seeds")
    assert briefing(root, "generate").returncode == 0
    assert counts["statements"] + counts["sources"] > FEED_LIMIT
    feed = feedparser.parse((root / "docs" / "feeds" / "all.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == FEED_LIMIT
    kept = [e.published for e in feed.entries]
    assert kept == sorted(kept, reverse=True)
    published = sorted(
        yaml.safe_load(p.read_text("utf-8"))["published"] for p in (tmp_path / "seeds" / "sources").glob("*/source.yml")
    )
    assert kept[0].startswith(published[-1]) and not kept[-1].startswith(published[0])
    statements_json = json.loads((root / "docs" / "data" / "statements.json").read_text("utf-8"))
    assert len(statements_json) == counts["statements"]
