"""Pages people read easily: Who's who by side and surname, actor pages that lead with a profile and
cite each source once per run of statements, and keyboard focus visible on every page type."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

from helpers import ACTOR, FIXTURES, SEED_SOURCE, briefing, edit, make_project, write_note

MINI_SOURCE = "gazette-2024-03-06-harbour-talks"
PASSAGE = "The two sides will meet again next week."


class _Sections(html.parser.HTMLParser):
    """A page's article as a reader scans it: each h2 with the text of each list item under it."""

    def __init__(self):
        super().__init__()
        self.sections: list[tuple[str, list[str]]] = [("", [])]  # items before any heading under ""
        self._in: str | None = None
        self._text = ""
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "li") and self._in is None:
            self._in, self._text = tag, ""
        elif tag == "li":
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "li" and self._depth:
            self._depth -= 1
        elif tag == self._in:
            text = " ".join(self._text.replace("¶", " ¶").split())
            if tag == "h2":
                self.sections.append((text, []))
            else:
                self.sections[-1][1].append(text)
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._text += data


def sections(page: Path) -> list[tuple[str, list[str]]]:
    text = page.read_text("utf-8")
    parser = _Sections()
    parser.feed(text[text.index("<article") : text.index("</article>")])
    return parser.sections


def person(ident: str, name: str, title: str, kind: str = "person", council: bool = True, **extra) -> dict:
    role = {
        "title": title,
        **({"affiliation": "town-council"} if council else {}),
        "evidence": {"source": MINI_SOURCE, "passage": PASSAGE},
    }
    return {"id": ident, "kind": kind, "name": name, **extra, "roles": [role]}


