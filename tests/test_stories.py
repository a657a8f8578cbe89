"""Stories: Markdown a contributor writes, checked like notes, and the briefing pages they make.

The three-story site adds two unrelated real stories (tests/fixtures/three-stories: short excerpts
of a report on the 2005 New York transit strike and one on the COP28 text) to the shipped seed.
"""

from __future__ import annotations

import functools
import http.server
import io
import re
import shutil
import threading
from pathlib import Path

import pytest

from helpers import FIXTURES, SEED_SOURCE, briefing, make_project, read_links, resolve, three_story_project, tree_bytes

MINI_SOURCE = "gazette-2024-03-06-harbour-talks"
SEED_STORY = "russia-us-ukraine-talks"
STORY_HEADINGS = ["What happened", "Where they stand", "What is disputed", "What comes next", "Sources"]


def write_story(root: Path, name: str, text: str) -> str:
    folder = root / "seeds" / "stories"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.md").write_text(text, "utf-8")
    return f"seeds/stories/{name}.md"


GOOD_STORY = """---
title: Harbour talks end without agreement
status: developing
issues: [wage-freeze]
---
Mayor [[ada-lund]] and the union's [[ben-okafor]] met at the town hall; the union called the
wage freeze “a step backwards” ([[gazette-2024-03-06-harbour-talks#p4]]).

More on [[wage-freeze|the freeze]].
"""


