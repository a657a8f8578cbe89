"""Cite it: every statement and every event fact has a permalink that stays put, and a cite control.

The permalinks must survive a rebuild and the addition of other notes (a statement inserted before
the others, a second source, a second version of a fact): the same anchor opens the same statement.
The citation a reader copies must say what the notes say.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
import yaml

from helpers import FIXTURES, briefing, make_project, statements

FT = "ft-2025-12-03-russia-no-deal"
TEST_WIRE = "tass-2025-12-04-moscow-talks"
TALKS = "putin-witkoff-moscow-talks-2025-12-02"
SITE_URL = "https://briefing.example.org/"
# A list item that carries a permalink anchor, up to its cite control.
ITEM = re.compile(r'<li><span id="((?:said|fact)-[a-z0-9-]+)"></span>(.*?)<details class="cite"', re.S)
CITE = re.compile(
    r'<details class="cite" data-pagefind-ignore><summary>cite</summary>'
    r'<span class="cite-link"><a href="([^"]*)">Permalink</a></span> '
    r'<span class="cite-text">([^<]*)</span></details>'
)


def _items(site: Path) -> dict[tuple[str, str], str]:
    """(page, anchor) -> the visible text of the list item it marks, on source and event pages."""
    found = {}
    for page in sorted([*site.glob("sources/*/index.html"), *site.glob("events/*/index.html")]):
        for anchor, body in ITEM.findall(page.read_text("utf-8")):
            found[page.parent.relative_to(site).as_posix(), anchor] = html.unescape(re.sub(r"<[^>]+>", "", body))
    return found


def _build(root: Path) -> Path:
    result = briefing(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def _add_notes(root: Path) -> None:
    """A statement before the FT's first, a second source with a statement, a second date for the talks."""
    path = root / "seeds" / "sources" / FT / "statements.yml"
    notes = yaml.safe_load(path.read_text("utf-8"))
    notes["statements"].insert(
        0,
        {
            "id": "aaa-ushakov-proposals",
            "speaker": "yuri-ushakov",
            "paraphrase": "Putin and Witkoff discussed the proposals from the US.",
            "evidence": {
                "passage": "Yuri Ushakov said Putin and US envoy Steve Witkoff focused on the “substance” "
                "of proposals from the US"
            },
        },
    )
    path.write_text(yaml.safe_dump(notes, allow_unicode=True, sort_keys=False), "utf-8")
    shutil.copytree(FIXTURES / "second-source" / TEST_WIRE, root / "seeds" / "sources" / TEST_WIRE)
    (root / "seeds" / "sources" / TEST_WIRE / "statements.yml").write_text(
        yaml.safe_dump(
            {
                "statements": [
                    {
                        "id": "aaa-wire-putin-received",
                        "speaker": "vladimir-putin",
                        "paraphrase": "Putin received the US envoy in the Kremlin.",
                        "evidence": {
                            "passage": "Russian President Vladimir Putin received US envoy Steve Witkoff in the Kremlin"
                        },
                    }
                ]
            },
            allow_unicode=True,
            sort_keys=False,
        ),
        "utf-8",
    )
    events = root / "seeds" / "events" / f"{TALKS}.yml"
    note = yaml.safe_load(events.read_text("utf-8"))
    note["date"] = [
        {
            "value": "2025-12-01",
            "phrase": "on Monday",
            "evidence": {"source": TEST_WIRE, "passage": "received US envoy Steve Witkoff in the Kremlin on Monday"},
        },
        note["date"],
    ]
    events.write_text(yaml.safe_dump(note, allow_unicode=True, sort_keys=False), "utf-8")


def test_permalinks_survive_a_rebuild_and_other_notes_added(tmp_path):
    root = make_project(tmp_path / "project")
    before = _items(_build(root))
    # Every statement noted has its anchor on its source's page; the talks' facts on the event's page.
    assert {anchor for page, anchor in before if page == f"sources/{FT}"} == {
        f"said-{s['id']}" for s in statements(root / "seeds")
    }
    assert {"fact-date", "fact-place"} <= {anchor for page, anchor in before if page == f"events/{TALKS}"}
    assert _items(_build(root)) == before  # a rebuild moves nothing

    _add_notes(root)
    after = _items(_build(root))
    for (page, anchor), text in before.items():
        assert (page, anchor) in after, f"{page}#{anchor} no longer resolves"
        if (page, anchor) == (f"events/{TALKS}", "fact-date"):  # now disputed: the same fact, its versions listed
            assert after[page, anchor].startswith("When (disputed")
        else:
            assert after[page, anchor] == text, f"{page}#{anchor} now marks another item"
    assert after[f"sources/{FT}", "said-aaa-ushakov-proposals"].startswith("Paraphrase: Putin and Witkoff discussed")
    assert after[f"sources/{TEST_WIRE}", "said-aaa-wire-putin-received"].startswith("Paraphrase: Putin received")


