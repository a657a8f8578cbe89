"""Section pages that stay usable at thousands of entries: what a reader of a long section sees.

Up to LISTING_THRESHOLD entries a section's index lists them all; above it, the index links to a
page per letter or month, and no listing page links to more than the threshold of entity pages.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from generator.link import link
from generator.pages.paging import LISTING_FOLDERS, LISTING_THRESHOLD
from generator.pipeline import Project, check
from generator.render_all import render
from generator.synthetic import write_corpus

from helpers import (
    FIXTURES,
    SPLIT_THRESHOLD,
    internal_targets,
    make_project,
    note_ids,
)

SECTIONS = ("actors", "issues", "events", "sources")


def entity_ids(seeds: Path, section: str) -> set[str]:
    if section == "sources":
        return {p.name for p in (seeds / "sources").iterdir() if p.is_dir()}
    return set(note_ids(seeds, section))


def entity_of(site: Path, target: Path) -> tuple[str, str] | None:
    """``(section, id)`` when ``target`` is an entity page (``site/actors/<id>/index.html``); ``site``
    resolved, as the targets are (resolving it for each of a large site's links took seconds)."""
    if not target.is_relative_to(site):
        return None  # 404.html links from the server root
    parts = target.relative_to(site).parts
    if (
        len(parts) == 3
        and parts[0] in SECTIONS
        and parts[2] == "index.html"
        and parts[1] not in LISTING_FOLDERS.values()
    ):
        return parts[0], parts[1]
    return None


def entities_among(site: Path, targets) -> set[tuple[str, str]]:
    """The (section, id) of every entity page among ``targets``."""
    return {found for target in targets if (found := entity_of(site, target))}


def group_pages(site: Path, section: str) -> list[Path]:
    folder = site / section / LISTING_FOLDERS[section]
    return sorted(folder.glob("*/index.html")) if folder.is_dir() else []


def assert_section_is_split(site: Path, seeds: Path, section: str, threshold: int) -> None:
    """What a reader of a long section sees, from its index down to every entity page."""
    site = site.resolve()
    ids = entity_ids(seeds, section)
    assert len(ids) > threshold, f"the corpus is too small to split {section}"
    index = site / section / "index.html"
    targets = internal_targets(site, index)
    groups = [t for t in dict.fromkeys(targets) if t.parent.parent == site / section / LISTING_FOLDERS[section]]
    entities = [t for t in targets if entity_of(site, t)]
    assert len(groups) >= 2, f"{section}/index links to no group page"
    assert len(entities) <= len(groups) + 3, f"{section}/index links to {len(entities)} entity pages"
    assert sorted(groups) == group_pages(site, section), f"a {section} group page is not linked from the index"

    reached: Counter[str] = Counter()
    for n, group in enumerate(groups):
        links = internal_targets(site, group)
        assert all(t.is_file() for t in links), f"{group.relative_to(site)} links to a missing page"
        assert index in links, f"{group.relative_to(site)} does not link back to {section}/index"
        if n:
            assert groups[n - 1] in links, f"{group.relative_to(site)} does not link to the previous group"
        if n + 1 < len(groups):
            assert groups[n + 1] in links, f"{group.relative_to(site)} does not link to the next group"
        listed = entities_among(site, links)
        assert all(s == section for s, _ in listed), f"{group.relative_to(site)} lists pages of another section"
        assert 0 < len(listed) <= threshold
        reached.update(ident for _, ident in listed)
    assert set(reached) == ids, f"{section}: entity pages not reachable from the index"
    assert set(reached.values()) == {1}, f"{section}: entries listed on more than one group page"
    for ident in ids:
        assert (site / section / ident / "index.html").is_file()


def most_entity_links(site: Path, page: Path) -> tuple[int, str]:
    """The largest number of distinct entity pages of one section that ``page`` links to."""
    per_section = Counter(s for s, _ in entities_among(site.resolve(), internal_targets(site, page)))
    return max(((n, s) for s, n in per_section.items()), default=(0, ""))


# ------------------------------------------------------------------ the default threshold, `briefing build`


# long_site (conftest.py): 330 sources built by `briefing build`: 165 actors and 330 sources (split),
# 99 events and 33 issues (not split).


def test_long_sections_link_to_group_pages_with_counts(long_site):
    site, seeds = long_site / "site", long_site / "seeds"
    for section in ("actors", "sources"):
        assert_section_is_split(site, seeds, section, LISTING_THRESHOLD)
    actors = (long_site / "docs" / "actors" / "index.md").read_text("utf-8")
    # People are filed by surname: the page for "B" holds every person whose last name starts with B.
    b_surnames = sum(
        yaml.safe_load(note.read_text("utf-8"))["name"].split()[-1].startswith("B")
        for note in (seeds / "actors").glob("*.yml")
    )
    assert b_surnames > 0 and f"[Persons · B ({b_surnames})](by-name/person-b.md)" in actors
    january = sum(
        yaml.safe_load((folder / "source.yml").read_text("utf-8"))["published"].startswith("2025-01")
        for folder in (seeds / "sources").iterdir()
    )
    sources = (long_site / "docs" / "sources" / "index.md").read_text("utf-8")
    assert january > 0 and f"[January 2025 ({january})](by-month/2025-01.md)" in sources


def test_sections_under_the_threshold_still_list_every_entry(long_site):
    site = (long_site / "site").resolve()
    for section in ("issues", "events"):
        ids = entity_ids(long_site / "seeds", section)
        assert len(ids) <= LISTING_THRESHOLD
        listed = entities_among(site, internal_targets(site, site / section / "index.html"))
        assert {i for s, i in listed if s == section} == ids
        assert not group_pages(site, section)


def test_no_listing_page_links_to_more_than_the_threshold(long_site):
    site = long_site / "site"
    pages = [site / s / "index.html" for s in SECTIONS] + [p for s in SECTIONS for p in group_pages(site, s)]
    for page in pages:
        n, section = most_entity_links(site, page)
        assert n <= LISTING_THRESHOLD, f"{page.relative_to(site)} links to {n} {section} pages"


def test_no_page_of_the_site_links_to_more_than_the_threshold(long_site):
    # The overview pages too: Quotes and Positions split like the sections, the home page caps its lists.
    site = long_site / "site"
    over = {}
    for page in site.rglob("*.html"):
        n, section = most_entity_links(site, page)
        if n > LISTING_THRESHOLD:
            over[page.relative_to(site).as_posix()] = (n, section)
    assert not over, over


def test_group_pages_stay_out_of_the_nav(long_site):
    home = (long_site / "site" / "index.html").read_text("utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "by-name" not in nav and "by-month" not in nav


# ------------------------------------------------------------------ a low threshold: every section split


# split_site (conftest.py): 120 sources built with a threshold of SPLIT_THRESHOLD (10).


def test_every_section_splits_and_long_groups_are_cut_into_parts(split_site):
    site, seeds = split_site / "site", split_site / "seeds"
    for section in SECTIONS:
        assert_section_is_split(site, seeds, section, SPLIT_THRESHOLD)
    # Every synthetic issue is named "Issue ...": one letter, 12 issues; the first part is "I", the
    # others are named by their first issue.
    issues = (split_site / "docs" / "issues" / "index.md").read_text("utf-8")
    first = re.findall(r"^- \[I \((\d+)\)\]\(by-name/i\.md\)$", issues, re.M)
    parts = re.findall(r"^- \[I, from (Issue \d+) on \w+ \((\d+)\)\]\(by-name/(i[\w-]*)\.md\)$", issues, re.M)
    assert len(first) == 1 and parts and int(first[0]) + sum(int(count) for _, count, _ in parts) == 12
    assert all(page == f"i-from-{name.lower().replace(' ', '-')}" for name, _, page in parts)
    second = (split_site / "docs" / "issues" / "by-name" / f"{parts[0][2]}.md").read_text("utf-8")
    assert f"{parts[0][1]} of the entries of [Issues](../index.md), which lists every group page" in second
    assert "Previous: [I](i.md)." in second


def test_an_entity_page_says_which_group_page_lists_it(split_site):
    actor = (split_site / "docs" / "actors" / "actor-0.md").read_text("utf-8")
    linked_from = actor[actor.index("## Also linked from") :]
    surname = yaml.safe_load((split_site / "seeds" / "actors" / "actor-0.yml").read_text("utf-8"))["name"].split()[-1]
    letter = surname[0]
    assert f"[Who's who: Persons · {letter}](by-name/person-{letter.lower()}.md)" in linked_from
    assert "(index.md)" not in linked_from


def test_every_link_of_the_split_site_resolves(split_site):
    site = split_site / "site"
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        for target in internal_targets(site, page):
            assert target.is_file(), f"{page.relative_to(site)} links to missing {target}"


# ------------------------------------------------------------------ the seed site: small, as before


def test_the_seed_site_lists_entries_on_the_section_indexes(seed_site):
    site = (seed_site / "site").resolve()
    for section in SECTIONS:
        ids = entity_ids(seed_site / "seeds", section)
        assert 0 < len(ids) <= LISTING_THRESHOLD
        listed = entities_among(site, internal_targets(site, site / section / "index.html"))
        assert {i for s, i in listed if s == section} == ids
        assert not (site / section / LISTING_FOLDERS[section]).exists()


# ------------------------------------------------------------------ group names


def test_names_without_a_letter_go_to_other_and_events_held_or_expected_apart(tmp_path):
    root = make_project(tmp_path / "mini", FIXTURES / "mini" / "seeds")
    actors, events = root / "seeds" / "actors", root / "seeds" / "events"
    # Every actor needs a cited role (or a statement or an event); any passage of the gazette will do here.
    role = (
        "roles:\n  - title: observer\n    evidence: {source: gazette-2024-03-06-harbour-talks, "
        "passage: The two sides will meet again next week.}\n"
    )
    for ident, name in (("first-battalion", "1st Harbour Battalion"), ("s-council", "’s-Hertogenbosch council")):
        (actors / f"{ident}.yml").write_text(f"id: {ident}\nkind: organisation\nname: {name}\n{role}", "utf-8")
    (actors / "zoe-emery.yml").write_text(f"id: zoe-emery\nkind: person\nname: Zoé Émery\n{role}", "utf-8")
    (events / "harbour-vote.yml").write_text(
        "id: harbour-vote\nname: Harbour vote\nkind: vote\nstatus: proposed\nissues: [wage-freeze]\n", "utf-8"
    )
    (events / "harbour-strike.yml").write_text(
        "id: harbour-strike\nname: Harbour strike\nkind: strike\nstatus: held\nissues: [wage-freeze]\n", "utf-8"
    )
    corpus, problems = check(Project(root))
    assert not problems, problems

    small = {p.path: p.text for p in render(corpus, link(corpus))}
    # Held events by month, then what is expected (dated or not), then held events of unknown date.
    listing = small["events/index.md"]
    assert (
        listing.index("## March 2024")
        < listing.index("## Planned, proposed or conditional")
        < listing.index("## Held, date unknown")
    )
    assert listing.index("[Harbour vote]") < listing.index("## Held, date unknown") < listing.index("[Harbour strike]")

    pages = {p.path: p.text for p in render(corpus, link(corpus), listing_threshold=1)}
    # One issue and one source: at the threshold, listed on their index. People are filed by surname
    # (Lund, Okafor, Émery: a non-ASCII letter's page is named by its code point). Both organisations
    # without a letter, one sorted before the letters and one after, share one group, cut in two parts.
    assert {p for p in pages if "/by-" in p and p.split("/")[0] in SECTIONS} == {
        "actors/by-name/person-l.md",
        "actors/by-name/person-o.md",
        "actors/by-name/person-u00c9.md",
        "actors/by-name/organisation-other.md",
        "actors/by-name/organisation-other-from-s-council.md",
        "events/by-month/2024-03.md",
        "events/by-month/expected.md",
        "events/by-month/expected-from-harbour-vote.md",
        "events/by-month/undated.md",
    }
    assert "- [Organisations · \\# (1)](by-name/organisation-other.md)" in pages["actors/index.md"]
    assert "- [Held, date unknown (1)](by-month/undated.md)" in pages["events/index.md"]
    assert "[Harbour strike](../harbour-strike.md)" in pages["events/by-month/undated.md"]
    assert "[Harbour vote](../harbour-vote.md)" in pages["events/by-month/expected-from-harbour-vote.md"]


def test_search_indexes_entity_pages_but_not_group_pages(long_site):
    """Group pages repeat entity pages: search answers with the entity page instead."""
    import json

    site = long_site / "site"
    body = "data-pagefind-body"
    groups = group_pages(site, "actors") + group_pages(site, "sources")
    assert groups and not any(body in p.read_text("utf-8") for p in groups)
    assert body in (site / "actors" / "actor-0" / "index.html").read_text("utf-8")
    searchable = [p for p in site.rglob("*.html") if body in p.read_text("utf-8")]
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(searchable)


# ------------------------------------------------------------------ one new article: only the pages that show it


def test_a_new_article_changes_only_the_group_pages_that_show_its_entries(tmp_path):
    """A group page shows no figure of the whole (its total, its number of parts) and parts are cut
    where their own entries say: an article's new quotes, positions and timeline entries change the
    group pages that list them, not every group page after them and each page linking to one."""
    from benchmarks.edits import add_an_article

    write_corpus(tmp_path / "seeds", 400)
    root = make_project(tmp_path / "project", tmp_path / "seeds")

    def pages() -> dict[str, str]:
        corpus, problems = check(Project(root))
        assert not problems, problems
        return {p.path: p.text for p in render(corpus, link(corpus))}

    before = pages()
    add_an_article(root / "seeds")
    source = root / "seeds" / "sources" / "wire-new-article" / "source.yml"  # among the others, not after them
    source.write_text(source.read_text("utf-8").replace("2026-01-31", "2025-03-15"), "utf-8")
    after = pages()

    group_pages = {p for p in after if "/by-" in p or p.startswith("timeline/")}
    assert len({p for p in group_pages if p.startswith(("quotes/", "positions/", "timeline/"))}) > 25
    changed = {p for p in after if before.get(p) != after[p]}
    assert set(before) <= set(after)  # no page went
    # A few group pages: those the new entries go to, and one a full part spills over into.
    assert 0 < len(changed & group_pages) <= 8, sorted(changed & group_pages)
    # Other pages: what shows the article, the pages listing every group page with its count, and
    # the pages whose entries moved to a new group page or the home page (their "linked from" list).
    moved = "".join(after[p] for p in changed & group_pages) + after["index.md"] + before["index.md"]
    unexplained = {
        p
        for p in changed - group_pages - {"index.md", "quotes.md", "positions.md", "timeline.md", "sources/index.md"}
        if "st-new-" not in after[p] and "wire-new-article" not in after[p] and f"/{Path(p).name}" not in moved
    }
    assert unexplained == set()
