"""What machines read: canonical links, the sitemap, link previews and schema.org JSON-LD."""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from functools import cache
from pathlib import Path

import pytest
import yaml

from helpers import (
    FIXTURES,
    MINI_SOURCE,
    REPO,
    SEED_SOURCE,
    briefing,
    default_site_url,
    dump,
    make_project,
    pages,
    read_head,
    statements,
)
from payloads import PAYLOADS, payload_story

SEEDS = REPO / "seeds"
VOCABULARY = json.loads((FIXTURES / "schemaorg-vocabulary.json").read_text("utf-8"))
ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
DATE_PROPERTIES = {"startDate", "endDate", "datePublished", "dateCreated", "dateModified"}


@cache
def ancestors(type_name: str) -> frozenset[str]:
    found = {type_name}
    for parent in VOCABULARY["types"].get(type_name, ()):
        found |= ancestors(parent)
    return frozenset(found)


def check_node(node: dict, where: str, site_url: str, html_allowed: bool = False) -> list[str]:
    """Problems with a JSON-LD node by the schema.org vocabulary: its types, its properties and
    their domains, dates, enumeration values, addresses, and no HTML in text."""
    problems = []
    if set(node) == {"@id"}:  # a reference to a node described elsewhere in the graph
        return [] if node["@id"].startswith(site_url) else [f"{where}: @id {node['@id']!r} is not on the site"]
    types = node["@type"] if isinstance(node.get("@type"), list) else [node.get("@type")]
    for kind in types:
        if kind not in VOCABULARY["types"]:
            problems.append(f"{where}: @type {kind!r} is not a schema.org type")
    for key, value in node.items():
        if key in ("@id", "@type", "@context"):
            if key == "@id" and not value.startswith(site_url):
                problems.append(f"{where}: @id {value!r} is not on the site")
            continue
        if key not in VOCABULARY["properties"]:
            problems.append(f"{where}: {key!r} is not a schema.org property")
            continue
        domains = set(VOCABULARY["properties"][key])
        if not any(domains & ancestors(kind) for kind in types):
            problems.append(f"{where}: {key!r} does not apply to {types}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                problems += check_node(item, f"{where}.{key}", site_url, html_allowed)
            elif key in DATE_PROPERTIES and not ISO_DATE.match(item):
                problems.append(f"{where}.{key}: {item!r} is not an ISO date")
            elif (
                key == "eventStatus"
                and VOCABULARY["members"].get(item.removeprefix("https://schema.org/")) != "EventStatusType"
            ):
                problems.append(f"{where}.eventStatus: {item!r} is not an EventStatusType")
            elif key in ("url", "contentUrl") and not item.startswith("http"):
                problems.append(f"{where}.{key}: {item!r} is not an absolute address")
            elif isinstance(item, str) and not html_allowed and re.search(r"<[a-zA-Z/!]", item):
                problems.append(f"{where}.{key}: HTML in {item!r}")
    return problems


def graph(page: Path) -> list[dict]:
    scripts = read_head(page).json_ld
    assert len(scripts) == 1, f"{page}: {len(scripts)} JSON-LD scripts"
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    return data.get("@graph", [data])


def test_every_page_has_json_ld_valid_by_the_schema_org_vocabulary(seed_site):
    site, url = seed_site / "site", default_site_url()
    found: set[str] = set()
    problems = []
    for page in pages(site):
        nodes = graph(page)
        described = {node["@id"] for node in nodes if "@id" in node}
        for n, node in enumerate(nodes):
            problems += check_node(node, f"{page.relative_to(site)}[{n}]", url)
            found.add(node["@type"])
            for value in node.values():  # a bare reference names a node of this graph
                if isinstance(value, dict) and set(value) == {"@id"}:
                    assert value["@id"] in described, (page, value)
    assert problems == []
    assert {"Person", "Organization", "Event", "NewsArticle", "Quotation", "WebSite", "Dataset"} <= found


def _node(page: Path, kind: str) -> list[dict]:
    return [n for n in graph(page) if n["@type"] == kind]


def test_actors_events_sources_and_quotations_say_what_the_notes_say(seed_site):
    site = seed_site / "site"
    article = _node(site / "sources" / SEED_SOURCE / "index.html", "NewsArticle")[0]
    source = yaml.safe_load((SEEDS / "sources" / SEED_SOURCE / "source.yml").read_text("utf-8"))
    assert (article["headline"], article["datePublished"], article["publisher"]["name"]) == (
        source["title"],
        source["published"],
        source["publisher"],
    )
    for path in sorted((SEEDS / "actors").glob("*.yml")):
        actor = yaml.safe_load(path.read_text("utf-8"))
        page = site / "actors" / actor["id"] / "index.html"
        kind = {"person": "Person", "organisation": "Organization"}[actor["kind"]]
        (subject,) = _node(page, kind)
        assert subject["name"] == actor["name"] and subject["url"] == read_head(page).canonical
        # The exact words, without a trailing , ; or : that belongs to the article's sentence (wording.py).
        quoted = [
            s["quote"].rstrip(",;: ") for s in statements(SEEDS) if s["speaker"] == actor["id"] and s.get("quote")
        ]
        quotations = _node(page, "Quotation")
        assert sorted(q["text"] for q in quotations) == sorted(quoted)
        for quotation in quotations:
            assert quotation["spokenByCharacter"]["@id"] == subject["@id"]
            assert quotation["isBasedOn"]["@id"] == article["@id"]
    for path in sorted((SEEDS / "events").glob("*.yml")):
        event = yaml.safe_load(path.read_text("utf-8"))
        (node,) = _node(site / "events" / event["id"] / "index.html", "Event")
        assert node["name"] == event["name"]
        date = event.get("date")
        if isinstance(date, dict) and date.get("precision") != "approximate":
            assert node["startDate"] == date["value"]
        elif isinstance(date, str):
            assert node["startDate"] == date
        else:
            assert "startDate" not in node  # no date, or only a rough one: nothing asserted
        if isinstance(event.get("place"), dict):
            assert node["location"]["name"] == event["place"]["value"]
        status = {"held": "https://schema.org/EventScheduled", "planned": "https://schema.org/EventScheduled"}
        assert node.get("eventStatus") == status.get(event["status"])
        assert sorted(a["url"] for a in node.get("attendee", [])) == sorted(
            f"{default_site_url()}actors/{p['actor']}/" for p in event.get("participants", [])
        )


def test_every_page_has_link_preview_meta(seed_site):
    site, url = seed_site / "site", default_site_url()
    for page in pages(site):
        head = read_head(page)
        where = page.relative_to(site)
        assert head.canonical and head.canonical.startswith(url), where
        assert head.meta["og:url"] == head.canonical, where
        assert head.meta["og:title"] and head.meta["twitter:title"] == head.meta["og:title"], where
        assert head.meta["og:description"] == head.meta["description"] == head.meta["twitter:description"], where
        assert head.meta["og:type"] in {"website", "article", "profile"}, where
        assert head.meta["twitter:card"] == "summary_large_image"
        assert head.meta["og:image"] == head.meta["twitter:image"] == url + "assets/briefing-card.png"
    image = (site / "assets" / "briefing-card.png").read_bytes()
    assert _png_size(image) == (1200, 630)


def test_descriptions_come_from_the_notes(seed_site):
    site = seed_site / "site"
    for path in sorted((SEEDS / "issues").glob("*.yml")):
        issue = yaml.safe_load(path.read_text("utf-8"))
        description = read_head(site / "issues" / issue["id"] / "index.html").meta["og:description"]
        assert description.rstrip("…") and " ".join(issue["summary"].split()).startswith(description.rstrip("…"))
    peskov = read_head(site / "actors" / "dmitry-peskov" / "index.html").meta
    assert peskov["og:type"] == "profile" and "Putin's spokesperson" in peskov["og:description"]
    article = read_head(site / "sources" / SEED_SOURCE / "index.html").meta
    assert article["og:type"] == "article" and article["og:description"].startswith("Financial Times, 3 December 2025")


def test_the_sitemap_lists_every_page(seed_site):
    site = seed_site / "site"
    tree = ET.parse(site / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    canonical = [read_head(page).canonical for page in pages(site)]
    assert len(locs) == len(set(locs)) == len(canonical) > 40
    assert set(locs) == set(canonical)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    idat = data.index(b"IDAT")
    length = struct.unpack(">I", data[idat - 4 : idat])[0]
    assert len(zlib.decompress(data[idat + 4 : idat + 4 + length])) == height * (1 + width * 3)
    return width, height


def test_the_preview_image_is_the_one_the_generator_draws():
    from generator.card import CARD, card

    assert CARD.read_bytes() == card(), "run: python -m generator.card"


def test_ci_sets_the_address_with_one_variable(tmp_path):
    root = make_project(tmp_path / "p", FIXTURES / "mini" / "seeds")
    address = "https://news.example.net/brief/"
    result = briefing(root, "build", env={"BRIEFING_SITE_URL": address.rstrip("/")})
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for page in pages(site):
        head = read_head(page)
        assert head.canonical and head.canonical.startswith(address) and head.meta["og:image"].startswith(address)
        assert all(n.get("@id", address).startswith(address) for n in graph(page))
    tree = ET.parse(site / "sitemap.xml")
    assert all(
        (e.text or "").startswith(address) for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    )
    assert f'base = "{address}data/"' in (root / "docs" / "data" / "index.md").read_text("utf-8")


@pytest.mark.parametrize(
    "setting, message",
    [
        ("", "mkdocs.yml:1: site_url is not set; set it to the address the site is published at"),
        (
            'site_url: "javascript:alert(1)"',
            "mkdocs.yml:{line}: site_url 'javascript:alert(1)' is not an http(s) address",
        ),
    ],
)
def test_a_missing_or_bad_address_is_a_located_error(mini_project, setting, message):
    config = mini_project / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines()
    line = next(n for n, row in enumerate(lines, 1) if row.startswith("site_url:"))
    lines[line - 1] = setting
    config.write_text("\n".join(lines) + "\n", "utf-8")
    result = briefing(mini_project, "generate")
    assert result.returncode == 1
    assert message.format(line=line) in result.stderr
    assert not (mini_project / "docs" / "index.md").exists()


# Notes that try to end the JSON-LD script element, open a comment, or split a line for JavaScript.
BREAKOUTS = ["</script><script>alert(1)</script>", "<!--<script>", "a\u2028b\u2029c", "🦊 & <b>", "</SCRIPT >"]


@pytest.fixture(scope="module")
def breakout_site(built_once):
    def make_site(folder: Path) -> Path:
        root = make_project(folder / "p", FIXTURES / "mini" / "seeds")
        payload_story(root)
        folder = root / "seeds" / "sources" / MINI_SOURCE
        lines = [f"Breakout {n}: {text}" for n, text in enumerate(BREAKOUTS)]
        (folder / "article.txt").write_text(
            (folder / "article.txt").read_text("utf-8") + "\n".join(lines) + "\n", "utf-8"
        )
        notes = yaml.safe_load((folder / "statements.yml").read_text("utf-8"))
        notes["statements"] += [
            {"id": f"breakout-{n}", "speaker": "ben-okafor", "quote": text, "evidence": {"passage": line}}
            for n, (text, line) in enumerate(zip(BREAKOUTS, lines, strict=True))
        ]
        dump(folder / "statements.yml", notes)
        result = briefing(root, "build")
        assert result.returncode == 0, result.stderr
        return root

    return built_once("json-ld-breakout", make_site)


def test_notes_cannot_end_the_json_ld_element(breakout_site):
    site = breakout_site / "site"
    for page in pages(site):
        for script in read_head(page).json_ld:
            assert "<" not in script and ">" not in script, page
    texts = {q["text"] for q in _node(site / "actors" / "ben-okafor" / "index.html", "Quotation")}
    assert set(BREAKOUTS) <= texts  # exact, once parsed


@pytest.mark.browser
def test_in_the_browser_json_ld_parses_to_the_notes_words(breakout_site, serve, page):
    base = serve(breakout_site / "site")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    found = []
    # Every speaker's page: the payload statements are spread over several speakers.
    speakers = sorted(p.name for p in (breakout_site / "site" / "actors").iterdir() if (p / "index.html").is_file())
    for path in [f"actors/{name}/" for name in speakers] + ["sources/gazette-2024-03-06-harbour-talks/"]:
        page.goto(f"{base}/{path}")
        scripts = page.evaluate("""() => [...document.querySelectorAll('script[type="application/ld+json"]')]
            .map(s => JSON.parse(s.textContent))""")
        assert len(scripts) == 1, path
        found += [n["text"] for n in scripts[0]["@graph"] if n["@type"] == "Quotation"]
        assert (
            page.evaluate(
                "() => [...document.scripts].filter(s => s.type !== 'application/ld+json')"
                ".filter(s => s.textContent.includes('alert(')).length"
            )
            == 0
        )
    # The quotes as the notes hold them (YAML reads a raw U+0085 in the fixture as a line break),
    # shown without a trailing , ; or : that belongs to the article's sentence (wording.py).
    notes = yaml.safe_load((breakout_site / "seeds" / "sources" / MINI_SOURCE / "statements.yml").read_text("utf-8"))
    assert len(notes["statements"]) >= len(BREAKOUTS) + len(PAYLOADS)
    assert {s["quote"].rstrip(",;: ") for s in notes["statements"] if s.get("quote")} <= set(found)
    assert dialogs == []
