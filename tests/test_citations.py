"""Citations a reader can follow, tried on real articles: whole sentences (abbreviations do not end
them), paragraphs counted from the article's body, every sentence of a passage highlighted, the
cited words readable in place (hover and keyboard), and a link to the passage on the publisher's page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.citations import text_fragment
from generator.text import prepare

from helpers import REAL, article_ids, briefing, event, layout, meta, real_project, write_note

LATIMES = "latimes-2014-04-27-tornado-outbreak"
REUTERS = "reuters-2017-02-28-trump-congress-speech"
AP = "ap-2003-03-british-hold-iraqi-general"
# Two sentences of one paragraph, the first ending in the abbreviation "Okla."
TWO_SENTENCES = (
    "Arkansas Gov. Mike Beebe's office confirmed that at least 11 people were killed when twisters "
    "struck near Little Rock. Another person was confirmed dead in Quapaw, Okla."
)


def sentences(article_id: str) -> list[str]:
    text = (REAL / article_id / "article.txt").read_text("utf-8")
    return [s.text for s in prepare(text, layout(article_id)).sentences]


@pytest.mark.parametrize(
    "article_id, sentence",
    [
        (
            REUTERS,
            "WASHINGTON (Reuters) – Donald Trump gets a chance to put the rocky start to his presidency behind "
            "him on Tuesday night with a speech to the U.S. Congress where he will lay out his plans for the year "
            "including a healthcare overhaul and military buildup.",
        ),
        (
            REUTERS,
            "Trump, whose inauguration speech on Jan. 20 painted a dark picture of the United States and referred "
            "to “American carnage,” told Reuters last week in an interview that his address would be a speech of "
            "optimism.",
        ),
        (
            LATIMES,
            "Arkansas Gov. Mike Beebe's office confirmed that at least 11 people were killed when twisters struck "
            "near Little Rock.",
        ),
        (
            AP,
            "About six people were injured in the attack at Camp Udairi, said Lt. Col. Larry Cox, public affairs "
            "officer at the Coalition press office in Kuwait City.",
        ),
        (
            AP,
            "Gen. Tommy Franks, commander of the allied coalition, said he was unsure whether the two incidents were "
            "linked.",
        ),
        (
            "nyt-2024-08-mpox-emergency",
            "Theres a need for concerted effort by all stakeholders, not only in Africa, but "
            "everywhere else, Dr. Dimie Ogoina, a Nigerian scientist and chair of the W.H.O.s "
            "mpox emergency committee, said on Wednesday.",
        ),
        (
            "xinhua-2018-07-18-trump-russia-sanctions",
            "U.S. President Donald Trump said on Tuesday that he will not lift the existing sanctions on Russia, and that "
            'there is no "time limit" concerning the U.S. dialogue with the Democratic People\'s Republic of Korea (DPRK).',
        ),
    ],
)
def test_abbreviations_do_not_end_a_sentence_in_real_text(article_id, sentence):
    assert sentence in sentences(article_id)


def test_initials_do_not_end_a_sentence():
    found = [s.text for s in prepare("The novel by J. R. R. Tolkien sold well. Dr. Ann Lee agreed.").sentences]
    assert found == ["The novel by J. R. R. Tolkien sold well.", "Dr. Ann Lee agreed."]


def test_every_real_article_keeps_its_text_and_has_a_body():
    for article_id in article_ids():
        record = meta(article_id)
        assert {"publisher", "url", "published", "retrieved", "layout"} <= set(record), article_id
        text = (REAL / article_id / "article.txt").read_text("utf-8")
        prepared = prepare(text, layout(article_id))
        # Every sentence is the article's own characters, where the article has them.
        assert all(text[s.start : s.end] == s.text for s in prepared.sentences), article_id
        assert prepared.paragraphs and any(p.kind == "body" for p in prepared.paragraphs), article_id
        assert prepared.sentences[0].anchor.startswith(("p1-", "headline1-", "furniture1-")), article_id


def test_a_text_fragment_percent_encodes_its_delimiters():
    # "-", "&" and "," separate a text directive's parts: inside a term they must be encoded.
    assert text_fragment("Wages & prices, well-known") == ":~:text=Wages%20%26%20prices%2C%20well%2Dknown"
    long = "A tornado -- or a series of tornadoes -- appeared to scour a path dozens of miles long"
    assert text_fragment(long) == ":~:text=A%20tornado%20%2D%2D%20or%20a,path%20dozens%20of%20miles%20long"
    # Quotation marks and punctuation at the ends are left out (a contributor may type them differently).
    assert text_fragment("“We are not there yet,” Lund said [...] afterwards.") == (
        ":~:text=We%20are%20not%20there%20yet,afterwards"
    )


@pytest.fixture(scope="module")
def real_site(built_once):
    """Events noted from three real articles, built by real MkDocs."""

    def make_site(folder: Path) -> Path:
        root = real_project(folder, LATIMES, REUTERS, AP)
        tornado = event(
            "tornado-outbreak",
            LATIMES,
            "held",
            "2014-04-27",
            "on Sunday",
            "The worst tornado outbreak of the year struck several small towns across the central U.S. on Sunday",
        )
        tornado["outcome"] = {"value": "At least 12 dead", "evidence": {"source": LATIMES, "passage": TWO_SENTENCES}}
        tornado["place"] = {
            "value": "Central U.S.",
            "evidence": {
                "source": LATIMES,
                "passage": "A tornado -- or a series of tornadoes -- appeared to scour a path dozens of "
                "miles long and possibly up to three-quarters of a mile wide.",
            },
        }
        write_note(root, "events/tornado-outbreak.yml", tornado)
        write_note(
            root,
            "events/trump-speech-to-congress.yml",
            event(
                "trump-speech-to-congress",
                REUTERS,
                "planned",
                "2017-02-28",
                "on Tuesday night",
                "on Tuesday night with a speech to the U.S. Congress",
            ),
        )
        write_note(
            root,
            "events/truck-attack-camp-udairi.yml",
            event(
                "truck-attack-camp-udairi",
                AP,
                "held",
                "2003-03-30",
                "on Sunday",
                "on Sunday a man in civilian clothes rammed a white pickup truck into a group of U.S. soldiers",
            ),
        )
        result = briefing(root, "build")
        assert result.returncode == 0, result.stdout + result.stderr
        return root

    return built_once("citations-real", make_site)


def citation_hrefs(page_html: str, source: str) -> list[str]:
    return [unquote(h) for h in re.findall(rf'href="([^"]*sources/{source}/#[^"]*)"', page_html)]


def test_paragraph_numbers_count_the_body_only(real_site):
    page = (real_site / "site" / "events" / "trump-speech-to-congress" / "index.html").read_text("utf-8")
    # Headline, photo caption and byline come first in article.txt: the datelined paragraph is ¶1.
    assert re.search(r">Reuters, 28 February 2017, ¶1</a>", page), page
    assert citation_hrefs(page, REUTERS) == ["../../sources/reuters-2017-02-28-trump-congress-speech/#p1-s1"]
    source = (real_site / "site" / "sources" / REUTERS / "index.html").read_text("utf-8")
    caption = re.search(r'<p class="source-part"><small class="source-part-kind">caption:</small> (.*?)</p>', source)
    assert caption and "REUTERS/Jonathan Ernst" in caption.group(1)
    assert 'id="p1-s1">WASHINGTON (Reuters)' in source


def test_a_citation_links_to_the_passage_on_the_publishers_page(real_site):
    page = (real_site / "site" / "events" / "tornado-outbreak" / "index.html").read_text("utf-8")
    original = meta(LATIMES)["url"]
    links = re.findall(r'<a href="([^"]+)"[^>]*>original</a>', page)
    # A long passage: its first and last words, "-" and "," encoded inside them.
    assert original + "#:~:text=A%20tornado%20%2D%2D%20or%20a,three%2Dquarters%20of%20a%20mile%20wide" in links
    # A short one whole; the passage of two sentences from its first words to its last.
    assert (
        original + "#:~:text=Arkansas%20Gov.%20Mike%20Beebe%27s%20office,confirmed%20dead%20in%20Quapaw%2C%20Okla"
        in links
    )


def test_without_an_address_a_citation_has_no_outside_link(tmp_path):
    root = real_project(tmp_path, AP)
    source_yml = root / "seeds" / "sources" / AP / "source.yml"
    source_yml.write_text(
        "\n".join(line for line in source_yml.read_text("utf-8").splitlines() if not line.startswith("url:")) + "\n",
        "utf-8",
    )
    write_note(
        root,
        "events/truck-attack.yml",
        event("truck-attack", AP, "held", "2003-03-30", None, "a man in civilian clothes rammed a white pickup truck"),
    )
    assert briefing(root, "generate").returncode == 0
    page = (root / "docs" / "events" / "truck-attack.md").read_text("utf-8")
    assert "KSL.com, March 2003, ¶2" in page and "[original]" not in page


@pytest.mark.browser
def test_following_a_passage_of_two_sentences_highlights_both(real_site, serve, page):
    base = serve(real_site / "site")
    page.goto(base + "/events/tornado-outbreak/")
    citation = page.locator("li", has_text="Outcome:").locator("a", has_text="Los Angeles Times, 27 April 2014, ¶1")
    citation.click()
    page.wait_for_url(f"**/sources/{LATIMES}/#p1-s2-to-p1-s3")
    background = "el => getComputedStyle(el).backgroundColor"
    plain = page.locator("#p1-s1").evaluate(background)
    for anchor in ("p1-s2", "p1-s3"):
        assert page.locator(f"#{anchor}").evaluate(background) != plain, anchor
    assert page.locator("#p1-s4").evaluate(background) == plain
    assert "Quapaw, Okla." in page.locator("#p1-s3").inner_text()
    box = page.locator("#p1-s2").bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"]


@pytest.mark.browser
def test_the_cited_sentence_shows_on_hover_and_on_keyboard_focus(real_site, serve, page):
    base = serve(real_site / "site")
    page.goto(base + "/events/trump-speech-to-congress/")
    citation = page.locator("a", has_text="Reuters, 28 February 2017, ¶1").first
    assert citation.inner_text() == "Reuters, 28 February 2017, ¶1"  # the citation itself stays short
    sentence = "a speech to the U.S. Congress where he will lay out his plans for the year"
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text=sentence)
    citation.hover()
    tooltip.first.wait_for(state="visible", timeout=5000)
    page.mouse.move(0, 0)
    tooltip.first.wait_for(state="hidden", timeout=5000)
    for _ in range(60):  # a keyboard reader tabs to the citation
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Reuters, 28 February 2017, ¶1":
            break
    else:
        pytest.fail("the citation cannot be reached with the keyboard")
    tooltip.first.wait_for(state="visible", timeout=5000)


@pytest.mark.parametrize(
    "layout_yaml, message",
    [
        (
            "layout:\n  headline: 40\n",
            "line 40 of seeds/sources/gazette-2024-03-06-harbour-talks/article.txt is not there",
        ),
        ("layout:\n  headline: 2\n", "line 2 of seeds/sources/gazette-2024-03-06-harbour-talks/article.txt is empty"),
        ("layout:\n  headline: 1\n  caption: 1\n", "line 1 is already marked headline; mark it once"),
    ],
)
def test_a_layout_naming_no_line_of_text_is_a_located_error(mini_project, layout_yaml, message):
    source_yml = mini_project / "seeds" / "sources" / "gazette-2024-03-06-harbour-talks" / "source.yml"
    source_yml.write_text(source_yml.read_text("utf-8") + layout_yaml, "utf-8")
    result = briefing(mini_project, "check")
    assert result.returncode == 1
    assert re.search(
        rf"^seeds/sources/gazette-2024-03-06-harbour-talks/source.yml:\d+:\d+: {re.escape(message)}",
        result.stderr,
        re.M,
    ), result.stderr


@pytest.mark.parametrize(
    "sentence, shown",
    [
        ('He said "no") [x](javascript:alert(1)) and left.', "He said “no”) [x](javascript:alert(1)) and left."),
        ("<script>alert(1)</script> & &amp; `code` \\ (open", "<script>alert(1)</script> & &amp; 'code' \\ (open"),
        ("A caption 😀 with U.S. in it.", "A caption 😀 with U.S. in it."),
    ],
)
def test_an_article_sentence_in_a_tooltip_is_text_and_nothing_else(sentence, shown):
    """article.txt comes from strangers: its sentence becomes one link's title, never markup."""
    import html.parser

    import markdown

    from generator.citations import citation_link

    class Anchors(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.anchors = []

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.anchors.append(dict(attrs))
            assert tag in {"p", "small", "a"}, tag

    parsed = Anchors()
    parsed.feed(markdown.markdown(citation_link("Gazette, ¶1", "../s.md#p1-s1", sentence, None, sentence)))
    assert parsed.anchors == [{"href": "../s.md#p1-s1", "title": shown}]
