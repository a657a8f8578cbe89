"""Statements in time and place, and exact words apart from paraphrase, as a reader sees them.

The shipped notes plus short excerpts of three other real reports of the same talks
(tests/fixtures/real-stories), built with real MkDocs. Every statement shown on any page is found
by its words, and what the page says about it is compared with what its sources say.
"""

from __future__ import annotations

import calendar
import html
import html.parser
import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, briefing, make_project

REAL_STORIES = FIXTURES / "real-stories"
MONTHS = list(calendar.month_name)[1:]
DAY_DATE = re.compile(r"\b\d{1,2} (?:" + "|".join(MONTHS) + r") \d{4}\b")
MOSCOW_TALKS = "putin-witkoff-moscow-talks-2025-12-02"


@pytest.fixture(scope="module")
def real_site(built_once) -> Path:
    def make_site(folder: Path) -> Path:
        root = make_project(folder / "project")
        for folder in sorted(p for p in REAL_STORIES.iterdir() if p.is_dir()):
            shutil.copytree(folder, root / "seeds" / "sources" / folder.name)
        result = briefing(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        return root

    return built_once("real-stories", make_site)


# ------------------------------------------------------------------ reading the notes and the pages


def notes(seeds: Path) -> dict:
    """Statements (with their source's id), events and sources, as the YAML says."""
    statements, sources = {}, {}
    for folder in sorted((seeds / "sources").iterdir()):
        sources[folder.name] = yaml.safe_load((folder / "source.yml").read_text("utf-8"))
        path = folder / "statements.yml"
        for s in (yaml.safe_load(path.read_text("utf-8")) or {}).get("statements") or [] if path.exists() else []:
            statements[s["id"]] = {**s, "source": folder.name}
    events = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in (seeds / "events").glob("*.yml")}
    return {"statements": statements, "events": events, "sources": sources}


def shown_quote(quote: str) -> str:
    """The words a reader should see between quotation marks: no trailing , ; or :."""
    return quote.rstrip().rstrip(",;:").rstrip()


def date_text(value: str, approximate: bool = False) -> str:
    parts = [int(p) for p in value.split("-")]
    text = {1: "{0}", 2: "{1} {0}", 3: "{2} {1} {0}"}[len(parts)].format(
        parts[0], MONTHS[parts[1] - 1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
    )
    return f"around {text}" if approximate else text


def when(value) -> tuple[str, bool]:
    return (value, False) if isinstance(value, str) else (value["value"], value.get("precision") == "approximate")


class _Items(html.parser.HTMLParser):
    """Each <li> of a page's article: its text without citations (<small>), and the events it
    links to after the word "at"."""

    def __init__(self, page: Path):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.items: list[dict] = []
        self._open: list[dict] = []
        self._small = 0
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._open.append({"text": "", "at": [], "about": []})
        elif tag == "small":
            self._small += 1
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag):
        if tag == "li" and self._open:
            self.items.append(self._open.pop())
        elif tag == "small":
            self._small -= 1
        elif tag == "a":
            self._href = None

    def _event(self) -> str | None:
        """The event the link being read opens, if it opens one."""
        if self._href is None or "//" in self._href:
            return None
        target = (self.page.parent / self._href.split("#")[0]).resolve().parts
        return target[-1] if len(target) > 1 and target[-2] == "events" else None

    def handle_data(self, data):
        if not self._open or self._small:
            return
        item = self._open[-1]
        event = self._event()
        if event:
            if re.search(r"\bat $", item["text"]):
                item["at"].append(event)
            elif re.search(r"\babout (?:.*, )?$", item["text"]):
                item["about"].append(event)
        item["text"] += data


def page_items(page: Path) -> list[dict]:
    text = page.read_text("utf-8")
    article = text[text.index("<article") : text.index("</article>")]
    parser = _Items(page)
    parser.feed(article)
    return parser.items


def statement_items(site: Path, statements: dict) -> list[tuple[Path, dict, str]]:
    """Every list item on every page that shows a statement, with the id of the statement it shows:
    the one whose words come first in it (a list of other sources' wordings may follow)."""
    keys = {
        sid: (
            f"“{shown_quote(s['quote'])}”" + (f" (paraphrase: {s['paraphrase']})" if s.get("paraphrase") else "")
            if s.get("quote")
            else s["paraphrase"]
        )
        for sid, s in statements.items()
        if not s.get("same_as")
    }
    found = []
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        for item in page_items(page):
            text = " ".join(item["text"].split())
            hits = [(text.find(" ".join(key.split())), -len(key), sid) for sid, key in keys.items()]
            hits = [hit for hit in hits if hit[0] >= 0]
            if hits:  # the first words in the item; of two that start there ("very useful"), the longer
                found.append((page, item, min(hits)[2]))
    return found