@pytest.fixture(scope="module")
def council(built_once) -> Path:
    """The mini story with a town council of four people, whose first names and surnames sort differently,
    a union leader of no organisation, a group and an unnamed official."""

    def make_site(folder: Path) -> Path:
        root = make_project(folder / "project", FIXTURES / "mini" / "seeds")
        write_note(
            root,
            "actors/town-council.yml",
            person("town-council", "The Town Council", "the town's government", kind="organisation", council=False),
        )
        edit(root, ACTOR, "  - title: Mayor\n", "  - title: Mayor\n    affiliation: town-council\n")
        write_note(root, "actors/zoe-abbott.yml", person("zoe-abbott", "Zoe Abbott", "deputy mayor"))
        write_note(
            root,
            "actors/jan-van-berg.yml",
            person("jan-van-berg", "Jan van Berg", "treasurer", sort_as="Berg, Jan van"),
        )
        write_note(root, "actors/martin-king-jr.yml", person("martin-king-jr", "Martin King Jr.", "clerk"))
        write_note(
            root,
            "actors/dock-workers.yml",
            person("dock-workers", "Dock workers", "strikers", kind="group", council=False),
        )
        write_note(
            root,
            "actors/harbour-official.yml",
            person("harbour-official", "A harbour official", "official", kind="anonymous", council=False),
        )
        result = briefing(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        return root

    return built_once("council", make_site)


def test_whos_who_groups_by_organisation_and_files_people_by_surname(council):
    found = sections(council / "site" / "actors" / "index.html")
    headings = [h for h, _ in found if h]
    assert headings[:4] == ["The Town Council", "No organisation named", "Groups", "Unnamed speakers"]
    council_entries = dict(found)["The Town Council"]
    # The organisation first, then by surname (Abbott, Berg as its note files him, King less "Jr.", Lund),
    # each with its role and organisation.
    assert council_entries == [
        "The Town Council — the town's government",
        "Zoe Abbott — deputy mayor, The Town Council",
        "Jan van Berg — treasurer, The Town Council",
        "Martin King Jr. — clerk, The Town Council",
        "Ada Lund — Mayor, The Town Council",
    ]
    assert dict(found)["No organisation named"] == ["Ben Okafor — union leader"]
    assert dict(found)["Groups"] == ["Dock workers — strikers"]
    assert dict(found)["Unnamed speakers"] == ["A harbour official — official"]


def test_a_long_whos_who_is_paged_by_the_letter_people_are_filed_under(split_site):
    # The synthetic corpus's people are "<first name> <surname>": each letter's page (or its parts,
    # a letter holding more than split_site's threshold) holds the people whose surname starts with
    # it, with their side.
    root = split_site
    names = {}
    for note in (root / "seeds" / "actors").glob("*.yml"):
        text = note.read_text("utf-8")
        found = re.search(r"^name: (.*)$", text, re.M)
        assert found, note
        names[note.stem] = found.group(1).strip("'\"")
    by_surname: dict[str, set[str]] = {}
    for name in names.values():
        by_surname.setdefault(name.split()[-1][0].lower(), set()).add(name)
    folder = root / "site" / "actors" / "by-name"
    listed: dict[str, set[str]] = {}
    for page in folder.glob("person-*/index.html"):
        letter = page.parent.name.removeprefix("person-")[0]
        entries = sections(page)[0][1]  # the page's list, before "Also linked from"
        listed.setdefault(letter, set()).update(e.split(" — ")[0] for e in entries)
    assert listed == by_surname
    assert len({n.split()[0][0] for n in names.values()}) > 1  # first names would file them differently


def test_an_actor_page_leads_with_a_profile_then_statements_by_issue_each_source_cited_once(seed_site):
    page = seed_site / "site" / "actors" / "yuri-ushakov" / "index.html"
    text = page.read_text("utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    # The profile: kind, side, aliases, role with its organisation, the about text, before any statement.
    said = article.index("What they said")
    for shown in (
        "Person",
        "side:",
        "also called",
        "Yury Ushakov",
        "senior aide to Russia",
        "The Kremlin",
        "described the talks between Putin and Witkoff",
    ):
        assert 0 <= article.find(shown) < said, shown
    statements = article[said : article.index('id="events"')]
    # Every statement still links to its sentence, but the source's name is said once per issue, not per line.
    items = re.findall(r"<li>(.*?)</li>", statements, re.S)
    assert len(items) >= 7
    for item in items:
        assert re.search(rf'href="\.\./\.\./sources/{SEED_SOURCE}/#p\d+-s\d+', item), item
        assert "Financial Times, 3 December 2025" not in item
    per_issue = statements.count("<h3")
    assert statements.count("Financial Times, 3 December 2025") == per_issue


def test_an_actors_statements_on_an_issue_come_newest_first(mini_project):
    # Ben Okafor says something dated the day before his undated statement was reported.
    statements = mini_project / "seeds" / "sources" / MINI_SOURCE / "statements.yml"
    statements.write_text(
        statements.read_text("utf-8")
        + """
  - id: okafor-meet-again
    speaker: ben-okafor
    paraphrase: The two sides will meet again next week.
    date: "2024-03-04"
    issues: [wage-freeze]
    evidence:
      passage: The two sides will meet again next week.
""",
        "utf-8",
    )
    result = briefing(mini_project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (mini_project / "site" / "actors" / "ben-okafor" / "index.html").read_text("utf-8")
    said = page[page.index("What they said") : page.index("</article>")]
    newer, older = said.index("a step backwards"), said.index("meet again next week")
    assert newer < older  # reported 6 March, before one said on 4 March


PAGE_TYPES = [
    "/",
    "/stories/russia-us-ukraine-talks/",
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
    "/data/",
    "/404.html",
]
FOCUSED = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {tag: e.tagName, text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40),
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), body: e === document.body}; }"""
# Where each Tab took the focus, as FOCUSED reads it, recorded by the page itself when the key comes
# up: the stops of a page are then read in a few calls rather than one call after every key.
RECORD_STOPS = f"""window.__stops = [];
document.addEventListener('keyup', e => {{ if (e.key === 'Tab') window.__stops.push(({FOCUSED})()); }}, true);"""
TABS_PER_READ = 8


@pytest.mark.browser
@pytest.mark.parametrize("width", [1400, 390])
def test_keyboard_focus_is_visible_on_every_page_type(seed_site, serve, browser, width):
    # Tab through each page as a keyboard user: every link, button and field it stops at is outlined.
    base = serve(seed_site / "site")
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(RECORD_STOPS)
    page = context.new_page()
    unseen: dict[str, list[str]] = {}
    try:
        for path in PAGE_TYPES:
            page.goto(base + path)
            seen: list[dict] = []
            while len(seen) < 40 and not any(focused["body"] for focused in seen):
                for _ in range(TABS_PER_READ):
                    page.keyboard.press("Tab")
                pressed = len(seen) + TABS_PER_READ
                seen = page.evaluate("window.__stops")
                assert len(seen) == pressed, f"{path}: {pressed} Tabs, {len(seen)} seen by the page"
            stops = 0
            for focused in seen[:40]:  # up to the first Tab that left the page's elements
                if focused["body"]:
                    break
                stops += 1
                if focused["style"] == "none" or focused["width"] <= 0:
                    unseen.setdefault(path, []).append(f"{focused['tag']} {focused['text']!r}")
            assert stops >= 3, f"{path}: Tab reached only {stops} elements"
    finally:
        context.close()
    assert unseen == {}
