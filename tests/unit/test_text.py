"""Source text: typography set aside, editorial cuts, sentence anchors and where a passage occurs."""

from __future__ import annotations

import pytest

from generator.text import find_in_order, find_span_in_order, layout_pairs, normalize, pieces, prepare, split_sentences


@pytest.mark.parametrize(
    "written, compared",
    [
        ("plain words", "plain words"),
        ("“curly” and ‘single’", "\"curly\" and 'single'"),
        ("«guillemets» „low“", '"guillemets" "low"'),
        ("en – em — minus − hyphen‐", "en - em - minus - hyphen-"),
        ("wait…", "wait..."),
        ("wait . . . go", "wait ... go"),
        ("a\u00a0non-breaking\u2009thin space", "a non-breaking thin space"),
        ("  runs\tof \n white   space ", "runs of white space"),
        ("ﬁve ligature", "five ligature"),  # NFKC
        ("caf\u0065\u0301", "café"),  # a combining accent composes
        ("", ""),
    ],
)
def test_normalize_sets_aside_typography_not_words(written, compared):
    assert normalize(written) == compared


@pytest.mark.parametrize(
    "words, parts",
    [
        ("no cut here", ("no cut here",)),
        ("We will [...] never stop", ("We will", "never stop")),
        ("We will [ . . . ] never [ … ] stop", ("We will", "never", "stop")),
        ("[...] from the middle", ("from the middle",)),
        ("to the end [...]", ("to the end",)),
        ("[…]", ()),
        ("a bare ... ellipsis is no cut", ("a bare ... ellipsis is no cut",)),
    ],
)
def test_pieces_split_at_editorial_cuts(words, parts):
    assert pieces(words) == parts


@pytest.mark.parametrize(
    "parts, haystack, start, found",
    [
        (("b",), "abc", 0, (1, 2)),
        (("a", "c"), "abc", 0, (0, 3)),
        (("c", "a"), "abc", 0, None),  # out of order
        (("a",), "abca", 1, (3, 4)),  # from ``start`` on
        (("x",), "abc", 0, None),
        (("ab", "b"), "ab", 0, None),  # pieces may not overlap
        ((), "abc", 0, None),
    ],
)
def test_parts_are_found_in_order(parts, haystack, start, found):
    assert find_span_in_order(parts, haystack, start) == found
    assert find_in_order(parts, haystack, start) == (found[0] if found else None)


def anchors(text: str, layout=()) -> list[tuple[str, str]]:
    return [(s.anchor, s.text) for p in split_sentences(text, layout) for s in p.sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("One. Two! Three?", [("p1-s1", "One."), ("p1-s2", "Two!"), ("p1-s3", "Three?")]),
        ("First line.\n\n\nSecond line.", [("p1-s1", "First line."), ("p2-s1", "Second line.")]),
        # Abbreviations, initials and dotted words do not end a sentence.
        (
            "Gen. Smith met Mr. Jones in the U.S. on Nov. 3. They spoke.",
            [("p1-s1", "Gen. Smith met Mr. Jones in the U.S. on Nov. 3."), ("p1-s2", "They spoke.")],
        ),
        ("J. K. Rowling wrote. Then she stopped.", [("p1-s1", "J. K. Rowling wrote."), ("p1-s2", "Then she stopped.")]),
        # A quotation that ends a sentence keeps its closing mark.
        (
            "He said: “We will not yield.” Then he left.",
            [("p1-s1", "He said: “We will not yield.”"), ("p1-s2", "Then he left.")],
        ),
        ("no full stop at the end", [("p1-s1", "no full stop at the end")]),
        ("3.5 percent rose. 4 fell.", [("p1-s1", "3.5 percent rose."), ("p1-s2", "4 fell.")]),
        ("", []),
    ],
)
def test_sentences_are_anchored_by_paragraph_and_position(text, expected):
    assert anchors(text) == expected


def test_lines_named_in_the_layout_are_anchored_by_kind_and_body_paragraphs_count_without_them():
    text = "A headline\nA caption.\nThe body starts. It goes on.\nAnother caption.\nMore body."
    layout = layout_pairs({"headline": [1], "caption": [2, 4]})
    assert anchors(text, layout) == [
        ("headline1-s1", "A headline"),
        ("caption1-s1", "A caption."),
        ("p1-s1", "The body starts."),
        ("p1-s2", "It goes on."),
        ("caption2-s1", "Another caption."),
        ("p2-s1", "More body."),
    ]
    assert [p.kind for p in split_sentences(text, layout)] == ["headline", "caption", "body", "caption", "body"]


def test_sentence_offsets_point_into_the_raw_text():
    text = "  Indented first. Second one.\n\n“Quoted,” he said.  \n"
    for paragraph in split_sentences(text):
        for sentence in paragraph.sentences:
            assert text[sentence.start : sentence.end] == sentence.text


@pytest.mark.parametrize(
    "layout, pairs",
    [
        ({}, ()),
        (None, ()),
        ({"caption": [7, 3], "headline": [1]}, ((1, "headline"), (3, "caption"), (7, "caption"))),
        ({"byline": ["2"]}, ((2, "byline"),)),  # line numbers arrive as text from the notes
    ],
)
def test_layout_pairs_are_sorted_by_line(layout, pairs):
    assert layout_pairs(layout) == pairs


ARTICLE = "He said: “We will not yield.” Then he left.\nTalks — they said — went on … for hours."


@pytest.mark.parametrize(
    "passage, sentences",
    [
        ("We will not yield", ["p1-s1"]),
        ('"We will not yield." Then he', ["p1-s1", "p1-s2"]),  # straight quotes match curly ones
        ("Then he left. Talks - they said - went on", ["p1-s2", "p2-s1"]),  # across a paragraph
        ("Talks [...] went on ... for hours.", ["p2-s1"]),  # a cut, and "..." for "…"
        ("Talks  --  they said", []),  # two hyphens are not a dash
        ("we will not yield", []),  # case is the article's
        ("He said: We will not yield", []),  # a left-out quotation mark is not a cut
        ("for hours. He said", []),  # out of order
    ],
)
def test_a_passage_is_located_in_the_sentences_it_covers(passage, sentences):
    text = prepare(ARTICLE)
    assert [s.anchor for s in text.span(passage)] == sentences
    located = text.locate(passage)
    assert (located.anchor if located else None) == (sentences[0] if sentences else None)
