"""A source's address: what a note may hold (a clear reason otherwise), and the href a page writes."""

from __future__ import annotations

import pytest

from generator.urls import URL_MAX, check_url, href


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/news/article",
        "http://example.org",
        "HTTPS://Example.ORG/Path",  # any case
        "https://example.org:8080/a?q=1&r=2#part",
        "https://example.org/café/straße",  # letters beyond ASCII in the path
        "https://example.org/a%20b%5Bc%5D",
        "https://xn--bcher-kva.de/",
        "https://example.org./trailing-dot",
    ],
)
def test_an_address_that_follows_the_rule_is_kept_as_written(url):
    assert check_url(url) == url


@pytest.mark.parametrize(
    "url, reason",
    [
        ("https://example.org/a b", "U+0020 SPACE at character 22, which no address may hold; write it as %20"),
        ("https://example.org/\u200b", "U+200B ZERO WIDTH SPACE at character 21"),
        ("https://example.org/\u202ereversed", "U+202E"),
        ("https://example.org/\n", "U+000A"),
        ("https://example.org/[x]", "'[' at character 21; write it percent-encoded as %5B"),
        ('https://example.org/"x"', "as %22"),
        ("https://example.org/<x>", "as %3C"),
        ("https://example.org/50%", "'%' at character 23 does not start a percent-encoding like %20; write it as %25"),
        ("ftp://example.org/", "must start with http:// or https://"),
        ("javascript:alert(1)", "must start with http:// or https://"),
        ("//example.org/", "must start with http:// or https://"),
        ("https:example.org", "must start with http:// or https://"),
        ("https://user:pass@example.org/", "remove 'user:pass@'"),
        ("https:///path", "no host after '//'"),
        ("https://ex_ample.org/", "'ex_ample.org' is not a host name"),
        ("https://bücher.de/", "write the host in ASCII: xn--bcher-kva.de"),
        ("https://example.org:0/", "port 0 does not exist"),
        ("https://example.org:65536/", "port 65536 does not exist"),
        ("https://example.org/" + "a" * URL_MAX, f"keep it to {URL_MAX} or fewer"),
    ],
)
def test_an_address_against_the_rule_is_refused_saying_what_to_change(url, reason):
    with pytest.raises(ValueError) as refused:
        check_url(url)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    "url, attribute",
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
        ("https://example.org/café", "https://example.org/caf%C3%A9"),
        ("https://example.org/it's", "https://example.org/it&#x27;s"),
        ("https://example.org/a b[c]", "https://example.org/a%20b%5Bc%5D"),  # should a refused one get there
    ],
)
def test_href_percent_encodes_beyond_ascii_and_escapes_for_an_attribute(url, attribute):
    assert href(url) == attribute
