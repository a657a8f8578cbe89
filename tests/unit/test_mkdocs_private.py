"""The private parts of MkDocs briefing uses are all still there, with the parameters it passes."""

from __future__ import annotations

import inspect
import threading

import pytest

from generator.mkdocs_private import MkDocsChanged, private_mkdocs

# The parameters each private build step is called with (mkdocs_build.py), in order.
CALLED_WITH = {
    "populate_page": ["page", "config", "files"],
    "build_page": ["page", "config", "doc_files", "nav", "env"],
    "build_theme_template": ["template_name", "env", "files", "config", "nav"],
    "build_extra_template": ["template_name", "files", "config", "nav"],
}


@pytest.mark.parametrize("step", sorted(CALLED_WITH))
def test_each_private_build_step_takes_the_parameters_briefing_passes(step):
    parameters = list(inspect.signature(getattr(private_mkdocs(), step)).parameters)
    assert parameters[: len(CALLED_WITH[step])] == CALLED_WITH[step]


def test_the_search_index_still_collects_its_entries_in_a_list():
    from mkdocs.contrib.search import SearchPlugin

    plugin = SearchPlugin()
    plugin.load_config({})
    plugin.on_pre_build(config={"theme": {"name": "mkdocs"}, "extra": {}})  # type: ignore[arg-type]  # the keys it reads
    entries = private_mkdocs().search_entries(plugin)
    assert entries is not None and entries == []
    plugin.search_index.add_entry_from_context(
        type("Page", (), {"title": "T", "url": "t/", "toc": [], "content": "<p>words</p>"})()
    )
    assert entries and entries[0]["title"] == "T"


def test_the_dev_server_still_has_its_rebuild_flag_under_its_lock(tmp_path):
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    trigger = private_mkdocs().rebuild_trigger(server)
    assert trigger is not None
    assert isinstance(server._rebuild_cond, threading.Condition) and server._want_rebuild is False
    trigger()
    assert server._want_rebuild is True


def test_a_mkdocs_without_a_build_step_is_named_not_met_later(monkeypatch):
    from mkdocs.commands import build

    monkeypatch.delattr(build, "_build_page")
    private_mkdocs.cache_clear()
    try:
        with pytest.raises(MkDocsChanged, match="mkdocs.commands.build._build_page"):
            private_mkdocs()
    finally:
        monkeypatch.undo()
        private_mkdocs.cache_clear()
