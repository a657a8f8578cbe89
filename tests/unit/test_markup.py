"""Escaping at the point of output: a note's text shows as text, its prose as sanitised HTML."""

from __future__ import annotations

import html

import markdown
import pytest

from generator.markup import SafeMarkdown, escape_html, escape_md, render_prose

HOSTILE = [
    "a*b_c*",
    "**bold**",
    "[x](https://evil.example)",
    "![img](x.png)",
    "<script>alert(1)</script>",
    "# heading",
    "> quote",
    "x | y",
    "back\\slash",
    "`code`",
    "{: .class}",
    "&amp; stays &amp;",
    "a\n\n- list",
    "under_scores_in_names",
    "1. not a list",
    "html <b>bold</b>",
]


EXTENSIONS = ["tables", "toc"]  # as in mkdocs.yml


def shown(markdown_text: str) -> str:
    """The HTML the site's Markdown makes of a line of running text (fields never start a line)."""
    rendered = markdown.markdown(f"Said: {markdown_text}", extensions=EXTENSIONS)
    return rendered.removeprefix("<p>Said: ").removesuffix("</p>")


@pytest.mark.parametrize("value", HOSTILE)
def test_escaped_text_renders_as_the_same_text_and_nothing_else(value):
    rendered = shown(escape_md(value))
    assert "<" not in rendered  # no element of its own
    assert html.unescape(rendered) == " ".join(value.split())


@pytest.mark.parametrize(
    "value, escaped",
    [
        ("a*b", r"a\*b"),
        ("[x]", r"\[x\]"),
        ("<b>", "&lt;b&gt;"),
        ("two\n\nlines", "two lines"),  # a field never starts a Markdown block
        (None, ""),
        (5, "5"),
    ],
)
def test_escape_md(value, escaped):
    assert escape_md(value) == escaped
    assert isinstance(escape_md(value), SafeMarkdown)


def test_safe_markdown_is_not_escaped_twice():
    once = escape_md("a*b")
    assert escape_md(once) is once


def test_escape_html_escapes_quotes_for_attributes():
    assert escape_html('<a title="x">\'&') == "&lt;a title=&quot;x&quot;&gt;&#x27;&amp;"


@pytest.mark.parametrize(
    "prose, kept",
    [
        ("*words*", "<em>words</em>"),
        ("[a link](https://example.org/a)", '<a href="https://example.org/a" rel="noopener noreferrer nofollow">'),
        ("[mail](mailto:desk@example.org)", 'href="mailto:desk@example.org"'),
        ("[relative](../x/)", 'href="../x/"'),
        ("para one\n\npara two", "<p>para one</p>\n<p>para two</p>"),
    ],
)
def test_prose_keeps_plain_formatting_and_links(prose, kept):
    assert kept in render_prose(prose)


@pytest.mark.parametrize(
    "prose, gone",
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ('<img src="x">', "<img"),
        ("[x](javascript:alert(1))", "javascript:"),
        ("[x](JaVaScRiPt:alert(1))", "alert(1)"),
        ("[x](data:text/html,<script>)", "data:"),
        ('<a href="https://e.org" onclick="x()">x</a>', "onclick"),
        ('<p style="color:red">x</p>', "style"),
        ("<iframe src=https://e.org></iframe>", "iframe"),
    ],
)
def test_prose_loses_anything_that_could_run(prose, gone):
    assert gone.lower() not in render_prose(prose).lower()


def test_prose_is_one_raw_html_block_without_blank_lines():
    rendered = render_prose("one\n\n\n\ntwo\n\n> three")
    assert rendered.startswith('<div class="prose" markdown="0">\n') and rendered.endswith("\n</div>")
    assert "\n\n" not in rendered


@pytest.mark.parametrize("empty", ["", None])
def test_no_prose_is_nothing(empty):
    assert render_prose(empty) == ""
