"""Overview pages that stay usable at thousands of entries: Quotes, Positions, Timeline and the home page.

Up to LISTING_THRESHOLD quotes (positions, dated entries) an overview page shows them all; above it,
the page links to a page per letter or month, and no page shows more than the threshold. The home
page shows at most HOME_LIST_LIMIT of each list, whatever the size of the corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from generator.link import link
from generator.pages.overview_pages import HOME_LIST_LIMIT
from generator.pages.paging import LISTING_THRESHOLD, OVERVIEW_FOLDERS
from generator.pipeline import Project, check
from generator.render_all import render
from generator.synthetic import write_corpus

from helpers import REPO, SPLIT_THRESHOLD, internal_targets, make_project, statements

THRESHOLD = SPLIT_THRESHOLD  # the split_site fixture's (conftest.py)
OVERVIEWS = ("quotes", "positions", "timeline")
# An entry of an overview's Markdown: a list item (quotes, positions, timeline entries).
ENTRY = re.compile(r"^- ", re.M)


def group_docs(root: Path, name: str) -> list[Path]:
    """The group pages an overview's Markdown links to, in order."""
    overview = root / "docs" / f"{name}.md"
    text = overview.read_text("utf-8")
    found = re.findall(r"\]\((" + re.escape(OVERVIEW_FOLDERS[name]) + r"/[^)#]+\.md)\)", text)
    return [root / "docs" / path for path in found]


def body(page: Path) -> str:
    """A page's Markdown without the "Also linked from" list the generator adds at the end."""
    text = page.read_text("utf-8")
    return text.split("\n## Also linked from", 1)[0]


def built(root: Path, doc: Path) -> Path:
    """The HTML file MkDocs builds from ``doc`` (``docs/quotes/by-speaker/a.md``)."""
    rel = doc.relative_to(root / "docs").with_suffix("")
    return root / "site" / rel / "index.html"


def expected_entries(seeds: Path) -> dict[str, Counter]:
    """What each overview must show, once each: a quote by its words (without the article's trailing
    comma), a position by words and issue, a timeline entry by its words (every statement, dated or
    placed on the day it was reported) or event id."""
    said = [s for s in statements(seeds) if not s.get("same_as")]
    words = {s["id"]: s["quote"].rstrip(",;:") for s in said if s.get("quote")}
    return {
        "quotes": Counter(words.values()),
        "positions": Counter((words[s["id"]], p["issue"]) for s in said for p in s.get("positions", [])),
        "timeline": Counter(words[s["id"]] for s in said),
    }


def shown_entries(name: str, text: str) -> Counter:
    found: Counter = Counter()
    issue = None
    for line in text.splitlines():
        heading = re.match(r"## \[.*?\]\(.*?issues/([^/)]+)\.md\)", line)
        if heading:
            issue = heading.group(1)
        quote = re.search(r"“(.*?)”", line)
        if line.startswith("- ") and quote:
            found[(quote.group(1), issue) if name == "positions" else quote.group(1)] += 1
    return found


def test_every_entry_is_on_exactly_one_group_page(split_site):
    seeds = split_site / "seeds"
    expected = expected_entries(seeds)
    for name in OVERVIEWS:
        groups = group_docs(split_site, name)
        assert len(groups) >= 2, f"{name}.md links to no group page"
        on_disk = sorted((split_site / "docs" / OVERVIEW_FOLDERS[name]).glob("*.md"))
        assert sorted(groups) == on_disk, f"a {name} group page is not linked from {name}.md"
        assert len(set(groups)) == len(groups)
        shown: Counter = Counter()
        for group in groups:
            shown += shown_entries(name, body(group))
        assert shown == expected[name], f"{name}: entries missing or on more than one group page"
        assert not shown_entries(name, body(split_site / "docs" / f"{name}.md")), f"{name}.md shows entries"
    # The timeline also lists every event once, by its link.
    events: Counter[str] = Counter()
    for group in group_docs(split_site, "timeline"):
        events.update(re.findall(r"^- \*\*.*?\*\*: \[[^\]]*\]\(\.\./events/([^/)]+)\.md\)$", body(group), re.M))
    assert events == Counter(p.stem for p in (seeds / "events").glob("*.yml"))


