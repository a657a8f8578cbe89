"""Search knows spellings: the usual transliterations of a name find that actor's page first."""

from __future__ import annotations

import pytest
import yaml

from helpers import REPO, first_results

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "query, actor",
    [
        ("Zelensky", "volodymyr-zelenskyy"),
        ("Zelenskiy", "volodymyr-zelenskyy"),
        ("Yury Ushakov", "yuri-ushakov"),
        ("Dmitri Peskov", "dmitry-peskov"),
    ],
)
def test_a_spelling_variant_finds_the_actor_first(seed_site, serve, page, query, actor):
    note = yaml.safe_load((REPO / "seeds" / "actors" / f"{actor}.yml").read_text("utf-8"))
    assert query in note["aliases"]  # the variant is a note's alias, not a rule of the search
    assert first_results(page, serve(seed_site / "site"), query)[0] == f"/actors/{actor}/"