def expected_time(statement: dict, data: dict) -> str:
    """What a page must say about when a statement was made, from its notes alone."""
    reports = [statement] + [s for s in data["statements"].values() if s.get("same_as") == statement["id"]]
    for report in reports:
        if report.get("date"):
            return date_text(*when(report["date"]))
    for report in reports:
        event = data["events"].get(report.get("said_at") or "")
        if event and event.get("date") and not isinstance(event["date"], list):
            return date_text(*when(event["date"]))
    source = min((data["sources"][r["source"]] for r in reports), key=lambda s: s["published"])
    return f"reported {date_text(source['published'])} by {source['publisher']}"


# ------------------------------------------------------------------ section 1: time and place


def test_every_statement_is_shown_at_only_the_event_it_was_said_at(real_site):
    data = notes(real_site / "seeds")
    items = statement_items(real_site / "site", data["statements"])
    assert len({sid for _, _, sid in items}) == len([s for s in data["statements"].values() if not s.get("same_as")])
    for page, item, sid in items:
        statement = data["statements"][sid]
        said_at = [statement["said_at"]] if statement.get("said_at") else []
        assert item["at"] == said_at, (page, sid, item["text"])
        assert item["about"] == statement.get("about_events", []), (page, sid, item["text"])


def test_every_statement_shows_the_date_its_sources_give_or_when_it_was_reported(real_site):
    data = notes(real_site / "seeds")
    for page, item, sid in statement_items(real_site / "site", data["statements"]):
        # The line as shown, without its cite control (cite.py), whose citation gives the source's date.
        text = re.split(r"\s*cite\s*Permalink", " ".join(item["text"].split()))[0]
        expected = expected_time(data["statements"][sid], data)
        assert expected.casefold() in text.casefold(), (page, sid, expected, text)
        if expected.startswith("reported"):
            # The only date on the line is the report's: never the event's.
            assert set(DAY_DATE.findall(text)) == set(DAY_DATE.findall(expected)), (page, sid, text)
        elif DAY_DATE.fullmatch(expected):
            assert set(DAY_DATE.findall(text)) == {expected}, (page, sid, text)


def test_ushakov_spoke_on_wednesday_and_friday_about_tuesdays_talks(real_site):
    """The FT's "very useful" was said "as Ukrainian and European officials met in Brussels", on a day
    the article does not give: shown as reported, never with a day borrowed from another paragraph.
    Reuters has him speaking again on Friday. Neither was said at the talks of Tuesday 2 December."""
    actor = real_site / "site" / "actors" / "yuri-ushakov" / "index.html"
    ushakov = {
        sid: item
        for page, item, sid in statement_items(real_site / "site", notes(real_site / "seeds")["statements"])
        if page == actor and sid in {"ushakov-very-useful", "st-ushakov-truly-friendly"}
    }
    assert "reported 3 December 2025 by Financial Times, about Putin–Witkoff talks in Moscow" in " ".join(
        ushakov["ushakov-very-useful"]["text"].split()
    )
    assert "5 December 2025, about Putin–Witkoff talks in Moscow" in " ".join(
        ushakov["st-ushakov-truly-friendly"]["text"].split()
    )
    event = (real_site / "site" / "events" / MOSCOW_TALKS / "index.html").read_text("utf-8")
    at, about = event.split('id="statements-made-at-it"')[1].split('id="statements-about-it"')
    assert "truly friendly" not in at and "very useful" not in at and "None noted." in at
    assert "truly friendly" in about and "very useful" in about


def test_a_statement_without_a_date_of_its_own_shows_when_it_was_reported(real_site):
    putin = real_site / "site" / "actors" / "vladimir-putin" / "index.html"
    line = next(" ".join(i["text"].split()) for i in page_items(putin) if "“very useful”" in i["text"])
    assert "reported 6 December 2025 by The Straits Times" in line
    assert "2 December 2025" not in line


