"""Disputes and sources as they really come, read in the built site as a reader would.

The notes in tests/fixtures/real-disputes are taken from short excerpts of real reports of the
December 2025 Putin–Witkoff talks (Reuters via The Jerusalem Post, AFP via The Express Tribune,
TASS, Ilke News Agency) and of an unrelated story (The Times of Israel), on top of the shipped FT notes.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

import helpers
from helpers import FIXTURES, briefing

REAL = FIXTURES / "real-disputes" / "seeds"
TALKS = "putin-witkoff-moscow-talks-2025-12-02"
TEST_WIRE = "tass-2025-12-04-moscow-talks"  # "in the Kremlin on Monday": another day than the FT's Tuesday


def make_project(base: Path) -> Path:
    """The shipped notes without their story: the home page then briefs all the notes, as these tests read."""
    root = helpers.make_project(base)
    shutil.rmtree(root / "seeds" / "stories")
    return root


def real_project(base: Path) -> Path:
    root = make_project(base)
    shutil.copytree(REAL, root / "seeds", dirs_exist_ok=True)
    return root


def build(root: Path) -> Path:
    result = briefing(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def text_of(html: str) -> str:
    """What a reader reads: the page's text, tags and entities aside, spaces collapsed."""
    import html as html_module

    return re.sub(r"\s+", " ", html_module.unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def section(html: str, heading: str) -> str:
    """The HTML from an <h2> whose text is ``heading`` to the next <h2>."""
    match = re.search(r"<h2[^>]*>(?:(?!</h2>).)*?" + re.escape(heading) + r".*?</h2>(.*?)(?=<h2|$)", html, re.S)
    assert match, f"no section {heading!r}"
    return match.group(1)


def line_with(html: str, needle: str) -> str:
    # Matched on what a reader reads: a citation's tooltip (its title) repeats other sentences.
    items = [
        item for item in re.findall(r"<li>(.*?)</li>", html, re.S) if needle in re.sub(r'\stitle="[^"]*"', "", item)
    ]
    assert items, f"no list item with {needle!r}"
    return items[0]


@pytest.fixture(scope="module")
def real_site(built_once) -> Path:
    def make_site(folder: Path) -> Path:
        return build(real_project(folder / "project"))

    return built_once("disputes-real", make_site)


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8") if path else (site / "index.html").read_text("utf-8")


# ------------------------------------------------------------------ section 3: disputes


def test_more_detail_and_approximations_are_not_disputed(real_site):
    event = page(real_site, f"events/{TALKS}")
    facts = text_of(event.split('id="who"')[0])
    assert "disputed" not in facts
    # "The Kremlin, Moscow" (FT, refining TASS) against "the Kremlin" (Reuters, TASS): one place.
    assert "Where: The Kremlin, Moscow" in facts and "also given as the Kremlin" in facts
    # "about five hours" (TASS) against "five hours" (FT, Reuters): one duration, most sources first.
    assert "Duration: five hours" in facts and "also given as about five hours" in facts
    for source in ("tass-2025-12-04-umerov-follow-up", "jpost-reuters-miami-talks"):
        assert f"../../sources/{source}/#" in event
    assert "disputed" not in text_of(section(page(real_site, ""), "What happened"))


def test_condition_takes_one_claim_per_source(real_site):
    event = page(real_site, "events/putin-trump-meeting")
    depends = line_with(event, "Depends on")
    assert "../../sources/ilkha-kremlin-talks-useful/#p2-s1" in depends
    assert "../../sources/ft-2025-12-03-russia-no-deal/#" in depends
    assert "disputed" not in text_of(depends)
    home = line_with(section(page(real_site, ""), "What comes next"), "Potential Putin")
    assert "sources/ilkha-kremlin-talks-useful/" in home and "sources/ft-2025-12-03-russia-no-deal/" in home


def test_a_same_as_between_speakers_is_a_disputed_attribution_on_both_pages_and_the_quote(real_site):
    for speaker, other in (("vladimir-putin", "yuri-ushakov"), ("yuri-ushakov", "vladimir-putin")):
        item = line_with(page(real_site, f"actors/{speaker}"), "very useful")
        assert "disputed attribution" in text_of(item)
        # Each version with its source: Ushakov by the FT, Putin by Reuters (via The Jerusalem Post).
        versions = text_of(item).split("disputed attribution")[1]
        assert re.search(r"Yuri Ushakov Financial Times, 3 December 2025", versions)
        assert re.search(r"Vladimir Putin The Jerusalem Post", versions)
        assert f"../{other}/" in item
    quotes = page(real_site, "quotes")
    assert text_of(quotes).count("disputed attribution") == 1  # the quote once, naming both speakers


def _with_test_wire_date(root: Path, first: bool, contradicted: bool = False) -> None:
    """The Putin–Witkoff talks dated by a second wire as Monday 1 December: a true dispute."""
    shutil.copytree(FIXTURES / "second-source" / TEST_WIRE, root / "seeds" / "sources" / TEST_WIRE)
    path = root / "seeds" / "events" / f"{TALKS}.yml"
    note = yaml.safe_load(path.read_text("utf-8"))
    monday = {
        "value": "2025-12-01",
        "phrase": "on Monday",
        "evidence": {"source": TEST_WIRE, "passage": "received US envoy Steve Witkoff in the Kremlin on Monday"},
    }
    if contradicted:
        monday["contradicted_by"] = {
            "source": "ft-2025-12-03-russia-no-deal",
            "passage": "during a five-hour meeting in Moscow on Tuesday",
        }
    note["date"] = [monday, note["date"]] if first else [note["date"], monday]
    path.write_text(yaml.safe_dump(note, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def disputed_site(built_once) -> Path:
    def make_site(folder: Path) -> Path:
        root = make_project(folder / "project")
        _with_test_wire_date(root, first=True)
        return build(root)

    return built_once("disputes-disputed", make_site)


def test_a_disputed_date_is_marked_everywhere_it_is_shown(disputed_site):
    anchor = f"events/{TALKS}/#disputed-date"
    event = page(disputed_site, f"events/{TALKS}")
    assert 'id="disputed-date"' in event
    when = text_of(event).split("When (disputed")[1].split("Where:")[0]
    # Both versions with their sources; the FT's (earliest published) first although listed second.
    assert when.index("2 December 2025 Financial Times") < when.index("1 December 2025 Test Wire")
    pages = {
        "": f"{anchor}",
        "timeline": f"../{anchor}",
        "events": f"{TALKS}/#disputed-date",
        "actors/vladimir-putin": f"../../{anchor}",
        "issues/us-peace-plan": f"../../{anchor}",
    }
    for path, href in pages.items():
        items = [i for i in re.findall(r"<li>(.*?)</li>", page(disputed_site, path), re.S) if f'{TALKS}/"' in i]
        # The event where the page lists it (not a statement made there), with the mark.
        listed = [i for i in items if re.match(r"(2 December 2025\s*:\s*)?Putin–Witkoff", text_of(i))]
        assert listed, path
        assert all(f'href="{href}"' in i and "disputed: date" in text_of(i) for i in listed), path
    home = line_with(section(page(disputed_site, ""), "What happened"), f'{TALKS}/"')
    assert text_of(home).startswith("2 December 2025")


def test_the_version_shown_first_does_not_depend_on_file_order(tmp_path, disputed_site):
    root = make_project(tmp_path / "project")
    _with_test_wire_date(root, first=False)
    site = build(root)
    for path in ("", "timeline", f"events/{TALKS}"):
        assert page(site, path) == page(disputed_site, path), path


def test_refines_must_name_a_source_of_another_claim(tmp_path):
    root = real_project(tmp_path / "project")
    path = root / "seeds" / "events" / f"{TALKS}.yml"
    path.write_text(
        path.read_text("utf-8").replace(
            "refines: tass-2025-12-04-umerov-follow-up", "refines: ilkha-kremlin-talks-useful"
        ),
        "utf-8",
    )
    result = briefing(root, "check")
    assert result.returncode == 1
    assert re.search(
        rf"seeds/events/{TALKS}.yml:\d+:\d+: refines 'ilkha-kremlin-talks-useful', but no other "
        r"claim of 'place' cites that source",
        result.stderr,
    ), result.stderr


# ------------------------------------------------------------------ section 7: sources as they come


def test_syndicated_and_undated_sources_say_so(real_site):
    reuters = text_of(page(real_site, "sources/jpost-reuters-miami-talks"))
    assert "Publisher The Jerusalem Post" in reuters
    assert "Written by Reuters (syndicated: The Jerusalem Post ran its report)" in reuters
    assert "Published date not shown on the page" in reuters
    assert "Retrieved 26 November 2026" in reuters
    afp = text_of(page(real_site, "sources/tribune-afp-putin-receives-us-officials"))
    assert "Written by AFP" in afp and "Published December 2025 (the page gives no day)" in afp


def test_anonymous_and_group_speakers_are_listed_apart(real_site):
    index = page(real_site, "actors")
    unnamed = text_of(section(index, "Unnamed speakers"))
    assert "A senior Kyiv official" in unnamed and "A senior Palestinian official" in unnamed
    assert "Israeli and Palestinian negotiators" in text_of(section(index, "Groups"))
    for heading in re.findall(r"<h2[^>]*>(.*?)</h2>", index):
        if heading.startswith("Persons"):
            assert "A senior" not in text_of(section(index, heading)), heading
    assert "Anonymous" in text_of(page(real_site, "actors/senior-kyiv-official"))


def test_a_claim_marked_as_contradicted_shows_both(real_site):
    trump = page(real_site, "actors/donald-trump")
    role = line_with(trump, "former US President")
    assert "contradicted by" in text_of(role)
    assert "../../sources/ilkha-kremlin-talks-useful/#p2-s1" in role
    assert "../../sources/jpost-reuters-miami-talks/#p2-s1" in role


def test_a_planned_event_whose_date_passed_leaves_what_comes_next(real_site):
    home = page(real_site, "")
    assert "us-envoys-ukrainian-delegation-brussels" not in section(home, "What comes next").split("date has passed")[0]
    overtaken = line_with(home, "us-envoys-ukrainian-delegation-brussels")
    # Passed by the newest source (TASS, 4 December 2025), not by the clock; last reported by AFP.
    assert "no report of it since December 2025" in text_of(overtaken)
    event = text_of(page(real_site, "events/us-envoys-ukrainian-delegation-brussels"))
    assert "Its date has passed: no report of it since December 2025." in event
    # A planned event with no date stays what comes next.
    assert "israeli-palestinian-second-round" in section(home, "What comes next").split("date has passed")[0]


def test_a_fact_marked_as_contradicted_shows_the_claim_and_what_contradicts_it(tmp_path):
    root = make_project(tmp_path / "project")
    _with_test_wire_date(root, first=True, contradicted=True)
    event = page(build(root), f"events/{TALKS}")
    when = text_of(event).split("When (disputed")[1].split("Where:")[0]
    monday = when.split("1 December 2025")[1]
    assert "Test Wire, 4 December 2025" in monday
    assert "contradicted by Financial Times, 3 December 2025" in monday
    assert when.index("2 December 2025") < when.index("1 December 2025")


def test_an_overtaken_plan_is_marked_in_the_lists(real_site):
    for path in ("timeline", "events"):
        item = line_with(page(real_site, path), "us-envoys-ukrainian-delegation-brussels")
        # The AFP report gives only its month, so the date's own words stand beside it (dates rule).
        assert "expected 3 December 2025 (“as soon as Wednesday”); no report of it since December 2025" in text_of(
            item
        ), path


def test_a_claim_cannot_be_contradicted_by_its_own_source(tmp_path):
    root = real_project(tmp_path / "project")
    path = root / "seeds" / "actors" / "donald-trump.yml"
    path.write_text(
        path.read_text("utf-8").replace(
            "      source: jpost-reuters-miami-talks\n      passage: US President Donald Trump's special envoy Steve Witkoff",
            "      source: ilkha-kremlin-talks-useful\n      passage: former US President Donald Trump",
        ),
        "utf-8",
    )
    result = briefing(root, "check")
    assert result.returncode == 1
    assert re.search(
        r"seeds/actors/donald-trump.yml:\d+:\d+: a claim cannot be contradicted by its own source", result.stderr
    ), result.stderr


@pytest.mark.browser
def test_a_reader_follows_the_home_pages_dispute_mark_to_the_versions(disputed_site, serve, page):
    base = serve(disputed_site)
    page.goto(base + "/")
    held = page.locator("li", has=page.locator(f'a[href="events/{TALKS}/"]')).first
    held.get_by_role("link", name="date", exact=True).click()
    page.wait_for_url(f"**/events/{TALKS}/#disputed-date")
    target = page.locator("#disputed-date")
    # The browser scrolled to the versions: they are on screen.
    top = target.evaluate("el => el.closest('li').getBoundingClientRect().top")
    assert 0 <= top < page.evaluate("window.innerHeight")
    versions = page.locator("li", has=target).first.inner_text()
    assert "2 December 2025" in versions and "Financial Times" in versions
    assert "1 December 2025" in versions and "Test Wire" in versions