def check_fails(root: Path, *expected: str) -> str:
    before = tree_bytes(root / "docs")
    result = briefing(root, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    for line in expected:
        assert line in result.stderr, result.stderr
    assert tree_bytes(root / "docs") == before
    return result.stderr


# ------------------------------------------------------------------ briefing check


def test_a_good_story_checks(mini_project):
    write_story(mini_project, "harbour", GOOD_STORY)
    result = briefing(mini_project, "check")
    assert result.returncode == 0, result.stderr


def test_an_unknown_reference_is_located_with_the_closest_id(mini_project):
    path = write_story(mini_project, "harbour", GOOD_STORY.replace("[[ben-okafor]]", "[[ben-okafr]]"))
    check_fails(mini_project, f"{path}:6:36: unknown note 'ben-okafr' in [[ben-okafr]]; did you mean [[ben-okafor]]?")


def test_an_unknown_id_in_the_front_matter_is_located(mini_project):
    path = write_story(mini_project, "harbour", GOOD_STORY.replace("issues: [wage-freeze]", "issues: [wage-freze]"))
    check_fails(mini_project, f"{path}:4:10: unknown issue 'wage-freze'; did you mean 'wage-freeze'?")


def test_an_unsourced_quotation_is_flagged(mini_project):
    story = GOOD_STORY.replace(" ([[gazette-2024-03-06-harbour-talks#p4]])", "")
    path = write_story(mini_project, "harbour", story)
    check_fails(mini_project, f"{path}:7:13: unsourced quotation “a step backwards”; cite the article")


def test_a_quotation_the_cited_source_does_not_have_is_flagged(mini_project):
    path = write_story(mini_project, "harbour", GOOD_STORY.replace("“a step backwards”", "“a step forwards”"))
    check_fails(mini_project, f"{path}:7:13: quotation “a step forwards” is not in {MINI_SOURCE}#p4")


def test_a_quotation_must_be_in_the_paragraph_cited(mini_project):
    path = write_story(mini_project, "harbour", GOOD_STORY.replace("#p4]]", "#p2]]"))
    check_fails(mini_project, f"{path}:7:13: quotation “a step backwards” is not in {MINI_SOURCE}#p2")


def test_a_paragraph_the_source_does_not_have_is_flagged(mini_project):
    path = write_story(mini_project, "harbour", GOOD_STORY.replace("#p4]]", "#p99]]"))
    check_fails(mini_project, f"{path}:7:", f"{MINI_SOURCE} has no p99")


def test_a_story_without_front_matter_or_with_a_bad_status_is_located(mini_project):
    first = write_story(mini_project, "harbour", "Just text, no front matter.\n")
    second = write_story(mini_project, "second", GOOD_STORY.replace("status: developing", "status: ongoing"))
    check_fails(
        mini_project,
        f"{first}:1:1: a story starts with front matter",
        f"{second}:3:1: 'status': Input should be 'developing' or 'concluded'",
    )


def test_every_story_problem_is_reported_in_one_run(mini_project):
    bad = GOOD_STORY.replace("[[ada-lund]]", "[[ada-lunt]]").replace("[[wage-freeze|", "[[wage-freezer|")
    path = write_story(mini_project, "harbour", bad)
    errors = check_fails(mini_project, f"{path}:6:7:", f"{path}:9:9:")
    assert "2 problems found" in errors


def test_a_hand_written_docs_page_may_use_references_and_they_are_checked(mini_project):
    about = mini_project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nSee [[ada-lund]] and [[wage-freez]].\n", "utf-8")
    line = about.read_text("utf-8").splitlines().index("See [[ada-lund]] and [[wage-freez]].") + 1
    check_fails(mini_project, f"docs/about.md:{line}:22: unknown note 'wage-freez'")


def test_a_hand_written_page_gets_links_from_its_references(mini_project):
    about = mini_project / "docs" / "about.md"
    about.write_text(
        about.read_text("utf-8") + "\nSee [[ada-lund]] and the [[gazette-2024-03-06-harbour-talks#p2]].\n", "utf-8"
    )
    assert briefing(mini_project, "build").returncode == 0
    page = mini_project / "site" / "about" / "index.html"
    html = page.read_text("utf-8")
    assert ">Ada Lund</a>" in html and "[[" not in html
    for href in read_links(page).hrefs:
        target = resolve(mini_project / "site", page, href)
        if target and "actors/ada-lund" in href:
            assert target[0].is_file()
        if target and "#p2-s1" in href:
            assert 'id="p2-s1"' in target[0].read_text("utf-8")


# ------------------------------------------------------------------ generated pages


def test_notes_without_a_story_still_build(mini_project):
    """Without stories the home page is the notes' briefing; with one, a note outside it keeps its page."""
    assert briefing(mini_project, "generate").returncode == 0
    home = (mini_project / "docs" / "index.md").read_text("utf-8")
    assert "## What happened" in home and "## What comes next" in home
    write_story(mini_project, "harbour", GOOD_STORY.replace("issues: [wage-freeze]", "issues: []"))
    assert briefing(mini_project, "build").returncode == 0
    story = (mini_project / "docs" / "stories" / "harbour.md").read_text("utf-8")
    assert "Harbour talks at the town hall" not in story  # about wage-freeze, which the story leaves out
    assert (mini_project / "site" / "events" / "harbour-talks-2024-03-05" / "index.html").is_file()
    assert "Harbour talks at the town hall" in (mini_project / "docs" / "events" / "index.md").read_text("utf-8")


def test_story_html_is_sanitised_and_its_links_open_the_pages(mini_project):
    story = GOOD_STORY + "\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n"
    write_story(mini_project, "harbour", story)
    assert briefing(mini_project, "build").returncode == 0, "build failed"
    page = mini_project / "site" / "stories" / "harbour" / "index.html"
    html = page.read_text("utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "<script" not in article and "onerror" not in article.replace("&lt;img src=x onerror", "")
    assert "javascript:" not in article
    hrefs = [h for h in read_links(page).hrefs if "actors/" in h or "sources/" in h]
    assert hrefs
    for href in hrefs:
        resolved = resolve(mini_project / "site", page, href)
        assert resolved, href
        target, anchor = resolved
        assert target.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in target.read_text("utf-8")


def test_a_story_counts_as_a_backlink_on_the_pages_it_refers_to(mini_project):
    write_story(mini_project, "harbour", GOOD_STORY)
    assert briefing(mini_project, "generate").returncode == 0
    actor = (mini_project / "docs" / "actors" / "ben-okafor.md").read_text("utf-8")
    also = actor.split("## Also linked from", 1)[1]
    assert "[Harbour talks end without agreement](../stories/harbour.md)" in also


# ------------------------------------------------------------------ three unrelated stories


# three_stories (conftest.py): this project, built.


def test_each_story_holds_its_own_notes_only(three_stories):
    transit = (three_stories / "docs" / "stories" / "new-york-transit-strike.md").read_text("utf-8")
    assert "New York transit strike" in transit and "COP28" not in transit and "Putin" not in transit
    cop = (three_stories / "docs" / "stories" / "cop28-fossil-fuels.md").read_text("utf-8")
    assert "COP28 text approved" in cop and "transit strike" not in cop.lower()


def test_a_story_can_add_an_event_by_hand(tmp_path):
    root = three_story_project(tmp_path / "p")
    story = root / "seeds" / "stories" / "cop28-fossil-fuels.md"
    story.write_text(
        story.read_text("utf-8").replace(
            "issues: [fossil-fuel-transition]",
            "issues: [fossil-fuel-transition]\nevents: [new-york-transit-strike-2005]",
        )
    )
    assert briefing(root, "generate").returncode == 0
    cop = (root / "docs" / "stories" / "cop28-fossil-fuels.md").read_text("utf-8")
    assert "[New York transit strike](../events/new-york-transit-strike-2005.md)" in cop


def _texts(locator) -> list[str]:
    return [t.strip() for t in locator.all_inner_texts()]


@pytest.mark.browser
def test_the_home_page_briefs_each_story_latest_first(three_stories, serve, page):
    base = serve(three_stories / "site")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + "/")
    article = page.locator("article")
    assert page.locator("h1").inner_text() == "Briefing"
    assert "according to which source" in article.locator("p").first.inner_text()
    headlines = _texts(article.locator("h2"))[:3]
    assert headlines == [
        "No deal yet in US–Russia talks on ending the war in Ukraine",
        "COP28 text calls for a transition away from fossil fuels",
        "New York transit strike ends without a contract",
    ]
    as_of = _texts(article.locator(".story-as-of"))
    assert as_of == ["As of 3 December 2025", "As of 13 December 2023", "As of 23 December 2005"]
    text = article.inner_text()
    assert "Moscow insists that Ukrainian forces give up the remaining one-fifth of Donetsk" in text
    assert "small island states" in text and "pension contributions were the" in text
    # Each story's newest developments, at most three.
    transit = text.split("New York transit strike ends without a contract", 1)[1]
    assert "22 December 2005: New York transit strike. Outcome: Members back at work" in transit
    assert errors == [] and not [u for u in page.requests if not u.startswith(base)]


@pytest.mark.browser
def test_a_story_page_is_the_briefing_in_order(three_stories, serve, page):
    base = serve(three_stories / "site")
    page.goto(base + "/")
    page.locator("article h2 a", has_text="No deal yet").click()
    page.wait_for_url(f"**/stories/{SEED_STORY}/")
    article = page.locator("article")
    assert page.locator("h1").inner_text() == "No deal yet in US–Russia talks on ending the war in Ukraine"
    assert article.locator(".story-as-of").inner_text() == "As of 3 December 2025 · developing"
    assert _texts(article.locator("h2"))[:5] == STORY_HEADINGS
    sections = {
        h: article.locator(f"xpath=.//h2[normalize-space()='{h}']/following-sibling::ul[1]") for h in STORY_HEADINGS
    }
    happened = _texts(sections["What happened"].locator("li"))
    found = [re.match(r"(\d+ \w+ \d{4}|around \w+ \d{4})", h) for h in happened]
    assert all(found), happened  # every development is dated
    dates = [m.group(1) for m in found if m]
    assert dates[0] == "3 December 2025" and dates.index("2 December 2025") > dates.index("3 December 2025")
    assert article.locator("h3", has_text="Undated").count() == 1
    disputed = sections["What is disputed"].inner_text()
    assert (
        "US peace plan" in disputed and "Dmitry Peskov ? open" in disputed and "Russian officials − opposes" in disputed
    )
    upcoming = sections["What comes next"].inner_text()
    assert "Potential Putin–Trump meeting (conditional): depends on progress" in upcoming
    assert (
        "Russia says no deal reached in talks with US on Ukraine, Financial Times, 3 December 2025"
        in sections["Sources"].inner_text()
    )
    # The lede's references are links that open the note's page and the cited sentence.
    article.locator(".prose a", has_text="Financial Times, 3 December 2025, ¶12").click()
    page.wait_for_url(f"**/sources/{SEED_SOURCE}/#p12-s1")  # ¶ numbers count the article's body only
    assert "Donetsk" in page.locator("#p12-s1").inner_text()


@pytest.mark.browser
def test_on_a_phone_the_first_screen_says_what_happened(three_stories, serve, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(serve(three_stories / "site") + f"/stories/{SEED_STORY}/")
        lede = page.locator("article .prose p").first
        box = lede.bounding_box()
        assert box and box["y"] < 844, "the lede is below the first screen"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


@pytest.mark.browser
def test_the_seed_home_page_briefs_the_shipped_story(seed_site, serve, page):
    page.goto(serve(seed_site / "site") + "/")
    article = page.locator("article")
    assert article.locator("h2").first.inner_text() == "No deal yet in US–Russia talks on ending the war in Ukraine"
    assert article.locator(".story-as-of").first.inner_text() == "As of 3 December 2025"
    lede = article.locator(".prose").first
    assert "No compromise has been found yet" in lede.inner_text()
    assert lede.locator("a", has_text="Financial Times, 3 December 2025, ¶12").count() == 1


def test_the_story_page_shows_disputed_facts_and_leaves_overtaken_plans_out_of_what_comes_next(tmp_path):
    """The shipped story over the real-disputes notes, with a second wire dating the Moscow talks Monday."""
    import yaml

    root = make_project(tmp_path / "p")
    shutil.copytree(FIXTURES / "real-disputes" / "seeds", root / "seeds", dirs_exist_ok=True)
    wire = "tass-2025-12-04-moscow-talks"
    shutil.copytree(FIXTURES / "second-source" / wire, root / "seeds" / "sources" / wire)
    talks = root / "seeds" / "events" / "putin-witkoff-moscow-talks-2025-12-02.yml"
    note = yaml.safe_load(talks.read_text("utf-8"))
    dates = note["date"] if isinstance(note["date"], list) else [note["date"]]
    note["date"] = [
        *dates,
        {
            "value": "2025-12-01",
            "phrase": "on Monday",
            "evidence": {"source": wire, "passage": "received US envoy Steve Witkoff in the Kremlin on Monday"},
        },
    ]
    talks.write_text(yaml.safe_dump(note, allow_unicode=True, sort_keys=False), "utf-8")
    assert briefing(root, "generate").returncode == 0
    story = (root / "docs" / "stories" / f"{SEED_STORY}.md").read_text("utf-8")
    disputed = story.split("## What is disputed", 1)[1].split("\n## ", 1)[0]
    line = next(x for x in disputed.splitlines() if "Putin–Witkoff talks in Moscow" in x)
    assert line.startswith("- The [date](../events/putin-witkoff-moscow-talks-2025-12-02.md#disputed-date) of ")
    # Both versions with their sources, the one most sources give first.
    assert line.index("2 December 2025") < line.index("1 December 2025") and "Test Wire" in line
    happened = story.split("## What happened", 1)[1].split("\n## ", 1)[0]
    assert (
        "Putin–Witkoff talks in Moscow](../events/putin-witkoff-moscow-talks-2025-12-02.md) (disputed: [date]"
        in happened
    )
    upcoming, overtaken = story.split("## What comes next", 1)[1].split("\n## ", 1)[0].split("date has passed")
    assert "us-envoys-ukrainian-delegation-brussels" not in upcoming
    assert "us-envoys-ukrainian-delegation-brussels" in overtaken and "no report of it since December 2025" in overtaken
    assert "israeli-palestinian" not in story  # another story's event, about none of this story's issues
    # The timeline draws the disputed date as a range over both versions.
    timeline = story.split('<figure class="picture"', 1)[1].split("</figure>", 1)[0]
    drawn = next(line for line in timeline.splitlines() if "Putin–Witkoff talks in Moscow (date disputed)" in line)
    assert drawn.startswith('<text x="92"')
    assert re.search(r'<rect x="76" y="\d+" width="8" height="[1-9]\d*" fill="#e65100"', timeline)


# ------------------------------------------------------------------ where they stand


def _with_positions(root: Path, lund: dict | None, okafor: dict, extra: list | None = None) -> None:
    import yaml

    path = root / "seeds" / "sources" / MINI_SOURCE / "statements.yml"
    notes = yaml.safe_load(path.read_text("utf-8"))
    for statement in notes["statements"]:
        position = lund if statement["speaker"] == "ada-lund" else okafor
        statement["positions"] = [{"issue": "wage-freeze", **position}] if position else []
    notes["statements"] += extra or []
    path.write_text(yaml.safe_dump(notes, allow_unicode=True, sort_keys=False), "utf-8")
    write_story(root, "harbour", GOOD_STORY)


def _story_section(root: Path, heading: str) -> str:
    assert briefing(root, "generate").returncode == 0
    story = (root / "docs" / "stories" / "harbour.md").read_text("utf-8")
    return story.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_two_actors_concerned_about_different_things_do_not_agree(mini_project):
    _with_positions(
        mini_project,
        {"stance": "concerned", "on": "the harbour's budget"},
        {"stance": "concerned", "on": "members' pay"},
    )
    disputed = _story_section(mini_project, "What is disputed")
    concerned = (
        r'<span class="stance stance-concerned"><span aria-hidden="true">\!</span> <strong>concerned</strong></span>'
    )
    assert (
        "- Sticking point, [Wage freeze](../issues/wage-freeze.md): [Ada Lund](../actors/ada-lund.md) "
        f"{concerned} on the harbour's budget" in disputed
    )
    assert f"[Ben Okafor](../actors/ben-okafor.md) {concerned} on members' pay" in disputed


def test_two_actors_with_the_same_position_are_no_sticking_point(mini_project):
    _with_positions(
        mini_project, {"stance": "concerned", "on": "members' pay"}, {"stance": "concerned", "on": "Members' pay"}
    )
    assert "Sticking point" not in _story_section(mini_project, "What is disputed")


def test_one_actor_changing_its_stance_is_one_cell_marked_changed_and_no_sticking_point(mini_project):
    earlier = {
        "id": "okafor-open-earlier",
        "speaker": "ben-okafor",
        "paraphrase": "Open to talks.",
        "date": "2024-03-01",
        "issues": ["wage-freeze"],
        "positions": [{"issue": "wage-freeze", "stance": "open", "on": "talks"}],
        "evidence": {"passage": "union leader Ben Okafor"},
    }
    _with_positions(mini_project, None, {"stance": "rejects"}, [earlier])
    stand = _story_section(mini_project, "Where they stand")
    rows = [line for line in stand.splitlines() if line.startswith("| [Ben Okafor]")]
    assert len(rows) == 1
    rejects = '<span class="stance stance-rejects"><span aria-hidden="true">✗</span> <strong>rejects</strong></span>'
    opens = '<span class="stance stance-open"><span aria-hidden="true">?</span> <strong>open</strong></span>'
    # Okafor's statement gives no date of its own: the cell borrows none (the citation dates the report).
    assert rejects in rows[0] and f"{rejects}, 5 March 2024" not in rows[0]
    assert rows[0].index(rejects) < rows[0].index(f"**changed**, earlier: {opens} on talks, 1 March 2024")
    assert f"Stances: {opens}: willing to discuss it, undecided; {rejects}: refuses it, as proposed." in stand
    assert "Sticking point" not in _story_section(mini_project, "What is disputed")


@pytest.mark.browser
def test_the_seed_matrix_shows_each_actor_once_per_issue_with_a_legend(seed_site, serve, page):
    page.goto(serve(seed_site / "site") + f"/stories/{SEED_STORY}/")
    table = page.locator("article table").first
    headers = _texts(table.locator("th"))
    assert headers[:2] == ["Who", "Side"] and "US peace plan" in headers
    peskov = table.locator("tr", has=page.locator("td:first-child", has_text="Dmitry Peskov"))
    assert peskov.count() == 1
    cell = peskov.locator("td").nth(headers.index("US peace plan")).inner_text()
    # Neither of Peskov's words on the plan is dated by the article: no date is borrowed for them.
    assert cell.startswith("? open Financial Times, 3 December 2025") and "also, with no date either: ± mixed" in cell
    assert peskov.locator("td").nth(1).inner_text() == "The Kremlin"
    legend = page.locator("article p", has_text="Stances:").inner_text()
    # The legend explains the stances the matrix uses (Russian officials now "oppose" the revised plan).
    assert "± mixed: accepts some parts, rejects others" in legend and "− opposes: wants it not to happen" in legend
    # A coloured grid whose colour is never the only cue: each stance has its sign and word too.
    colours = {}
    for stance in ("open", "mixed", "opposes", "supports"):
        mark = table.locator(f".stance-{stance}").first
        colours[stance] = mark.evaluate("el => getComputedStyle(el).backgroundColor")
        assert mark.inner_text().split()[1] == stance
    assert len(set(colours.values())) == 4 and "rgba(0, 0, 0, 0)" not in colours.values()


# ------------------------------------------------------------------ pictures


@pytest.mark.browser
def test_the_story_page_draws_its_timeline_and_who_met_whom_with_text_for_screen_readers(seed_site, serve, page):
    base = serve(seed_site / "site")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(base + f"/stories/{SEED_STORY}/")
    timeline = page.get_by_role("img", name="Timeline")
    assert timeline.is_visible()
    dated = page.locator("xpath=//h2[normalize-space()='What happened']/following-sibling::ul[1]/li").count()
    assert timeline.locator("circle[fill='#303f9f'], rect[fill='#00695c']").count() == dated
    # Putin's speech is undated (the article gives no day), so the first dated development is 2 December.
    assert (
        f"{dated} dated developments from 2 Dec 2025 to 3 Dec 2025; 3 expected."
        == timeline.locator("desc").text_content()
    )
    # What is expected comes after the newest source's date, below the line marking it.
    line_y = float(timeline.locator("line[stroke-dasharray]").get_attribute("y1"))
    expected = timeline.locator("text", has_text="Potential Putin–Trump meeting")
    assert float(expected.get_attribute("y")) > line_y
    assert timeline.locator("text", has_text="Expected after 3 Dec 2025").count() == 1
    held = timeline.locator("text", has_text="Putin–Witkoff talks in Moscow")
    assert float(held.get_attribute("y")) < line_y
    meetings = page.get_by_role("img", name="Who met whom")
    assert meetings.locator("text", has_text="Steve Witkoff").count() == 1
    assert meetings.locator("line[marker-end]").count() == 1  # Interfax reported Peskov
    words = page.locator("xpath=//h3[normalize-space()='Who met whom']/following-sibling::ul[1]").inner_text()
    assert "Vladimir Putin took part in events with Jared Kushner, Steve Witkoff" in words
    assert "Interfax reported what Dmitry Peskov said" in words
    box = timeline.bounding_box()
    assert box and box["width"] <= 640
    assert errors == [] and not [u for u in page.requests if not u.startswith(base)]


# ------------------------------------------------------------------ accessibility

PAGE_TYPES = [
    "/",
    f"/stories/{SEED_STORY}/",
    "/stories/cop28-fossil-fuels/",
    "/actors/vladimir-putin/",
    "/issues/territory/",
    "/events/putin-witkoff-moscow-talks-2025-12-02/",
    f"/sources/{SEED_SOURCE}/",
    "/actors/",
    "/issues/",
    "/events/",
    "/sources/",
    "/timeline/",
    "/positions/",
    "/quotes/",
    "/about/",
]


@pytest.mark.browser
@pytest.mark.parametrize("width", [1400, 390])
def test_axe_core_finds_no_violation_on_any_page_type(three_stories, serve, browser, width):
    from axe_playwright_python.sync_playwright import Axe

    base = serve(three_stories / "site")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    axe, found = Axe(), {}
    try:
        for path in PAGE_TYPES:
            page.goto(base + path)
            result = axe.run(page)
            if result.violations_count:
                found[path] = [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]]
        # The search box open on its results is a page state every page has.
        page.goto(base + "/")
        if width < 700:  # on a phone the header shows a search button, not the box
            page.click('label.md-header__button[for="__search"]')
        page.click("input.briefing-search__input")
        page.keyboard.type("Rutte")
        page.locator(".briefing-search__item a").first.wait_for(timeout=15000)
        result = axe.run(page)
        if result.violations_count:
            found["search results"] = [
                (v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result.response["violations"]
            ]
    finally:
        context.close()
    assert found == {}


@pytest.mark.browser
def test_keyboard_focus_is_visible_on_a_story_page(three_stories, serve, page):
    page.goto(serve(three_stories / "site") + f"/stories/{SEED_STORY}/")
    link = page.locator("article .prose a").first
    link.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # focus by keyboard, as a reader moving through the links
    style = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); "
        "return [s.outlineStyle, s.outlineWidth, document.activeElement.textContent]; }"
    )
    assert style[2] == "Vladimir Putin"
    assert style[0] != "none" and style[1] != "0px"


