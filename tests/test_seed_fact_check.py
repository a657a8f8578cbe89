"""A fact-checking reader's pass over the shipped seed site: citations that can be told apart, no
stray punctuation, statements of a day in article order, every cited actor on the source page, and a
quotation's cut shown as the article prints it. Built with real MkDocs, read as HTML as a reader sees it."""

from __future__ import annotations

import html
import html.parser
import re
from pathlib import Path

import yaml

from helpers import REPO, SEED_SOURCE, briefing, make_project

ARTICLE = REPO / "seeds" / "sources" / SEED_SOURCE / "article.txt"
STATEMENTS = REPO / "seeds" / "sources" / SEED_SOURCE / "statements.yml"
PLACE = re.compile(r"#p(\d+)-s(\d+)")


class _ListItems(html.parser.HTMLParser):
    """Each <li> of a page's article: the <ul> it is in, its whole text (citations included), and
    the sentence (paragraph, sentence) its first citation opens."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self._open: list[dict] = []
        self._lists = 0
        self._small = 0

    def handle_starttag(self, tag, attrs):
        if tag == "ul":
            self._lists += 1
        elif tag == "li":
            item = {"list": self._lists, "text": "", "place": None}
            self._open.append(item)
            self.items.append(item)
        elif tag == "small":
            self._small += 1
        elif tag == "a" and self._small and self._open and self._open[-1]["place"] is None:
            found = PLACE.search(dict(attrs).get("href") or "")
            if found:
                self._open[-1]["place"] = (int(found.group(1)), int(found.group(2)))

    def handle_endtag(self, tag):
        if tag == "li" and self._open:
            self._open.pop()
        elif tag == "small":
            self._small -= 1

    def handle_data(self, data):
        for item in self._open:
            item["text"] += data


def items(page: Path) -> list[dict]:
    text = page.read_text("utf-8")
    parser = _ListItems()
    parser.feed(text[text.index("<article") : text.index("</article>")])
    for item in parser.items:
        item["text"] = " ".join(item["text"].split())
    return parser.items


def article_text(page: Path) -> str:
    """The article's text as read: blocks apart, inline tags (links, <small>) run on."""
    text = page.read_text("utf-8")
    text = re.sub(
        r"</?(?:p|li|ul|ol|h\d|div|br|table|tr|td|th|blockquote)\b[^>]*>",
        " ",
        text[text.index("<article") : text.index("</article>")],
    )
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts and p.name != "404.html")


def test_adjacent_citations_are_separated(seed_site):
    """Two citations side by side read as two: "¶4; Financial Times, ... ¶6", never "¶4 Financial Times"."""
    site = seed_site / "site"
    talks = article_text(site / "events" / "putin-witkoff-moscow-talks-2025-12-02" / "index.html")
    assert re.search(r"¶4; Financial Times, 3 December 2025, ¶6", talks), "the talks' outcome cites ¶4 and ¶6"
    for page in pages(site):
        run_together = re.findall(r"¶\d+ Financial Times", article_text(page))
        assert not run_together, (page.relative_to(site), run_together)


def test_a_paraphrase_ending_a_sentence_is_not_followed_by_a_comma(seed_site):
    site = seed_site / "site"
    peskov = [
        i["text"]
        for i in items(site / "actors" / "dmitry-peskov" / "index.html")
        if "behind closed doors" in i["text"] and "Paraphrase" in i["text"]
    ]
    assert peskov and all("behind closed doors, as reported by Interfax" in t for t in peskov), peskov
    for page in pages(site / "actors"):
        for item in items(page):
            assert ".," not in item["text"], (page.relative_to(site), item["text"])


def test_statements_of_a_day_are_in_article_order(seed_site):
    """On the Timeline and on an actor's page, statements shown with the same day read in the order
    their passages stand in the article."""
    site = seed_site / "site"
    day = re.compile(r"^(?:Reported )?\d{1,2} \w+ \d{4}")
    by_day: dict[str, list] = {}
    for item in items(site / "timeline" / "index.html"):
        if item["place"] and (dated := day.match(item["text"])):
            by_day.setdefault(dated.group().removeprefix("Reported "), []).append(item["place"])
    assert len(by_day["3 December 2025"]) >= 15
    for when, places in by_day.items():
        assert places == sorted(places), (when, places)
    reported = re.compile(r"reported 3 December 2025 by Financial Times")
    for page in pages(site / "actors"):
        lists: dict[int, list] = {}
        for item in items(page):
            if item["place"] and reported.search(item["text"]):
                lists.setdefault(item["list"], []).append(item["place"])
        for places in lists.values():
            assert places == sorted(places), (page.relative_to(site), places)
    ushakov = [i for i in items(site / "actors" / "yuri-ushakov" / "index.html") if i["place"]]
    peace_plan = [i for i in ushakov if i["list"] == next(j["list"] for j in ushakov if "very useful" in j["text"])]
    assert "“very useful”" in peace_plan[0]["text"], [i["text"][:40] for i in peace_plan]


