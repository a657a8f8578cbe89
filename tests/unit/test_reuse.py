"""Change detection for serve: which looked-up values changed between two renders, and which render
tasks may therefore be reused (generator/reuse.py)."""

from __future__ import annotations

import pytest

from generator.reuse import EVERY_KEY, MISSING, LoggedTable, Reads, TaskMemo, changes


@pytest.mark.parametrize(
    "old, new, changed",
    [
        ({"actors": {"a": 1, "b": 2}}, {"actors": {"a": 1, "b": 2}}, set()),
        ({"actors": {"a": 1}}, {"actors": {"a": 9}}, {("actors", "a")}),
        # A key added or removed changes that key and the table's key order.
        ({"actors": {"a": 1}}, {"actors": {"a": 1, "b": 2}}, {("actors", "b"), ("actors", EVERY_KEY)}),
        ({"actors": {"a": 1, "b": 2}}, {"actors": {"a": 1}}, {("actors", "b"), ("actors", EVERY_KEY)}),
        # The same entries in another order: only the order.
        ({"actors": {"a": 1, "b": 2}}, {"actors": {"b": 2, "a": 1}}, {("actors", EVERY_KEY)}),
        ({"actors": {"a": 1}, "issues": {"x": 1}}, {"actors": {"a": 1}, "issues": {"x": 2}}, {("issues", "x")}),
    ],
)
def test_changes_are_the_keys_whose_values_differ(old, new, changed):
    assert changes(old, new, {}) == changed


def test_a_derived_value_is_compared_only_where_its_source_table_changed():
    looked_up = {"lookup.actor": "actors"}
    old = {"actors": {"a": {"name": "Ann", "bio": "x"}, "b": {"name": "Bo"}}, "lookup.actor": {"a": "Ann", "b": "Bo"}}
    # a's biography changed, not its name: the name lookup of a is unchanged.
    new = {"actors": {"a": {"name": "Ann", "bio": "y"}, "b": {"name": "Bo"}}, "lookup.actor": {"a": "Ann", "b": "Bo"}}
    assert changes(old, new, looked_up) == {("actors", "a")}
    renamed = {
        "actors": {"a": {"name": "Anna", "bio": "x"}, "b": {"name": "Bo"}},
        "lookup.actor": {"a": "Anna", "b": "Bo"},
    }
    assert changes(old, renamed, looked_up) == {("actors", "a"), ("lookup.actor", "a")}


def test_a_logged_table_records_every_lookup_a_task_makes():
    reads = Reads()
    table = LoggedTable("actors", {"a": 1, "b": 2}, reads)
    assert table["a"] == 1  # no task running: nothing logged
    reads.log = {}
    assert table.get("b") == 2
    assert "zed" not in table
    assert table.get("zed", "default") == "default"
    assert list(table) == ["a", "b"]
    assert reads.log == {("actors", "b"): 2, ("actors", "zed"): MISSING, ("actors", EVERY_KEY): ("a", "b")}


def test_a_derived_lookup_is_logged_as_its_result_not_the_lookups_it_makes():
    reads = Reads()
    table = LoggedTable("actors", {"a": {"name": "Ann", "bio": "long"}}, reads)
    reads.log = {}
    assert reads.derived("lookup.actor", "a", lambda: table["a"]["name"]) == "Ann"
    assert reads.log == {("lookup.actor", "a"): "Ann"}


def test_a_task_is_reused_until_a_value_it_looked_up_changes():
    memo = TaskMemo()
    first = {"actors": {"a": 1, "b": 2}}
    memo.begin(first, {})
    memo.keep("page-a", {("actors", "a"): 1}, "page a v1")
    memo.keep("page-b", {("actors", "b"): 2}, "page b v1")
    memo.finish({"page-a", "page-b"})

    memo.begin({"actors": {"a": 1, "b": 3}}, {})
    assert memo.result("page-a") == "page a v1"
    assert memo.result("page-b") is None  # b changed: run it again
    memo.keep("page-b", {("actors", "b"): 3}, "page b v2")
    memo.finish({"page-a", "page-b"})

    memo.begin({"actors": {"a": 1, "b": 3}}, {})
    assert (memo.result("page-a"), memo.result("page-b")) == ("page a v1", "page b v2")
    memo.finish({"page-a"})  # page-b's task is gone
    memo.begin({"actors": {"a": 1, "b": 3}}, {})
    assert memo.result("page-b") is None


def test_after_a_failed_render_nothing_is_reused():
    memo = TaskMemo()
    tables = {"actors": {"a": 1}}
    memo.begin(tables, {})
    memo.keep("page-a", {("actors", "a"): 1}, "kept")
    memo.finish({"page-a"})
    memo.begin(tables, {})
    memo.abandon()
    memo.begin(tables, {})
    assert memo.result("page-a") is None