# ------------------------------------------------------------------ pages people read easily


def test_page_titles_say_what_the_page_is(seed_site):
    site = seed_site / "site"

    def title(path: str) -> str:
        found = re.search(r"<title>(.*?)</title>", (site / path / "index.html").read_text("utf-8"))
        assert found, path
        return found.group(1)

    assert title("actors/yuri-ushakov") == "Yuri Ushakov — Briefing"
    assert title(f"stories/{SEED_STORY}") == "No deal yet in US–Russia talks on ending the war in Ukraine — Briefing"
    assert title("") == "Briefing — Who said what, about which issue, at which meeting, according to which source."


def test_the_events_and_sources_lists_show_dates_and_each_events_status(seed_site):
    events = (seed_site / "docs" / "events" / "index.md").read_text("utf-8")
    assert (
        "- **2 December 2025**: [Putin–Witkoff talks in Moscow](putin-witkoff-moscow-talks-2025-12-02.md) (held)"
        in events
    )
    assert "- [Potential Putin–Trump meeting](putin-trump-meeting.md) (conditional)" in events
    sources = (seed_site / "docs" / "sources" / "index.md").read_text("utf-8")
    assert (
        f"- **3 December 2025**: [Russia says no deal reached in talks with US on Ukraine]({SEED_SOURCE}.md)" in sources
    )