def test_statements_about_planned_meetings_are_about_them(real_site):
    site = real_site / "site"
    for event in ("ukraine-white-house-meeting", "us-russia-envoy-talks", "putin-trump-meeting"):
        page = (site / "events" / event / "index.html").read_text("utf-8")
        at, about = page.split('id="statements-made-at-it"')[1].split('id="statements-about-it"')
        assert "None noted." in at and "None noted." not in about, event


def test_every_statement_is_on_the_timeline_once_in_date_order(real_site):
    data = notes(real_site / "seeds")
    timeline = real_site / "site" / "timeline" / "index.html"
    shown = [
        (item, sid) for page, item, sid in statement_items(real_site / "site", data["statements"]) if page == timeline
    ]
    said = [sid for sid, s in data["statements"].items() if not s.get("same_as")]
    assert sorted(sid for _, sid in shown) == sorted(said)
    for item, sid in shown:
        # The line as shown, without its cite control (cite.py), whose citation gives the source's date.
        text = re.split(r"\s*cite\s*Permalink", " ".join(item["text"].split()))[0]
        expected = expected_time(data["statements"][sid], data)
        assert text.casefold().startswith(expected.casefold()), (sid, text)  # "Reported 3 December 2025 by ..."
    days = [DAY_DATE.search(" ".join(i["text"].split())[:40]) for i in page_items(timeline)]
    ordered = [
        (int(d.group().split()[2]), MONTHS.index(d.group().split()[1]), int(d.group().split()[0])) for d in days if d
    ]
    assert ordered == sorted(ordered)


def test_the_shipped_timeline_shows_all_22_statements(seed_site):
    data = notes(seed_site / "seeds")
    assert len(data["statements"]) == 22
    timeline = seed_site / "site" / "timeline" / "index.html"
    on_timeline = [sid for page, _, sid in statement_items(seed_site / "site", data["statements"]) if page == timeline]
    assert sorted(on_timeline) == sorted(data["statements"])


# ------------------------------------------------------------------ section 2: quotes and paraphrases


def test_only_exact_words_stand_in_quotation_marks_on_every_page(real_site):
    data = notes(real_site / "seeds")
    exact = {
        " ".join(html.unescape(shown_quote(s["quote"])).split()) for s in data["statements"].values() if s.get("quote")
    }
    checked = 0
    for page in sorted((real_site / "site").rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        for item in page_items(page):
            for words in re.findall(r"“(.*?)”", item["text"], re.S):
                assert " ".join(words.split()) in exact, (page, words)
                checked += 1
    assert checked > 100
    # Axios's paraphrase of the FT's quote is shown, as a paraphrase.
    ushakov = page_items(real_site / "site" / "actors" / "yuri-ushakov" / "index.html")
    line = next(" ".join(i["text"].split()) for i in ushakov if "No compromise has been found yet" in i["text"])
    assert "paraphrase: Putin's aides claimed no compromise has been reached" in line
    assert "disputed wording" not in line  # a paraphrase beside a quote is not a dispute


def test_a_quote_is_shown_without_the_articles_trailing_comma(real_site):
    site = real_site / "site"
    for page in sorted(site.rglob("*.html")):
        if "pagefind" in page.parts:
            continue
        for item in page_items(page):
            assert not re.search(r"[,;:]\s*”", item["text"]), (page, item["text"])
    zelenskyy = (site / "actors" / "volodymyr-zelenskyy" / "index.html").read_text("utf-8")
    assert "with envoys of President Trump”" in zelenskyy
    ushakov = (site / "actors" / "yuri-ushakov" / "index.html").read_text("utf-8")
    assert "“No compromise has been found yet”" in ushakov


@pytest.mark.browser
def test_search_excerpts_never_put_a_paraphrase_in_quotation_marks(real_site, serve, page):
    base = serve(real_site / "site")
    page.goto(base + "/")
    page.click("input.briefing-search__input")
    page.keyboard.type("sticking point territorial demands")
    results = page.locator(".briefing-search__item")
    results.first.wait_for(timeout=15000)
    page.wait_for_load_state("networkidle")
    excerpts = " ".join(results.all_inner_texts())
    assert "aides claimed no compromise" in excerpts
    # Pagefind cuts an excerpt anywhere: neither end of the paraphrase may carry a quotation mark.
    assert "“Putin's aides" not in excerpts and "“Putin’s aides" not in excerpts
    assert not re.search(r"territorial demands\.?\s*”", excerpts), excerpts
    for words in re.findall(r"“(.*?)”", excerpts, re.S):
        assert not words.rstrip().endswith((",", ";", ":")), words