def test_no_overview_or_group_page_shows_more_than_the_threshold(split_site):
    for name in OVERVIEWS:
        overview = split_site / "docs" / f"{name}.md"
        assert len(ENTRY.findall(body(overview))) <= len(group_docs(split_site, name))
        for group in group_docs(split_site, name):
            text = body(group)
            counted = re.search(r"^(\d+) of the \w+ of ", text, re.M)
            assert counted, group
            count = int(counted.group(1))
            assert 0 < count <= THRESHOLD, group
            shown = sum(shown_entries(name, text).values()) if name != "timeline" else len(ENTRY.findall(text))
            assert shown == count, group


def test_group_pages_are_named_by_letter_or_month_and_cut_into_parts(split_site):
    quotes = (split_site / "docs" / "quotes.md").read_text("utf-8")
    assert re.search(r"^- \[Speakers · A \(\d+\)\]\(quotes/by-speaker/a\.md\)$", quotes, re.M)
    assert "quotes, too many for one page" in quotes
    positions = (split_site / "docs" / "positions.md").read_text("utf-8")
    # Every synthetic issue is named "Issue ...": one letter, 360 positions; the first part is "I", the
    # others are named by their first issue.
    counts = re.findall(r"^- \[Issues · I \((\d+)\)\]\(positions/by-issue/i\.md\)$", positions, re.M)
    counts += re.findall(
        r"^- \[Issues · I, from Issue \d+ on \w+ \((\d+)\)\]\(positions/by-issue/i-from-[\w-]*\.md\)$", positions, re.M
    )
    assert len(counts) > 12 and sum(map(int, counts)) == 360
    timeline = (split_site / "docs" / "timeline.md").read_text("utf-8")
    assert re.search(r"^- \[January 2025 \(\d+\)\]\(timeline/2025-01\.md\)$", timeline, re.M)
    second = re.findall(
        r"^- \[January 2025, from [^(]+ \((\d+)\)\]\(timeline/(2025-01-from-[\w-]+\.md)\)$", timeline, re.M
    )[0]
    part = (split_site / "docs" / "timeline" / second[1]).read_text("utf-8")
    assert f"{second[0]} of the entries of [Timeline](../timeline.md), which lists every group page" in part
    assert "Previous: [January 2025](2025-01.md)." in part
    assert "\n## January 2025\n" in part


def test_group_pages_link_back_and_along_and_every_link_resolves(split_site):
    site = (split_site / "site").resolve()
    for name in OVERVIEWS:
        overview = site / name / "index.html"
        groups = [built(split_site, g).resolve() for g in group_docs(split_site, name)]
        assert [t for t in internal_targets(site, overview) if t in set(groups)] == groups
        for n, group in enumerate(groups):
            links = internal_targets(site, group)
            assert all(t.is_file() for t in links), f"{group.relative_to(site)} links to a missing page"
            assert overview in links
            if n:
                assert groups[n - 1] in links
            if n + 1 < len(groups):
                assert groups[n + 1] in links