@pytest.fixture
def site(seed_site) -> Path:
    """The shipped notes' site: the seed site, built once for the test run (conftest.py)."""
    return seed_site / "site"


def test_the_cite_text_says_what_the_notes_say(site):
    source = yaml.safe_load((site.parent / "seeds" / "sources" / FT / "source.yml").read_text("utf-8"))
    actors = {
        p.stem: yaml.safe_load(p.read_text("utf-8"))["name"] for p in (site.parent / "seeds" / "actors").glob("*.yml")
    }
    page = (site / "sources" / FT / "index.html").read_text("utf-8")
    cites = {href: html.unescape(text) for href, text in CITE.findall(page)}
    noted = statements(site.parent / "seeds")
    assert len(cites) == len(noted)
    for note in noted:
        text = cites[f"./#said-{note['id']}"]
        assert text.startswith(actors[note["speaker"]] + ("," if note.get("on_behalf_of") else ", "))
        if note.get("quote"):
            assert f"“{note['quote'].rstrip(',;:')}” (exact words)" in text
        else:
            assert f"(paraphrase) {note['paraphrase']}" in text
        if not note.get("date"):
            assert "reported 3 December 2025 by Financial Times:" in text
        assert f"Source: Financial Times, {source['title']}, 3 December 2025, ¶" in text


def test_the_cite_control_on_other_pages_gives_the_statements_permalink(site):
    page = site / "actors" / "yuri-ushakov" / "index.html"
    hrefs = dict(
        (text.split(":")[0][:60] + str(n), href) for n, (href, text) in enumerate(CITE.findall(page.read_text("utf-8")))
    )
    assert hrefs and all(href.startswith(f"../../sources/{FT}/#said-") for href in hrefs.values())
    event = (site / "events" / TALKS / "index.html").read_text("utf-8")
    facts = [(href, html.unescape(text)) for href, text in CITE.findall(event) if "#fact-" in href]
    assert (
        "./#fact-date",
        "Putin–Witkoff talks in Moscow, when: 2 December 2025. Source: Financial Times, "
        "Russia says no deal reached in talks with US on Ukraine, 3 December 2025, ¶2.",
    ) in facts


def _resolves(site: Path, url: str) -> bool:
    assert url.startswith(SITE_URL), url
    path, _, anchor = url[len(SITE_URL) :].partition("#")
    return f'id="{anchor}"' in (site / path / "index.html").read_text("utf-8")


def test_feed_entries_and_data_rows_link_to_the_permalinks(site):
    feed = feedparser.parse((site / "feeds" / "all.xml").read_bytes())
    said = [e.link for e in feed.entries if "#said-" in e.link]
    assert said and all(_resolves(site, link) for link in said)
    rows = json.loads((site / "data" / "statements.json").read_text("utf-8"))
    assert all(row["permalink"] == f"{SITE_URL}sources/{FT}/#said-{row['id']}" for row in rows)
    assert all(_resolves(site, row["permalink"]) for row in rows)
    claims = json.loads((site / "data" / "event_claims.json").read_text("utf-8"))
    assert all(_resolves(site, row["permalink"]) for row in claims if row["field"] != "participant")


def test_the_cite_control_opens_from_the_keyboard_without_javascript(browser, serve, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(serve(site) + "/actors/yuri-ushakov/")
        summary = page.locator("details.cite > summary").first
        summary.focus()
        page.keyboard.press("Enter")
        control = page.locator("details.cite").first
        assert control.get_attribute("open") is not None
        text = control.locator(".cite-text").inner_text()
        assert text.startswith("Yuri Ushakov") and "Source: Financial Times" in text
        control.get_by_role("link", name="Permalink").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/sources/{FT}/#said-*")
        anchor = page.url.split("#")[1]
        words = text.split(": ", 1)[1].removeprefix("(paraphrase) ")[:40]  # the statement's own words
        assert words in page.locator(f"li:has(#{anchor})").inner_text()
    finally:
        context.close()
