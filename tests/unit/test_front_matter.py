"""A generated page's front matter reads back, through the loader MkDocs uses, as the values written."""

from __future__ import annotations

import pytest

from generator.front_matter import FrontMatterError, front_matter, read_front_matter, yaml_string

VALUES = [
    "plain",
    "",
    "with: colon",
    "# not a comment",
    "'single' and \"double\"",
    "line\nbreak",
    "tab\there",
    "back\\slash",
    "null",
    "true",
    "123",
    "- dash",
    "{curly}",
    "[square]",
    "é and ß",
    "a\u2028line separator",
    "flag 🇺🇦 and emoji 😀",
    "\U0001f600 first",
    "---",
    "...",
    "*alias",
    "&anchor",
    "!tag",
]


@pytest.mark.parametrize("value", VALUES)
def test_every_value_reads_back_as_written(value):
    block = front_matter({"title": value, "notes_file": "seeds/actors/x.yml"})
    assert read_front_matter(block + "# body\n") == {"title": value, "notes_file": "seeds/actors/x.yml"}


@pytest.mark.parametrize("value", VALUES)
def test_yaml_string_is_one_ascii_line(value):
    written = yaml_string(value)
    assert written.isascii() and "\n" not in written and written.startswith('"') and written.endswith('"')


def test_characters_above_the_basic_plane_are_written_as_yaml_escapes_not_surrogate_pairs():
    assert yaml_string("🇺") == '"\\U0001f1fa"'


@pytest.mark.parametrize(
    "text",
    [
        "no front matter",
        "---\nnot: [closed\n---\n",  # broken YAML: MkDocs reads none
        "---\n- a list\n---\n",  # not a mapping
        "\n---\ntitle: late\n---\n",  # not at the top
    ],
)
def test_text_mkdocs_reads_no_front_matter_from(text):
    assert read_front_matter(text) is None


def test_a_block_that_would_not_read_back_is_an_error_not_a_broken_page():
    with pytest.raises(FrontMatterError):
        front_matter({"title: x": "y"})  # keys are the generator's own: a slip there is caught