def test_group_pages_stay_out_of_the_nav(split_site):
    home = (split_site / "site" / "index.html").read_text("utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("</nav>")]
    assert "by-speaker" not in nav and "by-issue" not in nav and "timeline/20" not in nav


def test_a_speakers_page_says_which_quotes_page_shows_them(split_site):
    actor = (split_site / "docs" / "actors" / "actor-0.md").read_text("utf-8")
    linked_from = actor[actor.index("## Also linked from") :]
    assert "(../quotes/by-speaker/a.md)" in linked_from or "(../quotes/by-speaker/a-part-" in linked_from
    assert "(../quotes.md)" not in linked_from


# ------------------------------------------------------------------ the home page


def home_markdown(base: Path, sources: int) -> str:
    write_corpus(base / "seeds", sources)
    corpus, problems = check(Project(make_project(base / "project", base / "seeds")))
    assert not problems
    return next(p for p in render(corpus, link(corpus)) if p.path == "index.md").markdown()


def test_the_home_page_does_not_grow_with_the_corpus(tmp_path):
    smaller, larger = home_markdown(tmp_path / "a", 200), home_markdown(tmp_path / "b", 800)
    for home in (smaller, larger):
        body_ = home.split("\n## Also linked from", 1)[0]
        assert len(ENTRY.findall(body_.split("## What happened")[1].split("## ")[0])) <= HOME_LIST_LIMIT
        assert "The latest 10 of" in body_ and "[Timeline](timeline.md)" in body_
        assert "[Positions](positions.md)" in body_ and "[Events](events/index.md)" in body_
    # Only the counts and names change; a few bytes either way, not four times the corpus.
    assert len(larger.encode("utf-8")) <= len(smaller.encode("utf-8")) * 1.1


def test_the_seed_home_page_lists_everything():
    """Without its story (the home page then briefs all the notes), the small seed fits on one page."""
    corpus, problems = check(Project(REPO))
    assert not problems and corpus.stories
    corpus.stories.clear()
    home = next(p for p in render(corpus, link(corpus)) if p.path == "index.md").markdown()
    assert "The latest" not in home and "The next" not in home and "more" not in home.split("## Sources")[0]


# ------------------------------------------------------------------ the default threshold, `briefing build`


def test_at_the_default_threshold_quotes_and_the_timeline_split(long_site):
    """330 sources (long_site, conftest.py): 990 quotes and positions, 990 statements on the timeline (all split)."""
    root = long_site
    for name in ("quotes", "positions", "timeline"):
        groups = group_docs(root, name)
        assert len(groups) >= 2
        assert all(built(root, g).is_file() for g in groups)
        counts = [re.search(r"^(\d+) of the ", body(g), re.M) for g in groups]
        assert all(c and int(c.group(1)) <= LISTING_THRESHOLD for c in counts)
    assert "\n## January 2025\n" in (root / "docs" / "timeline" / "2025-01.md").read_text("utf-8")


# ------------------------------------------------------------------ group names


def test_events_without_a_date_go_to_an_undated_timeline_page_and_one_entry_is_not_split(mini_project):
    events = mini_project / "seeds" / "events"
    (events / "harbour-vote.yml").write_text(
        "id: harbour-vote\nname: Harbour vote\nkind: vote\nstatus: proposed\nissues: [wage-freeze]\n", "utf-8"
    )
    corpus, problems = check(Project(mini_project))
    assert not problems, problems
    pages = {p.path: p.text for p in render(corpus, link(corpus), listing_threshold=1)}
    assert "timeline/undated.md" in pages
    assert "- [Undated (1)](timeline/undated.md)" in pages["timeline.md"]
    assert "[Harbour vote](../events/harbour-vote.md)" in pages["timeline/undated.md"]
    assert "- [Speakers · A (1)](quotes/by-speaker/a.md)" in pages["quotes.md"]
    # One position: at the threshold, shown on the overview page itself.
    assert "## [Wage freeze](issues/wage-freeze.md)" in pages["positions.md"]
    assert not any(p.startswith("positions/") for p in pages)


def test_the_home_pages_sticking_points_show_each_actor_once():
    """Without stories the home page's sticking points name each actor once, with their latest stance."""
    corpus, problems = check(Project(REPO))
    assert not problems
    corpus.stories.clear()
    home = next(p for p in render(corpus, link(corpus)) if p.path == "index.md").markdown()
    points = home.split("## Sticking points", 1)[1].split("\n## ", 1)[0]
    plan = next(line for line in points.splitlines() if line.startswith("- [US peace plan]"))
    assert plan.count("Dmitry Peskov") == 1 and "Russian officials](actors/russian-officials.md) opposes" in plan
    # Mark Rutte alone supports pressure on Russia: one actor is no sticking point.
    assert "Pressure on Russia" not in points
