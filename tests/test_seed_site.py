"""The shipped notes, built with real MkDocs: what a reader of the briefing sees."""

from __future__ import annotations

import posixpath
import re

from helpers import REPO, SEED_SOURCE, note_ids, read_links, resolve, statements

SEEDS = REPO / "seeds"


def _page(site, section, ident):
    return site / section / ident / "index.html"


def test_every_actor_issue_event_and_source_has_a_page(seed_site):
    site = seed_site / "site"
    for section in ("actors", "issues", "events"):
        ids = note_ids(SEEDS, section)
        assert ids, f"no {section} in the seed notes"
        for ident in ids:
            assert _page(site, section, ident).is_file(), f"{section}/{ident} has no page"
    assert _page(site, "sources", SEED_SOURCE).is_file()
    for overview in (
        "index.html",
        "timeline/index.html",
        "actors/index.html",
        "positions/index.html",
        "quotes/index.html",
    ):
        assert (site / overview).is_file()


def test_every_quote_is_on_its_speakers_page(seed_site):
    quoted = [s for s in statements(SEEDS) if s.get("quote")]
    assert len(quoted) >= 15
    for statement in quoted:
        text = _page(seed_site / "site", "actors", statement["speaker"]).read_text("utf-8")
        # Shown without the comma, semicolon or colon the article puts before "he said".
        words = statement["quote"].split("[...]")[0].strip().rstrip(",;:")
        assert words.replace("’", "&rsquo;") in text or words in text, (statement["id"], words)


def test_a_relayed_quote_says_whose_view_it_is(seed_site):
    putin = _page(seed_site / "site", "actors", "vladimir-putin").read_text("utf-8")
    assert "critical and even negative attitude" in putin
    assert "relaying the view of" in putin


def test_every_internal_link_and_anchor_resolves(seed_site):
    site = seed_site / "site"
    pages = sorted(p for p in site.rglob("*.html") if p.name != "404.html")  # 404 links from the root
    checked = 0
    for page in pages:
        for href in read_links(page).hrefs:
            resolved = resolve(site, page, href)
            if resolved is None:
                continue
            target, anchor = resolved
            assert target.is_file(), f"{page.relative_to(site)} links to missing {href}"
            if anchor:
                assert anchor in read_links(target).ids, f"{page.relative_to(site)}: no #{anchor} in {href}"
            checked += 1
    assert checked > 500


def test_links_go_both_ways(seed_site):
    site = seed_site / "site"
    actor = _page(site, "actors", "steve-witkoff")
    event_hrefs = [h for h in read_links(actor).hrefs if re.search(r"/events/[a-z0-9-]+/$", h)]
    assert event_hrefs, "Witkoff's page links to no event"
    for href in event_hrefs:
        found = resolve(site, actor, href)
        assert found is not None
        event_page = found[0]
        back = [r[0] for r in (resolve(site, event_page, h) for h in read_links(event_page).hrefs) if r]
        assert actor.resolve() in [b.resolve() for b in back], f"{href} does not link back to Witkoff"


MARKDOWN_LINK = re.compile(r"\]\(([^)#\s]+)")


def _linked(path: str, markdown: str) -> set[str]:
    """The docs-relative pages a generated page's Markdown links to."""
    return {
        posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
        for target in MARKDOWN_LINK.findall(markdown)
        if target.endswith(".md")
    }


def test_also_linked_from_lists_the_pages_that_link_here_and_are_not_linked_already(seed_site):
    docs = seed_site / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_text("utf-8") for p in docs.rglob("*.md")}
    pages = {path: text for path, text in pages.items() if "generated_by: " in text}
    body = {path: text.split("\n## Also linked from", 1)[0] for path, text in pages.items()}
    listed = {
        path: _linked(path, text.split("\n## Also linked from", 1)[1]) if "## Also linked from" in text else set()
        for path, text in pages.items()
    }
    checked = 0
    for path in pages:
        for target in _linked(path, body[path]) - {path}:
            if target not in pages:
                continue
            already = path in _linked(target, body[target])
            assert (path in listed[target]) != already, (path, target)
            checked += 1
    assert checked > 100  # the seed pages link to each other a lot


def test_citations_open_the_cited_sentence(seed_site):
    site = seed_site / "site"
    page = _page(site, "actors", "mark-rutte")
    citations = [h for h in read_links(page).hrefs if f"sources/{SEED_SOURCE}/#p" in h]
    assert citations
    source = _page(site, "sources", SEED_SOURCE).read_text("utf-8")
    for href in citations:
        anchor = href.split("#")[1]
        # A passage of several sentences opens a marker naming them all.
        marker = re.search(rf'<span class="passage" id="{anchor}" data-sentences="([^"]+)"></span>', source)
        for sentence_anchor in marker.group(1).split() if marker else [anchor]:
            sentence = re.search(rf'<span class="sentence" id="{sentence_anchor}">(.*?)</span>', source)
            assert sentence, sentence_anchor


def test_home_page_tells_what_happened_and_what_comes_next(seed_site):
    """The home page briefs the shipped story; its page tells what happened and what comes next."""
    home = (seed_site / "site" / "index.html").read_text("utf-8")
    assert "No deal yet in US–Russia talks on ending the war in Ukraine" in home and "As of 3 December 2025" in home
    story = (seed_site / "site" / "stories" / "russia-us-ukraine-talks" / "index.html").read_text("utf-8")
    assert "What happened" in story and "What is disputed" in story and "What comes next" in story
    assert "Putin–Witkoff talks in Moscow" in story
    assert "conditional" in story


def test_the_nav_does_not_list_entity_pages(seed_site):
    home = (seed_site / "site" / "index.html").read_text("utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "vladimir-putin" not in nav


def test_no_page_loads_anything_from_another_host(seed_site):
    for page in (seed_site / "site").rglob("*.html"):
        text = page.read_text("utf-8")
        # Links may point elsewhere (the edit button); nothing may be loaded from elsewhere. A canonical
        # or alternate <link> names the page's (or its feed's) published address and loads nothing.
        for tag in re.finditer(r"<(?:script|img|iframe|link|source|video|audio)\b[^>]*>", text):
            if tag.group(0).startswith("<link") and re.search(r'\brel="(?:canonical|alternate)"', tag.group(0)):
                continue
            assert not re.search(r'\b(?:src|href)="(?:https?:)?//', tag.group(0)), (page, tag.group(0))