def test_the_source_page_lists_every_actor_it_is_cited_for(seed_site):
    seeds = seed_site / "seeds"
    cited = set()
    for s in yaml.safe_load(STATEMENTS.read_text("utf-8"))["statements"]:
        cited |= {s["speaker"], *([s["on_behalf_of"]] if s.get("on_behalf_of") else []), *s.get("reported_by", [])}

    def cites_source(evidence) -> bool:
        evidence = evidence if isinstance(evidence, list) else [evidence]
        return any(e.get("source") == SEED_SOURCE for e in evidence)

    for path in (seeds / "actors").glob("*.yml"):
        actor = yaml.safe_load(path.read_text("utf-8"))
        if any(cites_source(r["evidence"]) for r in actor.get("roles", [])) or cites_source(actor.get("evidence", [])):
            cited.add(actor["id"])
    for path in (seeds / "events").glob("*.yml"):
        cited |= {
            p["actor"]
            for p in yaml.safe_load(path.read_text("utf-8")).get("participants", [])
            if cites_source(p["evidence"])
        }
    assert {"kremlin", "russian-officials", "interfax", "nato", "ukraine", "european-countries"} <= cited
    page = (seed_site / "site" / "sources" / SEED_SOURCE / "index.html").read_text("utf-8")
    section = page.split('id="actors"')[1].split("<h")[0]
    listed = set(re.findall(r'href="\.\./\.\./actors/([a-z0-9-]+)/"', section))
    assert listed == cited, (sorted(cited - listed), sorted(listed - cited))


def _peskov_words() -> str:
    """The words the article prints between quotation marks in Peskov's ¶6, its own cut included."""
    line = next(t for t in ARTICLE.read_text("utf-8").splitlines() if t.startswith("Peskov described"))
    return line.split("“", 1)[1].rsplit("”", 1)[0]


def test_a_cut_the_article_prints_is_shown_as_printed(seed_site):
    words = _peskov_words()
    assert "[ . . . ]" in words
    for page in ("actors/dmitry-peskov", "quotes", "timeline", f"sources/{SEED_SOURCE}"):
        text = article_text(seed_site / "site" / page / "index.html").replace("’", "'")
        assert f"“{words}”".replace("’", "'") in text, page


def _edited_project(tmp_path: Path, old: str, new: str) -> Path:
    root = make_project(tmp_path / "project")
    path = root / "seeds" / "sources" / SEED_SOURCE / "statements.yml"
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")
    return root


def test_a_cut_of_the_contributors_is_shown_as_an_editorial_cut(tmp_path):
    """Rutte's quote cut by the contributor where the article has words: shown as "[…]"."""
    root = _edited_project(
        tmp_path,
        'quote: "Hopefully it will lead to results. And if it takes too long or it is '
        "not leading to results, the best way",
        'quote: "Hopefully it will lead to results. [...] the best way',
    )
    result = briefing(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    text = article_text(root / "site" / "actors" / "mark-rutte" / "index.html")
    assert "“Hopefully it will lead to results. […] the best way to put pressure" in text
    assert "[...]" not in text


def test_a_quote_must_copy_the_articles_own_cut(tmp_path):
    root = _edited_project(
        tmp_path,
        "quote: the first time such a direct exchange of views has taken place [ . . . ]",
        "quote: the first time such a direct exchange of views has taken place [...]",
    )
    result = briefing(root, "check")
    assert result.returncode != 0
    line = next(
        i
        for i, t in enumerate(
            (root / "seeds" / "sources" / SEED_SOURCE / "statements.yml").read_text("utf-8").splitlines(), 1
        )
        if "has taken place [...]" in t
    )
    assert re.search(
        rf"statements\.yml:{line}:\d+: the article prints its own cut here as \[ \. \. \. \]; copy it",
        result.stdout + result.stderr,
    ), result.stdout + result.stderr
