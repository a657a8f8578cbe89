"""Relative links between pages, dates as pages print them, and how long sections are grouped and cut."""

from __future__ import annotations

import posixpath

import pytest

from generator.model import Precision, When
from generator.pages.page import relative_url
from generator.pages.paging import Group, Part, letter_key, merge_groups, month_key, paginate
from generator.pages.paging import cut as cut_groups
from generator.pages.shown_dates import format_date, month_label


@pytest.mark.parametrize(
    "from_folder, target, url",
    [
        ("", "actors/putin.md", "actors/putin.md"),
        ("actors", "actors/putin.md", "putin.md"),
        ("actors", "issues/ceasefire.md", "../issues/ceasefire.md"),
        ("actors", "index.md", "../index.md"),
        ("actors/by-name", "actors/putin.md", "../putin.md"),
        ("actors/by-name", "actors/by-name/b.md", "b.md"),
        ("quotes/by-speaker", "events/by-month/2025-12.md", "../../events/by-month/2025-12.md"),
        ("actors", "actors-extra/x.md", "../actors-extra/x.md"),  # a shared prefix is not a shared folder
    ],
)
def test_relative_url_to_a_page_is_what_relpath_gives(from_folder, target, url):
    assert relative_url(from_folder, target) == url
    assert url == posixpath.relpath(target, from_folder or ".")


@pytest.mark.parametrize(
    "when, shown",
    [
        (None, "undated"),
        (When(value="2025-12-02"), "2 December 2025"),
        (When(value="2025-12"), "December 2025"),
        (When(value="2025"), "2025"),
        (When(value="2025-01-09", precision=Precision.approximate), "around 9 January 2025"),
        (When(value="2025-01-09", phrase="on Thursday"), "9 January 2025"),  # checked words are not shown
    ],
)
def test_format_date(when, shown):
    assert format_date(when) == shown


@pytest.mark.parametrize(
    "when, label, key",
    [
        (None, "Undated", "undated"),
        (When(value="2025-12-02"), "December 2025", "2025-12"),
        (When(value="2025-03"), "March 2025", "2025-03"),
        (When(value="2025"), "2025", "2025"),
    ],
)
def test_month_groups_are_named_and_keyed(when, label, key):
    assert month_label(when) == label
    assert month_key(when) == (key, label)


@pytest.mark.parametrize(
    "name, key",
    [
        ("alice", ("a", "A")),
        ("Zelensky", ("z", "Z")),
        ("Émilie", ("u00c9", "É")),
        ("Łukasz", ("u0141", "Ł")),
        ("42nd Brigade", ("other", "#")),
        ("«Quoted»", ("other", "#")),
        ("", ("other", "#")),
    ],
)
def test_a_name_is_grouped_by_its_first_letter(name, key):
    assert letter_key(name) == key


def test_groups_keep_the_order_of_their_first_entry():
    keyed = [(("b", "B"), "bob"), (("a", "A"), "ann"), (("b", "B"), "bea"), (("other", "#"), "42")]
    assert merge_groups(keyed) == [
        Group("b", "B", ["bob", "bea"]),
        Group("a", "A", ["ann"]),
        Group("other", "#", ["42"]),
    ]
    assert merge_groups([]) == []


def test_each_part_knows_its_neighbours_and_the_whole():
    parts = cut_groups([Group("a", "A", ["x", "y", "z"])], "actors/by-name", 1)
    index, pages = paginate("Who's who", "By name.", "entries", "actors/index.md", parts, "_section_part_body.md.j2")
    assert (index.total, index.parts) == (3, parts)
    assert [(p.previous, p.next) for p in pages] == [(None, parts[1]), (parts[0], parts[2]), (parts[1], None)]
    assert [p.title for p in pages] == ["Who's who: A", "Who's who: A, from y", "Who's who: A, from z"]
    assert {(p.whole, p.whole_title) for p in pages} == {("actors/index.md", "Who's who")}
    (only,) = paginate("Quotes", "", "quotes", "quotes.md", parts[:1], "_quotes_body.md.j2", show=len)[1]
    assert (only.previous, only.next, only.groups) == (None, None, 1)  # ``show`` of the part's entries


def cut(groups, threshold: int, folder: str = "actors/by-name"):
    return cut_groups(groups, folder, threshold)


@pytest.mark.parametrize(
    "entries, threshold, pages",
    [
        (3, 3, [("A", "actors/by-name/a.md", 3)]),
        (
            3,
            1,
            [
                ("A", "actors/by-name/a.md", 1),
                ("A, from id-1", "actors/by-name/a-from-id-1.md", 1),
                ("A, from id-2", "actors/by-name/a-from-id-2.md", 1),
            ],
        ),
        (1, 150, [("A", "actors/by-name/a.md", 1)]),
    ],
)
def test_a_group_longer_than_the_threshold_is_cut_into_parts_named_by_their_first_entry(entries, threshold, pages):
    ids = [f"id-{n}" for n in range(entries)]
    found = cut([Group("a", "A", ids)], threshold)
    assert [(part.label, part.path, part.count) for part in found] == pages
    assert [i for part in found for i in part.entries] == ids  # every entry once, in order


@pytest.mark.parametrize("where", [0, 700])
def test_one_new_entry_changes_only_its_own_part_and_a_few_after(where):
    """A long group cut at fixed counts would move an entry into every later part (each changes)."""
    ids = [f"st-{n}" for n in range(2000)]
    before = cut([Group("i", "I", ids)], 150)
    after = cut([Group("i", "I", [*ids[:where], "st-new", *ids[where:]])], 150)
    assert [i for part in after for i in part.entries] == [*ids[:where], "st-new", *ids[where:]]
    assert all(0 < part.count <= 150 for part in after)
    assert len(after) < 2000 / 40  # not parts of a few entries: as many pages to page through
    changed = [part for part in after if part not in before]
    assert any("st-new" in part.entries for part in changed)
    assert len(changed) <= 3, [part.label for part in changed]
    assert len(before) > 13  # long enough to show it


def test_renaming_a_groups_first_entry_relabels_no_part():
    """The group's first name is the likeliest to be renamed into another place; its part is the
    group's heading, so the pages linking to that part (every page of a speaker in it) keep their text."""
    names = {f"id-{n}": f"Name {n}" for n in range(400)}
    before = cut_groups([Group("b", "B", list(names))], "actors/by-name", 150, name=names.__getitem__)
    names["id-0"] = "Name 0 Renamed"
    after = cut_groups([Group("b", "B", list(names))], "actors/by-name", 150, name=names.__getitem__)
    assert len(before) > 1 and [(p.label, p.path) for p in after] == [(p.label, p.path) for p in before]
    assert before[0].label == "B" and before[1].label.startswith("B, from Name ")


def test_every_group_gets_its_own_pages():
    found = cut([Group("a", "A", ["x", "y"]), Group("other", "#", ["1"])], 150)
    assert found == [Part("A", "actors/by-name/a.md", ["x", "y"]), Part("#", "actors/by-name/other.md", ["1"])]