class _GitHubPages(http.server.SimpleHTTPRequestHandler):
    """Serves a folder as GitHub Pages serves a project site: a missing page gets the site's 404.html."""

    site = "briefing"

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists() and self.path.startswith(f"/{self.site}/"):
            body = (Path(self.directory) / self.site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


PUBLISHED = "https://briefing-project.github.io/briefing/"


@pytest.fixture(scope="module")
def published_site(built_once) -> Path:
    """The shipped notes built as the publish workflow builds them, with BRIEFING_SITE_URL set."""

    def make_site(folder: Path) -> Path:
        root = make_project(folder / "project")
        result = briefing(root, "build", env={"BRIEFING_SITE_URL": PUBLISHED})
        assert result.returncode == 0, result.stdout + result.stderr
        return root

    return built_once("published", make_site)


@pytest.mark.browser
def test_the_404_page_works_when_the_site_is_published_under_a_project_path(published_site, browser, tmp_path):
    """Published at owner.github.io/briefing/ (mkdocs.yml's site_url): a missing page deep in the site
    gets a styled 404 page whose links stay inside the site, with search working and no violation."""
    from axe_playwright_python.sync_playwright import Axe

    shutil.copytree(published_site / "site", tmp_path / "briefing")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GitHubPages, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context()
    page = context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "/no/such/" not in r.url else None)
    try:
        response = page.goto(base + "/briefing/no/such/page/")
        assert response.status == 404
        assert page.locator("h1").first.inner_text() == "404 - Not found"
        header = page.locator(".md-header").evaluate("el => getComputedStyle(el).backgroundColor")
        assert header not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")  # Material's stylesheet loaded
        nav = page.locator(".md-nav--primary a.md-nav__link[href]").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"
        )
        assert nav and all(path.startswith("/briefing/") for path in nav)
        result = Axe().run(page)
        assert result.violations_count == 0, [
            (v["id"], [n["target"] for n in v["nodes"]]) for v in result.response["violations"]
        ]
        page.click("input.briefing-search__input")
        page.keyboard.type("Rutte")
        result = page.locator(".briefing-search__item a", has_text="Mark Rutte").first
        result.wait_for(timeout=15000)
        assert result.get_attribute("href").startswith("/briefing/actors/mark-rutte/")
        assert failed == []
    finally:
        context.close()
        server.shutdown()


def test_the_sitemap_lists_the_pages_at_the_published_address(published_site):
    sitemap = (published_site / "site" / "sitemap.xml").read_text("utf-8")
    assert f"<loc>{PUBLISHED}stories/russia-us-ukraine-talks/</loc>" in sitemap
